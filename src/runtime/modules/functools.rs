//! `functools`: `reduce`, `partial`, `update_wrapper`/`wraps`, `lru_cache`/`cache` in Rust;
//! `total_ordering`, `cmp_to_key`, `singledispatch`, `partialmethod` and `cached_property` in
//! Python (`functools.py`).

use crate::runtime::interp::Interp;
use crate::runtime::interp::attrs;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::type_error;
use crate::runtime::model::gc::{self, Busy, GcHeader, Visitor};
use crate::runtime::model::typeobj::{types, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::builtins::is_callable;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use super::collections::{new_named, tuple_class, TupleClass};
use super::{check_pos, closure_fn, func, method, name, new_module, receiver};

const WRAPPER_ASSIGNMENTS: [&str; 5] = ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"];
const WRAPPER_UPDATES: [&str; 1] = ["__dict__"];

fn str_tuple(items: &[&str]) -> Value {
    Value::tuple(items.iter().map(|s| Value::str(s)).collect())
}

pub fn module(interp: &mut Interp) -> PyResult<Value> {
    let module = new_module(
        "functools",
        vec![
            ("WRAPPER_ASSIGNMENTS", str_tuple(&WRAPPER_ASSIGNMENTS)),
            ("WRAPPER_UPDATES", str_tuple(&WRAPPER_UPDATES)),
            ("reduce", func("reduce", reduce)),
            ("partial", Value::Type(partial_type())),
            ("update_wrapper", func("update_wrapper", update_wrapper_fn)),
            ("wraps", func("wraps", wraps)),
            ("lru_cache", func("lru_cache", lru_cache)),
            ("cache", func("cache", cache)),
        ],
    );
    super::run_library(interp, &module, "functools")?;
    Ok(module)
}

fn is_type_error(e: &PyErr) -> bool {
    e.is(&types().type_error)
}

fn is_attribute_error(e: &PyErr) -> bool {
    e.is(&types().attribute_error)
}

// ----- reduce -----

/// `reduce(function, iterable[, initial])`.
fn reduce(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs("reduce", &args)?;
    check_pos(b.name, &args, 2, 3)?;
    let f = args.pos[0].clone();
    let it = match interp.iter(&args.pos[1]) {
        Ok(it) => it,
        Err(e) if is_type_error(&e) => return type_error("reduce() arg 2 must support iteration"),
        Err(e) => return Err(e),
    };
    let mut acc = args.pos.get(2).cloned();
    while let Some(v) = interp.next(&it)? {
        interp.check_interrupt()?;
        acc = Some(match acc {
            None => v,
            Some(a) => interp.call(&f, vec![a, v], Vec::new())?,
        });
    }
    match acc {
        Some(a) => Ok(a),
        None => type_error("reduce() of empty iterable with no initial value"),
    }
}

// ----- partial -----

thread_local! {
    static PARTIAL_TYPE: Rc<TypeObj> = TypeObj::native("functools", "partial");
    static LRU_TYPE: Rc<TypeObj> = TypeObj::native("functools", "_lru_cache_wrapper");
    static CACHE_INFO: Rc<TupleClass> = tuple_class("functools", "CacheInfo", &["hits", "misses", "maxsize", "currsize"]);
}

pub fn partial_type() -> Rc<TypeObj> {
    PARTIAL_TYPE.with(|t| t.clone())
}

pub struct Partial {
    pub func: Value,
    pub args: Rc<Tuple>,
    pub keywords: Rc<Dict>,
    /// `__dict__`, made when an attribute is first set.
    dict: RefCell<Option<Rc<Dict>>>,
    in_repr: Cell<bool>,
    gc: GcHeader,
}

/// `partial(func, *args, **keywords)`. A partial of a plain partial is flattened, as CPython
/// does.
pub fn new_partial(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let Some(first) = args.pos.first() else {
        return type_error("type 'partial' takes at least one argument");
    };
    if !is_callable(first) {
        return type_error("the first argument must be callable");
    }
    let mut func = first.clone();
    let mut pos: Vec<Value> = Vec::new();
    let keywords = Dict::new();
    if let Value::Native(n) = first {
        if let Some(inner) = n.as_any().downcast_ref::<Partial>() {
            if inner.dict.borrow().is_none() {
                func = inner.func.clone();
                pos.extend(inner.args.items.iter().cloned());
                for (k, v) in inner.keywords.items() {
                    keywords.set(k, v)?;
                }
            }
        }
    }
    pos.extend(args.pos[1..].iter().cloned());
    for (k, v) in args.kw {
        keywords.set_name(k, v.clone());
    }
    Ok(Value::native(Partial {
        func,
        args: Rc::new(Tuple::new(pos)),
        keywords: gc::new(keywords),
        dict: RefCell::new(None),
        in_repr: Cell::new(false),
        gc: GcHeader::default(),
    }))
}

impl Partial {
    fn get_dict(&self) -> Rc<Dict> {
        self.dict.borrow_mut().get_or_insert_with(|| gc::new(Dict::new())).clone()
    }
}

impl Native for Partial {
    fn type_obj(&self) -> Rc<TypeObj> {
        partial_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _this: &Value) -> PyResult<String> {
        if self.in_repr.get() {
            return Ok("...".into());
        }
        self.in_repr.set(true);
        let r = (|| -> PyResult<String> {
            let mut parts = vec![interp.repr(&self.func)?];
            for a in self.args.items.iter() {
                parts.push(interp.repr(a)?);
            }
            for (k, v) in self.keywords.items() {
                let k = interp.str(&k)?;
                parts.push(format!("{k}={}", interp.repr(&v)?));
            }
            Ok(format!("functools.partial({})", parts.join(", ")))
        })();
        self.in_repr.set(false);
        r
    }
    fn getattr(&self, _interp: &mut Interp, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "func" => Some(self.func.clone()),
            "args" => Some(Value::Tuple(self.args.clone())),
            "keywords" => Some(Value::Dict(self.keywords.clone())),
            "__dict__" => Some(Value::Dict(self.get_dict())),
            _ => self.dict.borrow().as_ref().and_then(|d| d.get_str(name)),
        })
    }
    fn setattr(&self, _interp: &mut Interp, name: &str, value: Value) -> PyResult<bool> {
        if matches!(name, "func" | "args" | "keywords") {
            return crate::runtime::model::exceptions::attribute_error("readonly attribute");
        }
        self.get_dict().set_str(name, value);
        Ok(true)
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn call(&self, interp: &mut Interp, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        let mut pos = Vec::with_capacity(self.args.items.len() + args.pos.len());
        pos.extend(self.args.items.iter().cloned());
        pos.extend(args.pos.iter().cloned());
        let mut kw: Vec<(Rc<PyStr>, Value)> = Vec::new();
        for (k, v) in self.keywords.items() {
            let Value::Str(k) = k else { continue };
            let v = args.kw.iter().find(|(n, _)| n.as_str() == k.as_str()).map_or(v, |(_, v)| v.clone());
            kw.push((k, v));
        }
        for (k, v) in args.kw {
            if !kw.iter().any(|(n, _)| n.as_str() == k.as_str()) {
                kw.push((k.clone(), v.clone()));
            }
        }
        let f = self.func.clone();
        Some(interp.call(&f, pos, kw))
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.func);
        visit.tuple(&self.args);
        visit.dict(&self.keywords);
        if let Some(d) = &*self.dict.try_borrow()? {
            visit.dict(d);
        }
        Ok(())
    }
    fn gc_header(&self) -> Option<&GcHeader> {
        Some(&self.gc)
    }
    fn clear_refs(&self) {
        self.keywords.clear();
        let old = self.dict.borrow_mut().take();
        drop(old);
    }
}

// ----- update_wrapper and wraps -----

/// `getattr(obj, name)`, `None` when there is no such attribute. Functions and this module's
/// own objects are read directly.
fn get_attr(interp: &mut Interp, obj: &Value, attr: &str) -> PyResult<Option<Value>> {
    if let Value::Function(f) = obj {
        match attr {
            "__name__" => return Ok(Some(Value::Str(f.name()))),
            "__qualname__" => return Ok(Some(Value::Str(f.qualname()))),
            "__doc__" => return Ok(Some(f.doc())),
            "__module__" => return Ok(Some(f.module())),
            "__annotations__" => return Ok(Some(Value::Dict(f.annotations_dict()))),
            "__dict__" => return Ok(Some(Value::Dict(f.attr_dict()))),
            _ => {
                if let Some(v) = f.dict().as_ref().and_then(|d| d.get_str(attr)) {
                    return Ok(Some(v));
                }
            }
        }
    }
    if let Value::Native(n) = obj {
        if let Some(w) = n.as_any().downcast_ref::<LruWrapper>() {
            return Ok(w.attr(attr, obj));
        }
    }
    match attrs::getattr(interp, obj, &name(attr)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_attribute_error(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `setattr(obj, name, value)`.
fn set_attr(interp: &mut Interp, obj: &Value, attr: &str, value: Value) -> PyResult<()> {
    if let Value::Function(f) = obj {
        match (attr, &value) {
            ("__name__", Value::Str(s)) => f.extra_mut().name = Some(s.clone()),
            ("__name__", _) => return type_error("__name__ must be set to a string object"),
            ("__qualname__", Value::Str(s)) => f.extra_mut().qualname = Some(s.clone()),
            ("__qualname__", _) => return type_error("__qualname__ must be set to a string object"),
            ("__doc__", _) => f.extra_mut().doc = Some(value),
            ("__annotations__", Value::Dict(d)) => f.extra_mut().annotations = Some(d.clone()),
            ("__annotations__", Value::None) => f.extra_mut().annotations = None,
            ("__annotations__", _) => return type_error("__annotations__ must be set to a dict object"),
            ("__module__", v) if v.is(&f.module()) || crate::runtime::types::ops::eq(v, &f.module())? => {}
            ("__module__", _) => {
                attrs::setattr(interp, obj, &name(attr), value)?;
            }
            _ => f.attr_dict().set_str(attr, value),
        }
        gc::track_function(f);
        return Ok(());
    }
    if let Value::Native(n) = obj {
        if let Some(w) = n.as_any().downcast_ref::<LruWrapper>() {
            w.dict.set_str(attr, value);
            return Ok(());
        }
    }
    attrs::setattr(interp, obj, &name(attr), value)?;
    Ok(())
}

/// `functools.update_wrapper(wrapper, wrapped, assigned, updated)`, as CPython's Python code
/// does it.
pub fn update_wrapper(
    interp: &mut Interp,
    wrapper: &Value,
    wrapped: &Value,
    assigned: &[Value],
    updated: &[Value],
) -> PyResult<Value> {
    for a in assigned {
        let a = interp.str(a)?;
        if let Some(v) = get_attr(interp, wrapped, &a)? {
            set_attr(interp, wrapper, &a, v)?;
        }
    }
    for u in updated {
        let u = interp.str(u)?;
        let Some(target) = get_attr(interp, wrapper, &u)? else {
            let tn = crate::runtime::model::typeobj::type_name(wrapper);
            return crate::runtime::model::exceptions::attribute_error(format!("'{tn}' object has no attribute '{u}'"));
        };
        let source = get_attr(interp, wrapped, &u)?;
        match (&target, source) {
            (Value::Dict(t), Some(Value::Dict(s))) => {
                for (k, v) in s.items() {
                    t.set(k, v)?;
                }
            }
            (_, None) => {}
            (_, Some(s)) => {
                interp.call_method(&target, &name("update"), vec![s], Vec::new())?;
            }
        }
    }
    set_attr(interp, wrapper, "__wrapped__", wrapped.clone())?;
    Ok(wrapper.clone())
}

/// Keyword or positional argument `i` called `n`.
fn arg<'a>(args: &'a Args, i: usize, n: &str) -> Option<&'a Value> {
    args.pos.get(i).or_else(|| args.kwarg(n))
}

fn check_names(fname: &str, args: &Args, names: &[&str]) -> PyResult<()> {
    if args.pos.len() > names.len() {
        return type_error(format!(
            "{fname}() takes from 2 to {} positional arguments but {} were given",
            names.len(),
            args.pos.len()
        ));
    }
    for (k, _) in args.kw {
        match names.iter().position(|n| *n == k.as_str()) {
            None => return type_error(format!("{fname}() got an unexpected keyword argument '{}'", k.as_str())),
            Some(i) if i < args.pos.len() => {
                return type_error(format!("{fname}() got multiple values for argument '{}'", k.as_str()))
            }
            _ => {}
        }
    }
    Ok(())
}

fn seq_arg(interp: &mut Interp, v: Option<&Value>, default: &[&str]) -> PyResult<Vec<Value>> {
    match v {
        Some(v) => interp.collect(v),
        None => Ok(default.iter().map(|s| Value::str(s)).collect()),
    }
}

/// `update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES)`.
fn update_wrapper_fn(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    let names = ["wrapper", "wrapped", "assigned", "updated"];
    check_names("update_wrapper", &args, &names)?;
    let (Some(wrapper), Some(wrapped)) = (arg(&args, 0, names[0]), arg(&args, 1, names[1])) else {
        let missing: Vec<String> = names[..2]
            .iter()
            .enumerate()
            .filter(|(i, n)| arg(&args, *i, n).is_none())
            .map(|(_, n)| format!("'{n}'"))
            .collect();
        return type_error(format!(
            "update_wrapper() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            missing.join(" and ")
        ));
    };
    let (wrapper, wrapped) = (wrapper.clone(), wrapped.clone());
    let assigned = seq_arg(interp, arg(&args, 2, names[2]), &WRAPPER_ASSIGNMENTS)?;
    let updated = seq_arg(interp, arg(&args, 3, names[3]), &WRAPPER_UPDATES)?;
    update_wrapper(interp, &wrapper, &wrapped, &assigned, &updated)
}

/// `wraps(wrapped, assigned=..., updated=...)`: `partial(update_wrapper, wrapped=wrapped,
/// assigned=assigned, updated=updated)`, exactly as CPython builds it.
fn wraps(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    let names = ["wrapped", "assigned", "updated"];
    if args.pos.len() > 3 {
        return type_error(format!("wraps() takes from 1 to 3 positional arguments but {} were given", args.pos.len()));
    }
    check_names("wraps", &args, &names)?;
    let Some(wrapped) = arg(&args, 0, names[0]).cloned() else {
        return type_error("wraps() missing 1 required positional argument: 'wrapped'");
    };
    let assigned = arg(&args, 1, names[1]).cloned().unwrap_or_else(|| str_tuple(&WRAPPER_ASSIGNMENTS));
    let updated = arg(&args, 2, names[2]).cloned().unwrap_or_else(|| str_tuple(&WRAPPER_UPDATES));
    let uw = func("update_wrapper", update_wrapper_fn);
    let kw = vec![(name("wrapped"), wrapped), (name("assigned"), assigned), (name("updated"), updated)];
    new_partial(interp, Args { pos: &[uw], kw: &kw })
}

// ----- lru_cache -----

/// The wrapper `lru_cache` puts around a function.
pub struct LruWrapper {
    func: Value,
    /// `None`: unbounded (`maxsize=None`).
    maxsize: Option<usize>,
    typed: bool,
    /// Key → result, least recently used first.
    cache: Dict,
    hits: Cell<i64>,
    misses: Cell<i64>,
    /// `__dict__`: what `update_wrapper` copied, `__wrapped__`, and attributes set later.
    dict: Rc<Dict>,
    gc: GcHeader,
}

/// Separates positional from keyword arguments in a cache key (CPython's `kwd_mark`).
struct KwdMark;

impl Native for KwdMark {
    fn type_obj(&self) -> Rc<TypeObj> {
        types().object.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

thread_local! {
    static KWD_MARK: Value = Value::native(KwdMark);
}

impl LruWrapper {
    /// CPython's `_make_key`: a lone `int` or `str` argument is its own key; otherwise the
    /// arguments, then the keyword mark and the keyword pairs, then the types if `typed`.
    fn make_key(&self, args: &Args) -> Value {
        if !self.typed && args.kw.is_empty() && args.pos.len() == 1 {
            if let v @ (Value::Int(_) | Value::BigInt(_) | Value::Str(_)) = &args.pos[0] {
                return v.clone();
            }
        }
        let mut key: Vec<Value> = args.pos.to_vec();
        if !args.kw.is_empty() {
            key.push(KWD_MARK.with(|m| m.clone()));
            for (k, v) in args.kw {
                key.push(Value::Str(k.clone()));
                key.push(v.clone());
            }
        }
        if self.typed {
            for v in args.pos {
                key.push(Value::Type(crate::runtime::model::typeobj::type_of(v)));
            }
            for (_, v) in args.kw {
                key.push(Value::Type(crate::runtime::model::typeobj::type_of(v)));
            }
        }
        Value::tuple(key)
    }

    fn call_cached(&self, interp: &mut Interp, args: Args) -> PyResult<Value> {
        let f = self.func.clone();
        if self.maxsize == Some(0) {
            self.misses.set(self.misses.get() + 1);
            return interp.call(&f, args.pos.to_vec(), args.kw.to_vec());
        }
        let key = self.make_key(&args);
        if let Some(r) = self.cache.get(&key)? {
            self.hits.set(self.hits.get() + 1);
            if self.maxsize.is_some() {
                // Most recently used goes last.
                self.cache.remove(&key)?;
                self.cache.set(key, r.clone())?;
            }
            return Ok(r);
        }
        self.misses.set(self.misses.get() + 1);
        let result = interp.call(&f, args.pos.to_vec(), args.kw.to_vec())?;
        match self.maxsize {
            None => self.cache.set(key, result.clone())?,
            Some(max) => {
                if self.cache.get(&key)?.is_some() {
                    // The call itself cached this key: the link order is already updated.
                    return Ok(result);
                }
                if self.cache.len() >= max {
                    let oldest = self.cache.table.borrow().iter().next().map(|e| e.key.clone());
                    if let Some(k) = oldest {
                        let old = self.cache.remove(&k)?;
                        drop(old);
                    }
                }
                self.cache.set(key, result.clone())?;
            }
        }
        Ok(result)
    }

    fn attr(&self, name: &str, this: &Value) -> Option<Value> {
        Some(match name {
            "cache_info" => method("cache_info", "functools._lru_cache_wrapper", lru_cache_info, this),
            "cache_clear" => method("cache_clear", "functools._lru_cache_wrapper", lru_cache_clear, this),
            "cache_parameters" => {
                method("cache_parameters", "functools._lru_cache_wrapper", lru_cache_parameters, this)
            }
            "__dict__" => Value::Dict(self.dict.clone()),
            _ => return self.dict.get_str(name),
        })
    }
}

impl Native for LruWrapper {
    fn type_obj(&self) -> Rc<TypeObj> {
        LRU_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<functools._lru_cache_wrapper object at {:#x}>", this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(self.attr(name, this))
    }
    fn setattr(&self, _interp: &mut Interp, name: &str, value: Value) -> PyResult<bool> {
        self.dict.set_str(name, value);
        Ok(true)
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn call(&self, interp: &mut Interp, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(self.call_cached(interp, args))
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.func);
        visit.table(&self.cache)?;
        visit.dict(&self.dict);
        Ok(())
    }
    fn gc_header(&self) -> Option<&GcHeader> {
        Some(&self.gc)
    }
    fn clear_refs(&self) {
        self.cache.clear();
        self.dict.clear();
    }
}

fn lru_cache_info(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("cache_info", &args, 0, 0)?;
    let w = receiver::<LruWrapper>(b)?;
    let maxsize = w.maxsize.map_or(Value::None, |m| Value::Int(m as i64));
    let values = vec![Value::Int(w.hits.get()), Value::Int(w.misses.get()), maxsize, Value::Int(w.cache.len() as i64)];
    Ok(CACHE_INFO.with(|c| new_named(c, values)))
}

fn lru_cache_clear(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("cache_clear", &args, 0, 0)?;
    let w = receiver::<LruWrapper>(b)?;
    w.cache.clear();
    w.hits.set(0);
    w.misses.set(0);
    Ok(Value::None)
}

fn lru_cache_parameters(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("cache_parameters", &args, 0, 0)?;
    let w = receiver::<LruWrapper>(b)?;
    let d = Dict::new();
    d.set_str("maxsize", w.maxsize.map_or(Value::None, |m| Value::Int(m as i64)));
    d.set_str("typed", Value::Bool(w.typed));
    Ok(Value::Dict(gc::new(d)))
}

/// Wraps `f` in a cache and copies its name and docs onto the wrapper.
fn make_wrapper(interp: &mut Interp, f: &Value, maxsize: Option<usize>, typed: bool) -> PyResult<Value> {
    let w = Value::native(LruWrapper {
        func: f.clone(),
        maxsize,
        typed,
        cache: Dict::new(),
        hits: Cell::new(0),
        misses: Cell::new(0),
        dict: gc::new(Dict::new()),
        gc: GcHeader::default(),
    });
    let assigned: Vec<Value> = WRAPPER_ASSIGNMENTS.iter().map(|s| Value::str(s)).collect();
    let updated: Vec<Value> = WRAPPER_UPDATES.iter().map(|s| Value::str(s)).collect();
    update_wrapper(interp, &w, f, &assigned, &updated)
}

/// `lru_cache(maxsize=128, typed=False)`, or `@lru_cache` straight on a function.
fn lru_cache(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    let names = ["maxsize", "typed"];
    if args.pos.len() > 2 {
        return type_error(format!(
            "lru_cache() takes from 0 to 2 positional arguments but {} were given",
            args.pos.len()
        ));
    }
    check_names("lru_cache", &args, &names)?;
    let maxsize = arg(&args, 0, names[0]).cloned().unwrap_or(Value::Int(128));
    let typed = arg(&args, 1, names[1]).cloned().unwrap_or(Value::Bool(false));
    let size = match &maxsize {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = crate::runtime::types::ops::index_of(&maxsize)?;
            Value::Int(n.max(0))
        }
        Value::None => Value::None,
        f if is_callable(f) && matches!(typed, Value::Bool(_)) => {
            let typed = interp.truthy(&typed)?;
            return make_wrapper(interp, f, Some(128), typed);
        }
        _ => return type_error("Expected first argument to be an integer, a callable, or None"),
    };
    let typed = Value::Bool(interp.truthy(&typed)?);
    Ok(closure_fn("decorating_function", decorating_function, Value::tuple(vec![size, typed])))
}

/// The decorator `lru_cache(maxsize, typed)` returns; its `bound` holds `(maxsize, typed)`.
fn decorating_function(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos("decorating_function", &args, 1, 1)?;
    let (maxsize, typed) = match &b.bound {
        Some(Value::Tuple(t)) if t.items.len() == 2 => {
            let m = match &t.items[0] {
                Value::Int(n) => Some(*n as usize),
                _ => None,
            };
            (m, matches!(t.items[1], Value::Bool(true)))
        }
        _ => (Some(128), false),
    };
    make_wrapper(interp, &args.pos[0], maxsize, typed)
}

/// `cache(user_function)`: an unbounded `lru_cache`.
fn cache(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    if let Some((k, _)) = args.kw.first() {
        return type_error(format!("cache() got an unexpected keyword argument '{}'", k.as_str()));
    }
    match args.pos.len() {
        1 => {}
        0 => return type_error("cache() missing 1 required positional argument: 'user_function'"),
        n => return type_error(format!("cache() takes 1 positional argument but {n} were given")),
    }
    let f = args.pos[0].clone();
    if !is_callable(&f) {
        return type_error("Expected first argument to be an integer, a callable, or None");
    }
    make_wrapper(interp, &f, None, false)
}
