# A namedtuple is a real tuple subclass: every tuple operation works on it, and those that
# make a new sequence make a plain tuple.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
t = (1, 2)
print(p, repr(p), str(p), p.x, p.y, p[0], p[-1])
print(p == t, t == p, p != t, p == Point(1, 2), p == Point(2, 1), p == [1, 2])
print(hash(p) == hash(t), {p: "p"}[t], {t: "t"}[p], t in {p}, len({p, t}))
print(p < (1, 3), p <= t, p > (0, 9), p >= Point(1, 2), (0, 5) < p, Point(1, 3) > p)
print(sorted([Point(2, 1), Point(1, 5), (1, 4)]))
print(p + (3,), (0,) + p, p + p, type(p + ()), p * 2, 2 * p, type(p * 1), p * 0)
print(p[:], type(p[:]), p[::-1], p[1:], type(p[0:2]))
x, y = p
a, *rest = Point(7, 8)
print(x, y, a, rest, [*p], (*p, 3), list(p), tuple(p), type(tuple(p)), tuple(p) == p)
print(p.index(2), p.count(1), Point(1, 1).count(1), len(p), 1 in p, 3 in p, 3 not in p, list(iter(p)))
print(isinstance(p, tuple), isinstance(p, Point), isinstance(t, Point), type(p) is Point, type(p).__name__)
print(type(p).__mro__, Point.__bases__, Point.__base__, issubclass(Point, tuple))
print(Point._make([3, 4]), Point._make(range(2)), p._make("ab"), Point._fields, p._fields)
print(p._replace(y=9), p._replace(), p, p._asdict(), Point._field_defaults)
print(max(p), min(p), sum(p), sorted(p, reverse=True), any(p), all(Point(0, 1)), bool(Point(0, 0)))
print(f"{p}", "{}".format(p), "-".join(map(str, p)), dict([Point("k", "v")]))
print(divmod(*p), [v * 10 for v in p], {k: v for k, v in [p, Point(3, 4)]})
for i, v in enumerate(p):
    print(i, v)
print(list(zip(p, Point("a", "b"))), reversed(p).__class__.__name__, list(reversed(p)))

Opt = namedtuple("Opt", ["a", "b", "c"], defaults=[20, 30])
print(Opt(1), Opt(1, 2), Opt(1, c=5), Opt._field_defaults, Opt._fields)
print(Opt(1) == (1, 20, 30), Opt._make([4, 5, 6]))

def attempt(f):
    try:
        print(f())
    except (TypeError, ValueError, AttributeError, IndexError) as e:
        print(type(e).__name__, e)

attempt(lambda: Point(1))
attempt(lambda: Point())
attempt(lambda: Point(1, 2, 3))
attempt(lambda: Point(1, y=2, x=3))
attempt(lambda: Point(1, z=2))
attempt(lambda: Opt())
attempt(lambda: p._replace(z=1))
attempt(lambda: p._replace(z=1, w=2, x=0))
attempt(lambda: Point._make([1]))
attempt(lambda: Point._make([1, 2, 3]))
attempt(lambda: p[2])
attempt(lambda: p["x"])
attempt(lambda: p.index(5))
attempt(lambda: p.z)
attempt(lambda: p + [1])
attempt(lambda: p < 1)

def cache_demo():
    import functools
    @functools.lru_cache(maxsize=None)
    def sq(n):
        return n * n
    sq(2); sq(2); sq(3)
    info = sq.cache_info()
    print(info, info.hits, info[0], isinstance(info, tuple), info == (1, 2, None, 2), tuple(info))
cache_demo()
