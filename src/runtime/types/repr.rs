//! `repr()` and `str()` exactly as CPython prints them.

use crate::runtime::interp::Interp;
use crate::runtime::model::depth;
use crate::runtime::model::exceptions::value_error;
use crate::runtime::model::typeobj::{type_name, types, TypeKind};
use crate::runtime::model::value::*;
use crate::runtime::support::format::float_repr;
use num_bigint::BigInt;
use std::cell::RefCell;

thread_local! {
    /// Containers whose repr is being built, to print `[...]` for a container inside itself.
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks a container as being printed; `None` when it already is (a self-reference).
struct ReprGuard(usize);

impl ReprGuard {
    fn enter(addr: usize) -> Option<ReprGuard> {
        IN_PROGRESS.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&addr) {
                return None;
            }
            s.push(addr);
            Some(ReprGuard(addr))
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        IN_PROGRESS.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|&a| a == self.0) {
                s.remove(i);
            }
        });
    }
}

/// CPython 3.11 refuses to print ints of more than 4300 digits.
const MAX_STR_DIGITS: usize = 4300;

pub fn int_to_string(b: &BigInt) -> crate::runtime::model::value::PyResult<String> {
    // 4300 decimal digits need about 14284 bits; only big ones are checked.
    if b.bits() > 14_000 {
        let s = b.to_string();
        let digits = s.trim_start_matches('-').len();
        if digits > MAX_STR_DIGITS {
            return value_error(format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
            ));
        }
        return Ok(s);
    }
    Ok(b.to_string())
}

/// `repr(s)` for a str: single quotes unless the text has a single quote and no double one.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for one character: control characters, separators
/// other than the space, and unassigned surrogate-like ranges are not printable.
fn is_printable(c: char) -> bool {
    let u = c as u32;
    !(u < 0x20
        || (0x7f..0xa1).contains(&u)
        || u == 0xad
        || (0x2028..=0x202e).contains(&u)
        || (0x200b..=0x200f).contains(&u)
        || (0x2060..=0x206f).contains(&u)
        || u == 0xfeff
        || (0xfff9..=0xfffb).contains(&u)
        || (0xe000..=0xf8ff).contains(&u)
        || u == 0x3000
        || u == 0x1680
        || (0x2000..=0x200a).contains(&u)
        || u == 0x205f)
}

/// `ascii()`: the repr with every non-ASCII character escaped.
pub fn ascii(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

fn join_reprs(interp: &mut Interp, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(interp, v)?);
    }
    Ok(out)
}

pub fn repr(interp: &mut Interp, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => int_to_string(b)?,
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => repr_str(s),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::List(l) => {
            let Some(_g) = ReprGuard::enter(v.address()) else { return Ok("[...]".into()) };
            let _d = depth::enter(" while getting the repr of an object")?;
            format!("[{}]", join_reprs(interp, &l.snapshot())?)
        }
        Value::Tuple(t) => {
            let Some(_g) = ReprGuard::enter(v.address()) else { return Ok("(...)".into()) };
            let _d = depth::enter(" while getting the repr of an object")?;
            if let Some(class) = &t.class {
                crate::runtime::modules::collections::named_repr(interp, class, &t.items)?
            } else if t.items.len() == 1 {
                format!("({},)", repr(interp, &t.items[0])?)
            } else {
                format!("({})", join_reprs(interp, &t.items)?)
            }
        }
        Value::Dict(d) => {
            let Some(_g) = ReprGuard::enter(v.address()) else { return Ok("{...}".into()) };
            let _d = depth::enter(" while getting the repr of an object")?;
            let mut out = String::from("{");
            for (i, (k, val)) in d.items().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr(interp, k)?);
                out.push_str(": ");
                out.push_str(&repr(interp, val)?);
            }
            out.push('}');
            out
        }
        Value::Set(s) | Value::FrozenSet(s) => {
            let frozen = matches!(v, Value::FrozenSet(_));
            let items = s.items();
            if items.is_empty() {
                return Ok(if frozen { "frozenset()".into() } else { "set()".into() });
            }
            let Some(_g) = ReprGuard::enter(v.address()) else { return Ok(format!("{}(...)", type_name(v))) };
            let _d = depth::enter(" while getting the repr of an object")?;
            let inner = join_reprs(interp, &items)?;
            if frozen {
                format!("frozenset({{{inner}}})")
            } else {
                format!("{{{inner}}}")
            }
        }
        Value::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Function(f) => format!("<function {} at {:#x}>", f.qualname().as_str(), v.address()),
        Value::Builtin(b) => match (&b.bound, b.owner) {
            (Some(Value::Module(_)) | None, _) => format!("<built-in function {}>", b.name),
            // Read from the type, a method is a descriptor; the class methods are bound to it.
            (Some(Value::Type(t)), _) => match b.name {
                "fromkeys" | "from_bytes" | "fromhex" | "maketrans" | "from_iterable" => {
                    format!("<built-in method {} of type object at {:#x}>", b.name, v.address())
                }
                _ => format!("<method '{}' of '{}' objects>", b.name, t.name),
            },
            (Some(recv), Some(owner)) if !matches!(recv, Value::None) => {
                // CPython names the receiver's own type: a namedtuple's `count` is a method of
                // a `Point` object, though tuple's.
                let owner = match recv {
                    Value::Tuple(t) if t.class.is_some() => type_name(recv),
                    _ => owner.to_string(),
                };
                format!("<built-in method {} of {} object at {:#x}>", b.name, owner, recv.address())
            }
            _ => format!("<built-in function {}>", b.name),
        },
        Value::Method(m) => {
            let name = match &m.func {
                Value::Function(f) => f.qualname().as_str().to_string(),
                other => repr(interp, other)?,
            };
            format!("<bound method {} of {}>", name, repr(interp, &m.receiver)?)
        }
        Value::Cell(c) => match c.get() {
            None => format!("<cell at {:#x}: empty>", v.address()),
            Some(inner) => format!("<cell at {:#x}: {} object at {:#x}>", v.address(), type_name(&inner), inner.address()),
        },
        Value::Code(c) => format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            c.name.as_str(),
            v.address(),
            c.file,
            c.first_line
        ),
        Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
        Value::Type(t) => format!("<class '{}'>", crate::runtime::types::object::class_path(t)),
        Value::Instance(_) => crate::runtime::types::object::repr(interp, v)?,
        Value::Exception(e) => {
            if let Some(slots) = crate::runtime::model::exception_slots::of(&e.typ) {
                return (slots.repr)(interp, e);
            }
            if e.typ.is_class() && crate::runtime::types::object::special(v, "__repr__").is_some() {
                return crate::runtime::types::object::repr(interp, v);
            }
            let args = e.args.borrow().clone();
            let name = &e.typ.name;
            if args.items.len() == 1 {
                format!("{}({})", name, repr(interp, &args.items[0])?)
            } else {
                format!("{}({})", name, join_reprs(interp, &args.items)?)
            }
        }
        Value::Iter(it) => format!("<{} object at {:#x}>", it.borrow().type_name(), v.address()),
        Value::Native(n) => {
            let n = n.clone();
            n.repr(interp, v)?
        }
    })
}

pub fn str(interp: &mut Interp, v: &Value) -> PyResult<String> {
    if crate::runtime::types::object::user_class(v).is_some() {
        if let Some(r) = crate::runtime::types::object::str(interp, v) {
            return r;
        }
    }
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Exception(e) => {
            if let Some(slots) = crate::runtime::model::exception_slots::of(&e.typ) {
                return (slots.str)(interp, e);
            }
            let args = e.args.borrow().clone();
            match args.items.len() {
                0 => Ok(String::new()),
                1 if e.typ.is_subtype(&types().key_error) => repr(interp, &args.items[0]),
                1 => str(interp, &args.items[0]),
                _ => repr(interp, &Value::Tuple(args)),
            }
        }
        Value::Type(t) if t.kind == TypeKind::Native => Ok(format!("<class '{}'>", t.qualified_name())),
        _ => repr(interp, v),
    }
}
