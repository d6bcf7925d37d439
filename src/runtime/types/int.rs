//! `int` (and `bool`) methods.

use crate::runtime::model::exceptions::unsupported;
use crate::runtime::model::value::*;
use crate::runtime::types::args::*;
use crate::runtime::types::*;
use crate::runtime::types::ops;
use num_traits::Signed;
use std::rc::Rc;

pub(super) fn int_method(
    obj: &Value,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let ty = if matches!(obj, Value::Bool(_)) {
        "bool"
    } else {
        "int"
    };
    let sig = Sig {
        ty: "int",
        name: n,
        pos,
        kw,
    };
    let _ = ty;
    let big = || ops::to_bigint(obj).unwrap_or_default();
    match n {
        "bit_length" => {
            sig.none()?;
            Ok(match obj {
                Value::Int(i) => Value::Int(64 - i.unsigned_abs().leading_zeros() as i64),
                _ => Value::Int(big().bits() as i64),
            })
        }
        "bit_count" => {
            sig.none()?;
            Ok(match obj {
                Value::Int(i) => Value::Int(i.unsigned_abs().count_ones() as i64),
                _ => Value::Int(
                    big()
                        .abs()
                        .to_u32_digits()
                        .1
                        .iter()
                        .map(|d| d.count_ones() as i64)
                        .sum(),
                ),
            })
        }
        "conjugate" => {
            sig.none()?;
            ops::unary_pos(obj)
        }
        "as_integer_ratio" => {
            sig.none()?;
            Ok(Value::tuple(vec![ops::unary_pos(obj)?, Value::Int(1)]))
        }
        "to_bytes" | "from_bytes" => unsupported("bytes"),
        _ => unsupported(&format!("int.{n}()")),
    }
}
