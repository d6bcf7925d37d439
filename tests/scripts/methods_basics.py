l = [3, 1, 2]
l.append(5)
l.sort()
print(l, l.pop(), l.index(2))
f = l.append
f(9)
print(l, f)
d = {'a': 1, 'b': 2}
print(d.keys(), d.values(), d.items())
print(list(d.items()), len(d.keys()), 'a' in d.keys())
s = {3, 1, 2}
s.add(10)
print(s, s.union([7]), s.intersection({1, 2}))
print("a,b,c".split(","), " x y ".split(), "-".join(["a", "b"]))
print("{} {:>5} {x!r}".format(1, "ab", x="q"))
print(str.upper("abc"), list(map(str.upper, ["a", "b"])))
print(dict.fromkeys("ab", 0))
print((1.5).as_integer_ratio(), (1.5).hex(), (255).bit_length())
print(sorted([3,1,2]))
