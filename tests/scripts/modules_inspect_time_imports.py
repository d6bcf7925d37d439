# inspect.getclosurevars, time and the import machinery of the built-in modules.
import inspect
import time
import collections, functools as ft
from collections import deque as Q, namedtuple
from inspect import getclosurevars

LIMIT = 3

def make(step):
    total = 0
    def add(items):
        nonlocal total
        for x in items:
            total += min(x, LIMIT) * step
        return sorted(items), total, undefined_thing
    return add

cv = getclosurevars(make(2))
print(cv)
print(cv.nonlocals, cv.globals, sorted(cv.builtins), cv.unbound, type(cv).__name__)
print(getclosurevars(lambda: LIMIT))
print(getclosurevars(lambda a, b=len: a))

def attrs_and_methods(xs):
    xs.append(1)
    return xs.count(1)

cv2 = getclosurevars(attrs_and_methods)
print(cv2.nonlocals, cv2.globals, cv2.builtins, sorted(cv2.unbound))

def uses_module():
    return time.time() > 0, ft.reduce

print(sorted(getclosurevars(uses_module).globals), sorted(getclosurevars(uses_module).unbound))

def late():
    def f():
        return v
    try:
        getclosurevars(f)
    except ValueError as e:
        print("ValueError:", e)
    v = 1
    return f

print(getclosurevars(late()).nonlocals)
try:
    getclosurevars(len)
except TypeError as e:
    print("TypeError:", e)

start = time.perf_counter()
m = time.monotonic()
time.sleep(0.01)
print(time.perf_counter() - start >= 0.01, time.monotonic() >= m, type(time.time_ns()).__name__)
print(isinstance(time.monotonic_ns(), int), time.sleep(0), abs(time.time() - time.time_ns() / 1e9) < 1)
for bad in ["1", -1, None]:
    try:
        time.sleep(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

print(type(collections).__name__, collections.deque is Q, ft.partial(max, 0)(-1), callable(namedtuple))
import time as t2
print(t2 is time, t2.sleep is time.sleep)

def f():
    import collections as c
    from functools import reduce
    return c.deque([reduce(lambda a, b: a + b, [1, 2])])

print(f())
for name in ["collectionz", "time.nothing"]:
    try:
        __import__(name)
    except ImportError as e:
        print(type(e).__name__ + ":", e)
try:
    from time import nothing
except ImportError as e:
    print(type(e).__name__ + ":", str(e).split(" (")[0])
try:
    import nothing_here.sub
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
