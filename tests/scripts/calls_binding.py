# Argument binding: defaults, *args, splats, and the errors CPython words for each callee.
def f(a, b=2, *rest):
    return (a, b, rest)
print(f(1), f(1, 5), f(1, 5, 6, 7), f(*(1,)), f(*(1, 2, 3)), f(*[4]))
def g(x, y=10):
    return x + y
def bad():
    g.__defaults__ = None
    return 1
try:
    print(g(bad()))
except TypeError as e:
    print("TypeError", e)
g.__defaults__ = (3,)
print(g(1), g(1, 1))
def h(*args):
    return args
print(h(), h(1), h(1, 2, 3), h(*()), h(*(1, 2), 3))
def k(a, b):
    return a - b
try:
    k(1)
except TypeError as e:
    print(e)
try:
    k(1, 2, 3)
except TypeError as e:
    print(e)
try:
    k(*(1, 2, 3))
except TypeError as e:
    print(e)
try:
    k(*5)
except TypeError as e:
    print(e)
lam = lambda x, i=4: x * i
print(lam(2), lam(2, 3))

import collections
def kk(**kw): pass
def j(): pass
def j(): pass
for fn in [j, print, int, len, (lambda: 1), collections.deque, 5, "abc".upper, [].append]:
    try:
        fn(*5)
    except TypeError as e:
        print(e)
    try:
        fn(**5)
    except TypeError as e:
        print(e)
try:
    "x".upper(*5)
except TypeError as e:
    print(e)
try:
    [].append(**3)
except TypeError as e:
    print(e)
try:
    kk(a=1, **{"a": 2})
except TypeError as e:
    print(e)
