# The with statement and contextlib: several managers, targets, suppression, the exception passed in, errors.
from contextlib import contextmanager, suppress, closing, nullcontext, ContextDecorator

class Tag:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print(f"<{self.name}>")
        return self.name.upper()
    def __exit__(self, typ, exc, tb):
        print(f"</{self.name}>", typ.__name__ if typ else None, exc, tb is not None)
        return self.swallow

with Tag("a") as a, Tag("b") as b:
    print("body", a, b)
with Tag("outer", swallow=True):
    with Tag("inner"):
        raise KeyError("k")
print("suppressed")
with Tag("pair") as (first, *rest):
    print(first, rest)
def early():
    with Tag("ret"):
        return "returned"
print(early())
for i in range(3):
    with Tag(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("  loop body", i)

class NoExit:
    def __enter__(self):
        return self
class NoEnter:
    def __exit__(self, *a):
        pass
for bad in [5, NoExit(), NoEnter()]:
    try:
        with bad:
            print("never")
    except TypeError as e:
        print("TypeError:", e)

class Failing:
    def __enter__(self):
        return self
    def __exit__(self, typ, exc, tb):
        raise RuntimeError("exit failed")
try:
    with Failing():
        1 / 0
except RuntimeError as e:
    print("RuntimeError:", e, "| context:", repr(e.__context__))

@contextmanager
def timer(label):
    print("start", label)
    try:
        yield label * 2
    except ZeroDivisionError:
        print("handled inside the generator")
    finally:
        print("stop", label)
with timer("t") as t:
    print("inside", t)
with timer("z"):
    1 / 0
print("z suppressed by the generator")
try:
    with timer("v"):
        raise ValueError("passes through")
except ValueError as e:
    print("ValueError:", e)

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)
@contextmanager
def twice():
    yield 1
    yield 2
try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

with suppress(KeyError, IndexError):
    [][1]
print("suppressed IndexError")
class Thing:
    def close(self):
        print("thing closed")
with closing(Thing()) as thing:
    print(type(thing).__name__)
with nullcontext(42) as value:
    print("null", value)

@timer("decorated")
def work():
    print("working")
class Announce(ContextDecorator):
    def __enter__(self):
        print("enter")
    def __exit__(self, *exc):
        print("exit")
@Announce()
def task(x):
    return x * 2
print(task(21), task.__name__, timer.__name__, timer.__wrapped__.__name__)
