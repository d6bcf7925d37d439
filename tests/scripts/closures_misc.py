# Closures over loop variables, walrus in comprehensions, and introspection of cells.
def make_all():
    fs = {}
    for name in ["a", "b"]:
        fs[name] = lambda: name
    return fs

fs = make_all()
print({k: f() for k, f in fs.items()})
print(fs["a"].__closure__[0] is fs["b"].__closure__[0])

def totals(values):
    running = 0
    sums = [running := running + v for v in values]
    return sums, running, totals.__code__.co_cellvars

print(totals([1, 2, 3]))

def pending():
    def get():
        return later
    cell = get.__closure__[0]
    print(cell)
    later = "now set"
    print(cell.cell_contents, get())
    return get

g = pending()
print(g.__code__.co_freevars, g.__closure__[0].cell_contents)
print([(lambda: i)() for i in range(3)], sorted({3, 1, 2}), {(1, 2): [x for x in "ab"]})
print(f"{3.14159:.2f} {1e16} {-0.0} {2**64} {10/3!r}")
