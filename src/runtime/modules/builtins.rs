//! The builtins namespace: functions (`print`, `len`, `sorted`, …), constructors of the
//! builtin types, subscripting, and `format()`.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::iter::{self, IterState};
use crate::runtime::model::set::{new_set, set_from, SetObj};
use crate::runtime::model::typeobj::{type_name, type_of, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::sys::Stream;
use crate::runtime::support::format;
use crate::runtime::types::ops::{self, index_of, norm_index, slice_indices, to_bigint};
use crate::runtime::types::object;
use crate::syntax::ast::CmpOp;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::any::Any;
use std::rc::Rc;

/// Names the interpreter looks up itself, interned once.
pub struct Names {
    pub annotations: Rc<PyStr>,
    pub underscore: Rc<PyStr>,
    /// The special methods asked for on every call of an object or store to an attribute.
    pub call: Rc<PyStr>,
    pub setattr: Rc<PyStr>,
    pub delattr: Rc<PyStr>,
    pub getattr: Rc<PyStr>,
}

impl Names {
    pub fn new() -> Names {
        let name = |s: &str| Rc::new(PyStr::new(s));
        Names {
            annotations: name("__annotations__"),
            underscore: name("_"),
            call: name("__call__"),
            setattr: name("__setattr__"),
            delattr: name("__delattr__"),
            getattr: name("__getattr__"),
        }
    }
}

impl Default for Names {
    fn default() -> Self {
        Names::new()
    }
}

pub fn builtin(name: &'static str, func: BuiltinFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name, owner: None, func, bound: None }))
}

/// Fills the builtins namespace.
pub fn install(interp: &mut Interp) {
    let b = interp.builtins.clone();
    let t = types();
    for ty in [
        &t.int, &t.float, &t.str_, &t.bool_, &t.list, &t.tuple, &t.dict, &t.set, &t.frozenset, &t.range,
        &t.type_, &t.object,
    ] {
        b.set_str(&ty.name, Value::Type(ty.clone()));
    }
    for ty in t.exception_classes() {
        b.set_str(&ty.name.clone(), Value::Type(ty));
    }
    b.set_str("slice", Value::Type(slice_type()));
    for ty in crate::runtime::types::descriptors::descriptor_types() {
        b.set_str(&ty.name.clone(), Value::Type(ty));
    }
    for name in ["enumerate", "zip", "map", "filter", "reversed"] {
        b.set_str(name, Value::Type(iter::iter_type(name)));
    }
    let funcs: &[(&'static str, BuiltinFn)] = &[
        ("print", bi_print),
        ("len", bi_len),
        ("repr", bi_repr),
        ("ascii", bi_ascii),
        ("id", bi_id),
        ("hash", bi_hash),
        ("isinstance", bi_isinstance),
        ("issubclass", bi_issubclass),
        ("callable", bi_callable),
        ("abs", bi_abs),
        ("min", bi_min),
        ("max", bi_max),
        ("sum", bi_sum),
        ("sorted", bi_sorted),
        ("any", bi_any),
        ("all", bi_all),
        ("iter", bi_iter),
        ("next", bi_next),
        ("round", bi_round),
        ("divmod", bi_divmod),
        ("pow", bi_pow),
        ("chr", bi_chr),
        ("ord", bi_ord),
        ("hex", bi_hex),
        ("bin", bi_bin),
        ("oct", bi_oct),
        ("format", bi_format),
        ("getattr", bi_getattr),
        ("setattr", bi_setattr),
        ("hasattr", bi_hasattr),
        ("delattr", bi_delattr),
        ("globals", bi_globals),
        ("locals", bi_locals),
        ("vars", bi_vars),
        ("dir", bi_dir),
        ("open", bi_confined),
        ("eval", bi_confined),
        ("exec", bi_confined),
        ("compile", bi_confined),
        ("input", bi_input),
        ("breakpoint", bi_confined),
        ("__import__", bi_import),
    ];
    for (name, f) in funcs {
        b.set_str(name, builtin(name, *f));
    }
    super::site::install(&b);
    b.set_str("None", Value::None);
    b.set_str("Ellipsis", Value::Ellipsis);
    b.set_str("NotImplemented", Value::NotImplemented);
    b.set_str("__name__", Value::str("builtins"));
}

// ----- argument helpers -----

fn no_kwargs(name: &str, a: &Args) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        type_error(format!("{name}() takes no keyword arguments"))
    }
}

fn exactly_one<'a>(name: &str, a: &'a Args) -> PyResult<&'a Value> {
    no_kwargs(name, a)?;
    if a.pos.len() != 1 {
        return type_error(format!("{name}() takes exactly one argument ({} given)", a.pos.len()));
    }
    Ok(&a.pos[0])
}

fn arg_range(name: &str, a: &Args, min: usize, max: usize) -> PyResult<()> {
    let n = a.pos.len();
    if n < min {
        if min == max {
            return type_error(format!("{name} expected {min} argument{}, got {n}", if min == 1 { "" } else { "s" }));
        }
        return type_error(format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" }));
    }
    if n > max {
        return type_error(format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" }));
    }
    Ok(())
}

fn check_kwargs(name: &str, a: &Args, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in a.kw {
        if !allowed.contains(&k.as_str()) {
            return type_error(format!("{name}() got an unexpected keyword argument '{}'", k.as_str()));
        }
    }
    Ok(())
}

// ----- builtin functions -----

fn bi_print(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    check_kwargs("print", &a, &["sep", "end", "file", "flush"])?;
    let text_arg = |name: &str, default: &str| -> PyResult<String> {
        match a.kwarg(name) {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            Some(other) => type_error(format!("{name} must be None or a string, not {}", type_name(other))),
        }
    };
    let sep = text_arg("sep", " ")?;
    let end = text_arg("end", "\n")?;
    let to_stderr = match a.kwarg("file") {
        None | Some(Value::None) => false,
        Some(Value::Native(n)) if n.as_any().is::<Stream>() => n.as_any().downcast_ref::<Stream>().is_some_and(|s| s.err),
        Some(_) => return unsupported("print(file=...) to anything but sys.stdout and sys.stderr"),
    };
    let mut out = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&interp.str(v)?);
    }
    out.push_str(&end);
    if to_stderr {
        interp.write_err(&out);
        Ok(Value::None)
    } else {
        interp.write_out(&out)?;
        Ok(Value::None)
    }
}

/// `len(v)`, for the builtins that need it.
pub fn len_of(v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.len(),
        Value::Tuple(t) => t.items.len(),
        Value::Dict(d) => d.len(),
        Value::Set(s) | Value::FrozenSet(s) => s.len(),
        Value::Range(r) => match usize::try_from(r.len()).ok().filter(|&n| n <= isize::MAX as usize) {
            Some(n) => n,
            None => return overflow_error("Python int too large to convert to C ssize_t"),
        },
        Value::Native(n) => match n.len() {
            Some(l) => l,
            None => return type_error(format!("object of type '{}' has no len()", type_name(v))),
        },
        _ => return type_error(format!("object of type '{}' has no len()", type_name(v))),
    })
}

fn bi_len(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("len", &a)?;
    if object::user_class(v).is_some() {
        return Ok(Value::Int(object::len(interp, v)? as i64));
    }
    Ok(Value::Int(len_of(v)? as i64))
}

fn bi_repr(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("repr", &a)?;
    Ok(Value::string(interp.repr(v)?))
}

fn bi_ascii(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("ascii", &a)?;
    Ok(Value::string(crate::runtime::types::repr::ascii(&interp.repr(v)?)))
}

fn bi_id(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("id", &a)?;
    Ok(Value::Int(v.address() as i64))
}

fn bi_hash(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("hash", &a)?;
    if object::user_class(v).is_some() {
        return Ok(Value::Int(object::hash_of(interp, v)?));
    }
    Ok(Value::Int(ops::hash_key(v)?))
}

/// `isinstance(v, t)` for a type or a tuple of types.
pub fn isinstance(v: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Type(t) => Ok(type_of(v).is_subtype(t)),
        Value::Tuple(ts) => {
            for t in ts.items.iter() {
                if isinstance(v, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"),
    }
}

fn bi_isinstance(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("isinstance", &a)?;
    if a.pos.len() != 2 {
        return type_error(format!("isinstance expected 2 arguments, got {}", a.pos.len()));
    }
    Ok(Value::Bool(isinstance(&a.pos[0], &a.pos[1])?))
}

fn bi_issubclass(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("issubclass", &a)?;
    if a.pos.len() != 2 {
        return type_error(format!("issubclass expected 2 arguments, got {}", a.pos.len()));
    }
    let Value::Type(sub) = &a.pos[0] else {
        return type_error("issubclass() arg 1 must be a class");
    };
    fn check(sub: &Rc<TypeObj>, t: &Value) -> PyResult<bool> {
        match t {
            Value::Type(t) => Ok(sub.is_subtype(t)),
            Value::Tuple(ts) => {
                for t in ts.items.iter() {
                    if check(sub, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"),
        }
    }
    Ok(Value::Bool(check(sub, &a.pos[1])?))
}

pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Instance(_) => object::special(v, "__call__").is_some(),
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Type(_) => true,
        Value::Native(n) => n.is_callable(),
        _ => false,
    }
}

fn bi_callable(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("callable", &a)?;
    Ok(Value::Bool(is_callable(v)))
}

pub fn bi_abs(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("abs", &a)?;
    if crate::runtime::types::object::user_class(v).is_some() {
        return crate::runtime::types::object::unary(interp, "__abs__", "abs", v);
    }
    abs_of(v)
}

/// `abs(v)` for the builtin numbers.
pub fn abs_of(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(i.checked_abs().map_or_else(|| Value::bigint(BigInt::from(*i).abs()), Value::Int)),
        Value::BigInt(b) => Ok(Value::bigint(b.abs())),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        _ => type_error(format!("bad operand type for abs(): '{}'", type_name(v))),
    }
}

fn min_max(interp: &mut Interp, a: Args, name: &str, want: CmpOp) -> PyResult<Value> {
    check_kwargs(name, &a, &["key", "default"])?;
    let key = a.kwarg("key").filter(|k| !k.is_none()).cloned();
    let default = a.kwarg("default").cloned();
    let items = match a.pos.len() {
        0 => return type_error(format!("{name} expected at least 1 argument, got 0")),
        1 => interp.collect(&a.pos[0])?,
        _ => {
            if default.is_some() {
                return type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                ));
            }
            a.pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => interp.call(f, vec![item.clone()], Vec::new())?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => interp.compare(want, &k, bk)?,
        };
        if better {
            best = Some((k, item));
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => value_error(format!("{name}() arg is an empty sequence")),
        },
    }
}

fn bi_min(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    min_max(interp, a, "min", CmpOp::Lt)
}

fn bi_max(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    min_max(interp, a, "max", CmpOp::Gt)
}

fn bi_sum(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    check_kwargs("sum", &a, &["start"])?;
    arg_range("sum", &a, 1, 2)?;
    let mut acc = a.pos.get(1).cloned().or_else(|| a.kwarg("start").cloned()).unwrap_or(Value::Int(0));
    if let Value::Str(_) = &acc {
        return type_error("sum() can't sum strings [use ''.join(seq) instead]");
    }
    let it = interp.iter(&a.pos[0])?;
    while let Some(v) = interp.next(&it)? {
        acc = match (&acc, &v) {
            (Value::Int(x), Value::Int(y)) => match x.checked_add(*y) {
                Some(s) => Value::Int(s),
                None => ops::binary_op(crate::syntax::ast::BinOp::Add, &acc, &v)?,
            },
            (Value::Float(x), Value::Float(y)) => Value::Float(x + y),
            _ => interp.binary_op(crate::syntax::ast::BinOp::Add, &acc, &v)?,
        };
    }
    Ok(acc)
}

fn bi_sorted(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    check_kwargs("sorted", &a, &["key", "reverse"])?;
    if a.pos.len() != 1 {
        return type_error(format!("sorted expected 1 argument, got {}", a.pos.len()));
    }
    let mut items = interp.collect(&a.pos[0])?;
    let key = a.kwarg("key").filter(|k| !k.is_none()).cloned();
    let reverse = a.kwarg("reverse").is_some_and(ops::truthy);
    crate::runtime::types::list::sort_values(interp, &mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn bi_any(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("any", &a)?;
    let it = interp.iter(v)?;
    while let Some(x) = interp.next(&it)? {
        if interp.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn bi_all(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("all", &a)?;
    let it = interp.iter(v)?;
    while let Some(x) = interp.next(&it)? {
        if !interp.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn bi_iter(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("iter", &a)?;
    arg_range("iter", &a, 1, 2)?;
    if a.pos.len() == 2 {
        if !is_callable(&a.pos[0]) {
            return type_error("iter(v, w): v must be callable");
        }
        return Ok(iter::wrap(IterState::Callable { func: a.pos[0].clone(), sentinel: a.pos[1].clone() }));
    }
    interp.iter(&a.pos[0])
}

fn bi_next(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("next", &a)?;
    arg_range("next", &a, 1, 2)?;
    if !iter::is_iterator(&a.pos[0]) {
        return type_error(format!("'{}' object is not an iterator", type_name(&a.pos[0])));
    }
    if let Value::Native(n) = &a.pos[0] {
        // A generator's return value rides on its StopIteration.
        if let Some(gen) = n.as_any().downcast_ref::<crate::runtime::model::generator::Generator>() {
            let action = crate::runtime::model::generator::Action::Send(Value::None);
            return match (interp.generator_send(gen, action), a.pos.get(1)) {
                (Err(e), Some(d)) if e.is(&types().stop_iteration) => Ok(d.clone()),
                (r, _) => r,
            };
        }
    }
    match interp.next(&a.pos[0])? {
        Some(v) => Ok(v),
        None => match a.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(&types().stop_iteration, Vec::new())),
        },
    }
}

fn bi_round(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    check_kwargs("round", &a, &["ndigits"])?;
    let ndigits = a.pos.get(1).or_else(|| a.kwarg("ndigits")).filter(|v| !v.is_none()).cloned();
    let Some(x) = a.pos.first() else {
        return type_error("round() missing required argument 'number' (pos 1)");
    };
    match (x, ndigits) {
        (Value::Float(f), None) => {
            let r = format::round_half_even(*f);
            if !r.is_finite() {
                return if r.is_nan() {
                    value_error("cannot convert float NaN to integer")
                } else {
                    overflow_error("cannot convert float infinity to integer")
                };
            }
            Ok(Value::bigint(format::float_to_bigint_trunc(r).unwrap_or_default()))
        }
        (Value::Float(f), Some(n)) => {
            let n = index_of(&n)?;
            match format::round_float_checked(*f, n) {
                Ok(r) => Ok(Value::Float(r)),
                Err(msg) => overflow_error(msg),
            }
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), None) => ops::unary_pos(x),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Some(n)) => {
            let n = index_of(&n)?;
            if n >= 0 {
                return ops::unary_pos(x);
            }
            let v = to_bigint(x).unwrap_or_default();
            let p = num_traits::pow(BigInt::from(10), (-n).min(4000) as usize);
            let (q, r) = num_integer::Integer::div_mod_floor(&v, &p);
            let twice = &r * 2;
            let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) { q + 1 } else { q };
            Ok(Value::bigint(q * p))
        }
        _ => type_error(format!("type {} doesn't define __round__ method", type_name(x))),
    }
}

fn bi_divmod(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("divmod", &a)?;
    if a.pos.len() != 2 {
        return type_error(format!("divmod expected 2 arguments, got {}", a.pos.len()));
    }
    use crate::syntax::ast::BinOp;
    let (x, y) = (&a.pos[0], &a.pos[1]);
    if let (Some(fx), Some(fy)) = (float_operand(x), float_operand(y)) {
        if matches!(x, Value::Float(_)) || matches!(y, Value::Float(_)) {
            if fy == 0.0 {
                return zero_division("float divmod()");
            }
            let (q, r) = ops::float_divmod(fx, fy);
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
    }
    let q = ops::binary_op(BinOp::FloorDiv, x, y).map_err(|e| {
        if e.is(&types().type_error) {
            PyErr::new(
                &types().type_error,
                format!("unsupported operand type(s) for divmod(): '{}' and '{}'", type_name(x), type_name(y)),
            )
        } else {
            e
        }
    })?;
    let r = ops::binary_op(BinOp::Mod, x, y)?;
    Ok(Value::tuple(vec![q, r]))
}

fn float_operand(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => b.to_f64(),
        _ => None,
    }
}

fn bi_pow(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    check_kwargs("pow", &a, &["base", "exp", "mod"])?;
    arg_range("pow", &a, 2, 3)?;
    let (x, y) = (&a.pos[0], &a.pos[1]);
    match a.pos.get(2) {
        None | Some(Value::None) => ops::binary_op(crate::syntax::ast::BinOp::Pow, x, y),
        Some(m) => {
            let (Some(b), Some(e), Some(m)) = (to_bigint(x), to_bigint(y), to_bigint(m)) else {
                return type_error("pow() 3rd argument not allowed unless all arguments are integers");
            };
            if m.is_zero() {
                return value_error("pow() 3rd argument cannot be 0");
            }
            if e.is_negative() {
                return unsupported("pow() with a negative exponent and a modulus");
            }
            let r = b.modpow(&e, &m);
            let r = if !r.is_zero() && (r.is_negative() != m.is_negative()) { r + &m } else { r };
            Ok(Value::bigint(r))
        }
    }
}

fn bi_chr(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("chr", &a)?;
    let i = index_of(v)?;
    match u32::try_from(i).ok().filter(|&u| u < 0x110000) {
        Some(u) => match char::from_u32(u) {
            Some(c) => Ok(Value::string(c.to_string())),
            None => unsupported("lone surrogate characters"),
        },
        None => value_error("chr() arg not in range(0x110000)"),
    }
}

fn bi_ord(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let v = exactly_one("ord", &a)?;
    match v {
        Value::Str(s) => {
            let n = s.char_len();
            if n != 1 {
                return type_error(format!("ord() expected a character, but string of length {n} found"));
            }
            Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64)))
        }
        _ => type_error(format!("ord() expected string of length 1, but {} found", type_name(v))),
    }
}

fn radix(a: &Args, name: &str, base: u32) -> PyResult<Value> {
    let v = exactly_one(name, a)?;
    match to_bigint(v) {
        Some(b) => Ok(Value::string(format::int_to_radix(&b, base, true))),
        None => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))),
    }
}

fn bi_hex(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    radix(&a, "hex", 16)
}

fn bi_bin(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    radix(&a, "bin", 2)
}

fn bi_oct(_: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    radix(&a, "oct", 8)
}

/// `format(v, spec)`: also what f-string fields and `str.format` use.
pub fn format_value(interp: &mut Interp, v: &Value, spec: &str) -> PyResult<String> {
    let r = match v {
        Value::Str(s) => format::format_str_with(s, spec),
        Value::Bool(b) if spec.is_empty() => return Ok(if *b { "True".into() } else { "False".into() }),
        Value::Int(i) => match format::FormatSpec::parse(spec, "int") {
            Ok(s) => format::format_i64(*i, &s),
            Err(e) => Err(e),
        },
        Value::Bool(b) => format::format_int_with(&BigInt::from(*b as i64), spec, "bool"),
        Value::BigInt(b) => format::format_int_with(b, spec, "int"),
        Value::Float(f) => format::format_float_with(*f, spec),
        _ if object::user_class(v).is_some() => return object::format(interp, v, spec),
        _ => {
            if spec.is_empty() {
                return interp.str(v);
            }
            return type_error(format!("unsupported format string passed to {}.__format__", type_name(v)));
        }
    };
    r.or_else(|msg| {
        if msg == format::CHAR_RANGE_ERROR
            || msg == format::C_LONG_OVERFLOW_ERROR
            || msg == format::INT_TOO_LARGE_FOR_FLOAT
            || msg == format::ROUND_OVERFLOW_ERROR
        {
            overflow_error(msg)
        } else if msg == format::WIDTH_MEMORY_ERROR {
            memory_error("")
        } else {
            value_error(msg)
        }
    })
}

fn bi_format(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("format", &a)?;
    arg_range("format", &a, 1, 2)?;
    let spec = match a.pos.get(1) {
        None => String::new(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return type_error(format!("format() argument 2 must be str, not {}", type_name(other)));
        }
    };
    Ok(Value::string(format_value(interp, &a.pos[0], &spec)?))
}

fn attr_name(v: &Value, func: &str) -> PyResult<Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => type_error(format!("{func}(): attribute name must be string, not '{}'", type_name(v))),
    }
}

fn bi_getattr(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("getattr", &a)?;
    arg_range("getattr", &a, 2, 3)?;
    let name = match &a.pos[1] {
        Value::Str(s) => s.clone(),
        other => return type_error(format!("attribute name must be string, not '{}'", type_name(other))),
    };
    match crate::runtime::interp::attrs::getattr(interp, &a.pos[0], &name) {
        Err(e) if a.pos.len() == 3 && e.is(&types().attribute_error) => Ok(a.pos[2].clone()),
        r => r,
    }
}

fn bi_setattr(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("setattr", &a)?;
    arg_range("setattr", &a, 3, 3)?;
    let name = attr_name(&a.pos[1], "setattr")?;
    crate::runtime::interp::attrs::setattr(interp, &a.pos[0], &name, a.pos[2].clone())?;
    Ok(Value::None)
}

fn bi_delattr(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("delattr", &a)?;
    arg_range("delattr", &a, 2, 2)?;
    let name = attr_name(&a.pos[1], "delattr")?;
    crate::runtime::interp::attrs::delattr(interp, &a.pos[0], &name)?;
    Ok(Value::None)
}

fn bi_hasattr(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("hasattr", &a)?;
    arg_range("hasattr", &a, 2, 2)?;
    let name = attr_name(&a.pos[1], "hasattr")?;
    Ok(Value::Bool(crate::runtime::interp::attrs::lookup_attr(interp, &a.pos[0], &name)?.is_some()))
}

/// `globals()`, `locals()`, `vars()` and `dir()` without arguments read the caller's frame:
/// the interpreter answers those calls itself, so reaching these means an unusual call.
fn bi_globals(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("globals", &a)?;
    Ok(Value::Dict(interp.current_globals()))
}

fn bi_locals(interp: &mut Interp, b: &Builtin, a: Args) -> PyResult<Value> {
    bi_globals(interp, b, a)
}

fn bi_vars(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("vars", &a)?;
    arg_range("vars", &a, 0, 1)?;
    match a.pos.first() {
        None => Ok(Value::Dict(interp.current_globals())),
        Some(v) => match crate::runtime::interp::attrs::getattr(interp, v, &Rc::new(PyStr::new("__dict__"))) {
            Ok(d) => Ok(d),
            Err(_) => type_error("vars() argument must have __dict__ attribute"),
        },
    }
}

fn bi_dir(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("dir", &a)?;
    arg_range("dir", &a, 0, 1)?;
    let names = match a.pos.first() {
        None => {
            let mut keys: Vec<String> = interp
                .current_globals()
                .keys()
                .iter()
                .filter_map(|k| if let Value::Str(s) = k { Some(s.as_str().to_string()) } else { None })
                .collect();
            keys.sort();
            keys
        }
        Some(v) => crate::runtime::interp::attrs::dir_of(v),
    };
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

fn bi_confined(_: &mut Interp, b: &Builtin, _: Args) -> PyResult<Value> {
    let what = match b.name {
        "open" => "open(): cellar programs cannot read or write files",
        "eval" | "exec" | "compile" => "cellar does not run code from strings (eval, exec, compile)",
        _ => "breakpoint(): cellar has no debugger",
    };
    Err(PyErr::new(&types().not_implemented_error, what))
}

fn bi_input(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    no_kwargs("input", &a)?;
    arg_range("input", &a, 0, 1)?;
    let prompt = match a.pos.first() {
        Some(p) => interp.str(p)?,
        None => String::new(),
    };
    if let Some(mut read) = interp.terminal_input.take() {
        interp.flush();
        let line = read(&prompt);
        interp.terminal_input = Some(read);
        return match line {
            Ok(Some(line)) => Ok(Value::str(&line)),
            Ok(None) => Err(PyErr::new(&types().eof_error, "EOF when reading a line")),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                Err(PyErr::with_args(&types().keyboard_interrupt, Vec::new()))
            }
            Err(e) => Err(PyErr::new(&types().os_error, e.to_string())),
        };
    }
    interp.write_out(&prompt)?;
    interp.flush();
    // Not locked for longer than the line: a piped session reads its next entry from the same
    // buffer, so `input()` takes the line after the one that called it, as in `python3 -i`.
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(PyErr::new(&types().eof_error, "EOF when reading a line")),
        // Only the newline goes: CPython's stdin keeps a `\r` before it.
        Ok(_) => Ok(Value::str(line.strip_suffix('\n').unwrap_or(&line))),
        Err(e) => Err(PyErr::new(&types().os_error, e.to_string())),
    }
}

fn bi_import(interp: &mut Interp, _: &Builtin, a: Args) -> PyResult<Value> {
    let Some(Value::Str(name)) = a.pos.first() else {
        return type_error("__import__() argument 1 must be str");
    };
    crate::runtime::modules::import(interp, name)
}

// ----- constructors -----

/// Calling a type: `int('3')`, `list(x)`, `ValueError('bad')`, `enumerate(xs)`, …
pub fn call_type(interp: &mut Interp, t: &Rc<TypeObj>, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    if t.is_class() {
        return object::call_class(interp, t, pos, kw);
    }
    if let Some(r) = crate::runtime::types::descriptors::construct(interp, t, Args { pos, kw }) {
        return r;
    }
    let a = Args { pos, kw };
    let ty = types();
    let name = t.name.as_str();
    match t.kind {
        TypeKind::Exception => {
            if let Some(slots) = crate::runtime::model::exception_slots::of(t) {
                return (slots.new)(t, pos, kw);
            }
            if !kw.is_empty() {
                return type_error(format!("{}() takes no keyword arguments", t.name));
            }
            Ok(Value::Exception(crate::runtime::model::gc::new(crate::runtime::model::exceptions::ExceptionObj::new(t.clone(), pos.to_vec()))))
        }
        TypeKind::Int => {
            check_kwargs("int", &a, &["base"])?;
            arg_range("int", &a, 0, 2)?;
            let base = a.pos.get(1).or_else(|| a.kwarg("base")).cloned();
            construct_int(interp, pos.first(), base)
        }
        TypeKind::Float => {
            no_kwargs("float", &a)?;
            arg_range("float", &a, 0, 1)?;
            match pos.first().map(object::unwrap) {
                None => Ok(Value::Float(0.0)),
                Some(Value::Float(f)) => Ok(Value::Float(*f)),
                Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => Ok(Value::Float(ops::to_f64(v)?.unwrap_or(0.0))),
                Some(Value::Str(s)) => match format::parse_float_literal(s) {
                    Some(f) if f.is_nan() => Ok(Value::new_nan(f.is_sign_negative())),
                    Some(f) => Ok(Value::Float(f)),
                    None => value_error(format!("could not convert string to float: {}", crate::runtime::types::repr::repr_str(s))),
                },
                Some(v) => type_error(format!("float() argument must be a string or a real number, not '{}'", type_name(v))),
            }
        }
        TypeKind::Str => {
            check_kwargs("str", &a, &["object", "encoding", "errors"])?;
            arg_range("str", &a, 0, 1)?;
            match pos.first().or_else(|| a.kwarg("object")) {
                None => Ok(Value::str("")),
                Some(v @ Value::Str(_)) => Ok(v.clone()),
                Some(v) => Ok(Value::string(interp.str(v)?)),
            }
        }
        TypeKind::Bool => {
            no_kwargs("bool", &a)?;
            arg_range("bool", &a, 0, 1)?;
            match pos.first() {
                Some(v) => Ok(Value::Bool(interp.truthy(v)?)),
                None => Ok(Value::Bool(false)),
            }
        }
        TypeKind::List => {
            no_kwargs("list", &a)?;
            arg_range("list", &a, 0, 1)?;
            match pos.first() {
                None => Ok(Value::list(Vec::new())),
                Some(v) => Ok(Value::list(interp.collect(v)?)),
            }
        }
        TypeKind::Tuple => {
            no_kwargs("tuple", &a)?;
            arg_range("tuple", &a, 0, 1)?;
            match pos.first() {
                None => Ok(Value::tuple(Vec::new())),
                Some(v @ Value::Tuple(t)) if t.class.is_none() => Ok(v.clone()),
                Some(v) => Ok(Value::tuple(interp.collect(v)?)),
            }
        }
        TypeKind::Dict => {
            let d = crate::runtime::model::gc::new(Dict::new());
            crate::runtime::types::dict::dict_update(interp, &d, "dict", pos, kw)?;
            Ok(Value::Dict(d))
        }
        TypeKind::Set | TypeKind::FrozenSet => {
            no_kwargs(name, &a)?;
            arg_range(name, &a, 0, 1)?;
            let frozen = t.kind == TypeKind::FrozenSet;
            match pos.first() {
                None => new_set(Vec::new(), frozen),
                Some(v @ Value::FrozenSet(_)) if frozen => Ok(v.clone()),
                Some(v) => {
                    let table = set_from(interp, v)?;
                    let s = crate::runtime::model::gc::new(SetObj::new(table));
                    Ok(if frozen { Value::FrozenSet(s) } else { Value::Set(s) })
                }
            }
        }
        TypeKind::Range => {
            no_kwargs("range", &a)?;
            arg_range("range", &a, 1, 3)?;
            let mut ints = Vec::with_capacity(3);
            for v in pos {
                match v {
                    Value::Int(i) => ints.push(*i as i128),
                    Value::Bool(b) => ints.push(*b as i128),
                    Value::BigInt(b) => match b.to_i128() {
                        Some(i) => ints.push(i),
                        None => return unsupported("ranges with bounds beyond 128-bit integers"),
                    },
                    _ => {
                        return type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            type_name(v)
                        ))
                    }
                }
            }
            let (start, stop, step) = match ints[..] {
                [stop] => (0, stop, 1),
                [start, stop] => (start, stop, 1),
                [start, stop, step] => (start, stop, step),
                _ => unreachable!("arity checked"),
            };
            if step == 0 {
                return value_error("range() arg 3 must not be zero");
            }
            Ok(Value::Range(Rc::new(RangeObj { start, stop, step })))
        }
        TypeKind::Type => {
            no_kwargs("type", &a)?;
            match pos {
                [v] => Ok(Value::Type(type_of(v))),
                [Value::Str(name), bases, Value::Dict(ns)] => {
                    let bases = match bases {
                        Value::Tuple(t) => t.items.to_vec(),
                        other => return type_error(format!("type.__new__() argument 2 must be tuple, not {}", type_name(other))),
                    };
                    let ns = crate::runtime::model::gc::new(ns.copy());
                    Ok(Value::Type(object::new_class(interp, name.as_str(), bases, ns, &[])?))
                }
                [_, _, _] => type_error("type.__new__() argument 1 must be str"),
                _ => type_error("type() takes 1 or 3 arguments"),
            }
        }
        TypeKind::Object => {
            if !pos.is_empty() {
                return type_error("object() takes no arguments");
            }
            Ok(Value::native(PlainObject))
        }
        TypeKind::Iterator => construct_iterator(interp, name, &a),
        TypeKind::Native => match crate::runtime::modules::call_native_type(interp, t, pos, kw) {
            Some(r) => r,
            None => type_error(format!("cannot create '{}' instances", t.name)),
        },
        TypeKind::Cell => {
            super::check_pos("cell", &a, 0, 1)?;
            let cell = Rc::new(CellObj::new(Rc::new(PyStr::new("cell")), pos.first().cloned()));
            Ok(Value::Cell(cell))
        }
        TypeKind::Function => new_function(pos, kw),
        TypeKind::Method => {
            no_kwargs("method", &a)?;
            match pos {
                [func, _] if !is_callable(func) => type_error("first argument must be callable"),
                [_, Value::None] => type_error("instance must not be None"),
                [func, receiver] => {
                    Ok(Value::Method(Rc::new(BoundMethod { receiver: receiver.clone(), func: func.clone() })))
                }
                _ => type_error(format!("method expected 2 arguments, got {}", pos.len())),
            }
        }
        _ => {
            let _ = ty;
            type_error(format!("cannot create '{}' instances", t.name))
        }
    }
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`: a function
/// made from another's code, with CPython's checks that the closure fits the code.
fn new_function(pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    let args = Args { pos, kw };
    let bound = super::bind_python("function", &args, &["code", "globals", "name", "argdefs", "closure"], 2, false)?;
    let arg = |i: usize| bound[i].clone().unwrap_or(Value::None);
    let Value::Code(code) = arg(0) else {
        return type_error(format!("function() argument 'code' must be code, not {}", type_name(&arg(0))));
    };
    let Value::Dict(globals) = arg(1) else {
        return type_error(format!("function() argument 'globals' must be dict, not {}", type_name(&arg(1))));
    };
    let defaults = match arg(3) {
        Value::None => None,
        Value::Tuple(t) => Some(t),
        _ => return type_error("arg 4 (defaults) must be None or tuple"),
    };
    let closure: Vec<Rc<CellObj>> = match arg(4) {
        Value::None => Vec::new(),
        Value::Tuple(t) => {
            let mut cells = Vec::with_capacity(t.items.len());
            for item in t.items.iter() {
                let Value::Cell(c) = item else {
                    return type_error(format!("arg 5 (closure) expected cell, found {}", type_name(item)));
                };
                cells.push(c.clone());
            }
            cells
        }
        _ => return type_error("arg 5 (closure) must be None or tuple"),
    };
    if closure.len() != code.freevars.len() {
        return value_error(format!(
            "{} requires closure of length {}, not {}",
            code.name.as_str(),
            code.freevars.len(),
            closure.len()
        ));
    }
    let func = Function::new(code.into(), globals, defaults, closure.into_boxed_slice());
    match arg(2) {
        Value::None => {}
        Value::Str(name) => func.extra_mut().name = Some(name),
        other => return type_error(format!("arg 3 (name) must be None or string, not {}", type_name(&other))),
    }
    let func = Rc::new(func);
    crate::runtime::model::gc::track_function(&func);
    Ok(Value::Function(func))
}

/// `object()`: an instance with nothing but identity.
struct PlainObject;

impl Native for PlainObject {
    fn type_obj(&self) -> Rc<TypeObj> {
        types().object.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn construct_int(interp: &mut Interp, v: Option<&Value>, base: Option<Value>) -> PyResult<Value> {
    let Some(v) = v.map(object::unwrap) else {
        return Ok(Value::Int(0));
    };
    if let Some(base) = base {
        let b = index_of(&base)?;
        if b != 0 && !(2..=36).contains(&b) {
            return value_error("int() base must be >= 2 and <= 36, or 0");
        }
        let Value::Str(s) = v else {
            return type_error("int() can't convert non-string with explicit base");
        };
        return match format::parse_int_literal(s, b as u32) {
            Some(i) => Ok(Value::bigint(i)),
            None => value_error(format!("invalid literal for int() with base {b}: {}", crate::runtime::types::repr::repr_str(s))),
        };
    }
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => {
            if f.is_nan() {
                return value_error("cannot convert float NaN to integer");
            }
            match format::float_to_bigint_trunc(*f) {
                Some(i) => Ok(Value::bigint(i)),
                None => overflow_error("cannot convert float infinity to integer"),
            }
        }
        Value::Str(s) => {
            let digits = s.trim().trim_start_matches(['+', '-']).replace('_', "");
            if digits.len() > 4300 && digits.bytes().all(|c| c.is_ascii_digit()) {
                return value_error("Exceeds the limit (4300 digits) for integer string conversion: value has more digits; use sys.set_int_max_str_digits() to increase the limit");
            }
            match format::parse_int_literal(s, 10) {
                Some(i) => Ok(Value::bigint(i)),
                None => value_error(format!("invalid literal for int() with base 10: {}", crate::runtime::types::repr::repr_str(s))),
            }
        }
        _ => {
            let _ = interp;
            type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(v)
            ))
        }
    }
}

fn construct_iterator(interp: &mut Interp, name: &str, a: &Args) -> PyResult<Value> {
    match name {
        "enumerate" => {
            check_kwargs("enumerate", a, &["iterable", "start"])?;
            let Some(src) = a.pos.first().or_else(|| a.kwarg("iterable")) else {
                return type_error("enumerate() missing required argument 'iterable' (pos 1)");
            };
            let start = match a.pos.get(1).or_else(|| a.kwarg("start")) {
                Some(s) => index_of(s)?,
                None => 0,
            };
            let inner = interp.iter(src)?;
            Ok(iter::wrap(IterState::Enumerate { inner, n: start }))
        }
        "zip" => {
            check_kwargs("zip", a, &["strict"])?;
            let mut inners = Vec::new();
            for (i, v) in a.pos.iter().enumerate() {
                if !iter::is_iterable(v) {
                    return type_error(format!("zip argument #{} must support iteration", i + 1));
                }
                inners.push(interp.iter(v)?);
            }
            Ok(iter::wrap(IterState::Zip { inners }))
        }
        "map" => {
            no_kwargs("map", a)?;
            if a.pos.len() < 2 {
                return type_error("map() must have at least two arguments.");
            }
            let mut inners = Vec::new();
            for v in &a.pos[1..] {
                inners.push(interp.iter(v)?);
            }
            Ok(iter::wrap(IterState::Map { func: a.pos[0].clone(), inners }))
        }
        "filter" => {
            no_kwargs("filter", a)?;
            if a.pos.len() != 2 {
                return type_error(format!("filter expected 2 arguments, got {}", a.pos.len()));
            }
            let inner = interp.iter(&a.pos[1])?;
            Ok(iter::wrap(IterState::Filter { func: a.pos[0].clone(), inner }))
        }
        "reversed" => {
            no_kwargs("reversed", a)?;
            if a.pos.len() != 1 {
                return type_error(format!("reversed expected 1 argument, got {}", a.pos.len()));
            }
            let v = &a.pos[0];
            if object::user_class(v).is_some() {
                if let Some(r) = object::reversed(interp, v) {
                    return r;
                }
            }
            match object::unwrap(v) {
                Value::List(l) => Ok(iter::wrap(IterState::ListReverse { list: l.clone(), i: l.len() })),
                Value::Tuple(_) | Value::Str(_) | Value::Range(_) => {
                    let mut items = interp.collect(v)?;
                    items.reverse();
                    Ok(iter::wrap(IterState::Seq { items: items.into(), i: 0, kind: "reversed" }))
                }
                Value::Dict(d) => {
                    let mut items = d.keys();
                    items.reverse();
                    Ok(iter::wrap(IterState::Seq { items: items.into(), i: 0, kind: "dict_reversekeyiterator" }))
                }
                Value::Native(n) if n.iter_items().is_some() => {
                    let mut items = n.iter_items().unwrap_or_default();
                    items.reverse();
                    Ok(iter::wrap(IterState::Seq { items: items.into(), i: 0, kind: "reversed" }))
                }
                _ => type_error(format!("'{}' object is not reversible", type_name(v))),
            }
        }
        _ => type_error(format!("cannot create '{name}' instances")),
    }
}

/// Attributes of type objects other than the common dunders: methods reached through the
/// type (`str.upper`, `dict.fromkeys`).
pub fn type_attr(t: &Rc<TypeObj>, name: &str) -> Option<Value> {
    let ty = Value::Type(t.clone());
    let m = crate::runtime::types::builtin_method(&ty, name)?;
    Some(crate::runtime::types::bound_method(&ty, m.0))
}

// ----- subscripts -----

/// A `slice` object (`a[1:2]` makes one).
pub struct Slice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

thread_local! {
    static SLICE_TYPE: Rc<TypeObj> = TypeObj::new("slice", TypeKind::Native, Some(types().object.clone()));
}

impl Native for Slice {
    fn type_obj(&self) -> Rc<TypeObj> {
        SLICE_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _: &Value) -> PyResult<String> {
        Ok(format!(
            "slice({}, {}, {})",
            interp.repr(&self.start)?,
            interp.repr(&self.stop)?,
            interp.repr(&self.step)?
        ))
    }
    fn getattr(&self, _: &mut Interp, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "start" => Some(self.start.clone()),
            "stop" => Some(self.stop.clone()),
            "step" => Some(self.step.clone()),
            _ => None,
        })
    }
}

pub fn slice_type() -> Rc<TypeObj> {
    SLICE_TYPE.with(Rc::clone)
}

/// `slice(stop)`, `slice(start, stop[, step])`.
pub fn new_slice(a: Args) -> PyResult<Value> {
    no_kwargs("slice", &a)?;
    arg_range("slice", &a, 1, 3)?;
    Ok(match a.pos {
        [stop] => make_slice(Value::None, stop.clone(), Value::None),
        [start, stop] => make_slice(start.clone(), stop.clone(), Value::None),
        [start, stop, step] => make_slice(start.clone(), stop.clone(), step.clone()),
        _ => unreachable!("arity checked"),
    })
}

pub fn make_slice(start: Value, stop: Value, step: Value) -> Value {
    Value::native(Slice { start, stop, step })
}

fn as_slice(v: &Value) -> Option<&Slice> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Slice>(),
        _ => None,
    }
}

fn seq_index(v: &Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => return index_error("cannot fit 'int' into an index-sized integer"),
        _ => {
            return type_error(format!("{what} indices must be integers or slices, not {}", type_name(v)));
        }
    };
    match norm_index(i, len) {
        Some(i) => Ok(i),
        None => index_error(format!("{what} index out of range")),
    }
}

/// `obj[key]`.
pub fn getitem(interp: &mut Interp, obj: &Value, key: &Value) -> PyResult<Value> {
    match obj {
        Value::Instance(_) => object::getitem(interp, obj, key),
        Value::Type(t) if t.is_class() => object::getitem(interp, obj, key),
        Value::List(l) => {
            if let Some(s) = as_slice(key) {
                let items = l.items.borrow();
                let (start, _, step, n) = slice_indices(&s.start, &s.stop, &s.step, items.len())?;
                return Ok(Value::list(ops::slice_items(&items, start, step, n)));
            }
            if let Value::Int(i) = key {
                let items = l.items.borrow();
                if let Some(j) = norm_index(*i, items.len()) {
                    return Ok(items[j].clone());
                }
            }
            let items = l.items.borrow();
            let i = seq_index(key, items.len(), "list")?;
            Ok(items[i].clone())
        }
        Value::Tuple(t) => {
            if let Some(s) = as_slice(key) {
                let (start, _, step, n) = slice_indices(&s.start, &s.stop, &s.step, t.items.len())?;
                return Ok(Value::tuple(ops::slice_items(&t.items, start, step, n)));
            }
            let i = seq_index(key, t.items.len(), "tuple")?;
            Ok(t.items[i].clone())
        }
        Value::Str(st) => {
            if let Some(s) = as_slice(key) {
                let (start, _, step, n) = slice_indices(&s.start, &s.stop, &s.step, st.char_len())?;
                return Ok(Value::string(ops::slice_str(st, start, step, n)));
            }
            let i = seq_index(key, st.char_len(), "string")?;
            Ok(Value::string(st.char_at(i).to_string()))
        }
        Value::Dict(d) => match interp.dict_get(d, key)? {
            Some(v) => Ok(v),
            None => key_error(key.clone()),
        },
        Value::Range(r) => {
            if let Some(s) = as_slice(key) {
                let len = len_of(obj)?;
                let (start, _, step, n) = slice_indices(&s.start, &s.stop, &s.step, len)?;
                let first = r.item(start as i128);
                let new_step = r.step * step as i128;
                return Ok(Value::Range(Rc::new(RangeObj {
                    start: first,
                    stop: first + new_step * n as i128,
                    step: new_step,
                })));
            }
            let i = match key {
                Value::Int(i) => *i as i128,
                Value::Bool(b) => *b as i128,
                Value::BigInt(b) => b.to_i128().unwrap_or(i128::MAX),
                _ => return type_error(format!("range indices must be integers or slices, not {}", type_name(key))),
            };
            let n = r.len();
            let j = if i < 0 { i + n } else { i };
            if !(0..n).contains(&j) {
                return index_error("range object index out of range");
            }
            Ok(Value::from_i128(r.item(j)))
        }
        Value::Native(n) => {
            let n = n.clone();
            match n.getitem(interp, key) {
                Some(r) => r,
                None => type_error(format!("'{}' object is not subscriptable", type_name(obj))),
            }
        }
        Value::Type(t) if matches!(t.kind, TypeKind::List | TypeKind::Dict | TypeKind::Tuple | TypeKind::Set | TypeKind::Type) => {
            Ok(obj.clone())
        }
        _ => type_error(format!("'{}' object is not subscriptable", type_name(obj))),
    }
}

/// `obj[key] = value`.
pub fn setitem(interp: &mut Interp, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
    match obj {
        Value::Instance(_) => object::setitem(interp, obj, key, Some(value)),
        Value::List(l) => {
            if let Some(s) = as_slice(key) {
                let new_items = interp.collect(&value)?;
                let mut items = l.items.borrow_mut();
                let (start, stop, step, n) = slice_indices(&s.start, &s.stop, &s.step, items.len())?;
                if step == 1 {
                    let stop = stop.max(start) as usize;
                    items.splice(start as usize..stop, new_items);
                    return Ok(());
                }
                if new_items.len() != n {
                    return value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new_items.len(),
                        n
                    ));
                }
                for (k, v) in new_items.into_iter().enumerate() {
                    items[(start + k as i64 * step) as usize] = v;
                }
                return Ok(());
            }
            let mut items = l.items.borrow_mut();
            let i = seq_index(key, items.len(), "list assignment")?;
            let old = std::mem::replace(&mut items[i], value);
            drop(items);
            drop(old);
            Ok(())
        }
        Value::Dict(d) => interp.dict_set(d, key.clone(), value),
        Value::Native(_) => unsupported("item assignment on this object"),
        _ => type_error(format!("'{}' object does not support item assignment", type_name(obj))),
    }
}

/// `del obj[key]`.
pub fn delitem(_interp: &mut Interp, obj: &Value, key: &Value) -> PyResult<()> {
    match obj {
        Value::Instance(_) => object::setitem(_interp, obj, key, None),
        Value::List(l) => {
            let mut items = l.items.borrow_mut();
            if let Some(s) = as_slice(key) {
                let (start, _, step, n) = slice_indices(&s.start, &s.stop, &s.step, items.len())?;
                let mut doomed: Vec<usize> = (0..n).map(|k| (start + k as i64 * step) as usize).collect();
                doomed.sort_unstable();
                let mut keep = Vec::with_capacity(items.len() - n);
                let mut d = doomed.iter().peekable();
                for (i, v) in items.drain(..).enumerate() {
                    if d.peek() == Some(&&i) {
                        d.next();
                    } else {
                        keep.push(v);
                    }
                }
                *items = keep;
                return Ok(());
            }
            let i = seq_index(key, items.len(), "list assignment")?;
            let old = items.remove(i);
            drop(items);
            drop(old);
            Ok(())
        }
        Value::Dict(d) => match _interp.dict_remove(d, key)? {
            Some(_) => Ok(()),
            None => key_error(key.clone()),
        },
        _ => type_error(format!("'{}' object doesn't support item deletion", type_name(obj))),
    }
}
