# random: CPython's Mersenne Twister sequences after seeding with ints of any size and sign,
# floats and strs; every method cellar provides; independent Random objects; state; errors.
import random
from random import randint, Random

for s in [0, 1, -1, 2 ** 32, 2 ** 100 + 7, -(10 ** 30), 3.5, -0.25, "", "seed", "héllo ☃", True]:
    random.seed(s)
    print(repr(s), random.random(), randint(0, 10 ** 12), random.getrandbits(1), random.getrandbits(70))
random.seed(99)
print([random.randrange(3, 100, 7) for _ in range(5)], [random.randrange(10, -10, -3) for _ in range(5)], random.randrange(10 ** 20))
print(random.sample(range(10 ** 6), 8), random.sample(list("abcdefghijklmnopqrstuvwxyz"), 10), random.sample((1, 2), 0))
print(random.choices(["a", "b", "c"], cum_weights=[1, 1, 10], k=6), random.choices(range(5), k=3), random.choices("ab"))
print(random.gauss(), random.gauss(10, 2), random.gauss(), random.normalvariate(), random.normalvariate(5, 0.5))
print(random.triangular(), random.triangular(0, 10, 9), random.expovariate(2), random.uniform(-1, 1), random.uniform(10, 1))
items = list(range(20))
random.shuffle(items)
print(items)
a, b = Random(5), Random(5)
print([a.random() for _ in range(3)] == [b.random() for _ in range(3)], a.randint(1, 6), Random("x").choice("xyz"))
a.seed(6)
random.seed(6)
print(a.random() == random.random(), type(a).__name__, isinstance(a, random.Random))
state = a.getstate()
print(len(state), state[0], len(state[1]), state[2])
x = [a.random() for _ in range(3)]
a.setstate(state)
print(x == [a.random() for _ in range(3)])
random.seed(5)
g1 = random.gauss()
st = random.getstate()
g2 = random.gauss()
random.setstate(st)
print(g2 == random.gauss(), st[2] is not None)
attempts = [
    lambda: random.choice([]), lambda: random.choice({}), lambda: random.sample(range(3), 5), lambda: random.sample([1], -1),
    lambda: random.sample({1, 2}, 1), lambda: random.randint(5, 1), lambda: random.randrange(0), lambda: random.randrange(1, 1),
    lambda: random.randrange(0, 10, 0), lambda: random.randrange(10, 0, 2), lambda: random.randrange(1.5), lambda: random.randrange("a"),
    lambda: random.choices([1, 2], [1]), lambda: random.choices([1], [0]), lambda: random.choices([1, 2], [1, 2], cum_weights=[1, 2]),
    lambda: random.choices([1, 2], 2), lambda: random.seed([1]), lambda: random.getrandbits(-1), lambda: random.randint(1),
    lambda: random.shuffle((1, 2)), lambda: random.uniform("a", 1), lambda: random.setstate((2,)), lambda: random.setstate((2, (), None)),
    lambda: random.Random(1, 2), lambda: random.randint(1, 2, 3), lambda: random.gauss(sigma="x"), lambda: random.nosuch,
]
for attempt in attempts:
    try:
        print(attempt())
    except Exception as e:
        print(type(e).__name__, e)
