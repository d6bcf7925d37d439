//! `range` methods.

use crate::runtime::model::exceptions::value_error;
use crate::runtime::interp::Interp;
use crate::runtime::model::value::*;
use crate::runtime::types::args::*;
use crate::runtime::types::*;
use crate::runtime::types::ops;
use std::rc::Rc;

pub(super) fn range_method(
    interp: &mut Interp,
    r: &RangeObj,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: "range",
        name: n,
        pos,
        kw,
    };
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
    match n {
        "count" => {
            if let Some(i) = as_int {
                return Ok(Value::Int(position(i).is_some() as i64));
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
        _ => {
            if let Some(i) = as_int {
                if let Some(k) = position(i) {
                    return Ok(Value::from_i128(k));
                }
            } else {
                for k in 0..r.len() {
                    interp.check_interrupt()?;
                    if eq(interp, &Value::from_i128(r.item(k)), x)? {
                        return Ok(Value::from_i128(k));
                    }
                }
            }
            value_error(format!("{} is not in range", interp.repr(x)?))
        }
    }
}
