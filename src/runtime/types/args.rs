//! Argument checking in CPython's words, and the argument converters the methods share.
//!
//! Argument checking follows the conventions CPython's methods use, because each words its
//! errors differently: METH_NOARGS / METH_O (`list.append() takes exactly one argument (0
//! given)`), Argument Clinic positional-only (`pop expected at most 1 argument, got 2`),
//! old-style `PyArg_ParseTuple` (`find() takes at least 1 argument (0 given)`) and Argument
//! Clinic with keywords (`'foo' is an invalid keyword argument for split()`).

use crate::runtime::model::exceptions::{overflow_error, type_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::types::ops;
use std::rc::Rc;

/// A method call's arguments, with the type and method names its errors give.
pub struct Sig<'a> {
    pub(super) ty: &'static str,
    pub(super) name: &'static str,
    pub(super) pos: &'a [Value],
    pub(super) kw: &'a [(Rc<PyStr>, Value)],
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl<'a> Sig<'a> {
    pub(super) fn no_kw(&self) -> PyResult<()> {
        if !self.kw.is_empty() {
            return type_error(format!(
                "{}.{}() takes no keyword arguments",
                self.ty, self.name
            ));
        }
        Ok(())
    }
    /// METH_NOARGS.
    pub(super) fn none(&self) -> PyResult<()> {
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
    pub(super) fn one(&self) -> PyResult<&'a Value> {
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
    pub(super) fn clinic(&self, min: usize, max: usize) -> PyResult<()> {
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
    pub(super) fn old(&self, min: usize, max: usize) -> PyResult<()> {
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
    pub(super) fn keywords(&self, params: &[&str], maxpos: usize) -> PyResult<Vec<Option<Value>>> {
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
pub(super) fn int_arg(v: &Value) -> PyResult<i64> {
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
pub(super) fn str_slice_arg(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            Ok(Some(ops::index_of(v)?))
        }
        Some(_) => type_error("slice indices must be integers or None or have an __index__ method"),
    }
}

/// A slice index of `list.index` & co. (`None` not allowed).
pub(super) fn seq_slice_arg(v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => ops::index_of(v),
        Some(_) => type_error("slice indices must be integers or have an __index__ method"),
    }
}

/// CPython's `ADJUST_INDICES`: clamps `end` to the length, resolves negative indices; `start`
/// may stay beyond the length.
pub(super) fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
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

/// An int argument CPython takes as a C `int` (`tabsize`, `keepends`, `reverse`).
pub(super) fn c_int_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => overflow_error("Python int too large to convert to C int"),
        _ => match int_arg(v)? {
            i if i32::try_from(i).is_ok() => Ok(i),
            _ => overflow_error("Python int too large to convert to C int"),
        },
    }
}
