//! `math`: CPython's `mathmodule.c` over `f64` and arbitrary-precision ints. Floating-point
//! functions call the same C library routines CPython does (Rust's `f64` methods), and report
//! errors as CPython does: a NaN out of a non-NaN argument is "math domain error", an
//! infinity out of a finite one is "math range error". `fsum`, `hypot` and `dist` use
//! CPython's exact algorithms, so their last bits agree too.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{overflow_error, type_error, value_error};
use crate::runtime::model::iter::{make_iter, next};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::support::format::float_to_bigint_trunc;
use crate::runtime::types::ops::{bigint_to_f64, to_bigint};
use crate::syntax::ast::BinOp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use super::{check_pos, func, new_module};

pub fn module(_interp: &mut Interp) -> Value {
    let mut items: Vec<(&str, Value)> = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    let functions: [(&'static str, BuiltinFn); 51] = [
        ("sqrt", sqrt),
        ("cbrt", cbrt),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("pow", pow),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("atan2", atan2),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("asinh", asinh),
        ("acosh", acosh),
        ("atanh", atanh),
        ("degrees", degrees),
        ("radians", radians),
        ("fabs", fabs),
        ("copysign", copysign),
        ("fmod", fmod),
        ("remainder", remainder),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("hypot", hypot),
        ("dist", dist),
        ("fsum", fsum),
        ("prod", prod),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("isfinite", isfinite),
        ("isinf", isinf),
        ("isnan", isnan),
        ("isclose", isclose),
        ("gcd", gcd),
        ("lcm", lcm),
        ("factorial", factorial),
        ("comb", comb),
        ("perm", perm),
        ("isqrt", isqrt),
        ("ulp", ulp),
        ("nextafter", nextafter),
    ];
    items.extend(functions.into_iter().map(|(name, f)| (name, func(name, f))));
    new_module("math", items)
}

// ----- conversions -----

/// `PyFloat_AsDouble`: an int or float as `f64`; anything else is "must be real number".
fn real(v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => bigint_to_f64(b),
        _ => type_error(format!("must be real number, not {}", type_name(v))),
    }
}

/// `PyNumber_Index`: an int, or "'float' object cannot be interpreted as an integer".
fn integer(v: &Value) -> PyResult<BigInt> {
    match to_bigint(v) {
        Some(i) => Ok(i),
        None => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))),
    }
}

/// The argument of a one-argument function; CPython names these `math.sqrt()` in its
/// messages, the others by their bare name.
fn one_arg<'a>(name: &str, args: &Args<'a>) -> PyResult<&'a Value> {
    check_pos(&format!("math.{name}"), args, 1, 1)?;
    Ok(&args.pos[0])
}

fn one_real(name: &str, args: &Args) -> PyResult<f64> {
    real(one_arg(name, args)?)
}

fn two_reals(name: &str, args: &Args) -> PyResult<(f64, f64)> {
    check_pos(name, args, 2, 2)?;
    Ok((real(&args.pos[0])?, real(&args.pos[1])?))
}

/// CPython's `is_error` after a libm call: NaN from a non-NaN input is a domain error, an
/// infinity from a finite input a range error (when the function can overflow at all).
fn checked(x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return value_error("math domain error");
    }
    if r.is_infinite() && x.is_finite() {
        return if can_overflow { overflow_error("math range error") } else { value_error("math domain error") };
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($($name:ident => $f:expr, $overflow:expr;)*) => {$(
        fn $name(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
            let x = one_real(b.name, &args)?;
            let f: fn(f64) -> f64 = $f;
            checked(x, f(x), $overflow)
        }
    )*};
}

/// The C library's own `cbrt`, which CPython calls. Rust's `f64::cbrt` is a pure-Rust port
/// that rounds some results differently, and it also takes the symbol `cbrt` in the binary,
/// so glibc's routine is reached by its `_Float64` alias.
fn libm_cbrt(x: f64) -> f64 {
    extern "C" {
        #[link_name = "cbrtf64"]
        fn glibc_cbrt(x: f64) -> f64;
    }
    // SAFETY: `cbrt` is a pure function of a double, with no pointers or global state.
    unsafe { glibc_cbrt(x) }
}

unary! {
    cbrt => libm_cbrt, false;
    exp => f64::exp, true;
    exp2 => f64::exp2, true;
    expm1 => f64::exp_m1, true;
    sin => f64::sin, false;
    cos => f64::cos, false;
    tan => f64::tan, false;
    asin => f64::asin, false;
    acos => f64::acos, false;
    atan => f64::atan, false;
    sinh => f64::sinh, true;
    cosh => f64::cosh, true;
    tanh => f64::tanh, false;
    asinh => f64::asinh, false;
    acosh => f64::acosh, false;
    atanh => f64::atanh, false;
    fabs => f64::abs, false;
}

/// Plain products in CPython too: no range check, so a huge angle is just infinity.
fn degrees(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Float(one_real(b.name, &args)? * (180.0 / std::f64::consts::PI)))
}

fn radians(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Float(one_real(b.name, &args)? * (std::f64::consts::PI / 180.0)))
}

fn sqrt(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let x = one_real(b.name, &args)?;
    if x < 0.0 {
        return value_error("math domain error");
    }
    Ok(Value::Float(x.sqrt()))
}

// ----- logarithms -----

/// CPython's `loghelper`: `func` of an int or float, where an int too big for a float is
/// taken as `m * 2**e` (`_PyLong_Frexp`) and its log is `func(m) + func(2) * e`.
fn log_of(v: &Value, func: fn(f64) -> f64) -> PyResult<f64> {
    if let Value::BigInt(b) = v {
        if !b.is_positive() {
            return value_error("math domain error");
        }
        if let Some(f) = b.to_f64().filter(|f| f.is_finite()) {
            return Ok(func(f));
        }
        let (m, e) = big_frexp(b);
        return Ok(func(m) + func(2.0) * e as f64);
    }
    if matches!(v, Value::Int(_) | Value::Bool(_)) && real(v)? <= 0.0 {
        return value_error("math domain error");
    }
    let x = real(v)?;
    if x.is_nan() || x == f64::INFINITY {
        return Ok(x);
    }
    if x <= 0.0 {
        return value_error("math domain error");
    }
    Ok(func(x))
}

/// `_PyLong_Frexp` for a positive int: `(m, e)` with `0.5 <= m < 1`, `m` correctly rounded.
fn big_frexp(b: &BigInt) -> (f64, u64) {
    let bits = b.bits();
    let shift = bits.saturating_sub(55);
    let top = (b >> shift).to_u64().unwrap_or(u64::MAX);
    // A sticky bit stands for every bit shifted out, so the conversion rounds as if it
    // had seen them all.
    let sticky = (shift > 0 && b.trailing_zeros().unwrap_or(0) < shift) as u64;
    let m = (top | sticky) as f64 / 2f64.powi((bits - shift) as i32);
    if m == 1.0 {
        (0.5, bits + 1)
    } else {
        (m, bits)
    }
}

fn log(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    if !(1..=2).contains(&args.pos.len()) {
        return type_error("math.log requires 1 to 2 arguments");
    }
    super::no_kwargs(b.name, &args)?;
    let num = log_of(&args.pos[0], f64::ln)?;
    let Some(base) = args.pos.get(1) else {
        return Ok(Value::Float(num));
    };
    let den = log_of(base, f64::ln)?;
    if den == 0.0 {
        return Err(PyErr::new(&crate::runtime::model::typeobj::types().zero_division_error, "float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn log2(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Float(log_of(one_arg(b.name, &args)?, f64::log2)?))
}

fn log10(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Float(log_of(one_arg(b.name, &args)?, f64::log10)?))
}

fn log1p(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let x = one_real(b.name, &args)?;
    if x <= -1.0 {
        return value_error("math domain error");
    }
    Ok(Value::Float(x.ln_1p()))
}

// ----- two-argument float functions -----

/// `math.pow`: C99's special cases, then CPython's domain and range checks.
fn pow(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals(b.name, &args)?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() {
            return value_error("math domain error");
        }
        if r.is_infinite() {
            return if x == 0.0 { value_error("math domain error") } else { overflow_error("math range error") };
        }
    }
    Ok(Value::Float(r))
}

fn atan2(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (y, x) = two_reals(b.name, &args)?;
    Ok(Value::Float(y.atan2(x)))
}

fn copysign(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals(b.name, &args)?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals(b.name, &args)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return value_error("math domain error");
    }
    Ok(Value::Float(r))
}

/// IEEE 754 remainder: `x - n*y` with `n` the integer nearest `x/y`, ties to even.
fn remainder(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals(b.name, &args)?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return value_error("math domain error");
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    let (absx, absy) = (x.abs(), y.abs());
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // Half-way: the even multiple wins.
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(Value::Float(1.0f64.copysign(x) * r))
}

fn modf(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let x = one_real(b.name, &args)?;
    if x.is_infinite() {
        return Ok(Value::tuple(vec![Value::Float(0.0f64.copysign(x)), Value::Float(x)]));
    }
    let whole = x.trunc();
    Ok(Value::tuple(vec![Value::Float((x - whole).copysign(x)), Value::Float(whole)]))
}

fn frexp(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let x = one_real(b.name, &args)?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let (m, e) = split_exponent(x);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

/// C's `frexp` for a finite non-zero `x`: `x == m * 2**e` with `0.5 <= |m| < 1`.
fn split_exponent(x: f64) -> (f64, i32) {
    // Subnormals are scaled into the normal range first, so the exponent bits mean what
    // they say.
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(64), -64) } else { (x, 0) };
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e + adjust)
}

fn ldexp(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 2, 2)?;
    let x = real(&args.pos[0])?;
    let e = match &args.pos[1] {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => integer(&args.pos[1])?,
        _ => return type_error("Expected an int as second argument to ldexp."),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let e = e.to_i64().unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX }).clamp(-2200, 2200) as i32;
    // Two steps, so that an exponent past the normal range does not overflow the scale.
    let r = x * 2f64.powi(e / 2) * 2f64.powi(e - e / 2);
    if r.is_infinite() {
        return overflow_error("math range error");
    }
    Ok(Value::Float(r))
}

fn ulp(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let x = one_real(b.name, &args)?.abs();
    if !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let up = next_toward(x, f64::INFINITY);
    if up.is_infinite() {
        return Ok(Value::Float(x - next_toward(x, 0.0)));
    }
    Ok(Value::Float(up - x))
}

fn nextafter(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals(b.name, &args)?;
    Ok(Value::Float(next_toward(x, y)))
}

/// C's `nextafter`: the float next to `x` in the direction of `y`.
fn next_toward(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let away_from_zero = (y > x) == (x > 0.0);
    f64::from_bits(if away_from_zero { bits + 1 } else { bits - 1 })
}

// ----- norms and sums -----

/// `x * y` exactly, as the rounded product and its error.
fn exact_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// `a + b` exactly when `|a| >= |b|`, as the rounded sum and its error.
fn exact_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

/// CPython's `vector_norm`: the Euclidean norm of non-negative coordinates whose largest is
/// `max`, computed as if in doubled precision so that it is faithfully rounded.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = split_exponent(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = 2f64.powi(-max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let (hi, lo) = exact_mul(x * scale, x * scale);
        let (sum, err) = exact_fast_sum(csum, hi);
        csum = sum;
        frac1 += lo;
        frac2 += err;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = exact_mul(-h, h);
    let (sum, err) = exact_fast_sum(csum, hi);
    let x = sum - 1.0 + ((frac1 + lo) + (frac2 + err));
    h += x / (2.0 * h);
    h / scale
}

fn norm_of(coordinates: impl Iterator<Item = PyResult<f64>>) -> PyResult<f64> {
    let mut vec = Vec::new();
    let (mut max, mut found_nan) = (0.0f64, false);
    for x in coordinates {
        let x = x?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    Ok(vector_norm(&mut vec, max, found_nan))
}

fn hypot(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs(&format!("math.{}", b.name), &args)?;
    Ok(Value::Float(norm_of(args.pos.iter().map(real))?))
}

fn dist(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 2, 2)?;
    let p = collect(interp, &args.pos[0])?;
    let q = collect(interp, &args.pos[1])?;
    if p.len() != q.len() {
        return value_error("both points must have the same number of dimensions");
    }
    Ok(Value::Float(norm_of(p.iter().zip(&q).map(|(p, q)| Ok(real(p)? - real(q)?)))?))
}

fn collect(interp: &mut Interp, v: &Value) -> PyResult<Vec<Value>> {
    let it = make_iter(interp, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(interp, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// `fsum`: Shewchuk's exact summation into non-overlapping partials, then CPython's
/// correctly rounded total (`msum` in `mathmodule.c`).
fn fsum(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let it = make_iter(interp, one_arg(b.name, &args)?)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = next(interp, &it)? {
        let mut x = real(&item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite partial is either an infinite input or an overflow.
                if xsave.is_finite() {
                    return overflow_error("intermediate overflow in fsum");
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return value_error("-inf + inf in fsum");
        }
        return Ok(Value::Float(special_sum));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even when the partials left below would tip the rounding.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn prod(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        return type_error(format!("prod() takes exactly 1 positional argument ({} given)", args.pos.len()));
    }
    let mut total = Value::Int(1);
    for (k, v) in args.kw {
        if k.as_str() != "start" {
            return type_error(format!("'{}' is an invalid keyword argument for {}()", k.as_str(), b.name));
        }
        total = v.clone();
    }
    let it = make_iter(interp, &args.pos[0])?;
    while let Some(x) = next(interp, &it)? {
        total = interp.binary_op(BinOp::Mult, &total, &x)?;
    }
    Ok(total)
}

// ----- rounding to ints -----

/// `floor`, `ceil` and `trunc`: an int stays itself; a float becomes the int it rounds to.
fn to_int(args: &Args, name: &str, round: fn(f64) -> f64) -> PyResult<Value> {
    let v = one_arg(name, args)?;
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(x) => {
            if x.is_nan() {
                return value_error("cannot convert float NaN to integer");
            }
            match float_to_bigint_trunc(round(*x)) {
                Some(i) => Ok(Value::bigint(i)),
                None => overflow_error("cannot convert float infinity to integer"),
            }
        }
        _ if name == "trunc" => type_error(format!("type {} doesn't define __trunc__ method", type_name(v))),
        _ => type_error(format!("must be real number, not {}", type_name(v))),
    }
}

fn floor(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    to_int(&args, b.name, f64::floor)
}

fn ceil(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    to_int(&args, b.name, f64::ceil)
}

fn trunc(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    to_int(&args, b.name, f64::trunc)
}

// ----- predicates -----

fn isfinite(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_real(b.name, &args)?.is_finite()))
}

fn isinf(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_real(b.name, &args)?.is_infinite()))
}

fn isnan(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_real(b.name, &args)?.is_nan()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`, by CPython's symmetric test.
fn isclose(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return type_error(match args.pos.len() {
            0 => "isclose() missing required argument 'a' (pos 1)".to_string(),
            1 => "isclose() missing required argument 'b' (pos 2)".to_string(),
            n => format!("isclose() takes exactly 2 positional arguments ({n} given)"),
        });
    }
    let (a, bb) = (real(&args.pos[0])?, real(&args.pos[1])?);
    let (mut rel_tol, mut abs_tol) = (1e-9, 0.0);
    for (k, v) in args.kw {
        match k.as_str() {
            "rel_tol" => rel_tol = real(v)?,
            "abs_tol" => abs_tol = real(v)?,
            other => return type_error(format!("{}() got an unexpected keyword argument '{other}'", b.name)),
        }
    }
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return value_error("tolerances must be non-negative");
    }
    if a == bb {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || bb.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (bb - a).abs();
    Ok(Value::Bool(diff <= (rel_tol * bb).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol))
}

// ----- integer functions -----

fn gcd(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs(&format!("math.{}", b.name), &args)?;
    let mut g = BigInt::zero();
    for v in args.pos {
        g = g.gcd(&integer(v)?);
    }
    Ok(Value::bigint(g))
}

fn lcm(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs(&format!("math.{}", b.name), &args)?;
    let mut l = BigInt::one();
    for v in args.pos {
        let x = integer(v)?;
        l = if l.is_zero() || x.is_zero() { BigInt::zero() } else { l.lcm(&x) };
    }
    Ok(Value::bigint(l))
}

fn factorial(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let n = integer(one_arg(b.name, &args)?)?;
    if n.is_negative() {
        return value_error("factorial() not defined for negative values");
    }
    let Some(n) = n.to_u64() else {
        return overflow_error("factorial() argument should not exceed 9223372036854775807");
    };
    Ok(Value::bigint(product(1, n)))
}

/// `lo * (lo+1) * ... * hi`, split in halves so that the big multiplications are balanced.
fn product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        return (lo..=hi).fold(BigInt::one(), |acc, k| acc * k);
    }
    let mid = lo + (hi - lo) / 2;
    product(lo, mid) * product(mid + 1, hi)
}

/// The `n` and `k` of `comb` and `perm`, with CPython's checks.
fn n_and_k(n: &Value, k: &Value) -> PyResult<Option<(u64, u64)>> {
    let (n, k) = (integer(n)?, integer(k)?);
    if n.is_negative() {
        return value_error("n must be a non-negative integer");
    }
    if k.is_negative() {
        return value_error("k must be a non-negative integer");
    }
    if k > n {
        return Ok(None);
    }
    match (n.to_u64(), k.to_u64()) {
        (Some(n), Some(k)) => Ok(Some((n, k))),
        _ => overflow_error("min(n - k, k) must not exceed 9223372036854775807"),
    }
}

fn comb(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 2, 2)?;
    let Some((n, k)) = n_and_k(&args.pos[0], &args.pos[1])? else {
        return Ok(Value::Int(0));
    };
    let k = k.min(n - k);
    Ok(Value::bigint(product(n - k + 1, n) / product(1, k)))
}

fn perm(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 1, 2)?;
    let Some(k) = args.pos.get(1).filter(|k| !k.is_none()) else {
        return factorial_of(&args.pos[0]);
    };
    let Some((n, k)) = n_and_k(&args.pos[0], k)? else {
        return Ok(Value::Int(0));
    };
    Ok(Value::bigint(product(n - k + 1, n)))
}

fn factorial_of(n: &Value) -> PyResult<Value> {
    let n = integer(n)?;
    if n.is_negative() {
        return value_error("n must be a non-negative integer");
    }
    match n.to_u64() {
        Some(n) => Ok(Value::bigint(product(1, n))),
        None => overflow_error("n must not exceed 9223372036854775807"),
    }
}

fn isqrt(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let n = integer(one_arg(b.name, &args)?)?;
    if n.is_negative() {
        return value_error("isqrt() argument must be nonnegative");
    }
    Ok(Value::bigint(n.sqrt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_exponent_is_c_frexp() {
        assert_eq!(split_exponent(8.0), (0.5, 4));
        assert_eq!(split_exponent(-3.0), (-0.75, 2));
        assert_eq!(split_exponent(f64::from_bits(1)), (0.5, -1073));
    }

    #[test]
    fn vector_norm_is_exact_on_pythagorean_triples() {
        assert_eq!(vector_norm(&mut [3.0, 4.0], 4.0, false), 5.0);
        assert_eq!(vector_norm(&mut [5.0, 12.0], 12.0, false), 13.0);
    }
}
