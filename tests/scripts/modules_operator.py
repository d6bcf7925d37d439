# operator: the operators as functions, the getters and methodcaller, with CPython's reprs and errors.
import operator
from collections import namedtuple
from functools import reduce


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(operator.add(2, 3), operator.sub(2, 3.5), operator.mul("ab", 2), operator.truediv(1, 4), operator.floordiv(-7, 2))
print(operator.mod(-7, 3), operator.mod("%s!", "hi"), operator.pow(2, -1), operator.lshift(1, 70), operator.rshift(-9, 1))
print(operator.and_(12, 10), operator.or_({1}, {2}), operator.xor(6, 3), operator.neg(-0.0), operator.pos(True))
print(operator.invert(5), operator.inv(-1), operator.abs(-3), operator.not_([]), operator.truth("x"), operator.index(True))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq([1], [1]), operator.ne(1, 1.0), operator.ge("b", "a"), operator.gt(1, 2))
print(operator.is_(None, None), operator.is_not([], []), operator.contains("abc", "b"), operator.contains({1: 2}, 2))
print(operator.countOf([1, 2, 1, True], 1), operator.indexOf("hello", "l"), operator.concat("ab", "cd"), operator.concat((1,), (2,)))
print(operator.__add__(1, 1), operator.__and__(6, 3), operator.__not__(1), operator.__getitem__([5, 6], -1))
print(operator.add, operator.__add__, operator.iadd, operator.call, operator.__call__)
print(operator.call(divmod, 7, 2), operator.call(sorted, [2, 1], reverse=True), operator.call(operator.neg, 1))

d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, operator.getitem(d, "b"), operator.getitem([1, 2, 3], -1))

nums = [1]
same = operator.iadd(nums, [2])
print(same is nums, nums, operator.iadd(1, 2), operator.iadd((1,), (2,)), operator.imul([0], 3), operator.isub(5, 1))
s = {1, 2}
print(operator.ior(s, {3}) is s, s, operator.iconcat([1], (2,)), operator.ipow(2, 3), operator.itruediv(1, 2))

print(reduce(operator.mul, range(1, 6)), list(map(operator.sub, [10, 20], [1, 2])), sorted([3, 1, 2], key=operator.neg))

rows = [("ann", 31), ("bob", 25), ("cy", 31)]
second = operator.itemgetter(1)
print(second, second(rows[0]), sorted(rows, key=second), operator.itemgetter(1, 0)(rows[1]))
print(operator.itemgetter("k", "j")({"k": 1, "j": 2}), operator.itemgetter(-2)("hello"), type(second))
print(operator.itemgetter(0, "x", -1.5), list(map(operator.itemgetter(0), ["ab", "cd"])))

Point = namedtuple("Point", "x y")
pts = [Point(3, 1), Point(1, 2), Point(2, 0)]
print(sorted(pts, key=operator.attrgetter("x")), min(pts, key=operator.attrgetter("y")))
print(operator.attrgetter("y", "x")(pts[0]), operator.attrgetter("x", "y"))
def f():
    pass
f.tag = "t"
print(operator.attrgetter("__code__.co_name")(f), operator.attrgetter("tag", "__name__")(f))
print(operator.attrgetter("x.real")(pts[0]), type(operator.attrgetter("x")))

up = operator.methodcaller("upper")
print(up, up("abc"), list(map(operator.methodcaller("split", ","), ["a,b", "c"])))
print(operator.methodcaller("replace", "a", "o", 1), operator.methodcaller("replace", "a", "o", 1)("banana"))
print(operator.methodcaller("get", "x", 0)({"x": 5}), operator.methodcaller("sort", reverse=True))
words = ["b", "a"]
operator.methodcaller("sort", reverse=False)(words)
print(words, operator.methodcaller("count", 1)([1, 1]))

attempt(lambda: operator.add(1))
attempt(lambda: operator.add(1, 2, 3))
attempt(lambda: operator.add(1, b=2))
attempt(lambda: operator.neg())
attempt(lambda: operator.neg("a"))
attempt(lambda: operator.not_(1, 2))
attempt(lambda: operator.setitem([], 0))
attempt(lambda: operator.index(1.5))
attempt(lambda: operator.concat(1, 2))
attempt(lambda: operator.concat([1], (2,)))
attempt(lambda: operator.indexOf([1], 2))
attempt(lambda: operator.truediv(1, 0))
attempt(lambda: operator.getitem([], 0))
attempt(lambda: operator.itemgetter())
attempt(lambda: operator.itemgetter(1)())
attempt(lambda: operator.itemgetter(1)(1))
attempt(lambda: operator.itemgetter(1)([1], k=1))
attempt(lambda: operator.attrgetter())
attempt(lambda: operator.attrgetter(1))
attempt(lambda: operator.attrgetter("missing")(f))
attempt(lambda: operator.attrgetter("__code__.nope")(f))
attempt(lambda: operator.methodcaller())
attempt(lambda: operator.methodcaller(1))
attempt(lambda: operator.methodcaller("x")(1))
attempt(lambda: operator.methodcaller("upper")("a", "b"))
attempt(lambda: operator.nope)
attempt(lambda: operator.call())
attempt(lambda: operator.countOf(1, 1))
attempt(lambda: operator.indexOf(None, 1))
