# Int arguments past what CPython's C parameters hold: OverflowError, ValueError or MemoryError
# as CPython raises them, never a crash or a silently clamped answer.
tests = [
    lambda: len("{:1000000000000}".format(1)),
    lambda: len(format(1, "99999999999999999999")),
    lambda: len(f"{1:>{2**62}}"),
    lambda: len(format(1.5, ".4611686018427387903f")),
    lambda: [0].insert(10**100, 1),
    lambda: "abc"[10**100:],
    lambda: "abc".find("b", 10**100),
    lambda: "x".split(" ", 10**100),
    lambda: "abc".replace("a", "b", 10**100),
    lambda: round(1.5, 10**100),
    lambda: list(range(10**20, 10**20 + 2)),
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
more = [
    lambda: "a\nb".splitlines(10**100),
    lambda: "a\nb".splitlines(2**40),
    lambda: [3, 1].sort(reverse=10**100),
    lambda: [1].pop(10**100),
    lambda: [1].pop(-10**100),
    lambda: "abc".replace("a", "b", -10**100),
    lambda: "a\tb".expandtabs(-10**100),
    lambda: "{:.3f}".format(2.5),
]
for t in more:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
