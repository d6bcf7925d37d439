# Generator cleanup: finally on close, on break, on del; exceptions handled inside a suspended generator; recursion inside generators.
import sys

def resource(name):
    print("  open", name)
    try:
        yield 1
        yield 2
    finally:
        print("  close", name)

for x in resource("loop"):
    print(x)
    break
print("after break")
r = resource("deleted")
next(r)
del r
print("after del")
r = resource("rebound")
next(r)
r = None
print("after rebinding")
def user():
    g = resource("local")
    return next(g)
value = user()
print(value, "after return")

def context():
    try:
        raise KeyError("handled")
    except KeyError as e:
        yield repr(e)
        raise
g = context()
print(next(g))
try:
    raise ValueError("outside")
except ValueError as e:
    print("outside context:", repr(e.__context__))
try:
    next(g)
except KeyError as e:
    print("re-raised", repr(e))

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
def calls():
    yield deep(800)
    try:
        yield deep(100000)
    except RecursionError as e:
        yield str(e)
print(list(calls()))
def nested(n):
    if n:
        yield from nested(n - 1)
    yield n
print(sum(nested(300)))
try:
    sum(nested(5000))
except RecursionError as e:
    print("RecursionError:", e)
gens = [resource(str(i)) for i in range(3)]
for g in gens:
    next(g)
del g
gens.pop()
print("popped")
gens = None
print("cleared")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("  ignoring GeneratorExit")
    yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
