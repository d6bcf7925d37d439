# A nonlocal counter called millions of times: every call reads and writes one cell.
def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

inc = make_counter()
for _ in range(6_000_000):
    inc()
print(inc(0))
