//! One recursion counter for everything that recurses on user data: Python calls, and
//! repr/equality/hashing of nested containers. Like CPython's, it turns runaway recursion into
//! `RecursionError` long before the Rust stack runs out.

use super::exceptions::recursion_error;
use super::value::PyResult;
use std::cell::Cell;

/// CPython's default `sys.getrecursionlimit()`.
pub const LIMIT: u32 = 1000;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Holds one level of depth; dropping it gives the level back.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// Enters one level. `context` completes CPython's message ("", " in comparison", " while
/// getting the repr of an object").
pub fn enter(context: &str) -> PyResult<Guard> {
    DEPTH.with(|d| {
        let n = d.get();
        if n >= LIMIT {
            return recursion_error(format!("maximum recursion depth exceeded{context}"));
        }
        d.set(n + 1);
        Ok(Guard(()))
    })
}
