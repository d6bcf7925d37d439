# dataclasses: the generated methods (init, repr, eq, order, hash, frozen) and their options,
# field() options, defaults and factories, inheritance, __post_init__ and InitVar, KW_ONLY,
# ClassVar, the helpers (fields, asdict, astuple, replace, is_dataclass) and CPython's errors.
import dataclasses
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError,
                         InitVar, KW_ONLY, MISSING, Field)
from typing import ClassVar, List, Optional

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4), p == Point(1, 2), p != Point(2, 1), p == (1, 2), Point.__hash__)
print(Point.__init__.__qualname__, Point.__repr__.__qualname__, Point.__eq__.__name__, Point.__match_args__)
print(Point.__doc__, Point.y, hasattr(Point, "x"), Point.__dataclass_params__, is_dataclass(Point), is_dataclass(p), is_dataclass(3))
print(Point.__init__.__annotations__, Point.__annotations__)

@dataclass(init=False, repr=False, eq=False)
class Bare:
    a: int = 1
b1, b2 = Bare(), Bare()
print(b1.a, b1 == b2, "Bare object" in repr(b1), "__hash__" in Bare.__dict__)

@dataclass
class Inventory:
    owner: str
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False)
    secret: str = field(default="s", compare=False)
    computed: int = field(init=False, default=7)
    later: list = field(init=False, default_factory=list)
    meta: int = field(default=1, metadata={"unit": "kg"})

inv = Inventory("ann", ["x"])
print(inv, inv.computed, inv.later, inv == Inventory("ann", ["x"], secret="other"), Inventory("bo").items is not Inventory("cy").items)
print([(f.name, f.type, f.default is MISSING, f.default_factory is MISSING, f.init, f.repr, f.compare) for f in fields(inv)])
print(fields(Inventory)[-1].metadata, fields(Inventory)[-1].metadata["unit"], len(fields(Inventory)[-1].metadata), Inventory.__doc__)
print(repr(fields(Point)[0]).replace(repr(MISSING), "MISSING"))

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tag: str = field(default="", compare=False, hash=False)
v = Version(1, 2, "rc")
print(v < Version(1, 3), v <= Version(1, 2), v > Version(0, 9), v >= Version(2), sorted([Version(2), Version(1, 5), Version(1)]))
print(hash(v) == hash(Version(1, 2)), {v: "yes"}[Version(1, 2)], replace(v, minor=5), v)

@dataclass(unsafe_hash=True)
class Key:
    name: str
    weight: int = field(default=1, hash=False)
print(hash(Key("a", 1)) == hash(Key("a", 2)), len({Key("a"), Key("a"), Key("b")}))

@dataclass(eq=False)
class Identity:
    n: int
print(Identity(1) == Identity(1), "__hash__" in Identity.__dict__, hash(Identity(1)) != 0)

@dataclass
class WithHash:
    n: int
    def __hash__(self):
        return 42
print(hash(WithHash(1)))

@dataclass
class Base:
    a: int
    b: str = "b"
@dataclass
class Child(Base):
    c: float = 1.0
    a: int = 10
print(Child(), Child(1, "x", 2.5), [f.name for f in fields(Child)], isinstance(Child(), Base))

@dataclass
class Rect:
    w: float
    h: float
    scale: InitVar[float] = 1.0
    area: float = field(init=False)
    def __post_init__(self, scale):
        self.w *= scale
        self.h *= scale
        self.area = self.w * self.h
print(Rect(2, 3), Rect(2, 3, scale=2), [f.name for f in fields(Rect)], InitVar[int], replace(Rect(1, 1), w=5))

@dataclass
class Opts:
    name: str
    _: KW_ONLY
    verbose: bool = False
    level: int
    shared: ClassVar[int] = 99
print(Opts("x", level=2), Opts("y", verbose=True, level=1), Opts.shared, [f.name for f in fields(Opts)], Opts.__doc__)

@dataclass(kw_only=True)
class AllKw:
    a: int
    b: int = 2
print(AllKw(a=1), Point.__init__.__name__)

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)
    parent: Optional["Node"] = None
root = Node(1)
root.children.append(Node(2, parent=root))
print(root)
print(asdict(Node(1, [Node(2)])), astuple(Node(1, [Node(2)])))
print(asdict(Inventory("z", ["q"]), dict_factory=lambda kv: sorted(kv)), astuple(Point(1, 2), tuple_factory=list))
nested = {"k": [Point(1, 2), (Point(3, 4),)]}
@dataclass
class Holder:
    data: dict
    tags: set = field(default_factory=set)
h = Holder(nested, {1})
d = asdict(h)
print(d, d["data"]["k"] is nested["k"], d["tags"] is h.tags)

fp = Version(1)
for attempt in [lambda: setattr(fp, "major", 2), lambda: delattr(fp, "minor"), lambda: setattr(fp, "new", 1)]:
    try:
        attempt()
    except FrozenInstanceError as e:
        print(type(e).__name__, e, isinstance(e, AttributeError))
print(FrozenInstanceError.__mro__[1:3], repr(MISSING).startswith("<dataclasses._MISSING_TYPE object"))

def errors(*attempts):
    for attempt in attempts:
        try:
            print("no error:", attempt())
        except (TypeError, ValueError) as e:
            print(type(e).__name__ + ":", e)

errors(lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, x=2), lambda: Point(1, z=3),
       lambda: Inventory(), lambda: Opts("x"), lambda: Opts(), lambda: Opts("a", "b", level=1),
       lambda: AllKw(1), lambda: Rect(1, 2, 3, 4), lambda: Version(1) < Point(1), lambda: hash(Point(1)),
       lambda: fields(3), lambda: fields(Point(1).__class__.__mro__[1]), lambda: asdict(Point), lambda: astuple(3),
       lambda: replace(Point, x=1), lambda: replace(p, z=1), lambda: replace(inv, computed=1),
       lambda: field(default=1, default_factory=list), lambda: Version(1) < (1, 0))

def make(body):
    try:
        return body()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

def mutable_default():
    @dataclass
    class Bad:
        items: dict = {}
def non_default_after_default():
    @dataclass
    class Bad:
        a: int = 1
        b: int
def order_without_eq():
    @dataclass(order=True, eq=False)
    class Bad:
        a: int
def overwrite_lt():
    @dataclass(order=True)
    class Bad:
        a: int
        def __lt__(self, other):
            return True
def frozen_from_plain():
    @dataclass(frozen=True)
    class Bad(Base):
        pass
def plain_from_frozen():
    @dataclass
    class Bad(Version):
        pass
def unsafe_with_hash():
    @dataclass(unsafe_hash=True)
    class Bad:
        a: int
        def __hash__(self):
            return 1
def field_without_annotation():
    @dataclass
    class Bad:
        a = field(default=1)
def classvar_factory():
    @dataclass
    class Bad:
        a: ClassVar[list] = field(default_factory=list)
def two_kw_only():
    @dataclass
    class Bad:
        _: KW_ONLY
        __: KW_ONLY
for body in [mutable_default, non_default_after_default, order_without_eq, overwrite_lt, frozen_from_plain,
             plain_from_frozen, unsafe_with_hash, field_without_annotation, classvar_factory, two_kw_only]:
    make(body)

@dataclass
class Custom:
    a: int
    def __repr__(self):
        return "custom!"
    def __eq__(self, other):
        return True
print(Custom(1), Custom(1) == 5, Custom.__hash__, list.__hash__ is None, dict.__hash__ is None, set.__hash__ is None)

@dataclass
class Selfish:
    self: int
class Outer:
    @dataclass
    class Inner:
        v: int
print(Selfish(3), Selfish(self=4), Outer.Inner(1), Outer.Inner.__init__.__qualname__)
@dataclass
class Later(Point):
    z: int = 9
    def __post_init__(self):
        print("post_init of", self)
print(Later(1, z=3), Later.__match_args__, fields(Later)[2].name)
@dataclass(frozen=True)
class Tagged:
    a: int
    tags: list = field(default_factory=list, compare=False, hash=False)
print(Tagged(1) == Tagged(1, [2]), hash(Tagged(1)) == hash(Tagged(1, [1])))
