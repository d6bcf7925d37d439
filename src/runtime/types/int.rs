//! `int` (and `bool`) methods.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::unsupported;
use crate::runtime::model::value::*;
use crate::runtime::types::Method;
use crate::runtime::types::args::*;
use crate::runtime::types::ops;
use num_traits::Signed;

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("as_integer_ratio", as_integer_ratio),
    ("bit_count", bit_count),
    ("bit_length", bit_length),
    ("conjugate", conjugate),
    ("from_bytes", to_bytes),
    ("to_bytes", to_bytes),
];

fn bit_length(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    sig.none()?;
    Ok(match this {
        Value::Int(i) => Value::Int(64 - i.unsigned_abs().leading_zeros() as i64),
        _ => Value::Int(ops::to_bigint(this).unwrap_or_default().bits() as i64),
    })
}

fn bit_count(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    sig.none()?;
    Ok(match this {
        Value::Int(i) => Value::Int(i.unsigned_abs().count_ones() as i64),
        _ => Value::Int(
            ops::to_bigint(this).unwrap_or_default()
                .abs()
                .to_u32_digits()
                .1
                .iter()
                .map(|d| d.count_ones() as i64)
                .sum(),
        ),
    })
}

fn conjugate(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    sig.none()?;
    ops::unary_pos(this)
}

fn as_integer_ratio(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    sig.none()?;
    Ok(Value::tuple(vec![ops::unary_pos(this)?, Value::Int(1)]))
}

fn to_bytes(_interp: &mut Interp, _this: &Value, _sig: &Sig) -> PyResult<Value> {
    unsupported("bytes")
}
