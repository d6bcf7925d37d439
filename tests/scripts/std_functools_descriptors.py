# functools.partialmethod (over functions, classmethods and staticmethods; repr; flattening) and
# cached_property (computed once into the instance's __dict__, reset by del, its errors), and
# descriptors' __get__ called by hand.
from functools import partialmethod, cached_property, partial
class Cell:
    def __init__(self): self._alive = False
    def set_state(self, state, note=""):
        self._alive = bool(state); return note
    set_alive = partialmethod(set_state, True, note="up")
    set_dead = partialmethod(set_state, False)
    @classmethod
    def make(cls, a, b): return (cls.__name__, a, b)
    mk = partialmethod(make, 1)
    @staticmethod
    def st(a, b): return (a, b)
    sp = partialmethod(st, 9)
c = Cell()
print(c.set_alive(), c._alive, c.set_dead(), c._alive)
print(c.mk(2), Cell.mk(3), c.sp(1))
print(Cell.set_alive)
print(Cell.__dict__["set_dead"])
print(type(c.set_alive).__name__, Cell.set_alive(c))
try:
    partialmethod(5)
except TypeError as e:
    print("TypeError:", e)
class P:
    def __init__(self, n): self.n = n
    @cached_property
    def sq(self):
        print("compute"); return self.n ** 2
p = P(3)
print(p.sq, p.sq, vars(p))
p.sq = 10
print(p.sq)
del p.sq
print(p.sq, P.sq.attrname, P.sq.func.__name__, type(P.sq).__name__)
try:
    class Q:
        a = cached_property(lambda self: 1)
        b = a
except Exception as e:
    print(type(e).__name__, e)
cp = cached_property(lambda self: 1)
class R: pass
R.x = cp
try:
    R().x
except TypeError as e:
    print("TypeError:", e)
pm = partialmethod(partialmethod(Cell.set_state, 1), note="x")
print(pm.args, pm.keywords, pm.func is Cell.set_state)
def f(self): return self
print(f.__get__(c, Cell)() is c, f.__get__(None, Cell) is f, classmethod(f).__get__(c)() is Cell)
print(staticmethod(f).__get__(c) is f, property(f).__get__(c) is c, type(property(f).__get__(None, Cell)).__name__)
try:
    f.__get__(None, None)
except TypeError as e:
    print("TypeError:", e)
class D:
    def __set_name__(self, owner, name):
        raise ValueError("no " + name)
try:
    class Q:
        d = D()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
