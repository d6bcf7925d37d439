# More generators wait at once than keep their stacks resident: each of these waits with its
# stack copied out, and must resume exactly where it was (locals, loops, try/finally, with,
# yield from, send, throw, close, and being freed while suspended).
import contextlib

log = []

class Resource:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        log.append(("exit", self.n, exc[0].__name__ if exc[0] else None))
        return False

def counter(n):
    total = 0
    for i in range(n):
        total += i
        yield total

def nested(k):
    try:
        with Resource(k) as r:
            for i in range(3):
                try:
                    x = yield (k, i, r.n)
                    if x is not None:
                        yield ("sent", k, x)
                except KeyError as e:
                    yield ("caught", k, str(e))
    finally:
        log.append(("finally", k))

def inner(k):
    got = yield k
    return (k, got)

def outer(k):
    result = yield from inner(k)
    yield result

@contextlib.contextmanager
def managed(k):
    log.append(("enter", k))
    yield k * 2
    log.append(("leave", k))

def deep(k, depth):
    if depth == 0:
        yield k
        yield k + 1
    else:
        yield from deep(k, depth - 1)

N = 3000
gens = [counter(5) for _ in range(N)]
print(sum(next(g) for g in gens), sum(next(g) for g in gens), sum(next(g) for g in gens))
print(sum(sum(g) for g in gens))

ns = [nested(k) for k in range(N)]
firsts = [next(g) for g in ns]
print(firsts[0], firsts[-1], len(firsts))
sent = [g.send(k * 10) for k, g in enumerate(ns)]
print(sent[0], sent[-1])
print([next(g) for g in ns][:2])
thrown = [g.throw(KeyError("k%d" % k)) for k, g in enumerate(ns)]
print(thrown[0], thrown[-1])
for g in ns[: N // 2]:
    g.close()
del ns
print(len(log), log[0], log[1], log[-1])

os = [outer(k) for k in range(N)]
print(sum(next(g) for g in os))
results = [g.send(-k) for k, g in enumerate(os)]
print(results[0], results[-1])

cms = [managed(k) for k in range(N)]
entered = [cm.__enter__() for cm in cms]
print(sum(entered))
for cm in cms:
    cm.__exit__(None, None, None)
print(log[-1])

ds = [deep(k, 20) for k in range(N)]
print(sum(next(g) for g in ds), sum(next(g) for g in ds))

def recurse(n):
    return 0 if n == 0 else 1 + recurse(n - 1)

def calls_deep(k):
    yield k
    yield recurse(200) + k

cs = [calls_deep(k) for k in range(N)]
print(sum(next(g) for g in cs), sum(next(g) for g in cs))

def raises(k):
    yield k
    raise ValueError(k)

rs = [raises(k) for k in range(N)]
for g in rs:
    next(g)
caught = 0
for g in rs:
    try:
        next(g)
    except ValueError as e:
        caught += e.args[0]
print(caught)

left = [nested(k) for k in range(N)]
for g in left:
    next(g)
del left
print(len(log), log[-1])
