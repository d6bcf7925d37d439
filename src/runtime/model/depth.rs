//! One recursion counter for everything that recurses on user data: Python calls, and
//! repr/equality/hashing of nested containers. Like CPython's, it turns runaway recursion into
//! `RecursionError` long before the Rust stack runs out.

use crate::runtime::model::exceptions::recursion_error;
use crate::runtime::model::value::PyResult;
use std::cell::Cell;

/// CPython's default `sys.getrecursionlimit()`.
pub const DEFAULT_LIMIT: u32 = 1000;

/// The Rust stack the interpreter's thread needs: far more than the default limit's frames
/// take, and what a raised limit (`sys.setrecursionlimit`) may use before `RecursionError`.
pub const STACK_SIZE: usize = 1 << 30;

/// Stack kept free below the deepest frame a raised limit allows: one level of Python can
/// take a few hundred KiB of Rust stack (a call inside a repr inside a comparison).
const STACK_MARGIN: usize = 64 << 20;

struct Depth {
    depth: Cell<u32>,
    limit: Cell<u32>,
    /// The depth below which `enter` needs no check but the count: the limit, or the default
    /// limit when a raised one makes deeper levels watch the stack.
    checked_from: Cell<u32>,
    /// Where the outermost level's stack was, so that levels past the default limit can
    /// check how much of the stack they use.
    base: Cell<usize>,
    /// On a generator's stack, the lowest address a level may start at (`support::stacks`);
    /// 0 on the thread's own stack.
    floor: Cell<usize>,
}

thread_local! {
    static DEPTH: Depth = const {
        Depth {
            depth: Cell::new(0),
            limit: Cell::new(DEFAULT_LIMIT),
            checked_from: Cell::new(DEFAULT_LIMIT),
            base: Cell::new(0),
            floor: Cell::new(0),
        }
    };
}

/// Holds one level of depth; dropping it gives the level back.
pub struct Guard(());

impl Drop for Guard {
    #[inline]
    fn drop(&mut self) {
        DEPTH.with(|d| d.depth.set(d.depth.get() - 1));
    }
}

/// Enters one level (`context` completes the message, as in " while getting the repr of an
/// object"). Every call passes here, so all but the outermost level and the deep ones cost
/// one comparison.
#[inline]
pub fn enter(context: &str) -> PyResult<Guard> {
    DEPTH.with(|d| {
        let n = d.depth.get();
        if n == 0 || n >= d.checked_from.get() {
            return enter_checked(d, n, context);
        }
        d.depth.set(n + 1);
        Ok(Guard(()))
    })
}

#[cold]
#[inline(never)]
fn enter_checked(d: &Depth, n: u32, context: &str) -> PyResult<Guard> {
    // A limit raised past what the stack holds stops where CPython would crash.
    let floor = d.floor.get();
    if n >= d.limit.get()
        || (n >= DEFAULT_LIMIT && stack_used(d) > STACK_SIZE - STACK_MARGIN)
        || (floor != 0 && stack_position() < floor)
    {
        return recursion_error(format!("maximum recursion depth exceeded{context}"));
    }
    if n == 0 {
        d.base.set(stack_position());
    }
    d.depth.set(n + 1);
    Ok(Guard(()))
}

/// `sys.getrecursionlimit()`.
pub fn limit() -> u32 {
    DEPTH.with(|d| d.limit.get())
}

/// The levels entered now.
pub fn current() -> u32 {
    DEPTH.with(|d| d.depth.get())
}

/// `sys.setrecursionlimit(limit)`, already checked against the current depth.
pub fn set_limit(limit: u32) {
    DEPTH.with(|d| {
        d.limit.set(limit);
        if d.floor.get() == 0 {
            d.checked_from.set(limit.min(DEFAULT_LIMIT));
        }
    });
}

use crate::runtime::support::stacks::stack_position;

/// Which stack the interpreter ran on before it switched to another: the floor of a
/// generator's stack, or 0 for the thread's own.
pub struct OnStack(usize);

/// The interpreter moves back to the thread's stack (a call made by a generator).
pub fn enter_thread_stack() -> OnStack {
    DEPTH.with(|d| switch_to(d, 0))
}

/// Back to the stack that was left.
pub fn leave_stack(saved: OnStack) {
    DEPTH.with(|d| switch_to(d, saved.0));
}

fn switch_to(d: &Depth, floor: usize) -> OnStack {
    d.checked_from.set(if floor == 0 { d.limit.get().min(DEFAULT_LIMIT) } else { 0 });
    OnStack(d.floor.replace(floor))
}

/// What a resumed generator's frame lent: the levels below it and the stack it left.
pub struct Resumed {
    base: u32,
    left: OnStack,
}

/// A generator's frame resumes on its own stack, whose frames may not go below `floor`
/// (every level is checked there), with the `levels` it held when it suspended counting
/// again on top of the current ones.
pub fn resume_generator(levels: u32, floor: usize) -> Resumed {
    DEPTH.with(|d| {
        let base = d.depth.get();
        d.depth.set(base + levels);
        Resumed { base, left: switch_to(d, floor) }
    })
}

/// The frame yielded or finished: the levels it still holds stop counting until it is
/// resumed again, and are returned.
pub fn suspend_generator(resumed: Resumed) -> u32 {
    DEPTH.with(|d| {
        switch_to(d, resumed.left.0);
        let held = d.depth.get() - resumed.base;
        d.depth.set(resumed.base);
        held
    })
}

/// Sets the levels entered: a suspended generator's levels stop counting while it waits,
/// and count again on top of whoever resumes it.
pub fn set_current(n: u32) {
    DEPTH.with(|d| d.depth.set(n));
}

fn stack_used(d: &Depth) -> usize {
    d.base.get().abs_diff(stack_position())
}
