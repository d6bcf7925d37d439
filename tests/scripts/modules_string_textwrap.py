# string constants and capwords; textwrap.dedent (common margins, tabs, blank lines, \r\n) and
# textwrap.indent with and without a predicate.
import string
import textwrap
from textwrap import dedent

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), repr(string.printable), len(string.printable))
print(string.capwords("  hello   world  "), string.capwords("a-b c-d", "-"), string.capwords("ÉTÉ été"), string.capwords(""))
def show():
    text = """
        def make_counter():
            count = 0
        \t
            return count
    """
    return dedent(text)
print(repr(show()))
for t in ["  a\n\t b\n", "    x\n  \n      y\n", "  a\r\n  b", "no margin\n  here", "\t\tx\n\t  y", "", "   ", "  a\n   \n  b\n", " x\n\n\n y"]:
    print(repr(dedent(t)))
print(repr(textwrap.indent("a\n\nb\r\nc", "> ")), repr(textwrap.indent("a\n  \nb", "+", lambda line: True)), repr(textwrap.indent("x", "")))
for attempt in [lambda: dedent(5), lambda: dedent(), lambda: textwrap.indent("a", 1), lambda: string.capwords(1), lambda: textwrap.wrapnope]:
    try:
        print(attempt())
    except Exception as e:
        print(type(e).__name__, e)
