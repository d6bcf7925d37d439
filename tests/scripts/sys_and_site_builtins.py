# sys (version, argv, recursion limit, streams, exit) and the site builtins exit, quit, help.
import sys

print(sys.version.split()[0], sys.version_info)
print(sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info < (3, 12), sys.version_info.major)
print(sys.version_info == (3, 11, 7, 'final', 0), type(sys.version_info).__name__, sys.maxsize)
print(sys.argv)
print(sys.getrecursionlimit())
for bad in [0, -5, "10", 2.5, 2**70]:
    try:
        sys.setrecursionlimit(bad)
    except Exception as e:
        print(type(e).__name__, e)

def lower_inside(n):
    if n == 0:
        sys.setrecursionlimit(10)
    return lower_inside(n - 1) if n > 0 else 0

try:
    lower_inside(30)
except RecursionError as e:
    print(e)

depth = 0
def dive():
    global depth
    depth += 1
    dive()

for limit in [60, 2500]:
    sys.setrecursionlimit(limit)
    depth = 0
    try:
        dive()
    except RecursionError as e:
        print(limit, depth, e)
sys.setrecursionlimit(1000)

print(sys.stdout.write("written\n"), sys.stdout.write(""))
try:
    sys.stdout.write(3)
except TypeError as e:
    print(e)
print(sys.stdout)

print(repr(exit), repr(quit), repr(help), type(exit).__name__, type(help).__name__)
print(exit, callable(quit))

def area(width: int, height: int = 2, /, scale=1.5, *rest, unit: str = "m", **opts) -> float:
    """Area of a rectangle.

    The result is in square units:
        width * height * scale
    """
    return width * height * scale

help(area)
help(lambda x, y=[1]: x)
def plain(a, b=None, *, c): pass
help(plain)
async def later(): "Runs later."
help(later)
def blank_doc():
    """
    """
help(blank_doc)

for call in [lambda: exit(), lambda: exit(4), lambda: quit("bye"), lambda: sys.exit(), lambda: sys.exit(1, 2)]:
    try:
        call()
    except SystemExit as e:
        print("SystemExit", repr(e), e.args, repr(e.code))
    except TypeError as e:
        print("TypeError", e)
try:
    exit(1, 2)
except TypeError as e:
    print(e)
print(SystemExit(1, 2).code, isinstance(SystemExit(), Exception), issubclass(SystemExit, BaseException))
try:
    try:
        sys.exit(2)
    except Exception:
        print("not here")
except BaseException as e:
    print("past except Exception:", type(e).__name__, e.code)

def shutdown(status):
    try:
        print("shutting down with", status)
        sys.exit(status)
    finally:
        print("finally runs before the exit")

shutdown(3)
print("never printed")
