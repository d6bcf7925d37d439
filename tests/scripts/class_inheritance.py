# Inheritance: overriding, super(), the C3 MRO, isinstance with tuples, the __class__ cell.
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return type(self).__name__

class Dog(Animal):
    sound = "woof"
    def __init__(self, name, trick):
        super().__init__(name)
        self.trick = trick
    def speak(self):
        return super().speak() + f" and does {self.trick}"

class Puppy(Dog):
    def speak(self):
        return "small " + super().speak()

d = Puppy("rex", "roll")
print(d.speak(), d.kind(), vars(d), Puppy.__mro__, Puppy.__bases__, Puppy.__base__)
print(isinstance(d, Animal), isinstance(d, (int, Dog)), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print(Dog.speak.__code__.co_freevars, Dog.speak.__closure__[0].cell_contents is Dog, Animal.speak.__closure__)
print(super(Dog, d).speak(), Puppy.mro())

class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Worse(bool):
        pass
except TypeError as e:
    print("TypeError:", e)

class Base:
    @classmethod
    def create(cls, *args):
        return cls(*args)
    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag

class Leaf(Base, tag="leaf"):
    def __init__(self, v=0):
        self.v = v

print(Leaf.tag, Leaf.create(5).v, type(Leaf.create()).__name__)

def no_class():
    return super().x
try:
    no_class()
except RuntimeError as e:
    print("RuntimeError:", e)
