l = [5, 3, 8, 1]
l.sort(reverse=True)
print(l)
words = ["banana", "Apple", "cherry", "apple", "Banana"]
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
pairs.sort(key=lambda p: p[0])
print(pairs)
m = [3, 'a', 1, 2]
try:
    m.sort()
except TypeError as e:
    print(e, m)
m = [5, 4, 3, 'x', 2, 1]
try:
    m.sort(reverse=True)
except TypeError as e:
    print(e, m)
q = [3, 2, 1]
try:
    q.sort(key=lambda x: q.append(x) or x)
except ValueError as e:
    print(e, q)
q = [3, 2, 1]
try:
    q.sort(key=lambda x: 1 / (x - 2))
except ZeroDivisionError as e:
    print(e, q)
big = [(i * 7919) % 1009 for i in range(3000)]
big.sort()
print(big[:10], big[-5:], big == sorted(big))
mixed = list(range(100)) + ['a'] + list(range(50))
try:
    mixed.sort()
except TypeError as e:
    print(e, mixed[:5], mixed[95:105])
x = [1, 2, 3, 2]
x.remove(2); print(x)
x.insert(-10, 0); x.insert(100, 9); print(x)
print(x.count(2), x.index(9), x.copy(), x.reverse(), x)
x.extend(x); print(x)
x.extend(range(3)); x.extend("ab"); x.extend({'k': 1}); print(x)
print(x.pop(0), x.pop(-1), x)
x.clear(); print(x)
t = (1, 2, 1, 3)
print(t.count(1), t.index(1, 1), t.index(3, -1))
try:
    t.index(5)
except ValueError as e:
    print(e)
try:
    [1, 2].index('zz')
except ValueError as e:
    print(e)
print([1.0, 1, True].count(1))
