//! Methods of the builtin types (`str`, `list`, `tuple`, `dict`, `set`, `frozenset`, `int`,
//! `float`, `range`) and the dict views, with CPython 3.11's semantics and error messages.
//!
//! `call_builtin_method` is the one entry point: `obj.name(*pos, **kw)`. Argument checking
//! follows the three conventions CPython's methods use, because each words its errors
//! differently: METH_NOARGS / METH_O (`list.append() takes exactly one argument (0 given)`),
//! Argument Clinic positional-only (`pop expected at most 1 argument, got 2`), old-style
//! `PyArg_ParseTuple` (`find() takes at least 1 argument (0 given)`) and Argument Clinic with
//! keywords (`'foo' is an invalid keyword argument for split()`).

use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{
    index_error, key_error, overflow_error, type_error, unsupported, value_error,
};
use crate::runtime::interp::Interp;
use crate::runtime::model::iter::{is_iterable, DictPart};
use crate::runtime::model::set::{hashed_items, set_key_eq, SetObj};
use crate::runtime::model::typeobj::{type_name, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::support::format::unicode_decimal;
use crate::runtime::support::settable::SetTable;
use crate::runtime::types::ops;
use crate::syntax::ast::CmpOp;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

// ------------------------------------------------------------------------------------------
// method tables
// ------------------------------------------------------------------------------------------

const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "find",
    "format",
    "format_map",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
];
const LIST_METHODS: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];
const TUPLE_METHODS: &[&str] = &["count", "index"];
const DICT_METHODS: &[&str] = &[
    "clear",
    "copy",
    "fromkeys",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];
const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];
const FROZENSET_METHODS: &[&str] = &[
    "copy",
    "difference",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "union",
];
const INT_METHODS: &[&str] = &[
    "as_integer_ratio",
    "bit_count",
    "bit_length",
    "conjugate",
    "from_bytes",
    "to_bytes",
];
const FLOAT_METHODS: &[&str] = &[
    "as_integer_ratio",
    "conjugate",
    "fromhex",
    "hex",
    "is_integer",
];
const RANGE_METHODS: &[&str] = &["count", "index"];
const KEYS_METHODS: &[&str] = &["isdisjoint"];
const NO_METHODS: &[&str] = &[];

/// Names of the builtin methods of `obj`'s type, sorted (for `dir()` and attribute lookup).
/// For a builtin type object (`str`, `dict`) the methods of its instances, so that
/// `str.upper` and `dict.fromkeys` resolve.
pub fn method_names(obj: &Value) -> &'static [&'static str] {
    match obj {
        Value::Str(_) => STR_METHODS,
        Value::List(_) => LIST_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Dict(_) => DICT_METHODS,
        Value::Set(_) => SET_METHODS,
        Value::FrozenSet(_) => FROZENSET_METHODS,
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT_METHODS,
        Value::Float(_) => FLOAT_METHODS,
        Value::Range(_) => RANGE_METHODS,
        Value::Native(n) => match n.as_any().downcast_ref::<DictView>() {
            Some(v) if v.part != DictPart::Values => KEYS_METHODS,
            _ => NO_METHODS,
        },
        Value::Type(t) => match builtin_kind(t) {
            Some(k) => names_of_kind(k),
            None => NO_METHODS,
        },
        _ => NO_METHODS,
    }
}

fn names_of_kind(k: TypeKind) -> &'static [&'static str] {
    match k {
        TypeKind::Str => STR_METHODS,
        TypeKind::List => LIST_METHODS,
        TypeKind::Tuple => TUPLE_METHODS,
        TypeKind::Dict => DICT_METHODS,
        TypeKind::Set => SET_METHODS,
        TypeKind::FrozenSet => FROZENSET_METHODS,
        TypeKind::Int | TypeKind::Bool => INT_METHODS,
        TypeKind::Float => FLOAT_METHODS,
        TypeKind::Range => RANGE_METHODS,
        _ => NO_METHODS,
    }
}

/// The kind of `t` when it is one of the builtin types themselves (not a subclass).
fn builtin_kind(t: &Rc<TypeObj>) -> Option<TypeKind> {
    let ty = types();
    let all = [
        &ty.str_,
        &ty.list,
        &ty.tuple,
        &ty.dict,
        &ty.set,
        &ty.frozenset,
        &ty.int,
        &ty.bool_,
        &ty.float,
        &ty.range,
    ];
    all.iter().any(|b| Rc::ptr_eq(b, t)).then_some(t.kind)
}

fn owner_name(obj: &Value) -> &'static str {
    match obj {
        Value::Str(_) => "str",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        Value::Set(_) => "set",
        Value::FrozenSet(_) => "frozenset",
        Value::Int(_) | Value::BigInt(_) => "int",
        Value::Bool(_) => "bool",
        Value::Float(_) => "float",
        Value::Range(_) => "range",
        Value::Type(_) => "type",
        Value::Native(n) => match n.as_any().downcast_ref::<DictView>() {
            Some(v) => v.part.view_name(),
            None => "object",
        },
        _ => "object",
    }
}

/// A bound method object for `obj.name` (so `f = lst.append; f(3)` works).
pub fn bound_method(obj: &Value, name: &'static str) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        owner: Some(owner_name(obj)),
        func: trampoline,
        bound: Some(obj.clone()),
    }))
}

fn trampoline(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let obj = b.bound.clone().unwrap_or(Value::None);
    let name = PyStr::new(b.name);
    match call_builtin_method(interp, &obj, &name, args.pos, args.kw) {
        Some(r) => r,
        None => crate::runtime::model::exceptions::attribute_error(format!(
            "'{}' object has no attribute '{}'",
            type_name(&obj),
            b.name
        )),
    }
}

/// `obj.name(*pos, **kw)` for builtin types; `None` when the type has no builtin method
/// `name` (the caller then falls back to attribute lookup).
pub fn call_builtin_method(
    interp: &mut Interp,
    obj: &Value,
    name: &PyStr,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> Option<PyResult<Value>> {
    let n = builtin_method_name(obj, name)?;
    call_named_method(interp, obj, n, pos, kw)
}

/// The builtin method `name` of `obj`'s type, as the static name its implementation goes by.
pub fn builtin_method_name(obj: &Value, name: &PyStr) -> Option<&'static str> {
    let n = name.as_str();
    method_names(obj).iter().find(|m| **m == n).copied()
}

/// Calls the builtin method `n`, a name `builtin_method_name` gave for this object.
pub fn call_named_method(
    interp: &mut Interp,
    obj: &Value,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> Option<PyResult<Value>> {
    Some(match obj {
        Value::Str(s) => str_method(interp, s, n, pos, kw),
        Value::List(l) => list_method(interp, l, n, pos, kw),
        Value::Tuple(t) => seq_method(interp, "tuple", &t.items, n, pos, kw),
        Value::Dict(d) => dict_method(interp, d, n, pos, kw),
        Value::Set(s) => set_method(interp, obj, s, "set", n, pos, kw),
        Value::FrozenSet(s) => set_method(interp, obj, s, "frozenset", n, pos, kw),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => int_method(obj, n, pos, kw),
        Value::Float(f) => float_method(*f, n, pos, kw),
        Value::Range(r) => range_method(interp, r, n, pos, kw),
        Value::Native(nat) => match nat.as_any().downcast_ref::<DictView>() {
            Some(v) => view_method(interp, v, n, pos, kw),
            None => return None,
        },
        Value::Type(t) => type_method(interp, t, n, pos, kw),
        _ => return None,
    })
}

/// `str.upper("a")`, `list.append(l, x)`, `dict.fromkeys(...)`, `str.maketrans(...)`: a
/// method called through its type.
fn type_method(
    interp: &mut Interp,
    t: &Rc<TypeObj>,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let kind = t.kind;
    match (kind, n) {
        (TypeKind::Dict, "fromkeys") => return dict_fromkeys(interp, pos, kw),
        (TypeKind::Str, "maketrans") => return str_maketrans(interp, pos, kw),
        (TypeKind::Int | TypeKind::Bool, "from_bytes") | (TypeKind::Float, "fromhex") => {
            return unsupported(&format!("{}.{}()", t.name, n))
        }
        _ => {}
    }
    let Some(recv) = pos.first() else {
        return type_error(format!(
            "unbound method {}.{}() needs an argument",
            t.name, n
        ));
    };
    let ok = match kind {
        TypeKind::Int => matches!(recv, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)),
        TypeKind::Set => matches!(recv, Value::Set(_)),
        TypeKind::FrozenSet => matches!(recv, Value::FrozenSet(_)),
        _ => {
            crate::runtime::model::typeobj::type_of(recv).kind == kind
                && !matches!(recv, Value::Native(_) | Value::Exception(_))
        }
    };
    if !ok {
        return type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            n,
            t.name,
            type_name(recv)
        ));
    }
    let name = PyStr::new(n);
    match call_builtin_method(interp, recv, &name, &pos[1..], kw) {
        Some(r) => r,
        None => crate::runtime::model::exceptions::attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            t.name, n
        )),
    }
}

// ------------------------------------------------------------------------------------------
// argument checking, in CPython's words
// ------------------------------------------------------------------------------------------

struct Sig<'a> {
    ty: &'static str,
    name: &'static str,
    pos: &'a [Value],
    kw: &'a [(Rc<PyStr>, Value)],
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl<'a> Sig<'a> {
    fn no_kw(&self) -> PyResult<()> {
        if !self.kw.is_empty() {
            return type_error(format!(
                "{}.{}() takes no keyword arguments",
                self.ty, self.name
            ));
        }
        Ok(())
    }
    /// METH_NOARGS.
    fn none(&self) -> PyResult<()> {
        self.no_kw()?;
        if !self.pos.is_empty() {
            return type_error(format!(
                "{}.{}() takes no arguments ({} given)",
                self.ty,
                self.name,
                self.pos.len()
            ));
        }
        Ok(())
    }
    /// METH_O.
    fn one(&self) -> PyResult<&'a Value> {
        self.no_kw()?;
        if self.pos.len() != 1 {
            return type_error(format!(
                "{}.{}() takes exactly one argument ({} given)",
                self.ty,
                self.name,
                self.pos.len()
            ));
        }
        Ok(&self.pos[0])
    }
    /// Argument Clinic, positional-only (`_PyArg_CheckPositional`).
    fn clinic(&self, min: usize, max: usize) -> PyResult<()> {
        self.no_kw()?;
        let n = self.pos.len();
        if n < min {
            return type_error(format!(
                "{} expected {}{} argument{}, got {}",
                self.name,
                if min == max { "" } else { "at least " },
                min,
                plural(min),
                n
            ));
        }
        if n > max {
            return type_error(format!(
                "{} expected {}{} argument{}, got {}",
                self.name,
                if min == max { "" } else { "at most " },
                max,
                plural(max),
                n
            ));
        }
        Ok(())
    }
    /// Old-style `PyArg_ParseTuple`.
    fn old(&self, min: usize, max: usize) -> PyResult<()> {
        self.no_kw()?;
        let n = self.pos.len();
        if n < min || n > max {
            let (word, k) = if min == max {
                ("exactly", min)
            } else if n < min {
                ("at least", min)
            } else {
                ("at most", max)
            };
            return type_error(format!(
                "{}() takes {} {} argument{} ({} given)",
                self.name,
                word,
                k,
                plural(k),
                n
            ));
        }
        Ok(())
    }
    /// Argument Clinic with keywords (`_PyArg_UnpackKeywords`): the values of `params`, in
    /// order, `None` where not given.
    fn keywords(&self, params: &[&str], maxpos: usize) -> PyResult<Vec<Option<Value>>> {
        let (n, nkw, maxargs) = (self.pos.len(), self.kw.len(), params.len());
        if n + nkw > maxargs {
            return type_error(format!(
                "{}() takes at most {} {}argument{} ({} given)",
                self.name,
                maxargs,
                if n == 0 { "keyword " } else { "" },
                plural(maxargs),
                n + nkw
            ));
        }
        if n > maxpos {
            if maxpos == 0 {
                return type_error(format!("{}() takes no positional arguments", self.name));
            }
            return type_error(format!(
                "{}() takes at most {} positional argument{} ({} given)",
                self.name,
                maxpos,
                plural(maxpos),
                n
            ));
        }
        let mut out: Vec<Option<Value>> = vec![None; maxargs];
        for (i, v) in self.pos.iter().enumerate() {
            out[i] = Some(v.clone());
        }
        for (k, v) in self.kw {
            match params.iter().position(|p| *p == k.as_str()) {
                Some(i) if i < n => {
                    return type_error(format!(
                        "argument for {}() given by name ('{}') and position ({})",
                        self.name,
                        k.as_str(),
                        i + 1
                    ))
                }
                Some(i) => out[i] = Some(v.clone()),
                None => {
                    return type_error(format!(
                        "'{}' is an invalid keyword argument for {}()",
                        k.as_str(),
                        self.name
                    ))
                }
            }
        }
        Ok(out)
    }
}

/// An `int` argument (clinic's `Py_ssize_t`/`int` converters).
/// An int argument CPython takes as a `Py_ssize_t`: past 64 bits, OverflowError.
fn int_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => overflow_error("Python int too large to convert to C ssize_t"),
        Value::Int(_) | Value::Bool(_) => ops::index_of(v),
        _ => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        )),
    }
}

/// A slice index of `str.find` & co. (`None` allowed).
fn str_slice_arg(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            Ok(Some(ops::index_of(v)?))
        }
        Some(_) => type_error("slice indices must be integers or None or have an __index__ method"),
    }
}

/// A slice index of `list.index` & co. (`None` not allowed).
fn seq_slice_arg(v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => ops::index_of(v),
        Some(_) => type_error("slice indices must be integers or have an __index__ method"),
    }
}

/// CPython's `ADJUST_INDICES`: clamps `end` to the length, resolves negative indices; `start`
/// may stay beyond the length.
fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut start = start.unwrap_or(0);
    let mut end = end.unwrap_or(i64::MAX);
    if end > len {
        end = len;
    } else if end < 0 {
        end = end.saturating_add(len).max(0);
    }
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    (start, end)
}

// ------------------------------------------------------------------------------------------
// str
// ------------------------------------------------------------------------------------------

/// `str.isspace` for one character.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn is_decimal(c: char) -> bool {
    unicode_decimal(c).is_some()
}

/// Characters with Numeric_Type=Digit that are not decimals (superscripts, circled digits, …).
fn is_digit(c: char) -> bool {
    if is_decimal(c) {
        return true;
    }
    let n = c as u32;
    matches!(n,
        0xb2 | 0xb3 | 0xb9 | 0x1369..=0x1371 | 0x19da | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089
        | 0x2460..=0x2468 | 0x2474..=0x247c | 0x2488..=0x2490 | 0x24ea | 0x24f5..=0x24fd | 0x24ff
        | 0x2776..=0x277e | 0x2780..=0x2788 | 0x278a..=0x2792 | 0x10a40..=0x10a43 | 0x10e60..=0x10e68
        | 0x11052..=0x1105a | 0x1f100..=0x1f10a)
}

/// CJK and other ideographic numerals that are numeric without being `N*` characters.
fn is_numeric(c: char) -> bool {
    if is_digit(c) || c.is_numeric() {
        return true;
    }
    matches!(c as u32,
        0x3007 | 0x4e00 | 0x4e03 | 0x4e07 | 0x4e09 | 0x4e5d | 0x4e8c | 0x4e94 | 0x4e96 | 0x4ebf | 0x4ec0
        | 0x4edf | 0x4ee8 | 0x4f0d | 0x4f70 | 0x5104 | 0x5146 | 0x5169 | 0x516b | 0x516d | 0x5341 | 0x5343
        | 0x5344 | 0x5345 | 0x534c | 0x53c1..=0x53c4 | 0x56db | 0x58f1 | 0x58f9 | 0x5e7a | 0x5efe | 0x5eff
        | 0x5f0c..=0x5f0e | 0x5f10 | 0x62fe | 0x634c | 0x67d2 | 0x6f06 | 0x7396 | 0x767e | 0x8086 | 0x842c
        | 0x8cae | 0x8cb3 | 0x8d30 | 0x9621 | 0x9646 | 0x964c | 0x9678 | 0x96f6 | 0xf96b | 0xf973 | 0xf978
        | 0xf9b2 | 0xf9d1 | 0xf9d3 | 0xf9fd | 0x2f890)
}

fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // Python's isalpha is the L* categories; Rust's Alphabetic adds letter numbers (Ⅷ).
    c.is_alphabetic() && !c.is_numeric()
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

fn to_title(c: char, out: &mut String) {
    match c as u32 {
        0x1c4..=0x1c6 => out.push('\u{1c5}'),
        0x1c7..=0x1c9 => out.push('\u{1c8}'),
        0x1ca..=0x1cc => out.push('\u{1cb}'),
        0x1f1..=0x1f3 => out.push('\u{1f2}'),
        0xdf => out.push_str("Ss"),
        0xfb00 => out.push_str("Ff"),
        0xfb01 => out.push_str("Fi"),
        0xfb02 => out.push_str("Fl"),
        0xfb03 => out.push_str("Ffi"),
        0xfb04 => out.push_str("Ffl"),
        0xfb05 | 0xfb06 => out.push_str("St"),
        _ if is_titlecase(c) => out.push(c),
        _ => out.extend(c.to_uppercase()),
    }
}

fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let n = c as u32;
    !(c.is_control()
        || (py_isspace(c))
        || n == 0xad
        || (0x600..=0x605).contains(&n)
        || n == 0x61c
        || n == 0x6dd
        || n == 0x70f
        || (0x200b..=0x200f).contains(&n)
        || (0x202a..=0x202e).contains(&n)
        || (0x2060..=0x206f).contains(&n)
        || n == 0xfeff
        || (0xfff9..=0xfffb).contains(&n)
        || (0xd800..=0xf8ff).contains(&n)
        || (0xe0000..=0xe007f).contains(&n)
        || n >= 0xf0000)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || is_alpha(c) || (!c.is_ascii() && c.is_alphabetic()) => {}
        _ => return false,
    }
    chars.all(|c| {
        c == '_'
            || c.is_ascii_alphanumeric()
            || (!c.is_ascii() && (c.is_alphanumeric() || is_digit(c) || is_mark(c)))
    })
}

fn is_mark(c: char) -> bool {
    let n = c as u32;
    (0x300..=0x36f).contains(&n)
        || (0x1ab0..=0x1aff).contains(&n)
        || (0x1dc0..=0x1dff).contains(&n)
        || (0x20d0..=0x20ff).contains(&n)
        || (0xfe20..=0xfe2f).contains(&n)
}

fn lower_str(s: &str) -> String {
    s.to_lowercase()
}

fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'İ' => out.push_str("i\u{307}"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            to_title(c, &mut out);
        }
        prev_cased = is_cased(c);
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        to_title(c, &mut out);
    }
    let rest: String = chars.collect();
    out.push_str(&rest.to_lowercase());
    // `to_lowercase` of the rest alone misses a final sigma that follows the first letter;
    // CPython lowers the rest with the whole string as context.
    out
}

fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            if c == 'Σ' {
                // final sigma rule, as in lower()
                let before = chars[..i]
                    .iter()
                    .rev()
                    .find(|c| !is_case_ignorable(**c))
                    .is_some_and(|c| is_cased(*c));
                let after = chars[i + 1..]
                    .iter()
                    .find(|c| !is_case_ignorable(**c))
                    .is_some_and(|c| is_cased(*c));
                out.push(if before && !after { 'ς' } else { 'σ' });
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_case_ignorable(c: char) -> bool {
    matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}') || is_mark(c)
}

/// Byte offset of character `ci` in `s` (the end when `ci` is past it).
fn char_to_byte(s: &PyStr, ci: usize) -> usize {
    if s.is_ascii() {
        ci.min(s.len())
    } else {
        s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
    }
}

fn byte_to_char(s: &PyStr, bi: usize) -> usize {
    if s.is_ascii() {
        bi
    } else {
        s[..bi].chars().count()
    }
}

fn str_arg(v: &Value) -> PyResult<&Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s),
        _ => type_error(format!("must be str, not {}", type_name(v))),
    }
}

fn new_str(s: &Rc<PyStr>, out: String) -> Value {
    if out.len() == s.len() && out == s.as_str() {
        Value::Str(s.clone())
    } else {
        Value::string(out)
    }
}

fn strs(items: Vec<&str>) -> Value {
    Value::list(items.into_iter().map(Value::str).collect())
}

/// Where `sub` occurs in `s[start:end]` (character indices), searching from the left or
/// the right; CPython's `any_find_slice`.
fn find_in(s: &PyStr, sub: &PyStr, start: Option<i64>, end: Option<i64>, right: bool) -> i64 {
    let (start, end) = adjust_indices(start, end, s.char_len());
    let sub_len = sub.char_len() as i64;
    if end - start < sub_len {
        return -1;
    }
    if sub_len == 0 {
        return if right { end } else { start };
    }
    let (b0, b1) = (
        char_to_byte(s, start as usize),
        char_to_byte(s, end as usize),
    );
    let hay = &s[b0..b1];
    let found = if right {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    };
    match found {
        Some(b) => byte_to_char(s, b0 + b) as i64,
        None => -1,
    }
}

fn count_in(s: &PyStr, sub: &PyStr, start: Option<i64>, end: Option<i64>) -> i64 {
    let (start, end) = adjust_indices(start, end, s.char_len());
    let sub_len = sub.char_len() as i64;
    if end - start < sub_len {
        return 0;
    }
    if sub_len == 0 {
        return end - start + 1;
    }
    let (b0, b1) = (
        char_to_byte(s, start as usize),
        char_to_byte(s, end as usize),
    );
    s[b0..b1].matches(sub.as_str()).count() as i64
}

/// CPython's `tailmatch`.
fn tailmatch(s: &PyStr, sub: &PyStr, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
    let (start, end) = adjust_indices(start, end, s.char_len());
    let sub_len = sub.char_len() as i64;
    if end - sub_len < start {
        return false;
    }
    if sub_len == 0 {
        return true;
    }
    let (b0, b1) = (
        char_to_byte(s, start as usize),
        char_to_byte(s, end as usize),
    );
    let hay = &s[b0..b1];
    if at_end {
        hay.ends_with(sub.as_str())
    } else {
        hay.starts_with(sub.as_str())
    }
}

fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(py_isspace);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            out.push(rest);
            break;
        }
        let end = rest.find(py_isspace).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
        left -= 1;
    }
    out
}

fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut rest = s;
    loop {
        rest = rest.trim_end_matches(py_isspace);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            out.push(rest);
            break;
        }
        let start = rest.rfind(py_isspace).map_or(0, |i| i + rest[i..].chars().next().map_or(0, char::len_utf8));
        out.push(&rest[start..]);
        rest = &rest[..start];
        left -= 1;
    }
    out.reverse();
    out
}

fn split_args(sig: &Sig) -> PyResult<(Option<Rc<PyStr>>, i64)> {
    let a = sig.keywords(&["sep", "maxsplit"], 2)?;
    let sep = match &a[0] {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            if s.is_empty() {
                return value_error("empty separator");
            }
            Some(s.clone())
        }
        Some(v) => return type_error(format!("must be str or None, not {}", type_name(v))),
    };
    let maxsplit = match &a[1] {
        None => -1,
        Some(v) => int_arg(v)?,
    };
    Ok((sep, maxsplit))
}

fn fill_char_arg(v: Option<&Value>) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(Value::Str(s)) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => type_error("The fill character must be exactly one character long"),
            }
        }
        Some(v) => type_error(format!(
            "The fill character must be a unicode character, not {}",
            type_name(v)
        )),
    }
}

/// An int argument CPython takes as a C `int` (`tabsize`, `keepends`, `reverse`).
fn c_int_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => overflow_error("Python int too large to convert to C int"),
        _ => match int_arg(v)? {
            i if i32::try_from(i).is_ok() => Ok(i),
            _ => overflow_error("Python int too large to convert to C int"),
        },
    }
}

fn pad(s: &Rc<PyStr>, left: usize, right: usize, fill: char) -> PyResult<Value> {
    if left == 0 && right == 0 {
        return Ok(Value::Str(s.clone()));
    }
    // A width too large for memory is a MemoryError before anything is allocated.
    crate::runtime::support::limits::reserve(s.len() as u128 + (left as u128 + right as u128) * fill.len_utf8() as u128)?;
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(Value::string(out))
}

fn strip_with(s: &str, chars: Option<&str>, left: bool, right: bool) -> (usize, usize) {
    let test = |c: char| match chars {
        None => py_isspace(c),
        Some(cs) => cs.contains(c),
    };
    let mut start = 0;
    let mut end = s.len();
    if left {
        start = s
            .char_indices()
            .find(|(_, c)| !test(*c))
            .map_or(s.len(), |(i, _)| i);
    }
    if right {
        end = s[start..]
            .char_indices()
            .rev()
            .find(|(_, c)| !test(*c))
            .map_or(start, |(i, c)| start + i + c.len_utf8());
    }
    (start, end)
}

fn prefix_arg(what: &str, v: &Value) -> PyResult<Vec<Rc<PyStr>>> {
    match v {
        Value::Str(s) => Ok(vec![s.clone()]),
        Value::Tuple(t) => Ok(t
            .items
            .iter()
            .map(|x| match x {
                Value::Str(s) => Some(s.clone()),
                _ => None,
            })
            .map_while(|x| x)
            .collect()),
        _ => type_error(format!(
            "{what} first arg must be str or a tuple of str, not {}",
            type_name(v)
        )),
    }
}

fn str_method(
    interp: &mut Interp,
    s: &Rc<PyStr>,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: "str",
        name: n,
        pos,
        kw,
    };
    let str_pred = |sig: &Sig, f: &dyn Fn(char) -> bool| -> PyResult<Value> {
        sig.none()?;
        Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
    };
    match n {
        "upper" => {
            sig.none()?;
            Ok(new_str(
                s,
                if s.is_ascii() {
                    s.to_ascii_uppercase()
                } else {
                    s.to_uppercase()
                },
            ))
        }
        "lower" => {
            sig.none()?;
            Ok(new_str(
                s,
                if s.is_ascii() {
                    s.to_ascii_lowercase()
                } else {
                    lower_str(s)
                },
            ))
        }
        "casefold" => {
            sig.none()?;
            Ok(new_str(s, casefold(s)))
        }
        "title" => {
            sig.none()?;
            Ok(new_str(s, title(s)))
        }
        "capitalize" => {
            sig.none()?;
            Ok(new_str(s, capitalize(s)))
        }
        "swapcase" => {
            sig.none()?;
            Ok(new_str(s, swapcase(s)))
        }
        "strip" | "lstrip" | "rstrip" => {
            sig.clinic(0, 1)?;
            let chars = match pos.first() {
                None | Some(Value::None) => None,
                Some(Value::Str(c)) => Some(c.as_str()),
                Some(_) => return type_error(format!("{n} arg must be None or str")),
            };
            let (a, b) = strip_with(s, chars, n != "rstrip", n != "lstrip");
            Ok(if a == 0 && b == s.len() {
                Value::Str(s.clone())
            } else {
                Value::str(&s[a..b])
            })
        }
        "split" | "rsplit" => {
            let (sep, maxsplit) = split_args(&sig)?;
            let parts: Vec<&str> = match (&sep, n) {
                (None, "split") => split_whitespace(s, maxsplit),
                (None, _) => rsplit_whitespace(s, maxsplit),
                (Some(sep), "split") => {
                    if maxsplit < 0 {
                        s.split(sep.as_str()).collect()
                    } else {
                        s.splitn(maxsplit.saturating_add(1) as usize, sep.as_str())
                            .collect()
                    }
                }
                (Some(sep), _) => {
                    let mut v: Vec<&str> = if maxsplit < 0 {
                        s.rsplit(sep.as_str()).collect()
                    } else {
                        s.rsplitn(maxsplit.saturating_add(1) as usize, sep.as_str())
                            .collect()
                    };
                    v.reverse();
                    v
                }
            };
            Ok(strs(parts))
        }
        "splitlines" => {
            let a = sig.keywords(&["keepends"], 1)?;
            let keep = match &a[0] {
                None => false,
                Some(v) => c_int_arg(v)? != 0,
            };
            let mut out = Vec::new();
            let mut start = 0;
            let mut it = s.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if is_linebreak(c) {
                    let mut end = i + c.len_utf8();
                    if c == '\r' {
                        if let Some(&(_, '\n')) = it.peek() {
                            it.next();
                            end += 1;
                        }
                    }
                    out.push(&s[start..if keep { end } else { i }]);
                    start = end;
                }
            }
            if start < s.len() {
                out.push(&s[start..]);
            }
            Ok(strs(out))
        }
        "join" => {
            let arg = sig.one()?;
            let items = match arg {
                Value::List(l) => l.snapshot(),
                Value::Tuple(t) => t.items.to_vec(),
                _ => match interp.collect(arg) {
                    Ok(v) => v,
                    Err(e) if e.is(&types().type_error) && !is_iterable(arg) => {
                        return type_error("can only join an iterable")
                    }
                    Err(e) => return Err(e),
                },
            };
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                let Value::Str(x) = item else {
                    return type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        type_name(item)
                    ));
                };
                if i > 0 {
                    out.push_str(s);
                }
                out.push_str(x);
            }
            if items.len() == 1 {
                return Ok(items[0].clone());
            }
            Ok(Value::string(out))
        }
        "replace" => {
            sig.clinic(2, 3)?;
            let Value::Str(old) = &pos[0] else {
                return type_error(format!(
                    "replace() argument 1 must be str, not {}",
                    type_name(&pos[0])
                ));
            };
            let Value::Str(new) = &pos[1] else {
                return type_error(format!(
                    "replace() argument 2 must be str, not {}",
                    type_name(&pos[1])
                ));
            };
            let count = match pos.get(2) {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            let out = if count < 0 {
                s.replace(old.as_str(), new)
            } else {
                s.replacen(old.as_str(), new, count as usize)
            };
            Ok(new_str(s, out))
        }
        "startswith" | "endswith" => {
            sig.old(1, 3)?;
            let start = str_slice_arg(pos.get(1))?;
            let end = str_slice_arg(pos.get(2))?;
            let at_end = n == "endswith";
            match &pos[0] {
                Value::Tuple(t) => {
                    for x in t.items.iter() {
                        let Value::Str(p) = x else {
                            return type_error(format!(
                                "tuple for {n} must only contain str, not {}",
                                type_name(x)
                            ));
                        };
                        if tailmatch(s, p, start, end, at_end) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    Ok(Value::Bool(false))
                }
                v => {
                    let p = prefix_arg(n, v)?;
                    Ok(Value::Bool(tailmatch(s, &p[0], start, end, at_end)))
                }
            }
        }
        "find" | "rfind" | "index" | "rindex" => {
            sig.old(1, 3)?;
            let sub = str_arg(&pos[0])?;
            let start = str_slice_arg(pos.get(1))?;
            let end = str_slice_arg(pos.get(2))?;
            let r = find_in(s, sub, start, end, n.starts_with('r'));
            if r < 0 && n.ends_with("index") {
                return value_error("substring not found");
            }
            Ok(Value::Int(r))
        }
        "count" => {
            sig.old(1, 3)?;
            let sub = str_arg(&pos[0])?;
            let start = str_slice_arg(pos.get(1))?;
            let end = str_slice_arg(pos.get(2))?;
            Ok(Value::Int(count_in(s, sub, start, end)))
        }
        "format" => {
            let args = pos.to_vec();
            let mut f = Formatter {
                args: &args,
                kwargs: Kwargs::Pairs(kw),
                auto: AutoNumber::Init,
            };
            Ok(Value::string(f.render(interp, s, 2)?))
        }
        "format_map" => {
            let mapping = sig.one()?;
            let mut f = Formatter {
                args: &[],
                kwargs: Kwargs::Mapping(mapping),
                auto: AutoNumber::Init,
            };
            Ok(Value::string(f.render(interp, s, 2)?))
        }
        "isdigit" => str_pred(&sig, &is_digit),
        "isdecimal" => str_pred(&sig, &is_decimal),
        "isnumeric" => str_pred(&sig, &is_numeric),
        "isalpha" => str_pred(&sig, &is_alpha),
        "isalnum" => str_pred(&sig, &|c| is_alpha(c) || is_numeric(c)),
        "isspace" => str_pred(&sig, &py_isspace),
        "isascii" => {
            sig.none()?;
            Ok(Value::Bool(s.is_ascii()))
        }
        "isprintable" => {
            sig.none()?;
            Ok(Value::Bool(s.chars().all(is_printable)))
        }
        "isidentifier" => {
            sig.none()?;
            Ok(Value::Bool(is_identifier(s)))
        }
        "isupper" | "islower" => {
            sig.none()?;
            let upper = n == "isupper";
            let mut cased = false;
            for c in s.chars() {
                let (bad, good) = if upper {
                    (c.is_lowercase() || is_titlecase(c), c.is_uppercase())
                } else {
                    (c.is_uppercase() || is_titlecase(c), c.is_lowercase())
                };
                if bad {
                    return Ok(Value::Bool(false));
                }
                cased |= good;
            }
            Ok(Value::Bool(cased))
        }
        "istitle" => {
            sig.none()?;
            let mut cased = false;
            let mut prev_cased = false;
            for c in s.chars() {
                if c.is_uppercase() || is_titlecase(c) {
                    if prev_cased {
                        return Ok(Value::Bool(false));
                    }
                    prev_cased = true;
                    cased = true;
                } else if c.is_lowercase() {
                    if !prev_cased {
                        return Ok(Value::Bool(false));
                    }
                    prev_cased = true;
                    cased = true;
                } else {
                    prev_cased = false;
                }
            }
            Ok(Value::Bool(cased))
        }
        "center" | "ljust" | "rjust" => {
            sig.clinic(1, 2)?;
            let width = int_arg(&pos[0])?;
            let fill = fill_char_arg(pos.get(1))?;
            let len = s.char_len() as i64;
            if width <= len {
                return Ok(Value::Str(s.clone()));
            }
            let marg = width - len;
            let (l, r) = match n {
                "ljust" => (0, marg),
                "rjust" => (marg, 0),
                _ => {
                    let l = marg / 2 + (marg & width & 1);
                    (l, marg - l)
                }
            };
            pad(s, l as usize, r as usize, fill)
        }
        "zfill" => {
            let width = int_arg(sig.one()?)?;
            let len = s.char_len() as i64;
            if width <= len {
                return Ok(Value::Str(s.clone()));
            }
            let fill = (width - len) as usize;
            crate::runtime::support::limits::reserve(s.len() as u128 + fill as u128)?;
            let mut out = String::with_capacity(s.len() + fill);
            let rest = match s.chars().next() {
                Some(c @ ('+' | '-')) => {
                    out.push(c);
                    &s[1..]
                }
                _ => &s[..],
            };
            out.extend(std::iter::repeat_n('0', fill));
            out.push_str(rest);
            Ok(Value::string(out))
        }
        "partition" | "rpartition" => {
            let sep = str_arg(sig.one()?)?;
            if sep.is_empty() {
                return value_error("empty separator");
            }
            let found = if n == "partition" {
                s.find(sep.as_str())
            } else {
                s.rfind(sep.as_str())
            };
            let e = || Value::str("");
            Ok(Value::tuple(match found {
                Some(i) => vec![
                    Value::str(&s[..i]),
                    Value::Str(sep.clone()),
                    Value::str(&s[i + sep.len()..]),
                ],
                None if n == "partition" => vec![Value::Str(s.clone()), e(), e()],
                None => vec![e(), e(), Value::Str(s.clone())],
            }))
        }
        "removeprefix" | "removesuffix" => {
            let a = sig.one()?;
            let Value::Str(p) = a else {
                return type_error(format!("{n}() argument must be str, not {}", type_name(a)));
            };
            let r = if n == "removeprefix" {
                s.strip_prefix(p.as_str())
            } else {
                s.strip_suffix(p.as_str())
            };
            Ok(match r {
                Some(rest) if !p.is_empty() => Value::str(rest),
                _ => Value::Str(s.clone()),
            })
        }
        "expandtabs" => {
            let a = sig.keywords(&["tabsize"], 1)?;
            let tabsize = match &a[0] {
                None => 8,
                Some(v) => c_int_arg(v)?,
            };
            let mut out = String::with_capacity(s.len());
            let mut col: i64 = 0;
            for c in s.chars() {
                if c == '\t' {
                    if tabsize > 0 {
                        let incr = tabsize - col % tabsize;
                        col += incr;
                        crate::runtime::support::limits::reserve(out.len() as u128 + incr as u128)?;
                        out.extend(std::iter::repeat_n(' ', incr as usize));
                    }
                } else {
                    col += 1;
                    out.push(c);
                    if c == '\n' || c == '\r' {
                        col = 0;
                    }
                }
            }
            Ok(new_str(s, out))
        }
        "translate" => {
            let table = sig.one()?.clone();
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                let r = match crate::runtime::modules::builtins::getitem(interp, &table, &Value::Int(c as i64)) {
                    Ok(v) => v,
                    Err(e) if e.is(&types().lookup_error) => {
                        out.push(c);
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                match &r {
                    Value::None => {}
                    Value::Str(x) => out.push_str(x),
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        let i = ops::index_of(&r)?;
                        match u32::try_from(i)
                            .ok()
                            .filter(|i| *i < 0x110000)
                            .and_then(char::from_u32)
                        {
                            Some(ch) => out.push(ch),
                            None if (0..0x110000).contains(&i) => {
                                return unsupported("lone surrogates in str")
                            }
                            None => {
                                return value_error("character mapping must be in range(0x110000)")
                            }
                        }
                    }
                    _ => return type_error("character mapping must return integer, None or str"),
                }
            }
            Ok(new_str(s, out))
        }
        "maketrans" => str_maketrans(interp, pos, kw),
        "encode" => unsupported("bytes"),
        _ => unsupported(&format!("str.{n}()")),
    }
}

fn str_maketrans(
    _interp: &mut Interp,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: "str",
        name: "maketrans",
        pos,
        kw,
    };
    sig.clinic(1, 3)?;
    let d = Dict::new();
    if pos.len() == 1 {
        let Value::Dict(src) = &pos[0] else {
            return type_error("if you give only one argument to maketrans it must be a dict");
        };
        for (k, v) in src.items() {
            match &k {
                Value::Str(s) => {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => d.set(Value::Int(c as i64), v)?,
                        _ => {
                            return value_error(
                                "string keys in translate table must be of length 1",
                            )
                        }
                    }
                }
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                    d.set(Value::Int(ops::index_of(&k)?), v)?
                }
                _ => return type_error("keys in translate table must be strings or integers"),
            }
        }
        return Ok(Value::Dict(crate::runtime::model::gc::new(d)));
    }
    let Value::Str(x) = &pos[0] else {
        return type_error(format!(
            "maketrans() argument 1 must be str, not {}",
            type_name(&pos[0])
        ));
    };
    let Value::Str(y) = &pos[1] else {
        return type_error(format!(
            "maketrans() argument 2 must be str, not {}",
            type_name(&pos[1])
        ));
    };
    if x.char_len() != y.char_len() {
        return value_error("the first two maketrans arguments must have equal length");
    }
    for (a, b) in x.chars().zip(y.chars()) {
        d.set(Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = pos.get(2) {
        let Value::Str(z) = z else {
            return type_error(format!(
                "maketrans() argument 3 must be str, not {}",
                type_name(z)
            ));
        };
        for c in z.chars() {
            d.set(Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Dict(crate::runtime::model::gc::new(d)))
}

// ------------------------------------------------------------------------------------------
// str.format
// ------------------------------------------------------------------------------------------

enum Kwargs<'a> {
    Pairs(&'a [(Rc<PyStr>, Value)]),
    Mapping(&'a Value),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoNumber {
    Init,
    Auto(usize),
    Manual,
}

struct Formatter<'a> {
    args: &'a [Value],
    kwargs: Kwargs<'a>,
    auto: AutoNumber,
}

/// `get_integer`: the value of an all-decimal-digits string; `None` when not all digits
/// (or empty).
fn field_integer(s: &str) -> PyResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for c in s.chars() {
        let Some(d) = unicode_decimal(c) else {
            return Ok(None);
        };
        acc = match acc.checked_mul(10).and_then(|a| a.checked_add(d as usize)) {
            Some(a) if a <= isize::MAX as usize => a,
            _ => return value_error("Too many decimal digits in format string"),
        };
    }
    Ok(Some(acc))
}

impl<'a> Formatter<'a> {
    fn render(&mut self, interp: &mut Interp, s: &str, depth: u32) -> PyResult<String> {
        if depth == 0 {
            return value_error("Max string recursion exceeded");
        }
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        let n = chars.len();
        while i < n {
            let c = chars[i];
            i += 1;
            if c != '{' && c != '}' {
                out.push(c);
                continue;
            }
            let at_end = i >= n;
            if c == '}' {
                if at_end || chars[i] != '}' {
                    return value_error("Single '}' encountered in format string");
                }
                i += 1;
                out.push('}');
                continue;
            }
            if at_end {
                return value_error("Single '{' encountered in format string");
            }
            if chars[i] == '{' {
                i += 1;
                out.push('{');
                continue;
            }
            // parse_field
            let name_start = i;
            let mut last = '\0';
            while i < n {
                last = chars[i];
                i += 1;
                match last {
                    '{' => return value_error("unexpected '{' in field name"),
                    '[' => {
                        while i < n && chars[i] != ']' {
                            i += 1;
                        }
                        continue;
                    }
                    '}' | ':' | '!' => break,
                    _ => continue,
                }
            }
            let mut conversion = None;
            let mut spec = String::new();
            let mut spec_expand = false;
            let field: String;
            if last == '!' || last == ':' {
                field = chars[name_start..i - 1].iter().collect();
                let mut done = false;
                if last == '!' {
                    if i >= n {
                        return value_error("end of string while looking for conversion specifier");
                    }
                    conversion = Some(chars[i]);
                    i += 1;
                    if i < n {
                        let c = chars[i];
                        i += 1;
                        if c == '}' {
                            done = true;
                        } else if c != ':' {
                            return value_error("expected ':' after conversion specifier");
                        }
                    }
                }
                if !done {
                    let spec_start = i;
                    let mut count = 1;
                    let mut closed = false;
                    while i < n {
                        let c = chars[i];
                        i += 1;
                        if c == '{' {
                            spec_expand = true;
                            count += 1;
                        } else if c == '}' {
                            count -= 1;
                            if count == 0 {
                                spec = chars[spec_start..i - 1].iter().collect();
                                closed = true;
                                break;
                            }
                        }
                    }
                    if !closed {
                        return value_error("unmatched '{' in format spec");
                    }
                }
            } else if last != '}' {
                return value_error("expected '}' before end of string");
            } else {
                field = chars[name_start..i - 1].iter().collect();
            }
            let obj = self.get_field(interp, &field)?;
            let obj = match conversion {
                None => obj,
                Some('r') => Value::string(interp.repr(&obj)?),
                Some('s') => Value::string(interp.str(&obj)?),
                Some('a') => Value::string(crate::runtime::types::repr::ascii(&interp.repr(&obj)?)),
                Some(c) => {
                    return value_error(if (c as u32) > 32 && (c as u32) < 128 {
                        format!("Unknown conversion specifier {c}")
                    } else {
                        format!("Unknown conversion specifier \\x{:x}", c as u32)
                    })
                }
            };
            let spec = if spec_expand {
                self.render(interp, &spec, depth - 1)?
            } else {
                spec
            };
            out.push_str(&crate::runtime::modules::builtins::format_value(interp, &obj, &spec)?);
        }
        Ok(out)
    }

    fn get_field(&mut self, interp: &mut Interp, field: &str) -> PyResult<Value> {
        let first_end = field.find(['.', '[']).unwrap_or(field.len());
        let first = &field[..first_end];
        let idx = field_integer(first)?;
        let empty = first.is_empty();
        let numeric = empty || idx.is_some();
        let index = if numeric {
            if self.auto == AutoNumber::Init {
                self.auto = if empty {
                    AutoNumber::Auto(0)
                } else {
                    AutoNumber::Manual
                };
            }
            match (self.auto, empty) {
                (AutoNumber::Manual, true) => return value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ),
                (AutoNumber::Auto(_), false) => return value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ),
                (AutoNumber::Auto(k), true) => {
                    self.auto = AutoNumber::Auto(k + 1);
                    Some(k)
                }
                _ => idx,
            }
        } else {
            None
        };
        let mut obj = match index {
            Some(k) => match &self.kwargs {
                Kwargs::Mapping(_) => {
                    return value_error("Format string contains positional fields")
                }
                Kwargs::Pairs(_) => match self.args.get(k) {
                    Some(v) => v.clone(),
                    None => {
                        return index_error(format!(
                            "Replacement index {k} out of range for positional args tuple"
                        ))
                    }
                },
            },
            None => match &self.kwargs {
                Kwargs::Pairs(kw) => match kw.iter().find(|(k, _)| k.as_str() == first) {
                    Some((_, v)) => v.clone(),
                    None => return key_error(Value::str(first)),
                },
                Kwargs::Mapping(m) => {
                    let m = (*m).clone();
                    crate::runtime::modules::builtins::getitem(interp, &m, &Value::str(first))?
                }
            },
        };
        // The rest: `.attr` and `[key]`.
        let rest: Vec<char> = field[first_end..].chars().collect();
        let mut i = 0;
        while i < rest.len() {
            let c = rest[i];
            i += 1;
            match c {
                '.' => {
                    let start = i;
                    while i < rest.len() && rest[i] != '.' && rest[i] != '[' {
                        i += 1;
                    }
                    let name: String = rest[start..i].iter().collect();
                    if name.is_empty() {
                        return value_error("Empty attribute in format string");
                    }
                    obj = crate::runtime::interp::attrs::getattr(interp, &obj, &Rc::new(PyStr::from(name)))?;
                }
                '[' => {
                    let start = i;
                    while i < rest.len() && rest[i] != ']' {
                        i += 1;
                    }
                    if i >= rest.len() {
                        return value_error("Missing ']' in format string");
                    }
                    let name: String = rest[start..i].iter().collect();
                    i += 1;
                    if name.is_empty() {
                        return value_error("Empty attribute in format string");
                    }
                    let key = match field_integer(&name)? {
                        Some(k) => Value::Int(k as i64),
                        None => Value::string(name),
                    };
                    obj = crate::runtime::modules::builtins::getitem(interp, &obj, &key)?;
                }
                _ => {
                    return value_error("Only '.' or '[' may follow ']' in format field specifier")
                }
            }
        }
        Ok(obj)
    }
}

// ------------------------------------------------------------------------------------------
// list and tuple
// ------------------------------------------------------------------------------------------

fn eq(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.is(b) || interp.compare(CmpOp::Eq, a, b)?)
}

fn list_method(
    interp: &mut Interp,
    l: &Rc<List>,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: "list",
        name: n,
        pos,
        kw,
    };
    match n {
        "append" => {
            let v = sig.one()?;
            l.items.borrow_mut().push(v.clone());
            Ok(Value::None)
        }
        "extend" => {
            let v = sig.one()?;
            let items = interp.collect(v)?;
            l.items.borrow_mut().extend(items);
            Ok(Value::None)
        }
        "insert" => {
            sig.clinic(2, 2)?;
            let i = int_arg(&pos[0])?;
            let mut items = l.items.borrow_mut();
            let len = items.len() as i64;
            let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
            items.insert(at as usize, pos[1].clone());
            Ok(Value::None)
        }
        "pop" => {
            sig.clinic(0, 1)?;
            let i = match pos.first() {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            let mut items = l.items.borrow_mut();
            if items.is_empty() {
                return index_error("pop from empty list");
            }
            match ops::norm_index(i, items.len()) {
                Some(k) => Ok(items.remove(k)),
                None => index_error("pop index out of range"),
            }
        }
        "remove" => {
            let x = sig.one()?;
            let mut i = 0;
            while let Some(item) = l.get(i) {
                if eq(interp, &item, x)? {
                    let mut items = l.items.borrow_mut();
                    if i < items.len() {
                        let old = items.remove(i);
                        drop(items);
                        drop(old);
                    }
                    return Ok(Value::None);
                }
                i += 1;
            }
            value_error("list.remove(x): x not in list")
        }
        "index" => {
            sig.clinic(1, 3)?;
            let x = &pos[0];
            let len = l.len();
            let (start, stop) = index_range(pos, len)?;
            let mut i = start;
            while i < stop {
                let Some(item) = l.get(i) else { break };
                if eq(interp, &item, x)? {
                    return Ok(Value::Int(i as i64));
                }
                i += 1;
            }
            value_error(format!("{} is not in list", interp.repr(x)?))
        }
        "count" => {
            let x = sig.one()?;
            let mut c = 0;
            let mut i = 0;
            while let Some(item) = l.get(i) {
                if eq(interp, &item, x)? {
                    c += 1;
                }
                i += 1;
            }
            Ok(Value::Int(c))
        }
        "sort" => {
            let a = sig.keywords(&["key", "reverse"], 0)?;
            let key = a[0].clone().filter(|k| !k.is_none());
            let reverse = match &a[1] {
                None => false,
                Some(v) => c_int_arg(v)? != 0,
            };
            list_sort(interp, l, key.as_ref(), reverse)?;
            Ok(Value::None)
        }
        "reverse" => {
            sig.none()?;
            l.items.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => {
            sig.none()?;
            Ok(Value::list(l.snapshot()))
        }
        "clear" => {
            sig.none()?;
            let old = std::mem::take(&mut *l.items.borrow_mut());
            drop(old);
            Ok(Value::None)
        }
        _ => unsupported(&format!("list.{n}()")),
    }
}

/// The `start`, `stop` arguments of `index`, resolved against `len` like a slice.
fn index_range(pos: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let resolve = |i: i64| -> usize {
        if i < 0 {
            (i.saturating_add(len as i64)).max(0) as usize
        } else {
            (i as u64).min(len as u64) as usize
        }
    };
    let start = resolve(seq_slice_arg(pos.get(1), 0)?);
    let stop = resolve(seq_slice_arg(pos.get(2), i64::MAX)?);
    Ok((start, stop))
}

fn seq_method(
    interp: &mut Interp,
    ty: &'static str,
    items: &[Value],
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty,
        name: n,
        pos,
        kw,
    };
    match n {
        "index" => {
            sig.clinic(1, 3)?;
            let (start, stop) = index_range(pos, items.len())?;
            for (i, item) in items.iter().enumerate().take(stop).skip(start) {
                if eq(interp, item, &pos[0])? {
                    return Ok(Value::Int(i as i64));
                }
            }
            value_error(format!("{ty}.index(x): x not in {ty}"))
        }
        "count" => {
            let x = sig.one()?;
            let mut c = 0;
            for item in items {
                if eq(interp, item, x)? {
                    c += 1;
                }
            }
            Ok(Value::Int(c))
        }
        _ => unsupported(&format!("{ty}.{n}()")),
    }
}

/// `list.sort(key=, reverse=)`: CPython's algorithm, with the list empty while it runs.
fn list_sort(
    interp: &mut Interp,
    l: &Rc<List>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let mut items = std::mem::take(&mut *l.items.borrow_mut());
    let r = sort_values(interp, &mut items, key, reverse);
    let modified = {
        let mut cur = l.items.borrow_mut();
        let modified = !cur.is_empty();
        let old = std::mem::replace(&mut *cur, items);
        drop(cur);
        drop(old);
        modified
    };
    r?;
    if modified {
        return value_error("list modified during sort");
    }
    Ok(())
}

/// Sorts `items` as CPython's `list.sort` does: keys computed first (on a key error the
/// items are unchanged), a stable sort by `<`, and on a comparison error the items left as
/// CPython leaves them. Usable by `sorted()`.
pub fn sort_values(
    interp: &mut Interp,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    if let Some(key) = key {
        let mut pairs = Vec::with_capacity(items.len());
        for v in items.iter() {
            let k = interp.call(key, vec![v.clone()], Vec::new())?;
            pairs.push((k, v.clone()));
        }
        if pairs.len() < 2 {
            return Ok(());
        }
        if reverse {
            pairs.reverse();
        }
        let r = timsort(&mut pairs, &mut |a: &(Value, Value), b: &(Value, Value)| {
            interp.compare(CmpOp::Lt, &a.0, &b.0)
        });
        if reverse {
            pairs.reverse();
        }
        *items = pairs.into_iter().map(|(_, v)| v).collect();
        r
    } else {
        if items.len() < 2 {
            return Ok(());
        }
        if reverse {
            items.reverse();
        }
        let r = timsort(items, &mut |a: &Value, b: &Value| {
            interp.compare(CmpOp::Lt, a, b)
        });
        if reverse {
            items.reverse();
        }
        r
    }
}

type Lt<'f, T> = dyn FnMut(&T, &T) -> PyResult<bool> + 'f;

/// CPython's `listsort`: natural runs extended to `minrun` by binary insertion, merged with
/// the run-stack invariants and galloping.
fn timsort<T: Clone>(v: &mut [T], lt: &mut Lt<T>) -> PyResult<()> {
    let n = v.len();
    let minrun = compute_minrun(n);
    let mut ms = MergeState {
        runs: Vec::new(),
        min_gallop: MIN_GALLOP,
    };
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let (mut run, descending) = count_run(&v[lo..], lt)?;
        if descending {
            v[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            binary_sort(&mut v[lo..lo + force], run, lt)?;
            run = force;
        }
        ms.found_new_run(v, run, n, lt)?;
        ms.runs.push((lo, run, 0));
        lo += run;
        remaining -= run;
    }
    ms.force_collapse(v, lt)?;
    Ok(())
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

fn count_run<T>(v: &[T], lt: &mut Lt<T>) -> PyResult<(usize, bool)> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(&v[1], &v[0])? {
        while n < v.len() && lt(&v[n], &v[n - 1])? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < v.len() && !lt(&v[n], &v[n - 1])? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// Sorts `v` whose first `start` items are already sorted.
fn binary_sort<T: Clone>(v: &mut [T], start: usize, lt: &mut Lt<T>) -> PyResult<()> {
    let mut start = start.max(1);
    while start < v.len() {
        let pivot = v[start].clone();
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(&pivot, &v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v[l..=start].rotate_right(1);
        start += 1;
    }
    Ok(())
}

const MIN_GALLOP: usize = 7;

/// `powerloop`: the depth of the boundary between two adjacent runs in the merge tree.
fn power_of(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

struct MergeState {
    /// Pending runs: start, length, power.
    runs: Vec<(usize, usize, u32)>,
    min_gallop: usize,
}

/// Where `key` belongs in sorted `a`, starting the search at `hint`: the leftmost position
/// (`gallop_left`, `right == false`) or the rightmost (`gallop_right`).
fn gallop<T>(key: &T, a: &[T], hint: usize, right: bool, lt: &mut Lt<T>) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    // "key belongs to the right of a[i]": for gallop_left, a[i] < key; for gallop_right,
    // not key < a[i].
    let go_right = |i: isize, lt: &mut Lt<T>| -> PyResult<bool> {
        if right {
            Ok(!lt(key, &a[i as usize])?)
        } else {
            lt(&a[i as usize], key)
        }
    };
    let mut lastofs: isize = 0;
    let mut ofs: isize = 1;
    if go_right(hint, lt)? {
        let maxofs = n - hint;
        while ofs < maxofs {
            if go_right(hint + ofs, lt)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lastofs += hint;
        ofs += hint;
    } else {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if go_right(hint - ofs, lt)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if go_right(m, lt)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

impl MergeState {
    /// Powersort's merge strategy (CPython 3.11): merge the runs on the stack whose power
    /// exceeds the new boundary's.
    fn found_new_run<T: Clone>(
        &mut self,
        v: &mut [T],
        n2: usize,
        total: usize,
        lt: &mut Lt<T>,
    ) -> PyResult<()> {
        if let Some(&(s1, n1, _)) = self.runs.last() {
            let power = power_of(s1, n1, n2, total);
            while self.runs.len() > 1 && self.runs[self.runs.len() - 2].2 > power {
                let i = self.runs.len() - 2;
                self.merge_at(v, i, lt)?;
            }
            let last = self.runs.len() - 1;
            self.runs[last].2 = power;
        }
        Ok(())
    }

    fn force_collapse<T: Clone>(&mut self, v: &mut [T], lt: &mut Lt<T>) -> PyResult<()> {
        while self.runs.len() > 1 {
            let mut n = self.runs.len() - 2;
            if n > 0 && self.runs[n - 1].1 < self.runs[n + 1].1 {
                n -= 1;
            }
            self.merge_at(v, n, lt)?;
        }
        Ok(())
    }

    fn merge_at<T: Clone>(&mut self, v: &mut [T], i: usize, lt: &mut Lt<T>) -> PyResult<()> {
        let (base_a, mut na, _) = self.runs[i];
        let (base_b, mut nb, _) = self.runs[i + 1];
        self.runs[i].1 = na + nb;
        self.runs.remove(i + 1);
        // Where does b[0] go in a? Elements of a before that are already in place.
        let k = gallop(&v[base_b], &v[base_a..base_a + na], 0, true, lt)?;
        let base_a = base_a + k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        // Where does a[-1] go in b? Elements of b after that are already in place.
        nb = gallop(
            &v[base_a + na - 1],
            &v[base_b..base_b + nb],
            nb - 1,
            false,
            lt,
        )?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(v, base_a, na, nb, lt)
        } else {
            self.merge_hi(v, base_a, na, nb, lt)
        }
    }

    /// Merges `v[a..a+na]` and the run right after it, `na <= nb`, copying the first run
    /// out. On an error the slots still hold a permutation of the items.
    fn merge_lo<T: Clone>(
        &mut self,
        v: &mut [T],
        base: usize,
        na: usize,
        nb: usize,
        lt: &mut Lt<T>,
    ) -> PyResult<()> {
        let tmp: Vec<T> = v[base..base + na].to_vec();
        let mut pa = 0; // index into tmp
        let mut pb = base + na; // index into v
        let end_b = base + na + nb;
        let mut dest = base;
        let mut na = na;
        let mut nb = nb;
        let result = (|| -> PyResult<()> {
            v[dest] = v[pb].clone();
            dest += 1;
            pb += 1;
            nb -= 1;
            if nb == 0 {
                return Ok(());
            }
            if na == 1 {
                return Ok(());
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                // Straightforward merge until one run appears to win consistently.
                loop {
                    if lt(&v[pb], &tmp[pa])? {
                        v[dest] = v[pb].clone();
                        dest += 1;
                        pb += 1;
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 0 {
                            return Ok(());
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        v[dest] = tmp[pa].clone();
                        dest += 1;
                        pa += 1;
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 1 {
                            return Ok(());
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                // Galloping.
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    let k = gallop(&v[pb], &tmp[pa..pa + na], 0, true, lt)?;
                    acount = k;
                    if k > 0 {
                        v[dest..dest + k].clone_from_slice(&tmp[pa..pa + k]);
                        dest += k;
                        pa += k;
                        na -= k;
                        if na == 1 {
                            return Ok(());
                        }
                        if na == 0 {
                            return Ok(());
                        }
                    }
                    v[dest] = v[pb].clone();
                    dest += 1;
                    pb += 1;
                    nb -= 1;
                    if nb == 0 {
                        return Ok(());
                    }
                    let k = gallop(&tmp[pa], &v[pb..pb + nb], 0, false, lt)?;
                    bcount = k;
                    if k > 0 {
                        for j in 0..k {
                            v[dest + j] = v[pb + j].clone();
                        }
                        dest += k;
                        pb += k;
                        nb -= k;
                        if nb == 0 {
                            return Ok(());
                        }
                    }
                    v[dest] = tmp[pa].clone();
                    dest += 1;
                    pa += 1;
                    na -= 1;
                    if na == 1 {
                        return Ok(());
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        })();
        // Succeed or fail: what is left of `a` goes after what is left of `b` when `a` has
        // one item (it belongs at the end), else before the rest of `b`.
        if result.is_ok() && na == 1 && nb > 0 {
            for j in 0..nb {
                v[dest + j] = v[pb + j].clone();
            }
            v[dest + nb] = tmp[pa].clone();
        } else if na > 0 {
            // CPython copies the rest of `a` into the hole before the rest of `b`.
            v[dest..dest + na].clone_from_slice(&tmp[pa..pa + na]);
        }
        debug_assert!(pb <= end_b);
        result
    }

    /// Merges `v[base..base+na]` and the following `nb` items, `na > nb`, copying the
    /// second run out and filling from the right.
    fn merge_hi<T: Clone>(
        &mut self,
        v: &mut [T],
        base: usize,
        na: usize,
        nb: usize,
        lt: &mut Lt<T>,
    ) -> PyResult<()> {
        let base_b = base + na;
        let tmp: Vec<T> = v[base_b..base_b + nb].to_vec();
        // Indices one past the last live item (as counts) to avoid underflow.
        let mut pa = base + na; // v[base..pa] is what remains of a
        let mut pb = nb; // tmp[..pb] is what remains of b
        let mut dest = base + na + nb; // v[dest..] is filled
        let mut na = na;
        let mut nb = nb;
        let result = (|| -> PyResult<()> {
            dest -= 1;
            pa -= 1;
            v[dest] = v[pa].clone();
            na -= 1;
            if na == 0 {
                return Ok(());
            }
            if nb == 1 {
                return Ok(());
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0usize;
                let mut bcount = 0usize;
                loop {
                    if lt(&tmp[pb - 1], &v[pa - 1])? {
                        dest -= 1;
                        pa -= 1;
                        v[dest] = v[pa].clone();
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 0 {
                            return Ok(());
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        dest -= 1;
                        pb -= 1;
                        v[dest] = tmp[pb].clone();
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 1 {
                            return Ok(());
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    // How many of a's tail are greater than b's last item.
                    let k = gallop(&tmp[pb - 1], &v[base..base + na], na - 1, true, lt)?;
                    let k = na - k;
                    acount = k;
                    if k > 0 {
                        for j in (0..k).rev() {
                            v[dest - k + j] = v[pa - k + j].clone();
                        }
                        dest -= k;
                        pa -= k;
                        na -= k;
                        if na == 0 {
                            return Ok(());
                        }
                    }
                    dest -= 1;
                    pb -= 1;
                    v[dest] = tmp[pb].clone();
                    nb -= 1;
                    if nb == 1 {
                        return Ok(());
                    }
                    let k = gallop(&v[pa - 1], &tmp[..nb], nb - 1, false, lt)?;
                    let k = nb - k;
                    bcount = k;
                    if k > 0 {
                        dest -= k;
                        pb -= k;
                        v[dest..dest + k].clone_from_slice(&tmp[pb..pb + k]);
                        nb -= k;
                        if nb == 1 {
                            return Ok(());
                        }
                        if nb == 0 {
                            return Ok(());
                        }
                    }
                    dest -= 1;
                    pa -= 1;
                    v[dest] = v[pa].clone();
                    na -= 1;
                    if na == 0 {
                        return Ok(());
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        })();
        if result.is_ok() && nb == 1 && na > 0 {
            // b's last item goes before the rest of a, which moves right by one.
            for j in (0..na).rev() {
                v[dest - na + j] = v[pa - na + j].clone();
            }
            let _ = pa;
            v[dest - na - 1] = tmp[0].clone();
        } else if nb > 0 {
            v[dest - nb..dest].clone_from_slice(&tmp[..nb]);
        }
        result
    }
}

// ------------------------------------------------------------------------------------------
// dict and its views
// ------------------------------------------------------------------------------------------

impl DictPart {
    fn view_name(self) -> &'static str {
        match self {
            DictPart::Keys => "dict_keys",
            DictPart::Values => "dict_values",
            DictPart::Items => "dict_items",
        }
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of the dict.
pub struct DictView {
    pub dict: Rc<Dict>,
    pub part: DictPart,
}

thread_local! {
    static VIEW_TYPES: RefCell<Option<[Rc<TypeObj>; 3]>> = const { RefCell::new(None) };
}

fn view_type(part: DictPart) -> Rc<TypeObj> {
    VIEW_TYPES.with(|t| {
        let mut t = t.borrow_mut();
        let all = t.get_or_insert_with(|| {
            let mk =
                |name: &str| TypeObj::new(name, TypeKind::Native, Some(types().object.clone()));
            [mk("dict_keys"), mk("dict_values"), mk("dict_items")]
        });
        all[match part {
            DictPart::Keys => 0,
            DictPart::Values => 1,
            DictPart::Items => 2,
        }]
        .clone()
    })
}

impl DictView {
    fn items(&self) -> Vec<Value> {
        match self.part {
            DictPart::Keys => self.dict.keys(),
            DictPart::Values => self.dict.values(),
            DictPart::Items => self
                .dict
                .items()
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect(),
        }
    }
}

impl Native for DictView {
    fn type_obj(&self) -> Rc<TypeObj> {
        view_type(self.part)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _this: &Value) -> PyResult<String> {
        let _guard = crate::runtime::model::depth::enter(" while getting the repr of an object")?;
        let inner = interp.repr(&Value::list(self.items()))?;
        Ok(format!("{}({})", self.part.view_name(), inner))
    }
    fn len(&self) -> Option<usize> {
        Some(self.dict.len())
    }
    fn iter_items(&self) -> Option<Vec<Value>> {
        Some(self.items())
    }
    fn traverse(&self, visit: &mut crate::runtime::model::gc::Visitor) -> Result<(), crate::runtime::model::gc::Busy> {
        visit.dict(&self.dict);
        Ok(())
    }
}

fn view(d: &Rc<Dict>, part: DictPart) -> Value {
    Value::native(DictView {
        dict: d.clone(),
        part,
    })
}

fn view_method(
    interp: &mut Interp,
    v: &DictView,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: v.part.view_name(),
        name: n,
        pos,
        kw,
    };
    match n {
        "isdisjoint" => {
            let other = sig.one()?;
            let mine = v.items();
            let others = interp.collect(other)?;
            for x in &others {
                for m in &mine {
                    if eq(interp, m, x)? {
                        return Ok(Value::Bool(false));
                    }
                }
            }
            Ok(Value::Bool(true))
        }
        _ => unsupported(&format!("{}.{n}()", v.part.view_name())),
    }
}

fn as_view(v: &Value) -> Option<&DictView> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<DictView>(),
        _ => None,
    }
}

/// A keys or items view (the set-like ones).
fn as_set_view(v: &Value) -> Option<&DictView> {
    as_view(v).filter(|d| d.part != DictPart::Values)
}

impl DictView {
    fn contains(&self, interp: &mut Interp, x: &Value) -> PyResult<bool> {
        match self.part {
            DictPart::Keys => Ok(self.dict.get(x)?.is_some()),
            DictPart::Items => {
                let Value::Tuple(t) = x else { return Ok(false) };
                if t.items.len() != 2 {
                    return Ok(false);
                }
                match self.dict.get(&t.items[0])? {
                    Some(v) => eq(interp, &v, &t.items[1]),
                    None => Ok(false),
                }
            }
            DictPart::Values => {
                for v in self.dict.values() {
                    if eq(interp, &v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
    fn as_other(&self) -> Other {
        match self.part {
            DictPart::Keys => Other::Dict(self.dict.clone()),
            _ => Other::Items(self.items()),
        }
    }
}

/// `x in view` for a dict view: keys and items views look the key up, a values view
/// compares. `None` for other values. (For `Interp::contains`.)
pub fn view_contains(interp: &mut Interp, v: &Value, x: &Value) -> Option<PyResult<bool>> {
    as_view(v).map(|d| d.contains(interp, x))
}

/// `iter(view)` for a dict view: the dict's own live iterator, so that changing the dict's
/// size while iterating raises `RuntimeError` as in CPython. `None` for other values. (For
/// `iter::make_iter`.)
pub fn view_iter(v: &Value) -> Option<Value> {
    as_view(v).map(|d| crate::runtime::model::iter::dict_iter(&d.dict, d.part))
}

/// `a op b` for `==`, `!=`, `<`, `<=`, `>`, `>=` when either side is a dict view (CPython's
/// `dictview_richcompare`, with the reflected operator when the view is on the right): keys
/// and items views compare as sets with sets and other keys or items views; otherwise a
/// view is equal only to itself and has no order. `None` when neither side is a view, or
/// for an order the operands do not have (the caller's TypeError then names them).
pub fn view_compare(interp: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Option<PyResult<bool>> {
    let (va, vb) = (as_view(a), as_view(b));
    if va.is_none() && vb.is_none() {
        return None;
    }
    let set_like = |v: &Value| matches!(v, Value::Set(_) | Value::FrozenSet(_)) || as_set_view(v).is_some();
    let (view, other, op) = match (as_set_view(a), as_set_view(b)) {
        (Some(v), _) if set_like(b) => (v, b, op),
        (_, Some(v)) if set_like(a) => (v, a, op.reflected()),
        _ => {
            return match op {
                CmpOp::Eq => Some(Ok(a.is(b))),
                CmpOp::NotEq => Some(Ok(!a.is(b))),
                _ => None,
            }
        }
    };
    let other_len = match other {
        Value::Set(s) | Value::FrozenSet(s) => s.len(),
        _ => as_view(other).map_or(0, |o| o.dict.len()),
    };
    let len = view.dict.len();
    let this = || Value::native(DictView { dict: view.dict.clone(), part: view.part });
    // CPython's `all_contained_in(x, y)`: every item of `x` is in `y`.
    let contained = |interp: &mut Interp, x: &Value, y: &Value| -> PyResult<bool> {
        for item in interp.collect(x)? {
            if !interp.contains(y, &item)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Some((|| match op {
        CmpOp::Eq => Ok(len == other_len && contained(interp, &this(), other)?),
        CmpOp::NotEq => Ok(!(len == other_len && contained(interp, &this(), other)?)),
        CmpOp::Lt => Ok(len < other_len && contained(interp, &this(), other)?),
        CmpOp::LtE => Ok(len <= other_len && contained(interp, &this(), other)?),
        CmpOp::Gt => Ok(len > other_len && contained(interp, other, &this())?),
        CmpOp::GtE => Ok(len >= other_len && contained(interp, other, &this())?),
        _ => unreachable!("containment and identity are not rich comparisons"),
    })())
}

/// `a & b`, `a | b`, `a - b`, `a ^ b` when either side is a keys or items view: a `set`, as
/// CPython's `dictviews_*` build it. `None` when neither side is such a view. (For the
/// interpreter's binary operators.)
pub fn view_binop(
    interp: &mut Interp,
    op: crate::syntax::ast::BinOp,
    a: &Value,
    b: &Value,
) -> Option<PyResult<Value>> {
    use crate::syntax::ast::BinOp;
    if !matches!(
        op,
        BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor
    ) {
        return None;
    }
    as_set_view(a).or_else(|| as_set_view(b))?;
    let to_other = |interp: &mut Interp, v: &Value| -> PyResult<Other> {
        match as_view(v) {
            Some(d) => Ok(d.as_other()),
            None => other_of(interp, v),
        }
    };
    let r = (|| -> PyResult<Value> {
        let eqf = &mut set_key_eq;
        if op == BinOp::BitAnd {
            let (mut this, mut other) = if as_set_view(a).is_some() {
                (a, b)
            } else {
                (b, a)
            };
            let len_self = as_view(this).map_or(0, |v| v.dict.len());
            if let Value::Set(o) = other {
                if len_self <= o.len() {
                    let mine = to_other(interp, this)?;
                    let t = intersect_table(&o.table.borrow(), &mine)?;
                    return Ok(wrap_set(false, t));
                }
            }
            if let Some(ov) = as_set_view(other) {
                if ov.dict.len() > len_self {
                    std::mem::swap(&mut this, &mut other);
                }
            }
            let view = as_view(this).expect("a set-like view");
            let items = match as_view(other) {
                Some(o) => o.items(),
                None => interp.collect(other)?,
            };
            let mut t = SetTable::new();
            for x in items {
                if view.contains(interp, &x)? {
                    let h = set_hash(&x)?;
                    t.insert(h, x, eqf)?;
                }
            }
            return Ok(wrap_set(false, t));
        }
        let left = to_other(interp, a)?;
        let right = to_other(interp, b)?;
        let mut t = table_from(&left)?;
        match op {
            BinOp::BitOr => update_table(&mut t, &right)?,
            BinOp::Sub => difference_update_table(&mut t, &right)?,
            _ => match &right {
                Other::Set(x) => {
                    let xt = x.table.borrow();
                    t.symmetric_difference_update_set(&xt, eqf)?
                }
                Other::Dict(d) => t.symmetric_difference_update_dict(keys_hashed(d), eqf)?,
                Other::Items(items) => {
                    t.symmetric_difference_update_iter(hashed_items(items.clone()), eqf)?
                }
            },
        }
        Ok(wrap_set(false, t))
    })();
    Some(r)
}

fn dict_method(
    interp: &mut Interp,
    d: &Rc<Dict>,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: "dict",
        name: n,
        pos,
        kw,
    };
    match n {
        "get" => {
            sig.clinic(1, 2)?;
            Ok(d.get(&pos[0])?
                .unwrap_or_else(|| pos.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" => {
            sig.none()?;
            Ok(view(d, DictPart::Keys))
        }
        "values" => {
            sig.none()?;
            Ok(view(d, DictPart::Values))
        }
        "items" => {
            sig.none()?;
            Ok(view(d, DictPart::Items))
        }
        "pop" => {
            sig.clinic(1, 2)?;
            if d.is_empty() {
                return match pos.get(1) {
                    Some(v) => Ok(v.clone()),
                    None => key_error(pos[0].clone()),
                };
            }
            match d.remove(&pos[0])? {
                Some(v) => Ok(v),
                None => match pos.get(1) {
                    Some(v) => Ok(v.clone()),
                    None => key_error(pos[0].clone()),
                },
            }
        }
        "popitem" => {
            sig.none()?;
            let last = d.table.borrow_mut().pop_last();
            match last {
                Some((k, v)) => Ok(Value::tuple(vec![k, v])),
                None => key_error(Value::str("popitem(): dictionary is empty")),
            }
        }
        "setdefault" => {
            sig.clinic(1, 2)?;
            if let Some(v) = d.get(&pos[0])? {
                return Ok(v);
            }
            let v = pos.get(1).cloned().unwrap_or(Value::None);
            d.set(pos[0].clone(), v.clone())?;
            Ok(v)
        }
        "update" => {
            dict_update(interp, d, "update", pos, kw)?;
            Ok(Value::None)
        }
        "copy" => {
            sig.none()?;
            Ok(Value::Dict(crate::runtime::model::gc::new(d.copy())))
        }
        "clear" => {
            sig.none()?;
            d.clear();
            Ok(Value::None)
        }
        "fromkeys" => dict_fromkeys(interp, pos, kw),
        _ => unsupported(&format!("dict.{n}()")),
    }
}

/// `dict(...)` and `d.update(...)` (CPython's `dict_update_common`): at most one positional
/// argument, merged as `d |= x` merges it, then the keyword arguments. `method` names the
/// callee in the arity error.
pub fn dict_update(
    interp: &mut Interp,
    d: &Rc<Dict>,
    method: &str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<()> {
    if pos.len() > 1 {
        return type_error(format!("{method} expected at most 1 argument, got {}", pos.len()));
    }
    if let Some(arg) = pos.first() {
        dict_update_arg(interp, d, arg)?;
    }
    for (k, v) in kw {
        d.set_name(k, v.clone());
    }
    Ok(())
}

/// `d |= x`, and the positional argument of `dict(x)` and `d.update(x)` (CPython's
/// `dict_update_arg`): a dict, any mapping (an object with `keys()`), or an iterable of
/// key-value pairs.
pub fn dict_update_arg(interp: &mut Interp, d: &Rc<Dict>, arg: &Value) -> PyResult<()> {
    if let Value::Dict(src) = arg {
        if !Rc::ptr_eq(src, d) {
            for (k, v) in src.items() {
                d.set(k, v)?;
            }
        }
        return Ok(());
    }
    if let Some(keys) = crate::runtime::interp::attrs::lookup_attr(interp, arg, &Rc::new(PyStr::new("keys")))? {
        let keys = interp.call(&keys, Vec::new(), Vec::new())?;
        let keys = interp.iter(&keys)?;
        while let Some(k) = interp.next(&keys)? {
            let v = crate::runtime::modules::builtins::getitem(interp, arg, &k)?;
            d.set(k, v)?;
        }
        return Ok(());
    }
    merge_pairs(interp, d, arg)
}

/// CPython's `PyDict_MergeFromSeq2`: every item of `seq` is a sequence of two, inserted as
/// soon as it is read, so the pairs before a bad one stay.
fn merge_pairs(interp: &mut Interp, d: &Rc<Dict>, seq: &Value) -> PyResult<()> {
    let items = interp.iter(seq)?;
    let mut i = 0;
    while let Some(item) = interp.next(&items)? {
        let pair = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => match interp.collect(&item) {
                Ok(pair) => pair,
                Err(e) if e.is(&types().type_error) => {
                    return type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence"))
                }
                Err(e) => return Err(e),
            },
        };
        let n = pair.len();
        let Ok([k, v]) = <[Value; 2]>::try_from(pair) else {
            return value_error(format!("dictionary update sequence element #{i} has length {n}; 2 is required"));
        };
        d.set(k, v)?;
        i += 1;
    }
    Ok(())
}

fn dict_fromkeys(interp: &mut Interp, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    let sig = Sig {
        ty: "dict",
        name: "fromkeys",
        pos,
        kw,
    };
    sig.clinic(1, 2)?;
    let value = pos.get(1).cloned().unwrap_or(Value::None);
    let keys = match &pos[0] {
        Value::Dict(src) => src.keys(),
        other => interp.collect(other)?,
    };
    let d = Dict::new();
    for k in keys {
        d.set(k, value.clone())?;
    }
    Ok(Value::Dict(crate::runtime::model::gc::new(d)))
}

// ------------------------------------------------------------------------------------------
// set and frozenset
// ------------------------------------------------------------------------------------------

fn set_hash(v: &Value) -> PyResult<i64> {
    match v {
        Value::Set(s) => s.frozen_hash(),
        _ => ops::hash_key(v),
    }
}

/// The other operand of a set method, ready for the settable operations.
enum Other {
    Set(Rc<SetObj>),
    Dict(Rc<Dict>),
    Items(Vec<Value>),
}

fn other_of(interp: &mut Interp, v: &Value) -> PyResult<Other> {
    Ok(match v {
        Value::Set(s) | Value::FrozenSet(s) => Other::Set(s.clone()),
        Value::Dict(d) => Other::Dict(d.clone()),
        _ => Other::Items(interp.collect(v)?),
    })
}

fn keys_hashed(d: &Dict) -> Vec<PyResult<(i64, Value)>> {
    d.keys()
        .into_iter()
        .map(|k| ops::hash_key(&k).map(|h| (h, k)))
        .collect()
}

fn wrap_set(frozen: bool, t: SetTable<Value>) -> Value {
    let s = crate::runtime::model::gc::new(SetObj::new(t));
    if frozen {
        Value::FrozenSet(s)
    } else {
        Value::Set(s)
    }
}

/// `set_update_internal`.
fn update_table(t: &mut SetTable<Value>, other: &Other) -> PyResult<()> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.update_set(&ot, eq)
        }
        Other::Dict(d) => t.update_dict(d.len(), keys_hashed(d), eq),
        Other::Items(items) => t.update_iter(hashed_items(items.clone()), eq),
    }
}

/// `set_intersection`.
fn intersect_table(t: &SetTable<Value>, other: &Other) -> PyResult<SetTable<Value>> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.intersection_set(&ot, eq)
        }
        Other::Dict(d) => t.intersection_iter(keys_hashed(d), eq),
        Other::Items(items) => t.intersection_iter(hashed_items(items.clone()), eq),
    }
}

/// `set_difference_update_internal`.
fn difference_update_table(t: &mut SetTable<Value>, other: &Other) -> PyResult<()> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.difference_update_set(&ot, eq)
        }
        Other::Dict(d) => t.difference_update_iter(keys_hashed(d), eq),
        Other::Items(items) => t.difference_update_iter(hashed_items(items.clone()), eq),
    }
}

/// `set_difference` (a new table).
fn difference_table(t: &SetTable<Value>, other: &Other) -> PyResult<SetTable<Value>> {
    let eq = &mut set_key_eq;
    match other {
        Other::Set(o) => {
            let ot = o.table.borrow();
            t.difference_set(&ot, eq)
        }
        Other::Dict(d) => {
            let dd = d.clone();
            t.difference_dict(
                d.len(),
                || keys_hashed(&dd),
                &mut |_h, k: &Value| Ok(d.get(k)?.is_some()),
                eq,
            )
        }
        Other::Items(items) => t.difference_iter(hashed_items(items.clone()), eq),
    }
}

/// A new table with the items of `other` (`make_new_set`).
fn table_from(other: &Other) -> PyResult<SetTable<Value>> {
    let mut t = SetTable::new();
    update_table(&mut t, other)?;
    Ok(t)
}

fn set_method(
    interp: &mut Interp,
    obj: &Value,
    s: &Rc<SetObj>,
    ty: &'static str,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty,
        name: n,
        pos,
        kw,
    };
    let frozen = ty == "frozenset";
    let eq = &mut set_key_eq;
    match n {
        "add" => {
            let v = sig.one()?;
            s.add(v.clone())?;
            Ok(Value::None)
        }
        "remove" | "discard" => {
            let v = sig.one()?;
            let h = set_hash(v)?;
            let found = s.table.borrow_mut().discard(h, v, eq)?;
            if !found && n == "remove" {
                return key_error(v.clone());
            }
            Ok(Value::None)
        }
        "pop" => {
            sig.none()?;
            let v = s.table.borrow_mut().pop();
            match v {
                Some(v) => Ok(v),
                None => key_error(Value::str("pop from an empty set")),
            }
        }
        "clear" => {
            sig.none()?;
            let old = std::mem::take(&mut *s.table.borrow_mut());
            // Keep CPython's behaviour of an 8-slot table with the old pop finger: a cleared
            // table and a new one iterate alike, so a fresh table is fine here.
            drop(old);
            Ok(Value::None)
        }
        "copy" => {
            sig.none()?;
            if frozen {
                return Ok(obj.clone());
            }
            let t = s.table.borrow().copy();
            Ok(wrap_set(false, t))
        }
        "union"
        | "intersection"
        | "difference"
        | "update"
        | "intersection_update"
        | "difference_update" => {
            sig.no_kw()?;
            let mut others = Vec::with_capacity(pos.len());
            for p in pos {
                others.push(other_of(interp, p)?);
            }
            match n {
                "union" => {
                    let mut t = s.table.borrow().copy();
                    for o in &others {
                        update_table(&mut t, o)?;
                    }
                    Ok(wrap_set(frozen, t))
                }
                "update" => {
                    for o in &others {
                        if let Other::Set(x) = o {
                            if Rc::ptr_eq(x, s) {
                                continue;
                            }
                        }
                        let mut t = s.table.borrow_mut();
                        update_table(&mut t, o)?;
                    }
                    Ok(Value::None)
                }
                "intersection" | "intersection_update" => {
                    let mut t = s.table.borrow().copy();
                    for o in &others {
                        t = match o {
                            Other::Set(x) if Rc::ptr_eq(x, s) => t.copy(),
                            _ => intersect_table(&t, o)?,
                        };
                    }
                    if n == "intersection" {
                        return Ok(wrap_set(frozen, t));
                    }
                    s.table.borrow_mut().assign_body(t);
                    Ok(Value::None)
                }
                "difference" => {
                    let Some((first, rest)) = others.split_first() else {
                        let t = s.table.borrow().copy();
                        return Ok(wrap_set(frozen, t));
                    };
                    let mut t = match first {
                        Other::Set(x) if Rc::ptr_eq(x, s) => SetTable::new(),
                        _ => difference_table(&s.table.borrow(), first)?,
                    };
                    for o in rest {
                        match o {
                            Other::Set(x) if Rc::ptr_eq(x, s) => {
                                let snapshot = Other::Items(s.items());
                                difference_update_table(&mut t, &snapshot)?
                            }
                            _ => difference_update_table(&mut t, o)?,
                        }
                    }
                    Ok(wrap_set(frozen, t))
                }
                _ => {
                    for o in &others {
                        if let Other::Set(x) = o {
                            if Rc::ptr_eq(x, s) {
                                s.table.borrow_mut().clear();
                                continue;
                            }
                        }
                        let mut t = s.table.borrow_mut();
                        difference_update_table(&mut t, o)?;
                    }
                    Ok(Value::None)
                }
            }
        }
        "symmetric_difference" => {
            let o = other_of(interp, sig.one()?)?;
            let mut t = match &o {
                Other::Set(x) if Rc::ptr_eq(x, s) => return Ok(wrap_set(frozen, SetTable::new())),
                _ => table_from(&o)?,
            };
            let mine = s.table.borrow();
            t.symmetric_difference_update_set(&mine, eq)?;
            drop(mine);
            Ok(wrap_set(frozen, t))
        }
        "symmetric_difference_update" => {
            let o = other_of(interp, sig.one()?)?;
            match &o {
                Other::Set(x) if Rc::ptr_eq(x, s) => s.table.borrow_mut().clear(),
                Other::Set(x) => {
                    let xt = x.table.borrow();
                    s.table
                        .borrow_mut()
                        .symmetric_difference_update_set(&xt, eq)?;
                }
                Other::Dict(d) => s
                    .table
                    .borrow_mut()
                    .symmetric_difference_update_dict(keys_hashed(d), eq)?,
                Other::Items(items) => s
                    .table
                    .borrow_mut()
                    .symmetric_difference_update_iter(hashed_items(items.clone()), eq)?,
            }
            Ok(Value::None)
        }
        "issubset" => {
            let o = other_of(interp, sig.one()?)?;
            let r = match &o {
                Other::Set(x) => {
                    if Rc::ptr_eq(x, s) {
                        true
                    } else {
                        s.table.borrow().is_subset(&x.table.borrow(), eq)?
                    }
                }
                _ => {
                    let t = table_from(&o)?;
                    s.table.borrow().is_subset(&t, eq)?
                }
            };
            Ok(Value::Bool(r))
        }
        "issuperset" => {
            let o = other_of(interp, sig.one()?)?;
            let r = match &o {
                Other::Set(x) => {
                    if Rc::ptr_eq(x, s) {
                        true
                    } else {
                        x.table.borrow().is_subset(&s.table.borrow(), eq)?
                    }
                }
                Other::Dict(d) => {
                    let mut all = true;
                    for k in d.keys() {
                        if !s.contains(&k)? {
                            all = false;
                            break;
                        }
                    }
                    all
                }
                Other::Items(items) => {
                    let mut all = true;
                    for k in items {
                        if !s.contains(k)? {
                            all = false;
                            break;
                        }
                    }
                    all
                }
            };
            Ok(Value::Bool(r))
        }
        "isdisjoint" => {
            let o = other_of(interp, sig.one()?)?;
            let r = match &o {
                Other::Set(x) => {
                    if Rc::ptr_eq(x, s) {
                        s.is_empty()
                    } else {
                        s.is_disjoint(x)?
                    }
                }
                Other::Dict(d) => {
                    let mut none = true;
                    for k in d.keys() {
                        if s.contains(&k)? {
                            none = false;
                            break;
                        }
                    }
                    none
                }
                Other::Items(items) => {
                    let mut none = true;
                    for k in items {
                        if s.contains(k)? {
                            none = false;
                            break;
                        }
                    }
                    none
                }
            };
            Ok(Value::Bool(r))
        }
        _ => unsupported(&format!("{ty}.{n}()")),
    }
}

// ------------------------------------------------------------------------------------------
// int, float, range
// ------------------------------------------------------------------------------------------

fn int_method(
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

fn float_method(
    f: f64,
    n: &'static str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let sig = Sig {
        ty: "float",
        name: n,
        pos,
        kw,
    };
    match n {
        "is_integer" => {
            sig.none()?;
            Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
        }
        "conjugate" => {
            sig.none()?;
            Ok(Value::Float(f))
        }
        "as_integer_ratio" => {
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
        "hex" => {
            sig.none()?;
            Ok(Value::string(float_hex(f)))
        }
        "fromhex" => unsupported("float.fromhex()"),
        _ => unsupported(&format!("float.{n}()")),
    }
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

fn range_method(
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

#[cfg(test)]
mod tests {
    use super::*;

    const M: u128 = (1 << 61) - 1;

    /// The inputs `sortgold.py` sorted with CPython 3.11.
    fn make(case: u64, n: u64) -> Vec<(u64, usize)> {
        let mut x = case * 7919 + n;
        (0..n)
            .map(|i| {
                x = (x * 1103515245 + 12345) % (1 << 31);
                let v = match case % 5 {
                    0 => x % 1000,
                    1 => x % 10,
                    2 => i + u64::from(x.is_multiple_of(7)) * (x % 50),
                    3 => (n - i) / 3 + x % 3,
                    _ => (i % 37) * 3 + x % 2,
                };
                (v, i as usize)
            })
            .collect()
    }

    /// The comparisons CPython's sort makes (as pairs of original positions) and the order
    /// it leaves, hashed; `limit` comparisons succeed before one raises.
    fn run(vals: &[(u64, usize)], limit: i64) -> (usize, u128) {
        let mut v = vals.to_vec();
        let mut log: Vec<(usize, usize)> = Vec::new();
        let _ = timsort(&mut v, &mut |a: &(u64, usize), b: &(u64, usize)| {
            if log.len() as i64 == limit {
                return value_error("stop");
            }
            log.push((a.1, b.1));
            Ok(a.0 < b.0)
        });
        let mut h: u128 = 0;
        for (a, b) in &log {
            h = (h * 1000003 + (*a as u128) * 65536 + *b as u128) % M;
        }
        for it in &v {
            h = (h * 1000003 + it.1 as u128) % M;
        }
        (log.len(), h)
    }

    #[test]
    fn dict_views_compare_and_combine_as_sets() {
        use crate::syntax::ast::BinOp;
        let mut interp = Interp::new(Box::new(Vec::new()));
        let d = crate::runtime::model::gc::new(Dict::new());
        for (i, k) in ["a", "b", "c"].iter().enumerate() {
            assert!(d.set(Value::str(k), Value::Int(i as i64)).is_ok());
        }
        let keys = view(&d, DictPart::Keys);
        let items = view(&d, DictPart::Items);
        let values = view(&d, DictPart::Values);
        let set = |xs: &[&str]| {
            crate::runtime::model::set::new_set(xs.iter().map(|x| Value::str(x)).collect(), false)
                .ok()
                .unwrap()
        };
        let mut r = |v: &Value| interp.repr(v).ok().unwrap();
        let abc = set(&["c", "b", "a"]);
        let mut i2 = Interp::new(Box::new(Vec::new()));
        assert!(view_compare(&mut i2, CmpOp::Eq, &keys, &abc)
            .map(|r| r.ok())
            .unwrap()
            .unwrap());
        assert!(!view_compare(&mut i2, CmpOp::Eq, &keys, &set(&["a"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap());
        assert!(view_compare(&mut i2, CmpOp::Eq, &values, &values.clone()).is_some());
        assert!(view_compare(&mut i2, CmpOp::Eq, &Value::Int(1), &Value::Int(1)).is_none());
        let and = view_binop(&mut i2, BinOp::BitAnd, &keys, &set(&["b", "x"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&and), "{'b'}");
        let sub = view_binop(&mut i2, BinOp::Sub, &keys, &set(&["b"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&sub), "{'c', 'a'}");
        let or = view_binop(
            &mut i2,
            BinOp::BitOr,
            &keys,
            &Value::list(vec![Value::str("z")]),
        )
        .map(|r| r.ok())
        .unwrap()
        .unwrap();
        assert_eq!(r(&or), "{'c', 'a', 'b', 'z'}");
        let xor = view_binop(&mut i2, BinOp::BitXor, &keys, &set(&["a", "q"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&xor), "{'q', 'c', 'b'}");
        let it = view_binop(&mut i2, BinOp::BitAnd, &items, &items.clone())
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&it), "{('a', 0), ('c', 2), ('b', 1)}");
    }

    #[test]
    fn sort_matches_cpython_comparison_for_comparison() {
        let golden: &[(u64, u64, i64, usize, u128)] = &[
            (0, 5, -1, 8, 917018247425571603),
            (0, 5, 2, 2, 2072532257164746428),
            (0, 5, 5, 5, 471103101116905510),
            (0, 5, 6, 6, 1522477860069191807),
            (1, 40, -1, 164, 997021963781395609),
            (1, 40, 54, 54, 436287067105557063),
            (1, 40, 83, 83, 2143616961814953173),
            (1, 40, 162, 162, 1959322510439134916),
            (2, 64, -1, 244, 1584679639519229963),
            (2, 64, 81, 81, 416240393388642718),
            (2, 64, 123, 123, 1322927340401692605),
            (2, 64, 242, 242, 730929783347983297),
            (3, 65, -1, 274, 1020585235195984496),
            (3, 65, 91, 91, 572152053329187),
            (3, 65, 138, 138, 1214742041207219078),
            (3, 65, 272, 272, 43426594484296133),
            (4, 100, -1, 369, 1768516920481268240),
            (4, 100, 123, 123, 1203171091764755088),
            (4, 100, 185, 185, 1794914732064119859),
            (4, 100, 367, 367, 1486155812171553177),
            (5, 200, -1, 1256, 251349601051349884),
            (5, 200, 418, 418, 1943448819085076610),
            (5, 200, 629, 629, 1914336442719402726),
            (5, 200, 1254, 1254, 141296207581359648),
            (6, 1000, -1, 6787, 2021488902741914918),
            (6, 1000, 2262, 2262, 1452822028603636709),
            (6, 1000, 3394, 3394, 786779072974265160),
            (6, 1000, 6785, 6785, 458975239924271209),
            (7, 1000, -1, 5063, 1482630266164849351),
            (7, 1000, 1687, 1687, 699634702772039601),
            (7, 1000, 2532, 2532, 1636606250090409034),
            (7, 1000, 5061, 5061, 1217168401251053599),
            (8, 3000, -1, 14723, 1834087330632881015),
            (8, 3000, 4907, 4907, 1026432839069412114),
            (8, 3000, 7362, 7362, 1441098262212747660),
            (8, 3000, 14721, 14721, 119159590864587093),
            (9, 777, -1, 5870, 967626726547702699),
            (9, 777, 1956, 1956, 1417522815445736966),
            (9, 777, 2936, 2936, 1649128257998052296),
            (9, 777, 5868, 5868, 425775461521459770),
            (10, 5000, -1, 54985, 1007774805242950205),
            (10, 5000, 18328, 18328, 1365951401624390334),
            (10, 5000, 27493, 27493, 313032307969941336),
            (10, 5000, 54983, 54983, 1385274888610888841),
            (11, 2048, -1, 14303, 368516648130954886),
            (11, 2048, 4767, 4767, 991103216207780002),
            (11, 2048, 7152, 7152, 1872263168540239475),
            (11, 2048, 14301, 14301, 2059821547971972143),
            (12, 129, -1, 521, 902354082612283852),
            (12, 129, 173, 173, 674805017244393468),
            (12, 129, 261, 261, 530503569893179809),
            (12, 129, 519, 519, 508632317141595162),
            (13, 4000, -1, 20754, 1417188330792900595),
            (13, 4000, 6918, 6918, 698200825451295947),
            (13, 4000, 10378, 10378, 2152428540369996129),
            (13, 4000, 20752, 20752, 439008289347775865),
            (14, 1500, -1, 12073, 949042196330475422),
            (14, 1500, 4024, 4024, 960939080913512975),
            (14, 1500, 6037, 6037, 575400276761182023),
            (14, 1500, 12071, 12071, 14772862685659544),
        ];
        for &(case, n, limit, count, hash) in golden {
            let vals = make(case, n);
            assert_eq!(
                run(&vals, limit),
                (count, hash),
                "case {case}, n {n}, limit {limit}"
            );
        }
    }
}
