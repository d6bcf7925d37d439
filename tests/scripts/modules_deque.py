# collections.deque: construction, both ends, maxlen, rotation, search, errors, reprs.
from collections import deque
import collections

d = deque([1, 2, 3])
print(d, type(d), collections.deque is deque, len(d), bool(deque()))
d.append(4)
d.appendleft(0)
print(d, d[0], d[-1], d[2], 2 in d, 7 in d, 7 not in d)
print(d.pop(), d.popleft(), d)
d.extend(range(4, 7))
d.extendleft("ab")
print(d, list(d), tuple(d))
d.rotate()
print(d)
d.rotate(-3)
print(d)
d.rotate(13)
print(d)
d2 = deque([1, 2, 1, 3, 1])
print(d2.count(1), d2.count(9), d2.index(3), d2.index(1, 1), d2.index(1, 3, 5))
d2.remove(1)
print(d2)
d2.reverse()
print(d2)
d2.insert(1, "x")
d2.insert(-1, "y")
d2.insert(100, "z")
d2.insert(-100, "w")
print(d2)
c = d2.copy()
c.append("copy")
print(d2, c, c == d2, d2 == deque(d2), d2 != c)
print(deque([1, 2], maxlen=5) == deque([1, 2]))

w = deque(maxlen=3)
for i in range(5):
    w.append(i)
print(w, w.maxlen)
w.appendleft(-1)
print(w)
w.extend([10, 11])
print(w)
w.extendleft([20, 21])
print(w)
z = deque([1, 2, 3], maxlen=0)
z.append(4)
print(z, len(z))
print(deque(maxlen=None).maxlen, deque([], 2).maxlen)

for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[1],
            lambda: deque([1])[-2], lambda: deque([1]).index(5), lambda: deque([1]).remove(5),
            lambda: deque([1], maxlen=1).insert(0, 2), lambda: deque([1], -1),
            lambda: deque([1], "x"), lambda: deque(5), lambda: deque([1])["a"],
            lambda: deque(1, 2, 3), lambda: deque([1], foo=1)]:
    try:
        bad()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

nested = deque([deque([1]), [2, 3], "s", None])
print(nested, repr(nested))
me = deque()
me.append(me)
print(me)
q = deque(range(3))
total = 0
while q:
    x = q.popleft()
    total += x
    if x < 5:
        q.append(x + 3)
print(total, q)
print(sum(deque([1.5, 2.5])), sorted(deque([3, 1, 2])), max(deque("abc")), [x * 2 for x in deque([1, 2])])
d3 = deque()
d3.extend(d3)
d4 = deque([1, 2])
d4.extend(d4)
print(d3, d4)
print(d4.clear(), d4, d4.append(1), d4)
