# FastAPI dependencies: route-level dependencies and Depends as a parameter default, solved
# per request (once per request when two parameters share one), dependencies with their own
# query parameters, validation errors collected before anything else runs, HTTPException
# with headers, sync and async handlers and dependencies.
from fastapi import FastAPI, Depends, HTTPException
from fastapi.testclient import TestClient

app = FastAPI()
log = []


def common(q: str = "dq", limit: int = 10):
    log.append(("common", q, limit))
    return {"q": q, "limit": limit}


async def user(token: str):
    log.append("user")
    if token == "bad":
        raise HTTPException(status_code=401, detail="Invalid token", headers={"WWW-Authenticate": "Bearer"})
    return "user:" + token


def side():
    log.append("side")


@app.get("/d/{x}", dependencies=[Depends(side), Depends(side)], status_code=201)
async def handler(x: int, c=Depends(common), c2: dict = Depends(common), u: str = Depends(user)):
    log.append("handler")
    return {"x": x, "c": c, "same": c is c2, "u": u}


def fresh():
    log.append("fresh")
    return len(log)


@app.get("/nocache")
def nocache(a=Depends(fresh, use_cache=False), b=Depends(fresh, use_cache=False), c=Depends(fresh)):
    return [a, b, c]


def level2(n: int = 0):
    log.append("level2")
    return n * 2


def level1(v=Depends(level2)):
    log.append("level1")
    return v + 1


@app.put("/chain")
def chain(v=Depends(level1)):
    return v


@app.get("/teapot")
def teapot():
    raise HTTPException(418)


@app.get("/nocontent")
async def nocontent():
    raise HTTPException(status_code=204)


@app.get("/boom")
def boom():
    return 1 / 0


client = TestClient(app)
for path in ["/d/1", "/d/1?q=zz&limit=3&token=t", "/d/zz?limit=x", "/d/5?token=abc&limit=2", "/d/5?token=bad"]:
    log.clear()
    r = client.get(path)
    print(path, r.status_code, r.json(), r.headers)
    print("   ", log)
log.clear()
print(client.get("/nocache").json(), log)
log.clear()
print(client.put("/chain?n=4").json(), client.put("/chain?n=four").json(), log)
r = client.get("/teapot")
print(r.status_code, r.json(), r)
r = client.get("/nocontent")
print(r.status_code, repr(r.text), r.headers)
try:
    client.get("/boom")
except ZeroDivisionError as e:
    print("the handler's error reaches the caller:", e)
print(Depends(common).dependency is common, Depends(common, use_cache=False).use_cache)
print(repr(Depends(len)))
