# Generators still suspended when the program ends are closed oldest first, while the
# module's names still hold their values: their finally blocks can use the globals.
log = []

def worker(name):
    try:
        yield name
    finally:
        log.append(name)
        print("finally", name, "saw", log)

def outer():
    inner = worker("inner")
    next(inner)
    try:
        yield "outer"
    finally:
        print("outer closing, log is", log)

def noisy():
    try:
        yield 1
    finally:
        raise ValueError("raised while closing")

first = worker("first")
next(first)
pool = [worker("pool%d" % i) for i in range(3)]
for g in pool:
    next(g)
o = outer()
next(o)
n = noisy()
next(n)
last = worker("last")
next(last)
print("end of program")
