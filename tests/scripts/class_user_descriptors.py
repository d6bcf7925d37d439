# The descriptor protocol on classes written in Python: __get__ through instances, classes and super();
# __set__/__delete__ make a data descriptor that wins over the instance's __dict__; one without the
# other refuses it with AttributeError.
class D:
    def __get__(self, obj, owner=None):
        return ("get", obj is None, owner.__name__)
    def __set_name__(self, owner, name):
        self.name = name
class V:
    def __init__(self): self.store = {}
    def __get__(self, obj, owner=None):
        if obj is None: return self
        return self.store.get(id(obj), "unset")
    def __set__(self, obj, value):
        print("set", value); self.store[id(obj)] = value
class OnlyDel:
    def __get__(self, obj, owner=None): return 7
    def __delete__(self, obj): print("deleting")
class E:
    d = D()
    v = V()
    o = OnlyDel()
e = E()
print(e.d, E.d)
e.__dict__["d"] = "own"
print(e.d)
print(e.v); e.v = 5; print(e.v, e.__dict__)
e.__dict__["v"] = "shadow"; print(e.v)
del e.o
print(e.o)
try:
    e.o = 1
except AttributeError as x:
    print("AttributeError", x)
try:
    del e.v
except AttributeError as x:
    print("AttributeError", x)
class F(E): pass
print(F().d, F.d, type(E.__dict__["v"]).__name__)
print(super(F, F()).d)
