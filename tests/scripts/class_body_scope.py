# The class body is a scope of its own that its methods do not see.
size = "global size"
class Box:
    size = 3
    doubled = size * 2
    items = [size * k for k in range(size)]
    def get(self):
        return size
    def get_attr(self):
        return self.size, Box.size
    lam = lambda self: size

print(Box.doubled, Box.items, Box().get(), Box().get_attr(), Box().lam())

def factory(tag):
    class Tagged:
        label = tag
        def show(self):
            return tag, self.label
    return Tagged

T = factory("t1")
print(T().show(), T.show.__code__.co_freevars, T.__qualname__, T.show.__qualname__)

v = "global v"
def shadow():
    v = "enclosing"
    class Later:
        seen = v
        v = "class"
        after = v
        def method(self):
            return v
    return Later

L = shadow()
print(L.seen, L.after, L().method(), L.method.__code__.co_freevars)

x = "global x"
def nested():
    x = "enclosing x"
    class C:
        x = "class x"
        y = x
        def m(self):
            return x
    return C
C = nested()
print(C.y, C().m())

class Counting:
    total = 0
    def add(self):
        global total_adds
        total_adds = "set from a method"
        Counting.total += 1
Counting().add()
Counting().add()
print(Counting.total, total_adds)
