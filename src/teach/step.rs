//! `:step STATEMENT` and `cellar --step FILE.py`: the program run a step at a time (each
//! statement reached, each call and return in the learner's code), showing the line, the
//! frames running with their variables and cells, and what the last step did to the cells.
//!
//! At a terminal each step waits for a key: Enter steps, `n` steps over a call, `c` runs
//! on to the end, `q` abandons the statement. Piped, the steps print one after the other.

use super::walk::{walk_values, Reach};
use super::{short, Style};
use crate::runtime::interp::step::{Step, StepControl, StepKind, Stepper};
use crate::runtime::interp::Interp;
use crate::runtime::model::trace::{self, Event, FrameState, Var};
use crate::runtime::model::value::{CellObj, Value};
use std::io::Write;
use std::rc::Rc;

/// Steps printed at most when nobody answers them (a piped session): a loop of a million
/// iterations must not print a million steps. The program runs on afterwards.
pub const MAX_UNATTENDED: usize = 2_000;

/// The keys, shown with the first step that waits.
const KEYS: &str = "Enter: next step · n: step over calls · c: continue to the end · q: stop here";

/// Shows each step as text on the interpreter's stdout.
pub struct TextStepper {
    style: Style,
    /// Steps shown so far.
    shown: usize,
    /// `n`: steps deeper than this are run through without showing them.
    over: Option<usize>,
    /// The cells met so far, by serial, with the value each had when last shown: a change
    /// is found by comparing.
    cells: hashbrown::HashMap<u64, Seen>,
    /// The globals as last shown in full.
    last_globals: Vec<String>,
    /// Events of the trace already shown; the rest of the log is what happened since.
    seen: usize,
    /// Whether the steps take the trace's events (nothing else reads them) or only look
    /// (the watch reports the whole statement afterwards).
    takes_events: bool,
}

impl TextStepper {
    pub fn new(style: Style, takes_events: bool) -> TextStepper {
        TextStepper {
            style,
            shown: 0,
            over: None,
            cells: hashbrown::HashMap::new(),
            last_globals: Vec::new(),
            seen: trace::peek(|log| log.events.len()),
            takes_events,
        }
    }

    fn render(&mut self, interp: &mut Interp, step: &Step) -> Vec<String> {
        let style = self.style;
        let mut out = vec![self.headline(interp, step)];
        if let Some(text) = step.at.source.lines().nth(step.at.number as usize - 1) {
            out.push(format!("  {} {}", style.dim(&format!("{:>4} │", step.at.number)), text.trim()));
        }
        let frames = trace::running_frames();
        let globals = interp.main_globals.as_deref().map_or_else(Vec::new, super::diagram::variables);
        let reach = walk_values(interp, globals.iter().cloned().chain(frame_values(&frames)).collect());
        let globals: Vec<(String, Var)> = globals.into_iter().map(|(n, v)| (n, Var::Value(v))).collect();
        let width = frames.iter().map(|f| f.name.chars().count()).max().unwrap_or(0).max("globals".len());
        let mut globals_text = self.vars_text(interp, globals.iter().map(|(n, v)| (n.as_str(), v)), &reach);
        if globals_text == self.last_globals && !globals.is_empty() {
            // Shown whole only when they change: the running frames are what a step is about.
            let names: Vec<&str> = globals.iter().map(|(n, _)| n.as_str()).collect();
            globals_text = vec![style.dim(&format!("{} (as before)", cut_list(&names)))];
        } else {
            self.last_globals = globals_text.clone();
        }
        let mut blocks: Vec<(String, Vec<String>)> = vec![("globals".into(), globals_text)];
        for f in &frames {
            let vars = self.vars_text(interp, f.vars.iter().map(|(n, v)| (n.as_str(), v)), &reach);
            blocks.push((f.name.to_string(), vars));
        }
        let changes = self.changes(interp, &frames);
        if !changes.is_empty() {
            blocks.push(("changed".into(), changes));
        }
        for (title, lines) in blocks {
            for (i, line) in lines.iter().enumerate() {
                let label = if i == 0 { title.as_str() } else { "" };
                let label = format!("{label:<width$}");
                let label = if title == "changed" { style.changed(&label) } else { style.heading(&label) };
                out.push(format!("  {label} {line}"));
            }
        }
        out
    }

    fn headline(&mut self, interp: &mut Interp, step: &Step) -> String {
        let n = self.shown;
        let name = step.function.as_ref().map(|f| f.to_string());
        let what = match (&step.kind, &name) {
            (StepKind::Line, Some(f)) => format!("line {} in {f}", step.at.number),
            (StepKind::Line, None) => format!("line {}", step.at.number),
            (StepKind::Call, Some(f)) => format!("{f}() is called · line {}", step.at.number),
            (StepKind::Return(v), Some(f)) => format!("{f} returns {}", short(&text_of(interp, v))),
            (StepKind::Raise(e), Some(f)) => {
                let Value::Exception(obj) = e.value() else { unreachable!("an error's value is an exception") };
                format!("{f} raises {}", short(&crate::diagnostics::exception_line(interp, &obj, false)))
            }
            (_, None) => format!("line {}", step.at.number),
        };
        self.style.heading(&format!("── step {n} · {what} ──"))
    }

    /// One line per variable: `name = value`, or for a cell variable `name → cell #N = value`
    /// and the functions that hold the cell too.
    fn vars_text<'v>(&self, interp: &mut Interp, vars: impl IntoIterator<Item = (&'v str, &'v Var)>, reach: &Reach) -> Vec<String> {
        let style = self.style;
        let mut out = Vec::new();
        for (name, var) in vars {
            match var {
                Var::Value(v) => out.push(format!("{name} = {}", style.value(&short(&text_of(interp, v))))),
                Var::Cell(c) => {
                    let value = match c.get() {
                        Some(v) => format!("= {}", style.value(&short(&text_of(interp, &v)))),
                        None => "(empty)".to_string(),
                    };
                    let mut line = format!("{name} → cell {} {value}", style.id(c.serial));
                    let held: Vec<&str> = reach.of(c).iter().filter(|h| h.function.is_some()).map(|h| h.path.as_str()).collect();
                    if !held.is_empty() {
                        line.push_str(&style.dim(&format!(", also held by {}", listed(&held))));
                    }
                    out.push(line);
                }
            }
        }
        if out.is_empty() {
            out.push(style.dim("no variables yet"));
        }
        out
    }

    /// What happened since the last step shown: cells and functions made and globals
    /// written, from the trace; cells changed, by comparing with what was shown. The cells
    /// of `frames` not met before are met now.
    fn changes(&mut self, interp: &mut Interp, frames: &[FrameState]) -> Vec<String> {
        let style = self.style;
        let mut made: Vec<Rc<CellObj>> = Vec::new();
        let mut functions = Vec::new();
        let mut globals = Vec::new();
        let seen = self.seen;
        let mut read = |log: &trace::Log| {
            for e in log.events.iter().skip(seen) {
                match e {
                    Event::CellMade { cell, .. } => made.extend(cell.upgrade()),
                    Event::FunctionMade { function } => functions.extend(function.upgrade()),
                    Event::GlobalWritten { name, old, .. } => globals.push((name.clone(), old.clone())),
                    _ => {}
                }
            }
            log.events.len()
        };
        self.seen = if self.takes_events {
            read(&trace::take());
            0
        } else {
            trace::peek(read)
        };
        let mut out = Vec::new();
        let mut met = Vec::new();
        for c in &made {
            let text = c.get().map(|v| text_of(interp, &v));
            let value = text.as_deref().map_or(" (empty)".to_string(), |t| format!(" = {}", short(t)));
            out.push(style.added(&format!("new cell {} {}{value}", style.id(c.serial), c.name.as_str())));
            met.push((c.serial, Seen { cell: Rc::downgrade(c), text }));
        }
        // A cell's change is found by its value: the trace merges a loop's writes into one
        // event, and a list in a cell changes without any write to the cell.
        let mut changed = Vec::new();
        self.cells.retain(|_, seen| seen.cell.strong_count() > 0);
        for (&serial, seen) in &mut self.cells {
            let Some(cell) = seen.cell.upgrade() else { continue };
            let now = cell.get().map(|v| text_of(interp, &v));
            if now != seen.text {
                let was = std::mem::replace(&mut seen.text, now.clone());
                changed.push((serial, cell.name.clone(), was, now));
            }
        }
        changed.sort_by_key(|c| c.0);
        for (serial, name, was, now) in changed {
            let text = |v: &Option<String>| v.as_deref().map_or("(empty)".to_string(), short);
            out.push(style.changed(&format!("cell {} {}: {} → {}", style.id(serial), name.as_str(), text(&was), text(&now))));
        }
        self.cells.extend(met);
        for f in frames {
            for (_, var) in &f.vars {
                if let Var::Cell(c) = var {
                    self.cells.entry(c.serial).or_insert_with(|| Seen { cell: Rc::downgrade(c), text: c.get().map(|v| text_of(interp, &v)) });
                }
            }
        }
        for f in &functions {
            if crate::runtime::interp::step::is_library(&f.code) {
                continue;
            }
            let name = f.code.name.as_str();
            if f.closure.is_empty() {
                out.push(style.added(&format!("new function {name}")));
            } else {
                let cells: Vec<String> =
                    f.code.freevars.iter().zip(f.closure.iter()).map(|(n, c)| format!("cell {} {}", style.id(c.serial), n.as_str())).collect();
                out.push(style.added(&format!("new function {name}, holding {}", listed(&cells))));
            }
        }
        for (name, old) in globals {
            let old = old.map_or("unbound".to_string(), |v| short(&text_of(interp, &v)));
            let now = interp.main_globals.as_ref().and_then(|g| g.get_name(&name));
            let now = now.map_or("unbound".to_string(), |v| short(&text_of(interp, &v)));
            out.push(style.changed(&format!("global {}: {old} → {now}", name.as_str())));
        }
        out
    }

    /// At a terminal, what the learner answers; `None` when nobody can answer.
    fn ask(&mut self, interp: &mut Interp) -> Option<Answer> {
        let mut read = interp.terminal_input.take()?;
        if self.shown == 1 {
            let _ = writeln!(interp.out, "{}", self.style.dim(KEYS));
        }
        let _ = interp.out.flush();
        let answer = read("step> ");
        interp.terminal_input = Some(read);
        Some(match answer {
            Ok(Some(line)) => match line.trim() {
                "n" | "next" => Answer::Over,
                "c" | "continue" => Answer::Continue,
                "q" | "quit" => Answer::Quit,
                _ => Answer::Step,
            },
            // Ctrl-D runs on; Ctrl-C stops, as it would the program.
            Ok(None) => Answer::Continue,
            Err(_) => Answer::Quit,
        })
    }
}

/// What the learner asked for at a step.
enum Answer {
    Step,
    Over,
    Continue,
    Quit,
}

impl Stepper for TextStepper {
    fn step(&mut self, interp: &mut Interp, step: &Step) -> StepControl {
        if self.over.is_some_and(|d| step.depth > d) {
            return StepControl::Next;
        }
        self.over = None;
        self.shown += 1;
        let lines = self.render(interp, step);
        super::print_lines_to(&mut *interp.out, &lines);
        let answer = match self.ask(interp) {
            Some(answer) => answer,
            None if self.shown >= MAX_UNATTENDED => {
                let note = format!("… {MAX_UNATTENDED} steps shown; the rest runs without stepping");
                super::print_lines_to(&mut *interp.out, &[self.style.dim(&note)]);
                return StepControl::Finish;
            }
            None => Answer::Step,
        };
        match answer {
            Answer::Step => StepControl::Next,
            Answer::Over => {
                // Over the calls this line makes; from a call or a return, out to the caller.
                self.over = Some(match step.kind {
                    StepKind::Line => step.depth,
                    _ => step.depth.saturating_sub(1),
                });
                StepControl::Next
            }
            Answer::Continue => StepControl::Finish,
            Answer::Quit => {
                let note = format!("stepping stopped at step {}: the rest of the statement does not run, as after Ctrl-C", self.shown);
                super::print_lines_to(&mut *interp.out, &[self.style.dim(&note)]);
                StepControl::Abandon
            }
        }
    }
}

/// A cell met in a step, and its value as last shown.
struct Seen {
    cell: std::rc::Weak<CellObj>,
    text: Option<String>,
}

/// The running frames' variables, a cell variable by what it holds: with the globals, where
/// the search for a cell's holders starts.
fn frame_values(frames: &[FrameState]) -> impl Iterator<Item = (String, Value)> + '_ {
    frames.iter().flat_map(|f| {
        f.vars.iter().filter_map(|(name, var)| match var {
            Var::Value(v) => Some((name.to_string(), v.clone())),
            Var::Cell(c) => c.get().map(|v| (name.to_string(), v)),
        })
    })
}

/// A value as the steps show it: its repr without the addresses (`<function f>`), which
/// say nothing to a learner and would differ from run to run.
fn text_of(interp: &mut Interp, v: &Value) -> String {
    let repr = interp.repr(v).unwrap_or_else(|_| "<repr failed>".into());
    without_addresses(&repr)
}

fn without_addresses(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    let mut rest = repr;
    while let Some(i) = rest.find(" at 0x") {
        let before = &rest[..i];
        // Only inside `<…>`: a string that says " at 0x" stays as it is.
        let depth = |s: &str| s.matches('<').count() as isize - s.matches('>').count() as isize;
        let depth = depth(&out) + depth(before);
        if depth <= 0 {
            out.push_str(&rest[..i + 1]);
            rest = &rest[i + 1..];
            continue;
        }
        out.push_str(before);
        let tail = &rest[i + " at 0x".len()..];
        let hex = tail.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(tail.len());
        rest = &tail[hex..];
    }
    out.push_str(rest);
    out
}

/// Names joined by commas, cut to fit a line.
fn cut_list(names: &[&str]) -> String {
    short(&names.join(", "))
}

/// `a`, `a and b`, `a, b and c`; past four, how many more.
fn listed<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match items.len() {
        0 => String::new(),
        1 => items[0].to_string(),
        n if n <= 4 => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
        n => format!("{} and {} more", items[..3].join(", "), n - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_left_out() {
        assert_eq!(without_addresses("<function f at 0x7f3a>"), "<function f>");
        assert_eq!(without_addresses("[<function a at 0x1>, <function b at 0xff>]"), "[<function a>, <function b>]");
        assert_eq!(without_addresses("'seen at 0x1'"), "'seen at 0x1'");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(listed(&["a"]), "a");
        assert_eq!(listed(&["a", "b", "c"]), "a, b and c");
        assert_eq!(listed(&["a", "b", "c", "d", "e", "f"]), "a, b, c and 3 more");
    }
}
