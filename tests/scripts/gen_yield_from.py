# yield from: delegation, values sent and thrown through, close through, return values, recursion.
def inner(tag):
    try:
        got = yield f"{tag}-1"
        print("  inner got", got)
        yield f"{tag}-2"
    except KeyError as e:
        print("  inner handled", e)
        yield "after KeyError"
    finally:
        print("  inner finally", tag)
    return f"{tag}-result"

def outer():
    result = yield from inner("a")
    print("  outer got", result)
    again = yield from inner("b")
    return [result, again]

print(list(outer()))
o = outer()
print(next(o), o.send("sent"), next(o))
print(next(o), o.throw(KeyError("boom")))
try:
    next(o)
except StopIteration as e:
    print("done", e.value)

o = outer()
next(o)
print(o.close(), o.gi_frame)

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(2), (x * 10 for x in range(2)), {"k": 1})))

def tree(node):
    value, children = node
    yield value
    for child in children:
        yield from tree(child)
print(list(tree((1, [(2, [(3, [])]), (4, [])]))))

def relay():
    got = yield from echo()
    yield ("echo returned", got)
def echo():
    received = None
    while received != "stop":
        received = yield received
    return "stopped"
r = relay()
print(next(r), r.send("x"), r.send("y"), r.send("stop"))

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n
def wrap():
    result = yield from Countdown(3)
    yield ("result", result)
print(list(wrap()))

def thrower():
    yield from [1, 2]
t = thrower()
next(t)
try:
    t.throw(ValueError("into a list iterator"))
except ValueError as e:
    print("ValueError:", e)
