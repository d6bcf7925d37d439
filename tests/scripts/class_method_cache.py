# A method call site remembers the function it found in the instance's class, and an
# augmented assignment to an attribute updates a small int in place. Each case below changes
# something after a site has run, and the site must see the change.


def call_inc(obj):
    return obj.inc()


class Counter:
    def __init__(self):
        self.count = 0

    def inc(self):
        self.count += 1
        return self.count


c = Counter()
print([call_inc(c) for _ in range(3)])

# An instance attribute shadows the method, then goes away again.
c.inc = lambda: "shadowed"
print(call_inc(c))
del c.inc
print(call_inc(c))

# Through the instance's __dict__, which adds the key without an attribute store.
c.__dict__["inc"] = lambda: "from __dict__"
print(call_inc(c))
del c.__dict__["inc"]
print(call_inc(c))

# The class's method is replaced, then deleted, after the site has filled its cache.
def inc_by_ten(self):
    self.count += 10
    return self.count

Counter.inc = inc_by_ten
print(call_inc(c))
del Counter.inc
try:
    call_inc(c)
except AttributeError as e:
    print("AttributeError:", e)
Counter.inc = lambda self: "lambda method"
print(call_inc(c))


# One site, several classes, and a subclass that gains its own method later.
class Base:
    def inc(self):
        return "Base.inc"


class Child(Base):
    pass


class Other:
    def inc(self):
        return "Other.inc"


objs = [Base(), Child(), Other(), Child(), Base()]
print([call_inc(o) for o in objs])
Child.inc = lambda self: "Child.inc"
print([call_inc(o) for o in objs])
Base.inc = lambda self: "new Base.inc"
print([call_inc(o) for o in objs])

# Many instances of one class, only some shadowing the method.
many = [Other() for _ in range(6)]
for i in (1, 4):
    many[i].inc = lambda i=i: "own %d" % i
print([call_inc(o) for o in many])


# Classes made and dropped one after another at the same site: a new class may be
# allocated where an old one was.
def make(n):
    class Made:
        def inc(self):
            return n
    return Made()

print([call_inc(make(n)) for n in range(5)])


# What the class finds under the name is not a plain function.
class Kinds:
    @staticmethod
    def inc():
        return "static"


print(call_inc(Kinds()))
Kinds.inc = classmethod(lambda cls: "classmethod of " + cls.__name__)
print(call_inc(Kinds()))
Kinds.inc = property(lambda self: lambda: "callable from a property")
print(call_inc(Kinds()))


# __getattr__ is asked only when the class and the instance have nothing.
class Fallback:
    def __getattr__(self, name):
        return lambda: "__getattr__ for " + name


fb = Fallback()
print(call_inc(fb))
Fallback.inc = lambda self: "defined later"
print(call_inc(fb))
del Fallback.inc
print(call_inc(fb))

# A method with a different signature at the same site, then wrong arguments.
Other.inc = lambda self, step=5: step
print(call_inc(Other()))
Other.inc = lambda self, step: step
try:
    call_inc(Other())
except TypeError as e:
    print("TypeError:", e)


# `self.n += k` in place, then with a property, then __setattr__, on the same site.
class Acc:
    def __init__(self):
        self.n = 0

    def add(self, k):
        self.n += k
        return self.n


a = Acc()
print(a.add(1), a.add(2), a.add(-10))
a.n = 2**62
print(a.add(2**62), a.add(2**62))
a.n = 1.5
print(a.add(1))
a.n = "s"
try:
    a.add(1)
except TypeError as e:
    print("TypeError:", e)
a.n = 0
Acc.n = property(lambda self: 100, lambda self, v: print("set", v))
print(a.add(1))
del Acc.n
print(a.add(1))


def logged(self, name, value):
    print("setattr", name, value)
    object.__setattr__(self, name, value)

Acc.__setattr__ = logged
print(a.add(1))
del Acc.__setattr__
print(a.add(1))
del a.n
try:
    a.add(1)
except AttributeError as e:
    print("AttributeError:", e)
