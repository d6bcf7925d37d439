# FastAPI routing through the TestClient: path parameters converted by their annotations,
# query parameters, 404, 405, 422 with pydantic's error JSON, the trailing-slash redirect,
# a JSON body, and what a response looks like (text, headers, repr).
from fastapi import FastAPI
from fastapi.testclient import TestClient

app = FastAPI()


@app.get("/items/{item_id}")
def read_item(item_id: int, q: str = None, flag: bool = False, ratio: float = 1.0):
    return {"item_id": item_id, "q": q, "flag": flag, "ratio": ratio}


@app.get("/raw/{name}")
def raw(name, extra=None):
    return [name, extra]


@app.get("/files/{name}.txt")
def files(name):
    return name


@app.get("/pair/{a}/{b}")
def pair(b: int, a: str):
    return [a, b]


@app.get("/required")
def required(n: int):
    return n


@app.get("/m")
def m_get():
    return "get"


@app.post("/m")
def m_post():
    return "post"


@app.post("/body", status_code=201)
def body(item: dict):
    return item


@app.get("/ret")
def ret():
    return {"t": (1, 2), "u": "é\n\"x\u0001\\", 1: None, 2.5: 1e20, True: 1e-07, None: {3, 4}, "big": 10**30}


@app.delete("/gone", status_code=204)
def gone():
    return None


client = TestClient(app)
paths = [
    "/items/3", "/items/abc", "/items/3?q=x&flag=yes&ratio=2", "/items/3?flag=maybe&ratio=x",
    "/items/ 4 ", "/items/4.0", "/items/4.5", "/items/-7", "/items/+7", "/items/1_000", "/items/1__0",
    "/items/%C3%A9", "/items/99999999999999999999999", "/items/3?flag=On&ratio=1e3",
    "/raw/a%20b?extra=1+2", "/files/a.b.txt", "/pair/x/y", "/pair/x/5",
    "/required", "/required?n=", "/required?n=1&n=2",
    "/nope", "/", "/items", "/items/3/", "/ret",
]
for path in paths:
    r = client.get(path)
    print(path, r.status_code, r.text)
    print("   ", r.json(), r.headers["content-type"], r.headers["Content-Length"], r)

for name in ["get", "post", "put", "delete", "patch"]:
    r = getattr(client, name)("/m")
    print(name, r.status_code, r.json(), r.headers.get("allow"), r.headers)

for value in ["4.", "0x10", "-0", "00012", " -3 "]:
    r = client.get("/required", params={"n": value})
    print(repr(value), r.status_code, r.json())

for kw in [{}, {"json": {"a": [1, 2.0, None, True], "t": (1,)}}, {"json": [1]}, {"json": "s"}]:
    r = client.post("/body", **kw)
    print(kw, r.status_code, r.text)

r = client.delete("/gone")
print(r.status_code, repr(r.text), r.headers, r.reason_phrase)
r = client.get("/ret")
print(len(r.headers), list(r.headers), r.headers.items(), "content-type" in r.headers)
try:
    r.headers["x-missing"]
except KeyError as e:
    print("KeyError", e)
try:
    client.get("/m", json={})
except TypeError as e:
    print("TypeError", e)
try:
    client.post("/body", json={"a": {1}})
except TypeError as e:
    print("TypeError", e)
