//! printf-style formatting, `format % args`, as CPython's `PyUnicode_Format`: the same walk
//! over the format, the same way of taking arguments (a tuple's items one by one, any other
//! value as the one argument, a mapping for `%(name)s`), the same padding rules, and the
//! same errors.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{overflow_error, type_error, value_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::modules::builtins::{format_value, getitem};
use crate::runtime::support::format::{float_to_bigint_trunc, int_to_radix};
use crate::runtime::support::limits;
use crate::runtime::types::ops::to_bigint;
use crate::runtime::types::repr;
use num_bigint::BigInt;
use num_traits::Signed;

/// Where the next argument comes from: CPython's `args`, `arglen` and `argidx`. A tuple
/// hands out its items; any other value (or the value a `%(key)` looked up) is one argument
/// that can be taken once.
struct ArgSource {
    args: Value,
    /// `None` for a single argument.
    len: Option<usize>,
    next: usize,
}

impl ArgSource {
    fn new(args: Value) -> ArgSource {
        let len = match &args {
            Value::Tuple(t) => Some(t.items.len()),
            _ => None,
        };
        ArgSource { args, len, next: 0 }
    }

    /// The value a `%(key)` looked up: one argument, even when it is a tuple.
    fn single(arg: Value) -> ArgSource {
        ArgSource { args: arg, len: None, next: 0 }
    }

    fn next(&mut self) -> PyResult<Value> {
        let item = match (&self.args, self.len) {
            (Value::Tuple(t), Some(len)) if self.next < len => t.items[self.next].clone(),
            (single, None) if self.next == 0 => single.clone(),
            _ => return type_error("not enough arguments for format string"),
        };
        self.next += 1;
        Ok(item)
    }

    fn unused(&self) -> bool {
        self.next < self.len.unwrap_or(1)
    }
}

/// Whether CPython's `PyMapping_Check` holds: the value can be indexed by a key, so that
/// `%(name)s` may look names up in it.
fn is_mapping(v: &Value) -> bool {
    matches!(v, Value::Dict(_) | Value::List(_) | Value::Range(_))
}

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    blank: bool,
    alternate: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
    conversion: char,
}

/// `format % args`.
pub fn format(interp: &mut Interp, format: &PyStr, args: &Value) -> PyResult<Value> {
    let mapping = is_mapping(args).then(|| args.clone());
    let mut source = ArgSource::new(args.clone());
    let chars: Vec<char> = format.as_str().chars().collect();
    let mut out = String::with_capacity(format.len() + 16);
    let mut pos = 0;
    while pos < chars.len() {
        if chars[pos] != '%' {
            out.push(chars[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        if chars.get(pos) == Some(&'%') {
            out.push('%');
            pos += 1;
            continue;
        }
        let spec = parse_spec(&chars, &mut pos, &mut source, mapping.as_ref(), interp)?;
        let arg = source.next()?;
        let (text, numeric) = convert(interp, &spec, &arg, pos - 1)?;
        write_padded(&mut out, &spec, &text, numeric)?;
        if mapping.is_some() && source.unused() {
            return type_error("not all arguments converted during string formatting");
        }
    }
    if source.unused() && mapping.is_none() {
        return type_error("not all arguments converted during string formatting");
    }
    Ok(Value::string(out))
}

/// Reads what follows a `%` up to and including the conversion character: `(key)`, flags,
/// width, precision and the ignored length modifiers `h`, `l`, `L`.
fn parse_spec(
    chars: &[char],
    pos: &mut usize,
    source: &mut ArgSource,
    mapping: Option<&Value>,
    interp: &mut Interp,
) -> PyResult<Spec> {
    let mut spec = Spec::default();
    if chars.get(*pos) == Some(&'(') {
        let Some(mapping) = mapping else {
            return type_error("format requires a mapping");
        };
        let start = *pos + 1;
        let mut depth = 1;
        let mut end = start;
        while end < chars.len() {
            match chars[end] {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
            end += 1;
        }
        if depth > 0 || end + 1 >= chars.len() {
            return value_error("incomplete format key");
        }
        let key: String = chars[start..end].iter().collect();
        *source = ArgSource::single(getitem(interp, mapping, &Value::string(key))?);
        *pos = end + 1;
    }
    let incomplete = || value_error("incomplete format");
    loop {
        match chars.get(*pos) {
            Some('-') => spec.left = true,
            Some('+') => spec.plus = true,
            Some(' ') => spec.blank = true,
            Some('#') => spec.alternate = true,
            Some('0') => spec.zero = true,
            Some(_) => break,
            None => return incomplete(),
        }
        *pos += 1;
    }
    if chars.get(*pos) == Some(&'*') {
        let n = star_arg(source)?;
        if n < 0 {
            spec.left = true;
        }
        spec.width = Some(n.unsigned_abs() as usize);
        *pos += 1;
    } else {
        spec.width = digits(chars, pos, i64::MAX as usize, "width too big")?;
    }
    if chars.get(*pos) == Some(&'.') {
        *pos += 1;
        if chars.get(*pos) == Some(&'*') {
            spec.precision = Some(star_arg(source)?.max(0) as usize);
            *pos += 1;
        } else {
            spec.precision = Some(digits(chars, pos, i32::MAX as usize, "precision too big")?.unwrap_or(0));
        }
    }
    if matches!(chars.get(*pos), Some('h' | 'l' | 'L')) {
        *pos += 1;
    }
    match chars.get(*pos) {
        Some(&c) => {
            spec.conversion = c;
            *pos += 1;
            Ok(spec)
        }
        None => incomplete(),
    }
}

/// A width or precision given as `*`: the next argument, which must be an int.
fn star_arg(source: &mut ArgSource) -> PyResult<i64> {
    match source.next()? {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        Value::BigInt(_) => overflow_error("Python int too large to convert to C ssize_t"),
        _ => type_error("* wants int"),
    }
}

/// A width (at most `Py_ssize_t`) or precision (at most a C `int`) written in digits.
fn digits(chars: &[char], pos: &mut usize, max: usize, too_big: &str) -> PyResult<Option<usize>> {
    let mut n: Option<usize> = None;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        let next = n.unwrap_or(0).checked_mul(10).and_then(|v| v.checked_add(d as usize));
        match next.filter(|v| *v <= max) {
            Some(v) => n = Some(v),
            None => return value_error(too_big),
        }
        *pos += 1;
    }
    Ok(n)
}

/// The text of one conversion, and whether it is a number (whose sign and `0x` prefix the
/// padding treats apart).
fn convert(interp: &mut Interp, spec: &Spec, arg: &Value, at: usize) -> PyResult<(String, bool)> {
    Ok(match spec.conversion {
        's' => (interp.str(arg)?, false),
        'r' => (repr::repr(interp, arg)?, false),
        'a' => (repr::ascii(&repr::repr(interp, arg)?), false),
        c @ ('d' | 'i' | 'u' | 'o' | 'x' | 'X') => (format_int(spec, c, arg)?, true),
        c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G') => {
            let x = match arg {
                Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => arg.clone(),
                _ => return type_error(format!("must be real number, not {}", type_name(arg))),
            };
            let x = Value::Float(crate::runtime::types::ops::to_f64(&x)?.unwrap_or_default());
            let alternate = if spec.alternate { "#" } else { "" };
            let precision = spec.precision.unwrap_or(6);
            (format_value(interp, &x, &format!("{alternate}.{precision}{c}"))?, true)
        }
        'c' => (format_char(arg)?.to_string(), false),
        c => {
            let shown = if (' '..='~').contains(&c) { c } else { '?' };
            return value_error(format!("unsupported format character '{shown}' ({:#x}) at index {at}", c as u32));
        }
    })
}

/// `%d`, `%o`, `%x` and friends: the digits with a sign, the `0o`/`0x` prefix under `#`, and
/// at least `precision` digits (CPython's `_PyUnicode_FormatLong`).
fn format_int(spec: &Spec, c: char, arg: &Value) -> PyResult<String> {
    let value: BigInt = match arg {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => to_bigint(arg).unwrap_or_default(),
        Value::Float(x) if matches!(c, 'd' | 'i' | 'u') => {
            if x.is_nan() {
                return value_error("cannot convert float NaN to integer");
            }
            match float_to_bigint_trunc(*x) {
                Some(i) => i,
                None => return overflow_error("cannot convert float infinity to integer"),
            }
        }
        _ if matches!(c, 'o' | 'x' | 'X') => {
            return type_error(format!("%{c} format: an integer is required, not {}", type_name(arg)))
        }
        _ => return type_error(format!("%{c} format: a real number is required, not {}", type_name(arg))),
    };
    let radix = match c {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let mut digits = int_to_radix(&value.abs(), radix, false);
    if let Some(p) = spec.precision.filter(|p| *p > digits.len()) {
        limits::reserve(p as u128)?;
        digits.insert_str(0, &"0".repeat(p - digits.len()));
    }
    let prefix = match (spec.alternate, c) {
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    if c == 'X' {
        digits.make_ascii_uppercase();
    }
    Ok(format!("{}{prefix}{digits}", if value.is_negative() { "-" } else { "" }))
}

/// `%c`: an int code point or a one-character string.
fn format_char(arg: &Value) -> PyResult<char> {
    match arg {
        Value::Str(s) if s.char_len() == 1 => Ok(s.as_str().chars().next().unwrap_or_default()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            match crate::runtime::types::ops::as_i64(arg).and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32) {
                Some(ch) => Ok(ch),
                None => overflow_error("%c arg not in range(0x110000)"),
            }
        }
        _ => type_error("%c requires int or char"),
    }
}

/// Pads one conversion to its width as `unicode_format_arg_output` does: a number's sign
/// (and `0x` prefix) goes before zero padding and after space padding; `%s` is cut to the
/// precision.
fn write_padded(out: &mut String, spec: &Spec, text: &str, numeric: bool) -> PyResult<()> {
    let mut body: Vec<char> = text.chars().collect();
    if !numeric && spec.precision.is_some_and(|p| p < body.len()) && matches!(spec.conversion, 's' | 'r' | 'a') {
        body.truncate(spec.precision.unwrap_or(0));
    }
    let mut sign = None;
    if numeric {
        match body.first() {
            Some(&c @ ('-' | '+')) => {
                sign = Some(c);
                body.remove(0);
            }
            _ if spec.plus => sign = Some('+'),
            _ if spec.blank => sign = Some(' '),
            _ => {}
        }
    }
    let prefix: &[char] =
        if numeric && spec.alternate && matches!(spec.conversion, 'o' | 'x' | 'X') { &body[..2] } else { &[] };
    let prefix: Vec<char> = prefix.to_vec();
    let digits = &body[prefix.len()..];
    let len = sign.is_some() as usize + prefix.len() + digits.len();
    let width = spec.width.unwrap_or(0).max(len);
    limits::reserve(width as u128 * 4)?;
    let padding = width - len;
    let zero_fill = numeric && spec.zero && !spec.left;
    if !spec.left && !zero_fill {
        out.extend(std::iter::repeat_n(' ', padding));
    }
    out.extend(sign);
    out.extend(prefix.iter());
    if zero_fill {
        out.extend(std::iter::repeat_n('0', padding));
    }
    out.extend(digits.iter());
    if spec.left {
        out.extend(std::iter::repeat_n(' ', padding));
    }
    Ok(())
}
