# dir() of functions, cells and code objects lists CPython's names, and none of them is
# missing when read (cellar raises NotImplementedError for the few it cannot give).
import collections

def mk():
    x = 1
    def f(a, b=2):
        return x
    return f

f = mk()
cell = f.__closure__[0]
code = f.__code__
for obj in (f, cell, code, lambda: 0, mk):
    names = dir(obj)
    print(type(obj).__name__, len(names), names)
    missing = []
    for n in names:
        try:
            getattr(obj, n)
        except AttributeError:
            missing.append(n)
        except NotImplementedError:
            pass
    print("missing:", missing)

f.calls = 0
print("calls" in dir(f), len(dir(f)))
print(f.__builtins__ is mk.__builtins__, f.__builtins__["len"] is len)
print(hasattr(cell, "cell_contents"), hasattr(code, "co_freevars"), hasattr(f, "__closure__"), hasattr(f, "nope"))

print([n for n in dir() if not n.startswith("_")])
def local_names(p, q=1):
    r = p
    return dir()
print(local_names(0))
print("namedtuple" in dir(collections), "deque" in dir(collections))
