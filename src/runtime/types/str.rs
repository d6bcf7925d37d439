//! `str` methods and `str.maketrans`.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{type_error, unsupported, value_error};
use crate::runtime::model::iter::is_iterable;
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::model::value::*;
use crate::runtime::support::unicode;
use crate::runtime::types::Method;
use crate::runtime::types::args::*;
use crate::runtime::types::ops;
use crate::runtime::types::str_format::{self, Kwargs};
use std::rc::Rc;

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
        rest = rest.trim_start_matches(unicode::py_isspace);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            out.push(rest);
            break;
        }
        let end = rest.find(unicode::py_isspace).unwrap_or(rest.len());
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
        rest = rest.trim_end_matches(unicode::py_isspace);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            out.push(rest);
            break;
        }
        let start = rest.rfind(unicode::py_isspace).map_or(0, |i| i + rest[i..].chars().next().map_or(0, char::len_utf8));
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
        None => unicode::py_isspace(c),
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

/// The receiver of a `str` method (the method tables are chosen by the receiver's type).
fn str_of(this: &Value) -> &Rc<PyStr> {
    let Value::Str(x) = this else { unreachable!("a str method called on {}", type_name(this)) };
    x
}

/// `str.isdigit` and the like: whether `s` is not empty and all its characters are in the class.
fn str_pred(s: &PyStr, sig: &Sig, f: &dyn Fn(char) -> bool) -> PyResult<Value> {
    sig.none()?;
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("capitalize", capitalize),
    ("casefold", casefold),
    ("center", center),
    ("count", count),
    ("encode", encode),
    ("endswith", endswith),
    ("expandtabs", expandtabs),
    ("find", find),
    ("format", format),
    ("format_map", format_map),
    ("index", index),
    ("isalnum", isalnum),
    ("isalpha", isalpha),
    ("isascii", isascii),
    ("isdecimal", isdecimal),
    ("isdigit", isdigit),
    ("isidentifier", isidentifier),
    ("islower", islower),
    ("isnumeric", isnumeric),
    ("isprintable", isprintable),
    ("isspace", isspace),
    ("istitle", istitle),
    ("isupper", isupper),
    ("join", join),
    ("ljust", ljust),
    ("lower", lower),
    ("lstrip", lstrip),
    ("maketrans", maketrans),
    ("partition", partition),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
    ("replace", replace),
    ("rfind", rfind),
    ("rindex", rindex),
    ("rjust", rjust),
    ("rpartition", rpartition),
    ("rsplit", rsplit),
    ("rstrip", rstrip),
    ("split", split),
    ("splitlines", splitlines),
    ("startswith", startswith),
    ("strip", strip),
    ("swapcase", swapcase),
    ("title", title),
    ("translate", translate),
    ("upper", upper),
    ("zfill", zfill),
];

fn upper(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
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

fn lower(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(new_str(
        s,
        if s.is_ascii() {
            s.to_ascii_lowercase()
        } else {
            unicode::lower_str(s)
        },
    ))
}

fn casefold(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(new_str(s, unicode::casefold(s)))
}

fn title(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(new_str(s, unicode::title(s)))
}

fn capitalize(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(new_str(s, unicode::capitalize(s)))
}

fn swapcase(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(new_str(s, unicode::swapcase(s)))
}

fn strip(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    strip_ends(this, sig, true, true)
}

fn lstrip(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    strip_ends(this, sig, true, false)
}

fn rstrip(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    strip_ends(this, sig, false, true)
}

fn strip_ends(this: &Value, sig: &Sig, left: bool, right: bool) -> PyResult<Value> {
    let s = str_of(this);
    let pos = sig.pos;
    sig.clinic(0, 1)?;
    let chars = match pos.first() {
        None | Some(Value::None) => None,
        Some(Value::Str(c)) => Some(c.as_str()),
        Some(_) => return type_error(format!("{} arg must be None or str", sig.name)),
    };
    let (a, b) = strip_with(s, chars, left, right);
    Ok(if a == 0 && b == s.len() {
        Value::Str(s.clone())
    } else {
        Value::str(&s[a..b])
    })
}

fn split(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    split_from(this, sig, false)
}

fn rsplit(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    split_from(this, sig, true)
}

fn split_from(this: &Value, sig: &Sig, right: bool) -> PyResult<Value> {
    let s = str_of(this);
    let (sep, maxsplit) = split_args(sig)?;
    let parts: Vec<&str> = match (&sep, right) {
        (None, false) => split_whitespace(s, maxsplit),
        (None, _) => rsplit_whitespace(s, maxsplit),
        (Some(sep), false) => {
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

fn splitlines(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    let a = sig.keywords(&["keepends"], 1)?;
    let keep = match &a[0] {
        None => false,
        Some(v) => c_int_arg(v)? != 0,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if unicode::is_linebreak(c) {
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

fn join(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
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

fn replace(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    let pos = sig.pos;
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

fn startswith(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    starts_or_ends(this, sig, false)
}

fn endswith(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    starts_or_ends(this, sig, true)
}

fn starts_or_ends(this: &Value, sig: &Sig, at_end: bool) -> PyResult<Value> {
    let n = sig.name;
    let s = str_of(this);
    let pos = sig.pos;
    sig.old(1, 3)?;
    let start = str_slice_arg(pos.get(1))?;
    let end = str_slice_arg(pos.get(2))?;
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

fn find(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    find_sub(this, sig, false, false)
}

fn rfind(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    find_sub(this, sig, true, false)
}

fn index(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    find_sub(this, sig, false, true)
}

fn rindex(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    find_sub(this, sig, true, true)
}

fn find_sub(this: &Value, sig: &Sig, right: bool, raise: bool) -> PyResult<Value> {
    let s = str_of(this);
    let pos = sig.pos;
    sig.old(1, 3)?;
    let sub = str_arg(&pos[0])?;
    let start = str_slice_arg(pos.get(1))?;
    let end = str_slice_arg(pos.get(2))?;
    let r = find_in(s, sub, start, end, right);
    if r < 0 && raise {
        return value_error("substring not found");
    }
    Ok(Value::Int(r))
}

fn count(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    let pos = sig.pos;
    sig.old(1, 3)?;
    let sub = str_arg(&pos[0])?;
    let start = str_slice_arg(pos.get(1))?;
    let end = str_slice_arg(pos.get(2))?;
    Ok(Value::Int(count_in(s, sub, start, end)))
}

fn format(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    let pos = sig.pos;
    let kw = sig.kw;
    Ok(Value::string(str_format::format(interp, s, pos, Kwargs::Pairs(kw))?))
}

fn format_map(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    let mapping = sig.one()?;
    Ok(Value::string(str_format::format(interp, s, &[], Kwargs::Mapping(mapping))?))
}

fn isdigit(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    str_pred(s, sig, &unicode::is_digit)
}

fn isdecimal(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    str_pred(s, sig, &unicode::is_decimal)
}

fn isnumeric(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    str_pred(s, sig, &unicode::is_numeric)
}

fn isalpha(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    str_pred(s, sig, &unicode::is_alpha)
}

fn isalnum(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    str_pred(s, sig, &|c| unicode::is_alpha(c) || unicode::is_numeric(c))
}

fn isspace(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    str_pred(s, sig, &unicode::py_isspace)
}

fn isascii(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(Value::Bool(s.is_ascii()))
}

fn isprintable(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(Value::Bool(s.chars().all(unicode::is_printable)))
}

fn isidentifier(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    Ok(Value::Bool(unicode::is_identifier(s)))
}

fn isupper(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    cased_as(this, sig, true)
}

fn islower(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    cased_as(this, sig, false)
}

fn cased_as(this: &Value, sig: &Sig, upper: bool) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    let mut cased = false;
    for c in s.chars() {
        let (bad, good) = if upper {
            (c.is_lowercase() || unicode::is_titlecase(c), c.is_uppercase())
        } else {
            (c.is_uppercase() || unicode::is_titlecase(c), c.is_lowercase())
        };
        if bad {
            return Ok(Value::Bool(false));
        }
        cased |= good;
    }
    Ok(Value::Bool(cased))
}

fn istitle(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
    sig.none()?;
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() || unicode::is_titlecase(c) {
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

fn center(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    justify(this, sig, |marg, width| {
        let l = marg / 2 + (marg & width & 1);
        (l, marg - l)
    })
}

fn ljust(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    justify(this, sig, |marg, _| (0, marg))
}

fn rjust(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    justify(this, sig, |marg, _| (marg, 0))
}

fn justify(this: &Value, sig: &Sig, margins: fn(i64, i64) -> (i64, i64)) -> PyResult<Value> {
    let s = str_of(this);
    let pos = sig.pos;
    sig.clinic(1, 2)?;
    let width = int_arg(&pos[0])?;
    let fill = fill_char_arg(pos.get(1))?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(Value::Str(s.clone()));
    }
    let marg = width - len;
    let (l, r) = margins(marg, width);
    pad(s, l as usize, r as usize, fill)
}

fn zfill(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
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

fn partition(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    partition_at(this, sig, false)
}

fn rpartition(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    partition_at(this, sig, true)
}

fn partition_at(this: &Value, sig: &Sig, right: bool) -> PyResult<Value> {
    let s = str_of(this);
    let sep = str_arg(sig.one()?)?;
    if sep.is_empty() {
        return value_error("empty separator");
    }
    let found = if !right {
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
        None if !right => vec![Value::Str(s.clone()), e(), e()],
        None => vec![e(), e(), Value::Str(s.clone())],
    }))
}

fn removeprefix(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    remove_affix(this, sig, false)
}

fn removesuffix(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    remove_affix(this, sig, true)
}

fn remove_affix(this: &Value, sig: &Sig, suffix: bool) -> PyResult<Value> {
    let s = str_of(this);
    let n = sig.name;
    let a = sig.one()?;
    let Value::Str(p) = a else {
        return type_error(format!("{n}() argument must be str, not {}", type_name(a)));
    };
    let r = if !suffix {
        s.strip_prefix(p.as_str())
    } else {
        s.strip_suffix(p.as_str())
    };
    Ok(match r {
        Some(rest) if !p.is_empty() => Value::str(rest),
        _ => Value::Str(s.clone()),
    })
}

fn expandtabs(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
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

fn translate(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let s = str_of(this);
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

fn maketrans(interp: &mut Interp, _this: &Value, sig: &Sig) -> PyResult<Value> {
    let pos = sig.pos;
    let kw = sig.kw;
    str_maketrans(interp, pos, kw)
}

fn encode(_interp: &mut Interp, _this: &Value, _sig: &Sig) -> PyResult<Value> {
    unsupported("bytes")
}

pub(super) fn str_maketrans(
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
