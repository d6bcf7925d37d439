# Keys and items views are set-like: they compare with sets and other views, and their
# operators build sets, with the view on either side. Values views equal only themselves.
d = {1: "a", 2: "b"}
k, i, v = d.keys(), d.items(), d.values()
others = [{1, 2}, {1}, {1, 2, 3}, frozenset({2, 1}), {2: 0, 1: 0}.keys(), {(1, "a"), (2, "b")},
          {(1, "a")}, {3: "c", 1: "a", 2: "b"}.items(), [1, 2], (1, 2), 1, v]
for view in (k, i, v):
    for o in others:
        for a, b in ((view, o), (o, view)):
            row = []
            for name, f in (("==", lambda: a == b), ("!=", lambda: a != b), ("<", lambda: a < b),
                            ("<=", lambda: a <= b), (">", lambda: a > b), (">=", lambda: a >= b),
                            ("&", lambda: sorted(a & b, key=repr)), ("|", lambda: sorted(a | b, key=repr)),
                            ("^", lambda: sorted(a ^ b, key=repr)), ("-", lambda: sorted(a - b, key=repr)),
                            ("type|", lambda: type(a | b).__name__)):
                try:
                    row.append(f"{name} {f()}")
                except TypeError as e:
                    row.append(f"{name} {type(e).__name__}: {e}")
            print(type(a).__name__, type(b).__name__, "; ".join(row))
print(v == v, v == d.values(), v != d.values())
print({1: 2}.keys() == {1}, {1} == {1: 2}.keys(), {1: 2}.keys() != {1})
s = {3}
s |= d.keys()
print(sorted(s), type(s).__name__)
t = d.keys()
t |= {3}
print(sorted(t), type(t).__name__)
t = d.items()
t -= {(1, "a")}
print(t)
