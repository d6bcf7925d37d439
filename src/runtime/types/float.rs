//! `float` methods.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{overflow_error, unsupported, value_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::types::Method;
use crate::runtime::types::args::*;
use num_bigint::BigInt;
use num_traits::Zero;

/// The receiver of a `float` method.
fn float_of(this: &Value) -> f64 {
    let Value::Float(f) = this else { unreachable!("a float method called on {}", type_name(this)) };
    *f
}

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("as_integer_ratio", as_integer_ratio),
    ("conjugate", conjugate),
    ("fromhex", fromhex),
    ("hex", hex),
    ("is_integer", is_integer),
];

fn is_integer(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let f = float_of(this);
    sig.none()?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn conjugate(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let f = float_of(this);
    sig.none()?;
    Ok(Value::Float(f))
}

fn as_integer_ratio(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let f = float_of(this);
    sig.none()?;
    if f.is_infinite() {
        return overflow_error("cannot convert Infinity to integer ratio");
    }
    if f.is_nan() {
        return value_error("cannot convert NaN to integer ratio");
    }
    let (num, den) = float_ratio(f);
    Ok(Value::tuple(vec![Value::bigint(num), Value::bigint(den)]))
}

fn hex(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let f = float_of(this);
    sig.none()?;
    Ok(Value::string(float_hex(f)))
}

fn fromhex(_interp: &mut Interp, _this: &Value, _sig: &Sig) -> PyResult<Value> {
    unsupported("float.fromhex()")
}

/// The exact ratio of a finite float, in lowest terms with a positive denominator.
fn float_ratio(f: f64) -> (BigInt, BigInt) {
    if f == 0.0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    let bits = f.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    exp += tz;
    let mut num = BigInt::from(mant);
    let mut den = BigInt::from(1);
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    if negative {
        num = -num;
    }
    (num, den)
}

/// `float.hex()`: `0x1.8000000000000p+0`.
fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if exp_bits == 0 {
        (0, -1022)
    } else {
        (1, exp_bits - 1023)
    };
    let exp_sign = if exp < 0 { "-" } else { "+" };
    format!("{sign}0x{lead}.{frac:013x}p{exp_sign}{}", exp.abs())
}
