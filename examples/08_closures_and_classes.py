# Lesson 8 - closures and classes: the same state kept three ways, and the scope rules a
# class adds.
#
# A closure keeps its state in cells; an object keeps it in attributes. Either way it is a
# function that remembers something between calls. Then two rules that surprise people: a
# method does not see its class's attributes by their bare names, and super() works
# through a hidden cell called __class__.


# 1. A counter as a closure: count lives in a cell that inc holds.
def make_counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count

    return inc


inc = make_counter()
print(inc(), inc())  # 1 2
print(inc.__closure__[0].cell_contents)  # 2


# 2. The same counter as a class with __call__: count lives in the instance's __dict__,
# and calling the object calls its __call__ method. No cell is involved.
class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return self.count


counter = Counter()
print(counter(), counter())  # 1 2
print(counter.__dict__)  # {'count': 2}


# 3. As a class with a method. A bound method remembers its instance the way a closure
# remembers its cells: click.__self__ is to click what inc.__closure__ is to inc.
class Clicker:
    def __init__(self):
        self.count = 0

    def click(self):
        self.count += 1
        return self.count


clicker = Clicker()
click = clicker.click
print(click(), click())  # 1 2
print(click.__self__ is clicker, clicker.count)  # True 2
print(Clicker.click.__closure__)  # None: a plain method has no cells

# The two mix: an object can keep a closure as an attribute, and then part of its state
# is in that closure's cell, not in its __dict__.


class Account:
    def __init__(self):
        self.on_deposit = make_counter()  # a closure, kept on the instance
        self.balance = 0

    def deposit(self, amount):
        self.balance += amount
        return self.on_deposit()  # counts the deposits, in the closure's cell


acct = Account()
acct.deposit(10)
print(acct.deposit(5), acct.balance)  # 2 15


# 4. The class-body rule. A class body is not an enclosing scope for the functions in it:
# `size` inside area() is not the class attribute Box.size. It is looked up as a global.
size = 3


class Box:
    size = 10

    def area(self):
        return size * size  # the module's size: 3 * 3

    def real_area(self):
        return self.size * Box.size  # the class attribute, through the instance or the class


box = Box()
print(box.area(), box.real_area())  # 9 100
print(Box.area.__code__.co_freevars)  # (): area closes over nothing


# 5. super() and the __class__ cell. A method that calls super() (or names __class__) has
# a free variable, __class__. Its cell is made by the class statement, which puts the new
# class in it; super() reads the cell to know which class the method belongs to.
class Base:
    def greet(self):
        return "hello from Base"


class Child(Base):
    def greet(self):
        return super().greet() + ", via Child"

    def name(self):
        return __class__.__name__  # the same cell, named directly


child = Child()
print(child.greet())  # hello from Base, via Child
print(Child.greet.__code__.co_freevars)  # ('__class__',)
print(Child.greet.__closure__[0].cell_contents is Child)  # True
print(Child.greet.__closure__[0] is Child.name.__closure__[0])  # True: one cell per class
print(Base.greet.__closure__)  # None: no super(), no cell
