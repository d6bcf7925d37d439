# typing: the reprs of the special forms and generic aliases, Union flattening and Optional,
# equality and hashing, TypeVar, Generic classes, substitution, get_args, cast, and the errors
# CPython raises for misuse.
import typing
from typing import (Any, Callable, ClassVar, Dict, Final, FrozenSet, Generator, Generic, Iterable, Iterator, List,
                    Literal, Mapping, NoReturn, Optional, Sequence, Set, Tuple, Type, TypeVar, Union, cast, get_args)

T = TypeVar("T")
K = TypeVar("K")
Co = TypeVar("Co", covariant=True)
Contra = TypeVar("Contra", contravariant=True)
Num = TypeVar("Num", int, float)
B = TypeVar("B", bound=int)
print(T, Co, Contra, Num.__constraints__, B.__bound__, T.__name__, type(T).__name__, T == T, T == K)
print(Any, NoReturn, Optional, Union, List, Dict, Callable, Tuple, Iterable, Generator, ClassVar, Literal)
print(List[int], Dict[str, List[T]], Set[float], FrozenSet[str], Type[int], Tuple[int, str], Tuple[int, ...], Tuple[()])
print(Iterable[int], Iterator[str], Generator[int, None, None], Sequence[T], Mapping[str, Any])
print(Callable[[int, str], bool], Callable[[], None], Callable[..., int], Callable[[List[int]], Dict[str, T]])
print(Optional[int], Union[int, None], Union[None, int], Union[int, str], Union[int, str, None], Union[int], Union[int, int])
print(Union[int, Union[str, float]], Optional[Optional[int]], Union[int, str] == Union[str, int], Optional[int] == Union[int, None])
print(Literal[1, "a", True], Literal[1, 1, 2], ClassVar[int], Final[str], List["Node"], Optional["Node"])
print(List[int] == List[int], List[int] == List[str], List[int] == list, hash(List[int]) == hash(List[int]), len({Dict[str, int], Dict[str, int]}))
print(List[int].__args__, Dict[str, T].__parameters__, List[int].__origin__, Tuple.__origin__, Union[int, str].__args__)
print(Dict[K, List[T]][str, int], List[T][int], Callable[[T], K][int, str], Optional[T][int])
print(get_args(Dict[str, int]), get_args(Callable[[int], str]), get_args(Callable[..., str]), get_args(int), get_args(Optional[int]))
print(cast(int, "not checked"), cast(List[int], None), typing.TYPE_CHECKING, typing.Text)

class Stack(Generic[T]):
    def __init__(self):
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()

s = Stack[int]()
s.push(1)
s.push(2)
print(s.pop(), s.items, Stack[int], Stack.__mro__, s.__orig_class__, Stack.push.__annotations__)

class Pair(Generic[K, T]):
    pass
print(Pair[str, int], Generic[T])

def process(items: Sequence[T], key: Callable[[T], Any] = None, *, limit: Optional[int] = None) -> Iterator[T]:
    return iter(sorted(items, key=key)[:limit])
print(process.__annotations__, list(process([3, 1, 2], limit=2)))

for bad in [lambda: List[int, str], lambda: Dict[int], lambda: Optional[int, str], lambda: Union[()],
            lambda: Callable[int], lambda: Generic[int], lambda: Any(), lambda: Optional(), lambda: List(),
            lambda: TypeVar("X", int), lambda: Literal[1](), lambda: List[int][str], lambda: Union[int, Optional],
            lambda: TypeVar("X", covariant=True, contravariant=True), lambda: Any[int], lambda: TypeVar("X", int, str, bound=int),
            lambda: Dict[str, T][int, str], lambda: Generic[T, T]]:
    try:
        print("no error:", bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(Stack.__orig_bases__, Pair.__orig_bases__, "__orig_bases__" in vars(Stack))
class Plain:
    def __mro_entries__(self, bases):
        print("mro_entries given", len(bases), "bases")
        return (dict,)
class FromPlain(Plain(), object):
    pass
print(FromPlain.__mro__, FromPlain.__orig_bases__[1], FromPlain(a=1))
print(List[int] | None, None | Dict[str, int], T | int, Optional[int] | str, List | Set[int], str | Callable[[], int])
