//! `str.format` and `str.format_map`: CPython's `MarkupIterator` and field lookup.

use crate::runtime::model::exceptions::{index_error, key_error, value_error};
use crate::runtime::interp::Interp;
use crate::runtime::model::value::*;
use crate::runtime::support::format::unicode_decimal;
use std::rc::Rc;

pub(super) enum Kwargs<'a> {
    Pairs(&'a [(Rc<PyStr>, Value)]),
    Mapping(&'a Value),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoNumber {
    Init,
    Auto(usize),
    Manual,
}

/// `template.format(*args, **kwargs)`; for `format_map`, the keywords are a mapping.
pub(super) fn format(interp: &mut Interp, template: &str, args: &[Value], kwargs: Kwargs) -> PyResult<String> {
    Formatter { args, kwargs, auto: AutoNumber::Init }.render(interp, template, 2)
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
