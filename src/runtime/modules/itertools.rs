//! `itertools`, as CPython's itertoolsmodule.c: lazy iterators that pull from their inputs
//! exactly when CPython's do, so that they work on infinite inputs and leave a shared
//! iterator where CPython would (`takewhile` eats the first failing item, `islice` stops
//! pulling once it has its last item, a `groupby` group dies when the outer iterator moves).
//! Each is a native object that is its own iterator (`Native::next`).

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{overflow_error, runtime_error, type_error, value_error};
use crate::runtime::model::gc::{Busy, Visitor};
use crate::runtime::model::typeobj::{types, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::types::ops;
use crate::syntax::ast::BinOp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use super::{check_pos, func, new_module};

/// The iterator types the module exposes, by name. (The objects `groupby` and `tee` hand out
/// are of two more, `_grouper` and `_tee`, made on first use.)
const TYPES: &[&str] = &[
    "count",
    "cycle",
    "repeat",
    "accumulate",
    "chain",
    "islice",
    "takewhile",
    "dropwhile",
    "filterfalse",
    "starmap",
    "compress",
    "pairwise",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
    "groupby",
    "zip_longest",
];

pub fn module(_interp: &mut Interp) -> Value {
    let mut items: Vec<(&str, Value)> = TYPES.iter().map(|&n| (n, Value::Type(itertools_type(n)))).collect();
    items.push(("tee", func("tee", tee)));
    new_module("itertools", items)
}

thread_local! {
    static MADE: RefCell<Vec<(&'static str, Rc<TypeObj>)>> = const { RefCell::new(Vec::new()) };
}

/// The type object `itertools.<name>`, made once.
fn itertools_type(name: &'static str) -> Rc<TypeObj> {
    MADE.with(|m| {
        let mut m = m.borrow_mut();
        if let Some((_, t)) = m.iter().find(|(n, _)| *n == name) {
            return t.clone();
        }
        let t = TypeObj::native("itertools", name);
        m.push((name, t.clone()));
        t
    })
}

/// Calls one of the module's types (`count(10)`); `None` when `t` is not one of them.
pub fn call_type(interp: &mut Interp, t: &Rc<TypeObj>, args: Args) -> Option<PyResult<Value>> {
    let name = MADE.with(|m| m.borrow().iter().find(|(_, ty)| Rc::ptr_eq(ty, t)).map(|(n, _)| *n))?;
    Some(match name {
        "count" => new_count(args),
        "cycle" => new_cycle(interp, args),
        "repeat" => new_repeat(args),
        "accumulate" => new_accumulate(interp, args),
        "chain" => new_chain(interp, args),
        "islice" => new_islice(interp, args),
        "takewhile" | "dropwhile" | "filterfalse" | "starmap" => new_predicated(interp, name, args),
        "compress" => new_compress(interp, args),
        "pairwise" => new_pairwise(interp, args),
        "product" => new_product(interp, args),
        "permutations" | "combinations" | "combinations_with_replacement" => new_combinatoric(interp, name, args),
        "groupby" => new_groupby(interp, args),
        "zip_longest" => new_zip_longest(interp, args),
        _ => type_error(format!("cannot create 'itertools.{name}' instances")),
    })
}

/// `chain.from_iterable`, the one attribute of the module's types beyond the common ones.
pub fn type_attr(t: &Rc<TypeObj>, name: &str) -> Option<Value> {
    (name == "from_iterable" && Rc::ptr_eq(t, &itertools_type("chain"))).then(|| {
        Value::Builtin(Rc::new(Builtin {
            name: "from_iterable",
            owner: Some("chain"),
            func: chain_from_iterable,
            bound: Some(Value::Type(t.clone())),
        }))
    })
}

/// What each iterator of the module implements; `tools!` turns it into `Native`. (The four
/// made of a function and an iterable share one Rust type, `Predicated`, which implements
/// `Native` itself.)
trait Tool: 'static {
    const NAME: &'static str;
    fn advance(&self, interp: &mut Interp, this: &Value) -> PyResult<Option<Value>>;
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy>;
    /// The repr, for the types whose CPython repr shows their state.
    fn describe(&self, _interp: &mut Interp) -> PyResult<Option<String>> {
        Ok(None)
    }
    fn attr(&self, _this: &Value, _name: &str) -> Option<Value> {
        None
    }
}

macro_rules! tools {
    ($($t:ty),* $(,)?) => {$(
        impl Native for $t {
            fn type_obj(&self) -> Rc<TypeObj> {
                itertools_type(<$t as Tool>::NAME)
            }
            fn as_any(&self) -> &dyn Any {
                self
            }
            fn repr(&self, interp: &mut Interp, this: &Value) -> PyResult<String> {
                Ok(match self.describe(interp)? {
                    Some(r) => r,
                    None => format!("<itertools.{} object at {:#x}>", <$t as Tool>::NAME, this.address()),
                })
            }
            fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
                Ok(self.attr(this, name).or_else(|| protocol_attr(<$t as Tool>::NAME, this, name)))
            }
            fn is_iterator(&self) -> bool {
                true
            }
            fn next(&self, interp: &mut Interp, this: &Value) -> PyResult<Option<Value>> {
                self.advance(interp, this)
            }
            fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
                self.visit(visit)
            }
        }
    )*};
}

tools!(Count, Cycle, Repeat, Accumulate, Chain, Islice, Compress, Pairwise, Product);
tools!(Permutations, Combinations, CombinationsWithReplacement, GroupBy, Grouper, ZipLongest, Tee);

/// `it.__next__` and `it.__iter__`, which every iterator of the module has.
fn protocol_attr(owner: &'static str, this: &Value, name: &str) -> Option<Value> {
    match name {
        "__next__" => Some(super::method("__next__", owner, dunder_next, this)),
        "__iter__" => Some(super::method("__iter__", owner, dunder_iter, this)),
        _ => None,
    }
}

fn dunder_next(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("__next__", &args, 0, 0)?;
    let this = b.bound.clone().unwrap_or(Value::None);
    match interp.next(&this)? {
        Some(v) => Ok(v),
        None => Err(PyErr::with_args(&types().stop_iteration, Vec::new())),
    }
}

fn dunder_iter(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("__iter__", &args, 0, 0)?;
    Ok(b.bound.clone().unwrap_or(Value::None))
}

// ----- argument parsing, with CPython's messages -----

/// Binds `name(p1, p2=…)` as CPython's argument clinic does: positionally or by keyword, the
/// first `required` parameters required.
fn bind<const N: usize>(name: &str, args: &Args, params: [&str; N], required: usize) -> PyResult<[Option<Value>; N]> {
    let given = args.pos.len() + args.kw.len();
    if given > N {
        let s = if N == 1 { "" } else { "s" };
        return type_error(format!("{name}() takes at most {N} argument{s} ({given} given)"));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|i| args.pos.get(i).cloned());
    for (k, v) in args.kw {
        match params.iter().position(|p| *p == k.as_str()) {
            Some(i) if out[i].is_some() => {
                return type_error(format!(
                    "argument for {name}() given by name ('{}') and position ({})",
                    k.as_str(),
                    i + 1
                ))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return type_error(format!("'{}' is an invalid keyword argument for {name}()", k.as_str())),
        }
    }
    if let Some(i) = (0..required).find(|&i| out[i].is_none()) {
        return type_error(format!("{name}() missing required argument '{}' (pos {})", params[i], i + 1));
    }
    Ok(out)
}

/// Checks the arguments of a positional-only constructor (`cycle(iterable, /)`).
fn positional(name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    if !args.kw.is_empty() {
        return type_error(format!("{name}() takes no keyword arguments"));
    }
    let n = args.pos.len();
    let (bound, count) = match () {
        _ if min == max && n != min => ("", min),
        _ if n < min => ("at least ", min),
        _ if n > max => ("at most ", max),
        _ => return Ok(()),
    };
    let s = if count == 1 { "" } else { "s" };
    type_error(format!("{name} expected {bound}{count} argument{s}, got {n}"))
}

/// An index-sized integer argument, as CPython's `PyNumber_AsSsize_t`.
fn ssize(v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => overflow_error("Python int too large to convert to C ssize_t"),
        _ => ops::index_of(v),
    }
}

/// `a == b` as CPython's `PyObject_RichCompareBool`: identity first.
fn same(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.is(b) || ops::eq(a, b)?)
}

fn visit_all<'a>(visit: &mut Visitor, values: impl IntoIterator<Item = &'a Value>) {
    values.into_iter().for_each(|v| visit.value(v));
}

fn visit_cell(visit: &mut Visitor, cell: &RefCell<Option<Value>>) -> Result<(), Busy> {
    visit_all(visit, cell.try_borrow()?.iter());
    Ok(())
}

// ----- count, cycle, repeat -----

struct Count {
    next: RefCell<Value>,
    step: Value,
}

fn is_one(v: &Value) -> bool {
    matches!(v, Value::Int(1) | Value::Bool(true))
}

/// `count(start=0, step=1)`.
fn new_count(args: Args) -> PyResult<Value> {
    let [start, step] = bind("count", &args, ["start", "step"], 0)?;
    let start = start.unwrap_or(Value::Int(0));
    let step = step.unwrap_or(Value::Int(1));
    let number = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_));
    if !number(&start) || !number(&step) {
        return type_error("a number is required");
    }
    // CPython counts an int start with a step of one in machine integers, so `count(True)`
    // yields and shows plain ints.
    let (start, step) = match (&start, is_one(&step)) {
        (Value::Bool(b), true) => (Value::Int(*b as i64), Value::Int(1)),
        (Value::Int(_) | Value::BigInt(_), true) => (start, Value::Int(1)),
        _ => (start, step),
    };
    Ok(Value::native(Count { next: RefCell::new(start), step }))
}

impl Tool for Count {
    const NAME: &'static str = "count";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let current = self.next.borrow().clone();
        let next = interp.binary_op(BinOp::Add, &current, &self.step)?;
        *self.next.borrow_mut() = next;
        Ok(Some(current))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&*self.next.try_borrow()?);
        visit.value(&self.step);
        Ok(())
    }
    fn describe(&self, interp: &mut Interp) -> PyResult<Option<String>> {
        let next = interp.repr(&self.next.borrow().clone())?;
        Ok(Some(if is_one(&self.step) {
            format!("count({next})")
        } else {
            format!("count({next}, {})", interp.repr(&self.step)?)
        }))
    }
}

struct Cycle {
    it: Value,
    exhausted: Cell<bool>,
    saved: RefCell<Vec<Value>>,
    index: Cell<usize>,
}

/// `cycle(iterable, /)`.
fn new_cycle(interp: &mut Interp, args: Args) -> PyResult<Value> {
    positional("cycle", &args, 1, 1)?;
    let it = interp.iter(&args.pos[0])?;
    Ok(Value::native(Cycle { it, exhausted: Cell::new(false), saved: RefCell::new(Vec::new()), index: Cell::new(0) }))
}

impl Tool for Cycle {
    const NAME: &'static str = "cycle";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        if !self.exhausted.get() {
            match interp.next(&self.it)? {
                Some(v) => {
                    self.saved.borrow_mut().push(v.clone());
                    return Ok(Some(v));
                }
                None => self.exhausted.set(true),
            }
        }
        let saved = self.saved.borrow();
        if saved.is_empty() {
            return Ok(None);
        }
        let i = self.index.get();
        self.index.set((i + 1) % saved.len());
        Ok(Some(saved[i].clone()))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.it);
        visit_all(visit, self.saved.try_borrow()?.iter());
        Ok(())
    }
}

struct Repeat {
    object: Value,
    /// How many more times; `None` for ever.
    left: Cell<Option<i64>>,
}

/// `repeat(object, times=None)`; a negative `times` repeats nothing, as in CPython.
fn new_repeat(args: Args) -> PyResult<Value> {
    let [object, times] = bind("repeat", &args, ["object", "times"], 1)?;
    let left = match times {
        Some(t) => Some(ssize(&t)?.max(0)),
        None => None,
    };
    Ok(Value::native(Repeat { object: object.unwrap_or(Value::None), left: Cell::new(left) }))
}

impl Tool for Repeat {
    const NAME: &'static str = "repeat";
    fn advance(&self, _: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        match self.left.get() {
            Some(0) => return Ok(None),
            Some(n) => self.left.set(Some(n - 1)),
            None => {}
        }
        Ok(Some(self.object.clone()))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.object);
        Ok(())
    }
    fn describe(&self, interp: &mut Interp) -> PyResult<Option<String>> {
        let object = interp.repr(&self.object)?;
        Ok(Some(match self.left.get() {
            Some(n) => format!("repeat({object}, {n})"),
            None => format!("repeat({object})"),
        }))
    }
}

// ----- accumulate, chain, islice -----

struct Accumulate {
    it: Value,
    /// `None` adds.
    func: Value,
    total: RefCell<Option<Value>>,
    initial: RefCell<Option<Value>>,
}

/// `accumulate(iterable, func=None, *, initial=None)`.
fn new_accumulate(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [iterable, func, initial] = bind("accumulate", &args, ["iterable", "func", "initial"], 1)?;
    if args.pos.len() > 2 {
        return type_error(format!("accumulate() takes at most 2 positional arguments ({} given)", args.pos.len()));
    }
    let it = interp.iter(&iterable.unwrap_or(Value::None))?;
    Ok(Value::native(Accumulate {
        it,
        func: func.unwrap_or(Value::None),
        total: RefCell::new(None),
        initial: RefCell::new(initial.filter(|v| !v.is_none())),
    }))
}

impl Tool for Accumulate {
    const NAME: &'static str = "accumulate";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let initial = self.initial.borrow_mut().take();
        if let Some(v) = initial {
            *self.total.borrow_mut() = Some(v.clone());
            return Ok(Some(v));
        }
        let Some(v) = interp.next(&self.it)? else { return Ok(None) };
        let total = self.total.borrow().clone();
        let total = match total {
            None => v,
            Some(t) if self.func.is_none() => interp.binary_op(BinOp::Add, &t, &v)?,
            Some(t) => interp.call(&self.func, vec![t, v], Vec::new())?,
        };
        *self.total.borrow_mut() = Some(total.clone());
        Ok(Some(total))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.it);
        visit.value(&self.func);
        visit_cell(visit, &self.total)?;
        visit_cell(visit, &self.initial)
    }
}

struct Chain {
    /// The iterator of the iterables; `None` once it is exhausted.
    source: RefCell<Option<Value>>,
    /// The iterator of the iterable being read.
    active: RefCell<Option<Value>>,
}

fn chain_of(source: Value) -> Value {
    Value::native(Chain { source: RefCell::new(Some(source)), active: RefCell::new(None) })
}

/// `chain(*iterables)`: each iterable is turned into an iterator only when it is reached.
fn new_chain(interp: &mut Interp, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return type_error("chain() takes no keyword arguments");
    }
    let source = interp.iter(&Value::tuple(args.pos.to_vec()))?;
    Ok(chain_of(source))
}

fn chain_from_iterable(interp: &mut Interp, _: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("chain.from_iterable", &args, 1, 1)?;
    let source = interp.iter(&args.pos[0])?;
    Ok(chain_of(source))
}

impl Tool for Chain {
    const NAME: &'static str = "chain";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        loop {
            let Some(source) = self.source.borrow().clone() else { return Ok(None) };
            let active = self.active.borrow().clone();
            let active = match active {
                Some(a) => a,
                None => {
                    let Some(iterable) = interp.next(&source)? else {
                        *self.source.borrow_mut() = None;
                        return Ok(None);
                    };
                    match interp.iter(&iterable) {
                        Ok(a) => {
                            *self.active.borrow_mut() = Some(a.clone());
                            a
                        }
                        Err(e) => {
                            *self.source.borrow_mut() = None;
                            return Err(e);
                        }
                    }
                }
            };
            if let Some(v) = interp.next(&active)? {
                return Ok(Some(v));
            }
            *self.active.borrow_mut() = None;
        }
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit_cell(visit, &self.source)?;
        visit_cell(visit, &self.active)
    }
}

struct Islice {
    /// `None` once the slice is done: the input is not pulled again.
    it: RefCell<Option<Value>>,
    /// The input position of the next item to yield, and how many items were pulled.
    next: Cell<i64>,
    count: Cell<i64>,
    /// `-1` for no stop.
    stop: i64,
    step: i64,
}

const STOP_ERROR: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";

/// `islice(iterable, stop)` or `islice(iterable, start, stop[, step])`, with CPython's checks:
/// a bound that is not a non-negative index-sized int is a ValueError.
fn new_islice(interp: &mut Interp, args: Args) -> PyResult<Value> {
    positional("islice", &args, 2, 4)?;
    let bound = |v: &Value, default: i64| if v.is_none() { default } else { ssize(v).unwrap_or(-1) };
    let (start, stop) = match args.pos {
        [_, stop] => (0, stop),
        [_, start, stop, ..] => (bound(start, 0), stop),
        _ => unreachable!("islice takes 2 to 4 arguments"),
    };
    let stop = match bound(stop, -1) {
        -1 if !stop.is_none() => return value_error(STOP_ERROR),
        n => n,
    };
    if start < 0 || stop < -1 {
        return value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    }
    let step = args.pos.get(3).map_or(1, |s| bound(s, 1));
    if step < 1 {
        return value_error("Step for islice() must be a positive integer or None.");
    }
    let it = interp.iter(&args.pos[0])?;
    Ok(Value::native(Islice { it: RefCell::new(Some(it)), next: Cell::new(start), count: Cell::new(0), stop, step }))
}

impl Islice {
    /// Pulls one item; the end or an error finishes the slice.
    fn pull(&self, interp: &mut Interp, it: &Value) -> PyResult<Option<Value>> {
        let r = interp.next(it);
        if !matches!(r, Ok(Some(_))) {
            *self.it.borrow_mut() = None;
        }
        r
    }
}

impl Tool for Islice {
    const NAME: &'static str = "islice";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let Some(it) = self.it.borrow().clone() else { return Ok(None) };
        while self.count.get() < self.next.get() {
            if self.pull(interp, &it)?.is_none() {
                return Ok(None);
            }
            self.count.set(self.count.get() + 1);
        }
        if self.stop != -1 && self.count.get() >= self.stop {
            *self.it.borrow_mut() = None;
            return Ok(None);
        }
        let Some(item) = self.pull(interp, &it)? else { return Ok(None) };
        self.count.set(self.count.get() + 1);
        let old = self.next.get();
        let mut next = old.wrapping_add(self.step);
        if next < old || (self.stop != -1 && next > self.stop) {
            next = self.stop;
        }
        self.next.set(next);
        Ok(Some(item))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit_cell(visit, &self.it)
    }
}

// ----- takewhile, dropwhile, filterfalse, starmap, compress, pairwise -----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    TakeWhile,
    DropWhile,
    FilterFalse,
    StarMap,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::TakeWhile => "takewhile",
            Rule::DropWhile => "dropwhile",
            Rule::FilterFalse => "filterfalse",
            Rule::StarMap => "starmap",
        }
    }
}

/// The iterators made of a function and an iterable.
struct Predicated {
    rule: Rule,
    func: Value,
    it: Value,
    /// `takewhile` has seen its first failure; `dropwhile` its first success.
    flipped: Cell<bool>,
}

/// `takewhile(predicate, iterable, /)` and the others of the same shape.
fn new_predicated(interp: &mut Interp, name: &str, args: Args) -> PyResult<Value> {
    positional(name, &args, 2, 2)?;
    let rule = match name {
        "takewhile" => Rule::TakeWhile,
        "dropwhile" => Rule::DropWhile,
        "filterfalse" => Rule::FilterFalse,
        _ => Rule::StarMap,
    };
    let it = interp.iter(&args.pos[1])?;
    Ok(Value::native(Predicated { rule, func: args.pos[0].clone(), it, flipped: Cell::new(false) }))
}

impl Predicated {
    fn test(&self, interp: &mut Interp, v: &Value) -> PyResult<bool> {
        if self.func.is_none() {
            return interp.truthy(v);
        }
        let r = interp.call(&self.func, vec![v.clone()], Vec::new())?;
        interp.truthy(&r)
    }
}

impl Native for Predicated {
    fn type_obj(&self) -> Rc<TypeObj> {
        itertools_type(self.rule.name())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<itertools.{} object at {:#x}>", self.type_obj().name, this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(protocol_attr(self.rule.name(), this, name))
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        match self.rule {
            Rule::TakeWhile => {
                if self.flipped.get() {
                    return Ok(None);
                }
                let Some(v) = interp.next(&self.it)? else { return Ok(None) };
                if self.test(interp, &v)? {
                    return Ok(Some(v));
                }
                self.flipped.set(true);
                Ok(None)
            }
            Rule::DropWhile => loop {
                let Some(v) = interp.next(&self.it)? else { return Ok(None) };
                if self.flipped.get() || !self.test(interp, &v)? {
                    self.flipped.set(true);
                    return Ok(Some(v));
                }
            },
            Rule::FilterFalse => loop {
                let Some(v) = interp.next(&self.it)? else { return Ok(None) };
                if !self.test(interp, &v)? {
                    return Ok(Some(v));
                }
            },
            Rule::StarMap => {
                let Some(v) = interp.next(&self.it)? else { return Ok(None) };
                let args = match &v {
                    Value::Tuple(t) => t.items.to_vec(),
                    _ => interp.collect(&v)?,
                };
                interp.call(&self.func, args, Vec::new()).map(Some)
            }
        }
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.func);
        visit.value(&self.it);
        Ok(())
    }
}

struct Compress {
    data: Value,
    selectors: Value,
}

/// `compress(data, selectors)`.
fn new_compress(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [data, selectors] = bind("compress", &args, ["data", "selectors"], 2)?;
    let data = interp.iter(&data.unwrap_or(Value::None))?;
    let selectors = interp.iter(&selectors.unwrap_or(Value::None))?;
    Ok(Value::native(Compress { data, selectors }))
}

impl Tool for Compress {
    const NAME: &'static str = "compress";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        loop {
            let Some(datum) = interp.next(&self.data)? else { return Ok(None) };
            let Some(selector) = interp.next(&self.selectors)? else { return Ok(None) };
            if interp.truthy(&selector)? {
                return Ok(Some(datum));
            }
        }
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.data);
        visit.value(&self.selectors);
        Ok(())
    }
}

struct Pairwise {
    /// `None` once the input is exhausted.
    it: RefCell<Option<Value>>,
    old: RefCell<Option<Value>>,
}

/// `pairwise(iterable, /)`.
fn new_pairwise(interp: &mut Interp, args: Args) -> PyResult<Value> {
    positional("pairwise", &args, 1, 1)?;
    let it = interp.iter(&args.pos[0])?;
    Ok(Value::native(Pairwise { it: RefCell::new(Some(it)), old: RefCell::new(None) }))
}

impl Tool for Pairwise {
    const NAME: &'static str = "pairwise";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let Some(it) = self.it.borrow().clone() else { return Ok(None) };
        let old = self.old.borrow().clone();
        let old = match old {
            Some(old) => old,
            None => {
                let Some(old) = interp.next(&it)? else {
                    *self.it.borrow_mut() = None;
                    return Ok(None);
                };
                *self.old.borrow_mut() = Some(old.clone());
                old
            }
        };
        let Some(new) = interp.next(&it)? else {
            *self.it.borrow_mut() = None;
            *self.old.borrow_mut() = None;
            return Ok(None);
        };
        *self.old.borrow_mut() = Some(new.clone());
        Ok(Some(Value::tuple(vec![old, new])))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit_cell(visit, &self.it)?;
        visit_cell(visit, &self.old)
    }
}

// ----- the combinatorics: product, permutations, combinations -----

/// Where a combinatoric iterator is: before its first result, between results (at
/// `indices`), or done.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    First,
    Running,
    Done,
}

fn pick(pool: &[Value], indices: &[usize]) -> Value {
    Value::tuple(indices.iter().map(|&i| pool[i].clone()).collect())
}

struct Product {
    pools: Vec<Vec<Value>>,
    indices: RefCell<Vec<usize>>,
    phase: Cell<Phase>,
}

/// `product(*iterables, repeat=1)`: the inputs are read whole at once, as in CPython.
fn new_product(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut repeat = 1;
    for (k, v) in args.kw {
        if k.as_str() != "repeat" {
            return type_error(format!("'{}' is an invalid keyword argument for product()", k.as_str()));
        }
        repeat = ssize(v)?;
        if repeat < 0 {
            return value_error("repeat argument cannot be negative");
        }
    }
    let mut distinct = Vec::with_capacity(args.pos.len());
    for v in args.pos {
        distinct.push(interp.collect(v)?);
    }
    let mut pools = Vec::with_capacity(distinct.len() * repeat as usize);
    for _ in 0..repeat {
        pools.extend(distinct.iter().cloned());
    }
    let indices = RefCell::new(vec![0; pools.len()]);
    Ok(Value::native(Product { pools, indices, phase: Cell::new(Phase::First) }))
}

impl Tool for Product {
    const NAME: &'static str = "product";
    fn advance(&self, _: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let mut indices = self.indices.borrow_mut();
        match self.phase.get() {
            Phase::Done => return Ok(None),
            Phase::First => {
                if self.pools.iter().any(|p| p.is_empty()) {
                    self.phase.set(Phase::Done);
                    return Ok(None);
                }
                self.phase.set(Phase::Running);
            }
            Phase::Running => {
                // An odometer: the rightmost pool turns fastest.
                let mut i = self.pools.len();
                loop {
                    if i == 0 {
                        self.phase.set(Phase::Done);
                        return Ok(None);
                    }
                    i -= 1;
                    indices[i] += 1;
                    if indices[i] < self.pools[i].len() {
                        break;
                    }
                    indices[i] = 0;
                }
            }
        }
        Ok(Some(Value::tuple(self.pools.iter().zip(indices.iter()).map(|(p, &i)| p[i].clone()).collect())))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.pools.iter().for_each(|p| visit_all(visit, p));
        Ok(())
    }
}

/// The pool and choice size shared by `permutations` and the `combinations`.
struct Choose {
    pool: Vec<Value>,
    r: usize,
    indices: RefCell<Vec<usize>>,
    phase: Cell<Phase>,
}

struct Permutations {
    choose: Choose,
    cycles: RefCell<Vec<usize>>,
}
struct Combinations(Choose);
struct CombinationsWithReplacement(Choose);

/// `permutations(iterable, r=None)`, `combinations(iterable, r)` and
/// `combinations_with_replacement(iterable, r)`.
fn new_combinatoric(interp: &mut Interp, name: &'static str, args: Args) -> PyResult<Value> {
    let permutations = name == "permutations";
    let [iterable, r] = bind(name, &args, ["iterable", "r"], if permutations { 1 } else { 2 })?;
    let pool = interp.collect(&iterable.unwrap_or(Value::None))?;
    let n = pool.len();
    let r = match r.filter(|v| !(permutations && v.is_none())) {
        None => n as i64,
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => ssize(&v)?,
        Some(_) if permutations => return type_error("Expected int as r"),
        Some(v) => ssize(&v)?,
    };
    if r < 0 {
        return value_error("r must be non-negative");
    }
    let r = r as usize;
    let (phase, indices) = match name {
        "permutations" => (r <= n, (0..n).collect()),
        "combinations" => (r <= n, (0..r).collect()),
        _ => (n > 0 || r == 0, vec![0; r]),
    };
    let choose = Choose {
        pool,
        r,
        indices: RefCell::new(indices),
        phase: Cell::new(if phase { Phase::First } else { Phase::Done }),
    };
    Ok(match name {
        "permutations" => {
            let cycles = RefCell::new((0..r).map(|i| n - i).collect());
            Value::native(Permutations { choose, cycles })
        }
        "combinations" => Value::native(Combinations(choose)),
        _ => Value::native(CombinationsWithReplacement(choose)),
    })
}

impl Choose {
    /// The next result: the first as it stands, the others after `step` moves the indices
    /// (`false` when they have run out).
    fn advance(&self, step: impl FnOnce(&mut Vec<usize>) -> bool) -> Option<Value> {
        let mut indices = self.indices.borrow_mut();
        match self.phase.get() {
            Phase::Done => return None,
            Phase::First => self.phase.set(Phase::Running),
            Phase::Running => {
                if !step(&mut indices) {
                    self.phase.set(Phase::Done);
                    return None;
                }
            }
        }
        Some(pick(&self.pool, &indices[..self.r]))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit_all(visit, &self.pool);
        Ok(())
    }
}

impl Tool for Permutations {
    const NAME: &'static str = "permutations";
    fn advance(&self, _: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let (n, r) = (self.choose.pool.len(), self.choose.r);
        let mut cycles = self.cycles.borrow_mut();
        Ok(self.choose.advance(|indices| {
            if n == 0 {
                return false;
            }
            // Each position counts down its cycle; at zero it rotates its tail and the
            // position to its left moves on.
            for i in (0..r).rev() {
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    indices[i..].rotate_left(1);
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    return true;
                }
            }
            false
        }))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.choose.visit(visit)
    }
}

impl Tool for Combinations {
    const NAME: &'static str = "combinations";
    fn advance(&self, _: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let (n, r) = (self.0.pool.len(), self.0.r);
        Ok(self.0.advance(|indices| {
            // The rightmost index not yet at its maximum moves on; those after it follow.
            let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else { return false };
            indices[i] += 1;
            for j in i + 1..r {
                indices[j] = indices[j - 1] + 1;
            }
            true
        }))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.0.visit(visit)
    }
}

impl Tool for CombinationsWithReplacement {
    const NAME: &'static str = "combinations_with_replacement";
    fn advance(&self, _: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let (n, r) = (self.0.pool.len(), self.0.r);
        Ok(self.0.advance(|indices| {
            let Some(i) = (0..r).rev().find(|&i| indices[i] != n - 1) else { return false };
            let index = indices[i] + 1;
            indices[i..].fill(index);
            true
        }))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.0.visit(visit)
    }
}

// ----- groupby -----

struct GroupBy {
    it: Value,
    key: Value,
    keys: RefCell<GroupKeys>,
    /// The number of the group that may still read the input (0: none), and of the last one
    /// made: moving the outer iterator makes the previous group empty, as in CPython.
    current: Cell<u64>,
    made: Cell<u64>,
}

/// CPython's `tgtkey`, `currkey` and `currvalue`: the key of the group being read, and the
/// item read ahead with its key (taken by the group that yields it).
#[derive(Default)]
struct GroupKeys {
    target: Option<Value>,
    key: Option<Value>,
    value: Option<Value>,
}

/// A group: the items of the shared input while their key stays `target`.
struct Grouper {
    parent: Value,
    target: Value,
    number: u64,
}

/// `groupby(iterable, key=None)`.
fn new_groupby(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let [iterable, key] = bind("groupby", &args, ["iterable", "key"], 1)?;
    let it = interp.iter(&iterable.unwrap_or(Value::None))?;
    Ok(Value::native(GroupBy {
        it,
        key: key.unwrap_or(Value::None),
        keys: RefCell::new(GroupKeys::default()),
        current: Cell::new(0),
        made: Cell::new(0),
    }))
}

impl GroupBy {
    /// Reads the next item and its key; `false` at the end of the input.
    fn step(&self, interp: &mut Interp) -> PyResult<bool> {
        let Some(value) = interp.next(&self.it)? else { return Ok(false) };
        let key =
            if self.key.is_none() { value.clone() } else { interp.call(&self.key, vec![value.clone()], Vec::new())? };
        let mut keys = self.keys.borrow_mut();
        keys.value = Some(value);
        keys.key = Some(key);
        Ok(true)
    }
}

impl Tool for GroupBy {
    const NAME: &'static str = "groupby";
    fn advance(&self, interp: &mut Interp, this: &Value) -> PyResult<Option<Value>> {
        self.current.set(0);
        // Skip what is left of the current group.
        loop {
            let (target, key) = {
                let keys = self.keys.borrow();
                (keys.target.clone(), keys.key.clone())
            };
            if let Some(key) = key {
                match target {
                    None => break,
                    Some(t) if !same(&t, &key)? => break,
                    Some(_) => {}
                }
            }
            if !self.step(interp)? {
                return Ok(None);
            }
        }
        let key = {
            let mut keys = self.keys.borrow_mut();
            keys.target = keys.key.clone();
            keys.key.clone().unwrap_or(Value::None)
        };
        let number = self.made.get() + 1;
        self.made.set(number);
        self.current.set(number);
        let group = Value::native(Grouper { parent: this.clone(), target: key.clone(), number });
        Ok(Some(Value::tuple(vec![key, group])))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.it);
        visit.value(&self.key);
        let keys = self.keys.try_borrow()?;
        visit_all(visit, keys.target.iter().chain(&keys.key).chain(&keys.value));
        Ok(())
    }
}

impl Tool for Grouper {
    const NAME: &'static str = "_grouper";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let Value::Native(n) = &self.parent else { return Ok(None) };
        let Some(parent) = n.as_any().downcast_ref::<GroupBy>() else { return Ok(None) };
        if parent.current.get() != self.number {
            return Ok(None);
        }
        let read_ahead = parent.keys.borrow().value.is_some();
        if !read_ahead && !parent.step(interp)? {
            return Ok(None);
        }
        let key = parent.keys.borrow().key.clone().unwrap_or(Value::None);
        if !same(&self.target, &key)? {
            return Ok(None);
        }
        let mut keys = parent.keys.borrow_mut();
        keys.key = None;
        Ok(keys.value.take())
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.parent);
        visit.value(&self.target);
        Ok(())
    }
}

// ----- zip_longest -----

struct ZipLongest {
    /// An input is `None` once exhausted; the others go on.
    its: RefCell<Vec<Option<Value>>>,
    active: Cell<usize>,
    fill: Value,
}

/// `zip_longest(*iterables, fillvalue=None)`.
fn new_zip_longest(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let fill = match args.kw {
        [] => Value::None,
        [(k, v)] if k.as_str() == "fillvalue" => v.clone(),
        _ => return type_error("zip_longest() got an unexpected keyword argument"),
    };
    let mut its = Vec::with_capacity(args.pos.len());
    for v in args.pos {
        its.push(Some(interp.iter(v)?));
    }
    let active = Cell::new(its.len());
    Ok(Value::native(ZipLongest { its: RefCell::new(its), active, fill }))
}

impl Tool for ZipLongest {
    const NAME: &'static str = "zip_longest";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        let n = self.its.borrow().len();
        if n == 0 || self.active.get() == 0 {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let it = self.its.borrow()[i].clone();
            let item = match it {
                None => self.fill.clone(),
                Some(it) => match interp.next(&it) {
                    Ok(Some(v)) => v,
                    Ok(None) => {
                        self.active.set(self.active.get() - 1);
                        if self.active.get() == 0 {
                            return Ok(None);
                        }
                        self.its.borrow_mut()[i] = None;
                        self.fill.clone()
                    }
                    Err(e) => {
                        self.active.set(0);
                        return Err(e);
                    }
                },
            };
            out.push(item);
        }
        Ok(Some(Value::tuple(out)))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit_all(visit, self.its.try_borrow()?.iter().flatten());
        visit.value(&self.fill);
        Ok(())
    }
}

// ----- tee -----

/// How many items a link of a tee's buffer holds (CPython's `LINKCELLS`).
const LINK_CELLS: usize = 57;

/// The input the tees of one `tee()` share.
struct TeeSource {
    it: Value,
    running: Cell<bool>,
}

/// A piece of the buffer: the items read so far, in links that the tees walk. A link no
/// tee is on any more is freed, so the buffer holds only what the slowest tee has not read.
#[derive(Default)]
struct TeeLink {
    values: RefCell<Vec<Value>>,
    next: RefCell<Option<Rc<TeeLink>>>,
}

impl Drop for TeeLink {
    /// Frees a long chain of links one after another rather than by recursion.
    fn drop(&mut self) {
        let mut next = self.next.get_mut().take();
        while let Some(link) = next {
            next = Rc::try_unwrap(link).ok().and_then(|mut l| l.next.get_mut().take());
        }
    }
}

struct Tee {
    source: Rc<TeeSource>,
    link: RefCell<Rc<TeeLink>>,
    index: Cell<usize>,
}

impl Tee {
    fn copy(&self) -> Value {
        Value::native(Tee {
            source: self.source.clone(),
            link: RefCell::new(self.link.borrow().clone()),
            index: Cell::new(self.index.get()),
        })
    }
}

/// `tee(iterable, n=2, /)`: `n` independent iterators over one input. A tee given a tee
/// shares its buffer (and is the first of the result), as in CPython.
fn tee(interp: &mut Interp, _: &Builtin, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return type_error("itertools.tee() takes no keyword arguments");
    }
    positional("tee", &args, 1, 2)?;
    let n = match args.pos.get(1) {
        Some(v) => ssize(v)?,
        None => 2,
    };
    if n < 0 {
        return value_error("n must be >= 0");
    }
    if n == 0 {
        return Ok(Value::tuple(Vec::new()));
    }
    let it = interp.iter(&args.pos[0])?;
    let first = match &it {
        Value::Native(t) if t.as_any().is::<Tee>() => it.clone(),
        _ => {
            let source = Rc::new(TeeSource { it, running: Cell::new(false) });
            Value::native(Tee { source, link: RefCell::new(Rc::default()), index: Cell::new(0) })
        }
    };
    let mut out = vec![first.clone()];
    if let Value::Native(t) = &first {
        if let Some(t) = t.as_any().downcast_ref::<Tee>() {
            out.extend((1..n).map(|_| t.copy()));
        }
    }
    Ok(Value::tuple(out))
}

fn tee_copy(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("__copy__", &args, 0, 0)?;
    Ok(super::receiver::<Tee>(b)?.copy())
}

impl Tool for Tee {
    const NAME: &'static str = "_tee";
    fn advance(&self, interp: &mut Interp, _: &Value) -> PyResult<Option<Value>> {
        if self.index.get() == LINK_CELLS {
            let next = self.link.borrow().next.borrow_mut().get_or_insert_with(Rc::default).clone();
            *self.link.borrow_mut() = next;
            self.index.set(0);
        }
        let link = self.link.borrow().clone();
        let i = self.index.get();
        let buffered = link.values.borrow().get(i).cloned();
        let v = match buffered {
            Some(v) => v,
            None => {
                if self.source.running.get() {
                    return runtime_error("cannot re-enter the tee iterator");
                }
                self.source.running.set(true);
                let r = interp.next(&self.source.it);
                self.source.running.set(false);
                let Some(v) = r? else { return Ok(None) };
                link.values.borrow_mut().push(v.clone());
                v
            }
        };
        self.index.set(i + 1);
        Ok(Some(v))
    }
    fn visit(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.source.it);
        visit_all(visit, self.link.try_borrow()?.values.try_borrow()?.iter());
        Ok(())
    }
    fn attr(&self, this: &Value, name: &str) -> Option<Value> {
        (name == "__copy__").then(|| super::method("__copy__", "itertools._tee", tee_copy, this))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_tee_buffer_is_freed_without_recursion() {
        let first: Rc<TeeLink> = Rc::default();
        let mut last = first.clone();
        for _ in 0..1_000_000 {
            let next: Rc<TeeLink> = Rc::default();
            *last.next.borrow_mut() = Some(next.clone());
            last = next;
        }
        drop(last);
        drop(first);
    }

    #[test]
    fn type_names_are_cpythons() {
        assert_eq!(itertools_type("count").qualified_name(), "itertools.count");
        assert!(Rc::ptr_eq(&itertools_type("chain"), &itertools_type("chain")));
    }
}
