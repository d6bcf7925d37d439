# Lesson 4 - nonlocal: three closures sharing one cell.
#
# Reading a captured variable needs nothing. Assigning to it needs `nonlocal`, otherwise the
# assignment makes a new local variable of the inner function.


def make_counter(start: int = 0):
    count = start

    def increment(step: int = 1) -> int:
        nonlocal count  # 'count' is make_counter's variable, reached through its cell
        count += step
        return count

    def reset():
        nonlocal count
        count = start

    def get() -> int:
        return count  # reading needs no nonlocal

    return increment, reset, get


inc, rst, get = make_counter(0)
print(inc())  # 1
print(inc())  # 2
print(inc(5))  # 7
print(get())  # 7
rst()
print(get())  # 0

# All three hold the very same cell for count.
print(inc.__closure__[0] is get.__closure__[0])  # True
print(inc.__code__.co_freevars, rst.__code__.co_freevars, get.__code__.co_freevars)
# The parameter 'start' is a cell too (reset reads it); parameters come first.
print(make_counter.__code__.co_cellvars)  # ('start', 'count')

# A second counter gets its own cells.
inc2, rst2, get2 = make_counter(10)
inc2(3)
print(get(), get2())  # 0 13
