# Special methods: repr, str, eq, ordering, arithmetic, containers, call, bool, len.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __str__(self):
        return f"<{self.x}, {self.y}>"
    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        return NotImplemented
    def __radd__(self, other):
        return self if other == 0 else NotImplemented
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return bool(self.x or self.y)

a, b = Vec(1, 2), Vec(3, 4)
print(a, repr(a), [a, b], f"{a}|{a!r}", str(a), "%s %r" % (a, b))
print(a + b, 2 * a, a * 3, -a, abs(b), sum([a, b]), a == Vec(1, 2), a != b, a == 5, a < b, b > a)
print(sorted([b, a]), max(a, b), bool(Vec(0, 0)), bool(a), not Vec(0, 0), Vec.__hash__)
c = a
c += b
print(c, a, c is a)
try:
    a - b
except TypeError as e:
    print("TypeError:", e)
try:
    a <= b
except TypeError as e:
    print("TypeError:", e)

class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, x):
        return x in self.items
    def __iter__(self):
        return iter(self.items)
    def __call__(self, x):
        return x * len(self)

bag = Bag(1, 2, 3)
bag[0] = 10
del bag[1]
print(len(bag), bag[0], bag[-1], 3 in bag, 2 in bag, list(bag), bag(2), bool(Bag()), [x for x in bag])

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(3)), sum(Countdown(4)), next(iter(Countdown(1))))

class Plain:
    pass

p, q = Plain(), Plain()
print(p == p, p == q, p != q, hash(p) == hash(p), len({p, q, p}), repr(p).startswith("<__main__.Plain object at 0x"))
for attempt in [lambda: len(p), lambda: p[0], lambda: p(), lambda: iter(p), lambda: p < q, lambda: -p, lambda: p + 1]:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
