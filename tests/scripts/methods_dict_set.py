d = {'a': 1, 'b': 2}
k = d.keys(); v = d.values(); it = d.items()
d['c'] = 3
print(k, v, it, len(k), len(v), len(it))
print('c' in k, 3 in v, ('a', 1) in it, ('a', 2) in it)
print(list(k), sorted(v), [x for x in it])
print(type(k), type(v).__name__, type(it))
print(k.isdisjoint(['x']), it.isdisjoint([('a', 1)]))
print(d.get('z'), d.get('a'), d.get('z', 0))
print(d.pop('a'), d.pop('zz', None), d)
print(d.setdefault('b', 9), d.setdefault('q', []), d)
d.update({'x': 1}, y=2); d.update([('z', 0)]); d.update(w=5)
print(d)
print(d.popitem(), d)
e = d.copy(); e.clear(); print(e, d)
print(dict.fromkeys([1, 2]), {}.fromkeys('ab', []))
try:
    d.pop('nope')
except KeyError as ex:
    print(repr(ex))
print(str(d.keys()), repr(d.items()))
dd = {}
dd['self'] = dd.keys()
print(dd)
s = {1, 2, 3}
s2 = s.copy(); s2.discard(2); s2.discard(99); print(s2)
try:
    s2.remove(99)
except KeyError as ex:
    print('KeyError', ex)
print(s.union({4}, [5], (6,), {7: 0}), s.intersection([2, 3, 9]), s.difference({1}, [2]))
print(s.symmetric_difference([3, 4]), s.issubset(range(10)), s.issuperset([1, 2]), s.isdisjoint({9}))
s.update([10, 11]); print(s)
s.intersection_update({1, 2, 10, 20}); print(s)
s.difference_update([1]); print(s)
s.symmetric_difference_update({2, 30}); print(s)
print(s.pop(), s)
fs = frozenset([3, 1, 2])
print(fs.union([9]), fs.copy() is fs, fs.intersection({1}), type(fs.difference([1])))
big = set(range(20))
while big:
    big.pop()
print(big, set().union(), frozenset().union([1]))
x = {'a', 'b', 'c', 'd'}
print(len(x.union()), x.difference(x), x.intersection(x) == x)
print(set([1, 2]).union({1: 1, 5: 5}), {1, 2, 3}.difference({2: 0}))
