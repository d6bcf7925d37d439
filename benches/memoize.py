# A memoising decorator whose cache is a dict keyed by argument tuples.
def memoize(func):
    cache = {}
    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]
    return wrapper

@memoize
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)

total = 0
for k in range(60):
    total += paths(k, 200) % 1000003
for _ in range(800):
    for r in range(0, 200, 3):
        for c in range(0, 200, 3):
            total += paths(r, c) % 7
print(total)
