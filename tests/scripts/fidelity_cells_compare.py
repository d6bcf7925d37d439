# Cells compare by contents (CPython's cell_richcompare): an empty cell sorts before any full
# one, two empty cells are equal, and a cell has no hash.
def mk(v):
    def f():
        return v
    return f
def mk_empty():
    def f():
        return v
    v = 1
    del v
    return f
a, b = mk(1).__closure__[0], mk(1).__closure__[0]
c = mk(2).__closure__[0]
e1, e2 = mk_empty().__closure__[0], mk_empty().__closure__[0]
print(mk(1).__closure__ == mk(1).__closure__, mk(1).__closure__ == mk(2).__closure__)
print(a == b, a != b, a < b, a <= b, a > b, a >= b, a is b)
print(a == c, a != c, a < c, a <= c, a > c, a >= c)
print(c < a, c > a)
print(e1 == e2, e1 != e2, e1 < e2, e1 <= e2, e1 > e2, e1 >= e2)
print(e1 < a, e1 <= a, e1 > a, e1 >= a, e1 == a, e1 != a)
print(a < e1, a > e1, a == e1)
print(sorted([c, a, e1])[0] is e1, [x.cell_contents for x in sorted([c, a])])
print(a == 1, a != 1, 1 == a)
try:
    a < 1
except TypeError as ex:
    print(ex)
try:
    print(hash(a) == hash(b))
except TypeError as ex:
    print("TypeError", ex)
s = mk("x").__closure__[0]
t = mk(1.0).__closure__[0]
print(a == t, a < t)
try:
    s < a
except TypeError as ex:
    print(ex)
print(mk([1, 2]).__closure__[0] == mk([1, 2]).__closure__[0])
print(mk([1, 2]).__closure__[0] < mk([1, 3]).__closure__[0])
n = mk(float("nan")).__closure__[0]
print(n == n, n != n, (n,) == (n,), n in [n])
print(mk(None).__closure__[0] == mk(None).__closure__[0], e1 == mk(None).__closure__[0])
