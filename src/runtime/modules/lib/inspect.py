# The pure-Python part of `inspect`: `signature`, `Signature`, `Parameter` and
# `BoundArguments`, and the generator predicates and states, after CPython's Lib/inspect.py. `_code_shape` (Rust) gives a code
# object's parameter counts and whether it has `*args`/`**kwargs`, which CPython reads from
# `co_flags`.

class _empty:
    """Marker object for Signature.empty and Parameter.empty."""

class _ParameterKind:
    def __init__(self, value, name, description):
        self.value = value
        self.name = name
        self.description = description
    def __repr__(self):
        return f"<_ParameterKind.{self.name}: {self.value}>"
    def __str__(self):
        return self.name
    def __lt__(self, other):
        return self.value < other.value

_POSITIONAL_ONLY = _ParameterKind(0, 'POSITIONAL_ONLY', 'positional-only')
_POSITIONAL_OR_KEYWORD = _ParameterKind(1, 'POSITIONAL_OR_KEYWORD', 'positional or keyword')
_VAR_POSITIONAL = _ParameterKind(2, 'VAR_POSITIONAL', 'variadic positional')
_KEYWORD_ONLY = _ParameterKind(3, 'KEYWORD_ONLY', 'keyword-only')
_VAR_KEYWORD = _ParameterKind(4, 'VAR_KEYWORD', 'variadic keyword')

def formatannotation(annotation):
    if isinstance(annotation, type):
        if annotation.__module__ == 'builtins':
            return annotation.__qualname__
        return annotation.__module__ + '.' + annotation.__qualname__
    return repr(annotation)

class Parameter:
    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    @property
    def name(self):
        return self._name
    @property
    def default(self):
        return self._default
    @property
    def annotation(self):
        return self._annotation
    @property
    def kind(self):
        return self._kind

    def replace(self, *, kind=None, default=None):
        return Parameter(self._name, self._kind if kind is None else kind,
                         default=self._default if default is None else default,
                         annotation=self._annotation)

    def __str__(self):
        kind = self.kind
        formatted = self._name
        if self._annotation is not _empty:
            formatted = f'{formatted}: {formatannotation(self._annotation)}'
        if self._default is not _empty:
            if self._annotation is not _empty:
                formatted = f'{formatted} = {self._default!r}'
            else:
                formatted = f'{formatted}={self._default!r}'
        if kind is _VAR_POSITIONAL:
            formatted = '*' + formatted
        elif kind is _VAR_KEYWORD:
            formatted = '**' + formatted
        return formatted

    def __repr__(self):
        return f'<{type(self).__name__} "{self}">'

class BoundArguments:
    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    @property
    def signature(self):
        return self._signature

    @property
    def args(self):
        args = []
        for param_name, param in self._signature.parameters.items():
            if param.kind is _VAR_KEYWORD or param.kind is _KEYWORD_ONLY:
                break
            if param_name not in self.arguments:
                break
            arg = self.arguments[param_name]
            if param.kind is _VAR_POSITIONAL:
                args.extend(arg)
            else:
                args.append(arg)
        return tuple(args)

    @property
    def kwargs(self):
        kwargs = {}
        kwargs_started = False
        for param_name, param in self._signature.parameters.items():
            if not kwargs_started:
                if param.kind is _VAR_KEYWORD or param.kind is _KEYWORD_ONLY:
                    kwargs_started = True
                elif param_name not in self.arguments:
                    kwargs_started = True
                    continue
            if not kwargs_started:
                continue
            if param_name not in self.arguments:
                continue
            arg = self.arguments[param_name]
            if param.kind is _VAR_KEYWORD:
                kwargs.update(arg)
            else:
                kwargs[param_name] = arg
        return kwargs

    def apply_defaults(self):
        arguments = self.arguments
        new_arguments = []
        for name, param in self._signature.parameters.items():
            if name in arguments:
                new_arguments.append((name, arguments[name]))
            elif param.default is not _empty:
                new_arguments.append((name, param.default))
            elif param.kind is _VAR_POSITIONAL:
                new_arguments.append((name, ()))
            elif param.kind is _VAR_KEYWORD:
                new_arguments.append((name, {}))
        self.arguments = dict(new_arguments)

    def __repr__(self):
        args = []
        for arg, value in self.arguments.items():
            args.append(f'{arg}={value!r}')
        return '<{} ({})>'.format(self.__class__.__name__, ', '.join(args))

class Signature:
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty):
        params = {}
        for param in parameters or ():
            params[param.name] = param
        self._parameters = params
        self._return_annotation = return_annotation

    @property
    def parameters(self):
        return self._parameters

    @property
    def return_annotation(self):
        return self._return_annotation

    def replace(self, *, parameters):
        return Signature(parameters, return_annotation=self._return_annotation)

    def _bind(self, args, kwargs, partial=False):
        arguments = {}
        parameters = iter(self.parameters.values())
        parameters_ex = ()
        arg_vals = iter(args)
        while True:
            try:
                arg_val = next(arg_vals)
            except StopIteration:
                try:
                    param = next(parameters)
                except StopIteration:
                    break
                else:
                    if param.kind is _VAR_POSITIONAL:
                        break
                    elif param.name in kwargs:
                        if param.kind is _POSITIONAL_ONLY:
                            raise TypeError(f'{param.name!r} parameter is positional only, '
                                            'but was passed as a keyword')
                        parameters_ex = (param,)
                        break
                    elif param.kind is _VAR_KEYWORD or param.default is not _empty:
                        parameters_ex = (param,)
                        break
                    else:
                        if partial:
                            parameters_ex = (param,)
                            break
                        raise TypeError(f'missing a required argument: {param.name!r}')
            else:
                try:
                    param = next(parameters)
                except StopIteration:
                    raise TypeError('too many positional arguments')
                else:
                    if param.kind is _VAR_KEYWORD or param.kind is _KEYWORD_ONLY:
                        raise TypeError('too many positional arguments')
                    if param.kind is _VAR_POSITIONAL:
                        values = [arg_val]
                        values.extend(arg_vals)
                        arguments[param.name] = tuple(values)
                        break
                    if param.name in kwargs and param.kind is not _POSITIONAL_ONLY:
                        raise TypeError(f'multiple values for argument {param.name!r}')
                    arguments[param.name] = arg_val
        kwargs_param = None
        for param in list(parameters_ex) + list(parameters):
            if param.kind is _VAR_KEYWORD:
                kwargs_param = param
                continue
            if param.kind is _VAR_POSITIONAL:
                continue
            param_name = param.name
            if param_name in kwargs and param.kind is not _POSITIONAL_ONLY:
                arguments[param_name] = kwargs.pop(param_name)
            elif not partial and param.kind is not _VAR_POSITIONAL and param.default is _empty:
                raise TypeError(f'missing a required argument: {param_name!r}')
        if kwargs:
            if kwargs_param is not None:
                arguments[kwargs_param.name] = kwargs
            else:
                raise TypeError(f'got an unexpected keyword argument {next(iter(kwargs))!r}')
        return BoundArguments(self, arguments)

    def bind(self, *args, **kwargs):
        return self._bind(args, kwargs)

    def bind_partial(self, *args, **kwargs):
        return self._bind(args, kwargs, partial=True)

    def __str__(self):
        result = []
        render_pos_only_separator = False
        render_kw_only_separator = True
        for param in self.parameters.values():
            formatted = str(param)
            kind = param.kind
            if kind is _POSITIONAL_ONLY:
                render_pos_only_separator = True
            elif render_pos_only_separator:
                result.append('/')
                render_pos_only_separator = False
            if kind is _VAR_POSITIONAL:
                render_kw_only_separator = False
            elif kind is _KEYWORD_ONLY and render_kw_only_separator:
                result.append('*')
                render_kw_only_separator = False
            result.append(formatted)
        if render_pos_only_separator:
            result.append('/')
        rendered = '({})'.format(', '.join(result))
        if self.return_annotation is not _empty:
            rendered += ' -> {}'.format(formatannotation(self.return_annotation))
        return rendered

    def __repr__(self):
        return f'<{type(self).__name__} {self}>'

def _function_signature(func):
    posonly, argcount, kwonly, varargs, varkw = _code_shape(func.__code__)
    names = func.__code__.co_varnames
    annotations = func.__annotations__
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__ or {}
    first_default = argcount - len(defaults)
    params = []
    for i in range(argcount):
        name = names[i]
        kind = _POSITIONAL_ONLY if i < posonly else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(Parameter(name, kind, default=default, annotation=annotations.get(name, _empty)))
    at = argcount + kwonly
    if varargs:
        name = names[at]
        params.append(Parameter(name, _VAR_POSITIONAL, annotation=annotations.get(name, _empty)))
        at += 1
    for i in range(argcount, argcount + kwonly):
        name = names[i]
        params.append(Parameter(name, _KEYWORD_ONLY, default=kwdefaults.get(name, _empty),
                                annotation=annotations.get(name, _empty)))
    if varkw:
        name = names[at]
        params.append(Parameter(name, _VAR_KEYWORD, annotation=annotations.get(name, _empty)))
    return Signature(params, return_annotation=annotations.get('return', _empty))

def _drop_first(sig):
    params = list(sig.parameters.values())
    if not params or params[0].kind is _VAR_POSITIONAL:
        return sig
    if params[0].kind is _VAR_KEYWORD or params[0].kind is _KEYWORD_ONLY:
        raise ValueError('invalid method signature')
    return sig.replace(parameters=params[1:])

def _partial_signature(sig, partial_args, partial_keywords):
    old_params = sig.parameters
    new_params = dict(old_params)
    ba = sig.bind_partial(*partial_args, **partial_keywords)
    transform_to_kwonly = False
    for param_name, param in old_params.items():
        if param_name in ba.arguments and param_name not in partial_keywords and param.kind is not _VAR_POSITIONAL:
            new_params.pop(param_name)
            continue
        if param.kind is _VAR_POSITIONAL and param_name in ba.arguments:
            continue
        if param.kind is _POSITIONAL_ONLY:
            continue
        if param_name in partial_keywords:
            new_params[param_name] = param.replace(kind=_KEYWORD_ONLY, default=partial_keywords[param_name])
            transform_to_kwonly = True
        elif transform_to_kwonly and param.kind is _POSITIONAL_OR_KEYWORD:
            new_params[param_name] = param.replace(kind=_KEYWORD_ONLY)
    # CPython moves the keyword-only parameters (and **kwargs) to the end, in their order.
    kwonly = [p for p in new_params.values() if p.kind is _KEYWORD_ONLY or p.kind is _VAR_KEYWORD]
    rest = [p for p in new_params.values() if not (p.kind is _KEYWORD_ONLY or p.kind is _VAR_KEYWORD)]
    return sig.replace(parameters=rest + kwonly)

def signature(obj, *, follow_wrapped=True):
    """Get a signature object for the passed callable."""
    if not callable(obj):
        raise TypeError(f'{obj!r} is not a callable object')
    if type(obj).__name__ == 'method':
        return _drop_first(signature(obj.__func__, follow_wrapped=follow_wrapped))
    if follow_wrapped:
        while hasattr(obj, '__wrapped__'):
            obj = obj.__wrapped__
    if type(obj).__name__ == 'function':
        return _function_signature(obj)
    if type(obj).__name__ == 'partial' and type(obj).__module__ == 'functools':
        return _partial_signature(signature(obj.func), obj.args, obj.keywords)
    if isinstance(obj, type):
        init = getattr(obj, '__init__', None)
        if type(init).__name__ == 'function':
            return _drop_first(_function_signature(init))
    else:
        call = getattr(type(obj), '__call__', None)
        if type(call).__name__ == 'function':
            return _drop_first(_function_signature(call))
    # CPython reads a built-in's signature from its C docstring, which cellar does not have.
    raise NotImplementedError(f'cellar does not support inspect.signature of {obj!r} yet')


import types

# Code flags, as CPython's `inspect` exports them.
CO_OPTIMIZED, CO_NEWLOCALS, CO_VARARGS, CO_VARKEYWORDS = 0x1, 0x2, 0x4, 0x8
CO_NESTED, CO_GENERATOR, CO_COROUTINE, CO_ASYNC_GENERATOR = 0x10, 0x20, 0x80, 0x200


def _has_code_flag(f, flag):
    while ismethod(f):
        f = f.__func__
    while hasattr(f, "func") and hasattr(f, "args") and hasattr(f, "keywords"):
        f = f.func
    return isfunction(f) and bool(f.__code__.co_flags & flag)


def ismethod(obj):
    return isinstance(obj, types.MethodType)


def isfunction(obj):
    return isinstance(obj, types.FunctionType)


def isgeneratorfunction(obj):
    return _has_code_flag(obj, CO_GENERATOR)


def iscoroutinefunction(obj):
    return _has_code_flag(obj, CO_COROUTINE)


def isgenerator(obj):
    return isinstance(obj, types.GeneratorType)


def iscoroutine(obj):
    return isinstance(obj, types.CoroutineType)


def isawaitable(obj):
    return isinstance(obj, types.CoroutineType) or hasattr(type(obj), "__await__")


GEN_CREATED = 'GEN_CREATED'
GEN_RUNNING = 'GEN_RUNNING'
GEN_SUSPENDED = 'GEN_SUSPENDED'
GEN_CLOSED = 'GEN_CLOSED'


def getgeneratorstate(generator):
    if generator.gi_running:
        return GEN_RUNNING
    if generator.gi_suspended:
        return GEN_SUSPENDED
    if generator.gi_frame is None:
        return GEN_CLOSED
    return GEN_CREATED
