# Method calls: lookup before arguments, builtin methods with few and many arguments, reprs of methods read from their type.
def loud(x):
    print("arg", x)
    return x
try:
    (5).nope(loud(1))
except AttributeError as e:
    print(e)
s = "Hello"
print(s.lower(), s.replace("l", "L", 1), s.split("l"), s.startswith(("H", "x")))
d = {}
for w in "a b a c".split():
    d[w] = d.get(w, 0) + 1
print(d, d.get("z"), d.setdefault("q", []), list(d.keys()))
l = [3, 1, 2]
l.sort(key=lambda v: -v)
print(l, l.index(1), l.count(2), l.pop(), l)
print(str.upper("x"), list.append, [1].append, (1).bit_length(), (2.5).is_integer())
print(d.keys().isdisjoint({"a"}), d.items())
try:
    "x".upper(*5)
except TypeError as e:
    print(e)
try:
    "abc".split(1, 2, 3, 4, 5)
except TypeError as e:
    print(e)
print("a,b".split(",", maxsplit=1), "-".join(["x", "y"]))
print(list.append, str.upper, dict.get, str.maketrans, set.add, tuple.count)
print(repr(dict.fromkeys)[:38], repr(int.from_bytes)[:40])
