# `in` over any iterator consumes it up to the first match; containers keep their own test.

print(9 in (x * x for x in range(5)), 7 in (x * x for x in range(5)))
print(3 not in (x for x in [1, 2]), 2 not in (x for x in [1, 2]))

it = iter([1, 2, 3, 4])
print(2 in it, list(it))
it = iter([1, 2, 3])
print(5 in it, list(it))

gen = (n for n in range(10))
print(4 in gen, next(gen), 4 in gen, 9 in gen, list(gen))

m = map(str.upper, "abcd")
print("B" in m, list(m))
z = zip("abc", [1, 2, 3])
print(("b", 2) in z, list(z))
fl = filter(None, [0, 1, 0, 2, 3])
print(2 in fl, list(fl))
en = enumerate("xyz")
print((1, "y") in en, list(en))
rv = reversed([1, 2, 3, 4])
print(3 in rv, list(rv))
rs = reversed("abc")
print("b" in rs, list(rs))
ri = iter(range(5))
print(2 in ri, list(ri))
si = iter("hello")
print("l" in si, list(si))
ti = iter((1, 2, 3))
print(1 in ti, list(ti))

d = {"a": 1, "b": 2, "c": 3}
ki = iter(d)
print("b" in ki, list(ki))
vi = iter(d.values())
print(2 in vi, list(vi))
ii = iter(d.items())
print(("a", 1) in ii, list(ii))
print("a" in d.keys(), 2 in d.values(), ("b", 2) in d.items(), ("b", 3) in d.items())
print(1 in d.keys(), 5 in d.values(), ("z", 1) in d.items(), ["b", 2] in d.items())
print(1.0 in iter([1]), True in iter([1]), 1 in iter([True]))
nan = float("nan")
print(nan in iter([nan]), nan in [nan], nan in (x for x in [nan]))

# An iterator the match is searched in changes nothing else.
squares = (x * x for x in range(4))
found = [v for v in range(10) if v in squares]
print(found)


def show(f):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)


show(lambda: 1 in 5)
show(lambda: 1 in None)
show(lambda: "a" in [[]])
show(lambda: [] in {1: 2})
show(lambda: [] in {1: 2}.keys())
show(lambda: [] in {1, 2})
show(lambda: 1 in "abc")
show(lambda: [] in {1: 2}.items())
show(lambda: ([], 1) in {1: 2}.items())
show(lambda: 1 in len)
