//! `textwrap`: `dedent` and `indent`, line for line as CPython's regular expressions decide
//! (a line is what ends at `\n`; whitespace is spaces and tabs).

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::type_error;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use super::{func, new_module};

pub fn module(_interp: &mut Interp) -> Value {
    new_module("textwrap", vec![("dedent", func("dedent", dedent)), ("indent", func("indent", indent))])
}

/// The `text` argument, with the error CPython's Python code meets first when it is not a
/// str: `message` names what that code does with it.
fn text_arg<'a>(fname: &str, args: &'a Args, message: impl Fn(&Value) -> String) -> PyResult<&'a str> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(s.as_str()),
        Some(other) => type_error(message(other)),
        None => type_error(format!("{fname}() missing 1 required positional argument: 'text'")),
    }
}

/// Removes the longest run of leading spaces and tabs that every non-blank line shares;
/// lines of only spaces and tabs become empty.
pub fn dedent_text(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = |l: &str| !l.is_empty() && l.chars().all(|c| c == ' ' || c == '\t');
    let mut margin: Option<&str> = None;
    for line in &lines {
        let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
        if indent_len == line.len() {
            continue;
        }
        let indent = &line[..indent_len];
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(m) => m,
            Some(m) if m.starts_with(indent) => indent,
            Some(m) => {
                let common = m.bytes().zip(indent.bytes()).take_while(|(a, b)| a == b).count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("");
    let out: Vec<&str> = lines
        .iter()
        .map(|l| if blank(l) { "" } else { l.strip_prefix(margin).unwrap_or(l) })
        .collect();
    out.join("\n")
}

fn dedent(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::no_kwargs(b.name, &args)?;
    if args.pos.len() > 1 {
        return type_error(format!("dedent() takes 1 positional argument but {} were given", args.pos.len()));
    }
    let text = text_arg("dedent", &args, |v| format!("expected string or bytes-like object, got '{}'", type_name(v)))?;
    Ok(Value::string(dedent_text(text)))
}

/// `indent(text, prefix, predicate=None)`: the prefix before every line the predicate
/// accepts, by default every line that is not only whitespace.
fn indent(interp: &mut Interp, _: &Builtin, args: Args) -> PyResult<Value> {
    let text = text_arg("indent", &args, |v| format!("'{}' object has no attribute 'splitlines'", type_name(v)))?;
    let prefix = match args.pos.get(1).or_else(|| args.kwarg("prefix")) {
        Some(Value::Str(p)) => p.as_str(),
        Some(other) => return type_error(format!("unsupported operand type(s) for +: '{}' and 'str'", type_name(other))),
        None => return type_error("indent() missing 1 required positional argument: 'prefix'"),
    };
    let predicate = args.pos.get(2).or_else(|| args.kwarg("predicate")).filter(|p| !p.is_none()).cloned();
    let mut out = String::with_capacity(text.len());
    for line in split_keepends(text) {
        let keep = match &predicate {
            Some(p) => {
                let r = interp.call(p, vec![Value::str(line)], Vec::new())?;
                interp.truthy(&r)?
            }
            None => !line.trim().is_empty(),
        };
        if keep {
            out.push_str(prefix);
        }
        out.push_str(line);
    }
    Ok(Value::string(out))
}

/// `str.splitlines(keepends=True)`: lines with their endings, at every line boundary
/// Python knows.
fn split_keepends(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '\r' if chars.peek().map(|(_, n)| *n) == Some('\n') => {
                chars.next();
                i + 2
            }
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}' => i + c.len_utf8(),
            _ => continue,
        };
        out.push(&text[start..end]);
        start = end;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedent_keeps_relative_indentation_and_empties_blank_lines() {
        assert_eq!(dedent_text("    x\n  \n      y\n"), "x\n\n  y\n");
        assert_eq!(dedent_text("  a\n\t b\n"), "  a\n\t b\n");
        assert_eq!(dedent_text("  a\r\n  b"), "a\r\nb");
    }
}
