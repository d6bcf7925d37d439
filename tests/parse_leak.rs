//! Parsing must not leak: each thread builds the chumsky grammar once and drops it when it
//! ends, so a self-owning recursive parser would leak the whole parser graph with every
//! thread (LeakSanitizer under cargo-fuzz, `parse_module`'s thread per call). The parses
//! here go through `parse_module`, a thread each, so that a leak of that kind shows.

use cellar::runtime::support::limits::{allocated, CountingAllocator};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

const SRC: &str = "\
import os.path as p
from . import (a, b as c,)

@decorator(1, *args, key=value)
class C(Base, metaclass=M):
    x: int = 1
    def f(self, a, /, b=2, *c, d, **e) -> 'r':
        global g
        return [i ** -2 for i in range(10) if i % 3 if not i] or {k: v for k, v in a.items()}

async def g():
    async with a as (b, c), d:
        await x
    async for i in y:
        yield z
    f = lambda x, *y: (x, *y)[1:2:3]
    del a[0], b.c
    try:
        raise E from None
    except (E, F) as e:
        pass
    else:
        pass
    finally:
        assert x, 'msg'

while (n := n - 1) > 0 and x is not None:
    a, *b = c = 1 + 2 * 3 @ m // 4 << 5 & 6 ^ 7 | ~8
    s = f'{a!r:>{w}} {b}' 'lit' if x in y else {1, 2}
    d |= {**e, 'k': [*l]}
    break
else:
    pass

def h():
    yield from z
";

fn parse_many(src: &str, n: usize) {
    for _ in 0..n {
        let r = cellar::syntax::parse_module(src);
        drop(r);
    }
}

fn growth(src: &str, n: usize) -> isize {
    // Warm up: thread-locals and any one-time caches.
    parse_many(src, 20);
    let before = allocated() as isize;
    parse_many(src, n);
    allocated() as isize - before
}

// One test only: the byte count is process-wide, so a second test running in parallel
// would show up as growth here.
#[test]
fn parsing_does_not_leak() {
    let bad = "def f(:\n    pass\n";
    assert!(cellar::syntax::parse_module_here(SRC).is_ok());
    assert!(cellar::syntax::parse_module_here(bad).is_err());
    for (what, src) in [("successful", SRC), ("failing", bad)] {
        let grown = growth(src, 2_000);
        eprintln!("allocated bytes grew by {grown} over 2000 {what} parses");
        assert!(grown < 64 * 1024, "{what} parses leak: {grown} bytes over 2000 parses");
    }
}
