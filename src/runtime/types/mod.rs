//! What the builtin types do: their methods, operators and reprs.
//!
//! Methods of the builtin types (`str`, `list`, `tuple`, `dict`, `set`, `frozenset`, `int`,
//! `float`, `range`) and the dict views, with CPython 3.11's semantics and error messages.
//! Each type's file has one table from method name to implementation, which serves both
//! `dir()` and calls, so the two cannot disagree. `call_builtin_method` is the entry point
//! for `obj.name(*pos, **kw)`; a call site that has found a method once keeps the table
//! entry (`MethodCache`) and calls it through `call_method`. Argument checking is `args::Sig`.

pub mod args;
pub mod descriptors;
pub mod dict;
pub mod float;
pub mod generator;
pub mod int;
pub mod list;
pub mod object;
pub mod ops;
pub mod percent;
pub mod range;
pub mod repr;
pub mod set;
pub mod str;
pub mod str_format;
pub mod tuple;

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{attribute_error, type_error, unsupported};
use crate::runtime::model::iter::DictPart;
use crate::runtime::model::typeobj::{type_name, type_of, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::syntax::ast::CmpOp;
use args::Sig;
use dict::DictView;
use std::rc::Rc;

/// A builtin method. Its receiver is always of a type whose table lists it; it checks its
/// arguments itself, through `Sig`, in the words of the CPython convention it follows.
pub type MethodFn = fn(&mut Interp, &Value, &Sig) -> PyResult<Value>;

/// A method's name and implementation. Each type's table is sorted by name, for `dir()`.
pub type Method = (&'static str, MethodFn);

/// The builtin methods of `obj`'s type, sorted by name (for `dir()` and attribute lookup).
/// For a builtin type object (`str`, `dict`) the methods of its instances, so that
/// `str.upper` and `dict.fromkeys` resolve.
pub fn methods(obj: &Value) -> &'static [Method] {
    match obj {
        Value::Str(_) => str::METHODS,
        Value::List(_) => list::METHODS,
        Value::Tuple(_) => tuple::METHODS,
        Value::Dict(_) => dict::METHODS,
        Value::Set(_) => set::METHODS,
        Value::FrozenSet(_) => set::FROZENSET_METHODS,
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => int::METHODS,
        Value::Float(_) => float::METHODS,
        Value::Range(_) => range::METHODS,
        Value::Native(n) if n.as_any().is::<crate::runtime::model::generator::Generator>() => generator::METHODS,
        Value::Native(n) => match n.as_any().downcast_ref::<DictView>() {
            Some(v) if v.part != DictPart::Values => dict::KEYS_METHODS,
            _ => &[],
        },
        Value::Type(t) => match builtin_kind(t) {
            Some(k) => methods_of_kind(k),
            None => &[],
        },
        _ => &[],
    }
}

fn methods_of_kind(k: TypeKind) -> &'static [Method] {
    match k {
        TypeKind::Str => str::METHODS,
        TypeKind::List => list::METHODS,
        TypeKind::Tuple => tuple::METHODS,
        TypeKind::Dict => dict::METHODS,
        TypeKind::Set => set::METHODS,
        TypeKind::FrozenSet => set::FROZENSET_METHODS,
        TypeKind::Int | TypeKind::Bool => int::METHODS,
        TypeKind::Float => float::METHODS,
        TypeKind::Range => range::METHODS,
        _ => &[],
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
        Value::Native(n) if n.as_any().is::<crate::runtime::model::generator::Generator>() => {
            n.as_any().downcast_ref::<crate::runtime::model::generator::Generator>().expect("checked").type_name()
        }
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
        None => attribute_error(format!(
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
    let m = builtin_method(obj, name)?;
    Some(call_method(interp, obj, m, pos, kw))
}

/// The builtin method `name` of `obj`'s type.
pub fn builtin_method(obj: &Value, name: &str) -> Option<&'static Method> {
    methods(obj).iter().find(|m| m.0 == name)
}

/// Calls `m`, a method `builtin_method` found for this object.
pub fn call_method(
    interp: &mut Interp,
    obj: &Value,
    m: &'static Method,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    match obj {
        Value::Type(t) => type_method(interp, t, m.0, pos, kw),
        _ => {
            // Errors name `bool`'s methods as `int`'s, as CPython's do.
            let ty = match owner_name(obj) {
                "bool" => "int",
                t => t,
            };
            (m.1)(interp, obj, &Sig { ty, name: m.0, pos, kw })
        }
    }
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
        (TypeKind::Dict, "fromkeys") => return dict::dict_fromkeys(interp, pos, kw),
        (TypeKind::Str, "maketrans") => return str::str_maketrans(interp, pos, kw),
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
            type_of(recv).kind == kind
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
        None => attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            t.name, n
        )),
    }
}

/// `a == b` as `PyObject_RichCompareBool` decides it: identity first, then `==`.
pub(super) fn eq(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.is(b) || interp.compare(CmpOp::Eq, a, b)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_tables_are_sorted() {
        let tables = [
            str::METHODS,
            list::METHODS,
            tuple::METHODS,
            dict::METHODS,
            dict::KEYS_METHODS,
            set::METHODS,
            set::FROZENSET_METHODS,
            int::METHODS,
            float::METHODS,
            range::METHODS,
        ];
        for t in tables {
            let names: Vec<&str> = t.iter().map(|m| m.0).collect();
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        }
    }
}
