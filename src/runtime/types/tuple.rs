//! `tuple` methods, and the `index` arguments `list` shares.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::value_error;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::types::args::*;
use crate::runtime::types::{eq, Method};
use std::rc::Rc;

/// The `start`, `stop` arguments of `index`, resolved against `len` like a slice.
pub(super) fn index_range(pos: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let resolve = |i: i64| -> usize {
        if i < 0 {
            (i.saturating_add(len as i64)).max(0) as usize
        } else {
            (i as u64).min(len as u64) as usize
        }
    };
    let start = resolve(seq_slice_arg(pos.get(1), 0)?);
    let stop = resolve(seq_slice_arg(pos.get(2), i64::MAX)?);
    Ok((start, stop))
}

/// The receiver of a `tuple` method (the method tables are chosen by the receiver's type).
fn tuple_of(this: &Value) -> &Rc<Tuple> {
    let Value::Tuple(x) = this else { unreachable!("a tuple method called on {}", type_name(this)) };
    x
}

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("count", count),
    ("index", index),
];

fn index(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let items = &tuple_of(this).items;
    let ty = sig.ty;
    let pos = sig.pos;
    sig.clinic(1, 3)?;
    let (start, stop) = index_range(pos, items.len())?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if eq(interp, item, &pos[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    value_error(format!("{ty}.index(x): x not in {ty}"))
}

fn count(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let items = &tuple_of(this).items;
    let x = sig.one()?;
    let mut c = 0;
    for item in items {
        if eq(interp, item, x)? {
            c += 1;
        }
    }
    Ok(Value::Int(c))
}
