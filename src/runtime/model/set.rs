//! `set` and `frozenset` over `SetTable`, the port of CPython's table, so that a printed set
//! lists its items in the order CPython prints them.

use crate::runtime::model::exceptions::type_error;
use crate::runtime::model::gc::GcHeader;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::{PyErr, PyResult, Value};
use crate::runtime::support::settable::SetTable;
use crate::runtime::types::ops::{hash_key, key_eq};
use crate::syntax::ast::{BinOp, CmpOp};
use std::cell::RefCell;
use std::rc::Rc;

pub struct SetObj {
    pub table: RefCell<SetTable<Value>>,
    pub gc: GcHeader,
}

fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(key_eq(a, b))
}

fn hashed(items: Vec<Value>) -> impl Iterator<Item = PyResult<(i64, Value)>> {
    items.into_iter().map(|v| hash_key(&v).map(|h| (h, v)))
}

impl SetObj {
    pub fn new(table: SetTable<Value>) -> SetObj {
        SetObj { table: RefCell::new(table), gc: GcHeader::default() }
    }
    pub fn from_values(items: Vec<Value>) -> PyResult<SetObj> {
        Ok(SetObj::new(SetTable::from_iter_fallible(hashed(items), &mut eq)?))
    }
    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn items(&self) -> Vec<Value> {
        self.table.borrow().iter().cloned().collect()
    }
    pub fn contains(&self, item: &Value) -> PyResult<bool> {
        let h = match item {
            Value::Set(s) => s.frozen_hash()?,
            _ => hash_key(item)?,
        };
        self.table.borrow().contains(h, item, &mut eq)
    }
    /// The members stored with this hash (see `Dict::keys_with_hash`).
    pub fn items_with_hash(&self, hash: i64) -> Vec<Value> {
        self.table.borrow().entries().filter(|(h, _)| *h == hash).map(|(_, k)| k.clone()).collect()
    }
    /// Adds an item the caller has found equal to no member.
    pub fn add_new(&self, hash: i64, item: Value) -> PyResult<()> {
        self.table.borrow_mut().insert(hash, item, &mut |_, _| Ok::<bool, PyErr>(false))?;
        Ok(())
    }
    /// `add` with the item's hash already computed.
    pub fn add_hashed(&self, hash: i64, item: Value) -> PyResult<()> {
        self.table.borrow_mut().insert(hash, item, &mut eq)?;
        Ok(())
    }
    pub fn add(&self, item: Value) -> PyResult<()> {
        let h = hash_key(&item)?;
        self.table.borrow_mut().insert(h, item, &mut eq)?;
        Ok(())
    }
    /// Removes `item`; false when it was not there.
    pub fn discard(&self, item: &Value) -> PyResult<bool> {
        let h = hash_key(item)?;
        self.table.borrow_mut().discard(h, item, &mut eq)
    }
    pub fn set_eq(&self, other: &SetObj) -> PyResult<bool> {
        if std::ptr::eq(self, other) {
            return Ok(true);
        }
        let (a, b) = (self.table.borrow(), other.table.borrow());
        Ok(a.len() == b.len() && a.is_subset(&b, &mut eq)?)
    }
    /// `<`, `<=`, `>`, `>=` between sets: subset and superset.
    pub fn compare(&self, op: CmpOp, other: &SetObj) -> PyResult<bool> {
        let (a, b) = (self.table.borrow(), other.table.borrow());
        Ok(match op {
            CmpOp::LtE => a.is_subset(&b, &mut eq)?,
            CmpOp::Lt => a.len() < b.len() && a.is_subset(&b, &mut eq)?,
            CmpOp::GtE => b.is_subset(&a, &mut eq)?,
            CmpOp::Gt => b.len() < a.len() && b.is_subset(&a, &mut eq)?,
            _ => false,
        })
    }
    pub fn frozen_hash(&self) -> PyResult<i64> {
        let t = self.table.borrow();
        Ok(crate::runtime::support::hash::hash_frozenset(t.entries().map(|(h, _)| h)))
    }
    pub fn is_disjoint(&self, other: &SetObj) -> PyResult<bool> {
        let (a, b) = (self.table.borrow(), other.table.borrow());
        a.is_disjoint(&b, &mut eq)
    }
}

/// A new `set` of `values`, added in order (a set display or a comprehension).
pub fn new_set(values: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let s = crate::runtime::model::gc::new(SetObj::from_values(values)?);
    Ok(if frozen { Value::FrozenSet(s) } else { Value::Set(s) })
}

/// A set built from any iterable value, taking CPython's fast paths for sets and dicts so
/// that the table comes out the same size as CPython's.
pub fn set_from(interp: &mut crate::runtime::interp::Interp, v: &Value) -> PyResult<SetTable<Value>> {
    match v {
        Value::Set(s) | Value::FrozenSet(s) => {
            let mut t = SetTable::new();
            t.update_set(&s.table.borrow(), &mut eq)?;
            Ok(t)
        }
        Value::Dict(d) => {
            let keys = d.keys();
            SetTable::from_dict(keys.len(), hashed(keys), &mut eq)
        }
        _ => {
            let items = interp.collect(v)?;
            SetTable::from_iter_fallible(hashed(items), &mut eq)
        }
    }
}

fn wrap(like: &Value, t: SetTable<Value>) -> Value {
    let s = crate::runtime::model::gc::new(SetObj::new(t));
    match like {
        Value::FrozenSet(_) => Value::FrozenSet(s),
        _ => Value::Set(s),
    }
}

fn table_of(v: &Value) -> Option<&Rc<SetObj>> {
    match v {
        Value::Set(s) | Value::FrozenSet(s) => Some(s),
        _ => None,
    }
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` for two sets; the result has `a`'s type.
pub fn set_operator(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(y)) = (table_of(a), table_of(b)) else {
        return type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ));
    };
    let same = Rc::ptr_eq(x, y);
    let xt = x.table.borrow();
    let yt_guard;
    let yt = if same {
        &*xt
    } else {
        yt_guard = y.table.borrow();
        &*yt_guard
    };
    let t = match op {
        BinOp::BitOr => xt.union_set(yt, &mut eq)?,
        BinOp::BitAnd => xt.intersection_set(yt, &mut eq)?,
        BinOp::Sub => xt.difference_set(yt, &mut eq)?,
        BinOp::BitXor => xt.symmetric_difference_set(yt, &mut eq)?,
        _ => unreachable!("only set operators reach here"),
    };
    Ok(wrap(a, t))
}

/// `s |= t` and the other in-place operators: `s` changes.
pub fn set_inplace(op: BinOp, s: &Rc<SetObj>, other: &Value) -> PyResult<()> {
    let Some(o) = table_of(other) else {
        return type_error("unsupported operand");
    };
    if Rc::ptr_eq(s, o) {
        let mut t = s.table.borrow_mut();
        match op {
            BinOp::BitOr => {}
            BinOp::Sub | BinOp::BitXor => t.clear(),
            _ => {
                let c = t.copy();
                t.assign_body(c);
            }
        }
        return Ok(());
    }
    let mut t = s.table.borrow_mut();
    let ot = o.table.borrow();
    match op {
        BinOp::BitOr => t.update_set(&ot, &mut eq),
        BinOp::BitAnd => t.intersection_update_set(&ot, &mut eq),
        BinOp::Sub => t.difference_update_set(&ot, &mut eq),
        BinOp::BitXor => t.symmetric_difference_update_set(&ot, &mut eq),
        _ => unreachable!("only set operators reach here"),
    }
}

/// Hashes and keys of a list of values, for the settable's iterable-taking operations.
pub fn hashed_items(items: Vec<Value>) -> impl Iterator<Item = Result<(i64, Value), PyErr>> {
    hashed(items)
}

/// The equality the set tables use.
pub fn set_key_eq(a: &Value, b: &Value) -> PyResult<bool> {
    eq(a, b)
}
