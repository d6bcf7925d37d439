"""Print set iteration orders for str and tuple keys from CPython 3.11 (PYTHONHASHSEED=0).

Run as:  PYTHONHASHSEED=0 python3 tests/gen/set_mixed_cases.py > tests/golden/set_mixed_cases.txt

Each line is '<items in insertion order> | <items in set iteration order>', items separated
by spaces.  An item is 's' + its code points in hex joined by '.', or 't' + two ints joined by
','.  The set is built with set(list) (repeated adds).
"""
import os
import random
import sys

assert sys.version_info[:2] == (3, 11), sys.version
assert os.environ.get("PYTHONHASHSEED") == "0", "run with PYTHONHASHSEED=0"


def enc(x):
    if isinstance(x, str):
        return "s" + ".".join("%x" % ord(c) for c in x)
    return "t%d,%d" % x


def case(items):
    print(" ".join(map(enc, items)), "|", " ".join(map(enc, set(items))))


case(["a", "b", "c"])
case(["apple", "banana", "cherry", "date", "elderberry", "fig", "grape"])
case(["", "x", "xx", "é", "日本", "\U0001F600", "naïve", "Ω"])
case(["self", "other", "__init__", "__eq__", "__hash__", "x", "y", "z", "lambda", "print"])
case([(1, 2), (2, 1), (0, 0), (-1, -1), (3, 4), (10, 20)])
case([(i, j) for i in range(5) for j in range(5)])
rng = random.Random(7)
words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzé中") for _ in range(rng.randrange(0, 8)))
         for _ in range(300)]
for n in (5, 10, 20, 50, 100, 300):
    case(words[:n])
for n in (5, 30, 120):
    case([(rng.randrange(-50, 50), rng.randrange(-(2**40), 2**40)) for _ in range(n)])
