# The same counter three ways, called millions of times: a closure over a nonlocal cell, an
# instance whose __call__ bumps an attribute, and an instance with a method. The form runs
# alone when named on the command line (benches/compare times each form on its own row).
# forms: closure call method
import sys

N = 3_000_000

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

class CallCounter:
    def __init__(self):
        self.count = 0
    def __call__(self):
        self.count += 1
        return self.count

class MethodCounter:
    def __init__(self):
        self.count = 0
    def inc(self):
        self.count += 1
        return self.count

def run_closure():
    inc = make_counter()
    for _ in range(N):
        inc()
    return inc()

def run_call():
    inc = CallCounter()
    for _ in range(N):
        inc()
    return inc()

def run_method():
    c = MethodCounter()
    for _ in range(N):
        c.inc()
    return c.inc()

forms = {"closure": run_closure, "call": run_call, "method": run_method}
chosen = sys.argv[1:] or list(forms)
print(*(forms[name]() for name in chosen))
