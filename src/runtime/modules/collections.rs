//! `collections`: `deque` and `namedtuple` (whose instances also serve `functools.CacheInfo`
//! and `inspect.ClosureVars`); `defaultdict`, `Counter`, `OrderedDict` and `ChainMap` are
//! Python, in `lib/collections.py`.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{index_error, type_error, value_error};
use crate::runtime::model::gc::{self, Busy, GcHeader, Visitor};
use crate::runtime::model::typeobj::{type_name, types, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::types::ops;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use super::{check_pos, func, method, new_module, receiver};

/// The native `deque` and `namedtuple`, then `lib/collections.py` (`defaultdict`, `Counter`,
/// `OrderedDict`, `ChainMap`) run in the same namespace.
pub fn module(interp: &mut Interp) -> PyResult<Value> {
    let m = new_module(
        "collections",
        vec![("deque", Value::Type(deque_type())), ("namedtuple", func("namedtuple", namedtuple))],
    );
    super::run_library(interp, &m, "collections")?;
    Ok(m)
}

// ----- deque -----

thread_local! {
    static DEQUE_TYPE: Rc<TypeObj> = TypeObj::native("collections", "deque");
}

pub fn deque_type() -> Rc<TypeObj> {
    DEQUE_TYPE.with(|t| t.clone())
}

pub struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Option<usize>,
    /// Set while its repr is being made, so that a deque containing itself shows `[...]`.
    in_repr: Cell<bool>,
    gc: GcHeader,
}

impl Deque {
    pub fn new(items: Vec<Value>, maxlen: Option<usize>) -> Deque {
        let d = Deque { items: RefCell::new(VecDeque::new()), maxlen, in_repr: Cell::new(false), gc: GcHeader::default() };
        for v in items {
            d.push_back(v);
        }
        d
    }
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }
    fn push_back(&self, v: Value) {
        let old = {
            let mut items = self.items.borrow_mut();
            if self.maxlen == Some(0) {
                return;
            }
            let old = if self.maxlen.is_some_and(|m| items.len() >= m) { items.pop_front() } else { None };
            items.push_back(v);
            old
        };
        drop(old);
    }
    fn push_front(&self, v: Value) {
        let old = {
            let mut items = self.items.borrow_mut();
            if self.maxlen == Some(0) {
                return;
            }
            let old = if self.maxlen.is_some_and(|m| items.len() >= m) { items.pop_back() } else { None };
            items.push_front(v);
            old
        };
        drop(old);
    }
}

/// `deque(iterable=(), maxlen=None)`.
pub fn new_deque(interp: &mut Interp, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return type_error(format!("deque() takes at most 2 arguments ({} given)", args.pos.len() + args.kw.len()));
    }
    let mut iterable = args.pos.first().cloned();
    let mut maxlen = args.pos.get(1).cloned();
    for (k, v) in args.kw {
        match k.as_str() {
            "iterable" if iterable.is_none() => iterable = Some(v.clone()),
            "maxlen" if maxlen.is_none() => maxlen = Some(v.clone()),
            "iterable" | "maxlen" => {
                return type_error(format!("argument for deque() given by name ('{}') and position", k.as_str()))
            }
            _ => return type_error(format!("'{}' is an invalid keyword argument for deque()", k.as_str())),
        }
    }
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let n = ops::index_of(&v)?;
            if n < 0 {
                return value_error("maxlen must be non-negative");
            }
            Some(n as usize)
        }
        Some(_) => return type_error("an integer is required"),
    };
    let items = match iterable {
        Some(it) => interp.collect(&it)?,
        None => Vec::new(),
    };
    Ok(Value::native(Deque::new(items, maxlen)))
}

impl Native for Deque {
    fn type_obj(&self) -> Rc<TypeObj> {
        deque_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _this: &Value) -> PyResult<String> {
        if self.in_repr.get() {
            return Ok("[...]".into());
        }
        self.in_repr.set(true);
        let parts: PyResult<Vec<String>> = self.snapshot().iter().map(|v| interp.repr(v)).collect();
        self.in_repr.set(false);
        let body = parts?.join(", ");
        Ok(match self.maxlen {
            Some(m) => format!("deque([{body}], maxlen={m})"),
            None => format!("deque([{body}])"),
        })
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "maxlen" {
            return Ok(Some(self.maxlen.map_or(Value::None, |m| Value::Int(m as i64))));
        }
        let (n, f): (&'static str, BuiltinFn) = match name {
            "append" => ("append", deque_append),
            "appendleft" => ("appendleft", deque_appendleft),
            "pop" => ("pop", deque_pop),
            "popleft" => ("popleft", deque_popleft),
            "extend" => ("extend", deque_extend),
            "extendleft" => ("extendleft", deque_extendleft),
            "clear" => ("clear", deque_clear),
            "rotate" => ("rotate", deque_rotate),
            "count" => ("count", deque_count),
            "index" => ("index", deque_index),
            "insert" => ("insert", deque_insert),
            "remove" => ("remove", deque_remove),
            "copy" => ("copy", deque_copy),
            "reverse" => ("reverse", deque_reverse),
            _ => return Ok(None),
        };
        Ok(Some(method(n, "collections.deque", f, this)))
    }
    fn len(&self) -> Option<usize> {
        Some(self.items.borrow().len())
    }
    fn iter_items(&self) -> Option<Vec<Value>> {
        Some(self.snapshot())
    }
    fn getitem(&self, _interp: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(match key {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                let items = self.items.borrow();
                if let Value::BigInt(_) = key {
                    return Some(index_error("cannot fit 'int' into an index-sized integer"));
                }
                let i = ops::index_of(key).unwrap_or(0);
                match ops::norm_index(i, items.len()) {
                    Some(i) => Ok(items[i].clone()),
                    None => index_error("deque index out of range"),
                }
            }
            _ => type_error(format!("sequence index must be integer, not '{}'", type_name(key))),
        })
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.items.try_borrow()?.iter().for_each(|v| visit.value(v));
        Ok(())
    }
    fn gc_header(&self) -> Option<&GcHeader> {
        Some(&self.gc)
    }
    fn clear_refs(&self) {
        let old = std::mem::take(&mut *self.items.borrow_mut());
        drop(old);
    }
}

fn deque_append(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.append", &args, 1, 1)?;
    receiver::<Deque>(b)?.push_back(args.pos[0].clone());
    Ok(Value::None)
}

fn deque_appendleft(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.appendleft", &args, 1, 1)?;
    receiver::<Deque>(b)?.push_front(args.pos[0].clone());
    Ok(Value::None)
}

fn deque_pop(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.pop", &args, 0, 0)?;
    let v = receiver::<Deque>(b)?.items.borrow_mut().pop_back();
    v.map_or_else(|| index_error("pop from an empty deque"), Ok)
}

fn deque_popleft(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.popleft", &args, 0, 0)?;
    let v = receiver::<Deque>(b)?.items.borrow_mut().pop_front();
    v.map_or_else(|| index_error("pop from an empty deque"), Ok)
}

fn deque_extend(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.extend", &args, 1, 1)?;
    let d = receiver::<Deque>(b)?;
    for v in interp.collect(&args.pos[0])? {
        d.push_back(v);
    }
    Ok(Value::None)
}

fn deque_extendleft(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.extendleft", &args, 1, 1)?;
    let d = receiver::<Deque>(b)?;
    for v in interp.collect(&args.pos[0])? {
        d.push_front(v);
    }
    Ok(Value::None)
}

fn deque_clear(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.clear", &args, 0, 0)?;
    receiver::<Deque>(b)?.clear_refs();
    Ok(Value::None)
}

fn deque_rotate(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.rotate", &args, 0, 1)?;
    let n = match args.pos.first() {
        Some(v) => ops::index_of(v)?,
        None => 1,
    };
    let d = receiver::<Deque>(b)?;
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_count(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.count", &args, 1, 1)?;
    let x = &args.pos[0];
    let mut n = 0;
    for v in receiver::<Deque>(b)?.snapshot() {
        if v.is(x) || ops::eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// A `start`/`stop` argument of `index`, clamped like a slice bound.
fn slice_bound(v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let i = match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => ops::index_of(v)?,
        _ => return type_error("slice indices must be integers or have an __index__ method"),
    };
    let len = len as i64;
    Ok(if i < 0 { (i + len).max(0) } else { i.min(len) } as usize)
}

fn deque_index(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs("index", &args)?;
    let n = args.pos.len();
    if n == 0 {
        return type_error("index() takes at least 1 argument (0 given)");
    }
    if n > 3 {
        return type_error(format!("index() takes at most 3 arguments ({n} given)"));
    }
    let items = receiver::<Deque>(b)?.snapshot();
    let x = &args.pos[0];
    let start = slice_bound(args.pos.get(1), items.len(), 0)?;
    let stop = slice_bound(args.pos.get(2), items.len(), items.len())?;
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if v.is(x) || ops::eq(v, x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    let r = interp.repr(x)?;
    value_error(format!("{r} is not in deque"))
}

fn deque_insert(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs("insert", &args)?;
    if args.pos.len() != 2 {
        return type_error(format!("insert() takes exactly 2 arguments ({} given)", args.pos.len()));
    }
    let i = ops::index_of(&args.pos[0])?;
    let d = receiver::<Deque>(b)?;
    let mut items = d.items.borrow_mut();
    if d.maxlen.is_some_and(|m| items.len() >= m) {
        return index_error("deque already at its maximum size");
    }
    let len = items.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    items.insert(at as usize, args.pos[1].clone());
    Ok(Value::None)
}

fn deque_remove(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.remove", &args, 1, 1)?;
    let d = receiver::<Deque>(b)?;
    let x = &args.pos[0];
    for (i, v) in d.snapshot().iter().enumerate() {
        if v.is(x) || ops::eq(v, x)? {
            let old = d.items.borrow_mut().remove(i);
            drop(old);
            return Ok(Value::None);
        }
    }
    let r = interp.repr(x)?;
    value_error(format!("{r} is not in deque"))
}

fn deque_copy(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.copy", &args, 0, 0)?;
    let d = receiver::<Deque>(b)?;
    Ok(Value::native(Deque::new(d.snapshot(), d.maxlen)))
}

fn deque_reverse(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("deque.reverse", &args, 0, 0)?;
    let d = receiver::<Deque>(b)?;
    d.items.borrow_mut().make_contiguous().reverse();
    Ok(Value::None)
}

// ----- namedtuple -----

/// A class made by `namedtuple` (or one of the modules' own: `CacheInfo`, `ClosureVars`): a
/// subclass of `tuple` whose instances are tuples carrying it (`Tuple::class`).
pub struct TupleClass {
    pub typ: Rc<TypeObj>,
    pub fields: Vec<Rc<PyStr>>,
    /// Defaults of the rightmost fields.
    pub defaults: Vec<Value>,
    /// A structseq of CPython's C modules (`sys.version_info`) names its module in its repr.
    pub module_in_repr: bool,
}

thread_local! {
    /// Every namedtuple class made, so that calling its type can build an instance.
    static CLASSES: RefCell<Vec<Rc<TupleClass>>> = const { RefCell::new(Vec::new()) };
}

/// Makes and registers a namedtuple class.
pub fn tuple_class(module: &str, name: &str, fields: &[&str]) -> Rc<TupleClass> {
    let fields = fields.iter().map(|f| super::name(f)).collect();
    register_class(module, name, fields, Vec::new(), false)
}

/// Makes a structseq class (`sys.version_info`): a tuple class like a namedtuple's, shown as
/// `module.name(...)`.
pub fn struct_seq_class(module: &str, name: &str, fields: &[&str]) -> Rc<TupleClass> {
    let fields = fields.iter().map(|f| super::name(f)).collect();
    register_class(module, name, fields, Vec::new(), true)
}

fn register_class(module: &str, name: &str, fields: Vec<Rc<PyStr>>, defaults: Vec<Value>, module_in_repr: bool) -> Rc<TupleClass> {
    let typ = TypeObj::native_subclass(module, name, types().tuple.clone());
    let c = Rc::new(TupleClass { typ, fields, defaults, module_in_repr });
    CLASSES.with(|cs| cs.borrow_mut().push(c.clone()));
    c
}

fn class_of(t: &Rc<TypeObj>) -> Option<Rc<TupleClass>> {
    CLASSES.with(|cs| cs.borrow().iter().find(|c| Rc::ptr_eq(&c.typ, t)).cloned())
}

pub fn new_named(class: &Rc<TupleClass>, values: Vec<Value>) -> Value {
    debug_assert_eq!(values.len(), class.fields.len());
    Value::Tuple(Rc::new(Tuple::of_class(values, class.clone())))
}

/// `Point(x=1, y=2)`.
pub fn named_repr(interp: &mut Interp, class: &TupleClass, items: &[Value]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for (f, v) in class.fields.iter().zip(items) {
        parts.push(format!("{}={}", f.as_str(), interp.repr(v)?));
    }
    let name = if class.module_in_repr { class.typ.qualified_name() } else { class.typ.name.clone() };
    Ok(format!("{name}({})", parts.join(", ")))
}

/// The attributes a namedtuple instance has beyond a tuple's: its fields by name, and the
/// class's.
pub fn instance_attr(class: &Rc<TupleClass>, items: &[Value], this: &Value, name: &str) -> Option<Value> {
    if let Some(i) = class.fields.iter().position(|f| f.as_str() == name) {
        return Some(items[i].clone());
    }
    match name {
        "_asdict" => Some(method("_asdict", "namedtuple", nt_asdict, this)),
        "_replace" => Some(method("_replace", "namedtuple", nt_replace, this)),
        _ => shared_attr(class, name),
    }
}

/// Whether `name` is a field: its descriptor refuses assignment.
pub fn is_field(class: &TupleClass, name: &str) -> bool {
    class.fields.iter().any(|f| f.as_str() == name)
}

/// `Point._fields`, `Point._make`, …: `None` when `t` is no namedtuple class.
pub fn class_attr(t: &Rc<TypeObj>, name: &str) -> Option<Value> {
    shared_attr(&class_of(t)?, name)
}

fn shared_attr(class: &Rc<TupleClass>, name: &str) -> Option<Value> {
    Some(match name {
        "_fields" => Value::tuple(class.fields.iter().map(|f| Value::Str(f.clone())).collect()),
        "_field_defaults" => {
            let d = Dict::new();
            let first = class.fields.len() - class.defaults.len();
            for (f, v) in class.fields[first..].iter().zip(&class.defaults) {
                d.set_name(f, v.clone());
            }
            Value::Dict(gc::new(d))
        }
        "_make" => method("_make", "namedtuple", nt_make, &Value::Type(class.typ.clone())),
        _ => return None,
    })
}

/// The namedtuple a method is bound to, with its class.
fn named_receiver(b: &Builtin) -> PyResult<(&[Value], &Rc<TupleClass>)> {
    match &b.bound {
        Some(Value::Tuple(t)) => match &t.class {
            Some(c) => Ok((&t.items, c)),
            None => type_error(format!("descriptor '{}' requires a namedtuple", b.name)),
        },
        _ => type_error(format!("descriptor '{}' needs an argument", b.name)),
    }
}

fn nt_asdict(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (items, class) = named_receiver(b)?;
    if let Some((k, _)) = args.kw.first() {
        return type_error(format!("{}._asdict() got an unexpected keyword argument '{}'", class.typ.name, k.as_str()));
    }
    if !args.pos.is_empty() {
        return type_error(format!(
            "{}._asdict() takes 1 positional argument but {} were given",
            class.typ.name,
            args.pos.len() + 1
        ));
    }
    let d = Dict::new();
    for (f, v) in class.fields.iter().zip(items) {
        d.set_name(f, v.clone());
    }
    Ok(Value::Dict(gc::new(d)))
}

fn nt_replace(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (items, class) = named_receiver(b)?;
    if !args.pos.is_empty() {
        return type_error(format!(
            "{}._replace() takes 1 positional argument but {} were given",
            class.typ.name,
            args.pos.len() + 1
        ));
    }
    let mut values = items.to_vec();
    let mut unknown = Vec::new();
    for (k, v) in args.kw {
        match class.fields.iter().position(|f| f.as_str() == k.as_str()) {
            Some(i) => values[i] = v.clone(),
            None => unknown.push(format!("'{}'", k.as_str())),
        }
    }
    if !unknown.is_empty() {
        return value_error(format!("Got unexpected field names: [{}]", unknown.join(", ")));
    }
    Ok(new_named(class, values))
}

/// `Point._make(iterable)`: bound to the class, so that an instance's `_make` makes one too.
fn nt_make(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let Some(Value::Type(t)) = &b.bound else { unreachable!("_make is bound to its class") };
    let class = class_of(t).expect("_make is bound to a namedtuple class");
    let who = format!("{}._make()", class.typ.name);
    if args.pos.len() > 1 {
        return type_error(format!("{who} takes 2 positional arguments but {} were given", args.pos.len() + 1));
    }
    let mut iterable = args.pos.first();
    for (k, v) in args.kw {
        match k.as_str() {
            "iterable" if iterable.is_some() => {
                return type_error(format!("{who} got multiple values for argument 'iterable'"))
            }
            "iterable" => iterable = Some(v),
            _ => return type_error(format!("{who} got an unexpected keyword argument '{}'", k.as_str())),
        }
    }
    let Some(iterable) = iterable else {
        return type_error(format!("{who} missing 1 required positional argument: 'iterable'"));
    };
    let values = interp.collect(iterable)?;
    if values.len() != class.fields.len() {
        return type_error(format!("Expected {} arguments, got {}", class.fields.len(), values.len()));
    }
    Ok(new_named(&class, values))
}

/// Calling a namedtuple class: binds the fields as `def __new__(_cls, a, b, ...)` would.
pub fn call_namedtuple_type(_interp: &mut Interp, t: &Rc<TypeObj>, args: Args) -> Option<PyResult<Value>> {
    let class = class_of(t)?;
    Some(bind_fields(&class, args))
}

fn bind_fields(class: &Rc<TupleClass>, args: Args) -> PyResult<Value> {
    let who = format!("{}.__new__()", class.typ.name);
    let n = class.fields.len();
    let n_default = class.defaults.len();
    if args.pos.len() > n {
        let takes =
            if n_default == 0 { format!("{}", n + 1) } else { format!("from {} to {}", n + 1 - n_default, n + 1) };
        return type_error(format!("{who} takes {takes} positional arguments but {} were given", args.pos.len() + 1));
    }
    let mut slots: Vec<Option<Value>> = vec![None; n];
    for (i, v) in args.pos.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for (k, v) in args.kw {
        match class.fields.iter().position(|f| f.as_str() == k.as_str()) {
            Some(i) if slots[i].is_some() => {
                return type_error(format!("{who} got multiple values for argument '{}'", k.as_str()))
            }
            Some(i) => slots[i] = Some(v.clone()),
            None => return type_error(format!("{who} got an unexpected keyword argument '{}'", k.as_str())),
        }
    }
    for (j, d) in class.defaults.iter().enumerate() {
        let i = n - n_default + j;
        if slots[i].is_none() {
            slots[i] = Some(d.clone());
        }
    }
    let missing: Vec<String> = class
        .fields
        .iter()
        .zip(&slots)
        .filter(|(_, s)| s.is_none())
        .map(|(f, _)| format!("'{}'", f.as_str()))
        .collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
        };
        return type_error(format!(
            "{who} missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(new_named(class, slots.into_iter().map(|s| s.unwrap_or(Value::None)).collect()))
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}

/// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`.
fn namedtuple(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    let mut typename = args.pos.first().cloned();
    let mut field_names = args.pos.get(1).cloned();
    let (mut rename, mut defaults, mut module) = (false, None, None);
    if args.pos.len() > 2 {
        return type_error(format!("namedtuple() takes 2 positional arguments but {} were given", args.pos.len()));
    }
    for (k, v) in args.kw {
        match k.as_str() {
            "typename" if typename.is_none() => typename = Some(v.clone()),
            "field_names" if field_names.is_none() => field_names = Some(v.clone()),
            "rename" => rename = interp.truthy(v)?,
            "defaults" => defaults = Some(v.clone()),
            "module" => module = Some(v.clone()),
            "typename" | "field_names" => {
                return type_error(format!("namedtuple() got multiple values for argument '{}'", k.as_str()))
            }
            _ => return type_error(format!("namedtuple() got an unexpected keyword argument '{}'", k.as_str())),
        }
    }
    let missing: Vec<&str> = [("typename", &typename), ("field_names", &field_names)]
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(" and ");
        return type_error(format!(
            "namedtuple() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        ));
    }
    let typename = interp.str(&typename.unwrap_or(Value::None))?;
    let field_names = field_names.unwrap_or(Value::None);
    let mut fields: Vec<String> = match &field_names {
        Value::Str(s) => s.replace(',', " ").split_whitespace().map(str::to_string).collect(),
        other => {
            let mut out = Vec::new();
            for v in interp.collect(other)? {
                out.push(interp.str(&v)?);
            }
            out
        }
    };
    if rename {
        let mut seen = std::collections::HashSet::new();
        for (i, f) in fields.iter_mut().enumerate() {
            if !is_identifier(f) || KEYWORDS.contains(&f.as_str()) || f.starts_with('_') || seen.contains(f) {
                *f = format!("_{i}");
            }
            seen.insert(f.clone());
        }
    }
    for n in std::iter::once(&typename).chain(fields.iter()) {
        if !is_identifier(n) {
            return value_error(format!("Type names and field names must be valid identifiers: '{n}'"));
        }
        if KEYWORDS.contains(&n.as_str()) {
            return value_error(format!("Type names and field names cannot be a keyword: '{n}'"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for n in &fields {
        if n.starts_with('_') && !rename {
            return value_error(format!("Field names cannot start with an underscore: '{n}'"));
        }
        if !seen.insert(n.clone()) {
            return value_error(format!("Encountered duplicate field name: '{n}'"));
        }
    }
    let defaults = match defaults {
        None | Some(Value::None) => Vec::new(),
        Some(d) => interp.collect(&d)?,
    };
    if defaults.len() > fields.len() {
        return type_error("Got more default values than field names");
    }
    let module = match module {
        None | Some(Value::None) => "__main__".to_string(),
        Some(m) => interp.str(&m)?,
    };
    let class = register_class(&module, &typename, fields.iter().map(|f| super::name(f)).collect(), defaults, false);
    Ok(Value::Type(class.typ.clone()))
}
