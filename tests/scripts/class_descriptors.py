# property, classmethod, staticmethod, and functions as descriptors.
class Temperature:
    scale = "C"
    def __init__(self, celsius):
        self._c = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @staticmethod
    def valid(c):
        return c >= -273.15

t = Temperature(100)
print(t.celsius, t.fahrenheit, Temperature.from_f(212).celsius, Temperature.valid(-300), t.valid(0))
t.celsius = 20
print(t.celsius, vars(t))
for attempt in [lambda: setattr(t, "celsius", -500), lambda: setattr(t, "fahrenheit", 1), lambda: delattr(t, "celsius")]:
    try:
        attempt()
    except (ValueError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
print(type(Temperature.celsius).__name__, Temperature.from_f, type(Temperature.__dict__["valid"]).__name__)
print(Temperature.__dict__["from_f"].__func__ is Temperature.from_f.__func__, Temperature.valid)

class Registry:
    handlers = []
    @classmethod
    def register(cls, f):
        cls.handlers.append(f.__name__)
        return f

@Registry.register
def first():
    pass

@Registry.register
def second():
    pass

print(Registry.handlers)

def attach(cls):
    cls.attached = True
    return cls

@attach
class Decorated:
    pass

print(Decorated.attached, Decorated.__name__)
area = property(lambda self: self.w * self.h)
class Rect:
    area = area
    def __init__(self, w, h):
        self.w, self.h = w, h
print(Rect(2, 3).area)
