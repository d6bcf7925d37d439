# Widths past what fits a machine int or memory: OverflowError and MemoryError as CPython raises them, never a crash (found by the run fuzz target).
tests = [
    lambda: "x".ljust(10**100, "*"),
    lambda: "x".ljust(2**62),
    lambda: "x".zfill(2**62),
    lambda: "x".center(2**40, "*"),
    lambda: "x".rjust(-10**100),
    lambda: "ab".center(5, "é"),
    lambda: "-5".zfill(4),
    lambda: "x" * 2**62,
    lambda: "ab".ljust(2**63),
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
for size in (2**40, 2**31, 10**30, -(10**30), -(2**40), 4):
    try:
        print(len("a\tb".expandtabs(size)))
    except Exception as e:
        print(type(e).__name__, e)
