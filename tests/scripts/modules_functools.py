# functools: reduce, partial, wraps/update_wrapper, lru_cache and cache.
import functools
from functools import reduce, partial, wraps, lru_cache, cache

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, [], "init"), reduce(max, [5]), reduce(lambda a, b: b + a, "abc"))
for bad in [lambda: reduce(max, []), lambda: reduce(max), lambda: reduce(max, 5),
            lambda: reduce(max, [1], 2, 3)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def power(base, exp=2, *, mod=None):
    r = base ** exp
    return r if mod is None else r % mod

sq = partial(power, exp=2)
cube = partial(power, exp=3)
two_to = partial(power, 2)
print(sq(5), cube(2), two_to(10), two_to(exp=5), sq(4, exp=3), partial(power, 3, 4, mod=5)())
print(type(sq), sq.func is power, sq.args, sq.keywords, two_to.args, two_to.keywords)
nested = partial(two_to, mod=7)
print(nested.func is power, nested.args, nested.keywords, nested(10))
print(partial(max, 1)(2, 3), partial(sorted, reverse=True)([3, 1, 2]))
print(repr(partial(len))[:24], callable(sq))
for bad in [lambda: partial(), lambda: partial(5), lambda: partial(len)(1, 2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        """wrapper docstring"""
        return func(*args, **kwargs)
    return wrapper

@logged
def greet(name, punctuation="!"):
    """Say hello."""
    return "hello " + name + punctuation

greet.tag = "kept"

@logged
def annotated(x: int) -> str:
    return str(x)

print(greet("bob"), greet.__name__, greet.__qualname__, greet.__doc__, greet.__wrapped__.__name__)
print(annotated.__annotations__, annotated(3), annotated.__wrapped__.__annotations__ is annotated.__annotations__)
twice = logged(greet)
print(twice.__name__, twice.__wrapped__ is greet, twice.__wrapped__.__wrapped__.__name__, twice.tag)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

def inner():
    "inner doc"

def outer():
    pass

res = functools.update_wrapper(outer, inner)
print(res is outer, outer.__name__, outer.__doc__, outer.__wrapped__ is inner)
def target():
    pass
functools.update_wrapper(target, inner, assigned=("__doc__",), updated=())
print(target.__name__, target.__doc__)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info(), fib.__name__, fib.__wrapped__(7))
info = fib.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, info[0], len(info), list(info), info._fields)
fib.cache_clear()
print(fib.cache_info(), fib.cache_parameters())

order = []

@lru_cache(maxsize=3)
def sq2(n):
    order.append(n)
    return n * n

for n in [1, 2, 3, 1, 4, 2, 5, 1, 3, 3, 4]:
    sq2(n)
print(order, sq2.cache_info())

@lru_cache
def default_size(x):
    return x

default_size(1)
default_size(1)
print(default_size.cache_info(), default_size.cache_parameters())

@lru_cache(maxsize=0)
def nocache(x):
    order.append(x)
    return x

nocache(1)
nocache(1)
print(nocache.cache_info())

hits = []

@lru_cache(maxsize=None)
def kw(a, b=0, *, c=0):
    hits.append((a, b, c))
    return a + b + c

print(kw(1), kw(1), kw(1, 2), kw(1, b=2), kw(1, b=2), kw(b=2, a=1), kw(1, c=3), kw(1.0), kw(True))
print(hits, kw.cache_info())

@lru_cache(maxsize=None, typed=True)
def typed(x):
    hits.append(x)
    return x

typed(1)
typed(1.0)
typed(1)
print(typed.cache_info())

@cache
def count_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return count_paths(r - 1, c) + count_paths(r, c - 1)

print(count_paths(10, 10), count_paths.cache_info(), count_paths.__doc__)
try:
    fib([1])
except TypeError as e:
    print("TypeError:", e)
try:
    lru_cache("x")
except TypeError as e:
    print("TypeError:", e)
print(type(fib).__name__, type(fib.cache_info()).__name__, fib.cache_info() == fib.cache_info())
neg = lru_cache(maxsize=-3)(abs)
print(neg(-2), neg.cache_info())
