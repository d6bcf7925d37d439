//! `json`: `dumps` and `loads` as CPython's `json` package writes and reads, with its
//! options, its key rules and its `JSONDecodeError` messages. The `fastapi` model encodes
//! responses and decodes bodies through the same code.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{type_error, value_error, ExceptionObj};
use crate::runtime::model::typeobj::{type_name, type_of, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::model::{depth, gc};
use crate::runtime::support::format::float_repr;
use crate::runtime::types::list::sort_values;
use num_bigint::BigInt;
use std::rc::Rc;
use super::{func, new_module};

thread_local! {
    static JSON_DECODE_ERROR: Rc<TypeObj> = Rc::new(TypeObj {
        name: "JSONDecodeError".to_string(),
        module: Some("json.decoder".to_string()),
        base: Some(types().value_error.clone()),
        kind: TypeKind::Exception,
        c_level: false,
        class: None,
    });
}

pub fn json_decode_error() -> Rc<TypeObj> {
    JSON_DECODE_ERROR.with(|t| t.clone())
}

pub fn module(_interp: &mut Interp) -> Value {
    new_module(
        "json",
        vec![
            ("dumps", func("dumps", dumps)),
            ("loads", func("loads", loads)),
            ("JSONDecodeError", Value::Type(json_decode_error())),
        ],
    )
}

// ----- encoding -----

/// The options of `json.dumps` that shape its text.
pub struct Encoder {
    pub ensure_ascii: bool,
    pub allow_nan: bool,
    pub sort_keys: bool,
    pub skip_keys: bool,
    /// The text of one level of indentation; `None` writes everything on one line.
    pub indent: Option<String>,
    pub item_separator: String,
    pub key_separator: String,
    /// Called on a value JSON has no form for; its result is encoded instead.
    pub default: Option<Value>,
}

impl Default for Encoder {
    /// `json.dumps`'s defaults.
    fn default() -> Encoder {
        Encoder {
            ensure_ascii: true,
            allow_nan: true,
            sort_keys: false,
            skip_keys: false,
            indent: None,
            item_separator: ", ".into(),
            key_separator: ": ".into(),
            default: None,
        }
    }
}

impl Encoder {
    /// What Starlette and httpx write: `ensure_ascii=False, allow_nan=False,
    /// separators=(",", ":")`.
    pub fn compact() -> Encoder {
        Encoder {
            ensure_ascii: false,
            allow_nan: false,
            item_separator: ",".into(),
            key_separator: ":".into(),
            ..Encoder::default()
        }
    }

    pub fn encode(&self, interp: &mut Interp, v: &Value) -> PyResult<String> {
        let mut out = String::new();
        let mut active = Vec::new();
        self.value(interp, v, 0, &mut active, &mut out)?;
        Ok(out)
    }

    fn newline(&self, level: usize, out: &mut String) {
        if let Some(indent) = &self.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(indent);
            }
        }
    }

    fn string(&self, s: &str, out: &mut String) {
        write_string(s, self.ensure_ascii, out);
    }

    fn float(&self, f: f64, out: &mut String) -> PyResult<()> {
        if !f.is_finite() && !self.allow_nan {
            return value_error("Out of range float values are not JSON compliant");
        }
        match f {
            f if f.is_nan() => out.push_str("NaN"),
            f if f == f64::INFINITY => out.push_str("Infinity"),
            f if f == f64::NEG_INFINITY => out.push_str("-Infinity"),
            _ => out.push_str(&float_repr(f)),
        }
        Ok(())
    }

    /// A dict key as JSON text, or `None` to skip it (`skipkeys=True`).
    fn key(&self, k: &Value) -> PyResult<Option<String>> {
        let mut out = String::new();
        match k {
            Value::Str(s) => return Ok(Some(s.as_str().to_string())),
            Value::Float(f) => self.float(*f, &mut out)?,
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::None => out.push_str("null"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::BigInt(i) => out.push_str(&i.to_string()),
            _ if self.skip_keys => return Ok(None),
            other => {
                return type_error(format!("keys must be str, int, float, bool or None, not {}", type_name(other)))
            }
        }
        Ok(Some(out))
    }

    fn value(&self, interp: &mut Interp, v: &Value, level: usize, active: &mut Vec<usize>, out: &mut String) -> PyResult<()> {
        let _guard = depth::enter("")?;
        match v {
            Value::Str(s) => self.string(s, out),
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::BigInt(i) => out.push_str(&i.to_string()),
            Value::Float(f) => self.float(*f, out)?,
            Value::List(_) | Value::Tuple(_) => {
                let items = match v {
                    Value::List(l) => l.snapshot(),
                    Value::Tuple(t) => t.items.to_vec(),
                    _ => unreachable!("matched above"),
                };
                if items.is_empty() {
                    out.push_str("[]");
                    return Ok(());
                }
                self.enter(v, active)?;
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&self.item_separator);
                    }
                    self.newline(level + 1, out);
                    self.value(interp, item, level + 1, active, out)?;
                }
                self.newline(level, out);
                out.push(']');
                active.pop();
            }
            Value::Dict(d) => {
                let mut items = d.items();
                if items.is_empty() {
                    out.push_str("{}");
                    return Ok(());
                }
                self.enter(v, active)?;
                if self.sort_keys {
                    let mut pairs: Vec<Value> = items.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
                    sort_values(interp, &mut pairs, None, false)?;
                    items = pairs
                        .into_iter()
                        .map(|p| match p {
                            Value::Tuple(t) => (t.items[0].clone(), t.items[1].clone()),
                            _ => unreachable!("pairs are tuples"),
                        })
                        .collect();
                }
                out.push('{');
                let mut first = true;
                for (k, val) in &items {
                    let Some(key) = self.key(k)? else { continue };
                    if !first {
                        out.push_str(&self.item_separator);
                    }
                    first = false;
                    self.newline(level + 1, out);
                    self.string(&key, out);
                    out.push_str(&self.key_separator);
                    self.value(interp, val, level + 1, active, out)?;
                }
                self.newline(level, out);
                out.push('}');
                active.pop();
            }
            other => {
                let Some(default) = &self.default else {
                    // `json.encoder` words this in Python, with `o.__class__.__name__`.
                    let name = &type_of(other).name;
                    return type_error(format!("Object of type {name} is not JSON serializable"));
                };
                self.enter(v, active)?;
                let converted = interp.call(default, vec![other.clone()], Vec::new())?;
                self.value(interp, &converted, level, active, out)?;
                active.pop();
            }
        }
        Ok(())
    }

    /// `check_circular`: a container met again inside itself is an error, not a hang.
    fn enter(&self, v: &Value, active: &mut Vec<usize>) -> PyResult<()> {
        let id = v.address();
        if active.contains(&id) {
            return value_error("Circular reference detected");
        }
        active.push(id);
        Ok(())
    }
}

fn dumps(interp: &mut Interp, _: &Builtin, args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        return type_error(match args.pos.len() {
            0 => "dumps() missing 1 required positional argument: 'obj'".to_string(),
            n => format!("dumps() takes 1 positional argument but {n} were given"),
        });
    }
    let mut e = Encoder::default();
    let mut separators = None;
    for (k, v) in args.kw {
        match k.as_str() {
            "ensure_ascii" => e.ensure_ascii = interp.truthy(v)?,
            "allow_nan" => e.allow_nan = interp.truthy(v)?,
            "sort_keys" => e.sort_keys = interp.truthy(v)?,
            "skipkeys" => e.skip_keys = interp.truthy(v)?,
            "check_circular" => {}
            "default" => e.default = Some(v.clone()).filter(|d| !d.is_none()),
            "indent" => {
                e.indent = match v {
                    Value::None => None,
                    Value::Str(s) => Some(s.as_str().to_string()),
                    Value::Int(n) => Some(" ".repeat((*n).max(0) as usize)),
                    other => return type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(other))),
                }
            }
            "separators" => separators = Some(v.clone()).filter(|s| !s.is_none()),
            "cls" if v.is_none() => {}
            other => return type_error(format!("JSONEncoder.__init__() got an unexpected keyword argument '{other}'")),
        }
    }
    if e.indent.is_some() {
        e.item_separator = ",".into();
    }
    if let Some(seps) = separators {
        let parts = interp.collect(&seps)?;
        if parts.len() != 2 {
            return value_error(format!("not enough values to unpack (expected 2, got {})", parts.len()));
        }
        let text = |v: &Value| match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            other => type_error(format!("make_encoder() argument 6 must be str, not {}", type_name(other))),
        };
        e.item_separator = text(&parts[0])?;
        e.key_separator = text(&parts[1])?;
    }
    Ok(Value::string(e.encode(interp, &args.pos[0])?))
}

// ----- decoding -----

/// Why decoding stopped: CPython's `JSONDecodeError` message and the character offset it
/// points at, or another error.
enum Failure {
    At(&'static str, usize),
    Other(PyErr),
}


/// `json.loads` over the text's characters, as CPython's scanner reads them.
struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn skip_ws(&mut self) {
        while matches!(self.chars.get(self.pos), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.chars.get(self.pos) == Some(&c);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn word(&mut self, w: &str) -> bool {
        let n = w.chars().count();
        let hit = self.chars.len() >= self.pos + n && self.chars[self.pos..self.pos + n].iter().copied().eq(w.chars());
        if hit {
            self.pos += n;
        }
        hit
    }

    fn value(&mut self) -> Result<Value, Failure> {
        let _guard = depth::enter("").map_err(Failure::Other)?;
        let start = self.pos;
        match self.chars.get(self.pos) {
            Some('"') => {
                self.pos += 1;
                return self.string(start).map(Value::string);
            }
            Some('{') => {
                self.pos += 1;
                return self.object();
            }
            Some('[') => {
                self.pos += 1;
                return self.array();
            }
            _ => {}
        }
        for (word, v) in [
            ("null", Value::None),
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("NaN", Value::Float(f64::NAN)),
            ("Infinity", Value::Float(f64::INFINITY)),
            ("-Infinity", Value::Float(f64::NEG_INFINITY)),
        ] {
            if self.word(word) {
                return Ok(v);
            }
        }
        self.number().ok_or(Failure::At("Expecting value", start))
    }

    /// `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, the number pattern of `json.scanner`.
    fn number(&mut self) -> Option<Value> {
        let start = self.pos;
        let digits = |p: &mut Parser| {
            let s = p.pos;
            while p.chars.get(p.pos).is_some_and(char::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos - s
        };
        self.eat('-');
        if self.eat('0') {
        } else if digits(self) == 0 {
            self.pos = start;
            return None;
        }
        let mut is_float = false;
        let before_frac = self.pos;
        if self.eat('.') {
            if digits(self) == 0 {
                self.pos = before_frac;
            } else {
                is_float = true;
            }
        }
        let before_exp = self.pos;
        if self.eat('e') || self.eat('E') {
            let _ = self.eat('+') || self.eat('-');
            if digits(self) == 0 {
                self.pos = before_exp;
            } else {
                is_float = true;
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        Some(if is_float {
            Value::Float(text.parse().unwrap_or(f64::NAN))
        } else {
            Value::bigint(text.parse::<BigInt>().unwrap_or_default())
        })
    }

    fn string(&mut self, start: usize) -> Result<String, Failure> {
        let mut out = String::new();
        loop {
            let Some(&c) = self.chars.get(self.pos) else {
                return Err(Failure::At("Unterminated string starting at", start));
            };
            self.pos += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(&e) = self.chars.get(self.pos) else {
                        return Err(Failure::At("Unterminated string starting at", start));
                    };
                    self.pos += 1;
                    match e {
                        '"' | '\\' | '/' => out.push(e),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let unit = self.hex4()?;
                            // A high surrogate followed by an escaped low one is one character.
                            if (0xd800..0xdc00).contains(&unit) && self.chars.get(self.pos) == Some(&'\\') && self.chars.get(self.pos + 1) == Some(&'u') {
                                let save = self.pos;
                                self.pos += 2;
                                let low = self.hex4()?;
                                if (0xdc00..0xe000).contains(&low) {
                                    let code = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                                    out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                                    continue;
                                }
                                self.pos = save;
                            }
                            match char::from_u32(unit) {
                                Some(c) => out.push(c),
                                None => {
                                    let feature = format!("a lone surrogate in a str ('\\u{unit:04x}')");
                                    return Err(Failure::Other(crate::runtime::model::exceptions::unsupported::<()>(&feature).unwrap_err()));
                                }
                            }
                        }
                        _ => return Err(Failure::At("Invalid \\escape", self.pos - 2)),
                    }
                }
                c if (c as u32) < 0x20 => return Err(Failure::At("Invalid control character at", self.pos - 1)),
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Failure> {
        let at = self.pos - 1;
        let hex: String = self.chars.iter().skip(self.pos).take(4).collect();
        match u32::from_str_radix(&hex, 16) {
            Ok(v) if hex.len() == 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                self.pos += 4;
                Ok(v)
            }
            _ => Err(Failure::At("Invalid \\uXXXX escape", at)),
        }
    }

    fn array(&mut self) -> Result<Value, Failure> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat(']') {
            return Ok(Value::list(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            if self.eat(']') {
                return Ok(Value::list(items));
            }
            if !self.eat(',') {
                return Err(Failure::At("Expecting ',' delimiter", self.pos));
            }
        }
    }

    fn object(&mut self) -> Result<Value, Failure> {
        let d = Dict::new();
        self.skip_ws();
        if self.eat('}') {
            return Ok(Value::Dict(gc::new(d)));
        }
        loop {
            let start = self.pos;
            if !self.eat('"') {
                return Err(Failure::At("Expecting property name enclosed in double quotes", start));
            }
            let key = self.string(start)?;
            self.skip_ws();
            if !self.eat(':') {
                return Err(Failure::At("Expecting ':' delimiter", self.pos));
            }
            self.skip_ws();
            let v = self.value()?;
            d.set_str(&key, v);
            self.skip_ws();
            if self.eat('}') {
                return Ok(Value::Dict(gc::new(d)));
            }
            if !self.eat(',') {
                return Err(Failure::At("Expecting ',' delimiter", self.pos));
            }
            self.skip_ws();
        }
    }
}

/// `json.loads(text)`: the value, or `JSONDecodeError` with its line, column and offset.
pub fn parse(text: &str) -> PyResult<Value> {
    let mut p = Parser { chars: text.chars().collect(), pos: 0 };
    p.skip_ws();
    let result = p.value().and_then(|v| {
        p.skip_ws();
        if p.pos == p.chars.len() {
            Ok(v)
        } else {
            Err(Failure::At("Extra data", p.pos))
        }
    });
    result.map_err(|failure| {
        let (msg, pos) = match failure {
            Failure::At(msg, pos) => (msg, pos),
            Failure::Other(e) => return e,
        };
        let before = &p.chars[..pos.min(p.chars.len())];
        let line = before.iter().filter(|c| **c == '\n').count() + 1;
        let col = pos - before.iter().rposition(|c| *c == '\n').map_or(0, |n| n + 1) + 1;
        let e = ExceptionObj::new(
            json_decode_error(),
            vec![Value::string(format!("{msg}: line {line} column {col} (char {pos})"))],
        );
        e.set_attr("msg", Value::str(msg));
        e.set_attr("doc", Value::str(text));
        e.set_attr("pos", Value::Int(pos as i64));
        e.set_attr("lineno", Value::Int(line as i64));
        e.set_attr("colno", Value::Int(col as i64));
        PyErr(gc::new(e))
    })
}

fn loads(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs(b.name, &args)?;
    match args.pos {
        [Value::Str(s)] => parse(s.as_str()),
        [other] => type_error(format!("the JSON object must be str, bytes or bytearray, not {}", type_name(other))),
        _ => type_error(format!("loads() takes 1 positional argument but {} were given", args.pos.len())),
    }
}

/// `s` as a JSON string, escaped as CPython's encoder escapes it (non-ASCII too when
/// `ensure_ascii`).
pub fn write_string(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
