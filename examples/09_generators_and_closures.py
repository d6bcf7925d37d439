# Lesson 9 - generators and closures: a generator's frame outlives the call that made it,
# so its variables (and the cells it shares with closures) live on between next() calls.
#
# A generator function returns a generator object without running a line of its body. Each
# next() runs the body up to the following yield and suspends it there, with all its local
# variables intact. Closures made inside a generator capture its cells like any other.


# 1. A generator keeps its state in its own frame: no cell, no class, no global.
def countdown(n):
    while n > 0:
        yield n
        n -= 1


gen = countdown(3)
print(next(gen), next(gen))  # 3 2
print(list(gen))  # [1]: the frame resumed where it stopped


# 2. Closures made inside a generator share its cells. Each lambda here closes over the
# generator's i: consumed one at a time, each is called while i still holds its value;
# collected in a list first, all of them see the last value (late binding, as in lesson 2).
def make_multipliers():
    for i in range(3):
        yield lambda x: x * i


print([f(10) for f in make_multipliers()])  # [0, 10, 20]
print([f(10) for f in list(make_multipliers())])  # [20, 20, 20]


# 3. A generator expression's late binding: only the first iterable is evaluated when the
# generator is made; everything else is looked up when it runs.
factor = 10
scaled = (x * factor for x in [1, 2, 3])
factor = 2
print(list(scaled))  # [2, 4, 6]


# 4. A running total that accepts values: send() resumes the frame, and the yield
# expression evaluates to what was sent. The total lives in the suspended frame.
def running_total():
    total = 0
    while True:
        value = yield total
        total += value


acc = running_total()
next(acc)  # run to the first yield
print(acc.send(5), acc.send(10))  # 5 15


# 5. A generator and a closure over the same cell: peek reads count, which the generator
# keeps changing.
def ticker():
    count = 0

    def peek():
        return count

    while True:
        count += 1
        yield peek


t = ticker()
peek = next(t)
next(t)
print(peek(), peek.__code__.co_freevars)  # 2 ('count',)


# 6. yield from delegates to another generator and gives its return value.
def inner():
    yield 1
    yield 2
    return "inner done"


def outer():
    result = yield from inner()
    yield result


print(list(outer()))  # [1, 2, 'inner done']


# 7. with and a generator: contextlib.contextmanager turns a generator that yields once
# into a context manager; the finally runs when the with block ends.
from contextlib import contextmanager


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    finally:
        print(f"</{name}>")


with tag("p") as name:
    print("inside", name)
