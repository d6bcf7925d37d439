//! Who holds each cell, named the way a learner would type it.
//!
//! A breadth-first walk from the session's globals (then `_`) through containers, functions
//! and cells. Every object is visited once, so the walk costs what is live, never what the
//! session did before; and the first path found to an object is its shortest one (`double`
//! before `_`, `funcs[3]` before `funcs[3].__closure__[0].cell_contents`).

use crate::runtime::interp::Interp;
use crate::runtime::value::{CellObj, Function, Value};
use crate::session::Session;
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// Something that holds a cell: a function through its closure, or a name that refers to the
/// cell object itself (`c = double.__closure__[0]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub path: String,
    /// The holding function's address; `None` when the path reaches the cell itself.
    pub function: Option<usize>,
}

/// What the walk found.
#[derive(Default)]
pub struct Reach {
    /// Cell serial → its holders, in the order the walk met them.
    pub holders: HashMap<u64, Vec<Holder>>,
}

impl Reach {
    pub fn of(&self, cell: &CellObj) -> &[Holder] {
        self.holders.get(&cell.serial).map_or(&[], |h| &h[..])
    }
}

/// Walks everything reachable from the session's names.
pub fn walk(session: &mut Session) -> Reach {
    let mut roots: Vec<(String, Value)> = Vec::new();
    for (k, v) in session.globals.items() {
        if let Value::Str(name) = &k {
            roots.push((name.to_string(), v));
        }
    }
    if let Some(v) = session.interp.builtins.get_str("_") {
        roots.push(("_".to_string(), v));
    }
    walk_from(&mut session.interp, roots)
}

/// Walks from the given named values (`:cells EXPR` names its own roots).
pub fn walk_from(interp: &mut Interp, roots: Vec<(String, Value)>) -> Reach {
    let mut reach = Reach::default();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue: VecDeque<(String, Value)> = roots.into();
    while let Some((path, v)) = queue.pop_front() {
        // Every name for a cell object counts, not only the first path to it.
        if let Value::Cell(c) = &v {
            reach.holders.entry(c.serial).or_default().push(Holder { path: path.clone(), function: None });
        }
        if !has_children(&v) || !seen.insert(v.address()) {
            continue;
        }
        match &v {
            Value::Function(f) => {
                let addr = Rc::as_ptr(f) as usize;
                for (i, cell) in f.closure.iter().enumerate() {
                    reach.holders.entry(cell.serial).or_default().push(Holder { path: path.clone(), function: Some(addr) });
                    if seen.insert(Rc::as_ptr(cell) as usize) {
                        if let Some(c) = cell.get() {
                            queue.push_back((format!("{path}.__closure__[{i}].cell_contents"), c));
                        }
                    }
                }
                function_parts(f, &path, &mut queue);
            }
            Value::Cell(c) => {
                if let Some(contents) = c.get() {
                    queue.push_back((format!("{path}.cell_contents"), contents));
                }
            }
            Value::List(l) => {
                for (i, item) in l.snapshot().into_iter().enumerate() {
                    queue.push_back((format!("{path}[{i}]"), item));
                }
            }
            Value::Tuple(t) => {
                for (i, item) in t.items.iter().enumerate() {
                    queue.push_back((format!("{path}[{i}]"), item.clone()));
                }
            }
            Value::Dict(d) => {
                for (k, item) in d.items() {
                    let key = interp.repr(&k).unwrap_or_else(|_| "…".into());
                    queue.push_back((format!("{path}[{key}]"), item));
                }
            }
            Value::Set(s) | Value::FrozenSet(s) => {
                for item in s.items() {
                    queue.push_back((format!("an item of {path}"), item));
                }
            }
            Value::Method(m) => {
                queue.push_back((format!("{path}.__func__"), m.func.clone()));
                queue.push_back((format!("{path}.__self__"), m.receiver.clone()));
            }
            Value::Native(n) => {
                // Sequence-like natives (deque, namedtuple) are indexed as their items are;
                // the others (partial, lru_cache wrappers) have no path a learner would type.
                let indexed = n.len().is_some() && n.iter_items().is_some();
                for (i, item) in n.children().into_iter().enumerate() {
                    let p = if indexed { format!("{path}[{i}]") } else { format!("inside {path}") };
                    queue.push_back((p, item));
                }
            }
            _ => {}
        }
    }
    reach
}

/// Only these can lead to a cell; ints, strings, modules and the like are not walked.
fn has_children(v: &Value) -> bool {
    matches!(
        v,
        Value::Function(_)
            | Value::Cell(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Method(_)
            | Value::Native(_)
    )
}

/// What else a function keeps alive: its defaults and the attributes set on it
/// (`functools.wraps` puts `__wrapped__` there).
fn function_parts(f: &Rc<Function>, path: &str, queue: &mut VecDeque<(String, Value)>) {
    if let Some(d) = f.defaults.borrow().as_ref() {
        for (i, v) in d.items.iter().enumerate() {
            queue.push_back((format!("{path}.__defaults__[{i}]"), v.clone()));
        }
    }
    if let Some(d) = f.kwdefaults.borrow().as_ref() {
        for (k, v) in d.items() {
            if let Value::Str(k) = k {
                queue.push_back((format!("{path}.__kwdefaults__['{}']", k.as_str()), v));
            }
        }
    }
    if let Some(d) = f.dict.borrow().as_ref() {
        for (k, v) in d.items() {
            if let Value::Str(k) = k {
                queue.push_back((format!("{path}.{}", k.as_str()), v));
            }
        }
    }
}
