# Function attributes: defaults from the code, set and read back, copied by functools.wraps.
import functools
def f(a, b=2, *, c=3) -> int:
    "doc of f"
    return a
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__defaults__, f.__kwdefaults__, f.__annotations__, f.__dict__)
f.__name__ = "g"; f.__qualname__ = "G.g"; f.__doc__ = None; f.__module__ = "mod"; f.calls = 1
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__dict__, f)
lam = lambda: 0
print(lam.__name__, lam.__doc__, lam.__kwdefaults__, lam.__annotations__, lam.__module__)
@functools.wraps(f)
def w(*a):
    return f(*a)
print(w.__name__, w.__qualname__, w.__doc__, w.__module__, w.__wrapped__ is f, w.__dict__.keys())
def outer():
    def inner(): pass
    return inner
print(outer().__qualname__, repr(outer())[:31])
