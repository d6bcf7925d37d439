# __new__, __setattr__/__getattr__/__delattr__, __hash__ keys in dicts and sets, __set_name__.
class Single:
    _made = None
    def __new__(cls, *args):
        if cls._made is None:
            cls._made = super().__new__(cls)
        return cls._made
    def __init__(self, tag):
        self.tag = tag

a, b = Single("a"), Single("b")
print(a is b, a.tag, type(a).__name__)

class Locked:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __setattr__(self, name, value):
        self.log.append(name)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        self.log.append("-" + name)
        object.__delattr__(self, name)
    def __getattr__(self, name):
        return f"<no {name}>"

l = Locked()
l.x = 1
l.y = 2
del l.x
print(l.log, vars(l), l.x, l.missing, getattr(l, "other"))

class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
    def __repr__(self):
        return f"Key({self.k!r})"

d = {Key(1): "one", Key(2): "two"}
d[Key(1)] = "uno"
print(d, d[Key(2)], Key(1) in d, Key(3) in d, len({Key(1), Key(1), Key(2)}), {Key(i % 2) for i in range(5)})
del d[Key(2)]
print(d, {Key(k): k for k in "aba"}, hash(Key(5)) == hash(5), (Key(1), 2) in {(Key(1), 2): 0})

class Field:
    def __set_name__(self, owner, name):
        self.name = owner.__name__ + "." + name
class Model:
    title = Field()
    body = Field()
print(Model.title.name, Model.body.name)

class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i
print(list(Seq(4)), 9 in Seq(4), list(reversed(Seq(3))), len(Seq(2)), bool(Seq(0)))

class Late:
    pass
obj = Late()
obj.x = 1
print(obj.x)
Late.x = property(lambda self: "from a property added later")
Late.__setattr__ = lambda self, name, value: print("intercepted", name, value)
obj.y = 2
print(obj.x, vars(obj))
del Late.__setattr__
obj.y = 3
print(vars(obj))

class Pt:
    def __init__(self, x):
        self.x = x
pts = [Pt(1), Pt(2)]
total = 0
for i in range(6):
    p = pts[i % 2]
    total += p.x
    p.x += 1
print(total, [p.x for p in pts])
q = Pt(5)
for i in range(3):
    print(q.x, vars(q))
    if i == 0:
        del q.x
        q.y = 1
        q.x = 9

class Flip:
    pass
fl = Flip()
fl.v = "from the dict"
seen = []
for i in range(3):
    seen.append(fl.v)
    fl.v = "stored " + str(i)
    if i == 0:
        Flip.v = property(lambda self: "from a property", lambda self, value: seen.append("setter " + value))
print(seen, vars(fl))
