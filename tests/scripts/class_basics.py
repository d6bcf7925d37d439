# The class statement: class and instance attributes, methods, __init__, __dict__, names.
class Counter:
    """Counts things."""
    step = 1

    def __init__(self, start=0):
        self.count = start

    def inc(self):
        self.count += self.step
        return self.count

c = Counter()
print(c.inc(), c.inc(), c.count, Counter.step, c.step)
c.step = 10
print(c.inc(), vars(c), Counter.step)
Counter.step = 2
print(Counter(5).inc(), Counter.__name__, Counter.__qualname__, Counter.__module__, Counter.__doc__)
print(type(c) is Counter, type(c).__name__, isinstance(c, Counter), isinstance(c, object), issubclass(Counter, object))
print(Counter, c.inc, Counter.inc, Counter.__bases__, Counter.__mro__)
print(sorted(k for k in Counter.__dict__ if not k.startswith("__")), c.__dict__, c.__class__ is Counter)

def outer():
    class Inner:
        def method(self):
            return 42
    return Inner

Inner = outer()
print(Inner.__qualname__, Inner.method.__qualname__, Inner().method(), Inner)

class Empty:
    pass

e = Empty()
e.x = 1
e.y = [e.x]
print(vars(e), e.x, hasattr(e, "y"), hasattr(e, "z"), getattr(e, "z", "default"))
del e.x
print(vars(e), callable(Counter), callable(c), Empty.__doc__)
Point = type("Point", (), {"x": 0, "norm": lambda self: abs(self.x)})
p = Point()
p.x = -3
print(Point, Point.__name__, p.norm(), type(p).__qualname__)
