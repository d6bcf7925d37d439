# Subclasses of list, dict, int and str.
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]

s = Stack([1, 2])
s.push(3)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list), type(s).__name__, s == [1, 2], type(s + [0]).__name__)
print(list(s), sorted(Stack([3, 1, 2])), [x * 2 for x in s], 2 in s, Stack(), bool(Stack()))

class LowerDict(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)
    def __getitem__(self, key):
        return super().__getitem__(key.lower())

d = LowerDict()
d["Name"] = "ann"
print(d, d["NAME"], "name" in d, d.get("NAME"), len(d), list(d.keys()), LowerDict(A=1))

class Default(dict):
    def __missing__(self, key):
        return key * 2
m = Default(a=1)
print(m["a"], m["bc"], m, "bc" in m)

class Meters(int):
    def __repr__(self):
        return f"{int(self)}m"
x = Meters(5)
print(x, x + 1, type(x + 1).__name__, x * 2, isinstance(x, int), x == 5, hash(x) == hash(5), f"{x:>4}")

class Shout(str):
    def shout(self):
        return self.upper() + "!"
w = Shout("hey")
print(w, w.shout(), len(w), w + "?", w.startswith("h"), isinstance(w, str), repr(w))
