//! The registry of live cells: the teaching views enumerate every cell a session has made
//! and still holds, without keeping any of them alive.

use super::value::{CellObj, PyStr, Value};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

thread_local! {
    static LIVE: RefCell<Registry> = RefCell::new(Registry { cells: Vec::new(), next_purge: 1024 });
}

struct Registry {
    cells: Vec<Weak<CellObj>>,
    /// The registry drops its dead entries when it grows past this, so that its size stays
    /// proportional to the number of live cells.
    next_purge: usize,
}

/// Makes a cell and records it.
pub fn new_cell(name: Rc<PyStr>, contents: Option<Value>) -> Rc<CellObj> {
    let cell = Rc::new(CellObj::new(name, contents));
    LIVE.with(|r| {
        let mut r = r.borrow_mut();
        if r.cells.len() >= r.next_purge {
            r.cells.retain(|w| w.strong_count() > 0);
            r.next_purge = (r.cells.len() * 2).max(1024);
        }
        r.cells.push(Rc::downgrade(&cell));
    });
    cell
}

/// Every live cell, oldest first.
pub fn live_cells() -> Vec<Rc<CellObj>> {
    LIVE.with(|r| r.borrow().cells.iter().filter_map(Weak::upgrade).collect())
}
