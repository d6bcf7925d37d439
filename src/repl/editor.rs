//! The line editor (rustyline): what a learner meets when cellar starts on a terminal.
//!
//! Lines are read one at a time with CPython's `>>> ` and `... ` prompts, and an entry ends
//! where CPython's would (`classify`), read as `Mode::Pasted`: each continuation line starts
//! indented to the block being written, so a line of those spaces alone ends the block, and
//! a block pasted whole runs even with statements at the margin. Typing what one would type at
//! CPython's prompt, which has no auto-indent, gives the same program: a space or Tab as the
//! first key replaces the automatic indentation, and `else`, `elif`, `except` and `finally` move
//! out to their block as they are typed. The helper highlights from cellar's own lexer and
//! completes from the live session, which it shares with the loop: the loop never holds the
//! session while a line is being read, and the helper only uses it then.

use crate::compile::Mode;
use crate::runtime::interp::attrs::dir_of;
use crate::runtime::model::value::Value;
use crate::syntax::{highlight_tokens, HighlightKind};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use super::commands::COMMANDS;
use super::{classify, is_command, Control, Entry, Repl};
use rustyline::{
    Cmd, CompletionType, ConditionalEventHandler, Config, Context, Editor, Event, EventContext, EventHandler, KeyCode,
    KeyEvent, Modifiers, Movement, RepeatCount,
};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

const INDENT: &str = "    ";

/// Runs the REPL on the terminal until `:quit`, `exit()` or Ctrl-D, and returns the exit
/// status. `Err` when the terminal cannot be driven, so that the caller can read its input as
/// a piped session instead.
pub fn run(repl: Repl, color: bool) -> Result<u8, Box<Repl>> {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(10_000)
        .map(|b| b.completion_type(CompletionType::List).indent_size(INDENT.len() as u8).build());
    let Ok(config) = config else { return Err(Box::new(repl)) };
    let Ok(mut editor) = Editor::<Helper, DefaultHistory>::with_config(config) else { return Err(Box::new(repl)) };
    let repl = Rc::new(RefCell::new(repl));
    let state = Arc::new(Mutex::new(LineState::default()));
    editor.set_helper(Some(Helper {
        repl: repl.clone(),
        state: state.clone(),
        color,
        brackets: Cell::new(false),
        files: FilenameCompleter::new(),
    }));
    // Every key goes through `Keys` (none has a binding of its own), so it sees the first.
    editor.bind_sequence(Event::Any, EventHandler::Conditional(Box::new(Keys { state: state.clone() })));
    let history = history_file();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    repl.borrow_mut().session.interp.write_err(&format!(
        "cellar {}: Python 3.11, with the cells that closures share in view. :help lists the commands; Ctrl-D leaves.\n",
        env!("CARGO_PKG_VERSION")
    ));
    let interrupter = repl.borrow().session.interp.interrupter();
    let mut pending = String::new();
    let mut status = 0;
    loop {
        let prompt = if pending.is_empty() { ">>> " } else { "... " };
        let indent = next_indent(&pending);
        if let Ok(mut state) = state.lock() {
            *state = LineState {
                pending: pending.clone(),
                auto: indent.clone(),
                fresh: !indent.is_empty(),
                typed: false,
                rewrite: None,
            };
        }
        match editor.readline_with_initial(prompt, (&indent, "")) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                    if let Some(path) = &history {
                        let _ = editor.append_history(path);
                    }
                }
                pending.push_str(&line);
                pending.push('\n');
                let commands = repl.borrow().teacher.is_some();
                let kind =
                    if commands && is_command(&pending) { Entry::Complete } else { classify(&pending, Mode::Pasted) };
                match kind {
                    Entry::Empty => pending.clear(),
                    Entry::NeedMore => {}
                    Entry::Complete => {
                        let text = std::mem::take(&mut pending);
                        // A Ctrl-C pressed while nothing ran must not interrupt this entry.
                        interrupter.forget();
                        if let Control::Exit(code) = repl.borrow_mut().entry(&text, Mode::Pasted) {
                            status = code;
                            break;
                        }
                    }
                }
            }
            Err(ReadlineError::Interrupted) => {
                repl.borrow_mut().session.interp.write_err("KeyboardInterrupt\n");
                pending.clear();
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                repl.borrow_mut().session.interp.write_err(&format!("cellar: the terminal failed: {e}\n"));
                break;
            }
        }
    }
    drop(editor);
    repl.borrow_mut().session.interp.flush();
    Ok(status)
}

/// `input(prompt)` at a terminal: the line editor reads the line, so that Ctrl-C raises
/// `KeyboardInterrupt` at once and Ctrl-D is end of input, as with CPython's readline.
pub fn read_input(prompt: &str) -> std::io::Result<Option<String>> {
    let mut editor = rustyline::DefaultEditor::new().map_err(std::io::Error::other)?;
    match editor.readline(prompt) {
        Ok(line) => Ok(Some(line)),
        Err(ReadlineError::Eof) => Ok(None),
        Err(ReadlineError::Interrupted) => Err(std::io::ErrorKind::Interrupted.into()),
        Err(ReadlineError::Io(e)) => Err(e),
        Err(e) => Err(std::io::Error::other(e)),
    }
}

/// `$XDG_STATE_HOME/cellar/history`, or `~/.local/state/cellar/history`, as the XDG base
/// directory specification places state that should survive restarts.
fn history_file() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    let dir = state.join("cellar");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// The indentation the next line of `pending` starts with: one level deeper after a line
/// that opens a block, one level shallower after one that ends it (`return`, `pass`, …).
pub fn next_indent(pending: &str) -> String {
    let Some(last) = pending.lines().rev().find(|l| !l.trim().is_empty()) else { return String::new() };
    if pending.is_empty() {
        return String::new();
    }
    let indent: String = last.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let code = last.split('#').next().unwrap_or("").trim();
    if code.ends_with(':') {
        return indent + INDENT;
    }
    let first = code.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("");
    if matches!(first, "return" | "pass" | "break" | "continue" | "raise") {
        let n = indent.len().saturating_sub(INDENT.len());
        return indent[..n].to_string();
    }
    indent
}

/// The line being read, shared by the loop that starts it, the key handler and the helper
/// (rustyline wants key handlers `Send + Sync`, hence the mutex).
#[derive(Default)]
struct LineState {
    /// The earlier lines of the entry being typed: the current line is highlighted in their
    /// context (inside a triple-quoted string, say), and `else` looks in them for its block.
    pending: String,
    /// The indentation the line started with.
    auto: String,
    /// The line is auto-indented and no key has been typed on it yet.
    fresh: bool,
    /// The learner typed a space in the line's indentation: it is theirs, and keywords
    /// leave it alone.
    typed: bool,
    /// What a key asked the text before the cursor to become. Only a completion replaces
    /// that text and leaves the cursor after it (rustyline's `Cmd::Replace` leaves it
    /// before), so the key hands the text to the completer with `Cmd::Complete`.
    rewrite: Option<String>,
}

/// Keys that edit the indentation, as IDLE and IPython do: Backspace in the indentation
/// removes a whole level; a space or Tab as the first key replaces the automatic indentation
/// with the one being typed; on a line whose indentation was not typed, `else`, `elif`, `except`
/// and `finally` move out to the indentation of their block when the character after the
/// keyword (`:`, a space, `(`) is typed, the moment the word is known to be the keyword.
struct Keys {
    state: Arc<Mutex<LineState>>,
}

impl ConditionalEventHandler for Keys {
    fn handle(&self, evt: &Event, _n: RepeatCount, _positive: bool, ctx: &EventContext) -> Option<Cmd> {
        let &KeyEvent(key, modifiers) = evt.get(0)?;
        let mut state = self.state.lock().ok()?;
        let fresh = std::mem::replace(&mut state.fresh, false);
        let (line, pos) = (ctx.line(), ctx.pos());
        let before = &line[..pos];
        match (key, modifiers) {
            (KeyCode::Backspace, Modifiers::NONE) if !before.is_empty() && before.chars().all(|c| c == ' ') => {
                Some(Cmd::Dedent(Movement::WholeLine))
            }
            (KeyCode::Char(' '), Modifiers::NONE) if before.bytes().all(|b| b == b' ') => {
                state.typed = true;
                if !(fresh && line == state.auto) {
                    return None;
                }
                state.rewrite = Some(" ".to_string());
                Some(Cmd::Complete)
            }
            // At CPython's prompt Tab on a blank line indents, so it is typed indentation too;
            // later Tabs fall through to the completer, which adds a level each.
            (KeyCode::Tab, Modifiers::NONE) if fresh && line == state.auto => {
                state.typed = true;
                state.rewrite = Some(INDENT.to_string());
                Some(Cmd::Complete)
            }
            (KeyCode::Char(c), Modifiers::NONE) if !(state.typed || c.is_alphanumeric() || c == '_') => {
                let indent = closing_indent(&state.pending, before)?;
                state.rewrite = Some(format!("{indent}{}{c}", before.trim_start()));
                Some(Cmd::Complete)
            }
            _ => None,
        }
    }
}

/// Where a line that starts with `else`, `elif`, `except` or `finally` (all of `before`,
/// with its indentation) belongs after the earlier lines `pending`: at the indentation of
/// the nearest `if`, `for`, `while` or `try` (or clause of one) that it can continue and
/// that no later line at its level or shallower has closed. `None` when it is there already
/// or has no such block.
fn closing_indent(pending: &str, before: &str) -> Option<String> {
    let keyword = before.trim_start_matches(' ');
    let at = before.len() - keyword.len();
    let openers: &[&str] = match keyword {
        "else" => &["if", "elif", "for", "while", "try", "except"],
        "elif" => &["if", "elif"],
        "except" => &["try", "except"],
        "finally" => &["try", "except", "else"],
        _ => return None,
    };
    let mut limit = at;
    for line in pending.lines().rev() {
        let code = line.split('#').next().unwrap_or("");
        if code.trim().is_empty() {
            continue;
        }
        let indent = code.len() - code.trim_start_matches(' ').len();
        if indent > limit {
            continue;
        }
        let first = code.trim_start().split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("");
        if openers.contains(&first) {
            return (indent < at).then(|| " ".repeat(indent));
        }
        limit = indent.checked_sub(1)?;
    }
    None
}

struct Helper {
    repl: Rc<RefCell<Repl>>,
    state: Arc<Mutex<LineState>>,
    color: bool,
    /// Whether the next refresh should show the bracket matching the one at the cursor.
    brackets: Cell<bool>,
    files: FilenameCompleter,
}

impl rustyline::Helper for Helper {}
impl Validator for Helper {}
impl Hinter for Helper {
    type Hint = String;
}

impl Highlighter for Helper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color || line.is_empty() {
            return Cow::Borrowed(line);
        }
        let Ok(state) = self.state.lock() else { return Cow::Borrowed(line) };
        let text = format!("{}{line}", state.pending);
        let base = state.pending.len();
        let matched = if self.brackets.get() { matching_bracket(line, pos) } else { None };
        let repl = self.repl.borrow();
        let builtins = &repl.session.interp.builtins;
        let mut out = String::with_capacity(line.len() * 2);
        let mut at = 0;
        for (kind, span) in highlight_tokens(&text) {
            let (start, end) = (span.start as usize, span.end as usize);
            if end <= base || start < base + at {
                continue;
            }
            let (start, end) = (start - base, end - base);
            out.push_str(&line[at..start]);
            let piece = &line[start..end];
            let code = match kind {
                HighlightKind::Keyword => "35",
                HighlightKind::Name if builtins.get_str(piece).is_some() => "36",
                HighlightKind::String => "32",
                HighlightKind::Number => "33",
                HighlightKind::Comment => "2",
                _ => "",
            };
            if matched.is_some_and(|(a, b)| (start..end).contains(&a) || (start..end).contains(&b)) {
                out.push_str(&format!("\x1b[1;4m{piece}\x1b[0m"));
            } else if code.is_empty() {
                out.push_str(piece);
            } else {
                out.push_str(&format!("\x1b[{code}m{piece}\x1b[0m"));
            }
            at = end;
        }
        out.push_str(&line[at..]);
        Cow::Owned(out)
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.brackets.set(kind != CmdKind::ForcedRefresh);
        self.color
    }
}

/// The bracket at (or just before) the cursor and the one that matches it, by byte offset.
fn matching_bracket(line: &str, pos: usize) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let at = [pos, pos.wrapping_sub(1)].into_iter().find(|&i| i < bytes.len() && b"()[]{}".contains(&bytes[i]))?;
    let (open, close, forward) = match bytes[at] {
        b'(' => (b'(', b')', true),
        b'[' => (b'[', b']', true),
        b'{' => (b'{', b'}', true),
        b')' => (b'(', b')', false),
        b']' => (b'[', b']', false),
        _ => (b'{', b'}', false),
    };
    let mut depth = 0i32;
    let indices: Box<dyn Iterator<Item = usize>> = if forward { Box::new(at..bytes.len()) } else { Box::new((0..=at).rev()) };
    for i in indices {
        if bytes[i] == open {
            depth += if forward { 1 } else { -1 };
        } else if bytes[i] == close {
            depth += if forward { -1 } else { 1 };
        }
        if depth == 0 {
            return Some((at, i));
        }
    }
    None
}

impl Completer for Helper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        if let Some(text) = self.state.lock().ok().and_then(|mut s| s.rewrite.take()) {
            return Ok((0, vec![pair(&text)]));
        }
        let before = &line[..pos];
        if before.chars().all(|c| c == ' ' || c == '\t') {
            // Tab in the indentation indents, as in CPython's REPL.
            return Ok((pos, vec![pair(INDENT)]));
        }
        let at_start = self.state.lock().is_ok_and(|s| s.pending.is_empty()) && self.repl.borrow().teacher.is_some();
        if at_start && before.starts_with(':') {
            return Ok(self.complete_command(line, pos, ctx));
        }
        Ok(self.complete_python(before))
    }
}

impl Helper {
    /// `:sc` → `:scope `, with the space the argument needs; the argument of `:load` is a
    /// path, that of `:cells` and `:scope` an expression.
    fn complete_command(&self, line: &str, pos: usize, ctx: &Context<'_>) -> (usize, Vec<Pair>) {
        let before = &line[..pos];
        match before.split_once(' ') {
            None => {
                let mut names: Vec<&str> = COMMANDS.iter().map(|(c, _)| c.split(' ').next().unwrap_or(c)).collect();
                names.dedup();
                let pairs = names
                    .into_iter()
                    .filter(|n| n.starts_with(before))
                    .map(|n| Pair { display: n.to_string(), replacement: format!("{n} ") });
                (0, pairs.collect())
            }
            Some((":load", _)) => self.files.complete(line, pos, ctx).unwrap_or((pos, Vec::new())),
            Some((":watch", arg)) => {
                let start = pos - arg.len();
                (start, ["on", "off"].into_iter().filter(|w| w.starts_with(arg.trim_start())).map(pair).collect())
            }
            Some((_, _)) => self.complete_python(before),
        }
    }

    /// Names in scope, or the attributes of a live value after a dot
    /// (`double.__clo` → `__closure__`, `double.__closure__[0].` → `cell_contents`), or the
    /// items of a tuple or list named whole (`double.__closure__` → `[0]`).
    fn complete_python(&self, before: &str) -> (usize, Vec<Pair>) {
        let mut repl = self.repl.borrow_mut();
        if let Some(found) = complete_index(&mut repl, before) {
            return found;
        }
        let start = expression_start(before);
        let expr = &before[start..];
        let (prefix_len, mut names) = match expr.rfind('.') {
            Some(dot) => {
                let (object, partial) = (&expr[..dot], &expr[dot + 1..]);
                let Some(value) = safe_eval(&mut repl, object) else { return (before.len(), Vec::new()) };
                // rlcompleter's rule: private names only once a `_` is typed, dunders after `__`.
                let hidden = match partial {
                    "" => Some("_"),
                    "_" => Some("__"),
                    _ => None,
                };
                let attrs: Vec<String> = dir_of(&value)
                    .into_iter()
                    .filter(|a| a.starts_with(partial) && !hidden.is_some_and(|h| a.starts_with(h)))
                    .collect();
                (partial.len(), attrs)
            }
            None => {
                let mut names: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
                for dict in [&repl.session.globals, &repl.session.interp.builtins] {
                    for k in dict.keys() {
                        if let Value::Str(s) = k {
                            names.push(s.to_string());
                        }
                    }
                }
                let names = names.into_iter().filter(|n| n.starts_with(expr) && !n.is_empty()).collect();
                (expr.len(), names)
            }
        };
        // Private names only once asked for, as CPython's completer does.
        let partial = &before[before.len() - prefix_len..];
        if !partial.starts_with('_') {
            names.retain(|n| !n.starts_with('_'));
        }
        names.sort();
        names.dedup();
        if names.len() == 1 && names[0] == partial {
            // Nothing is left to complete in the name: go on to the items it holds.
            let items = safe_eval(&mut repl, expr).map(|v| subscripts(&v)).unwrap_or_default();
            if !items.is_empty() {
                return (before.len(), items.iter().map(|i| pair(i)).collect());
            }
        }
        (before.len() - prefix_len, names.iter().map(|n| pair(n)).collect())
    }
}

/// `double.__closure__[` or `funcs[1`: the subscripts of the tuple or list before the
/// bracket that start with what is typed. `None` when the cursor is not in such a
/// subscript, or the value has no items to offer (a dict, a list literal being written).
fn complete_index(repl: &mut Repl, before: &str) -> Option<(usize, Vec<Pair>)> {
    let digits = before.trim_end_matches(|c: char| c.is_ascii_digit());
    let open = digits.strip_suffix('[')?.len();
    let object = &before[expression_start(&before[..open])..open];
    let items = subscripts(&safe_eval(repl, object)?);
    if items.is_empty() {
        return None;
    }
    let typed = &before[open..];
    Some((open, items.iter().filter(|i| i.starts_with(typed)).map(|i| pair(i)).collect()))
}

/// `[0]`, `[1]`, … for a tuple (a closure's cells) or a list with a screenful of items at
/// most; none for anything else.
fn subscripts(value: &Value) -> Vec<String> {
    let len = match value {
        Value::Tuple(t) => t.items.len(),
        Value::List(l) => l.len(),
        _ => 0,
    };
    if len > MAX_SUBSCRIPTS {
        return Vec::new();
    }
    (0..len).map(|i| format!("[{i}]")).collect()
}

/// rustyline's default for the number of candidates it shows without asking first.
const MAX_SUBSCRIPTS: usize = 100;

/// Where the dotted expression that ends at the cursor starts: names, dots and subscripts.
fn expression_start(before: &str) -> usize {
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    let mut depth = 0;
    while i > 0 {
        let c = bytes[i - 1];
        match c {
            b']' => depth += 1,
            b'[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            b'.' | b'_' => {}
            _ if c.is_ascii_alphanumeric() || c >= 0x80 => {}
            _ => break,
        }
        i -= 1;
    }
    i
}

/// Evaluates the object part of an attribute completion, but only when it is names,
/// attributes and subscripts: nothing may be called or assigned because Tab was pressed.
fn safe_eval(repl: &mut Repl, object: &str) -> Option<Value> {
    let harmless = !object.is_empty()
        && !object.contains(['(', ')', ':', '='])
        && !object.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if !harmless {
        return None;
    }
    repl.session.eval(object).ok()
}

fn pair(s: &str) -> Pair {
    Pair { display: s.to_string(), replacement: s.to_string() }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_follow_the_block() {
        assert_eq!(next_indent(""), "");
        assert_eq!(next_indent("def f():\n"), "    ");
        assert_eq!(next_indent("def f():\n    x = 1\n"), "    ");
        assert_eq!(next_indent("def f():\n    if x:  # why\n"), "        ");
        assert_eq!(next_indent("def f():\n    return 1\n"), "");
        assert_eq!(next_indent("print((1,\n"), "");
    }

    #[test]
    fn keywords_move_out_to_the_block_they_continue() {
        let pending = "for n in x:\n    if n:\n        print(n)  # if\n";
        assert_eq!(closing_indent(pending, "        else").as_deref(), Some("    "));
        assert_eq!(closing_indent(pending, "        elif").as_deref(), Some("    "));
        assert_eq!(closing_indent(pending, "        elsewhere"), None);
        assert_eq!(closing_indent(pending, "        except"), None);
        // Backspaced out to the `for` already: that is the block it continues.
        assert_eq!(closing_indent(pending, "else"), None);
        assert_eq!(closing_indent("def f(x):\n    if x:\n        return 1\n", "    else"), None);
        let pending = "try:\n    x = 1 / 0\nexcept ZeroDivisionError:\n    x = 0\n";
        assert_eq!(closing_indent(pending, "    finally").as_deref(), Some(""));
        assert_eq!(closing_indent(pending, "    except").as_deref(), Some(""));
        // A statement at the `if`'s level has closed it.
        assert_eq!(closing_indent("if a:\n    x = 1\ny = 2\n", "    else"), None);
    }

    #[test]
    fn completion_finds_the_whole_dotted_expression() {
        assert_eq!(expression_start("double.__clo"), 0);
        assert_eq!(expression_start("print(double.__closure__[0].cell"), 6);
        assert_eq!(expression_start("x = routes['/a'].__na"), 4);
    }

    #[test]
    fn brackets_match_across_nesting() {
        assert_eq!(matching_bracket("f((1), 2)", 1), Some((1, 8)));
        assert_eq!(matching_bracket("f((1), 2)", 9), Some((8, 1)));
        assert_eq!(matching_bracket("f(1", 1), None);
    }
}
