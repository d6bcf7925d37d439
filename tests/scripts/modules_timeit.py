# timeit with a callable: the timings are floats of seconds (not deterministic, so only their
# types and signs are printed); setup runs once before the timed calls.
import timeit

calls = []
t = timeit.timeit(lambda: calls.append(1), setup=lambda: calls.append(0), number=3)
print(type(t).__name__, t >= 0, calls)
print(timeit.default_timer, type(timeit.default_timer()).__name__)

def work():
    return sum(range(100))

r = timeit.repeat(work, repeat=3, number=10)
print(type(r).__name__, len(r), all(isinstance(x, float) and x >= 0 for x in r))
print(timeit.timeit(work, number=0) >= 0, timeit.repeat(work, repeat=0, number=1))
print(timeit.timeit(stmt=work, setup="pass", number=5, globals={}) >= 0)
for f in [lambda: timeit.timeit(3), lambda: timeit.timeit(work, setup=4),
          lambda: timeit.timeit(work, number=1.5), lambda: timeit.timeit(work, foo=1),
          lambda: timeit.repeat(work, 2, None, 1, 1, None, 7)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
