# `yield` inside a comprehension is refused when the scopes are resolved, before anything runs.
print("never printed")


def f(xs):
    return [(yield x) for x in xs]
