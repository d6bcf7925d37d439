# collections.namedtuple: fields, defaults, _asdict/_replace, indexing and errors.
from collections import namedtuple

Point = namedtuple("Point", "x y")
Color = namedtuple("Color", ["r", "g", "b"], defaults=[0])
Pair = namedtuple("Pair", "a, b")
p = Point(1, 2)
q = Point(x=3, y=4)
print(p, q, Point, type(p), p.x, p.y, p[0], p[-1], len(p), list(p))
print(p == Point(1, 2), p == q, p._fields, p._asdict(), p._replace(y=9), p.count(1), p.index(2))
print(Color(1, 2), Color(1, 2, 3), Color(r=5, g=6), Pair("s", None))
x, y = p
print(x, y, [v * 10 for v in q], sum(q), 3 in q)
print(namedtuple("R", "a def _c a", rename=True)(1, 2, 3, 4))
for bad in [lambda: Point(1), lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, x=2),
            lambda: Point(1, 2, z=3), lambda: Color(), lambda: p[2], lambda: p.z,
            lambda: namedtuple("T", "1x"), lambda: namedtuple("T", "a class"),
            lambda: namedtuple("T", "_a"), lambda: namedtuple("T", "a a"),
            lambda: namedtuple("T", "a", defaults=[1, 2]), lambda: p._replace(z=1)]:
    try:
        bad()
    except (TypeError, ValueError, IndexError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
