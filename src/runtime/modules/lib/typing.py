# `typing`, after CPython's Lib/typing.py: the special forms, the generic aliases of the builtin
# containers and of collections.abc, TypeVar and Generic, with CPython's reprs, equality and
# errors. Annotations are not checked at run time, so what matters is what they print.
# Without metaclasses in cellar, isinstance() against these objects is not supported, and the
# collections.abc aliases have no __origin__ (there is no collections.abc to point at).

_NoneType = type(None)
_FunctionType = type(lambda: None)


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if isinstance(obj, _FunctionType):
        return obj.__name__
    return repr(obj)


def _type_convert(arg):
    if arg is None:
        return _NoneType
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


def _type_check(arg, msg, allow_special_forms=False):
    arg = _type_convert(arg)
    if isinstance(arg, _GenericAlias) and arg._origin is Generic:
        raise TypeError(f"{arg} is not valid as type argument")
    if not allow_special_forms and isinstance(arg, _GenericAlias) and arg._origin in (ClassVar, Final):
        raise TypeError(f"{arg} is not valid as type argument")
    if arg is Any or arg is NoReturn:
        return arg
    if isinstance(arg, _SpecialForm) or arg is Generic:
        raise TypeError(f"Plain {arg} is not valid as type argument")
    if type(arg) is tuple:
        raise TypeError(f"{msg} Got {arg!r:.100}.")
    return arg


def _collect_parameters(args):
    parameters = []
    for t in args:
        if isinstance(t, TypeVar):
            if t not in parameters:
                parameters.append(t)
        else:
            for x in getattr(t, '__parameters__', ()):
                if x not in parameters:
                    parameters.append(x)
    return tuple(parameters)


def _deduplicate(params):
    new_params = []
    for t in params:
        if t not in new_params:
            new_params.append(t)
    return new_params


class ForwardRef:
    def __init__(self, arg):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'


class _SpecialForm:
    def __init__(self, name, getitem):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


class _AnyForm(_SpecialForm):
    def __call__(self, *args, **kwds):
        raise TypeError("Any cannot be instantiated")

    def __getitem__(self, parameters):
        # CPython's Any is a class, so its error names a type.
        raise TypeError("type 'Any' is not subscriptable")

    # `Any | None` is a types.UnionType in CPython, which cellar does not have yet.
    def __or__(self, right):
        return NotImplemented

    def __ror__(self, left):
        return NotImplemented


def _union(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    msg = "Union[arg, ...]: each arg must be a type."
    params = []
    for p in parameters:
        p = _type_check(p, msg)
        if isinstance(p, _UnionGenericAlias):
            params.extend(p.__args__)
        else:
            params.append(p)
    params = _deduplicate(params)
    if len(params) == 1:
        return params[0]
    return _UnionGenericAlias(self, tuple(params))


def _optional(self, parameters):
    arg = _type_check(parameters, f"{self} requires a single type.")
    return Union[arg, type(None)]


def _single(self, parameters):
    item = _type_check(parameters, f'{self._name} accepts only single type.')
    return _GenericAlias(self, (item,), name=self._name)


def _literal(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    params = []
    for p in parameters:
        if not any(p == q and type(p) is type(q) for q in params):
            params.append(p)
    return _GenericAlias(self, tuple(params), name='Literal')


Any = _AnyForm('Any', None)
NoReturn = _SpecialForm('NoReturn', None)
Union = _SpecialForm('Union', _union)
Optional = _SpecialForm('Optional', _optional)
ClassVar = _SpecialForm('ClassVar', _single)
Final = _SpecialForm('Final', _single)
Literal = _SpecialForm('Literal', _literal)


class _GenericAlias:
    """`List[int]` and its kin: an origin and the arguments it was subscripted with."""

    def __init__(self, origin, args, name=None):
        # A collections.abc alias has no origin here: reading it is an AttributeError.
        self._origin = origin
        if origin is not None:
            self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self.__parameters__ = _collect_parameters(args)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self._origin == other._origin and self._name == other._name and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._origin, self._name, self.__args__))

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    def __repr__(self):
        if self._name:
            name = 'typing.' + self._name
        else:
            name = _type_repr(self._origin)
        if self.__args__:
            args = ", ".join([_type_repr(a) for a in self.__args__])
        else:
            args = "()"
        return f'{name}[{args}]'

    def __call__(self, *args, **kwargs):
        _check_instantiable(self)
        result = self._origin(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __mro_entries__(self, bases):
        if isinstance(self._origin, _SpecialForm):
            raise TypeError(f"Cannot subclass {self!r}")
        i = bases.index(self)
        if self._name:
            if self._origin is None:
                raise NotImplementedError(f"cellar cannot subclass {self!r} yet")
            res = [] if self._origin in bases else [self._origin]
            if not any(isinstance(b, _GenericAlias) or (isinstance(b, type) and issubclass(b, Generic))
                       for b in bases[i + 1:]):
                res.append(Generic)
            return tuple(res)
        if self._origin is Generic:
            for b in bases[i + 1:]:
                if isinstance(b, _GenericAlias) and b is not self:
                    return ()
        return (self._origin,)

    def __getitem__(self, args):
        # Substituting the type variables: `Dict[str, T][int]` is `Dict[str, int]`.
        if not self.__parameters__:
            raise TypeError(f"{self} is not a generic class")
        if not isinstance(args, tuple):
            args = (args,)
        args = tuple(_type_convert(a) for a in args)
        if len(args) != len(self.__parameters__):
            raise TypeError(f"Too {'many' if len(args) > len(self.__parameters__) else 'few'} arguments for {self};"
                            f" actual {len(args)}, expected {len(self.__parameters__)}")
        return self._substitute(dict(zip(self.__parameters__, args)))

    def _substitute(self, subst):
        new_args = []
        for a in self.__args__:
            if isinstance(a, TypeVar):
                a = subst[a]
            elif isinstance(a, _GenericAlias) and a.__parameters__:
                a = a._substitute(subst)
            new_args.append(a)
        return self._copy_with(tuple(new_args))

    def _copy_with(self, args):
        return type(self)(self._origin, args, name=self._name)


class _UnionGenericAlias(_GenericAlias):
    def __init__(self, origin, args, name='Union'):
        super().__init__(Union, args, name='Union')

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is type(None):
                return f'typing.Optional[{_type_repr(args[1])}]'
            elif args[1] is type(None):
                return f'typing.Optional[{_type_repr(args[0])}]'
        return super().__repr__()

    def _copy_with(self, args):
        return Union[args]


class _CallableGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return super().__repr__()
        return (f'typing.Callable'
                f'[[{", ".join([_type_repr(a) for a in args[:-1]])}], '
                f'{_type_repr(args[-1])}]')


class _SpecialGenericAlias:
    """A bare `List`, `Dict`, `Iterable`: subscripting it makes a `_GenericAlias`."""

    def __init__(self, origin, nparams, name):
        self._origin = origin
        if origin is not None:
            self.__origin__ = origin
        self._nparams = nparams
        self._name = name

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwargs):
        _check_instantiable(self)
        return self.__origin__(*args, **kwargs)

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        msg = "Parameters to generic types must be types."
        params = tuple(_type_check(p, msg) for p in params)
        if len(params) != self._nparams:
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments for {self};"
                            f" actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self._origin, params, name=self._name)


def _check_instantiable(alias):
    # CPython refuses to make a list through `List`; the other aliases call their origin.
    if alias._name in ('List', 'Dict', 'Set', 'FrozenSet', 'Tuple'):
        raise TypeError(f"Type {alias._name} cannot be instantiated; use {alias._origin.__name__}() instead")
    if alias._origin is None:
        raise NotImplementedError(f"cellar cannot instantiate {alias!r} yet")


class _TupleType(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if len(params) >= 2 and params[-1] is ...:
            msg = "Tuple[t, ...]: t must be a type."
            params = tuple(_type_check(p, msg) for p in params[:-1])
            return _GenericAlias(tuple, (*params, ...), name='Tuple')
        msg = "Tuple[t0, t1, ...]: each t must be a type."
        params = tuple(_type_check(p, msg) for p in params)
        return _GenericAlias(tuple, params, name='Tuple')


class _CallableType(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        result = _type_check(result, "Callable[args, result]: result must be a type.")
        if args is ...:
            return _CallableGenericAlias(None, (..., result), name='Callable')
        if not isinstance(args, (tuple, list)):
            args = (args,)
        args = tuple(_type_convert(arg) for arg in args)
        return _CallableGenericAlias(None, args + (result,), name='Callable')


List = _SpecialGenericAlias(list, 1, 'List')
Dict = _SpecialGenericAlias(dict, 2, 'Dict')
Set = _SpecialGenericAlias(set, 1, 'Set')
FrozenSet = _SpecialGenericAlias(frozenset, 1, 'FrozenSet')
Type = _SpecialGenericAlias(type, 1, 'Type')
Tuple = _TupleType(tuple, -1, 'Tuple')
Callable = _CallableType(None, 2, 'Callable')
Iterable = _SpecialGenericAlias(None, 1, 'Iterable')
Iterator = _SpecialGenericAlias(None, 1, 'Iterator')
Generator = _SpecialGenericAlias(None, 3, 'Generator')
Reversible = _SpecialGenericAlias(None, 1, 'Reversible')
Container = _SpecialGenericAlias(None, 1, 'Container')
Collection = _SpecialGenericAlias(None, 1, 'Collection')
Sequence = _SpecialGenericAlias(None, 1, 'Sequence')
MutableSequence = _SpecialGenericAlias(None, 1, 'MutableSequence')
AbstractSet = _SpecialGenericAlias(None, 1, 'AbstractSet')
MutableSet = _SpecialGenericAlias(None, 1, 'MutableSet')
Mapping = _SpecialGenericAlias(None, 2, 'Mapping')
MutableMapping = _SpecialGenericAlias(None, 2, 'MutableMapping')
KeysView = _SpecialGenericAlias(None, 1, 'KeysView')
ItemsView = _SpecialGenericAlias(None, 2, 'ItemsView')
ValuesView = _SpecialGenericAlias(None, 1, 'ValuesView')
Awaitable = _SpecialGenericAlias(None, 1, 'Awaitable')
Coroutine = _SpecialGenericAlias(None, 3, 'Coroutine')
AsyncIterable = _SpecialGenericAlias(None, 1, 'AsyncIterable')
AsyncIterator = _SpecialGenericAlias(None, 1, 'AsyncIterator')
Hashable = _SpecialGenericAlias(None, 0, 'Hashable')
Sized = _SpecialGenericAlias(None, 0, 'Sized')


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        if constraints and len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        msg = "TypeVar(name, constraint, ...): constraints must be types."
        self.__constraints__ = tuple(_type_check(t, msg) for t in constraints)
        self.__bound__ = _type_check(bound, "Bound must be a type.") if bound is not None else None

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


class Generic:
    """The base of generic classes: `class Stack(Generic[T])`, then `Stack[int]`."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_type_convert(p) for p in params)
        if cls is Generic:
            if not all(isinstance(p, TypeVar) for p in params):
                raise TypeError("Parameters to Generic[...] must all be type variables "
                                "or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError("Parameters to Generic[...] must all be unique")
        return _GenericAlias(cls, params)


Text = str
TYPE_CHECKING = False


def cast(typ, val):
    """Cast a value to a type: returned unchanged, as at run time nothing is checked."""
    return val


def get_args(tp):
    if isinstance(tp, _CallableGenericAlias):
        res = tp.__args__
        if res[0] is not ...:
            return (list(res[:-1]), res[-1])
        return res
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()
