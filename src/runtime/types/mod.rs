//! What the builtin types do: their methods, operators and reprs.
//!
//! Methods of the builtin types (`str`, `list`, `tuple`, `dict`, `set`, `frozenset`, `int`,
//! `float`, `range`) and the dict views, with CPython 3.11's semantics and error messages.
//!
//! `call_builtin_method` is the one entry point: `obj.name(*pos, **kw)`. Argument checking
//! follows the three conventions CPython's methods use, because each words its errors
//! differently: METH_NOARGS / METH_O (`list.append() takes exactly one argument (0 given)`),
//! Argument Clinic positional-only (`pop expected at most 1 argument, got 2`), old-style
//! `PyArg_ParseTuple` (`find() takes at least 1 argument (0 given)`) and Argument Clinic with
//! keywords (`'foo' is an invalid keyword argument for split()`).

pub mod args;
pub mod dict;
pub mod float;
pub mod int;
pub mod list;
pub mod ops;
pub mod percent;
pub mod range;
pub mod repr;
pub mod set;
pub mod str;
pub mod str_format;
pub mod tuple;

use crate::runtime::model::exceptions::{
    type_error, unsupported,
};
use crate::runtime::interp::Interp;
use crate::runtime::model::iter::DictPart;
use crate::runtime::model::typeobj::{type_name, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::types::set::*;
use crate::runtime::types::tuple::*;
use crate::runtime::types::list::*;
use crate::runtime::types::dict::*;
use crate::runtime::types::str::*;
use crate::runtime::types::int::*;
use crate::runtime::types::float::*;
use crate::runtime::types::range::*;
use crate::syntax::ast::CmpOp;
use std::rc::Rc;


// ------------------------------------------------------------------------------------------
// method tables
// ------------------------------------------------------------------------------------------

const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "find",
    "format",
    "format_map",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
];
const LIST_METHODS: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];
const TUPLE_METHODS: &[&str] = &["count", "index"];
const DICT_METHODS: &[&str] = &[
    "clear",
    "copy",
    "fromkeys",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];
const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];
const FROZENSET_METHODS: &[&str] = &[
    "copy",
    "difference",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "union",
];
const INT_METHODS: &[&str] = &[
    "as_integer_ratio",
    "bit_count",
    "bit_length",
    "conjugate",
    "from_bytes",
    "to_bytes",
];
const FLOAT_METHODS: &[&str] = &[
    "as_integer_ratio",
    "conjugate",
    "fromhex",
    "hex",
    "is_integer",
];
const RANGE_METHODS: &[&str] = &["count", "index"];
const KEYS_METHODS: &[&str] = &["isdisjoint"];
const NO_METHODS: &[&str] = &[];

/// Names of the builtin methods of `obj`'s type, sorted (for `dir()` and attribute lookup).
/// For a builtin type object (`str`, `dict`) the methods of its instances, so that
/// `str.upper` and `dict.fromkeys` resolve.
pub fn method_names(obj: &Value) -> &'static [&'static str] {
    match obj {
        Value::Str(_) => STR_METHODS,
        Value::List(_) => LIST_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Dict(_) => DICT_METHODS,
        Value::Set(_) => SET_METHODS,
        Value::FrozenSet(_) => FROZENSET_METHODS,
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT_METHODS,
        Value::Float(_) => FLOAT_METHODS,
        Value::Range(_) => RANGE_METHODS,
        Value::Native(n) => match n.as_any().downcast_ref::<DictView>() {
            Some(v) if v.part != DictPart::Values => KEYS_METHODS,
            _ => NO_METHODS,
        },
        Value::Type(t) => match builtin_kind(t) {
            Some(k) => names_of_kind(k),
            None => NO_METHODS,
        },
        _ => NO_METHODS,
    }
}

fn names_of_kind(k: TypeKind) -> &'static [&'static str] {
    match k {
        TypeKind::Str => STR_METHODS,
        TypeKind::List => LIST_METHODS,
        TypeKind::Tuple => TUPLE_METHODS,
        TypeKind::Dict => DICT_METHODS,
        TypeKind::Set => SET_METHODS,
        TypeKind::FrozenSet => FROZENSET_METHODS,
        TypeKind::Int | TypeKind::Bool => INT_METHODS,
        TypeKind::Float => FLOAT_METHODS,
        TypeKind::Range => RANGE_METHODS,
        _ => NO_METHODS,
    }
}

/// The kind of `t` when it is one of the builtin types themselves (not a subclass).
fn builtin_kind(t: &Rc<TypeObj>) -> Option<TypeKind> {
    let ty = types();
    let all = [
        &ty.str_,
        &ty.list,
        &ty.tuple,
        &ty.dict,
        &ty.set,
        &ty.frozenset,
        &ty.int,
        &ty.bool_,
        &ty.float,
        &ty.range,
    ];
    all.iter().any(|b| Rc::ptr_eq(b, t)).then_some(t.kind)
}

fn owner_name(obj: &Value) -> &'static str {
    match obj {
        Value::Str(_) => "str",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        Value::Set(_) => "set",
        Value::FrozenSet(_) => "frozenset",
        Value::Int(_) | Value::BigInt(_) => "int",
        Value::Bool(_) => "bool",
        Value::Float(_) => "float",
        Value::Range(_) => "range",
        Value::Type(_) => "type",
        Value::Native(n) => match n.as_any().downcast_ref::<DictView>() {
            Some(v) => v.part.view_name(),
            None => "object",
        },
        _ => "object",
    }
}

/// A bound method object for `obj.name` (so `f = lst.append; f(3)` works).
pub fn bound_method(obj: &Value, name: &'static str) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        owner: Some(owner_name(obj)),
        func: trampoline,
        bound: Some(obj.clone()),
    }))
}

fn trampoline(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let obj = b.bound.clone().unwrap_or(Value::None);
    let name = PyStr::new(b.name);
    match call_builtin_method(interp, &obj, &name, args.pos, args.kw) {
        Some(r) => r,
        None => crate::runtime::model::exceptions::attribute_error(format!(
            "'{}' object has no attribute '{}'",
            type_name(&obj),
            b.name
        )),
    }
}

/// `obj.name(*pos, **kw)` for builtin types; `None` when the type has no builtin method
/// `name` (the caller then falls back to attribute lookup).
pub fn call_builtin_method(
    interp: &mut Interp,
    obj: &Value,
    name: &PyStr,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> Option<PyResult<Value>> {
    let n = builtin_method_name(obj, name)?;
    call_named_method(interp, obj, n, pos, kw)
}

/// The builtin method `name` of `obj`'s type, as the static name its implementation goes by.
pub fn builtin_method_name(obj: &Value, name: &PyStr) -> Option<&'static str> {
    let n = name.as_str();
    method_names(obj).iter().find(|m| **m == n).copied()
}

/// Calls the builtin method `n`, a name `builtin_method_name` gave for this object.
pub fn call_named_method(
    interp: &mut Interp,
    obj: &Value,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> Option<PyResult<Value>> {
    Some(match obj {
        Value::Str(s) => str_method(interp, s, n, pos, kw),
        Value::List(l) => list_method(interp, l, n, pos, kw),
        Value::Tuple(t) => seq_method(interp, "tuple", &t.items, n, pos, kw),
        Value::Dict(d) => dict_method(interp, d, n, pos, kw),
        Value::Set(s) => set_method(interp, obj, s, "set", n, pos, kw),
        Value::FrozenSet(s) => set_method(interp, obj, s, "frozenset", n, pos, kw),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => int_method(obj, n, pos, kw),
        Value::Float(f) => float_method(*f, n, pos, kw),
        Value::Range(r) => range_method(interp, r, n, pos, kw),
        Value::Native(nat) => match nat.as_any().downcast_ref::<DictView>() {
            Some(v) => view_method(interp, v, n, pos, kw),
            None => return None,
        },
        Value::Type(t) => type_method(interp, t, n, pos, kw),
        _ => return None,
    })
}

/// `str.upper("a")`, `list.append(l, x)`, `dict.fromkeys(...)`, `str.maketrans(...)`: a
/// method called through its type.
fn type_method(
    interp: &mut Interp,
    t: &Rc<TypeObj>,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let kind = t.kind;
    match (kind, n) {
        (TypeKind::Dict, "fromkeys") => return dict_fromkeys(interp, pos, kw),
        (TypeKind::Str, "maketrans") => return str_maketrans(interp, pos, kw),
        (TypeKind::Int | TypeKind::Bool, "from_bytes") | (TypeKind::Float, "fromhex") => {
            return unsupported(&format!("{}.{}()", t.name, n))
        }
        _ => {}
    }
    let Some(recv) = pos.first() else {
        return type_error(format!(
            "unbound method {}.{}() needs an argument",
            t.name, n
        ));
    };
    let ok = match kind {
        TypeKind::Int => matches!(recv, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)),
        TypeKind::Set => matches!(recv, Value::Set(_)),
        TypeKind::FrozenSet => matches!(recv, Value::FrozenSet(_)),
        _ => {
            crate::runtime::model::typeobj::type_of(recv).kind == kind
                && !matches!(recv, Value::Native(_) | Value::Exception(_))
        }
    };
    if !ok {
        return type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            n,
            t.name,
            type_name(recv)
        ));
    }
    let name = PyStr::new(n);
    match call_builtin_method(interp, recv, &name, &pos[1..], kw) {
        Some(r) => r,
        None => crate::runtime::model::exceptions::attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            t.name, n
        )),
    }
}

/// `a == b` as `PyObject_RichCompareBool` decides it: identity first, then `==`.
fn eq(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.is(b) || interp.compare(CmpOp::Eq, a, b)?)
}
