# An unbound free variable's NameError ends with the suggestion CPython makes (local name).
def outer():
    def inner():
        bases = 1
        return base
    inner()
    base = 2
outer()
