//! The cell watch: a snapshot of the live cells before and after a statement, and the
//! differences between the two in words, with who wrote each change as the trace recorded
//! it.

use crate::runtime::model::gc;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::{CellObj, Function, Native, PyStr, Value};
use crate::session::Session;
use std::any::Any;
use std::rc::{Rc, Weak};
use super::walk::{mutable, roots, walk_roots, Holder, Reach};
use crate::runtime::model::trace::{Event, Frame, Log, Writer};
use super::{short, short_sized, Style, SHORT};

/// One live cell as it was when the snapshot was taken.
#[derive(Clone)]
pub struct CellState {
    cell: Weak<CellObj>,
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
#[derive(Clone)]
enum Ident {
    Empty,
    Immediate(Value),
    /// The address, and a weak reference held only for the allocation it keeps reserved.
    Object { addr: usize, _pin: Rc<dyn Any> },
}

fn ident(v: Option<&Value>) -> Ident {
    fn pin<T: 'static>(r: &Rc<T>) -> Rc<dyn Any> {
        let weak: Weak<T> = Rc::downgrade(r);
        Rc::new(weak)
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
            Rc::new(weak)
        }
    };
    Ident::Object { addr: v.address(), _pin: p }
}

impl Ident {
    fn addr(&self) -> Option<usize> {
        match self {
            Ident::Object { addr, .. } => Some(*addr),
            _ => None,
        }
    }

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

/// Every live cell, oldest first, the mutable defaults of the reachable functions, and the
/// names that lead only to a lot of plain data, which the next walk need not go through.
pub struct Snapshot {
    pub cells: Vec<CellState>,
    pub defaults: Vec<DefaultState>,
    inert: Vec<Inert>,
}

/// A root value that led to at least `INERT_OBJECTS` objects and items, all lists, tuples,
/// dicts and sets of plain data (`big = [[k] for k in range(10**6)]`): no cell can be
/// reached through it, so walking it again after every statement would only cost what the
/// heap holds. It is walked again once its length changes (`big.append(f)`); replacing one
/// of its items with a function (`big[0] = f`) is the one change the watch does not see.
#[derive(Clone)]
struct Inert {
    ident: Ident,
    len: Option<usize>,
}

const INERT_OBJECTS: usize = 10_000;

impl Inert {
    fn is(&self, v: &Value) -> bool {
        matches!(self.ident, Ident::Object { addr, .. } if addr == v.address()) && items(v) == self.len
    }
}

impl Snapshot {
    pub fn empty() -> Snapshot {
        Snapshot { cells: Vec::new(), defaults: Vec::new(), inert: Vec::new() }
    }

    /// Every live cell, from the collector's registry, and everything reachable. Collects
    /// cyclic garbage first, so that a cell nothing can reach any more (a recursive inner
    /// function that was deleted) is not listed. The work is proportional to what is live:
    /// for `:cells`, and when the watch starts.
    pub fn take(session: &mut Session) -> Snapshot {
        gc::collect();
        let roots = roots(session);
        let reach = walk_roots(session, roots.clone());
        let cells: Vec<Weak<CellObj>> = gc::live_cells().iter().map(Rc::downgrade).collect();
        build(session, cells, &reach, &roots, Vec::new(), None)
    }

    /// The cells after a statement, from the last snapshot and what the trace recorded while
    /// the statement ran: the cells it made join the ones known, only the cells it wrote (or
    /// whose contents can change in place) get a new repr, and the walk for holders skips
    /// the inert names. A log that overflowed is no record of the cells made, and the
    /// registry is read instead.
    pub fn next(session: &mut Session, old: &Snapshot, log: &Log) -> Snapshot {
        if log.dropped > 0 {
            return Snapshot::take(session);
        }
        let mut known: Vec<(u64, Weak<CellObj>)> = old.cells.iter().map(|c| (c.serial, c.cell.clone())).collect();
        let mut written = hashbrown::HashSet::new();
        for e in &log.events {
            match e {
                Event::CellMade { serial, cell } => known.push((*serial, cell.clone())),
                Event::CellWritten { serial, .. } => {
                    written.insert(*serial);
                }
                Event::ObjectWritten { .. } | Event::GlobalWritten { .. } | Event::FunctionMade { .. } => {}
            }
        }
        known.sort_by_key(|c| c.0);
        known.dedup_by_key(|c| c.0);
        let mut walked = Vec::new();
        let mut inert: Vec<Inert> = Vec::new();
        for (name, v) in roots(session) {
            match old.inert.iter().find(|i| i.is(&v)) {
                Some(i) if !inert.iter().any(|j| j.is(&v)) => inert.push(i.clone()),
                Some(_) => {}
                None => walked.push((name, v)),
            }
        }
        let reach = walk_roots(session, walked.clone());
        // A cell that had a holder, or is new, and that no name reaches now may be garbage
        // in a cycle (a recursive inner function deleted): collect it now, so that it is
        // reported gone by the statement that let it go. Nothing else needs the collector.
        let unheld = |serial: &u64| reach.holders.get(serial).is_none_or(Vec::is_empty);
        let was_held = |serial: &u64| match old.cells.binary_search_by_key(serial, |c| c.serial) {
            Ok(i) => !old.cells[i].holders.is_empty(),
            Err(_) => true,
        };
        if known.iter().any(|(serial, cell)| cell.strong_count() > 0 && unheld(serial) && was_held(serial)) {
            gc::collect();
        }
        let cells = known.into_iter().map(|(_, cell)| cell).collect();
        build(session, cells, &reach, &walked, inert, Some((old, &written)))
    }
}

/// The snapshot of `cells` (those still alive) with the holders the walk from `walked` found;
/// `inert` are the skipped roots. With a last snapshot and the cells written since, a cell
/// whose contents cannot have changed keeps its repr.
fn build(
    session: &mut Session,
    cells: Vec<Weak<CellObj>>,
    reach: &Reach,
    walked: &[(String, Value)],
    mut inert: Vec<Inert>,
    last: Option<(&Snapshot, &hashbrown::HashSet<u64>)>,
) -> Snapshot {
    for ((_, v), stats) in walked.iter().zip(&reach.roots) {
        if stats.objects >= INERT_OBJECTS && !stats.lively && !inert.iter().any(|i| i.is(v)) {
            inert.push(Inert { ident: ident(Some(v)), len: items(v) });
        }
    }
    let mut states = Vec::new();
    for c in cells.iter().filter_map(Weak::upgrade) {
        let contents = c.get();
        let before = last
            .filter(|(_, written)| !written.contains(&c.serial) && contents.as_ref().is_none_or(unchanging))
            .and_then(|(old, _)| old.cells.binary_search_by_key(&c.serial, |a| a.serial).ok().map(|i| &old.cells[i]))
            .filter(|a| a.ident.same(&ident(contents.as_ref())));
        states.push(match before {
            Some(a) => CellState { holders: reach.of(&c).to_vec(), ..a.clone() },
            None => state(session, &c, contents, reach),
        });
    }
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
    Snapshot { cells: states, defaults, inert }
}

/// Contents whose repr changes only when the cell is written: not a container or an
/// instance, which change in place.
fn unchanging(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::BigInt(_)
            | Value::Str(_)
            | Value::Function(_)
            | Value::Builtin(_)
            | Value::Type(_)
            | Value::Module(_)
            | Value::Code(_)
            | Value::Range(_)
            | Value::Ellipsis
            | Value::NotImplemented
    )
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

fn state(session: &mut Session, c: &Rc<CellObj>, contents: Option<Value>, reach: &Reach) -> CellState {
    CellState {
        cell: Rc::downgrade(c),
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

/// More new (or gone) cells than this in one statement are one line: `:cells` lists them.
const BULK: usize = 8;

/// The watch's lines for what changed between `old` and `new`; `log` is what the trace
/// recorded meanwhile, which says who wrote each cell.
pub fn diff(old: &Snapshot, new: &Snapshot, log: &Log, style: &Style) -> Vec<String> {
    let mut writes: hashbrown::HashMap<u64, Vec<(&Writer, u32)>> = hashbrown::HashMap::new();
    let mut items: hashbrown::HashMap<usize, Vec<(&Writer, u32)>> = hashbrown::HashMap::new();
    for e in &log.events {
        match e {
            Event::CellWritten { serial, by, times } => writes.entry(*serial).or_default().push((by, *times)),
            Event::ObjectWritten { addr, by, times } => items.entry(*addr).or_default().push((by, *times)),
            _ => {}
        }
    }
    let (mut made, mut gone) = (Vec::new(), Vec::new());
    let mut out = Vec::new();
    // Where the line for many new (or gone) cells goes: among the others, in serial order.
    let (mut made_at, mut gone_at) = (None, None);
    let (mut i, mut j) = (0, 0);
    while i < old.cells.len() || j < new.cells.len() {
        let a = old.cells.get(i);
        let b = new.cells.get(j);
        match (a, b) {
            (Some(a), Some(b)) if a.serial == b.serial => {
                let by = writes.get(&b.serial).map_or(&[][..], |w| &w[..]);
                let in_place = b.ident.addr().and_then(|addr| items.get(&addr)).map_or(&[][..], |w| &w[..]);
                changes(a, b, by, in_place, log.dropped > 0, style, &mut out);
                i += 1;
                j += 1;
            }
            (Some(a), b) if b.is_none_or(|b| a.serial < b.serial) => {
                gone_at.get_or_insert(out.len());
                gone.push(a);
                i += 1;
            }
            (_, Some(b)) => {
                made_at.get_or_insert(out.len());
                made.push(b);
                j += 1;
            }
            (_, None) => unreachable!("the loop runs while either side has cells"),
        }
    }
    let made_lines = if made.len() > BULK {
        vec![format!("  {} {}", style.added(&format!("{} new cells", made.len())), bulk_text(&made, style))]
    } else {
        made.iter().map(|b| format!("  {} {}, {}", style.added("new cell"), cell_and_value(b, style), holders_text(&b.holders))).collect()
    };
    let gone_lines = if gone.len() > BULK {
        vec![format!("  {} {} are gone", style.gone(&format!("{} cells", gone.len())), serials(&gone, style))]
    } else {
        gone.iter().map(|a| format!("  {} {} is gone", style.gone("cell"), cell_and_value(a, style))).collect()
    };
    // The later position first, so that the earlier one still holds.
    let mut inserts = [(made_at, made_lines), (gone_at, gone_lines)];
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, lines) in inserts {
        if let Some(at) = at {
            out.splice(at..at, lines);
        }
    }
    default_changes(old, new, style, &mut out);
    out
}

/// `#3–#42`, the first and last of cells in serial order.
fn serials(cells: &[&CellState], style: &Style) -> String {
    match cells {
        [] => String::new(),
        [one] => style.id(one.serial),
        [first, .., last] => format!("{}–{}", style.id(first.serial), style.id(last.serial)),
    }
}

/// Many new cells in a few words: `#3–#42, n = 0 … 39, one per fs[0] … fs[39]`.
fn bulk_text(cells: &[&CellState], style: &Style) -> String {
    let (first, last) = (cells[0], cells[cells.len() - 1]);
    let mut names: Vec<&str> = Vec::new();
    for c in cells {
        if !names.contains(&c.name.as_str()) {
            names.push(c.name.as_str());
        }
    }
    let what = match &names[..] {
        [one] => format!("{one} = {} … {}", style.value(&value_text(first)), style.value(&value_text(last))),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, ..] => format!("{a}, {b} and {} other names", names.len() - 2),
        [] => unreachable!("there are cells"),
    };
    let one_each = cells.iter().all(|c| c.holders.len() == 1 && c.holders[0].function.is_some());
    let mut functions: Vec<usize> = cells.iter().flat_map(|c| c.holders.iter().filter_map(|h| h.function)).collect();
    functions.sort_unstable();
    functions.dedup();
    let held = if one_each && functions.len() == cells.len() {
        format!("one per {} … {}", first.holders[0].path, last.holders[0].path)
    } else if cells.iter().all(|c| c.holders == first.holders) {
        holders_text(&first.holders)
    } else if functions.is_empty() {
        "held by nothing you can name".to_string()
    } else {
        format!("held by {} functions in all", functions.len())
    };
    format!("{}, {what}, {held} (:cells lists them)", serials(cells, style))
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

/// `by` wrote the cell, `items_by` stored into items of what it holds.
fn changes(
    a: &CellState,
    b: &CellState,
    by: &[(&Writer, u32)],
    items_by: &[(&Writer, u32)],
    more: bool,
    style: &Style,
    out: &mut Vec<String>,
) {
    if a.repr != b.repr {
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
            if !items_by.is_empty() {
                line.push_str(&format!(" by {}", writers_text(items_by, &b.holders, more)));
            }
        }
        if !by.is_empty() {
            line.push_str(&format!(", written by {}", writers_text(by, &b.holders, more)));
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

/// Writers in the order they wrote: `bump (line 5) twice, called from twice`, `bump (line 5),
/// then reset (line 9)`. A writer that is the one holder of its code among `holders` is
/// named as the learner knows it: `inc (increment, line 5)`. `more` says the trace dropped
/// some events.
pub fn writers_text(by: &[(&Writer, u32)], holders: &[Holder], more: bool) -> String {
    const SHOWN: usize = 4;
    // The log merges only writes in a row to one cell; other cells' writes may sit between.
    let mut merged: Vec<(&Writer, u32)> = Vec::new();
    for &(w, times) in by {
        match merged.last_mut() {
            Some((last, n)) if *last == w => *n += times,
            _ => merged.push((w, times)),
        }
    }
    let mut phrases: Vec<String> = merged.iter().take(SHOWN).map(|&(w, times)| writer_text(w, times, holders)).collect();
    if merged.len() > SHOWN {
        phrases.push(format!("{} more", merged.len() - SHOWN));
    }
    let mut text = phrases.join(", then ");
    if more {
        text.push_str(", and more that the trace did not keep");
    }
    text
}

fn writer_text(w: &Writer, times: u32, holders: &[Holder]) -> String {
    let mut notes = Vec::new();
    let mut text = match &w.frame {
        None => "this statement".to_string(),
        Some(Frame::Code { name, code }) => {
            // Through `_` is no name; several functions of one code cannot be told apart.
            let mut paths = holders.iter().filter(|h| h.code == Some(*code) && !h.last_value).map(|h| h.path.as_str());
            match (paths.next(), paths.next()) {
                (Some(path), None) if path != name.as_str() => {
                    notes.push(name.to_string());
                    path.to_string()
                }
                _ => name.to_string(),
            }
        }
        Some(f @ Frame::Native(_)) => frame_name(f).to_string(),
    };
    if let (Some(Frame::Code { .. }), Some(at)) = (&w.frame, &w.at) {
        notes.push(format!("line {}", at.line()));
    }
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join(", ")));
    }
    if w.through_contents {
        text.push_str(" through cell_contents");
    }
    match times {
        1 => {}
        2 => text.push_str(" twice"),
        n => text.push_str(&format!(" {n} times")),
    }
    match &w.caller {
        Some(f @ Frame::Code { .. }) => text.push_str(&format!(", called from {}", frame_name(f))),
        Some(f @ Frame::Native(_)) => text.push_str(&format!(", called by {}", frame_name(f))),
        None => {}
    }
    text
}

fn frame_name(f: &Frame) -> &str {
    match f {
        Frame::Code { name, .. } => name.as_str(),
        Frame::Native(who) => who,
    }
}

/// `global total: 0 → 5, written by add`: the globals that functions wrote during the
/// statement (the statement's own assignments are on the line the learner typed), dimmed:
/// they are the contrast to cells, one variable of the module that every function shares.
pub fn global_lines(session: &mut Session, log: &Log, style: &Style) -> Vec<String> {
    let main = Rc::as_ptr(&session.globals) as usize;
    let mut names: Vec<(&Rc<PyStr>, &Option<Value>, Vec<(&Writer, u32)>)> = Vec::new();
    for e in &log.events {
        if let Event::GlobalWritten { globals, name, old, by, times } = e {
            if *globals != main {
                continue;
            }
            match names.iter_mut().find(|(n, ..)| n.as_str() == name.as_str()) {
                Some((_, _, writers)) => writers.push((by, *times)),
                None => names.push((name, old, vec![(by, *times)])),
            }
        }
    }
    let mut out = Vec::new();
    for (name, old, writers) in names {
        let mut repr = |v: &Option<Value>| match v {
            Some(v) => short(&session.interp.repr(v).unwrap_or_else(|_| "<repr failed>".into())),
            None => "(unbound)".to_string(),
        };
        let (was, now) = (repr(old), repr(&session.globals.get_name(name)));
        if was == now {
            continue;
        }
        let text = format!("global {}: {was} → {now}, written by {}", name.as_str(), writers_text(&writers, &[], log.dropped > 0));
        out.push(format!("  {}", style.dim(&text)));
    }
    out
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

    fn held(path: &str, aliases: &[&str]) -> Holder {
        let last_value = path == "_" || path.starts_with("_[");
        let aliases = aliases.iter().map(|a| a.to_string()).collect();
        Holder { path: path.into(), function: Some(path.len()), code: None, last_value, aliases }
    }

    fn cell(holders: Vec<Holder>) -> CellState {
        let (name, repr) = (Rc::new(PyStr::new("count")), Some("2".to_string()));
        CellState { cell: Weak::new(), serial: 1, name, repr, type_name: "int".into(), len: None, ident: Ident::Empty, holders }
    }

    fn by(name: &str, line_offset: Option<u32>, caller: Option<Frame>) -> Writer {
        let source: Rc<str> = "def f():\n    x = 1\n    y = 2\n".into();
        Writer {
            frame: Some(Frame::Code { name: Rc::new(PyStr::new(name)), code: name.len() }),
            at: line_offset.map(|offset| crate::runtime::model::trace::At { source: source.clone(), offset }),
            caller,
            through_contents: false,
        }
    }

    #[test]
    fn writers_are_named_in_order_with_line_count_and_caller() {
        let bump = by("bump", Some(13), None);
        let reset = by("reset", Some(23), None);
        let twice = by("bump", Some(13), Some(Frame::Code { name: Rc::new(PyStr::new("twice")), code: 99 }));
        let fastapi = by("strict_limit", None, Some(Frame::Native("FastAPI")));
        assert_eq!(writers_text(&[(&bump, 1), (&reset, 1), (&bump, 1)], &[], false), "bump (line 2), then reset (line 3), then bump (line 2)");
        assert_eq!(writers_text(&[(&twice, 1), (&twice, 1)], &[], false), "bump (line 2) twice, called from twice");
        assert_eq!(writers_text(&[(&fastapi, 3)], &[], true), "strict_limit 3 times, called by FastAPI, and more that the trace did not keep");
        let top = Writer { frame: None, at: None, caller: None, through_contents: true };
        assert_eq!(writers_text(&[(&top, 1)], &[], false), "this statement through cell_contents");
        let many: Vec<(&Writer, u32)> = [&bump, &reset].into_iter().cycle().take(7).map(|w| (w, 1)).collect();
        assert!(writers_text(&many, &[], false).ends_with(", then 3 more"));
    }

    #[test]
    fn a_writer_is_named_as_the_learner_knows_it_when_one_holder_has_its_code() {
        let increment = by("increment", Some(13), None);
        let mut inc = held("inc", &[]);
        inc.code = Some("increment".len());
        assert_eq!(writers_text(&[(&increment, 1)], &[inc.clone()], false), "inc (increment, line 2)");
        let mut other = held("funcs[1]", &[]);
        other.code = inc.code;
        assert_eq!(writers_text(&[(&increment, 1)], &[inc, other], false), "increment (line 2)");
    }

    #[test]
    fn many_new_cells_are_one_line() {
        let cells: Vec<CellState> = (0..40)
            .map(|i| {
                let mut h = held(&format!("fs[{i}]"), &[]);
                h.function = Some(100 + i);
                let mut c = cell(vec![h]);
                c.serial = 3 + i as u64;
                c.name = Rc::new(PyStr::new("n"));
                c.repr = Some(i.to_string());
                c
            })
            .collect();
        let refs: Vec<&CellState> = cells.iter().collect();
        assert_eq!(bulk_text(&refs, &Style { color: false }), "#3–#42, n = 0 … 39, one per fs[0] … fs[39] (:cells lists them)");
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
