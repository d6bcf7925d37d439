//! `list` methods and the sort behind `list.sort` and `sorted()`.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{index_error, value_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::support::timsort::timsort;
use crate::runtime::types::args::*;
use crate::runtime::types::ops;
use crate::runtime::types::tuple::index_range;
use crate::runtime::types::{eq, Method};
use crate::syntax::ast::CmpOp;
use std::rc::Rc;

/// The receiver of a `list` method (the method tables are chosen by the receiver's type).
fn list_of(this: &Value) -> &Rc<List> {
    let Value::List(x) = this else { unreachable!("a list method called on {}", type_name(this)) };
    x
}

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("append", append),
    ("clear", clear),
    ("copy", copy),
    ("count", count),
    ("extend", extend),
    ("index", index),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("reverse", reverse),
    ("sort", sort),
];

fn append(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let v = sig.one()?;
    l.items.borrow_mut().push(v.clone());
    Ok(Value::None)
}

fn extend(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let v = sig.one()?;
    let items = interp.collect(v)?;
    l.items.borrow_mut().extend(items);
    Ok(Value::None)
}

fn insert(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let pos = sig.pos;
    sig.clinic(2, 2)?;
    let i = int_arg(&pos[0])?;
    let mut items = l.items.borrow_mut();
    let len = items.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    items.insert(at as usize, pos[1].clone());
    Ok(Value::None)
}

fn pop(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let pos = sig.pos;
    sig.clinic(0, 1)?;
    let i = match pos.first() {
        Some(v) => int_arg(v)?,
        None => -1,
    };
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return index_error("pop from empty list");
    }
    match ops::norm_index(i, items.len()) {
        Some(k) => Ok(items.remove(k)),
        None => index_error("pop index out of range"),
    }
}

fn remove(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let x = sig.one()?;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if eq(interp, &item, x)? {
            let mut items = l.items.borrow_mut();
            if i < items.len() {
                let old = items.remove(i);
                drop(items);
                drop(old);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
    value_error("list.remove(x): x not in list")
}

fn index(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let pos = sig.pos;
    sig.clinic(1, 3)?;
    let x = &pos[0];
    let len = l.len();
    let (start, stop) = index_range(pos, len)?;
    let mut i = start;
    while i < stop {
        let Some(item) = l.get(i) else { break };
        if eq(interp, &item, x)? {
            return Ok(Value::Int(i as i64));
        }
        i += 1;
    }
    value_error(format!("{} is not in list", interp.repr(x)?))
}

fn count(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let x = sig.one()?;
    let mut c = 0;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if eq(interp, &item, x)? {
            c += 1;
        }
        i += 1;
    }
    Ok(Value::Int(c))
}

fn sort(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    let a = sig.keywords(&["key", "reverse"], 0)?;
    let key = a[0].clone().filter(|k| !k.is_none());
    let reverse = match &a[1] {
        None => false,
        Some(v) => c_int_arg(v)? != 0,
    };
    list_sort(interp, l, key.as_ref(), reverse)?;
    Ok(Value::None)
}

fn reverse(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    sig.none()?;
    l.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    sig.none()?;
    Ok(Value::list(l.snapshot()))
}

fn clear(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let l = list_of(this);
    sig.none()?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    crate::runtime::model::trash::drop_from_end(old);
    Ok(Value::None)
}

/// `list.sort(key=, reverse=)`: CPython's algorithm, with the list empty while it runs.
fn list_sort(
    interp: &mut Interp,
    l: &Rc<List>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let mut items = std::mem::take(&mut *l.items.borrow_mut());
    let r = sort_values(interp, &mut items, key, reverse);
    let modified = {
        let mut cur = l.items.borrow_mut();
        let modified = !cur.is_empty();
        let old = std::mem::replace(&mut *cur, items);
        drop(cur);
        drop(old);
        modified
    };
    r?;
    if modified {
        return value_error("list modified during sort");
    }
    Ok(())
}

/// Sorts `items` as CPython's `list.sort` does: keys computed first (on a key error the
/// items are unchanged), a stable sort by `<`, and on a comparison error the items left as
/// CPython leaves them. Usable by `sorted()`.
pub fn sort_values(
    interp: &mut Interp,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    if let Some(key) = key {
        let mut pairs = Vec::with_capacity(items.len());
        for v in items.iter() {
            let k = interp.call(key, vec![v.clone()], Vec::new())?;
            pairs.push((k, v.clone()));
        }
        if pairs.len() < 2 {
            return Ok(());
        }
        if reverse {
            pairs.reverse();
        }
        let r = timsort(&mut pairs, &mut |a: &(Value, Value), b: &(Value, Value)| {
            interp.compare(CmpOp::Lt, &a.0, &b.0)
        });
        if reverse {
            pairs.reverse();
        }
        *items = pairs.into_iter().map(|(_, v)| v).collect();
        r
    } else {
        if items.len() < 2 {
            return Ok(());
        }
        if reverse {
            items.reverse();
        }
        let r = timsort(items, &mut |a: &Value, b: &Value| {
            interp.compare(CmpOp::Lt, a, b)
        });
        if reverse {
            items.reverse();
        }
        r
    }
}
