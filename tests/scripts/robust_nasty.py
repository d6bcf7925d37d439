# Inputs that once risked a crash: self-containing containers, deep nesting, runaway
# recursion, changing a collection while iterating it. Each must give CPython's answer.
a = []
a.append(a)
d = {}
d["self"] = d
print(a, d, [a, (a,)])

deep = []
for _ in range(100000):
    deep = [deep]
try:
    repr(deep)
except RecursionError as e:
    print("repr:", e)
other = []
for _ in range(100000):
    other = [other]
try:
    print(deep == other)
except RecursionError as e:
    print("eq:", e)

def down(n):
    return down(n + 1)

for _ in range(3):
    try:
        down(0)
    except RecursionError as e:
        print("call:", e)

def depth(n):
    return depth(n - 1) + 1 if n else 0

print(depth(900))

s = {1, 2}
try:
    for k in s:
        s.add(k + 10)
except RuntimeError as e:
    print(e)
m = {1: 1}
try:
    for k in m:
        m[k + 1] = 1
except RuntimeError as e:
    print(e)

def make():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact

for _ in range(20000):
    f = make()
print(f(20))
