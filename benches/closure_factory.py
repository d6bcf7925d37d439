# Making closures in a loop, then calling them: one cell per factory call, and the
# default-argument form of the late-binding fix.
def make_adder(n):
    def add(x):
        return x + n
    return add

total = 0
for i in range(400_000):
    total += make_adder(i)(1)
adders = [lambda x, i=i: x + i for i in range(400_000)]
for add in adders:
    total += add(2)
print(total)
