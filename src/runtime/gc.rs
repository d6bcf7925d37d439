//! Cells and functions, tracked: the teaching views list the live cells, and a cycle
//! collector reclaims what reference counting cannot.
//!
//! A cell that holds the function closing over it (a recursive inner function) is a cycle:
//! cell → function → closure → cell. The collector finds such garbage the way CPython's does
//! (trial deletion): for every tracked object it subtracts the references that come from
//! other tracked objects; what still has references left is reachable from outside (a frame,
//! a global, a list), and so is everything reachable from it. The rest is garbage: emptying
//! its cells breaks the cycles and reference counting frees it.

use super::value::{CellObj, Function, PyStr, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

struct Registry {
    cells: Vec<Weak<CellObj>>,
    functions: Vec<Weak<Function>>,
    /// Collect when the registry grows past this; it is reset to twice the survivors, so
    /// the work stays proportional to the allocations.
    next_collect: usize,
}

thread_local! {
    static REGISTRY: RefCell<Registry> =
        const { RefCell::new(Registry { cells: Vec::new(), functions: Vec::new(), next_collect: FLOOR }) };
}

const FLOOR: usize = 4096;

fn maybe_collect() {
    let due = REGISTRY.with(|r| {
        let r = r.borrow();
        r.cells.len() + r.functions.len() >= r.next_collect
    });
    if due {
        collect();
    }
}

/// Makes a cell and tracks it.
pub fn new_cell(name: Rc<PyStr>, contents: Option<Value>) -> Rc<CellObj> {
    maybe_collect();
    let cell = Rc::new(CellObj::new(name, contents));
    REGISTRY.with(|r| r.borrow_mut().cells.push(Rc::downgrade(&cell)));
    cell
}

/// Tracks a new function that closes over cells (only those can be part of a cell cycle).
pub fn track_function(f: &Rc<Function>) {
    if f.closure.is_empty() {
        return;
    }
    maybe_collect();
    REGISTRY.with(|r| r.borrow_mut().functions.push(Rc::downgrade(f)));
}

/// Every live cell, oldest first.
pub fn live_cells() -> Vec<Rc<CellObj>> {
    REGISTRY.with(|r| r.borrow().cells.iter().filter_map(Weak::upgrade).collect())
}

/// Runs the cycle collector; returns how many cells it emptied (as `gc.collect()` returns a
/// count of what it found).
pub fn collect() -> usize {
    let (cells, functions) = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.cells.retain(|w| w.strong_count() > 0);
        r.functions.retain(|w| w.strong_count() > 0);
        let cells: Vec<Rc<CellObj>> = r.cells.iter().filter_map(Weak::upgrade).collect();
        let functions: Vec<Rc<Function>> = r.functions.iter().filter_map(Weak::upgrade).collect();
        (cells, functions)
    });
    let n_cells = cells.len();
    let index: HashMap<usize, usize> = cells
        .iter()
        .map(|c| Rc::as_ptr(c) as usize)
        .chain(functions.iter().map(|f| Rc::as_ptr(f) as usize))
        .enumerate()
        .map(|(i, a)| (a, i))
        .collect();
    // References from outside the tracked set; our own upgrade is one of them.
    let mut refs: Vec<usize> = cells
        .iter()
        .map(|c| Rc::strong_count(c) - 1)
        .chain(functions.iter().map(|f| Rc::strong_count(f) - 1))
        .collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); refs.len()];
    for (i, c) in cells.iter().enumerate() {
        if let Some(v) = &*c.contents.borrow() {
            value_edges(v, &index, &mut edges[i]);
        }
    }
    for (j, f) in functions.iter().enumerate() {
        let e = &mut edges[n_cells + j];
        for cell in f.closure.iter() {
            if let Some(&k) = index.get(&(Rc::as_ptr(cell) as usize)) {
                e.push(k);
            }
        }
        if let Some(d) = &*f.defaults.borrow() {
            if Rc::strong_count(d) == 1 {
                for v in d.items.iter() {
                    value_edges(v, &index, e);
                }
            }
        }
    }
    for e in &edges {
        for &k in e {
            refs[k] = refs[k].saturating_sub(1);
        }
    }
    let mut reachable = vec![false; refs.len()];
    let mut stack: Vec<usize> = (0..refs.len()).filter(|&i| refs[i] > 0).collect();
    while let Some(i) = stack.pop() {
        if reachable[i] {
            continue;
        }
        reachable[i] = true;
        stack.extend(edges[i].iter().copied().filter(|&k| !reachable[k]));
    }
    let mut freed = 0;
    for (i, c) in cells.iter().enumerate() {
        if !reachable[i] {
            c.set(None);
            freed += 1;
        }
    }
    drop(functions);
    drop(cells);
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.cells.retain(|w| w.strong_count() > 0);
        r.functions.retain(|w| w.strong_count() > 0);
        r.next_collect = ((r.cells.len() + r.functions.len()) * 2).max(FLOOR);
    });
    freed
}

/// The tracked objects a value refers to directly (through a tuple only it holds).
fn value_edges(v: &Value, index: &HashMap<usize, usize>, out: &mut Vec<usize>) {
    match v {
        Value::Function(f) => {
            if let Some(&k) = index.get(&(Rc::as_ptr(f) as usize)) {
                out.push(k);
            }
        }
        Value::Cell(c) => {
            if let Some(&k) = index.get(&(Rc::as_ptr(c) as usize)) {
                out.push(k);
            }
        }
        Value::Tuple(t) if Rc::strong_count(t) == 1 => {
            for item in t.items.iter() {
                value_edges(item, index, out);
            }
        }
        _ => {}
    }
}
