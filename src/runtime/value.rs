//! Python values. `Value` is a small enum: immediates (None, bool, small int, float) are held
//! inline, everything else behind an `Rc`, so cloning a value is a counter increment and
//! identity (`is`, `id()`) is pointer identity.

use super::code::Code;
use super::dict::Dict;
use super::exceptions::ExceptionObj;
use super::gc::{Busy, GcHeader, Visitor};
use super::interp::Interp;
use super::set::SetObj;
use super::types::TypeObj;
use num_bigint::BigInt;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub type PyResult<T> = Result<T, PyErr>;

/// A raised exception on its way up the Rust stack.
#[derive(Clone)]
pub struct PyErr(pub Rc<ExceptionObj>);

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// Only for values outside `i64`: every operation normalises back to `Int` when it fits.
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<PyStr>),
    List(Rc<List>),
    Tuple(Rc<Tuple>),
    Dict(Rc<Dict>),
    Set(Rc<SetObj>),
    FrozenSet(Rc<SetObj>),
    Range(Rc<RangeObj>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    Method(Rc<BoundMethod>),
    Cell(Rc<CellObj>),
    Code(Rc<Code>),
    Module(Rc<ModuleObj>),
    Type(Rc<TypeObj>),
    Exception(Rc<ExceptionObj>),
    Iter(Rc<RefCell<super::iter::IterState>>),
    /// Objects that live in a module of their own (`deque`, `partial`, `lru_cache` wrappers,
    /// fastapi's app): they implement `Native`.
    Native(Rc<dyn Native>),
    Ellipsis,
    NotImplemented,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }
    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::from(s)))
    }
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(Tuple::new(items)))
    }
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(super::gc::new(List::new(items)))
    }
    pub fn bigint(v: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match v.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(v)),
        }
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The address shown in reprs and returned by `id()`: the object's heap address, or a
    /// stable fake one for immediates.
    pub fn address(&self) -> usize {
        match self {
            Value::None => 0x1000,
            Value::Bool(b) => 0x1010 + *b as usize * 16,
            Value::Ellipsis => 0x1040,
            Value::NotImplemented => 0x1050,
            Value::Int(i) => 0x10_0000_0000usize.wrapping_add((*i as usize).wrapping_mul(32)),
            Value::Float(f) => 0x20_0000_0000usize.wrapping_add(f.to_bits() as usize >> 3),
            Value::BigInt(r) => Rc::as_ptr(r) as usize,
            Value::Str(r) => Rc::as_ptr(r) as usize,
            Value::List(r) => Rc::as_ptr(r) as usize,
            Value::Tuple(r) => Rc::as_ptr(r) as usize,
            Value::Dict(r) => Rc::as_ptr(r) as usize,
            Value::Set(r) | Value::FrozenSet(r) => Rc::as_ptr(r) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Function(r) => Rc::as_ptr(r) as usize,
            Value::Builtin(r) => Rc::as_ptr(r) as usize,
            Value::Method(r) => Rc::as_ptr(r) as usize,
            Value::Cell(r) => Rc::as_ptr(r) as usize,
            Value::Code(r) => Rc::as_ptr(r) as usize,
            Value::Module(r) => Rc::as_ptr(r) as usize,
            Value::Type(r) => Rc::as_ptr(r) as usize,
            Value::Exception(r) => Rc::as_ptr(r) as usize,
            Value::Iter(r) => Rc::as_ptr(r) as usize,
            Value::Native(r) => Rc::as_ptr(r) as *const u8 as usize,
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython; equal i64s behave as the same object.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => {
                std::mem::discriminant(self) == std::mem::discriminant(other)
                    && self.address() == other.address()
                    && !matches!(self, Value::None)
            }
        }
    }
}

/// A Python `str`: UTF-8 text with its length in characters and its hash computed once.
pub struct PyStr {
    s: Box<str>,
    chars: Cell<u32>,
    hash: Cell<i64>,
}

const UNKNOWN: u32 = u32::MAX;
const NO_HASH: i64 = -1;

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr { s: s.into(), chars: Cell::new(UNKNOWN), hash: Cell::new(NO_HASH) }
    }
    pub fn as_str(&self) -> &str {
        &self.s
    }
    pub fn is_ascii(&self) -> bool {
        self.char_len() == self.s.len()
    }
    pub fn char_len(&self) -> usize {
        let c = self.chars.get();
        if c != UNKNOWN {
            return c as usize;
        }
        let n = if self.s.is_ascii() { self.s.len() } else { self.s.chars().count() };
        if n < UNKNOWN as usize {
            self.chars.set(n as u32);
        }
        n
    }
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != NO_HASH {
            return h;
        }
        let h = super::hash::hash_str(&self.s);
        self.hash.set(h);
        h
    }
    /// The character at index `i` (already bounds-checked by the caller).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.s.as_bytes()[i] as char
        } else {
            self.s.chars().nth(i).unwrap_or('\0')
        }
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr { s: s.into_boxed_str(), chars: Cell::new(UNKNOWN), hash: Cell::new(NO_HASH) }
    }
}

impl std::ops::Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.s
    }
}

pub struct List {
    pub items: RefCell<Vec<Value>>,
    pub gc: GcHeader,
}

impl List {
    pub fn new(items: Vec<Value>) -> List {
        List { items: RefCell::new(items), gc: GcHeader::default() }
    }
    /// A copy of the items, so that code that may run Python (comparisons, callbacks) never
    /// holds a borrow of the list while the list may change.
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }
    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.borrow().get(i).cloned()
    }
}

pub struct Tuple {
    pub items: Box<[Value]>,
}

/// Whether dropping `v` can never recurse into further containers.
fn is_leaf(v: &Value) -> bool {
    matches!(v, Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::BigInt(_))
}

impl Drop for List {
    fn drop(&mut self) {
        let items = self.items.get_mut();
        if !items.iter().all(is_leaf) {
            super::trash::dispose(std::mem::take(items));
        }
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        if !self.items.iter().all(is_leaf) {
            super::trash::dispose(std::mem::take(&mut self.items).into_vec());
        }
    }
}

impl Tuple {
    pub fn new(items: Vec<Value>) -> Tuple {
        Tuple { items: items.into_boxed_slice() }
    }
}

/// `range`: bounds beyond 64 bits are allowed (`range(10**20)[5]`), so they are kept in
/// 128 bits; lengths beyond a machine word are an OverflowError where CPython gives one.
pub struct RangeObj {
    pub start: i128,
    pub stop: i128,
    pub step: i128,
}

impl RangeObj {
    pub fn len(&self) -> i128 {
        let (lo, hi, step) = (self.start, self.stop, self.step);
        if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn item(&self, i: i128) -> i128 {
        self.start + i * self.step
    }
}

impl Value {
    /// An int value from a 128-bit integer.
    pub fn from_i128(v: i128) -> Value {
        match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(BigInt::from(v))),
        }
    }
}

/// A variable that closures share. `contents` is `None` while the variable is unbound.
pub struct CellObj {
    pub contents: RefCell<Option<Value>>,
    /// The variable's name in the scope that created it.
    pub name: Rc<PyStr>,
    /// Session-wide creation number, shown by the teaching views as `#n`.
    pub serial: u64,
    pub gc: GcHeader,
}

thread_local! {
    static CELL_SERIAL: Cell<u64> = const { Cell::new(0) };
}

impl CellObj {
    pub fn new(name: Rc<PyStr>, contents: Option<Value>) -> CellObj {
        let serial = CELL_SERIAL.with(|c| {
            let n = c.get() + 1;
            c.set(n);
            n
        });
        CellObj { contents: RefCell::new(contents), name, serial, gc: GcHeader::default() }
    }
    pub fn get(&self) -> Option<Value> {
        self.contents.borrow().clone()
    }
    pub fn set(&self, v: Option<Value>) {
        let old = self.contents.replace(v);
        drop(old);
    }
}

/// A function made by `def` or `lambda` (or a comprehension, internally).
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Dict>,
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    pub doc: RefCell<Value>,
    pub defaults: RefCell<Option<Rc<Tuple>>>,
    pub kwdefaults: RefCell<Option<Rc<Dict>>>,
    /// The cells of the free variables, in `co_freevars` order: shared, never copied.
    pub closure: Box<[Rc<CellObj>]>,
    pub annotations: RefCell<Option<Rc<Dict>>>,
    /// `f.calls = 0` and other attributes set on the function.
    pub dict: RefCell<Option<Rc<Dict>>>,
    pub module: Value,
    pub gc: GcHeader,
}

impl Function {
    /// `__dict__`, made on first use.
    pub fn attr_dict(self: &Rc<Self>) -> Rc<Dict> {
        let d = self.dict.borrow_mut().get_or_insert_with(|| super::gc::new(Dict::new())).clone();
        super::gc::track_function(self);
        d
    }
    /// `__annotations__`, made on first use.
    pub fn annotations_dict(self: &Rc<Self>) -> Rc<Dict> {
        let d = self.annotations.borrow_mut().get_or_insert_with(|| super::gc::new(Dict::new())).clone();
        super::gc::track_function(self);
        d
    }
}

/// A function written in Rust.
pub struct Builtin {
    pub name: &'static str,
    /// For methods of a builtin type: the type's name (`list.append`'s qualname).
    pub owner: Option<&'static str>,
    pub func: BuiltinFn,
    /// The object the builtin is bound to, for `<built-in method append of list object>`.
    pub bound: Option<Value>,
}

/// A builtin's code: it receives its own `Builtin` (for `bound`, the receiver of a method, and
/// `name`) and the arguments.
pub type BuiltinFn = fn(&mut Interp, &Builtin, Args) -> PyResult<Value>;

/// Arguments passed to a builtin: positional values and keyword pairs.
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kw: &'a [(Rc<PyStr>, Value)],
}

impl<'a> Args<'a> {
    pub fn new(pos: &'a [Value]) -> Args<'a> {
        Args { pos, kw: &[] }
    }
    pub fn kwarg(&self, name: &str) -> Option<&Value> {
        self.kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
    }
}

/// A Python function or builtin bound to `self`.
pub struct BoundMethod {
    pub receiver: Value,
    pub func: Value,
}

pub struct ModuleObj {
    pub name: String,
    pub dict: Rc<Dict>,
}

/// The hooks a native object type provides. Every method has a default that answers as
/// `object` would, so a type implements only what it supports.
pub trait Native: Any {
    fn type_obj(&self) -> Rc<TypeObj>;
    fn as_any(&self) -> &dyn Any;
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<{} object at {:#x}>", self.type_obj().name, this.address()))
    }
    /// An attribute other than the common dunders; `None` means there is no such attribute.
    fn getattr(&self, _interp: &mut Interp, _this: &Value, _name: &str) -> PyResult<Option<Value>> {
        Ok(None)
    }
    fn setattr(&self, _interp: &mut Interp, _name: &str, _value: Value) -> PyResult<bool> {
        Ok(false)
    }
    /// `None` when the object is not callable.
    fn call(&self, _interp: &mut Interp, _this: &Value, _args: Args) -> Option<PyResult<Value>> {
        None
    }
    /// Whether `call` does anything (`callable()`).
    fn is_callable(&self) -> bool {
        false
    }
    fn len(&self) -> Option<usize> {
        None
    }
    fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }
    fn truthy(&self) -> bool {
        self.len().is_none_or(|n| n > 0)
    }
    /// The items, for iteration and `in`; `None` when not iterable.
    fn iter_items(&self) -> Option<Vec<Value>> {
        None
    }
    fn getitem(&self, _interp: &mut Interp, _key: &Value) -> Option<PyResult<Value>> {
        None
    }
    /// Hands every value it holds to `visit`, for the cycle collector and the teaching views
    /// (CPython's `tp_traverse`).
    fn traverse(&self, _visit: &mut Visitor) -> Result<(), Busy> {
        Ok(())
    }
    /// A type whose objects can hold values that change after they are made carries a
    /// header: the collector tracks its objects (`gc::native`), which can then be part of
    /// cycles it breaks with `clear_refs`.
    fn gc_header(&self) -> Option<&GcHeader> {
        None
    }
    /// Drops everything it holds (the cycle collector breaks cycles with it).
    fn clear_refs(&self) {}
}
