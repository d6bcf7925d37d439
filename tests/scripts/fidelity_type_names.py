# Error messages name a type by CPython's tp_name: a C type's includes its module, a
# class written in Python (random.Random, a namedtuple class) does not.
import collections, functools, itertools, json, operator, random

P = collections.namedtuple("P", "x y")
objects = [
    itertools.count(), itertools.chain(), collections.deque(), functools.partial(print),
    operator.itemgetter(1), operator.attrgetter("a"), random.Random(), P(1, 2),
    1, "s", [], {}, None, 1.5, (1,), {1}, range(3), len,
]
for o in objects:
    try:
        o.zz
    except AttributeError as e:
        print(type(e).__name__, e)
    try:
        len(o)
    except TypeError as e:
        print(type(e).__name__, e)
    if isinstance(o, collections.deque):
        continue  # a deque concatenates and compares: its messages are its own
    try:
        o + 1
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        o < o
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        iter(o)
    except TypeError as e:
        print(type(e).__name__, e)

try:
    json.dumps(itertools.count())
except TypeError as e:
    print(type(e).__name__, e)
try:
    json.dumps({itertools.count(): 1})
except TypeError as e:
    print(type(e).__name__, e)
print(type(itertools.count()).__name__, type(collections.deque()).__name__)
print(type(itertools.count()), type(random.Random()), P)
