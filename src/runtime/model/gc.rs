//! The cycle collector, and the registry of live cells that the teaching views list.
//!
//! Reference counting frees an object the moment its last reference goes, except when the
//! object is part of a cycle: `a = []; a.append(a)`, a cell holding the function that closes
//! over it, a function whose `__dict__` holds the function. The collector finds such garbage
//! the way CPython's does, by trial deletion over the *tracked* objects: the lists, dicts,
//! sets, cells, exceptions and mutable native objects, each registered when it is made, and
//! the functions that hold something which could lead back to them.
//! 1. Each tracked object's header takes its reference count.
//! 2. Traversing every tracked object takes the references it holds to tracked objects off
//!    their headers. What is left counts references from outside the tracked objects: a
//!    frame, a global, a value on the Rust stack.
//! 3. An object with outside references is reachable, and so is everything it refers to.
//! 4. The rest is garbage. Clearing it (emptying its cells, lists, dicts…) breaks its cycles,
//!    and reference counting frees it.
//!
//! Objects that cannot close a cycle by themselves are not tracked: tuples (immutable, so
//! they can only point to older objects), iterators, bound builtins. A traversal looks
//! through such an object when its holder has the only reference to it, since it then lives
//! and dies with its holder. One with more references counts as an outside reference to
//! what it holds: at worst that keeps some garbage alive, never does it free live data.

use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::ExceptionObj;
use crate::runtime::model::iter::IterState;
use crate::runtime::model::set::SetObj;
use crate::runtime::model::typeobj::TypeObj;
use crate::runtime::model::value::{CellObj, Function, Instance, List, Native, PyStr, Tuple, Value};
use crate::runtime::support::limits;
use std::cell::{BorrowError, Cell, RefCell};
use std::rc::{Rc, Weak};

/// The collector's word in each object of a tracked kind (CPython's `gc_refs`):
/// `UNTRACKED` or `TRACKED` between collections; during one, `COUNTING` plus the references
/// not yet accounted for, or `REACHABLE`.
#[derive(Default)]
pub struct GcHeader(Cell<usize>);

const UNTRACKED: usize = 0;
const TRACKED: usize = 1;
const COUNTING: usize = 2;
const REACHABLE: usize = usize::MAX;

impl GcHeader {
    /// Whether the object is part of the collection under way.
    fn in_collection(&self) -> bool {
        self.0.get() >= COUNTING
    }
}

/// A tracked object, held weakly so that the registry never keeps anything alive.
pub(crate) enum Entry {
    Cell(Weak<CellObj>),
    Function(Weak<Function>),
    List(Weak<List>),
    Dict(Weak<Dict>),
    Set(Weak<SetObj>),
    Exception(Weak<ExceptionObj>),
    Instance(Weak<Instance>),
    /// A class made at run time (builtin types live as long as the thread).
    Class(Weak<TypeObj>),
    /// Boxed, as natives are few, so that every entry stays two words.
    Native(Weak<Box<dyn Native>>),
}

impl Entry {
    fn is_live(&self) -> bool {
        match self {
            Entry::Cell(w) => w.strong_count() > 0,
            Entry::Function(w) => w.strong_count() > 0,
            Entry::List(w) => w.strong_count() > 0,
            Entry::Dict(w) => w.strong_count() > 0,
            Entry::Set(w) => w.strong_count() > 0,
            Entry::Exception(w) => w.strong_count() > 0,
            Entry::Instance(w) => w.strong_count() > 0,
            Entry::Class(w) => w.strong_count() > 0,
            Entry::Native(w) => w.strong_count() > 0,
        }
    }

    /// The object, if it is still alive.
    fn upgrade(&self) -> Option<Value> {
        Some(match self {
            Entry::Cell(w) => Value::Cell(w.upgrade()?),
            Entry::Function(w) => Value::Function(w.upgrade()?),
            Entry::List(w) => Value::List(w.upgrade()?),
            Entry::Dict(w) => Value::Dict(w.upgrade()?),
            Entry::Set(w) => Value::Set(w.upgrade()?),
            Entry::Exception(w) => Value::Exception(w.upgrade()?),
            Entry::Instance(w) => Value::Instance(w.upgrade()?),
            Entry::Class(w) => Value::Type(w.upgrade()?),
            Entry::Native(w) => Value::Native(w.upgrade()?),
        })
    }
}

/// The header of an object of a tracked kind.
fn header(v: &Value) -> Option<&GcHeader> {
    match v {
        Value::Cell(c) => Some(&c.gc),
        Value::Function(f) => Some(&f.gc),
        Value::List(l) => Some(&l.gc),
        Value::Dict(d) => Some(&d.gc),
        Value::Set(s) | Value::FrozenSet(s) => Some(&s.gc),
        Value::Exception(e) => Some(&e.gc),
        Value::Instance(i) => Some(&i.gc),
        Value::Native(n) => n.gc_header(),
        Value::Type(t) => Some(&t.class.as_ref()?.gc),
        _ => None,
    }
}

/// How many references there are to an object that can refer to others; `None` for the
/// values that cannot (numbers, strings, ranges, types, code).
fn ref_count(v: &Value) -> Option<usize> {
    Some(match v {
        Value::List(r) => Rc::strong_count(r),
        Value::Tuple(r) => Rc::strong_count(r),
        Value::Dict(r) => Rc::strong_count(r),
        Value::Set(r) | Value::FrozenSet(r) => Rc::strong_count(r),
        Value::Function(r) => Rc::strong_count(r),
        Value::Builtin(r) => Rc::strong_count(r),
        Value::Method(r) => Rc::strong_count(r),
        Value::Cell(r) => Rc::strong_count(r),
        Value::Module(r) => Rc::strong_count(r),
        Value::Exception(r) => Rc::strong_count(r),
        Value::Instance(r) => Rc::strong_count(r),
        Value::Iter(r) => Rc::strong_count(r),
        Value::Native(r) => Rc::strong_count(r),
        Value::Type(r) if r.is_class() => Rc::strong_count(r),
        _ => return None,
    })
}

struct Registry {
    /// Oldest first, which is the order `live_cells` lists cells in.
    entries: Vec<Entry>,
    /// When `entries` reaches this length, dead entries are dropped (a `Weak` keeps its
    /// object's memory until then), and the collector runs if it is due.
    next_check: usize,
    /// Registrations since the last collection, and how many the next one waits for: as
    /// many as the last one did units of work, so that collecting costs a bounded amount per
    /// allocation however large the live data.
    since_collect: usize,
    collect_after: usize,
    /// Also collect once the program holds this many bytes: a few registrations can make a
    /// lot of garbage (`a = [0] * 10**6; a.append(a)`), and counting objects alone would let
    /// it pile up to a `MemoryError`.
    collect_above_bytes: usize,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = const {
        RefCell::new(Registry {
            entries: Vec::new(),
            next_check: FLOOR,
            since_collect: 0,
            collect_after: FLOOR,
            collect_above_bytes: BYTES_FLOOR,
        })
    };
}

const FLOOR: usize = 4096;
const BYTES_FLOOR: usize = 16 << 20;

fn register(entry: Entry, header: &GcHeader) {
    debug_assert_eq!(header.0.get(), UNTRACKED, "an object is registered once");
    header.0.set(TRACKED);
    if REGISTRY.with(|r| r.borrow_mut().collection_due()) {
        collect();
    }
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.entries.push(entry);
        r.since_collect += 1;
    });
}

impl Registry {
    /// Whether to collect before the next registration (pruning instead when only the
    /// registry has grown).
    fn collection_due(&mut self) -> bool {
        if limits::allocated() > self.collect_above_bytes {
            return true;
        }
        if self.entries.len() < self.next_check {
            return false;
        }
        if self.since_collect >= self.collect_after {
            return true;
        }
        self.prune();
        false
    }

    fn prune(&mut self) {
        self.entries.retain(Entry::is_live);
        self.next_check = (self.entries.len() * 2).max(self.entries.len() + FLOOR);
    }
}

/// The kinds of object the collector tracks from birth.
pub(crate) trait Collected {
    fn entry(this: &Rc<Self>) -> Entry;
    fn header(&self) -> &GcHeader;
}

impl Collected for List {
    fn entry(this: &Rc<Self>) -> Entry {
        Entry::List(Rc::downgrade(this))
    }
    fn header(&self) -> &GcHeader {
        &self.gc
    }
}
impl Collected for Dict {
    fn entry(this: &Rc<Self>) -> Entry {
        Entry::Dict(Rc::downgrade(this))
    }
    fn header(&self) -> &GcHeader {
        &self.gc
    }
}
impl Collected for SetObj {
    fn entry(this: &Rc<Self>) -> Entry {
        Entry::Set(Rc::downgrade(this))
    }
    fn header(&self) -> &GcHeader {
        &self.gc
    }
}
impl Collected for Instance {
    fn entry(this: &Rc<Self>) -> Entry {
        Entry::Instance(Rc::downgrade(this))
    }
    fn header(&self) -> &GcHeader {
        &self.gc
    }
}
impl Collected for ExceptionObj {
    fn entry(this: &Rc<Self>) -> Entry {
        Entry::Exception(Rc::downgrade(this))
    }
    fn header(&self) -> &GcHeader {
        &self.gc
    }
}

/// Allocates a list, dict, set or exception that the collector tracks.
pub(crate) fn new<T: Collected>(object: T) -> Rc<T> {
    let rc = Rc::new(object);
    register(T::entry(&rc), rc.header());
    rc
}

/// Makes a cell and tracks it.
pub fn new_cell(name: Rc<PyStr>, contents: Option<Value>) -> Rc<CellObj> {
    let cell = Rc::new(CellObj::new(name, contents));
    register(Entry::Cell(Rc::downgrade(&cell)), &cell.gc);
    if super::trace::on() {
        super::trace::cell_made(&cell);
    }
    cell
}

/// Tracks `f` once it holds something that could lead back to it: a closure, a `__dict__`,
/// a default that is not a number or a string… Whatever adds one calls this again. The
/// many functions that hold none (`lambda x, i=i: x + i`) cost the collector nothing.
pub fn track_function(f: &Rc<Function>) {
    if f.gc.0.get() != UNTRACKED || holds_only_leaves(f) {
        return;
    }
    register(Entry::Function(Rc::downgrade(f)), &f.gc);
}

fn holds_only_leaves(f: &Function) -> bool {
    let leaf = |v: &Value| ref_count(v).is_none();
    f.closure.is_empty()
        && f.defaults.borrow().as_ref().is_none_or(|d| d.items.iter().all(leaf))
        && f.extra.borrow().as_ref().is_none_or(|e| {
            e.kwdefaults.is_none()
                && e.annotations.is_none()
                && e.dict.is_none()
                && e.doc.as_ref().is_none_or(leaf)
                && e.module.as_ref().is_none_or(leaf)
        })
}

/// Tracks a class made at run time: its methods close over it (`super()`'s `__class__`
/// cell) and its attributes may hold its instances, so a class is often part of a cycle.
pub fn track_class(class: &Rc<TypeObj>) {
    if let Some(data) = &class.class {
        register(Entry::Class(Rc::downgrade(class)), &data.gc);
    }
}

/// Tracks a new native object if it carries a header (if it can hold values that change
/// after it is made).
pub fn track_native(object: &Rc<Box<dyn Native>>) {
    if let Some(header) = object.gc_header() {
        register(Entry::Native(Rc::downgrade(object)), header);
    }
}

/// Every live cell, oldest first.
pub fn live_cells() -> Vec<Rc<CellObj>> {
    REGISTRY.with(|r| {
        r.borrow()
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Cell(w) => w.upgrade(),
                _ => None,
            })
            .collect()
    })
}

/// How many tracked objects are alive (garbage not yet collected included).
pub fn tracked() -> usize {
    REGISTRY.with(|r| r.borrow().entries.iter().filter(|e| e.is_live()).count())
}

/// Runs the cycle collector; returns how many objects it found unreachable, as CPython's
/// `gc.collect()` does.
pub fn collect() -> usize {
    let (garbage, work) = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.entries.retain(Entry::is_live);
        find_garbage(&r.entries)
    });
    let found = garbage.len();
    for v in &garbage {
        clear(v);
    }
    crate::runtime::model::trash::dispose(garbage);
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.prune();
        r.since_collect = 0;
        r.collect_after = work.max(FLOOR);
        let held = limits::allocated();
        r.collect_above_bytes = held + held.max(BYTES_FLOOR);
    });
    found
}

/// Steps 1 to 3 on the live entries: the unreachable objects, and the work spent on the
/// reachable ones (the work the next collection will repeat).
fn find_garbage(entries: &[Entry]) -> (Vec<Value>, usize) {
    for v in entries.iter().filter_map(Entry::upgrade) {
        // Our upgrade is not an outside reference.
        let outside = ref_count(&v).expect("tracked objects are counted") - 1;
        tracked_header(&v).0.set(COUNTING + outside);
    }
    let mut visitor = Visitor { action: Action::Subtract, owned: Vec::new(), work: 0 };
    // An object whose contents are borrowed right now cannot be traversed: it counts as
    // reachable. Marking then visits the same references that subtracting did before it
    // stopped, so whatever those lost is found reachable through it.
    let mut busy = Vec::new();
    for v in entries.iter().filter_map(Entry::upgrade) {
        if visitor.traverse(&v).is_err() {
            busy.push(v);
        }
    }
    let mut queue: Vec<Value> = busy;
    queue.extend(entries.iter().filter_map(Entry::upgrade).filter(|v| tracked_header(v).0.get() > COUNTING));
    for v in &queue {
        tracked_header(v).0.set(REACHABLE);
    }
    let mut visitor = Visitor { action: Action::Mark(&mut queue), owned: Vec::new(), work: 0 };
    while let Some(v) = visitor.next_queued() {
        let _ = visitor.traverse(&v);
    }
    let mut garbage = Vec::new();
    for v in entries.iter().filter_map(Entry::upgrade) {
        if tracked_header(&v).0.replace(TRACKED) != REACHABLE {
            garbage.push(v);
        }
    }
    let survivors = entries.len() - garbage.len();
    (garbage, survivors + visitor.work)
}

fn tracked_header(v: &Value) -> &GcHeader {
    header(v).expect("tracked objects have a header")
}

/// Step 4 on one unreachable object (CPython's `tp_clear`): drops the references it holds,
/// so that the cycles through it break. The collector holds every garbage object meanwhile,
/// so none is freed while another is being cleared.
fn clear(v: &Value) {
    match v {
        Value::Cell(c) => c.set(None),
        Value::List(l) => {
            let old = l.items.try_borrow_mut().map(|mut items| std::mem::take(&mut *items));
            drop(old);
        }
        Value::Dict(d) => {
            let old = d.table.try_borrow_mut().map(|mut t| std::mem::take(&mut *t));
            drop(old);
        }
        Value::Set(s) | Value::FrozenSet(s) => {
            let old = s.table.try_borrow_mut().map(|mut t| std::mem::take(&mut *t));
            drop(old);
        }
        Value::Function(f) => {
            let old = (f.defaults.take(), f.extra.take());
            drop(old);
        }
        Value::Exception(e) => {
            let old = (
                e.args.replace(Rc::new(Tuple::new(Vec::new()))),
                e.cause.take(),
                e.context.take(),
                e.dict.take(),
            );
            drop(old);
        }
        Value::Native(n) => n.clear_refs(),
        _ => {}
    }
}

/// A traversal could not read an object's contents: they are borrowed (being changed) now.
pub struct Busy;

impl From<BorrowError> for Busy {
    fn from(_: BorrowError) -> Busy {
        Busy
    }
}

enum Action<'q> {
    /// Step 2: take references between tracked objects off their headers.
    Subtract,
    /// Step 3: mark what a reachable object refers to as reachable, and queue it.
    Mark(&'q mut Vec<Value>),
    /// For the teaching views: the references themselves.
    List(&'q mut Vec<Value>),
}

/// What a `traverse` hands each reference of an object to (CPython's `visitproc`).
pub struct Visitor<'q> {
    action: Action<'q>,
    /// Untracked objects that only the object being traversed refers to, still to be looked
    /// through as part of it (a stack, not recursion: `t = (t,)` nests a million deep).
    owned: Vec<Value>,
    /// References visited, which is what a collection costs.
    work: usize,
}

impl Visitor<'_> {
    fn next_queued(&mut self) -> Option<Value> {
        match &mut self.action {
            Action::Mark(queue) => queue.pop(),
            _ => None,
        }
    }

    /// Visits the references of `v`, and of the untracked objects only it holds.
    fn traverse(&mut self, v: &Value) -> Result<(), Busy> {
        let r = references(v, self);
        let r = r.and_then(|()| {
            while let Some(o) = self.owned.pop() {
                references(&o, self)?;
            }
            Ok(())
        });
        self.owned.clear();
        r
    }

    /// One reference, to an object with this header (if it is of a tracked kind) and this
    /// many references; `value` makes the object's value if it is to be looked at later.
    fn object(&mut self, header: Option<&GcHeader>, count: usize, value: impl FnOnce() -> Value) {
        self.work += 1;
        let tracked = header.filter(|h| h.in_collection());
        match &mut self.action {
            Action::List(out) => out.push(value()),
            Action::Subtract => match tracked {
                Some(h) => h.0.set(h.0.get() - 1),
                None if count == 1 => self.owned.push(value()),
                None => {}
            },
            Action::Mark(queue) => match tracked {
                Some(h) if h.0.get() != REACHABLE => {
                    h.0.set(REACHABLE);
                    queue.push(value());
                }
                Some(_) => {}
                None if count == 1 => self.owned.push(value()),
                None => {}
            },
        }
    }

    pub fn value(&mut self, v: &Value) {
        match ref_count(v) {
            Some(count) => self.object(header(v), count, || v.clone()),
            None => self.work += 1,
        }
    }
    pub fn tuple(&mut self, t: &Rc<Tuple>) {
        self.object(None, Rc::strong_count(t), || Value::Tuple(t.clone()));
    }
    pub fn dict(&mut self, d: &Rc<Dict>) {
        self.object(Some(&d.gc), Rc::strong_count(d), || Value::Dict(d.clone()));
    }
    pub fn cell(&mut self, c: &Rc<CellObj>) {
        self.object(Some(&c.gc), Rc::strong_count(c), || Value::Cell(c.clone()));
    }
    pub fn function(&mut self, f: &Rc<Function>) {
        self.object(Some(&f.gc), Rc::strong_count(f), || Value::Function(f.clone()));
    }
    /// A reference to a type: only a class made at run time can lead anywhere.
    pub fn class(&mut self, t: &Rc<TypeObj>) {
        if let Some(data) = &t.class {
            self.object(Some(&data.gc), Rc::strong_count(t), || Value::Type(t.clone()));
        }
    }
    /// The keys and values of a dict that is part of the object being traversed.
    pub fn table(&mut self, d: &Dict) -> Result<(), Busy> {
        for e in d.table.try_borrow()?.iter() {
            self.value(&e.key);
            self.value(&e.value);
        }
        Ok(())
    }
    /// Items that the object shares with no one else if their `Rc` has one reference.
    pub fn items(&mut self, items: &Rc<[Value]>) {
        if Rc::strong_count(items) == 1 || matches!(self.action, Action::List(_)) {
            for v in items.iter() {
                self.value(v);
            }
        }
    }
}

/// Hands every reference `v` holds to `visit` (CPython's `tp_traverse`).
fn references(v: &Value, visit: &mut Visitor) -> Result<(), Busy> {
    match v {
        Value::List(l) => l.items.try_borrow()?.iter().for_each(|x| visit.value(x)),
        Value::Tuple(t) => t.items.iter().for_each(|x| visit.value(x)),
        Value::Dict(d) => visit.table(d)?,
        Value::Set(s) | Value::FrozenSet(s) => s.table.try_borrow()?.iter().for_each(|x| visit.value(x)),
        Value::Cell(c) => {
            if let Some(x) = &*c.contents.try_borrow()? {
                visit.value(x);
            }
        }
        Value::Function(f) => {
            f.closure.iter().for_each(|c| visit.cell(c));
            visit.dict(&f.globals);
            if let Some(d) = &*f.defaults.try_borrow()? {
                visit.tuple(d);
            }
            if let Some(e) = &*f.extra.try_borrow()? {
                for v in [&e.doc, &e.module].into_iter().flatten() {
                    visit.value(v);
                }
                for d in [&e.kwdefaults, &e.annotations, &e.dict].into_iter().flatten() {
                    visit.dict(d);
                }
            }
        }
        Value::Method(m) => {
            visit.value(&m.receiver);
            visit.value(&m.func);
        }
        Value::Builtin(b) => {
            if let Some(x) = &b.bound {
                visit.value(x);
            }
        }
        Value::Module(m) => visit.dict(&m.dict),
        Value::Exception(e) => {
            visit.class(&e.typ);
            visit.tuple(&*e.args.try_borrow()?);
            for x in [&e.cause, &e.context] {
                if let Some(x) = &*x.try_borrow()? {
                    visit.value(x);
                }
            }
            if let Some(d) = &*e.dict.try_borrow()? {
                visit.dict(d);
            }
        }
        Value::Instance(i) => {
            visit.class(&i.class);
            visit.dict(&i.dict);
            if let Some(b) = &i.base {
                visit.value(b);
            }
        }
        Value::Iter(it) => iter_references(&*it.try_borrow()?, visit),
        Value::Native(n) => n.traverse(visit)?,
        Value::Type(t) => {
            if let Some(data) = &t.class {
                visit.dict(&data.dict);
                visit.value(&data.module);
                data.bases.iter().chain(&data.mro_tail).for_each(|b| visit.class(b));
                if let Some(b) = &t.base {
                    visit.class(b);
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn iter_references(state: &IterState, visit: &mut Visitor) {
    match state {
        IterState::Seq { items, .. } => visit.items(items),
        IterState::List { list, .. } | IterState::ListReverse { list, .. } => {
            visit.object(Some(&list.gc), Rc::strong_count(list), || Value::List(list.clone()))
        }
        IterState::Dict { dict, .. } => visit.dict(dict),
        IterState::Set { set, .. } => visit.object(Some(&set.gc), Rc::strong_count(set), || Value::Set(set.clone())),
        IterState::Enumerate { inner, .. } => visit.value(inner),
        IterState::Zip { inners } => inners.iter().for_each(|x| visit.value(x)),
        IterState::Map { func, inners } => {
            visit.value(func);
            inners.iter().for_each(|x| visit.value(x));
        }
        IterState::Filter { func, inner } => {
            visit.value(func);
            visit.value(inner);
        }
        IterState::GetItem { obj, .. } => visit.value(obj),
        IterState::Callable { func, sentinel } => {
            visit.value(func);
            visit.value(sentinel);
        }
        IterState::Range { .. } | IterState::Str { .. } | IterState::Done => {}
    }
}

/// Every object that can hold others and is reachable from `root`, each once, in the order
/// a depth-first walk meets them.
pub fn reachable(root: &Value) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(v) = stack.pop() {
        if ref_count(&v).is_none() || !seen.insert(v.address()) {
            continue;
        }
        let mut visitor = Visitor { action: Action::List(&mut stack), owned: Vec::new(), work: 0 };
        let _ = references(&v, &mut visitor);
        out.push(v);
    }
    out
}

/// The values a native object holds, for the teaching views' walk from the globals.
pub fn children(n: &dyn Native) -> Vec<Value> {
    let mut out = Vec::new();
    let mut visitor = Visitor { action: Action::List(&mut out), owned: Vec::new(), work: 0 };
    let _ = n.traverse(&mut visitor);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list that holds itself, and a weak reference to watch it by.
    fn self_list() -> (Value, Weak<List>) {
        let v = Value::list(Vec::new());
        let Value::List(l) = &v else { unreachable!() };
        l.items.borrow_mut().push(v.clone());
        let weak = Rc::downgrade(l);
        (v, weak)
    }

    #[test]
    fn an_unreachable_cycle_is_freed() {
        let (v, weak) = self_list();
        drop(v);
        assert!(weak.upgrade().is_some(), "reference counting alone cannot free it");
        assert_eq!(collect(), 1);
        assert!(weak.upgrade().is_none());
    }

    #[test]
    fn a_referenced_cycle_is_left_intact() {
        let (v, _) = self_list();
        assert_eq!(collect(), 0);
        let Value::List(l) = &v else { unreachable!() };
        assert!(l.items.borrow()[0].is(&v));
    }

    #[test]
    fn a_cycle_reachable_through_an_untracked_tuple_is_left_intact() {
        let (v, weak) = self_list();
        let tuple = Value::tuple(vec![v]);
        assert_eq!(collect(), 0);
        assert_eq!(weak.upgrade().map(|l| l.len()), Some(1));
        drop(tuple);
        assert_eq!(collect(), 1);
    }

    #[test]
    fn a_tuple_held_twice_inside_garbage_keeps_it_alive_rather_than_guess() {
        let (v, weak) = self_list();
        let Value::List(l) = &v else { unreachable!() };
        let t = Value::tuple(vec![v.clone()]);
        l.items.borrow_mut().extend([t.clone(), t]);
        drop(v);
        assert_eq!(collect(), 0);
        assert_eq!(weak.upgrade().map(|l| l.len()), Some(3));
    }

    #[test]
    fn a_collection_while_a_list_is_being_changed_leaves_it_alone() {
        let (v, _) = self_list();
        let Value::List(l) = &v else { unreachable!() };
        let items = l.items.borrow_mut();
        assert_eq!(collect(), 0);
        drop(items);
        assert!(l.items.borrow()[0].is(&v));
    }

    #[test]
    fn cells_are_listed_oldest_first_and_emptied_only_when_garbage() {
        let a = new_cell(Rc::new(PyStr::new("a")), Some(Value::Int(1)));
        let b = new_cell(Rc::new(PyStr::new("b")), None);
        b.set(Some(Value::Cell(b.clone())));
        let serials: Vec<u64> = live_cells().iter().map(|c| c.serial).collect();
        assert_eq!(serials, vec![a.serial, b.serial]);
        let weak = Rc::downgrade(&b);
        drop(b);
        assert_eq!(collect(), 1);
        assert!(weak.upgrade().is_none());
        assert!(matches!(a.get(), Some(Value::Int(1))));
    }
}
