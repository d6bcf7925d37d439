# itertools: laziness, how much of the input each tool consumes, reprs, types and errors.
import itertools
from itertools import (count, cycle, repeat, accumulate, chain, islice, takewhile, dropwhile,
                       filterfalse, starmap, compress, pairwise, product, permutations, combinations,
                       combinations_with_replacement, groupby, zip_longest, tee)


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# Infinite inputs, and the reprs that show state.
c = count(5, -2)
print(next(c), next(c), c, count(), count(2.5), count(0, 0.5), count(True), count(2 ** 64, 3))
print(list(islice(count(1.0, 0.25), 4)), list(zip(count(), "abc")))
r = repeat("x", 3)
print(r, next(r), r, list(r), r, repeat(None), repeat(1, -5), list(repeat(1, -5)))
print(list(islice(cycle("ab"), 7)), list(cycle([])), list(islice(repeat([]), 2)))

# Every tool is its own iterator, named as in CPython.
tools = [count(), cycle("a"), repeat(1), accumulate([1]), chain(), islice("a", 1), takewhile(bool, []),
         dropwhile(bool, []), filterfalse(None, []), starmap(pow, []), compress("", []), pairwise(""),
         product(), permutations(""), combinations("", 0), combinations_with_replacement("", 0),
         groupby(""), zip_longest()]
print([type(t).__name__ for t in tools])
print(all(iter(t) is t for t in tools), type(tee("a")[0]).__name__, type(count()), itertools.chain)
print(isinstance(count(), itertools.count), isinstance(count(), itertools.cycle))
c, tw = count(7), takewhile(bool, [1, 0])
print(c.__next__(), c.__iter__() is c, tw.__next__(), tw.__iter__() is tw)
attempt(lambda: tw.__next__())

# How much of the input each tool takes.
src = iter(range(10))
print(list(takewhile(lambda x: x < 3, src)), next(src))
src = iter(range(10))
print(list(islice(src, 2, 6, 2)), next(src))
src = iter(range(10))
print(list(islice(src, 3)), next(src))
src = iter(range(10))
print(list(islice(src, 0)), next(src))
src = iter("abcdef")
print(list(zip_longest(src, "xy")), list(src))
src = iter(range(5))
print(list(dropwhile(lambda x: x < 2, src)), list(src))
src = iter(range(6))
print(list(compress(src, [1, 0, 1])), list(src))
src = iter([1, 2, 3])
print(next(pairwise(src)), list(src))

# Callbacks run only when an item is asked for.
calls = []
def key(x):
    calls.append(x)
    return x % 3
lazy = filterfalse(key, range(7))
print(calls, next(lazy), calls, list(lazy), calls)
calls.clear()
acc = accumulate(range(1, 5), lambda a, b: calls.append((a, b)) or a * b, initial=10)
print(next(acc), calls, list(acc), calls)
print(list(accumulate([1, 2, 3], initial=None)), list(accumulate([], initial=0)), list(accumulate(["a", "b"])))

# chain reaches each iterable only when it gets to it.
ch = chain([1], 2, [3])
print(next(ch))
attempt(lambda: next(ch))
print(list(ch))
print(list(chain.from_iterable(["ab", "", "c"])), list(chain.from_iterable(map(range, [1, 2, 3]))))
print(list(islice(chain.from_iterable(repeat("ab")), 5)))

# groupby: the groups share the input; moving on empties the group before.
g = groupby("aaabbc")
k1, g1 = next(g)
print(k1, next(g1))
k2, g2 = next(g)
print(k2, list(g1), list(g2), list(g))
print([(k, list(v)) for k, v in groupby([1, 1.0, 2, 2, True, 1], key=lambda x: x)])
print([k for k, _ in groupby([])], [(k, list(v)) for k, v in groupby("aAbB", key=str.lower)])
print(type(next(groupby("a"))[1]))

# tee: independent iterators over one buffered input.
src = iter(range(5))
a, b, c = tee(src, 3)
print(next(a), next(a), next(b), list(c), list(a), list(b), list(src))
a, b = tee(count())
print(list(islice(a, 100))[-1], next(b))
x, y = tee("ab")
z, w = tee(x)
print(z is x, list(z), list(w), list(y), tee([], 0), len(tee([], 1)))
a, b = tee(range(200))
print(sum(a), sum(b), a.__copy__() is a)

# The combinatorics read their inputs at once, and count as CPython.
print(list(product("ab", repeat=2)), list(product(repeat=3)), list(product([1], [], repeat=0)))
print(list(permutations(range(3))), list(permutations("ab", 3)), list(permutations([], 0)))
print(len(list(permutations(range(6), 4))), len(list(combinations(range(10), 4))))
print(list(combinations("abc", 0)), list(combinations_with_replacement("abc", 2)))
print(list(combinations_with_replacement([], 0)), list(combinations_with_replacement([], 2)))
print(list(permutations("abc", None)) == list(permutations("abc")))
p = product(iter([1, 2]), "x")
print(next(p), list(p), list(p))

# Every consumer of iterables takes them.
print(sum(islice(count(1), 100)), sorted(repeat(3, 2)), max(chain([1], [5, 2])), set(repeat("a", 4)))
print(3 in count(), 3 not in islice(count(), 3), dict(zip_longest("ab", [1])), tuple(pairwise("abc")))
first, *rest = accumulate(range(5))
print(first, rest, "-".join(starmap(lambda a, b: a + b, [("a", "b")])), list(enumerate(repeat(0, 2))))
for i, v in zip(count(), cycle("xy")):
    if i == 3:
        break
    print(i, v)
print(any(map(lambda x: x > 5, count())), [x * 2 for x in islice(count(), 3)], list(map(len, repeat("ab", 2))))
print(list(zip_longest("a", "bc", "d", fillvalue=0)), list(zip_longest()), list(starmap(divmod, [[7, 2]])))

# Errors, with CPython's messages.
attempt(lambda: islice("abc", -1))
attempt(lambda: islice("abc", 1, -2))
attempt(lambda: islice("abc", 1, 2, 0))
attempt(lambda: islice("abc", 2 ** 70))
attempt(lambda: islice("abc", 1.0))
attempt(lambda: islice("abc", "a", 2))
attempt(lambda: islice("abc"))
attempt(lambda: islice("abc", stop=1))
attempt(lambda: list(islice("abcdef", None, None, None)))
attempt(lambda: list(islice("abcdef", None)))
attempt(lambda: count("a"))
attempt(lambda: count(1, 2, 3))
attempt(lambda: count(start=1, bad=2))
attempt(lambda: count(1, start=2))
attempt(lambda: repeat())
attempt(lambda: repeat(1, "x"))
attempt(lambda: next(repeat(1, 0)))
attempt(lambda: cycle(5))
attempt(lambda: cycle())
attempt(lambda: cycle([], key=1))
attempt(lambda: takewhile(len))
attempt(lambda: list(starmap(pow, [1])))
attempt(lambda: compress([1]))
attempt(lambda: compress([1], [1], [1]))
attempt(lambda: pairwise(1))
attempt(lambda: product([1], repeat=-1))
attempt(lambda: product([1], times=2))
attempt(lambda: permutations([1], "a"))
attempt(lambda: permutations([1], -1))
attempt(lambda: combinations([1]))
attempt(lambda: combinations([1], -1))
attempt(lambda: groupby())
attempt(lambda: zip_longest([], x=1))
attempt(lambda: zip_longest(1))
attempt(lambda: tee(1))
attempt(lambda: tee([], -1))
attempt(lambda: tee([], n=2))
attempt(lambda: chain(x=1))
attempt(lambda: chain.from_iterable())
attempt(lambda: list(chain.from_iterable([1])))
attempt(lambda: accumulate([1], None, 3))
attempt(lambda: next(count))
attempt(lambda: itertools.batched)
