# `cellar --step` on a script: a global loop makes no cells (the lambdas read the global i),
# a factory makes one cell per call.
def make_adder(n):
    return lambda x: x + n


total = 0
for i in range(2):
    total += make_adder(i)(10)
print(total)
