# Namedtuple attributes and errors beyond a tuple's, and the modules' own namedtuples.
from collections import namedtuple
Point = namedtuple("Point", "x y")
p = Point(1, 2)
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
def setx():
    p.x = 5
attempt(setx)
def setz():
    p.z = 5
attempt(setz)
attempt(lambda: Point._make(iterable=[1, 2]))
attempt(lambda: Point._make())
attempt(lambda: p._replace(1))
attempt(lambda: p._asdict(1))
print(Point, type(p), Point.__name__, Point.__qualname__, Point.__module__)
print(p == p, p is p, id(p) == id(p), [p, p].count(Point(1, 2)), (p,) == ((1, 2),))
import inspect
def mk():
    v = 1
    def f():
        return v + g
    return f
g = 2
cv = inspect.getclosurevars(mk())
print(cv, cv.nonlocals, isinstance(cv, tuple), len(cv), type(cv).__mro__)
print(Point(x=[1], y={2: 3}), Point(p, p))
q = Point(1, [2])
print(repr(q.count).split(" at ")[0], repr(q.index).split(" at ")[0], repr((1,).count).split(" at ")[0])
try:
    hash(q)
except TypeError as e:
    print(e)
print(q.__class__, Point(1, 2).__class__ is Point)
attempt(lambda: Point._make([1, 2], [3]))
attempt(lambda: Point._make([1, 2], iterable=[3]))
attempt(lambda: Point._make(items=[3]))
attempt(lambda: p._make(iterable=(5, 6)))
