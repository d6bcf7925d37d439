//! Python values. `Value` is a small enum: immediates (None, bool, small int, float) are held
//! inline, everything else behind an `Rc`, so cloning a value is a counter increment and
//! identity (`is`, `id()`) is pointer identity.

use crate::compile::code::{Code, FuncCode};
use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::ExceptionObj;
use crate::runtime::model::gc::{Busy, GcHeader, Visitor};
use crate::runtime::model::set::SetObj;
use crate::runtime::model::typeobj::TypeObj;
use crate::runtime::modules::collections::TupleClass;
use num_bigint::BigInt;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub type PyResult<T> = Result<T, PyErr>;

/// A raised exception on its way up the Rust stack.
#[derive(Clone)]
pub struct PyErr(pub Rc<ExceptionObj>);

/// The tag is a full word so that every payload starts at offset 8: a value then moves as
/// two aligned words. With a byte tag, `Bool` put its payload at offset 1 and every move
/// of a value became unaligned byte-range copies that stalled store forwarding on the
/// hottest paths (returning a value through `Result<Flow>`).
#[derive(Clone)]
#[repr(u64)]
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
    Iter(Rc<RefCell<crate::runtime::model::iter::IterState>>),
    /// Objects that live in a module of their own (`deque`, `partial`, `lru_cache` wrappers,
    /// fastapi's app): they implement `Native`. The extra box keeps the pointer thin, so
    /// that no variant is wider than a word and a value takes 16 bytes, not 24.
    Native(Rc<Box<dyn Native>>),
    /// An instance of a class made by a `class` statement.
    Instance(Rc<Instance>),
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
        Value::List(crate::runtime::model::gc::new(List::new(items)))
    }
    /// A native object as a value, tracked by the collector if it can hold values that
    /// change after it is made.
    pub fn native(n: impl Native) -> Value {
        let object: Rc<Box<dyn Native>> = Rc::new(Box::new(n));
        crate::runtime::model::gc::track_native(&object);
        Value::Native(object)
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
            Value::Instance(r) => Rc::as_ptr(r) as usize,
        }
    }

    /// A NaN that is a new float object: `float('nan')` twice gives two objects, which
    /// `is`, `in` and `list.count` tell apart (NaN is not equal even to itself, so only
    /// identity finds it). Floats are held by value, so a NaN's identity is its payload
    /// bits, a new one each time; copies of the value keep them, as references to one
    /// object would. Arithmetic's NaNs all share the hardware's payload.
    pub fn new_nan(negative: bool) -> Value {
        thread_local! {
            static MADE: Cell<u64> = const { Cell::new(0) };
        }
        const QUIET_NAN: u64 = 0x7ff8_0000_0000_0000;
        const PAYLOAD: u64 = 0x0007_ffff_ffff_ffff;
        let n = MADE.with(|m| {
            m.set(m.get() % PAYLOAD + 1);
            m.get()
        });
        Value::Float(f64::from_bits(QUIET_NAN | n | if negative { 1 << 63 } else { 0 }))
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
    s: Text,
    chars: Cell<u32>,
    hash: Cell<i64>,
}

/// Text up to this many bytes lives inside the string object: most strings a program makes
/// (words, names, keys, numbers turned to text) then take one allocation instead of two, and
/// the whole object fits the allocator's 64-byte size class.
const INLINE: usize = 22;

enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Text {
    fn new(s: &str) -> Text {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Text::Inline { len: s.len() as u8, bytes }
        } else {
            Text::Heap(s.into())
        }
    }
    fn from_string(s: String) -> Text {
        if s.len() <= INLINE {
            Text::new(&s)
        } else {
            Text::Heap(s.into_boxed_str())
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        match self {
            // SAFETY: the bytes were copied whole from a `&str`, so they are valid UTF-8.
            Text::Inline { len, bytes } => unsafe { std::str::from_utf8_unchecked(&bytes[..*len as usize]) },
            Text::Heap(s) => s,
        }
    }
}

const UNKNOWN: u32 = u32::MAX;
const NO_HASH: i64 = -1;

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr { s: Text::new(s), chars: Cell::new(UNKNOWN), hash: Cell::new(NO_HASH) }
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
        let h = crate::runtime::support::hash::hash_str(&self.s);
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
        PyStr { s: Text::from_string(s), chars: Cell::new(UNKNOWN), hash: Cell::new(NO_HASH) }
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
    /// The hash, once computed: a tuple used as a key (a memo cache's argument tuple) is
    /// hashed for every lookup, and its items cannot change.
    hash: Cell<i64>,
    /// The class of an instance of a tuple subclass (a namedtuple); `None` for a plain tuple.
    /// The items are the instance's whole state, so every tuple operation serves it as is;
    /// only its type, repr and attributes ask for the class.
    pub class: Option<Rc<TupleClass>>,
}

/// Whether dropping `v` can never recurse into further containers.
fn is_leaf(v: &Value) -> bool {
    matches!(v, Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::BigInt(_))
}

impl Drop for List {
    fn drop(&mut self) {
        let items = self.items.get_mut();
        if !items.iter().all(is_leaf) {
            crate::runtime::model::trash::dispose(std::mem::take(items));
        }
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        if !self.items.iter().all(is_leaf) {
            crate::runtime::model::trash::dispose(std::mem::take(&mut self.items).into_vec());
        }
    }
}

impl Tuple {
    pub fn new(items: Vec<Value>) -> Tuple {
        Tuple { items: items.into_boxed_slice(), hash: Cell::new(NO_HASH), class: None }
    }
    /// An instance of the tuple subclass `class`.
    pub fn of_class(items: Vec<Value>, class: Rc<TupleClass>) -> Tuple {
        Tuple { items: items.into_boxed_slice(), hash: Cell::new(NO_HASH), class: Some(class) }
    }
    /// The tuple's hash, computing it with `hash_items` the first time.
    pub fn hash(&self, hash_items: impl FnOnce(&[Value]) -> PyResult<i64>) -> PyResult<i64> {
        let h = self.hash.get();
        if h != NO_HASH {
            return Ok(h);
        }
        let h = hash_items(&self.items)?;
        self.hash.set(h);
        Ok(h)
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

/// An instance of a class written in Python: its attributes live in `dict` (`__dict__`).
pub struct Instance {
    pub class: Rc<TypeObj>,
    pub dict: Rc<Dict>,
    /// For an instance of a subclass of a builtin type (`class Stack(list)`): the builtin
    /// value it also is, which the builtin type's methods and operators work on.
    pub base: Option<Value>,
    pub gc: GcHeader,
}

impl Instance {
    pub fn new(class: Rc<TypeObj>, base: Option<Value>) -> Instance {
        Instance { class, dict: super::gc::new(Dict::new()), base, gc: GcHeader::default() }
    }
}

/// A function made by `def` or `lambda` (or a comprehension, internally).
pub struct Function {
    pub code: FuncCode,
    pub globals: Rc<Dict>,
    pub defaults: RefCell<Option<Rc<Tuple>>>,
    /// The cells of the free variables, in `co_freevars` order: shared, never copied.
    pub closure: Box<[Rc<CellObj>]>,
    /// The attributes most functions keep as their code gave them, made on first change: a
    /// program that makes a lambda per item pays for none of them.
    pub extra: RefCell<Option<Box<FunctionExtra>>>,
    pub gc: GcHeader,
}

/// What a function holds beyond its code, defaults and closure; `None` means the default.
#[derive(Default)]
pub struct FunctionExtra {
    pub name: Option<Rc<PyStr>>,
    pub qualname: Option<Rc<PyStr>>,
    pub doc: Option<Value>,
    pub module: Option<Value>,
    pub kwdefaults: Option<Rc<Dict>>,
    pub annotations: Option<Rc<Dict>>,
    /// `f.calls = 0` and other attributes set on the function.
    pub dict: Option<Rc<Dict>>,
}

thread_local! {
    /// The module of a function whose globals have no `__name__`.
    static MAIN_MODULE: Value = Value::str("__main__");
}

impl Function {
    pub fn new(code: FuncCode, globals: Rc<Dict>, defaults: Option<Rc<Tuple>>, closure: Box<[Rc<CellObj>]>) -> Function {
        Function { code, globals, defaults: RefCell::new(defaults), closure, extra: RefCell::new(None), gc: GcHeader::default() }
    }
    fn get<T>(&self, field: impl FnOnce(&FunctionExtra) -> Option<T>) -> Option<T> {
        self.extra.borrow().as_deref().and_then(field)
    }
    /// The attributes, to change: made with their defaults on first use. Whoever stores
    /// something that could lead back to the function calls `gc::track_function` after.
    pub fn extra_mut(&self) -> std::cell::RefMut<'_, FunctionExtra> {
        std::cell::RefMut::map(self.extra.borrow_mut(), |e| &mut **e.get_or_insert_with(Default::default))
    }
    pub fn name(&self) -> Rc<PyStr> {
        self.get(|e| e.name.clone()).unwrap_or_else(|| self.code.name().clone())
    }
    pub fn qualname(&self) -> Rc<PyStr> {
        self.get(|e| e.qualname.clone()).unwrap_or_else(|| self.code.qualname().clone())
    }
    pub fn doc(&self) -> Value {
        self.get(|e| e.doc.clone()).or_else(|| self.code.docstring()).unwrap_or(Value::None)
    }
    pub fn module(&self) -> Value {
        // The module that defined it: `__main__`, or a built-in module's Python part.
        self.get(|e| e.module.clone())
            .or_else(|| self.globals.get_str("__name__"))
            .unwrap_or_else(|| MAIN_MODULE.with(Value::clone))
    }
    pub fn kwdefaults(&self) -> Option<Rc<Dict>> {
        self.get(|e| e.kwdefaults.clone())
    }
    pub fn annotations(&self) -> Option<Rc<Dict>> {
        self.get(|e| e.annotations.clone())
    }
    /// `__dict__`, if anything was ever set on the function.
    pub fn dict(&self) -> Option<Rc<Dict>> {
        self.get(|e| e.dict.clone())
    }
    /// `__dict__`, made on first use.
    pub fn attr_dict(self: &Rc<Self>) -> Rc<Dict> {
        let d = self.extra_mut().dict.get_or_insert_with(|| crate::runtime::model::gc::new(Dict::new())).clone();
        crate::runtime::model::gc::track_function(self);
        d
    }
    /// `__annotations__`, made on first use.
    pub fn annotations_dict(self: &Rc<Self>) -> Rc<Dict> {
        let d = self.extra_mut().annotations.get_or_insert_with(|| crate::runtime::model::gc::new(Dict::new())).clone();
        crate::runtime::model::gc::track_function(self);
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
    /// Whether the object is its own iterator (itertools' objects): `iter()` returns it and
    /// `next()` advances it with `next` below, one item at a time.
    fn is_iterator(&self) -> bool {
        false
    }
    /// The next item of an iterator; `None` when it is exhausted.
    fn next(&self, _interp: &mut Interp, _this: &Value) -> PyResult<Option<Value>> {
        Ok(None)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_str_object_fits_the_64_byte_size_class() {
        // Reference counts, then the string: 56 bytes is what malloc serves from 64-byte chunks.
        assert!(std::mem::size_of::<PyStr>() + 16 <= 56);
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    }

    #[test]
    fn short_and_long_text_read_back_whole() {
        for s in ["", "a", "héllo wörld", &"x".repeat(INLINE), &"y".repeat(INLINE + 1), "日本語のテキストがここにあります"] {
            assert_eq!(PyStr::new(s).as_str(), s);
            assert_eq!(PyStr::from(s.to_string()).as_str(), s);
        }
    }
}
