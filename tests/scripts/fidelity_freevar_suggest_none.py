# The free variables a function reads are not among the names a NameError's suggestion
# searches (CPython looks at co_varnames, globals and builtins): no "Did you mean" here.
def outer():
    counter = 1
    def inner():
        print(counter)
        return countr
    inner()
    countr = 2
outer()
