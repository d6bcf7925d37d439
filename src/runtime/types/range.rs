//! `range` methods.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::value_error;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::types::args::*;
use crate::runtime::types::ops;
use crate::runtime::types::{eq, Method};

pub const METHODS: &[Method] = &[("count", count), ("index", index)];

fn count(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let (r, x, found) = find(this, sig)?;
    if let Some(found) = found {
        return Ok(Value::Int(found.is_some() as i64));
    }
    let mut c = 0;
    for k in 0..r.len() {
        interp.check_interrupt()?;
        if eq(interp, &Value::from_i128(r.item(k)), x)? {
            c += 1;
        }
    }
    Ok(Value::Int(c))
}

fn index(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let (r, x, found) = find(this, sig)?;
    match found {
        Some(Some(k)) => return Ok(Value::from_i128(k)),
        Some(None) => {}
        None => {
            for k in 0..r.len() {
                interp.check_interrupt()?;
                if eq(interp, &Value::from_i128(r.item(k)), x)? {
                    return Ok(Value::from_i128(k));
                }
            }
        }
    }
    value_error(format!("{} is not in range", interp.repr(x)?))
}

/// The range, the argument, and for an int argument its position in the range (computed,
/// not searched); `None` for other arguments, which are compared item by item.
fn find<'a>(this: &'a Value, sig: &Sig<'a>) -> PyResult<(&'a RangeObj, &'a Value, Option<Option<i128>>)> {
    let Value::Range(r) = this else { unreachable!("a range method called on {}", type_name(this)) };
    let x = sig.one()?;
    let as_int = match x {
        Value::Int(_) | Value::Bool(_) => ops::as_i64(x).map(i128::from),
        Value::BigInt(b) => num_traits::ToPrimitive::to_i128(&**b),
        _ => None,
    };
    let position = |i: i128| -> Option<i128> {
        let off = i - r.start;
        if off % r.step != 0 {
            return None;
        }
        let k = off / r.step;
        (k >= 0 && k < r.len()).then_some(k)
    };
    Ok((r, x, as_int.map(position)))
}
