#!/usr/bin/env python3
"""Regenerate tests/golden/format_cases.txt from CPython 3.11 (the reference for cellar).

Each line: kind \t value \t arg \t result  (fields escaped: backslash as \\\\, control chars as \\xNN).
Floats are written as 16 hex digits of their IEEE-754 bits so values are exact.
A result starting with '!' is an exception: '!TypeName: message'.
Run: python3 tests/gen/format_cases.py > tests/golden/format_cases.txt

Stress mode (not committed, many random cases, same line format):
  python3 tests/gen/format_cases.py --stress 20000 [SEED] > /tmp/stress.txt
  CELLAR_FORMAT_CASES=/tmp/stress.txt cargo test --lib format -- --ignored
"""
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "expectations must come from CPython 3.11"


def esc(s):
    s = s.replace("\\", "\\\\")
    return "".join("\\x%02x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7F else c for c in s)


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def out(kind, value, arg, result):
    print("\t".join([kind, esc(value), esc(arg), esc(result)]))


def attempt(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001 - we record every exception
        return "!%s: %s" % (type(e).__name__, e)


rng = random.Random(20231127)


def random_float():
    kind = rng.randrange(4)
    if kind == 0:
        return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if kind == 1:
        return rng.uniform(-1, 1) * 10.0 ** rng.randint(-25, 25)
    if kind == 2:  # short decimals, ties at many precisions
        return round(rng.uniform(-1000, 1000), rng.randint(0, 6))
    return rng.randint(-(2 ** 20), 2 ** 20) / 2 ** rng.randint(0, 12)  # exact binary ties


def random_spec(numeric):
    parts = []
    if rng.random() < 0.3:
        parts.append(rng.choice(["", "*", "0", "€", " "]) + rng.choice("<>^=" if numeric else "<>^"))
    if numeric and rng.random() < 0.3:
        parts.append(rng.choice("+- "))
    if numeric and rng.random() < 0.1:
        parts.append("z")
    if numeric and rng.random() < 0.2:
        parts.append("#")
    if rng.random() < 0.2:
        parts.append("0")
    if rng.random() < 0.5:
        parts.append(str(rng.randint(0, 30)))
    if numeric and rng.random() < 0.3:
        parts.append(rng.choice(",_"))
    if rng.random() < 0.5:
        parts.append("." + str(rng.randint(0, 20)))
    if rng.random() < 0.8:
        parts.append(rng.choice("eEfFgGn%" if numeric else "s"))
    return "".join(parts)


if len(sys.argv) in (3, 4) and sys.argv[1] == "--stress":
    if len(sys.argv) == 4:
        rng.seed(int(sys.argv[3]))
    for _ in range(int(sys.argv[2])):
        x = random_float()
        out("repr", bits(x), "", repr(x))
        spec = random_spec(True)
        out("fmt_float", bits(x), spec, attempt(lambda: format(x, spec)))
        spec = random_spec(True).rstrip("eEfFgGn%") + rng.choice(["d", "x", "X", "o", "b", "n", "e", "%", ""])
        v = rng.randint(-(10 ** rng.randint(0, 25)), 10 ** rng.randint(0, 25))
        out("fmt_int", str(v), spec, attempt(lambda: format(v, spec)))
        spec = random_spec(False)
        v = "".join(rng.choice("abcé€ 1") for _ in range(rng.randint(0, 12)))
        out("fmt_str", v, spec, attempt(lambda: format(v, spec)))
        n = rng.randint(-25, 25)
        r = attempt(lambda: round(x, n))
        out("round", bits(x), str(n), r if isinstance(r, str) else bits(r))
        spec = random_spec(True)
        s = repr(x) if rng.random() < 0.5 else attempt(lambda: format(x, spec)).lstrip("!")
        r = attempt(lambda: float(s))
        out("parse_float", s, "", "NONE" if isinstance(r, str) else bits(r))
    sys.exit(0)

# ---------------------------------------------------------------- float repr
repr_values = [
    1e16, 1e15, 1e-05, 0.0001, 0.00001, 123456789.0, 1e22, 1.5e-07, -0.0, 0.0,
    float("inf"), float("-inf"), float("nan"), 5e-324, 1e-320, 0.1 + 0.2, 1.0,
    100.0, 1e100, 1e308 * 10, 2.0 ** 0.5, 3.0, 1 / 3, 7 / 2, 0.5 + 0.25, 2.5e3,
    float(2 ** 53), float(10 ** 16), 9007199254740993.0, 1.7976931348623157e308,
    2.2250738585072014e-308, 2.225073858507201e-308, 123456789012345678.0,
    9999999999999998.0, 1e16 - 2, 0.001, 1234.5, -1.5, 3 * 0.1, sum([0.1] * 10),
    2 ** 0.5 * 2 ** 0.5, 10 ** -2, 1e-4, 9.999999999999999e-05, 1e21, 1e23,
]
for _ in range(120):
    x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    repr_values.append(x)
for _ in range(60):
    repr_values.append(rng.uniform(-1, 1) * 10.0 ** rng.randint(-30, 30))
for _ in range(40):
    repr_values.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
for x in repr_values:
    out("repr", bits(x), "", repr(x))

# ---------------------------------------------------------------- format specs
fstring_specs = [
    ".2f", "10.3f", "e", ",", "_", "%", ".1%", "05d", "x", "b", "+d", ">3",
    ">8", "<8", "^8", "*^9", ">10", ">10,", ".3", ".0f", ">5", "<5", "^5", ">6",
    "", "d", "n", "X", "#x", "#X", "#o", "#b", "o", "c", "08.3f", "+.3e", "E",
    "g", "G", ".0e", ".0g", ".1g", "#.0f", "#.0e", "#g", "#", ".10g", ".17g",
    "z", "z.2f", "z.1f", "z%", "+", " ", "-", "010", "010,", "07,", "08,", "09,",
    "0=8,", "0>10,", "<010,", "*<05", "<05", ">05", "=+8", "^+9", " 5", "_x",
    "_b", "_o", "_X", "#_x", "012_x", "#012_x", "_d", ",d", ",.2f", "_.3f",
    ",e", ",g", ",%", "=10", "x=10", "0", "00", "020.5e", "F", ".3F", "f", ".1",
    ".2", ".5", ".16", ".20f", ".30e", "#.3g", "#.3", "10", "-10", "+10", "z+10.1f",
    "ze", "zg", "z.0f", "z.0e", "z,", "%.0", ".0%", "n", ".3n", "10n", "q", "s",
    "=^5", "\x01", "é", "ée", ".", ".x", ",x", "_c", "_n", ",n", "__", ",,", ",_",
    "_,", "abc", "10.2fx", ".2", "+c", "#c", "zd", "99999999999999999999",
    ".99999999999999999999", ".3000000000", ">+#015,.3f", "€^12,.2f", "€^12", "١٠", "0١٠", ".١f",
]
int_values = [0, 1, -1, 42, -42, 7, 255, 1234567, -1234567, 2 ** 70, -(2 ** 70),
              65, 8364, 10 ** 20, 1114111, 1114112, 123, 10 ** 400, 2 ** 53 + 1,
              2 ** 1024 - 1, 2 ** 1023 * 3 // 2 + 1]
float_values = [3.14159, 0.5, 0.25, 1e16, -0.0, 0.0, 123.456, 2.5, 1.5, 2.675,
                0.125, 1234567.891, -1234.5, float("inf"), float("-inf"),
                float("nan"), 1e-10, -1e-10, -0.00001, 1e300, 5e-324, 0.1, 1 / 3,
                100.0, 1.0, 9.9999, 0.0001, 1e-5, 12345678901234567.0, -5e-8, 999.9996]
str_values = ["Ada", "nested", "x", "", "héllo wörld", "'s'", "1.5", "None", "ab"]

for spec in fstring_specs:
    for v in int_values:
        out("fmt_int", str(v), spec, attempt(lambda: format(v, spec)))
    for v in (True, False):
        out("fmt_bool", str(int(v)), spec, attempt(lambda: format(v, spec)) if spec else "")
    for v in float_values:
        out("fmt_float", bits(v), spec, attempt(lambda: format(v, spec)))
    for v in str_values:
        out("fmt_str", v, spec, attempt(lambda: format(v, spec)))

# random floats against a few specs
for _ in range(150):
    x = rng.uniform(-1, 1) * 10.0 ** rng.randint(-12, 20)
    spec = rng.choice(["", ".2f", ".3e", "g", ".12g", ",.1f", "+010.4f", ".0f",
                       "%", "#.5g", "_.2f", ".1", "z.3f", "^15.6", "E", ".17"])
    out("fmt_float", bits(x), spec, attempt(lambda: format(x, spec)))
for _ in range(80):
    v = rng.randint(-(10 ** rng.randint(1, 30)), 10 ** rng.randint(1, 30))
    spec = rng.choice(["", ",", "_", "x", "#_b", "#o", "+015,", "e", ".3%", "=20", "^30_"])
    out("fmt_int", str(v), spec, attempt(lambda: format(v, spec)))

# ---------------------------------------------------------------- round(x, n)
round_cases = [(2.675, 2), (0.125, 2), (0.375, 2), (2.5, 0), (3.5, 0), (-2.5, 0),
               (1234.5, -2), (1250.0, -2), (1350.0, -2), (-1250.0, -2), (0.1 + 0.2, 10),
               (1e16, 0), (1.7976931348623157e308, -308), (1.7976931348623157e308, -307),
               (1.5, 400), (1.5, -400), (-1.5, -400), (5e-324, 323), (5e-324, 324),
               (123.456, -1), (123.456, 1), (-0.001, 2), (0.0, 3), (-0.0, -3),
               (float("inf"), 2), (float("nan"), 2), (1e300, -299), (0.5, 0), (-0.5, 0),
               (2.675, 300), (1e-300, 300), (4.35, 1), (1.0000000000000002, 15),
               (9.5, -1), (15.0, -1), (25.0, -1), (-35.0, -1), (8.5e22, -22)]
for _ in range(100):
    round_cases.append((rng.uniform(-1, 1) * 10.0 ** rng.randint(-10, 20), rng.randint(-12, 14)))
for x, n in round_cases:
    r = attempt(lambda: round(x, n))
    out("round", bits(x), str(n), r if isinstance(r, str) else bits(r))

# ---------------------------------------------------------------- bin/oct/hex
for v in [0, 1, -1, 5, -5, 255, -255, 2 ** 70, -(2 ** 70), 10 ** 30]:
    out("radix", str(v), "2", bin(v))
    out("radix", str(v), "8", oct(v))
    out("radix", str(v), "16", hex(v))

# ---------------------------------------------------------------- int(str, base)
int_strs = [("12", 10), (" 12 ", 10), ("-12", 10), ("+12", 10), ("- 12", 10),
            ("1_000", 10), ("1__000", 10), ("_1", 10), ("1_", 10), ("0x1f", 16),
            ("0x1f", 0), ("0X1F", 0), ("0x_1f", 16), ("0x_1f", 0), ("0x__1f", 16),
            ("0x", 16), ("0x1f", 10), ("1f", 16), ("0o17", 8), ("0o17", 0),
            ("0b101", 2), ("0b101", 0), ("0b101", 16), ("010", 0), ("000", 0),
            ("0_0", 0), ("00", 10), ("010", 10), ("", 10), ("   ", 10), ("x", 10),
            ("z", 36), ("Z", 36), ("zz", 35), ("12.5", 10), ("\t\n42\r\x0b\x0c", 10),
            ("\u200342\u3000", 10), ("\x1c7\x1f", 10), ("1e5", 10), ("0b", 2),
            ("-0x10", 16), ("-0x10", 0), ("+0o7", 0), ("0o8", 8), ("9", 8),
            ("123456789012345678901234567890", 10), ("-ffffffffffffffffffffffff", 16),
            ("1 2", 10), ("0_x1", 0), ("0b_", 0), ("07", 0), ("0", 0), ("-0", 0),
            ("++1", 10), ("1_0_0", 2), ("1_0_1", 2), ("\x1c7\u3000", 10), ("\x857", 10),
            ("١٢", 10), ("-١_٢", 0), ("𝟙𝟚", 10), ("12\u00e9", 10), ("\u30007\xa0", 0)]
for s, b in int_strs:
    r = attempt(lambda: int(s, b))
    out("parse_int", s, str(b), "NONE" if isinstance(r, str) else str(r))

# ---------------------------------------------------------------- float(str)
float_strs = ["1.5", " 1.5 ", "-1.5", "+1.5", "1e5", "1E5", "1e+5", "1e-5", ".5",
              "5.", ".", "e5", "1e", "1e+", "inf", "-inf", "+inf", "INF", "Infinity",
              "-iNfInItY", "infinit", "nan", "-nan", "NaN", "+nan", "nan(1)", "1_000.5",
              "1__0", "_1", "1_", "1._5", "1_.5", "1.5_5", "1e1_0", "1e_10", "1_e10",
              "0x10", "1e400", "-1e400", "1e-400", "", "  ", "1.5.5", "- 1", "\u20031.25\n",
              "00012", "0.1", "1.7976931348623157e308", "2.2250738585072014e-308",
              "4.9e-324", "123456789012345678901234567890", "i_nf", "1 5", "١٢",
              "\x1c1.5", "\x1c1.5\u3000", "١.٥e١", "\x851.5\u2028", "1.5\u00e9", "-\u0660.5"]
for s in float_strs:
    r = attempt(lambda: float(s))
    out("parse_float", s, "", "NONE" if isinstance(r, str) else bits(r))

# ---------------------------------------------------------------- int(float)
for x in [1e16, 2.5e3, 1e300, -2.5, 0.5, -0.0, 5e-324, 1.7976931348623157e308,
          float("inf"), float("nan"), 123456789.987, -1e22, 2.0 ** 63, -(2.0 ** 63)]:
    r = attempt(lambda: int(x))
    out("toint", bits(x), "", r if isinstance(r, str) else str(r))
