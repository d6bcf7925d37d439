# async def, await, decorators with arguments and decorator stacks on async functions, and
# HTTPException as an exception: its repr, str, attributes and classes, raised uncaught last.
import functools
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient


async def search(q):
    return {"q": q}


coro = search("x")
print(coro)
print(type(coro).__name__)


async def main():
    first = await coro
    second = await search("y")
    return [first, second]


print(main())
app = FastAPI()


def tag(label):
    def decorate(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            result = await func(*args, **kwargs)
            return [label, result]
        return wrapper
    return decorate


@tag("outer")
@tag("inner")
async def compute(n):
    return n * 2


print(compute.__name__, compute.__wrapped__.__name__, compute(1))


async def run():
    return await compute(21)


print(run)


def registered(route):
    return app.get(route)


@registered("/plain")
async def plain():
    return await compute(5)


print(plain.__name__, app.get("/other")(len) is len)
client = TestClient(app)
print(client.get("/plain").json())
print(app.title, app.version, repr(app.description))

for args, kwargs in [((429, "Rate limit exceeded"), {}), ((404,), {}), ((), {"status_code": 403, "detail": {"a": 1}, "headers": {"X": "y"}}), ((599,), {}), ((418,), {"detail": None})]:
    e = HTTPException(*args, **kwargs)
    print(repr(e), "|", str(e), "|", e.args, e.status_code, e.detail, e.headers)
for bad_args, bad_kwargs in [((), {}), ((400, "x", None, 5), {}), ((400,), {"status_code": 1}), ((400,), {"color": 1})]:
    try:
        HTTPException(*bad_args, **bad_kwargs)
    except TypeError as e:
        print("TypeError:", e)
print(HTTPException, HTTPException.__mro__, HTTPException.__module__)
print(isinstance(HTTPException(500), Exception), issubclass(HTTPException, Exception))
try:
    raise HTTPException(status_code=401, detail="who are you?")
except Exception as e:
    print(type(e).__name__, e.status_code, e)
raise HTTPException(429, "Rate limit exceeded")
