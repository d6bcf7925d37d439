//! `set` and `frozenset` methods.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::key_error;
use crate::runtime::model::set::{hashed_items, set_key_eq, SetObj};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::support::settable::SetTable;
use crate::runtime::types::Method;
use crate::runtime::types::args::*;
use crate::runtime::types::ops;
use std::rc::Rc;

pub(super) fn set_hash(v: &Value) -> PyResult<i64> {
    match v {
        Value::Set(s) => s.frozen_hash(),
        _ => ops::hash_key(v),
    }
}

/// The other operand of a set method, ready for the settable operations.
pub(super) enum Other {
    Set(Rc<SetObj>),
    Dict(Rc<Dict>),
    Items(Vec<Value>),
}

pub(super) fn other_of(interp: &mut Interp, v: &Value) -> PyResult<Other> {
    Ok(match v {
        Value::Set(s) | Value::FrozenSet(s) => Other::Set(s.clone()),
        Value::Dict(d) => Other::Dict(d.clone()),
        _ => Other::Items(interp.collect(v)?),
    })
}

pub(super) fn keys_hashed(d: &Dict) -> Vec<PyResult<(i64, Value)>> {
    d.keys()
        .into_iter()
        .map(|k| ops::hash_key(&k).map(|h| (h, k)))
        .collect()
}

pub(super) fn wrap_set(frozen: bool, t: SetTable<Value>) -> Value {
    let s = crate::runtime::model::gc::new(SetObj::new(t));
    if frozen {
        Value::FrozenSet(s)
    } else {
        Value::Set(s)
    }
}

/// `set_update_internal`.
pub(super) fn update_table(t: &mut SetTable<Value>, other: &Other) -> PyResult<()> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.update_set(&ot, eq)
        }
        Other::Dict(d) => t.update_dict(d.len(), keys_hashed(d), eq),
        Other::Items(items) => t.update_iter(hashed_items(items.clone()), eq),
    }
}

/// `set_intersection`.
pub(super) fn intersect_table(t: &SetTable<Value>, other: &Other) -> PyResult<SetTable<Value>> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.intersection_set(&ot, eq)
        }
        Other::Dict(d) => t.intersection_iter(keys_hashed(d), eq),
        Other::Items(items) => t.intersection_iter(hashed_items(items.clone()), eq),
    }
}

/// `set_difference_update_internal`.
pub(super) fn difference_update_table(t: &mut SetTable<Value>, other: &Other) -> PyResult<()> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.difference_update_set(&ot, eq)
        }
        Other::Dict(d) => t.difference_update_iter(keys_hashed(d), eq),
        Other::Items(items) => t.difference_update_iter(hashed_items(items.clone()), eq),
    }
}

/// `set_difference` (a new table).
fn difference_table(t: &SetTable<Value>, other: &Other) -> PyResult<SetTable<Value>> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.difference_set(&ot, eq)
        }
        Other::Dict(d) => {
            let dd = d.clone();
            t.difference_dict(
                d.len(),
                || keys_hashed(&dd),
                &mut |_h, k: &Value| Ok(d.get(k)?.is_some()),
                eq,
            )
        }
        Other::Items(items) => t.difference_iter(hashed_items(items.clone()), eq),
    }
}

/// A new table with the items of `other` (`make_new_set`).
pub(super) fn table_from(other: &Other) -> PyResult<SetTable<Value>> {
    let mut t = SetTable::new();
    update_table(&mut t, other)?;
    Ok(t)
}

/// The other operands of `union`, `update` and the like: any number of iterables.
fn others_of(interp: &mut Interp, sig: &Sig) -> PyResult<Vec<Other>> {
    sig.no_kw()?;
    let mut others = Vec::with_capacity(sig.pos.len());
    for p in sig.pos {
        others.push(other_of(interp, p)?);
    }
    Ok(others)
}

/// The receiver of a `set` or `frozenset` method.
fn set_of(this: &Value) -> &Rc<SetObj> {
    let (Value::Set(s) | Value::FrozenSet(s)) = this else { unreachable!("a set method called on {}", type_name(this)) };
    s
}

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("add", add),
    ("clear", clear),
    ("copy", copy),
    ("difference", difference),
    ("difference_update", difference_update),
    ("discard", discard),
    ("intersection", intersection),
    ("intersection_update", intersection_update),
    ("isdisjoint", isdisjoint),
    ("issubset", issubset),
    ("issuperset", issuperset),
    ("pop", pop),
    ("remove", remove),
    ("symmetric_difference", symmetric_difference),
    ("symmetric_difference_update", symmetric_difference_update),
    ("union", union),
    ("update", update),
];

/// The methods of `frozenset`: those of `set` that leave the set as it is.
pub const FROZENSET_METHODS: &[Method] = &[
    ("copy", copy),
    ("difference", difference),
    ("intersection", intersection),
    ("isdisjoint", isdisjoint),
    ("issubset", issubset),
    ("issuperset", issuperset),
    ("symmetric_difference", symmetric_difference),
    ("union", union),
];

fn add(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let v = sig.one()?;
    s.add(v.clone())?;
    Ok(Value::None)
}

fn discard(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    discard_or_remove(this, sig, false)
}

fn remove(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    discard_or_remove(this, sig, true)
}

fn discard_or_remove(this: &Value, sig: &Sig, strict: bool) -> PyResult<Value> {
    let s = set_of(this);
    let eq = &mut set_key_eq;
    let v = sig.one()?;
    let h = set_hash(v)?;
    let found = s.table.borrow_mut().discard(h, v, eq)?;
    if !found && strict {
        return key_error(v.clone());
    }
    Ok(Value::None)
}

fn pop(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    sig.none()?;
    let v = s.table.borrow_mut().pop();
    match v {
        Some(v) => Ok(v),
        None => key_error(Value::str("pop from an empty set")),
    }
}

fn clear(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    sig.none()?;
    let old = std::mem::take(&mut *s.table.borrow_mut());
    // Keep CPython's behaviour of an 8-slot table with the old pop finger: a cleared
    // table and a new one iterate alike, so a fresh table is fine here.
    drop(old);
    Ok(Value::None)
}

fn copy(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let frozen = matches!(this, Value::FrozenSet(_));
    sig.none()?;
    if frozen {
        return Ok(this.clone());
    }
    let t = s.table.borrow().copy();
    Ok(wrap_set(false, t))
}

fn union(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let frozen = matches!(this, Value::FrozenSet(_));
    let others = others_of(interp, sig)?;
    let mut t = s.table.borrow().copy();
    for o in &others {
        update_table(&mut t, o)?;
    }
    Ok(wrap_set(frozen, t))
}

fn update(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let others = others_of(interp, sig)?;
    for o in &others {
        if let Other::Set(x) = o {
            if Rc::ptr_eq(x, s) {
                continue;
            }
        }
        let mut t = s.table.borrow_mut();
        update_table(&mut t, o)?;
    }
    Ok(Value::None)
}

fn intersection(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    intersect(interp, this, sig, false)
}

fn intersection_update(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    intersect(interp, this, sig, true)
}

fn intersect(interp: &mut Interp, this: &Value, sig: &Sig, in_place: bool) -> PyResult<Value> {
    let s = set_of(this);
    let frozen = matches!(this, Value::FrozenSet(_));
    let others = others_of(interp, sig)?;
    let mut t = s.table.borrow().copy();
    for o in &others {
        t = match o {
            Other::Set(x) if Rc::ptr_eq(x, s) => t.copy(),
            _ => intersect_table(&t, o)?,
        };
    }
    if !in_place {
        return Ok(wrap_set(frozen, t));
    }
    s.table.borrow_mut().assign_body(t);
    Ok(Value::None)
}

fn difference(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let frozen = matches!(this, Value::FrozenSet(_));
    let others = others_of(interp, sig)?;
    let Some((first, rest)) = others.split_first() else {
        let t = s.table.borrow().copy();
        return Ok(wrap_set(frozen, t));
    };
    let mut t = match first {
        Other::Set(x) if Rc::ptr_eq(x, s) => SetTable::new(),
        _ => difference_table(&s.table.borrow(), first)?,
    };
    for o in rest {
        match o {
            Other::Set(x) if Rc::ptr_eq(x, s) => {
                let snapshot = Other::Items(s.items());
                difference_update_table(&mut t, &snapshot)?
            }
            _ => difference_update_table(&mut t, o)?,
        }
    }
    Ok(wrap_set(frozen, t))
}

fn difference_update(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let others = others_of(interp, sig)?;
    for o in &others {
        if let Other::Set(x) = o {
            if Rc::ptr_eq(x, s) {
                s.table.borrow_mut().clear();
                continue;
            }
        }
        let mut t = s.table.borrow_mut();
        difference_update_table(&mut t, o)?;
    }
    Ok(Value::None)
}

fn symmetric_difference(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let frozen = matches!(this, Value::FrozenSet(_));
    let eq = &mut set_key_eq;
    let o = other_of(interp, sig.one()?)?;
    let mut t = match &o {
        Other::Set(x) if Rc::ptr_eq(x, s) => return Ok(wrap_set(frozen, SetTable::new())),
        _ => table_from(&o)?,
    };
    let mine = s.table.borrow();
    t.symmetric_difference_update_set(&mine, eq)?;
    drop(mine);
    Ok(wrap_set(frozen, t))
}

fn symmetric_difference_update(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let eq = &mut set_key_eq;
    let o = other_of(interp, sig.one()?)?;
    match &o {
        Other::Set(x) if Rc::ptr_eq(x, s) => s.table.borrow_mut().clear(),
        Other::Set(x) => {
            let xt = x.table.borrow();
            s.table
                .borrow_mut()
                .symmetric_difference_update_set(&xt, eq)?;
        }
        Other::Dict(d) => s
            .table
            .borrow_mut()
            .symmetric_difference_update_dict(keys_hashed(d), eq)?,
        Other::Items(items) => s
            .table
            .borrow_mut()
            .symmetric_difference_update_iter(hashed_items(items.clone()), eq)?,
    }
    Ok(Value::None)
}

fn issubset(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let eq = &mut set_key_eq;
    let o = other_of(interp, sig.one()?)?;
    let r = match &o {
        Other::Set(x) => {
            if Rc::ptr_eq(x, s) {
                true
            } else {
                s.table.borrow().is_subset(&x.table.borrow(), eq)?
            }
        }
        _ => {
            let t = table_from(&o)?;
            s.table.borrow().is_subset(&t, eq)?
        }
    };
    Ok(Value::Bool(r))
}

fn issuperset(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let eq = &mut set_key_eq;
    let o = other_of(interp, sig.one()?)?;
    let r = match &o {
        Other::Set(x) => {
            if Rc::ptr_eq(x, s) {
                true
            } else {
                x.table.borrow().is_subset(&s.table.borrow(), eq)?
            }
        }
        Other::Dict(d) => {
            let mut all = true;
            for k in d.keys() {
                if !s.contains(&k)? {
                    all = false;
                    break;
                }
            }
            all
        }
        Other::Items(items) => {
            let mut all = true;
            for k in items {
                if !s.contains(k)? {
                    all = false;
                    break;
                }
            }
            all
        }
    };
    Ok(Value::Bool(r))
}

fn isdisjoint(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = set_of(this);
    let o = other_of(interp, sig.one()?)?;
    let r = match &o {
        Other::Set(x) => {
            if Rc::ptr_eq(x, s) {
                s.is_empty()
            } else {
                s.is_disjoint(x)?
            }
        }
        Other::Dict(d) => {
            let mut none = true;
            for k in d.keys() {
                if s.contains(&k)? {
                    none = false;
                    break;
                }
            }
            none
        }
        Other::Items(items) => {
            let mut none = true;
            for k in items {
                if s.contains(k)? {
                    none = false;
                    break;
                }
            }
            none
        }
    };
    Ok(Value::Bool(r))
}
