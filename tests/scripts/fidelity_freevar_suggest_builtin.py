# An unbound free variable's NameError ends with the suggestion CPython makes (builtin name).
def outer():
    def inner():
        return base
    inner()
    base = 2
outer()
