# Binding errors name every offending argument, for plain functions, lambdas and nested
# functions (whose qualname the message carries).
def attempt(call):
    try:
        call()
    except TypeError as e:
        print(e)

def po(a, b, /):
    return a + b
attempt(lambda: po(a=1, b=2))
attempt(lambda: po(1, b=2))
attempt(lambda: po(b=2, a=1))

def po_mixed(a, b, /, c, *, d):
    return a
attempt(lambda: po_mixed(1, 2, c=3, d=4, a=5))
attempt(lambda: po_mixed(c=3, d=4, b=1, a=5))
attempt(lambda: po_mixed(1, 2, 3, d=4, z=0, b=9))
attempt(lambda: po_mixed(1, 2, 3, d=4, z=0))

def po_kwargs(a, /, **kw):
    return a, kw
print(po_kwargs(1, a=2))
attempt(lambda: po_kwargs(a=2))

def three(a, b, c):
    return a
attempt(lambda: three())
attempt(lambda: three(1))
attempt(lambda: three(c=1))
attempt(lambda: three(1, 2, 3, 4))
attempt(lambda: three(1, a=2))
attempt(lambda: three(1, 2, 3, x=4))

def kwonly(*, a, b, c, d=4):
    return a
attempt(lambda: kwonly())
attempt(lambda: kwonly(b=1))
attempt(lambda: kwonly(1))
attempt(lambda: kwonly(1, 2, a=1))

def defaults(a, b=1, *, k):
    return a
attempt(lambda: defaults(1, 2, 3))
attempt(lambda: defaults(1, 2, 3, k=1))
attempt(lambda: defaults(1, 2, 3, 4, k=1))
attempt(lambda: defaults())
attempt(lambda: defaults(1))

def one(a):
    return a
attempt(lambda: one(1, 2))
attempt(lambda: one())

def none():
    return 0
attempt(lambda: none(1))
attempt(lambda: none(x=1))

lam = lambda a, b, /, c: a
attempt(lambda: lam(a=1, b=2, c=3))
attempt(lambda: lam(1))
attempt(lambda: lam(1, 2, 3, 4))

def outer():
    def inner(a, b, /, *, c, d):
        return a
    return inner
inner = outer()
attempt(lambda: inner(a=1, b=2))
attempt(lambda: inner(1, 2))
attempt(lambda: inner(1, 2, 3, c=1))
attempt(lambda: inner(1, 2, c=1, d=2, e=3))


def star(a, b=1, *args, c, **kw):
    return a
attempt(lambda: star(**{"a": 1}, a=2))
attempt(lambda: star(**{"c": 1}, **{"c": 2}))
attempt(lambda: star(1, **{"a": 2}, c=0))
attempt(lambda: inner(1, 2, **{"c": 1}, c=2))
attempt(lambda: lam(**{"c": 1}, c=2))
print(star(**{"a": 1}, b=2, c=3), star(1, **{"c": 3}, x=4))
