//! Operators on builtin values with CPython's exact semantics: arithmetic with floor division
//! and big ints, comparisons, equality, hashing, truth, containment.

use crate::runtime::model::depth;
use crate::runtime::model::exceptions::{overflow_error, type_error, value_error, zero_division};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::{PyResult, PyStr, Value};
use crate::runtime::support::hash;
use crate::syntax::ast::{BinOp, CmpOp};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// `bool(v)` for everything but instances whose class defines `__bool__` or `__len__`,
/// which `Interp::truthy` asks.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::List(l) => !l.is_empty(),
        Value::Tuple(t) => !t.items.is_empty(),
        Value::Dict(d) => !d.is_empty(),
        Value::Set(s) | Value::FrozenSet(s) => !s.is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::Native(n) => n.truthy(),
        // Without `__bool__` or `__len__` (which only the interpreter can call), an instance
        // of a builtin's subclass is as true as its value.
        Value::Instance(i) => i.base.as_ref().is_none_or(truthy),
        _ => true,
    }
}

pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        _ => None,
    }
}

/// The value as an `i64` if it is an int (or bool) that fits.
pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}

/// Converts an int or float to `f64` for mixed arithmetic (`OverflowError` for huge ints).
pub fn to_f64(v: &Value) -> PyResult<Option<f64>> {
    Ok(match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => Some(bigint_to_f64(b)?),
        _ => None,
    })
}

pub fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => overflow_error("int too large to convert to float"),
    }
}

fn unsupported(op: BinOp, inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    let op = if inplace { op.aug_symbol() } else { op.symbol() };
    type_error(format!("unsupported operand type(s) for {op}: '{}' and '{}'", type_name(a), type_name(b)))
}

/// `a op b` for builtin values.
pub fn binary_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    binary(op, a, b, false)
}

/// `a op= b` for builtin values that are not changed in place: the binary operator, whose
/// TypeError names the augmented operator (`for +=:`), as CPython's `binary_iop1` words it.
pub fn inplace_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    binary(op, a, b, true)
}

/// The operators themselves: `inplace` only words the TypeError. Inlined, with the helpers
/// it was inlined with before, into both entry points, so that `a op b` stays one function
/// in which `inplace` is a constant.
#[inline(always)]
fn binary(op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if let Some(v) = int_op_fast(op, *x, *y) {
            return v;
        }
    }
    // `bool` overrides `&`, `|` and `^` to keep its type when both operands are bools
    // (CPython's `bool_and`, `bool_or`, `bool_xor`); with an int they are int operators.
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinOp::BitAnd => return Ok(Value::Bool(x & y)),
            BinOp::BitOr => return Ok(Value::Bool(x | y)),
            BinOp::BitXor => return Ok(Value::Bool(x ^ y)),
            _ => {}
        }
    }
    // Ints have no `@`: it falls through to the TypeError.
    if is_int(a) && is_int(b) && op != BinOp::MatMult {
        return int_op(op, &to_bigint(a).unwrap_or_default(), &to_bigint(b).unwrap_or_default());
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        if let (Some(x), Some(y)) = (to_f64(a)?, to_f64(b)?) {
            if let Some(r) = float_op(op, x, y) {
                return r;
            }
        }
    }
    sequence_op(op, a, b, inplace)
}

#[inline(always)]
fn int_op_fast(op: BinOp, x: i64, y: i64) -> Option<PyResult<Value>> {
    let r = match op {
        BinOp::Add => x.checked_add(y).map(Value::Int),
        BinOp::Sub => x.checked_sub(y).map(Value::Int),
        BinOp::Mult => x.checked_mul(y).map(Value::Int),
        BinOp::FloorDiv => {
            if y == 0 {
                return Some(zero_division("integer division or modulo by zero"));
            }
            x.checked_div_euclid(y).map(|_| Value::Int(Integer::div_floor(&x, &y)))
        }
        BinOp::Mod => {
            if y == 0 {
                return Some(zero_division("integer modulo by zero"));
            }
            x.checked_rem(y).map(|_| Value::Int(Integer::mod_floor(&x, &y)))
        }
        BinOp::Div => {
            if y == 0 {
                return Some(zero_division("division by zero"));
            }
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                Some(Value::Float(x as f64 / y as f64))
            } else {
                None
            }
        }
        BinOp::BitAnd => Some(Value::Int(x & y)),
        BinOp::BitOr => Some(Value::Int(x | y)),
        BinOp::BitXor => Some(Value::Int(x ^ y)),
        BinOp::LShift => {
            if y < 0 {
                return Some(value_error("negative shift count"));
            }
            if y < 63 && (x.abs() < (1i64 << (62 - y))) {
                Some(Value::Int(x << y))
            } else {
                None
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Some(value_error("negative shift count"));
            }
            Some(Value::Int(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y }))
        }
        BinOp::Pow => {
            if y >= 0 {
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e)).map(Value::Int)
            } else {
                None
            }
        }
        BinOp::MatMult => None,
    };
    r.map(Ok)
}

/// Largest result, in bits, cellar computes for `**` and `<<` before answering MemoryError.
const MAX_INT_BITS: u64 = 1 << 28;

fn int_op(op: BinOp, x: &BigInt, y: &BigInt) -> PyResult<Value> {
    Ok(match op {
        BinOp::Add => Value::bigint(x + y),
        BinOp::Sub => Value::bigint(x - y),
        BinOp::Mult => Value::bigint(x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return zero_division("integer division or modulo by zero");
            }
            Value::bigint(x.div_floor(y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return zero_division("integer modulo by zero");
            }
            Value::bigint(x.mod_floor(y))
        }
        BinOp::Div => {
            if y.is_zero() {
                return zero_division("division by zero");
            }
            Value::Float(int_true_divide(x, y)?)
        }
        BinOp::BitAnd => Value::bigint(x & y),
        BinOp::BitOr => Value::bigint(x | y),
        BinOp::BitXor => Value::bigint(x ^ y),
        BinOp::LShift => {
            if y.is_negative() {
                return value_error("negative shift count");
            }
            let s = y.to_u64().filter(|s| x.bits() + s <= MAX_INT_BITS);
            match s {
                Some(s) => Value::bigint(x << s),
                None if x.is_zero() => Value::Int(0),
                None => return crate::runtime::model::exceptions::memory_error(""),
            }
        }
        BinOp::RShift => {
            if y.is_negative() {
                return value_error("negative shift count");
            }
            match y.to_u64() {
                Some(s) if s < x.bits() + 1 => Value::bigint(x >> s),
                _ => Value::Int(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = (bigint_to_f64(x)?, bigint_to_f64(y)?);
                if fx == 0.0 {
                    return zero_division("0.0 cannot be raised to a negative power");
                }
                return float_op(BinOp::Pow, fx, fy).unwrap_or_else(|| Ok(Value::Float(fx.powf(fy))));
            }
            int_pow(x, y)?
        }
        BinOp::MatMult => unreachable!("binary() does not ask ints for @"),
    })
}

fn int_pow(x: &BigInt, y: &BigInt) -> PyResult<Value> {
    if x.is_zero() || *x == BigInt::from(1) {
        return Ok(Value::bigint(if y.is_zero() { BigInt::from(1) } else { x.clone() }));
    }
    if *x == BigInt::from(-1) {
        return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
    }
    let e = match y.to_u64() {
        Some(e) if e.saturating_mul(x.bits()) <= MAX_INT_BITS => e,
        _ => return crate::runtime::model::exceptions::memory_error(""),
    };
    Ok(Value::bigint(num_traits::pow::Pow::pow(x, e)))
}

/// `x / y` for ints, correctly rounded like CPython even when they do not fit a float.
fn int_true_divide(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(a as f64 / b as f64);
        }
    }
    // Scale so that the quotient has 55+ significant bits, divide exactly, then round once.
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.abs(), y.abs());
    let shift = 60i64 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 { (a << shift as u64, b) } else { (a, b << (-shift) as u64) };
    let (q, r) = num.div_rem(&den);
    let mut q = q;
    if !r.is_zero() {
        q = (q << 1u32) | BigInt::from(1);
    } else {
        q <<= 1u32;
    }
    let exp = -shift - 1;
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let result = if exp > 1023 {
        f64::INFINITY
    } else if exp < -1074 - 64 {
        0.0
    } else {
        qf * 2f64.powi(exp as i32)
    };
    if result.is_infinite() {
        return overflow_error("integer division result too large for a float");
    }
    Ok(if negative { -result } else { result })
}

/// Floor division and modulo of floats as CPython defines them (`float_divmod`).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_op(op: BinOp, x: f64, y: f64) -> Option<PyResult<Value>> {
    let v = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Some(zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Some(zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Some(zero_division("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Some(zero_division("0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                return Some(crate::runtime::model::exceptions::unsupported("complex numbers"));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Some(overflow_error("(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => return None,
    };
    Some(Ok(Value::Float(v)))
}

#[inline(always)]
fn sequence_op(op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyResult<Value> {
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Value::string(s))
        }
        (BinOp::Add, Value::Str(_), _) => {
            type_error(format!("can only concatenate str (not \"{}\") to str", type_name(b)))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = x.snapshot();
            v.extend(y.items.borrow().iter().cloned());
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::List(_), _) => {
            type_error(format!("can only concatenate list (not \"{}\") to list", type_name(b)))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            Ok(Value::tuple(x.items.iter().chain(y.items.iter()).cloned().collect()))
        }
        (BinOp::Add, Value::Tuple(_), _) => {
            type_error(format!("can only concatenate tuple (not \"{}\") to tuple", type_name(b)))
        }
        (BinOp::Mult, seq, n) | (BinOp::Mult, n, seq) if matches!(seq, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
            if !is_int(n) {
                return type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(n)));
            }
            repeat(seq, n)
        }
        (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            crate::runtime::model::set::set_operator(op, a, b)
        }
        (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
            let d = x.copy();
            for (k, v) in y.items() {
                d.set(k, v)?;
            }
            Ok(Value::Dict(crate::runtime::model::gc::new(d)))
        }
        _ => unsupported(op, inplace, a, b),
    }
}

fn repeat(seq: &Value, n: &Value) -> PyResult<Value> {
    let count = match n {
        Value::BigInt(b) if b.is_negative() => 0,
        Value::BigInt(_) => u64::MAX,
        other => as_i64(other).unwrap_or(0).max(0) as u64,
    };
    let unit = match seq {
        Value::Str(s) => s.len(),
        Value::List(l) => l.len(),
        Value::Tuple(t) => t.items.len(),
        _ => 0,
    } as u64;
    if unit > 0 {
        if count.checked_mul(unit).is_none_or(|n| n > isize::MAX as u64) {
            return overflow_error("cannot fit 'int' into an index-sized integer");
        }
        let item_size = if matches!(seq, Value::Str(_)) { 1 } else { std::mem::size_of::<Value>() as u128 };
        crate::runtime::support::limits::reserve(count as u128 * unit as u128 * item_size)?;
    }
    let count = count as usize;
    Ok(match seq {
        Value::Str(s) => Value::string(s.repeat(count)),
        Value::List(l) => {
            let items = l.snapshot();
            let mut v = Vec::with_capacity(items.len() * count);
            for _ in 0..count {
                v.extend(items.iter().cloned());
            }
            Value::list(v)
        }
        Value::Tuple(t) => {
            let mut v = Vec::with_capacity(t.items.len() * count);
            for _ in 0..count {
                v.extend(t.items.iter().cloned());
            }
            Value::tuple(v)
        }
        _ => unreachable!("repeat is only called on sequences"),
    })
}

pub fn unary_neg(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(i.checked_neg().map_or_else(|| Value::bigint(-BigInt::from(*i)), Value::Int)),
        Value::BigInt(b) => Ok(Value::bigint(-(**b).clone())),
        Value::Bool(b) => Ok(Value::Int(-(*b as i64))),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ => type_error(format!("bad operand type for unary -: '{}'", type_name(v))),
    }
}

pub fn unary_pos(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => type_error(format!("bad operand type for unary +: '{}'", type_name(v))),
    }
}

pub fn unary_invert(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(Value::Int(!i)),
        Value::BigInt(b) => Ok(Value::bigint(-(**b).clone() - 1)),
        Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
        _ => type_error(format!("bad operand type for unary ~: '{}'", type_name(v))),
    }
}

/// `a == b`. Containers compare element-wise; anything else by identity.
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Value::None, Value::None) => true,
        (Value::Float(x), Value::Float(y)) => x == y,
        _ if is_number(a) && is_number(b) => num_cmp(a, b)? == Some(Ordering::Equal),
        (Value::List(x), Value::List(y)) => {
            Rc::ptr_eq(x, y) || seq_eq(&x.snapshot(), &y.snapshot())?
        }
        (Value::Tuple(x), Value::Tuple(y)) => Rc::ptr_eq(x, y) || seq_eq(&x.items, &y.items)?,
        (Value::Dict(x), Value::Dict(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            if x.len() != y.len() {
                return Ok(false);
            }
            let _guard = depth::enter(" in comparison")?;
            for (k, v) in x.items() {
                match y.get(&k)? {
                    Some(w) if eq(&v, &w)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) => x.set_eq(y)?,
        (Value::Range(x), Value::Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        (Value::Exception(x), Value::Exception(y)) => Rc::ptr_eq(x, y),
        // Bound methods are equal when they bind the same object to the same function.
        (Value::Method(x), Value::Method(y)) => Rc::ptr_eq(x, y) || (x.receiver.is(&y.receiver) && eq(&x.func, &y.func)?),
        // CPython's `cell_richcompare`: by contents, without an identity shortcut (a cell
        // holding NaN is not equal to itself); two empty cells are equal.
        (Value::Cell(x), Value::Cell(y)) => match (x.get(), y.get()) {
            (Some(p), Some(q)) => eq(&p, &q)?,
            (p, q) => p.is_none() == q.is_none(),
        },
        (Value::Native(x), Value::Native(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            match (x.iter_items(), y.iter_items()) {
                (Some(xs), Some(ys)) if Rc::ptr_eq(&x.type_obj(), &y.type_obj()) => seq_eq(&xs, &ys)?,
                _ => false,
            }
        }
        _ => a.is(b),
    })
}

fn seq_eq(x: &[Value], y: &[Value]) -> PyResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    let _guard = depth::enter(" in comparison")?;
    for (a, b) in x.iter().zip(y) {
        if !(a.is(b) || eq(a, b)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_))
}

/// Compares two numbers exactly (a big int against a float does not round the int).
fn num_cmp(a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
    Ok(match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Float(x), i) => float_int_cmp(*x, &to_bigint(i).unwrap_or_default()),
        (i, Value::Float(y)) => float_int_cmp(*y, &to_bigint(i).unwrap_or_default()).map(Ordering::reverse),
        _ => match (as_i64(a), as_i64(b)) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => Some(to_bigint(a).unwrap_or_default().cmp(&to_bigint(b).unwrap_or_default())),
        },
    })
}

fn float_int_cmp(f: f64, i: &BigInt) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Greater } else { Ordering::Less });
    }
    if let Some(small) = i.to_i64() {
        if small.unsigned_abs() < (1 << 53) {
            return f.partial_cmp(&(small as f64));
        }
    }
    let fl = f.floor();
    let whole = crate::runtime::support::format::float_is_integer_to_bigint(fl)?;
    match whole.cmp(i) {
        Ordering::Equal if f > fl => Some(Ordering::Greater),
        o => Some(o),
    }
}

fn cmp_error(op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
    type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        type_name(a),
        type_name(b)
    ))
}

/// Orders two values for `<`, `<=`, `>`, `>=` (and `sorted`). `None` means unordered (NaN).
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
    if is_number(a) && is_number(b) {
        return num_cmp(a, b);
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.as_str().cmp(y.as_str()))),
        (Value::List(x), Value::List(y)) => seq_cmp(op, &x.snapshot(), &y.snapshot()),
        (Value::Tuple(x), Value::Tuple(y)) => seq_cmp(op, &x.items, &y.items),
        // By contents, as `eq`; an empty cell sorts before any full one.
        (Value::Cell(x), Value::Cell(y)) => match (x.get(), y.get()) {
            (Some(p), Some(q)) => compare(op, &p, &q),
            (p, q) => Ok(Some(p.is_some().cmp(&q.is_some()))),
        },
        _ => cmp_error(op, a, b),
    }
}

fn seq_cmp(op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<Option<Ordering>> {
    let _guard = depth::enter(" in comparison")?;
    for (a, b) in x.iter().zip(y) {
        if !(a.is(b) || eq(a, b)?) {
            return compare(op, a, b);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// Evaluates one comparison operator; `in` and `not in` are `Interp::contains`, which can
/// iterate.
pub fn compare_op(op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(match op {
        CmpOp::Eq => eq(a, b)?,
        CmpOp::NotEq => !eq(a, b)?,
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In | CmpOp::NotIn => unreachable!("Interp::contains decides containment"),
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
            if let (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) = (a, b) {
                return x.compare(op, y);
            }
            let ord = compare(op, a, b)?;
            match (op, ord) {
                (_, None) => false,
                (CmpOp::Lt, Some(o)) => o == Ordering::Less,
                (CmpOp::LtE, Some(o)) => o != Ordering::Greater,
                (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
                (_, Some(o)) => o != Ordering::Less,
            }
        }
    })
}

/// `item in container` for the containers with a test of their own (CPython's
/// `sq_contains`); `None` for the others, which `Interp::contains` searches by iterating.
pub fn contains(container: &Value, item: &Value) -> Option<PyResult<bool>> {
    Some(match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(sub.as_str())),
            _ => type_error(format!("'in <string>' requires string as left operand, not {}", type_name(item))),
        },
        Value::List(l) => any_eq(&l.snapshot(), item),
        Value::Tuple(t) => any_eq(&t.items, item),
        Value::Dict(d) => d.get(item).map(|v| v.is_some()),
        Value::Set(s) | Value::FrozenSet(s) => s.contains(item),
        Value::Range(r) => Ok(match item {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                let Some(i) = to_bigint(item).and_then(|b| b.to_i128()) else { return Some(Ok(false)) };
                let n = r.len();
                n > 0 && {
                    let off = i - r.start;
                    off % r.step == 0 && {
                        let k = off / r.step;
                        k >= 0 && k < n
                    }
                }
            }
            _ => false,
        }),
        _ => return None,
    })
}

fn any_eq(items: &[Value], item: &Value) -> PyResult<bool> {
    for x in items {
        if x.is(item) || eq(x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `hash(v)`, with CPython's values; `TypeError` for unhashable values.
pub fn hash_key(v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Int(i) => hash::hash_i64(*i),
        Value::Str(s) => s.hash(),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash::hash_bigint(b),
        Value::Float(f) => hash::hash_f64(*f, v.address()),
        Value::None => hash::hash_pointer(v.address()),
        Value::Tuple(t) => t.hash(|items| {
            let _guard = depth::enter("")?;
            let mut h = hash::TupleHasher::new();
            for item in items {
                h.push(hash_key(item)?);
            }
            Ok(h.finish())
        })?,
        Value::FrozenSet(s) => s.frozen_hash()?,
        // A cell compares by contents, so like CPython's it has no hash.
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Cell(_) => {
            return type_error(format!("unhashable type: '{}'", type_name(v)));
        }
        Value::Instance(_) | Value::Exception(_) => match crate::runtime::types::object::special(v, "__hash__") {
            Some(Value::None) => return type_error(format!("unhashable type: '{}'", type_name(v))),
            // `Interp::hash` runs it; the operations that reach this table without the
            // interpreter cannot.
            Some(_) => return crate::runtime::model::exceptions::unsupported(&format!(
                "this operation on a {} key (its class defines __hash__)",
                type_name(v)
            )),
            None => match crate::runtime::types::object::base_value(v) {
                Some(b) => hash_key(b)?,
                None => hash::hash_pointer(v.address()),
            },
        },
        _ => hash::hash_pointer(v.address()),
    })
}

/// Key equality for dicts and sets: equality that cannot fail for hashable builtins.
#[inline]
pub fn key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Tuple(x), Value::Tuple(y)) => {
            Rc::ptr_eq(x, y)
                || (x.items.len() == y.items.len() && x.items.iter().zip(y.items.iter()).all(|(p, q)| atom_eq(p, q)))
        }
        _ => atom_eq(a, b),
    }
}

/// `key_eq` for the commonest keys without the general equality's dispatch; anything else
/// (a nested tuple among them) through it.
#[inline]
fn atom_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => a.is(b) || eq(a, b).unwrap_or(false),
    }
}

/// An index or length argument: ints and bools only.
pub fn index_of(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(b) => Ok(if b.is_negative() { i64::MIN } else { i64::MAX }),
        _ => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))),
    }
}

/// Resolves a possibly negative index against `len`; `None` when out of range.
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// `slice.indices(len)`: start, stop, step and the number of items.
pub fn slice_indices(start: &Value, stop: &Value, step: &Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let len = len as i64;
    let step = if step.is_none() { 1 } else { index_of(step)? };
    if step == 0 {
        return value_error("slice step cannot be zero");
    }
    let clamp = |v: &Value, default: i64| -> PyResult<i64> {
        if v.is_none() {
            return Ok(default);
        }
        let mut i = index_of(v)?;
        if i < 0 {
            i = i.saturating_add(len);
            if i < 0 {
                i = if step < 0 { -1 } else { 0 };
            }
        } else if i >= len {
            i = if step < 0 { len - 1 } else { len };
        }
        Ok(i)
    };
    let (lo, hi) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let start = clamp(start, lo)?;
    let stop = clamp(stop, hi)?;
    let n = if step > 0 {
        if stop > start { (stop - start - 1) / step + 1 } else { 0 }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

/// Items `start, start+step, …` of a slice, `n` of them.
pub fn slice_items<T: Clone>(items: &[T], start: i64, step: i64, n: usize) -> Vec<T> {
    (0..n).map(|k| items[(start + k as i64 * step) as usize].clone()).collect()
}

/// A new string made of chars `start, start+step, …`.
pub fn slice_str(s: &PyStr, start: i64, step: i64, n: usize) -> String {
    if s.is_ascii() {
        let b = s.as_bytes();
        (0..n).map(|k| b[(start + k as i64 * step) as usize] as char).collect()
    } else {
        let chars: Vec<char> = s.chars().collect();
        (0..n).map(|k| chars[(start + k as i64 * step) as usize]).collect()
    }
}

