# Lesson 7 - Closures in FastAPI: dependency factories.
#
# The chapter's last snippet, exactly as printed: rate_limiter(...) is a factory. Each call
# makes a new deque and a new check_rate_limit closure that holds it in a cell, so every
# limiter counts its own calls. FastAPI calls the factory once (here, at import time) and the
# closure it returned on every request. cellar ships a teaching model of FastAPI, so the
# requests below run without a server; real FastAPI prints the same.

from fastapi import FastAPI, Depends, HTTPException
app = FastAPI()
# ── Rate limiter factory — returns a dependency closure ───────────────────────
def rate_limiter(max_calls: int = 100, window_seconds: int = 60):
    """Factory: returns a FastAPI dependency that enforces rate limiting."""
    import time
    from collections import deque
    call_times: deque = deque() # captured in the closure
    def check_rate_limit(): # the actual dependency — a closure
        now = time.time()
        cutoff = now - window_seconds
        # Remove old calls outside the window
        while call_times and call_times[0] < cutoff:
            call_times.popleft()
        if len(call_times) >= max_calls:
            raise HTTPException(429, "Rate limit exceeded")
        call_times.append(now)
    return check_rate_limit # return the closure
# Use the factory to create rate limiters with different limits
strict_limit = rate_limiter(max_calls=10, window_seconds=60)
relaxed_limit = rate_limiter(max_calls=100, window_seconds=60)
@app.get("/api/search", dependencies=[Depends(strict_limit)])
async def search():
    return {"results": []}
@app.get("/api/posts", dependencies=[Depends(relaxed_limit)])
async def list_posts():
    return {"posts": []}


# ── Sending requests ──────────────────────────────────────────────────────────
from fastapi.testclient import TestClient

client = TestClient(app)

# The closure's cells: the deque it appends to, the two limits it reads, and the time module
# (imported inside the factory, so it is a variable of the factory's scope too).
print(strict_limit.__code__.co_freevars)  # ('call_times', 'max_calls', 'time', 'window_seconds')
call_times = strict_limit.__closure__[0].cell_contents
print(len(call_times))  # 0 - no request yet

# Each request runs check_rate_limit before search(). The first 10 fit in the window and
# each appends its time to the deque; the 11th finds 10 calls already and raises
# HTTPException(429, ...), which FastAPI turns into the response.
for n in range(1, 12):
    r = client.get("/api/search")
    print(n, r.status_code, r.json(), len(call_times))
# 1 200 {'results': []} 1
# ...
# 10 200 {'results': []} 10
# 11 429 {'detail': 'Rate limit exceeded'} 10   <- refused, so nothing was appended

# /api/posts has its own limiter: relaxed_limit was made by a second call of the factory,
# so it holds a different deque, still empty, and its limit is 100.
r = client.get("/api/posts")
print(r.status_code, r.json())  # 200 {'posts': []}
print(len(relaxed_limit.__closure__[0].cell_contents))  # 1

# Two limiters never share a deque: each factory call made a new cell holding a new deque.
print(strict_limit.__closure__[0] is relaxed_limit.__closure__[0])  # False
print(strict_limit.__closure__[0].cell_contents is relaxed_limit.__closure__[0].cell_contents)  # False
limits = dict(zip(relaxed_limit.__code__.co_freevars, relaxed_limit.__closure__))
print(limits["max_calls"].cell_contents, limits["window_seconds"].cell_contents)  # 100 60

# The handler itself is an ordinary async function: calling it makes a coroutine object,
# which FastAPI awaits for each request.
print(search())  # <coroutine object search at 0x...>
