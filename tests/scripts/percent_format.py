# printf-style formatting (str % args): every conversion and flag, %(name)s, `*` widths, the
# tuple and mapping rules for taking arguments, and CPython's errors.
name, count, price = "widget", 3, 9.5
print("%s x %d at %5.2f each" % (name, count, price))
print("[%-8s] [%8s] [%r] [%a] [%%] [%x] [%X] [%o]" % (name, name, "é", "é", 255, 255, 8))
print("[%-5s] [%5s] [%-5d] [%05d] [%+d] [% d] [%+.1f] [%+05d] [%-+5d|" % ("ab", "ab", 42, 42, 7, 7, -2.25, 3, 3))
print("%.3e|%g|%g|%g|%.2f|%.0f|%.0f|%E|%G|%F|%f" % (12345.678, 0.00001, 100000000.0, 2.50, 2.675, 0.5, 1.5, 1e-5, 1e20, float("inf"), float("nan")))
print("%#x|%#X|%#o|%#10x|%#010x|%-#10o|%#.5x|%.3d|%5.3d|%-6.3d|%06.2f|%#.0f|%#g" % (255, 255, 8, 255, 255, 8, 255, 7, -7, 7, -1.5, 2.0, 1.0))
print("%x %X %o %d %i %u" % (2 ** 70, -2 ** 70, -8, 10 ** 30, True, False))
print("%d %i %d" % (2.9, -2.9, 1e20), "%s %r" % (1.0, 1e100), "%5s|%-5s|%.1s" % (True, None, "xyz"))
print("%s" % "single", "%s" % (("a", "b"),), "%s %s" % ("a", "b"), "%s" % [1, 2], "%s" % {"k": 1})
print("%(user)s has %(n)d items, %(n)03d padded, %(user)r, %(n)s%%" % {"user": "ann", "n": 7})
print("%(a)s %(b)s" % {"a": (1, 2), "b": [3]}, "%(x(y))s" % {"x(y)": "nested"}, "%s %(a)s" % {"a": 1})
print("%c%c%c|%3c|%-3c|" % (72, "i", 0x1F600, "x", 65), "%5.2s|" % "abc", "%*d|%-*d|%.*f|%*s" % (5, 42, 4, 7, 2, 3.14159, -4, "ab"))
print("abc" % (), "abc" % [1], "abc" % {"a": 1}, "%s" % range(3), "%ld %hd %Lf" % (1, 2, 3.0))
fmt = "%s=%d"
pairs = [("a", 1), ("b", 2)]
print(", ".join(fmt % p for p in pairs))
attempts = [
    ("%d", "x"), ("%d", None), ("%i", [1]), ("%x", 1.5), ("%o", "s"), ("%f", "1.0"), ("%e", None),
    ("%c", "ab"), ("%c", -1), ("%c", 0x110000), ("%c", 1.5), ("%*d", ("a", 1)), ("%.*f", (1.5, 1.0)),
    ("%s %s", ("a",)), ("%s", ("a", "b")), ("%(k)s", ("t",)), ("%(missing)s", {"k": 1}), ("%(a)s %s", {"a": 1}),
    ("%(a", {"a": 1}), ("%", ()), ("%5", 1), ("abc", 1), ("%s %s", [1, 2]), ("%(0)s", [5]), ("%z", 1), ("%5%", ()),
    ("%5%", (1,)), ("%\u00e9", 1), ("%d", float("inf")), ("%d", float("nan")), ("%99999999999d", 1), ("%.99999999999f", 1.0),
    ("%s", {}), ("%(a)s", {"a": (1, 2)}),
]
for fmt, args in attempts:
    try:
        print(repr(fmt), "->", repr(fmt % args))
    except Exception as e:
        print(repr(fmt), "->", type(e).__name__, e)
count = 0
count %= 5
text = "n=%d"
text %= 4
print(count, text)
