# asyncio: a loop with virtual time; tasks, gather, sleep ordering, Event, Queue, wait_for, cancellation, and errors.
import asyncio

async def sleeper(name, delay, log):
    log.append(f"{name} start")
    await asyncio.sleep(delay)
    log.append(f"{name} woke after {delay}")
    return name

async def timing():
    log = []
    loop = asyncio.get_running_loop()
    start = loop.time()
    results = await asyncio.gather(sleeper("slow", 3, log), sleeper("fast", 1, log), sleeper("mid", 2, log))
    print(results, log, round(loop.time() - start, 1))

asyncio.run(timing())

async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print("  put", i, "size", queue.qsize())
    await queue.put(None)

async def consumer(queue, name):
    total = 0
    while True:
        item = await queue.get()
        queue.task_done()
        if item is None:
            return (name, total)
        total += item
        await asyncio.sleep(0)

async def pipeline():
    queue = asyncio.Queue(maxsize=2)
    result = await asyncio.gather(producer(queue, 5), consumer(queue, "c"))
    print(result, queue.empty(), queue.maxsize)
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

asyncio.run(pipeline())

async def waiter(event, name):
    print(" ", name, "waiting")
    await event.wait()
    print(" ", name, "released")
    return name

async def events():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in "ab"]
    await asyncio.sleep(1)
    print("setting", event.is_set())
    event.set()
    print(await asyncio.gather(*tasks), event.is_set())

asyncio.run(events())

async def forever():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("  cancelled inside")
        raise

async def cancelling():
    task = asyncio.create_task(forever(), name="sleepy")
    await asyncio.sleep(0)
    print(task.get_name(), task.done(), task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting a cancelled task raises CancelledError", task.cancelled())
    start = asyncio.get_running_loop().time()
    try:
        await asyncio.wait_for(asyncio.sleep(10, "late"), timeout=1)
    except asyncio.TimeoutError:
        print("wait_for timed out after", round(asyncio.get_running_loop().time() - start, 1))
    print(await asyncio.wait_for(asyncio.sleep(1, "in time"), timeout=5))
    print(asyncio.current_task().get_name() != "sleepy")

asyncio.run(cancelling())

async def answer():
    return 42

coro = answer()
print(asyncio.run(coro))
for attempt in [lambda: asyncio.run(coro), lambda: asyncio.run(answer), lambda: asyncio.get_running_loop()]:
    try:
        attempt()
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__ + ":", str(e).split(" at 0x")[0])

async def nested():
    inner = answer()
    try:
        asyncio.run(inner)
    except RuntimeError as e:
        print("RuntimeError:", e)
    inner.close()
asyncio.run(nested())

async def counter():
    count = 0
    async def bump():
        nonlocal count
        await asyncio.sleep(0)
        count += 1
        return count
    print(await asyncio.gather(*(bump() for _ in range(3))), count)
asyncio.run(counter())
c = answer()
print(type(c).__name__, c.cr_code.co_name, c.cr_running, c.cr_frame is not None, c.send.__name__)
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration", e.value, c.cr_frame)
try:
    next(answer())
except TypeError as e:
    print("TypeError:", e)
