"""Print golden hash values from CPython 3.11 for cellar's runtime::hash tests.

Run as:  PYTHONHASHSEED=0 python3 tests/gen/hash_cases.py > tests/golden/hash_cases.txt

Line formats (space separated):
  int <decimal> <hash>
  float <ieee754 bits as signed i64> <hash>
  str <comma-separated hex code points, '-' when empty> <hash>
  bytes <hex, '-' when empty> <hash>
  tuple <comma-separated item hashes, '-' when empty> <hash>
  frozenset <comma-separated item hashes, '-' when empty> <hash>
  complex <re bits> <im bits> <hash>
  pointer <id> <hash>
"""
import os
import struct
import sys

assert sys.version_info[:2] == (3, 11), sys.version
assert os.environ.get("PYTHONHASHSEED") == "0", "run with PYTHONHASHSEED=0"


def bits(x):
    return struct.unpack("<q", struct.pack("<d", x))[0]


def hl(items):
    return ",".join(str(hash(i)) for i in items) or "-"


P = 2**61 - 1
ints = [0, 1, -1, -2, 2, 7, -7, 100, 2**31, -(2**31), 2**32 + 5, 2**60, P - 1, P, P + 1,
        -P, -P - 1, -P + 1, 2**61, -(2**61), 2**62, 2**63 - 1, -(2**63), 2**64, -(2**64),
        2**100, -(2**100), 2**100 + 12345, 3**200, -(3**200), 10**50, P * 12345, P * 12345 - 1,
        -(P * 7) - 1, 123456789012345678901234567890, 2**122 - 1, (2**61 - 1) ** 3 + 2]
for i in ints:
    print("int", i, hash(i))
for i in range(-20, 21):
    print("int", i, hash(i))

floats = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.0**61, 2.0**62, 2.0**100, -2.0**100,
          1e300, -1e300, 1.7976931348623157e308, 5e-324, -5e-324, 2.2250738585072014e-308,
          1e-300, 0.1, 0.2, 0.3, 3.141592653589793, 2.718281828459045, 1e16, 123456.789,
          -123456.789, float("inf"), float("-inf"), 1 / 3, 2.0**-1074, 2.0**-1022 * 3,
          4503599627370496.5, 9007199254740993.0, -1e-5, 1e22, 6.02214076e23, 2.0**60 + 2**10]
for f in floats:
    print("float", bits(f), hash(f))

strs = ["", "a", "b", "abc", "hello world", "x" * 7, "x" * 8, "x" * 9, "x" * 15, "x" * 16,
        "x" * 17, "The quick brown fox jumps over the lazy dog", "é", "café", "\xff\xfe",
        "naïve façade", "\u0100", "Ωmega", "日本語", "中文字符串测试", "\ud7ff\ue000",
        "mixed ascii and ü and 漢", "\U0001F600", "emoji 😀 here", "\U0010FFFF", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "\x00", "\x00\x00", "a\x00b", "__init__", "self", "x", "y", "lambda", "None",
        "0123456789" * 10]
for s in strs:
    print("str", ",".join("%x" % ord(c) for c in s) or "-", hash(s))

for b in [b"", b"a", b"abc", b"\x00\xff\x80", bytes(range(256)), b"hello world"]:
    print("bytes", b.hex() or "-", hash(b))

tuples = [(), (1,), (1, 2), (2, 1), (1, 2, 3), ("a", "b"), ((),), ((1, 2), (3, 4)),
          (-1,), (-1, -1), (0,) * 10, (1.5, "x", None is None), tuple(range(50)),
          (2**70, -(2**70)), ("abc", 1, 2.5, (1, ("x",)))]
for t in tuples:
    print("tuple", hl(t), hash(t))

fsets = [frozenset(), frozenset({0}), frozenset({1}), frozenset({-1}), frozenset({1, 2}),
         frozenset(range(10)), frozenset(range(100)), frozenset({"a", "b", "c"}),
         frozenset({(1, 2), (3, 4)}), frozenset({frozenset({1}), frozenset({2})}),
         frozenset({2**64, -5, 3.25})]
for fs in fsets:
    print("frozenset", hl(fs), hash(fs))

for re, im in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.5, -2.5), (-1.0, 0.0), (1e300, 1e-300),
               (float("inf"), 1.0), (3.0, float("-inf"))]:
    print("complex", bits(re), bits(im), hash(complex(re, im)))

objs = [object() for _ in range(5)] + [print, len, object, int]
for o in objs:
    print("pointer", id(o), object.__hash__(o))
