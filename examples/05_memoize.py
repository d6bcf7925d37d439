# Lesson 5 - A memoising decorator: state kept in a closure.
#
# The wrapper closes over `cache` (a dict) and `func`. Mutating the dict needs no nonlocal:
# the cell keeps pointing at the same dict, and the dict changes.


def memoize(func):
    cache = {}  # captured by the wrapper closure

    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]

    return wrapper


@memoize
def fibonacci(n):
    if n <= 1:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)


print(fibonacci(30))  # 832040 - computed instantly after first call

# The cache lives in a cell of the wrapper.
print(fibonacci.__code__.co_freevars)  # ('cache', 'func')
cache = fibonacci.__closure__[0].cell_contents
print(len(cache))  # 31 entries: fibonacci(0) to fibonacci(30)
print(cache[(10,)])  # 55
print(fibonacci.__name__)  # wrapper - the decorator replaced the function

# functools.lru_cache does the same, with statistics.
from functools import lru_cache


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info())
