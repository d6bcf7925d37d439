# Generators: a pipeline of three generators over a million items, a `yield from` chain that
# delegates through ten levels, and a hundred thousand generators suspended at once.
# forms: pipeline yield_from suspended
import sys

N = 1_000_000

def numbers(n):
    for i in range(n):
        yield i

def evens(items):
    for x in items:
        if x % 2 == 0:
            yield x

def squared(items):
    for x in items:
        yield x * x

def run_pipeline():
    total = 0
    for v in squared(evens(numbers(N))):
        total += v
    return total

def leaf(n):
    for i in range(n):
        yield i

def relay(depth, n):
    if depth == 0:
        return (yield from leaf(n))
    return (yield from relay(depth - 1, n))

def run_yield_from():
    return sum(relay(10, N // 4))

def counter(n):
    total = 0
    for i in range(n):
        total += i
        yield total

def run_suspended():
    gens = [counter(10) for _ in range(100_000)]
    for g in gens:
        next(g)
    return sum(next(g) for g in gens)

forms = {"pipeline": run_pipeline, "yield_from": run_yield_from, "suspended": run_suspended}
chosen = sys.argv[1:] or list(forms)
print(*(forms[name]() for name in chosen))
