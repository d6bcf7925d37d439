//! Classes written in Python and their instances: making a class (`type.__new__`), calling
//! it (`__new__`, then `__init__`), attribute lookup along the MRO with descriptors, and the
//! special methods the interpreter asks a class for where CPython asks a type slot.
//!
//! A builtin base (`class Stack(list)`) is not re-implemented: the instance carries the
//! builtin value it also is (`Instance::base`), and whatever the class does not override is
//! that value's own behaviour. So `Stack([1]).append` is list's method on that list, and a
//! `LowerDict`'s `get` bypasses its `__getitem__`, exactly as in CPython.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::gc;
use crate::runtime::model::exceptions::{attribute_error, type_error, unsupported, ExceptionObj};
use crate::runtime::model::typeobj::{c3_mro_tail, type_name, type_of, types, ClassData, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::support::hash;
use crate::syntax::ast::{BinOp, CmpOp};
use std::rc::Rc;

use super::descriptors;

/// `module.qualname` as a class's repr shows it (`__main__.Account`); builtin types by name.
pub fn class_path(t: &TypeObj) -> String {
    match &t.class {
        Some(c) => match &c.module {
            Value::Str(m) if m.as_str() != "builtins" => format!("{}.{}", m.as_str(), c.qualname.as_str()),
            _ => c.qualname.as_str().to_string(),
        },
        None => t.qualified_name(),
    }
}

/// The class of a value whose type was written in Python: instances, and exceptions of a
/// user-defined exception class.
#[inline]
pub fn user_class(v: &Value) -> Option<&Rc<TypeObj>> {
    match v {
        Value::Instance(i) => Some(&i.class),
        Value::Exception(e) if e.typ.is_class() => Some(&e.typ),
        _ => None,
    }
}

/// The builtin value an instance of a builtin's subclass also is.
pub fn base_value(v: &Value) -> Option<&Value> {
    match v {
        Value::Instance(i) => i.base.as_ref(),
        _ => None,
    }
}

/// `v` as the builtin operations see it: an instance of a builtin's subclass is its value.
pub fn unwrap(v: &Value) -> &Value {
    base_value(v).unwrap_or(v)
}

// ----- making classes -----

/// `type(name, bases, ns)` and the `class` statement: the class the namespace describes.
pub fn new_class(
    interp: &mut Interp,
    name: &str,
    bases: Vec<Value>,
    ns: Rc<Dict>,
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Rc<TypeObj>> {
    let mut base_types = Vec::with_capacity(bases.len());
    for b in &bases {
        let Value::Type(t) = b else {
            return type_error(format!("bases must be types, not {}", type_name(b)));
        };
        if !can_subclass(t) {
            if t.kind == TypeKind::Native && t.module.is_some() {
                return unsupported(&format!("subclassing {}", t.qualified_name()));
            }
            return type_error(format!("type '{}' is not an acceptable base type", t.tp_name()));
        }
        base_types.push(t.clone());
    }
    if base_types.is_empty() {
        base_types.push(types().object.clone());
    }
    let kind = layout_kind(&base_types)?;
    let mro_tail = c3_mro_tail(&base_types).or_else(|stuck| {
        let names: Vec<&str> = stuck.iter().map(|t| t.name.as_str()).collect();
        type_error(format!("Cannot create a consistent method resolution\norder (MRO) for bases {}", names.join(", ")))
    })?;
    let qualname = match ns.remove_name(&Rc::new(PyStr::new("__qualname__"))) {
        Some(Value::Str(q)) => q,
        Some(other) => return type_error(format!("type __qualname__ must be a str, not {}", type_name(&other))),
        None => Rc::new(PyStr::new(name)),
    };
    let module = ns.get_str("__module__").unwrap_or_else(|| {
        interp.main_globals.as_ref().and_then(|g| g.get_str("__name__")).unwrap_or(Value::str("__main__"))
    });
    // A class that defines equality without a hash has unhashable instances.
    if ns.get_str("__eq__").is_some() && ns.get_str("__hash__").is_none() {
        ns.set_str("__hash__", Value::None);
    }
    // These are implicitly static or class methods, as `type.__new__` makes them.
    if let Some(f @ Value::Function(_)) = ns.get_str("__new__") {
        ns.set_str("__new__", Value::native(descriptors::StaticMethod(f)));
    }
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f @ Value::Function(_)) = ns.get_str(n) {
            ns.set_str(n, Value::native(descriptors::ClassMethod(f)));
        }
    }
    let data = ClassData {
        qualname,
        module,
        bases: base_types,
        mro_tail,
        dict: ns.clone(),
        gc: Default::default(),
        plain_attributes: Default::default(),
    };
    let cls = TypeObj::new_class(name, kind, data);
    gc::track_class(&cls);
    set_names(interp, &cls, &ns)?;
    init_subclass(interp, &cls, kw)?;
    Ok(cls)
}

/// Whether a class may derive from `t`: the types learners subclass and the classes written
/// in Python; not `bool`, `range`, functions and the like (CPython's `Py_TPFLAGS_BASETYPE`).
fn can_subclass(t: &Rc<TypeObj>) -> bool {
    t.is_class()
        || matches!(
            t.kind,
            TypeKind::Object
                | TypeKind::Int
                | TypeKind::Float
                | TypeKind::Str
                | TypeKind::List
                | TypeKind::Tuple
                | TypeKind::Dict
                | TypeKind::Set
                | TypeKind::FrozenSet
                | TypeKind::Exception
                | TypeKind::Type
        ) && !(t.kind == TypeKind::Tuple && t.module.is_some())
}

/// The builtin layout the instances share: at most one builtin base other than `object`
/// may give them their shape (CPython's "instance lay-out conflict").
fn layout_kind(bases: &[Rc<TypeObj>]) -> PyResult<TypeKind> {
    let mut kind = TypeKind::Object;
    for b in bases {
        let k = b.kind;
        if k == TypeKind::Object || k == kind {
            continue;
        }
        if k == TypeKind::Type {
            return unsupported("metaclasses (subclassing type)");
        }
        if kind != TypeKind::Object {
            return type_error("multiple bases have instance lay-out conflict");
        }
        kind = k;
    }
    Ok(kind)
}

/// `__set_name__` on every attribute that has one (descriptors learn their name).
fn set_names(interp: &mut Interp, cls: &Rc<TypeObj>, ns: &Rc<Dict>) -> PyResult<()> {
    for (k, v) in ns.items() {
        if let (Value::Native(n), Value::Str(name)) = (&v, &k) {
            if let Some(p) = n.as_any().downcast_ref::<descriptors::Property>() {
                p.name.replace(Some(name.clone()));
            }
        }
        if user_class(&v).and_then(|c| c.lookup("__set_name__")).is_some() {
            if let Err(cause) = call_method(interp, &v, "__set_name__", vec![Value::Type(cls.clone()), k.clone()]) {
                // CPython says which attribute of which class failed, the error as its cause.
                let msg = format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    type_name(&v),
                    interp.repr(&k)?,
                    cls.name
                );
                let e = PyErr::new(&types().runtime_error, msg);
                *e.0.cause.borrow_mut() = Some(cause.value());
                *e.0.context.borrow_mut() = Some(cause.value());
                e.0.suppress_context.set(true);
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The parent's `__init_subclass__` with the class statement's keywords.
fn init_subclass(interp: &mut Interp, cls: &Rc<TypeObj>, kw: &[(Rc<PyStr>, Value)]) -> PyResult<()> {
    let parent = cls.class.as_ref().and_then(|c| c.mro_tail.iter().find_map(|t| t.own("__init_subclass__")));
    match parent {
        Some(hook) => {
            let bound = bind(interp, hook, None, cls)?;
            interp.call(&bound, vec![], kw.to_vec())?;
        }
        None if !kw.is_empty() => {
            return type_error(format!("{}.__init_subclass__() takes no keyword arguments", cls.name));
        }
        None => {}
    }
    Ok(())
}

// ----- calling a class -----

/// `Cls(*pos, **kw)`: `__new__` makes the object, `__init__` initialises it.
pub fn call_class(interp: &mut Interp, cls: &Rc<TypeObj>, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    let init = cls.lookup("__init__");
    let obj = match cls.lookup("__new__") {
        Some((_, new)) => {
            let new = descriptors::wrapped_function(&new).unwrap_or(new);
            let mut args = Vec::with_capacity(pos.len() + 1);
            args.push(Value::Type(cls.clone()));
            args.extend_from_slice(pos);
            interp.call(&new, args, kw.to_vec())?
        }
        None => {
            if init.is_none() && cls.kind == TypeKind::Object && (!pos.is_empty() || !kw.is_empty()) {
                return type_error(format!("{}() takes no arguments", cls.name));
            }
            default_new(interp, cls, pos, kw)?
        }
    };
    if !type_of(&obj).is_subtype(cls) {
        return Ok(obj);
    }
    match init {
        Some((_, init)) => {
            let mut args = Vec::with_capacity(pos.len() + 1);
            args.push(obj.clone());
            args.extend_from_slice(pos);
            let r = interp.call(&init, args, kw.to_vec())?;
            if !r.is_none() {
                return type_error(format!("__init__() should return None, not '{}'", type_name(&r)));
            }
        }
        None => builtin_init(interp, &obj, pos, kw)?,
    }
    Ok(obj)
}

/// `object.__new__(cls)` and the builtin bases' `__new__`: a new instance of the layout
/// `cls` has. An immutable base (`int`, `str`, `tuple`) gets its value here, from the
/// arguments, as CPython's `int.__new__` does.
pub fn default_new(interp: &mut Interp, cls: &Rc<TypeObj>, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    let t = types();
    Ok(match cls.kind {
        TypeKind::Object => Value::Instance(crate::runtime::model::gc::new(Instance::new(cls.clone(), None))),
        TypeKind::Exception => {
            Value::Exception(crate::runtime::model::gc::new(ExceptionObj::new(cls.clone(), pos.to_vec())))
        }
        TypeKind::List => instance_of(cls, Value::list(Vec::new())),
        TypeKind::Dict => instance_of(cls, Value::Dict(crate::runtime::model::gc::new(Dict::new()))),
        TypeKind::Set => instance_of(cls, crate::runtime::model::set::new_set(Vec::new(), false)?),
        kind => {
            let base = match kind {
                TypeKind::Int => &t.int,
                TypeKind::Float => &t.float,
                TypeKind::Str => &t.str_,
                TypeKind::Tuple => &t.tuple,
                TypeKind::FrozenSet => &t.frozenset,
                _ => return type_error(format!("cannot create '{}' instances", cls.name)),
            };
            let value = crate::runtime::modules::builtins::call_type(interp, base, pos, kw)?;
            instance_of(cls, value)
        }
    })
}

fn instance_of(cls: &Rc<TypeObj>, base: Value) -> Value {
    Value::Instance(crate::runtime::model::gc::new(Instance::new(cls.clone(), Some(base))))
}

/// The builtin base's `__init__` for a class that defines none: a `list` subclass takes its
/// items, a `dict` subclass its pairs, others accept what `__new__` took.
fn builtin_init(interp: &mut Interp, obj: &Value, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<()> {
    match base_value(obj) {
        Some(Value::List(l)) => {
            if !kw.is_empty() {
                return type_error("list() takes no keyword arguments");
            }
            if pos.len() > 1 {
                return type_error(format!("list expected at most 1 argument, got {}", pos.len()));
            }
            let items = match pos.first() {
                Some(v) => interp.collect(v)?,
                None => Vec::new(),
            };
            *l.items.borrow_mut() = items;
            Ok(())
        }
        Some(Value::Dict(d)) => {
            crate::runtime::types::dict::dict_update(interp, d, "dict", pos, kw)?;
            Ok(())
        }
        Some(Value::Set(s)) => {
            for v in pos.first().map(|v| interp.collect(v)).transpose()?.unwrap_or_default() {
                s.add(v)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

// ----- attributes -----

/// What reading the class attribute `attr` through `instance` (or through the class, when
/// `None`) gives: functions bind to the instance, descriptors decide for themselves.
pub fn bind(interp: &mut Interp, attr: Value, instance: Option<&Value>, owner: &Rc<TypeObj>) -> PyResult<Value> {
    match (&attr, instance) {
        (Value::Function(_), Some(obj)) => Ok(Value::Method(Rc::new(BoundMethod { receiver: obj.clone(), func: attr }))),
        (Value::Native(_) | Value::Instance(_), _) => match descriptors::get(interp, &attr, instance, owner) {
            Some(r) => r,
            None => Ok(attr),
        },
        _ => Ok(attr),
    }
}

/// Whether the instances of `cls` keep their attributes in their `__dict__` with nothing in
/// the class to intercept a read or a store: then `obj.x` needs no search of the class
/// first, and `obj.x = v` is a store into the dict. Cached until any class changes; the
/// cached answer is read inline, as every attribute site asks it.
#[inline]
pub fn plain_attributes(cls: &TypeObj) -> bool {
    let Some(data) = &cls.class else { return false };
    let (seen, plain) = data.plain_attributes.get();
    if seen == crate::runtime::model::typeobj::class_epoch() {
        return plain;
    }
    find_plain_attributes(cls, data)
}

#[cold]
fn find_plain_attributes(cls: &TypeObj, data: &ClassData) -> bool {
    let epoch = crate::runtime::model::typeobj::class_epoch();
    let intercepts = |t: &TypeObj| {
        t.class.as_ref().is_some_and(|c| {
            c.dict.items().iter().any(|(k, v)| {
                descriptors::is_data_descriptor(v)
                    || matches!(k, Value::Str(s) if matches!(s.as_str(), "__setattr__" | "__delattr__" | "__getattr__"))
            })
        })
    };
    let plain = !intercepts(cls) && !data.mro_tail.iter().any(|t| intercepts(t));
    data.plain_attributes.set((epoch, plain));
    plain
}

/// `obj.name` for an instance of a class written in Python (CPython's
/// `PyObject_GenericGetAttr`, then `__getattr__`); `None` when there is no such attribute.
pub fn instance_getattr(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
    let Some(cls) = user_class(obj) else { return Ok(None) };
    if let Value::Instance(i) = obj {
        if plain_attributes(cls) {
            if let Some(v) = i.dict.get_name(name) {
                return Ok(Some(v));
            }
        }
    }
    let n = name.as_str();
    let found = cls.lookup_name(name);
    if let Some(attr) = &found {
        if descriptors::is_data_descriptor(attr) {
            let cls = cls.clone();
            return bind(interp, attr.clone(), Some(obj), &cls).map(Some);
        }
    }
    let own = match obj {
        Value::Instance(i) => i.dict.get_name(name),
        Value::Exception(e) => e.attr(n),
        _ => None,
    };
    if let Some(v) = own {
        return Ok(Some(v));
    }
    if let Some(attr) = found {
        if let Value::Function(_) = attr {
            return Ok(Some(Value::Method(Rc::new(BoundMethod { receiver: obj.clone(), func: attr }))));
        }
        let cls = cls.clone();
        return bind(interp, attr, Some(obj), &cls).map(Some);
    }
    let cls = cls.clone();
    if let Value::Instance(i) = obj {
        if n == "__dict__" {
            return Ok(Some(Value::Dict(i.dict.clone())));
        }
        for t in cls.mro() {
            if !t.is_class() {
                if let Some(v) = builtin_type_attr(interp, &t, obj, n)? {
                    return Ok(Some(v));
                }
            }
        }
    }
    if let Some(hook) = cls.lookup_name(&interp.names.getattr) {
        let hook = bind(interp, hook, Some(obj), &cls)?;
        return interp.call(&hook, vec![Value::Str(name.clone())], vec![]).map(Some);
    }
    Ok(None)
}

/// `Cls.name` for a class written in Python; `None` when there is no such attribute.
pub fn class_getattr(interp: &mut Interp, cls: &Rc<TypeObj>, name: &str) -> PyResult<Option<Value>> {
    let Some(data) = &cls.class else { return Ok(None) };
    if let Some((_, attr)) = cls.lookup(name) {
        return bind(interp, attr, None, cls).map(Some);
    }
    Ok(Some(match name {
        "__name__" => Value::str(&cls.name),
        "__qualname__" => Value::Str(data.qualname.clone()),
        "__module__" => data.module.clone(),
        "__doc__" => Value::None,
        "__dict__" => Value::Dict(data.dict.clone()),
        "__bases__" => Value::tuple(data.bases.iter().cloned().map(Value::Type).collect()),
        "__base__" => data.bases.first().cloned().map_or(Value::None, Value::Type),
        "__mro__" => Value::tuple(cls.mro().into_iter().map(Value::Type).collect()),
        "mro" => Value::Builtin(Rc::new(Builtin { name: "mro", owner: Some("type"), func: mro_method, bound: Some(Value::Type(cls.clone())) })),
        _ => {
            let this = Value::Type(cls.clone());
            for t in cls.mro() {
                if !t.is_class() {
                    if let Some(v) = builtin_type_attr(interp, &t, &this, name)? {
                        return Ok(Some(v));
                    }
                }
            }
            return Ok(None);
        }
    }))
}

fn mro_method(_interp: &mut Interp, b: &Builtin, _args: Args) -> PyResult<Value> {
    let Some(Value::Type(t)) = &b.bound else { return type_error("mro() needs a class") };
    Ok(Value::list(t.mro().into_iter().map(Value::Type).collect()))
}

/// `obj.name = value` (or `del obj.name` when `value` is `None`) for an instance of a class
/// written in Python: its `__setattr__`/`__delattr__` if it defines one, else
/// `object.__setattr__`.
pub fn instance_setattr(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>, value: Option<Value>) -> PyResult<()> {
    let cls = user_class(obj).expect("an instance of a class written in Python");
    if let (Value::Instance(i), Some(v)) = (obj, &value) {
        if plain_attributes(cls) {
            i.dict.set_name(name, v.clone());
            return Ok(());
        }
    }
    let hook = if value.is_some() { &interp.names.setattr } else { &interp.names.delattr };
    if let Some(f) = cls.lookup_name(hook) {
        let mut args = vec![obj.clone(), Value::Str(name.clone())];
        args.extend(value);
        interp.call(&f, args, vec![])?;
        return Ok(());
    }
    generic_setattr(interp, obj, name, value)
}

/// `object.__setattr__(obj, name, value)` and `object.__delattr__(obj, name)`: a property
/// of the class decides, otherwise the instance's `__dict__`.
pub fn generic_setattr(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>, value: Option<Value>) -> PyResult<()> {
    let cls = type_of(obj);
    if let Some(attr @ (Value::Native(_) | Value::Instance(_))) = cls.lookup_name(name) {
        if let Some(r) = descriptors::set(interp, &attr, obj, value.clone()) {
            return r;
        }
    }
    match (obj, value) {
        (Value::Instance(i), Some(v)) => {
            i.dict.set_name(name, v);
            Ok(())
        }
        (Value::Instance(i), None) => match i.dict.remove_name(name) {
            Some(_) => Ok(()),
            None => attribute_error(format!("'{}' object has no attribute '{}'", cls.name, name.as_str())),
        },
        (Value::Exception(e), Some(v)) => {
            e.set_attr(name.as_str(), v);
            Ok(())
        }
        _ => attribute_error(format!("'{}' object has no attribute '{}'", cls.name, name.as_str())),
    }
}

/// `Cls.name = value` and `del Cls.name`.
pub fn class_setattr(cls: &Rc<TypeObj>, name: &Rc<PyStr>, value: Option<Value>) -> PyResult<bool> {
    let Some(data) = &cls.class else { return Ok(false) };
    crate::runtime::model::typeobj::class_changed();
    match value {
        Some(v) => data.dict.set_name(name, v),
        None => {
            if data.dict.remove_name(name).is_none() {
                return attribute_error(format!("type object '{}' has no attribute '{}'", cls.name, name.as_str()));
            }
        }
    }
    Ok(true)
}

/// The attribute names `dir()` lists for an instance or class written in Python.
pub fn dir_names(v: &Value) -> Option<Vec<String>> {
    let cls = match v {
        Value::Type(t) if t.is_class() => t.clone(),
        _ => user_class(v)?.clone(),
    };
    let mut out: Vec<String> = Vec::new();
    let mut keys = |d: &Dict| {
        out.extend(d.keys().iter().filter_map(|k| match k {
            Value::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        }))
    };
    if let Value::Instance(i) = v {
        keys(&i.dict);
    }
    for t in cls.mro() {
        if let Some(c) = &t.class {
            keys(&c.dict);
        }
    }
    out.extend(OBJECT_SLOTS.iter().map(|s| s.to_string()));
    if let Some(b) = base_value(v) {
        out.extend(crate::runtime::types::methods(b).iter().map(|(n, _)| n.to_string()));
    }
    out.push("__dict__".into());
    out.push("__module__".into());
    out.push("__weakref__".into());
    Some(out)
}

// ----- what the builtin types give a class -----

/// The special methods every object has from `object`, callable through a class
/// (`object.__init__`, `super().__setattr__`).
const OBJECT_SLOTS: &[&str] = &[
    "__init__", "__new__", "__repr__", "__str__", "__eq__", "__ne__", "__hash__", "__setattr__",
    "__delattr__", "__getattribute__", "__init_subclass__", "__format__",
];

/// The special methods a builtin container gives its subclasses.
const CONTAINER_SLOTS: &[&str] =
    &["__len__", "__getitem__", "__setitem__", "__delitem__", "__contains__", "__iter__", "__lt__", "__le__", "__gt__", "__ge__"];

/// Dunder names of the binary operators, with the reflected and in-place forms.
pub const BINARY: &[(BinOp, &str, &str, &str)] = &[
    (BinOp::Add, "__add__", "__radd__", "__iadd__"),
    (BinOp::Sub, "__sub__", "__rsub__", "__isub__"),
    (BinOp::Mult, "__mul__", "__rmul__", "__imul__"),
    (BinOp::MatMult, "__matmul__", "__rmatmul__", "__imatmul__"),
    (BinOp::Div, "__truediv__", "__rtruediv__", "__itruediv__"),
    (BinOp::FloorDiv, "__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    (BinOp::Mod, "__mod__", "__rmod__", "__imod__"),
    (BinOp::Pow, "__pow__", "__rpow__", "__ipow__"),
    (BinOp::LShift, "__lshift__", "__rlshift__", "__ilshift__"),
    (BinOp::RShift, "__rshift__", "__rrshift__", "__irshift__"),
    (BinOp::BitOr, "__or__", "__ror__", "__ior__"),
    (BinOp::BitXor, "__xor__", "__rxor__", "__ixor__"),
    (BinOp::BitAnd, "__and__", "__rand__", "__iand__"),
];

fn dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    let &(_, a, r, i) = BINARY.iter().find(|(o, ..)| *o == op).expect("every operator has dunders");
    (a, r, i)
}

/// `name` read through the builtin type `t` in the MRO of `obj` (an instance, or a class
/// when reading through the class): the builtin's methods on the instance's builtin value,
/// and the special methods as callables (`list.__init__`, `object.__setattr__`).
pub fn builtin_type_attr(_interp: &mut Interp, t: &Rc<TypeObj>, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    let instance = !matches!(obj, Value::Type(_));
    if instance {
        if let Some(b) = base_value(obj) {
            if type_of(b).kind == t.kind {
                if let Some((m, _)) = crate::runtime::types::builtin_method(b, name) {
                    return Ok(Some(crate::runtime::types::bound_method(b, m)));
                }
            }
        }
    } else if t.kind != TypeKind::Object {
        if let Some(v) = crate::runtime::modules::builtins::type_attr(t, name) {
            return Ok(Some(v));
        }
    }
    // The mutable containers are unhashable: their class sets `__hash__` to None, which is
    // how code (dataclasses' check for a mutable default) asks.
    if name == "__hash__" && matches!(t.kind, TypeKind::List | TypeKind::Dict | TypeKind::Set) {
        return Ok(Some(Value::None));
    }
    let slot = OBJECT_SLOTS.iter().chain(CONTAINER_SLOTS).chain(BINARY.iter().map(|(_, a, _, _)| a)).find(|s| **s == name);
    let Some(&slot) = slot else { return Ok(None) };
    let applies = OBJECT_SLOTS.contains(&slot)
        || matches!(t.kind, TypeKind::List | TypeKind::Dict | TypeKind::Tuple | TypeKind::Str | TypeKind::Set | TypeKind::FrozenSet)
        || (BINARY.iter().any(|(_, a, _, _)| *a == slot) && matches!(t.kind, TypeKind::Int | TypeKind::Float));
    if !applies {
        return Ok(None);
    }
    let owner: &'static str = match t.kind {
        TypeKind::Object => "object",
        TypeKind::List => "list",
        TypeKind::Dict => "dict",
        TypeKind::Tuple => "tuple",
        TypeKind::Str => "str",
        TypeKind::Int => "int",
        TypeKind::Float => "float",
        TypeKind::Set => "set",
        TypeKind::FrozenSet => "frozenset",
        TypeKind::Exception => "BaseException",
        _ => "object",
    };
    let bound = (instance || slot == "__init_subclass__").then(|| obj.clone());
    Ok(Some(Value::Builtin(Rc::new(Builtin { name: slot, owner: Some(owner), func: slot_wrapper, bound }))))
}

/// A builtin type's special method called as a function: `object.__init__(self)`,
/// `super().__setitem__(k, v)`, `int.__new__(cls, 5)`.
fn slot_wrapper(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (recv, rest): (Value, &[Value]) = match &b.bound {
        Some(r) => (r.clone(), args.pos),
        None => match args.pos.split_first() {
            Some((r, rest)) => (r.clone(), rest),
            None => {
                return type_error(format!(
                    "descriptor '{}' of '{}' object needs an argument",
                    b.name,
                    b.owner.unwrap_or("object")
                ))
            }
        },
    };
    let arity = |n: usize| -> PyResult<()> {
        if rest.len() != n {
            return type_error(format!("expected {n} argument{}, got {}", if n == 1 { "" } else { "s" }, rest.len()));
        }
        Ok(())
    };
    let value = unwrap(&recv).clone();
    match b.name {
        "__new__" => {
            let Value::Type(cls) = &recv else {
                return type_error(format!("{}.__new__(X): X is not a type object ({})", b.owner.unwrap_or("object"), type_name(&recv)));
            };
            if !cls.is_class() {
                return crate::runtime::modules::builtins::call_type(interp, cls, rest, args.kw);
            }
            default_new(interp, cls, if cls.kind == TypeKind::Object { &[] } else { rest }, args.kw)
        }
        "__init__" => {
            match b.owner {
                Some("object") => {
                    if !rest.is_empty() && user_class(&recv).is_some_and(|c| c.lookup("__init__").is_some()) {
                        return type_error(format!(
                            "{}.__init__() takes exactly one argument (the instance to initialize)",
                            type_name(&recv)
                        ));
                    }
                }
                Some("BaseException") => {
                    if let Value::Exception(e) = &recv {
                        *e.args.borrow_mut() = Rc::new(Tuple::new(rest.to_vec()));
                    }
                }
                _ => builtin_init(interp, &recv, rest, args.kw)?,
            }
            Ok(Value::None)
        }
        "__init_subclass__" => Ok(Value::None),
        "__repr__" => match base_value(&recv) {
            Some(v) => Ok(Value::string(interp.repr(&v.clone())?)),
            None => Ok(Value::string(default_repr(&recv))),
        },
        "__str__" => Ok(Value::string(interp.repr(&recv)?)),
        "__format__" => {
            arity(1)?;
            let Value::Str(spec) = &rest[0] else {
                return type_error(format!("format() argument 2 must be str, not {}", type_name(&rest[0])));
            };
            if !spec.is_empty() {
                return type_error(format!("unsupported format string passed to {}.__format__", type_name(&recv)));
            }
            Ok(Value::string(interp.str(&recv)?))
        }
        "__hash__" => Ok(Value::Int(hash::hash_pointer(recv.address()))),
        "__eq__" | "__ne__" => {
            arity(1)?;
            if base_value(&recv).is_some() {
                let op = if b.name == "__eq__" { CmpOp::Eq } else { CmpOp::NotEq };
                return Ok(Value::Bool(interp.compare(op, &value, unwrap(&rest[0]))?));
            }
            let same = recv.is(&rest[0]);
            Ok(match (b.name, same) {
                ("__eq__", true) => Value::Bool(true),
                ("__ne__", true) => Value::Bool(false),
                _ => Value::NotImplemented,
            })
        }
        "__setattr__" => {
            arity(2)?;
            let Value::Str(n) = &rest[0] else {
                return type_error(format!("attribute name must be string, not '{}'", type_name(&rest[0])));
            };
            generic_setattr(interp, &recv, n, Some(rest[1].clone()))?;
            Ok(Value::None)
        }
        "__delattr__" => {
            arity(1)?;
            let Value::Str(n) = &rest[0] else {
                return type_error(format!("attribute name must be string, not '{}'", type_name(&rest[0])));
            };
            generic_setattr(interp, &recv, n, None)?;
            Ok(Value::None)
        }
        "__getattribute__" => {
            arity(1)?;
            let Value::Str(n) = &rest[0] else {
                return type_error(format!("attribute name must be string, not '{}'", type_name(&rest[0])));
            };
            crate::runtime::interp::attrs::getattr(interp, &recv, n)
        }
        "__len__" => Ok(Value::Int(crate::runtime::modules::builtins::len_of(&value)? as i64)),
        "__getitem__" => {
            arity(1)?;
            crate::runtime::modules::builtins::getitem(interp, &value, &rest[0])
        }
        "__setitem__" => {
            arity(2)?;
            crate::runtime::modules::builtins::setitem(interp, &value, &rest[0], rest[1].clone())?;
            Ok(Value::None)
        }
        "__delitem__" => {
            arity(1)?;
            crate::runtime::modules::builtins::delitem(interp, &value, &rest[0])?;
            Ok(Value::None)
        }
        "__contains__" => {
            arity(1)?;
            Ok(Value::Bool(interp.contains(&value, &rest[0])?))
        }
        "__iter__" => interp.iter(&value),
        "__lt__" | "__le__" | "__gt__" | "__ge__" => {
            arity(1)?;
            let op = match b.name {
                "__lt__" => CmpOp::Lt,
                "__le__" => CmpOp::LtE,
                "__gt__" => CmpOp::Gt,
                _ => CmpOp::GtE,
            };
            Ok(Value::Bool(interp.compare(op, &value, unwrap(&rest[0]))?))
        }
        name => {
            arity(1)?;
            let Some(&(op, ..)) = BINARY.iter().find(|(_, a, _, _)| *a == name) else {
                return unsupported(&format!("{}.{}", b.owner.unwrap_or("object"), name));
            };
            match crate::runtime::types::ops::binary_op(op, &value, unwrap(&rest[0])) {
                Ok(v) => Ok(v),
                Err(e) if e.is(&types().type_error) => Ok(Value::NotImplemented),
                Err(e) => Err(e),
            }
        }
    }
}

// ----- special methods -----

/// The special method `name` as `v`'s class written in Python defines it (not as a builtin
/// base does), bound to `v`.
#[inline]
pub fn special(v: &Value, name: &str) -> Option<Value> {
    let (_, f) = user_class(v)?.lookup(name)?;
    Some(f)
}

/// Calls `v.name(*args)` where `v`'s class defines `name`; `None` when it does not.
pub fn call_special(interp: &mut Interp, v: &Value, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
    let f = special(v, name)?;
    Some(call_unbound(interp, &f, v, args, vec![]))
}

/// Calls `f`, an attribute of `v`'s class, as a method of `v`: a plain function with `v` in
/// front, anything else bound as attribute lookup would bind it.
pub fn call_unbound(interp: &mut Interp, f: &Value, v: &Value, args: Vec<Value>, kw: Vec<(Rc<PyStr>, Value)>) -> PyResult<Value> {
    match f {
        Value::Function(_) => {
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(v.clone());
            all.extend(args);
            interp.call(f, all, kw)
        }
        _ => {
            let cls = type_of(v);
            let bound = bind(interp, f.clone(), Some(v), &cls)?;
            interp.call(&bound, args, kw)
        }
    }
}

/// `v.name(*args)` through the full attribute lookup.
pub fn call_method(interp: &mut Interp, v: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let m = crate::runtime::interp::attrs::getattr(interp, v, &Rc::new(PyStr::new(name)))?;
    interp.call(&m, args, vec![])
}

/// `<__main__.Point object at 0x…>`.
pub fn default_repr(v: &Value) -> String {
    format!("<{} object at {:#x}>", class_path(&type_of(v)), v.address())
}

/// `repr(v)` for a value whose class is written in Python.
pub fn repr(interp: &mut Interp, v: &Value) -> PyResult<String> {
    if let Some(r) = call_special(interp, v, "__repr__", vec![]) {
        return expect_str(r?, "__repr__");
    }
    match base_value(v) {
        Some(b) => interp.repr(&b.clone()),
        None => Ok(default_repr(v)),
    }
}

/// `str(v)`: `__str__`, else the builtin base's `str`, else `repr`. `None` when the class
/// leaves it to a builtin that is not an instance base (exceptions).
pub fn str(interp: &mut Interp, v: &Value) -> Option<PyResult<String>> {
    if let Some(r) = call_special(interp, v, "__str__", vec![]) {
        return Some(r.and_then(|s| expect_str(s, "__str__")));
    }
    if let Value::Exception(_) = v {
        return None;
    }
    // Of the builtin bases only `str` has a `__str__` of its own; the others print
    // their repr, which the class may have overridden.
    Some(match base_value(v) {
        Some(b @ Value::Str(_)) => interp.str(&b.clone()),
        _ => repr(interp, v),
    })
}

fn expect_str(v: Value, what: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        other => type_error(format!("{what} returned non-string (type {})", type_name(&other))),
    }
}

/// `bool(v)`: `__bool__`, else `__len__`, else the base's truth, else true.
pub fn truthy(interp: &mut Interp, v: &Value) -> PyResult<bool> {
    if let Some(r) = call_special(interp, v, "__bool__", vec![]) {
        return match r? {
            Value::Bool(b) => Ok(b),
            other => type_error(format!("__bool__ should return bool, returned {}", type_name(&other))),
        };
    }
    if special(v, "__len__").is_some() {
        return Ok(len(interp, v)? > 0);
    }
    Ok(base_value(v).is_none_or(crate::runtime::types::ops::truthy))
}

/// `len(v)`.
pub fn len(interp: &mut Interp, v: &Value) -> PyResult<usize> {
    if let Some(r) = call_special(interp, v, "__len__", vec![]) {
        let n = r?;
        return match &n {
            Value::Int(i) if *i >= 0 => Ok(*i as usize),
            Value::Int(_) => crate::runtime::model::exceptions::value_error("__len__() should return >= 0"),
            Value::Bool(b) => Ok(*b as usize),
            _ => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&n))),
        };
    }
    match base_value(v) {
        Some(b) => crate::runtime::modules::builtins::len_of(b),
        None => type_error(format!("object of type '{}' has no len()", type_name(v))),
    }
}

/// `hash(v)`.
pub fn hash_of(interp: &mut Interp, v: &Value) -> PyResult<i64> {
    match special(v, "__hash__") {
        Some(Value::None) => type_error(format!("unhashable type: '{}'", type_name(v))),
        Some(f) => match call_unbound(interp, &f, v, vec![], vec![])? {
            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
            Value::Bool(b) => Ok(b as i64),
            Value::BigInt(b) => Ok(hash::hash_bigint(&b)),
            _ => type_error("__hash__ method should return an integer"),
        },
        None => match base_value(v) {
            Some(b) => crate::runtime::types::ops::hash_key(b),
            None => Ok(hash::hash_pointer(v.address())),
        },
    }
}

/// `a op b` where either operand's class is written in Python (CPython's `binary_op1`): the
/// right operand's reflected method first when its class is a subclass of the left's, then
/// the left's method, then the right's reflected one; `NotImplemented` moves on.
pub fn binary_op(interp: &mut Interp, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (name, rname, _) = dunders(op);
    let ta = type_of(a);
    let tb = type_of(b);
    let same = Rc::ptr_eq(&ta, &tb);
    let right_first = !same && tb.is_subtype(&ta) && user_class(b).and_then(|c| c.lookup(rname)).is_some();
    if right_first {
        if let Some(r) = reflected(interp, b, a, rname, op)? {
            return Ok(r);
        }
    }
    if let Some(r) = forward(interp, a, b, name, op)? {
        return Ok(r);
    }
    if !same && !right_first {
        if let Some(r) = reflected(interp, b, a, rname, op)? {
            return Ok(r);
        }
    }
    // A builtin sequence on the left has the last word (`can only concatenate str ...`).
    if user_class(a).is_none() {
        if let Err(e) = crate::runtime::types::ops::binary_op(op, a, b) {
            let generic = matches!(e.0.args.borrow().items.first(), Some(Value::Str(m)) if m.starts_with("unsupported operand"));
            if !generic {
                return Err(e);
            }
        }
    }
    type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), type_name(a), type_name(b)))
}

/// `a.__op__(b)` as `a`'s type has it: the class's method, or the builtin base's operator.
fn forward(interp: &mut Interp, a: &Value, b: &Value, name: &str, op: BinOp) -> PyResult<Option<Value>> {
    if let Some(r) = call_special(interp, a, name, vec![b.clone()]) {
        return not_implemented_is_none(r?);
    }
    if user_class(a).is_some() && base_value(a).is_none() {
        return Ok(None);
    }
    builtin_operator(op, unwrap(a), unwrap(b))
}

/// `b.__rop__(a)`.
fn reflected(interp: &mut Interp, b: &Value, a: &Value, rname: &str, op: BinOp) -> PyResult<Option<Value>> {
    if let Some(r) = call_special(interp, b, rname, vec![a.clone()]) {
        return not_implemented_is_none(r?);
    }
    if user_class(b).is_some() && base_value(b).is_some() {
        return builtin_operator(op, unwrap(a), unwrap(b));
    }
    Ok(None)
}

/// A builtin operator on builtin values, where a TypeError means `NotImplemented`.
fn builtin_operator(op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if user_class(a).is_some() || user_class(b).is_some() {
        return Ok(None);
    }
    match crate::runtime::types::ops::binary_op(op, a, b) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is(&types().type_error) => Ok(None),
        Err(e) => Err(e),
    }
}

fn not_implemented_is_none(v: Value) -> PyResult<Option<Value>> {
    Ok(if matches!(v, Value::NotImplemented) { None } else { Some(v) })
}

/// `a op= b` where `a`'s class is written in Python: `__iop__`, else the plain operator.
pub fn inplace_op(interp: &mut Interp, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (_, _, iname) = dunders(op);
    if let Some(r) = call_special(interp, a, iname, vec![b.clone()]) {
        let r = r?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    binary_op(interp, op, a, b).map_err(|e| {
        if e.is(&types().type_error) {
            let msg = format!(
                "unsupported operand type(s) for {}=: '{}' and '{}'",
                op.symbol(),
                type_name(a),
                type_name(b)
            );
            let first_arg = e.0.args.borrow().items.first().cloned();
            if matches!(first_arg, Some(Value::Str(m)) if m.starts_with("unsupported operand")) {
                return PyErr::new(&types().type_error, msg);
            }
        }
        e
    })
}

/// `-v`, `+v`, `~v`, `abs(v)`.
pub fn unary(interp: &mut Interp, name: &str, symbol: &str, v: &Value) -> PyResult<Value> {
    if let Some(r) = call_special(interp, v, name, vec![]) {
        return r;
    }
    if let Some(b) = base_value(v) {
        let b = b.clone();
        return match name {
            "__neg__" => crate::runtime::types::ops::unary_neg(&b),
            "__pos__" => crate::runtime::types::ops::unary_pos(&b),
            "__invert__" => crate::runtime::types::ops::unary_invert(&b),
            _ => crate::runtime::modules::builtins::abs_of(&b),
        };
    }
    if name == "__abs__" {
        return type_error(format!("bad operand type for abs(): '{}'", type_name(v)));
    }
    type_error(format!("bad operand type for unary {symbol}: '{}'", type_name(v)))
}

/// Rich comparison where either operand's class is written in Python (CPython's
/// `do_richcompare`): the reflected method first for a subclass on the right, then `a`'s,
/// then `b`'s reflected one; `==` and `!=` fall back to identity.
pub fn rich_compare(interp: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (name, reflected_name, symbol) = match op {
        CmpOp::Eq => ("__eq__", "__eq__", "=="),
        CmpOp::NotEq => ("__ne__", "__ne__", "!="),
        CmpOp::Lt => ("__lt__", "__gt__", "<"),
        CmpOp::LtE => ("__le__", "__ge__", "<="),
        CmpOp::Gt => ("__gt__", "__lt__", ">"),
        CmpOp::GtE => ("__ge__", "__le__", ">="),
        _ => unreachable!("only rich comparisons come here"),
    };
    let ta = type_of(a);
    let tb = type_of(b);
    let right_first = !Rc::ptr_eq(&ta, &tb) && tb.is_subtype(&ta) && special(b, reflected_name).is_some();
    if right_first {
        if let Some(r) = compare_with(interp, b, a, reflected_name, op.reflected())? {
            return Ok(r);
        }
    }
    if let Some(r) = compare_with(interp, a, b, name, op)? {
        return Ok(r);
    }
    if !right_first {
        if let Some(r) = compare_with(interp, b, a, reflected_name, op.reflected())? {
            return Ok(r);
        }
    }
    match op {
        CmpOp::Eq => Ok(Value::Bool(a.is(b))),
        CmpOp::NotEq => Ok(Value::Bool(!a.is(b))),
        _ => type_error(format!(
            "'{symbol}' not supported between instances of '{}' and '{}'",
            type_name(a),
            type_name(b)
        )),
    }
}

/// One side's comparison method: the class's, `__ne__` as the negation of the class's
/// `__eq__`, or the builtin base's; `None` for `NotImplemented`.
fn compare_with(interp: &mut Interp, a: &Value, b: &Value, name: &str, op: CmpOp) -> PyResult<Option<Value>> {
    if let Some(r) = call_special(interp, a, name, vec![b.clone()]) {
        return not_implemented_is_none(r?);
    }
    if op == CmpOp::NotEq {
        if let Some(r) = call_special(interp, a, "__eq__", vec![b.clone()]) {
            return match r? {
                Value::NotImplemented => Ok(None),
                v => Ok(Some(Value::Bool(!interp.truthy(&v)?))),
            };
        }
    }
    let (ua, ub) = (unwrap(a), unwrap(b));
    if user_class(ua).is_some() || user_class(ub).is_some() {
        return Ok(None);
    }
    if base_value(a).is_none() && base_value(b).is_none() {
        return Ok(None);
    }
    match crate::runtime::types::ops::compare_op(op, ua, ub) {
        Ok(r) => Ok(Some(Value::Bool(r))),
        Err(e) if e.is(&types().type_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `obj[key]` where `obj`'s class is written in Python: `__getitem__`, else the builtin
/// base's item (with the class's `__missing__` for a `dict` subclass), and for a class
/// itself `__class_getitem__`.
pub fn getitem(interp: &mut Interp, obj: &Value, key: &Value) -> PyResult<Value> {
    if let Value::Type(cls) = obj {
        if let Some((_, hook)) = cls.lookup("__class_getitem__") {
            let hook = bind(interp, hook, None, cls)?;
            return interp.call(&hook, vec![key.clone()], vec![]);
        }
        return type_error(format!("type '{}' is not subscriptable", cls.name));
    }
    if let Some(r) = call_special(interp, obj, "__getitem__", vec![key.clone()]) {
        return r;
    }
    match base_value(obj) {
        Some(Value::Dict(d)) => {
            let d = d.clone();
            match d.get(key)? {
                Some(v) => Ok(v),
                None => match call_special(interp, obj, "__missing__", vec![key.clone()]) {
                    Some(r) => r,
                    None => crate::runtime::model::exceptions::key_error(key.clone()),
                },
            }
        }
        Some(b) => crate::runtime::modules::builtins::getitem(interp, &b.clone(), key),
        None => type_error(format!("'{}' object is not subscriptable", type_name(obj))),
    }
}

/// `obj[key] = value`, or `del obj[key]` when `value` is `None`.
pub fn setitem(interp: &mut Interp, obj: &Value, key: &Value, value: Option<Value>) -> PyResult<()> {
    let (name, verb) = if value.is_some() { ("__setitem__", "does not support item assignment") } else { ("__delitem__", "does not support item deletion") };
    let mut args = vec![key.clone()];
    args.extend(value.clone());
    if let Some(r) = call_special(interp, obj, name, args) {
        return r.map(|_| ());
    }
    match (base_value(obj), value) {
        (Some(b), Some(v)) => crate::runtime::modules::builtins::setitem(interp, &b.clone(), key, v),
        (Some(b), None) => crate::runtime::modules::builtins::delitem(interp, &b.clone(), key),
        _ => type_error(format!("'{}' object {verb}", type_name(obj))),
    }
}

/// `format(v, spec)`: `__format__`, else the builtin base's formatting, else `str(v)` for
/// an empty spec (`object.__format__`).
pub fn format(interp: &mut Interp, v: &Value, spec: &str) -> PyResult<String> {
    if let Some(r) = call_special(interp, v, "__format__", vec![Value::str(spec)]) {
        return match r? {
            Value::Str(s) => Ok(s.as_str().to_string()),
            other => type_error(format!("__format__ must return a str, not {}", type_name(&other))),
        };
    }
    if let Some(b) = base_value(v) {
        if special(v, "__str__").is_none() || !spec.is_empty() {
            return crate::runtime::modules::builtins::format_value(interp, &b.clone(), spec);
        }
    }
    if spec.is_empty() {
        return interp.str(v);
    }
    type_error(format!("unsupported format string passed to {}.__format__", type_name(v)))
}

/// `iter(v)`: `__iter__` (which must give an iterator), else the builtin base's iterator.
/// `None` when the class has neither (the caller's TypeError names the type).
pub fn iter(interp: &mut Interp, v: &Value) -> Option<PyResult<Value>> {
    if let Some(r) = call_special(interp, v, "__iter__", vec![]) {
        return Some(r.and_then(|it| {
            if crate::runtime::model::iter::is_iterator(&it) {
                Ok(it)
            } else {
                type_error(format!("iter() returned non-iterator of type '{}'", type_name(&it)))
            }
        }));
    }
    if special(v, "__getitem__").is_some() {
        return Some(Ok(crate::runtime::model::iter::wrap(crate::runtime::model::iter::IterState::GetItem { obj: v.clone(), i: 0 })));
    }
    let b = base_value(v)?.clone();
    Some(interp.iter(&b))
}

/// `reversed(v)`: `__reversed__`, else `__len__` and `__getitem__` from the end; `None`
/// when the class has neither.
pub fn reversed(interp: &mut Interp, v: &Value) -> Option<PyResult<Value>> {
    if let Some(r) = call_special(interp, v, "__reversed__", vec![]) {
        return Some(r);
    }
    if special(v, "__getitem__").is_none() || special(v, "__len__").is_none() {
        return None;
    }
    Some((|| {
        let n = len(interp, v)?;
        let mut items = Vec::with_capacity(n);
        for i in (0..n).rev() {
            items.push(getitem(interp, v, &Value::Int(i as i64))?);
        }
        Ok(crate::runtime::model::iter::wrap(crate::runtime::model::iter::IterState::Seq {
            items: items.into(),
            i: 0,
            kind: "reversed",
        }))
    })())
}


/// `next(v)` for an iterator whose class is written in Python: `None` at `StopIteration`.
pub fn next(interp: &mut Interp, v: &Value) -> PyResult<Option<Value>> {
    match call_special(interp, v, "__next__", vec![]) {
        Some(Ok(x)) => Ok(Some(x)),
        Some(Err(e)) if e.is(&types().stop_iteration) => Ok(None),
        Some(Err(e)) => Err(e),
        None => type_error(format!("'{}' object is not an iterator", type_name(v))),
    }
}

/// `item in obj`: `__contains__`, else the builtin base's test; `None` when the class has
/// neither (the caller then iterates).
pub fn contains(interp: &mut Interp, obj: &Value, item: &Value) -> Option<PyResult<bool>> {
    if let Some(r) = call_special(interp, obj, "__contains__", vec![item.clone()]) {
        return Some(r.and_then(|v| interp.truthy(&v)));
    }
    if special(obj, "__iter__").is_some() {
        return None;
    }
    let b = base_value(obj)?.clone();
    Some(interp.contains(&b, item))
}

/// `obj(*pos, **kw)` for an instance: its class's `__call__`.
pub fn call_instance(interp: &mut Interp, obj: &Value, pos: Vec<Value>, kw: Vec<(Rc<PyStr>, Value)>) -> PyResult<Value> {
    let Some(f) = user_class(obj).and_then(|c| c.lookup_name(&interp.names.call)) else {
        return type_error(format!("'{}' object is not callable", type_name(obj)));
    };
    call_unbound(interp, &f, obj, pos, kw)
}
