# An unbound free variable's NameError ends with the suggestion CPython makes (global name).
bas = 0
def outer():
    def inner():
        return base
    inner()
    base = 2
outer()
