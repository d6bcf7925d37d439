//! The teaching views: what no Python REPL shows. The cell watch after each statement
//! (`watch`), every live cell and a function's closure (`cells`), and why each name of a
//! function lives where it does (`scope`), also for functions still only code inside another
//! (`path`), and the environment diagram of `:draw` (`diagram`). Holders are found by `walk`.
//!
//! Everything here only reads the session: no Python code runs on the learner's behalf
//! except reprs of values, so a session behaves the same with the views on or off.

pub mod cells;
pub mod diagram;
pub mod path;
pub mod scope;
pub mod step;
pub mod walk;
pub mod watch;

use crate::runtime::model::trace;
use crate::session::Session;
use std::io::Write;
use watch::Snapshot;

/// Colours for the teaching output, or none: they are used only on a terminal and never
/// when `NO_COLOR` is set, which the driver decides.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn added(&self, s: &str) -> String {
        self.paint("32", s)
    }
    pub fn changed(&self, s: &str) -> String {
        self.paint("33", s)
    }
    pub fn gone(&self, s: &str) -> String {
        self.paint("31", s)
    }
    pub fn id(&self, serial: u64) -> String {
        self.paint("36", &format!("#{serial}"))
    }
    pub fn value(&self, s: &str) -> String {
        self.paint("1", s)
    }
    pub fn heading(&self, s: &str) -> String {
        self.paint("1;34", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// Longest value shown in one line of teaching output; longer reprs are cut with `…`.
pub const SHORT: usize = 60;

/// A repr cut to fit a line.
pub fn short(repr: &str) -> String {
    short_sized(repr, None)
}

/// A repr cut to fit a line; a container that was cut says how many items it has.
pub fn short_sized(repr: &str, len: Option<usize>) -> String {
    if repr.chars().count() <= SHORT {
        return repr.to_string();
    }
    let cut: String = repr.chars().take(SHORT - 1).collect();
    match len {
        Some(n) => format!("{cut}… ({n} items)"),
        None => format!("{cut}…"),
    }
}

/// The teaching side of a session: whether the watch is on, and the cells as they were
/// after the last statement.
pub struct Teacher {
    pub style: Style,
    watching: bool,
    last: Snapshot,
}

impl Teacher {
    /// A teacher with the watch on, which starts the trace that records what the watch
    /// reports.
    pub fn new(style: Style) -> Teacher {
        trace::set_on(true);
        Teacher { style, watching: true, last: Snapshot::empty() }
    }

    pub fn watching(&self) -> bool {
        self.watching
    }

    /// Turns the watch (and the trace behind it) on or off. Turning it on starts from the
    /// cells as they are now, so that what happened while it was off is not reported as the
    /// next statement's doing.
    pub fn set_watching(&mut self, session: &mut Session, on: bool) {
        self.watching = on;
        trace::set_on(on);
        self.last = if on { Snapshot::take(session) } else { Snapshot::empty() };
    }

    /// Takes the cells as they are as the starting point (after a script, or `:reset`).
    pub fn baseline(&mut self, session: &mut Session) {
        if self.watching {
            trace::take();
            self.last = Snapshot::take(session);
        }
    }

    /// Prints what changed among the cells since the last statement, and which globals
    /// functions wrote. `line`, in a script, is the line of the statement that just ran, and
    /// starts each line of the watch.
    pub fn after(&mut self, session: &mut Session, line: Option<u32>) {
        if !self.watching {
            return;
        }
        let log = trace::take();
        let now = Snapshot::next(session, &self.last, &log);
        let mut lines = watch::diff(&self.last, &now, &log, &self.style);
        lines.extend(watch::global_lines(session, &log, &self.style));
        self.last = now;
        if let Some(n) = line {
            for l in &mut lines {
                *l = format!("  {} {}", self.style.dim(&format!("line {n}:")), l.trim_start());
            }
        }
        print_lines(session, &lines);
    }
}

/// Teaching output goes through the interpreter's own stdout buffer, so that it stays in
/// order with what the program printed.
pub fn print_lines(session: &mut Session, lines: &[String]) {
    print_lines_to(&mut *session.interp.out, lines);
}

pub fn print_lines_to(out: &mut dyn Write, lines: &[String]) {
    for l in lines {
        let _ = out.write_all(l.as_bytes());
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}

/// `a` or `an` before a type name.
fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}
