# Generators: suspending and resuming, send/throw/close, return values, states and errors.
import inspect

def countdown(n):
    print("  start", n)
    while n > 0:
        received = yield n
        if received is not None:
            print("  got", received)
        n -= 1
    return "liftoff"

g = countdown(3)
print(type(g).__name__, g.__name__, g.__qualname__, inspect.getgeneratorstate(g))
print(next(g), g.send("hi"), inspect.getgeneratorstate(g), g.gi_running, g.gi_suspended)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", repr(e), e.value, e.args)
print(inspect.getgeneratorstate(g), g.gi_frame, next(g, "default"), list(g))

def running():
    yield me.gi_running
    try:
        next(me)
    except ValueError as e:
        yield str(e)
me = running()
print(list(me))

fresh = countdown(1)
for attempt in [lambda: fresh.send(1), lambda: fresh.throw(KeyError), lambda: fresh.send(None)]:
    try:
        print(attempt())
    except (TypeError, KeyError, StopIteration) as e:
        print(type(e).__name__, e)
print(inspect.getgeneratorstate(fresh))

def catcher():
    while True:
        try:
            yield
        except ValueError as e:
            print("  caught", repr(e))
        except GeneratorExit:
            print("  closing")
            return
c = catcher()
next(c)
c.throw(ValueError)
c.throw(ValueError, "with a message")
c.throw(ValueError("an instance"))
print(c.close(), c.close(), inspect.getgeneratorstate(c))
for bad in [lambda: c.throw(5), lambda: catcher().throw(ValueError("x"), 1), lambda: c.throw()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def leaks():
    yield 1
    next(iter([]))
try:
    list(leaks())
except RuntimeError as e:
    print("RuntimeError:", e, repr(e.__cause__), e.__suppress_context__)

def answer():
    return (yield)
a = answer()
next(a)
try:
    a.send(42)
except StopIteration as e:
    print("returned", e.value)

squares = (n * n for n in range(4))
print(squares.__name__, squares.__qualname__, inspect.isgenerator(squares), next(squares), list(squares))
print(inspect.isgeneratorfunction(countdown), inspect.isgeneratorfunction(len), inspect.isgenerator(countdown))
print(countdown.__code__.co_flags & inspect.CO_GENERATOR != 0, (lambda: (yield)).__code__.co_flags)
print(sum(x for x in range(10)), sorted(c for c in "hello"), max((len(w), w) for w in "a bb ccc".split()))
print(dict((k, v) for k, v in zip("ab", range(2))), "-".join(str(i) for i in range(3)), 3 in (i for i in range(5)))
first, *rest = (i for i in range(4))
print(first, rest, any(x > 2 for x in [1, 5]), all(x for x in []))
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError:", e)
def lines():
    yield 1
    yield 2
gen = lines()
next(gen)
print(gen.gi_frame.f_lineno, gen.gi_frame.f_code.co_name, gen.gi_frame.f_locals, gen.gi_code.co_name)
gen.__name__ = "renamed"
print(gen.__name__, gen.__qualname__)
