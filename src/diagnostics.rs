//! Error reports: SyntaxErrors and tracebacks, rendered with ariadne, always ending with
//! CPython's exact `Type: message` line (with its "Did you mean" suggestion).

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use crate::runtime::interp::Interp;
use crate::runtime::interp::attrs::dir_of;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::ExceptionObj;
use crate::runtime::model::typeobj::types;
use crate::runtime::model::value::{PyErr, Value};
use crate::syntax::ast::{line_at, Span, SyntaxError};
use std::rc::Rc;

fn snippet(file: &str, source: &str, span: Span, message: &str, color: bool) -> String {
    let len = source.len();
    let start = (span.start as usize).min(len);
    let end = (span.end as usize).clamp(start, len);
    // Ariadne needs a span that touches a character; an error at the very end of the input
    // points at the last one.
    let (start, end) = if start == end && start == len && len > 0 { (len - 1, len) } else { (start, end.max(start)) };
    let mut buf = Vec::new();
    // Not compact: only the full layout underlines the span, as CPython's carets mark the
    // expression that failed (`~^~` under `1/0`); the compact one has just an arrow.
    let report = Report::build(ReportKind::Custom("", Color::Red), (file, start..end))
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte)
                .with_underlines(true),
        )
        .with_label(Label::new((file, start..end)).with_message(message).with_color(Color::Red))
        .finish();
    if report.write((file, Source::from(source)), &mut buf).is_err() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    // Ariadne's header line (the report kind, empty here) adds nothing: the File line above
    // already says where. Nor do the full layout's empty margin lines and closing rule.
    text.lines()
        .skip(1)
        .filter(|l| {
            let bare = strip_ansi(l);
            let t = bare.trim();
            !(t.is_empty() || t == "│" || t.trim_start_matches('─') == "╯")
        })
        .map(|l| format!("    {l}\n"))
        .collect()
}

/// The text of a line without its colour escapes (`ESC [ ... m`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A SyntaxError report, CPython-style, ending with `SyntaxError: msg`.
pub fn syntax_error(err: &SyntaxError, file: &str, source: &str, color: bool) -> String {
    // An error at the end of the input is on the line its final newline ends, as in CPython
    // (and in the snippet).
    let at = if err.span.start as usize >= source.len() && source.ends_with('\n') {
        source.len() as u32 - 1
    } else {
        err.span.start
    };
    let (line, _) = line_at(source, at);
    let mut out = format!("  File \"{file}\", line {line}\n");
    out.push_str(&snippet(file, source, err.span, &err.msg, color));
    out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
    out
}

/// The full report of an uncaught exception: chained exceptions first, then the traceback,
/// then `Type: message`.
pub fn traceback(interp: &mut Interp, err: &PyErr, color: bool) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    write_chain(interp, &err.0, color, &mut out, &mut seen);
    out
}

fn write_chain(interp: &mut Interp, e: &Rc<ExceptionObj>, color: bool, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(Rc::as_ptr(e) as usize);
    let cause = e.cause.borrow().clone();
    let context = e.context.borrow().clone();
    if let Some(Value::Exception(c)) = cause {
        if !seen.contains(&(Rc::as_ptr(&c) as usize)) {
            write_chain(interp, &c, color, out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        }
    } else if let (Some(Value::Exception(c)), false) = (context, e.suppress_context.get()) {
        if !seen.contains(&(Rc::as_ptr(&c) as usize)) {
            write_chain(interp, &c, color, out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    let tb = e.traceback.borrow().clone();
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
    }
    // Outermost first. Like CPython, a line repeated (runaway recursion) is shown three
    // times, then counted.
    let entries: Vec<_> = tb.iter().rev().collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let same = groups.last().is_some_and(|&(start, _)| {
            let prev = entries[start];
            prev.file == entry.file && prev.func == entry.func
                && line_at(&prev.source, prev.span.start).0 == line_at(&entry.source, entry.span.start).0
        });
        match groups.last_mut() {
            Some(g) if same => g.1 += 1,
            _ => groups.push((i, 1)),
        }
    }
    let n_groups = groups.len();
    for (g, &(start, count)) in groups.iter().enumerate() {
        let shown = count.min(3);
        for k in 0..shown {
            let entry = entries[start + k];
            let (line, text) = line_at(&entry.source, entry.span.start);
            out.push_str(&format!("  File \"{}\", line {}, in {}\n", entry.file, line, entry.func));
            if g + 1 == n_groups && k + 1 == shown {
                let msg = exception_line(interp, e, false);
                out.push_str(&snippet(&entry.file, &entry.source, entry.span, &msg, color));
            } else if !text.trim().is_empty() {
                out.push_str(&format!("    {}\n", text.trim()));
            }
        }
        if count > 3 {
            let more = count - 3;
            out.push_str(&format!("  [Previous line repeated {} more time{}]\n", more, if more == 1 { "" } else { "s" }));
        }
    }
    let last = exception_line(interp, e, true);
    out.push_str(&last);
    out.push('\n');
}

/// `Type: message`, as the last line of a traceback prints it.
pub fn exception_line(interp: &mut Interp, e: &Rc<ExceptionObj>, with_suggestion: bool) -> String {
    let v = Value::Exception(e.clone());
    let msg = interp.str(&v).unwrap_or_else(|_| "<exception str() failed>".into());
    let name = e.typ.qualified_name();
    let mut line = if msg.is_empty() { name } else { format!("{name}: {msg}") };
    if with_suggestion {
        if let Some(s) = suggestion(interp, e) {
            line.push_str(&format!(". Did you mean: '{s}'?"));
        }
    }
    line
}

/// CPython 3.11's suggestion for an uncaught NameError or AttributeError.
fn suggestion(interp: &Interp, e: &Rc<ExceptionObj>) -> Option<String> {
    let t = types();
    let Some(Value::Str(name)) = e.attr("name") else { return None };
    if e.is_instance(&t.name_error) && !e.is_instance(&t.unbound_local_error) {
        let tb = e.traceback.borrow();
        let inner = tb.first()?;
        let locals: Vec<String> = inner.varnames.iter().map(|n| n.as_str().to_string()).collect();
        if let Some(s) = closest(&locals, &name) {
            return Some(s);
        }
        let globals = interp.main_globals.clone().unwrap_or_else(|| Rc::new(Dict::new()));
        if let Some(s) = closest(&dict_keys(&globals), &name) {
            return Some(s);
        }
        let builtins: Vec<String> = CPYTHON_BUILTINS.iter().map(|n| n.to_string()).collect();
        return closest(&builtins, &name);
    }
    if e.is_instance(&t.attribute_error) {
        let obj = e.attr("obj")?;
        return closest(&dir_of(&obj), &name);
    }
    None
}

/// CPython 3.11's builtins namespace, in its order (the first of equally close names wins).
/// Suggestions search this rather than cellar's own builtins, which lack what cellar does not
/// implement and `True`/`False` (constants to its compiler): a misspelt name is then
/// answered as CPython answers it, `'False'` for an unbound free variable `base` included.
const CPYTHON_BUILTINS: &[&str] = &[
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__", "__import__", "abs",
    "all", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod",
    "eval", "exec", "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance",
    "issubclass", "iter", "aiter", "len", "locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print",
    "repr", "round", "setattr", "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True",
    "bool", "memoryview", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter",
    "float", "frozenset", "property", "int", "list", "map", "object", "range", "reversed", "set", "slice",
    "staticmethod", "str", "super", "tuple", "type", "zip", "__debug__", "BaseException", "BaseExceptionGroup",
    "Exception", "GeneratorExit", "KeyboardInterrupt", "SystemExit", "ArithmeticError", "AssertionError",
    "AttributeError", "BufferError", "EOFError", "ImportError", "LookupError", "MemoryError", "NameError",
    "OSError", "ReferenceError", "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SystemError", "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError",
    "ZeroDivisionError", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning",
    "ImportWarning", "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning",
    "UnicodeWarning", "UserWarning", "BlockingIOError", "ChildProcessError", "ConnectionError",
    "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
    "PermissionError", "ProcessLookupError", "TimeoutError", "IndentationError", "IndexError", "KeyError",
    "ModuleNotFoundError", "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError",
    "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "TabError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup", "EnvironmentError",
    "IOError", "open", "quit", "exit", "copyright", "credits", "license", "help",
];

fn dict_keys(d: &Dict) -> Vec<String> {
    d.keys()
        .iter()
        .filter_map(|k| if let Value::Str(s) = k { Some(s.as_str().to_string()) } else { None })
        .collect()
}

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Python/suggestions.c's `levenshtein_distance`, on UTF-8 bytes as CPython computes it.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// `calculate_suggestions`: the closest candidate within a third of the characters.
fn closest(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<&String> = None;
    let mut best_distance = usize::MAX;
    for item in candidates {
        if item == name {
            continue;
        }
        let max = ((name.len() + item.len() + 3) * MOVE_COST / 6).min(best_distance.saturating_sub(1));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_cpython() {
        let names: Vec<String> = ["list", "len", "print"].iter().map(|s| s.to_string()).collect();
        assert_eq!(closest(&names, "lst").as_deref(), Some("list"));
        assert_eq!(closest(&names, "usr"), None);
        assert_eq!(closest(&names, "prnt").as_deref(), Some("print"));
    }

    #[test]
    fn an_error_at_the_end_is_on_the_last_line() {
        let first_line = |source: &str| {
            let err = crate::syntax::parse_module_here(source).unwrap_err();
            syntax_error(&err, "f.py", source, false).lines().next().unwrap().to_string()
        };
        assert_eq!(first_line("def f():\n"), "  File \"f.py\", line 1");
        assert_eq!(first_line("try:\n    1\n\n"), "  File \"f.py\", line 3");
    }
}
