//! The cell watch: a snapshot of every live cell before and after a statement, and the
//! differences between the two in words.

use crate::runtime::model::gc;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::{CellObj, Function, Native, PyStr, Value};
use crate::session::Session;
use std::any::Any;
use std::rc::{Rc, Weak};
use super::walk::{mutable, walk, Holder, Reach};
use super::{short_sized, Style, SHORT};

/// One live cell as it was when the snapshot was taken.
pub struct CellState {
    pub serial: u64,
    pub name: Rc<PyStr>,
    /// `None` while the cell is empty.
    pub repr: Option<String>,
    pub type_name: String,
    /// The number of items, for a list, tuple, dict or set.
    pub len: Option<usize>,
    ident: Ident,
    pub holders: Vec<Holder>,
}

impl CellState {
    fn function_holders(&self) -> usize {
        self.holders.iter().filter(|h| h.function.is_some()).count()
    }

    /// Every name that reaches the cell, a function's other names included.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.holders.iter().flat_map(|h| std::iter::once(h.path.as_str()).chain(h.aliases.iter().map(String::as_str)))
    }
}

/// Which object a cell held. Objects are pinned by a weak reference: their memory cannot be
/// reused while the snapshot lives, so an equal address means the very same object (a dict
/// changed in place) and never a new one that happens to sit where the old one was.
enum Ident {
    Empty,
    Immediate(Value),
    /// The address, and a weak reference held only for the allocation it keeps reserved.
    Object { addr: usize, _pin: Box<dyn Any> },
}

fn ident(v: Option<&Value>) -> Ident {
    fn pin<T: 'static>(r: &Rc<T>) -> Box<dyn Any> {
        let weak: Weak<T> = Rc::downgrade(r);
        Box::new(weak)
    }
    let Some(v) = v else { return Ident::Empty };
    let p = match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Ellipsis | Value::NotImplemented => {
            return Ident::Immediate(v.clone())
        }
        Value::BigInt(r) => pin(r),
        Value::Str(r) => pin(r),
        Value::List(r) => pin(r),
        Value::Tuple(r) => pin(r),
        Value::Dict(r) => pin(r),
        Value::Set(r) | Value::FrozenSet(r) => pin(r),
        Value::Range(r) => pin(r),
        Value::Function(r) => pin(r),
        Value::Builtin(r) => pin(r),
        Value::Method(r) => pin(r),
        Value::Cell(r) => pin(r),
        Value::Code(r) => pin(r),
        Value::Module(r) => pin(r),
        Value::Type(r) => pin(r),
        Value::Exception(r) => pin(r),
        Value::Instance(r) => pin(r),
        Value::Iter(r) => pin(r),
        Value::Native(r) => {
            let weak: Weak<Box<dyn Native>> = Rc::downgrade(r);
            Box::new(weak)
        }
    };
    Ident::Object { addr: v.address(), _pin: p }
}

impl Ident {
    fn same(&self, other: &Ident) -> bool {
        match (self, other) {
            (Ident::Empty, Ident::Empty) => true,
            (Ident::Immediate(a), Ident::Immediate(b)) => a.is(b),
            (Ident::Object { addr: a, .. }, Ident::Object { addr: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// One default of a reachable function that can change in place.
pub struct DefaultState {
    /// The function's path and the parameter's name: `add`, `acc`.
    function: String,
    param: String,
    /// The function, pinned as `Ident` pins objects, so that an equal address is the same
    /// function.
    owner: Ident,
    ident: Ident,
    repr: String,
    len: Option<usize>,
    type_name: String,
}

/// Every live cell, oldest first, and the mutable defaults of the reachable functions.
pub struct Snapshot {
    pub cells: Vec<CellState>,
    pub defaults: Vec<DefaultState>,
}

impl Snapshot {
    pub fn empty() -> Snapshot {
        Snapshot { cells: Vec::new(), defaults: Vec::new() }
    }

    /// Collects cyclic garbage first, so that a cell nothing can reach any more (a recursive
    /// inner function that was deleted) is reported gone now rather than whenever the
    /// collector would next have run. All the work here is proportional to what is live.
    pub fn take(session: &mut Session) -> Snapshot {
        gc::collect();
        let reach = walk(session);
        let cells = gc::live_cells().iter().map(|c| state(session, c, &reach)).collect();
        let mut defaults = Vec::new();
        for (path, f) in &reach.mutable_defaults {
            for (param, v) in default_values(f) {
                if mutable(&v) {
                    let repr = session.interp.repr(&v).unwrap_or_else(|_| "<repr failed>".into());
                    let owner = ident(Some(&Value::Function(f.clone())));
                    let (len, type_name) = (items(&v), type_name(&v));
                    defaults.push(DefaultState { function: path.clone(), param, owner, ident: ident(Some(&v)), repr, len, type_name });
                }
            }
        }
        Snapshot { cells, defaults }
    }
}

/// A function's defaults by parameter name, positional then keyword-only.
fn default_values(f: &Function) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(d) = f.defaults.borrow().as_ref() {
        let first = f.code.sig.argcount.saturating_sub(d.items.len());
        for (i, v) in d.items.iter().enumerate() {
            if let Some(name) = f.code.varnames.get(first + i) {
                out.push((name.to_string(), v.clone()));
            }
        }
    }
    if let Some(d) = f.kwdefaults() {
        for (k, v) in d.items() {
            if let Value::Str(k) = k {
                out.push((k.to_string(), v));
            }
        }
    }
    out
}

fn state(session: &mut Session, c: &Rc<CellObj>, reach: &Reach) -> CellState {
    let contents = c.get();
    CellState {
        serial: c.serial,
        name: c.name.clone(),
        repr: contents.as_ref().map(|v| session.interp.repr(v).unwrap_or_else(|_| "<repr failed>".into())),
        type_name: contents.as_ref().map(type_name).unwrap_or_default(),
        len: contents.as_ref().and_then(items),
        ident: ident(contents.as_ref()),
        holders: reach.of(c).to_vec(),
    }
}

/// The number of items of a list, tuple, dict or set.
pub fn items(v: &Value) -> Option<usize> {
    match v {
        Value::List(l) => Some(l.len()),
        Value::Tuple(t) => Some(t.items.len()),
        Value::Dict(d) => Some(d.len()),
        Value::Set(s) | Value::FrozenSet(s) => Some(s.len()),
        _ => None,
    }
}

/// The watch's lines for what changed between `old` and `new`; `entry` is the source of the
/// statement that ran, to tell which of a cell's functions it called.
pub fn diff(old: &Snapshot, new: &Snapshot, entry: &str, style: &Style) -> Vec<String> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.cells.len() || j < new.cells.len() {
        let a = old.cells.get(i);
        let b = new.cells.get(j);
        match (a, b) {
            (Some(a), Some(b)) if a.serial == b.serial => {
                changes(a, b, entry, style, &mut out);
                i += 1;
                j += 1;
            }
            (Some(a), b) if b.is_none_or(|b| a.serial < b.serial) => {
                out.push(format!("  {} {} is gone", style.gone("cell"), cell_and_value(a, style)));
                i += 1;
            }
            (_, Some(b)) => {
                out.push(format!("  {} {}, {}", style.added("new cell"), cell_and_value(b, style), holders_text(&b.holders)));
                j += 1;
            }
            (_, None) => unreachable!("the loop runs while either side has cells"),
        }
    }
    default_changes(old, new, style, &mut out);
    out
}

/// `add's default acc: [] → [1]`: a default changed in place, the one object every call
/// without that argument gets. A default that was replaced (`add.__defaults__ = ...`) or
/// whose function is new is not a change in place, and is not reported.
fn default_changes(old: &Snapshot, new: &Snapshot, style: &Style, out: &mut Vec<String>) {
    for b in &new.defaults {
        let before = old.defaults.iter().find(|a| a.param == b.param && a.owner.same(&b.owner) && a.ident.same(&b.ident));
        let Some(a) = before.filter(|a| a.repr != b.repr) else { continue };
        let long = a.repr.chars().count() > SHORT || b.repr.chars().count() > SHORT;
        let (was, now) = match (a.len, b.len) {
            (Some(m), Some(n)) if long => (count(m), count(n)),
            _ => (short_sized(&a.repr, a.len), short_sized(&b.repr, b.len)),
        };
        out.push(format!(
            "  {}'s {} {}: {} → {}, the same {} in every call: it was made once, when {} was defined",
            b.function,
            style.changed("default"),
            b.param,
            style.value(&was),
            style.value(&now),
            b.type_name,
            b.function
        ));
    }
}

fn changes(a: &CellState, b: &CellState, entry: &str, style: &Style, out: &mut Vec<String>) {
    if a.repr != b.repr {
        let writers: Vec<&str> = b
            .holders
            .iter()
            .filter(|h| h.function.is_some() && called_in(entry, &h.path))
            .map(|h| h.path.as_str())
            .collect();
        let by = writers.join(" or ");
        let in_place = a.repr.is_some() && b.repr.is_some() && a.ident.same(&b.ident);
        // A container that grows (a memoising cache) is best followed by its size once its
        // repr no longer fits on a line.
        let long = |c: &CellState| c.repr.as_ref().is_some_and(|r| r.chars().count() > SHORT);
        let (old, new) = match (a.len, b.len) {
            (Some(m), Some(n)) if in_place && (long(a) || long(b)) => (count(m), count(n)),
            _ => (value_text(a), value_text(b)),
        };
        let mut line = format!(
            "  {} {} {}: {} → {}",
            style.changed("cell"),
            style.id(b.serial),
            b.name.as_str(),
            style.value(&old),
            style.value(&new)
        );
        if in_place {
            line.push_str(&format!(", the same {} changed in place", b.type_name));
            if !by.is_empty() {
                line.push_str(&format!(" by {by}"));
            }
        } else if !by.is_empty() {
            line.push_str(&format!(", written by {by}"));
        }
        out.push(line);
    }
    let (before, after) = (a.function_holders(), b.function_holders());
    if after >= 2 && after > before {
        out.push(format!("  {} {} is now {}", style.changed("cell"), cell_and_value(b, style), holders_text(&b.holders)));
    } else if shrank(a, b) {
        out.push(format!("  {} {} is now {}", style.changed("cell"), cell_and_value(b, style), remaining_text(&b.holders)));
    }
}

/// Whether a name that reached the cell no longer does, while no other name took its place
/// but `_`: renaming a function's list (`funcs.insert(0, g)` moving `funcs[0]` to
/// `funcs[1]`) is not a loss, `del c` with `c2` left is, and so is the cell surviving only
/// in `_`.
fn shrank(a: &CellState, b: &CellState) -> bool {
    let before: hashbrown::HashSet<&str> = a.names().collect();
    let now: hashbrown::HashSet<&str> = b.names().collect();
    let lost = before.iter().any(|n| !now.contains(n));
    let gained_only_last_value = b.holders.iter().all(|h| {
        (h.last_value || before.contains(h.path.as_str())) && h.aliases.iter().all(|n| before.contains(n.as_str()))
    });
    lost && gained_only_last_value
}

/// `#4 count = 0`, or `#4 count (empty)`.
pub fn cell_and_value(c: &CellState, style: &Style) -> String {
    match &c.repr {
        Some(_) => format!("{} {} = {}", style.id(c.serial), c.name.as_str(), style.value(&value_text(c))),
        None => format!("{} {} (empty)", style.id(c.serial), c.name.as_str()),
    }
}

fn value_text(c: &CellState) -> String {
    match &c.repr {
        Some(r) => short_sized(r, c.len),
        None => "(empty)".to_string(),
    }
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 item".to_string()
    } else {
        format!("{n} items")
    }
}

/// Whether `entry` calls `path` directly: `inc()`, `print(inc(5))`, `funcs[0]()`.
fn called_in(entry: &str, path: &str) -> bool {
    let call = format!("{path}(");
    entry.match_indices(&call).any(|(at, _)| {
        entry[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'))
    })
}

/// `held by double`, `shared by inc, rst and get`, `shared by 5 functions: funcs[0], …`.
pub fn holders_text(holders: &[Holder]) -> String {
    holders_worded(holders, "")
}

/// What still holds a cell that lost a holder: `held only by c2`.
fn remaining_text(holders: &[Holder]) -> String {
    holders_worded(holders, "only ")
}

fn holders_worded(holders: &[Holder], only: &str) -> String {
    if holders.len() == 1 && holders[0].path == "_" && holders[0].aliases.is_empty() {
        return "held only by _, the value the prompt showed last: the cell goes when _ is replaced".to_string();
    }
    // A function is named once, by its shortest path, however many names it has: two
    // names for one function share nothing.
    let named = |h: &Holder| match &h.aliases[..] {
        [] => h.path.clone(),
        [other] => format!("{} (also {other})", h.path),
        [one, two] => format!("{} (also {one} and {two})", h.path),
        [other, ..] => format!("{} (also {other} and {} more)", h.path, h.aliases.len() - 1),
    };
    let fns: Vec<String> = holders.iter().filter(|h| h.function.is_some()).map(named).collect();
    let names: Vec<&str> = holders.iter().filter(|h| h.function.is_none()).map(|h| h.path.as_str()).collect();
    let mut text = match fns.len() {
        0 if names.is_empty() => return "held by nothing you can name".to_string(),
        0 => return format!("referred to {only}as {}", names.join(", ")),
        1 => format!("held {only}by {}", fns[0]),
        2 | 3 => format!("shared {only}by {} and {}", fns[..fns.len() - 1].join(", "), fns[fns.len() - 1]),
        n => {
            const SHOWN: usize = 6;
            let mut t = format!("shared {only}by {n} functions: {}", fns[..n.min(SHOWN)].join(", "));
            if n > SHOWN {
                t.push_str(&format!(" and {} more", n - SHOWN));
            }
            t
        }
    };
    if !names.is_empty() {
        text.push_str(&format!(" (the cell itself is {})", names.join(", ")));
    }
    if holders.iter().all(|h| h.last_value && h.aliases.is_empty()) {
        text.push_str(", kept alive only by _, the value the prompt showed last");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_only_as_whole_names() {
        assert!(called_in("inc()\n", "inc"));
        assert!(called_in("print(inc(5))\n", "inc"));
        assert!(called_in("funcs[0]()\n", "funcs[0]"));
        assert!(!called_in("rinc()\n", "inc"));
        assert!(!called_in("a.inc()\n", "inc"));
        assert!(!called_in("inc\n", "inc"));
    }

    fn held(path: &str, aliases: &[&str]) -> Holder {
        let last_value = path == "_" || path.starts_with("_[");
        Holder { path: path.into(), function: Some(path.len()), last_value, aliases: aliases.iter().map(|a| a.to_string()).collect() }
    }

    fn cell(holders: Vec<Holder>) -> CellState {
        let (name, repr) = (Rc::new(PyStr::new("count")), Some("2".to_string()));
        CellState { serial: 1, name, repr, type_name: "int".into(), len: None, ident: Ident::Empty, holders }
    }

    #[test]
    fn a_lost_name_is_a_shrink_and_a_moved_one_is_not() {
        let both = cell(vec![held("c", &["c2"])]);
        assert!(shrank(&both, &cell(vec![held("c2", &[])])));
        assert!(shrank(&cell(vec![held("c", &[])]), &cell(vec![held("_", &[])])));
        assert!(!shrank(&cell(vec![held("funcs[0]", &[])]), &cell(vec![held("funcs[1]", &[])])));
        assert!(!shrank(&cell(vec![held("c", &[])]), &both));
    }

    #[test]
    fn one_function_is_named_once_and_the_last_value_is_called_out() {
        assert_eq!(holders_text(&[held("a", &["lst[0]", "lst[1]"])]), "held by a (also lst[0] and lst[1])");
        assert_eq!(remaining_text(&[held("c2", &[])]), "held only by c2");
        assert!(holders_text(&[held("_", &[])]).starts_with("held only by _, the value the prompt showed last"));
        assert!(holders_text(&[held("_[0]", &[]), held("_[1]", &[])]).ends_with("kept alive only by _, the value the prompt showed last"));
    }
}
