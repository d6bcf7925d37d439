# functools' Python part: total_ordering (including NotImplemented), cmp_to_key, singledispatch
# (register by type and by annotation, registry, dispatch along the MRO), __module__.
from functools import total_ordering, singledispatch, cmp_to_key, reduce, partial
@total_ordering
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
    def __lt__(self, other):
        return self.cents < other.cents
    def __repr__(self):
        return f"Money({self.cents})"
a, b = Money(100), Money(250)
print(a < b, a <= b, a > b, a >= b, a == Money(100), a != b, sorted([b, a, Money(5)]), max(a, b))
print([name for name in ("__le__", "__gt__", "__ge__") if name in vars(Money)])
@singledispatch
def describe(value):
    return f"something: {value!r}"
@describe.register
def _(value: int):
    return f"an int: {value}"
@describe.register(list)
def _(value):
    return "a list of " + ", ".join(describe(v) for v in value)
@describe.register(str)
def describe_str(value):
    return f"a string of length {len(value)}"
print(describe(5), "|", describe(True), "|", describe("hey"), "|", describe(2.5), "|", describe([1, "a", None]))
print([k.__name__ for k in describe.registry], describe.dispatch(bool).__name__, describe_str("abc"))
print(describe.__name__, describe.__wrapped__.__name__)
print(sorted([3, 1, 2], key=cmp_to_key(lambda x, y: y - x)))
@total_ordering
class G:
    def __init__(self, v): self.v = v
    def __gt__(self, o):
        if not isinstance(o, G): return NotImplemented
        return self.v > o.v
print(G(1) < G(2), G(2) <= G(2), G(3) >= G(4))
try:
    G(1) < 3
except TypeError as e:
    print("TypeError:", e)
try:
    @total_ordering
    class H: pass
except ValueError as e:
    print("ValueError:", e)
try:
    describe.register(3)
except TypeError as e:
    print("TypeError:", e)
import functools
print(functools.total_ordering.__name__, functools.singledispatch.__module__)
try:
    from functools import nope
except ImportError as e:
    print(type(e).__name__, e.name)
try:
    functools.nope
except AttributeError as e:
    print(e)
