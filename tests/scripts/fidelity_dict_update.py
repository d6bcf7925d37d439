# dict(x), dict(x, **kw), d.update(x), d.update(**kw) and d |= x accept and reject the same
# things, with the same messages; d | x wants a dict.

sources = [
    ("[{1, 2}]", lambda: [{1, 2}]),
    ("['ab', 'cd']", lambda: ["ab", "cd"]),
    ("[[1, 2], (3, 4)]", lambda: [[1, 2], (3, 4)]),
    ("generator", lambda: ((k, v) for k, v in [("g", 1), ("h", 2)])),
    ("zip", lambda: zip("xyz", range(3))),
    ("dict", lambda: {"k": "v"}),
    ("items view", lambda: {"k": 1}.items()),
    ("list iterator", lambda: iter([("i", 1)])),
    ("enumerate", lambda: enumerate("pq")),
    ("map", lambda: map(lambda k: (k, k * 2), "ab")),
    ("[range(2)]", lambda: [range(2)]),
    ("[iter('xy')]", lambda: [iter("xy")]),
    ("[[1, 2], [1, 3]]", lambda: [[1, 2], [1, 3]]),
    ("[]", lambda: []),
    ("''", lambda: ""),
    ("1", lambda: 1),
    ("None", lambda: None),
    ("[(1, 2, 3)]", lambda: [(1, 2, 3)]),
    ("[1]", lambda: [1]),
    ("[(1,)]", lambda: [(1,)]),
    ("['abc']", lambda: ["abc"]),
    ("[(1, 2), 3]", lambda: [(1, 2), 3]),
    ("[(1, 2), (3,)]", lambda: [(1, 2), (3,)]),
    ("[[[], 1]]", lambda: [[[], 1]]),
    ("[{'a': 1, 'b': 2}]", lambda: [{"a": 1, "b": 2}]),
    ("[None]", lambda: [None]),
]


def attempt(label, make):
    try:
        print(label, make())
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__ + ":", e)


def forms(src_factory):
    attempt("dict(x)       ", lambda: dict(src_factory()))
    attempt("dict(x, **kw) ", lambda: dict(src_factory(), extra=0))

    def update():
        d = {"old": 0}
        d.update(src_factory())
        return d
    attempt("d.update(x)   ", update)

    def update_kw():
        d = {"old": 0}
        d.update(src_factory(), extra=0)
        return d
    attempt("d.update(x,kw)", update_kw)

    def ior():
        d = {"old": 0}
        d |= src_factory()
        return d
    attempt("d |= x        ", ior)


for label, factory in sources:
    print("--", label)
    forms(factory)

print("-- keyword arguments")
print(dict(a=1, b=2), dict({"a": 0}, a=1), dict([("a", 0)], a=1))
d = {"x": 1}
d.update(y=2, x=3)
print(d)
d.update()
print(d)
attempt("dict(1, 2)    ", lambda: dict([], []))
attempt("update(1, 2)  ", lambda: {}.update([], []))

# Pairs before a bad element are kept, as CPython inserts as it goes.
d = {}
try:
    d.update([(1, 2), (3, 4), 5])
except TypeError as e:
    print(e, d)

# An update from itself, and from a view of itself.
d = {"a": 1}
d.update(d)
d |= d
print(d)


# The source is consumed as the dict grows.
d = {}
d.update((k, len(d)) for k in "abc")
print(d)

print("-- d | x")
attempt("d | dict      ", lambda: {"a": 1} | {"b": 2})
attempt("d | list      ", lambda: {"a": 1} | [("b", 2)])
