//! Freeing deeply nested data without deep recursion (CPython's "trashcan").
//!
//! Dropping `x` after `for _ in range(10**7): x = [x]` would recurse once per level and
//! overflow even a large stack. Containers hand their items to `dispose`: past a modest
//! nesting depth the items are parked on a list, and the outermost disposal frees them one
//! batch at a time, in a loop.

use crate::runtime::model::value::Value;
use std::cell::{Cell, RefCell};

const MAX_NESTING: u32 = 64;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static PARKED: RefCell<Vec<Vec<Value>>> = const { RefCell::new(Vec::new()) };
}

pub fn dispose(items: Vec<Value>) {
    if items.is_empty() {
        return;
    }
    let depth = DEPTH.with(|d| d.get());
    if depth >= MAX_NESTING {
        PARKED.with(|p| p.borrow_mut().push(items));
        return;
    }
    DEPTH.with(|d| d.set(depth + 1));
    drop_from_end(items);
    if depth == 0 {
        while let Some(batch) = PARKED.with(|p| p.borrow_mut().pop()) {
            drop_from_end(batch);
        }
    }
    DEPTH.with(|d| d.set(depth));
}

/// Frees the items last first, as CPython's lists and tuples do: what runs when an item is
/// freed (a generator's `finally`) runs in CPython's order.
pub fn drop_from_end(mut items: Vec<Value>) {
    while items.pop().is_some() {}
}
