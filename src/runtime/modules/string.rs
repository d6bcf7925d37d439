//! `string`: the character-class constants and `capwords`.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{attribute_error, type_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use super::{func, name, new_module};

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

pub fn module(_interp: &mut Interp) -> Value {
    new_module(
        "string",
        vec![
            ("ascii_lowercase", Value::str(LOWER)),
            ("ascii_uppercase", Value::str(UPPER)),
            ("ascii_letters", Value::string(format!("{LOWER}{UPPER}"))),
            ("digits", Value::str(DIGITS)),
            ("hexdigits", Value::str("0123456789abcdefABCDEF")),
            ("octdigits", Value::str("01234567")),
            ("punctuation", Value::str(PUNCTUATION)),
            ("whitespace", Value::str(WHITESPACE)),
            ("printable", Value::string(format!("{DIGITS}{LOWER}{UPPER}{PUNCTUATION}{WHITESPACE}"))),
            ("capwords", func("capwords", capwords)),
        ],
    )
}

/// `capwords(s, sep=None)`: `sep.join(w.capitalize() for w in s.split(sep))`.
fn capwords(interp: &mut Interp, _: &Builtin, args: Args) -> PyResult<Value> {
    let s = match args.pos.first() {
        Some(s @ Value::Str(_)) => s.clone(),
        Some(other) => return attribute_error(format!("'{}' object has no attribute 'split'", type_name(other))),
        None => return type_error("capwords() missing 1 required positional argument: 's'"),
    };
    let sep = args.pos.get(1).or_else(|| args.kwarg("sep")).cloned().unwrap_or(Value::None);
    let words = interp.call_method(&s, &name("split"), vec![sep.clone()], Vec::new())?;
    let mut capitalized = Vec::new();
    for w in interp.collect(&words)? {
        capitalized.push(interp.call_method(&w, &name("capitalize"), Vec::new(), Vec::new())?);
    }
    let joiner = if sep.is_none() { Value::str(" ") } else { sep };
    interp.call_method(&joiner, &name("join"), vec![Value::list(capitalized)], Vec::new())
}
