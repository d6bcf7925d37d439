# async with and async for: awaited __aenter__/__aexit__, suppression, __aiter__/__anext__ until StopAsyncIteration, and their errors.
import asyncio

class Connection:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("open", self.name)
        return self
    async def __aexit__(self, typ, exc, tb):
        await asyncio.sleep(0)
        print("close", self.name, typ.__name__ if typ else None, exc)
        return self.swallow

class Ticker:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(1)
        return self.n

async def main():
    async with Connection("db") as db, Connection("cache") as cache:
        print("using", db.name, cache.name)
    async with Connection("swallowing", swallow=True):
        raise KeyError("gone")
    try:
        async with Connection("strict"):
            raise ValueError("kept")
    except ValueError as e:
        print("ValueError:", e)
    seen = []
    start = asyncio.get_running_loop().time()
    async for tick in Ticker(3):
        seen.append(tick)
    else:
        print("loop finished", seen, round(asyncio.get_running_loop().time() - start, 1))
    async for tick in Ticker(5):
        if tick == 3:
            break
    print("broke at", tick)
    class Half:
        async def __aenter__(self):
            return 1
    class NoAiter:
        pass
    class BadAiter:
        def __aiter__(self):
            return 5
    class BadAnext:
        def __aiter__(self):
            return self
        def __anext__(self):
            return 5
    for bad in [Half(), NoAiter(), 5]:
        try:
            async with bad:
                pass
        except TypeError as e:
            print("TypeError:", e)
    for bad in [NoAiter(), BadAiter(), BadAnext()]:
        try:
            async for x in bad:
                pass
        except TypeError as e:
            print("TypeError:", e)

asyncio.run(main())
