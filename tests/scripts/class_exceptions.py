# Custom exceptions: args, str, attributes, chaining, handlers matching by class.
class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"no such key: {key}")
        self.key = key

class Fancy(AppError):
    def __str__(self):
        return "fancy!"

try:
    raise NotFound("k1")
except AppError as e:
    print(type(e).__name__, e, repr(e), e.args, e.key, isinstance(e, Exception))

for exc in [AppError(), AppError("a", 1), Fancy("x"), NotFound(3)]:
    print(repr(exc), str(exc), exc.args)

def lookup(d, k):
    try:
        return d[k]
    except KeyError as err:
        raise NotFound(k) from err

try:
    lookup({}, "x")
except NotFound as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
print(NotFound.__mro__)
try:
    raise Fancy
except Fancy as e:
    print("caught", e, e.args)
raise NotFound("final")
