//! The interactive loop. Input is cut into entries the way CPython's interactive mode cuts
//! it; each entry is a `:` command or Python, compiled and run in the session with its
//! expression values echoed and the cell watch after it; errors never end the session.
//! `editor` reads from a terminal; `run_lines` reads piped input (`cellar -i < lesson.txt`).

mod commands;
pub mod editor;

use crate::compile::Mode;
use crate::session::{Failure, Session};
use crate::teach::Teacher;
use crate::syntax::ast::{Incomplete, StmtKind};
use std::io::{BufRead, Write};

/// What the reader should do with the lines gathered so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    /// Nothing to run (blank or comment-only input).
    Empty,
    /// More lines are needed: an open bracket or string, a block still being written.
    NeedMore,
    /// The entry is complete: run it.
    Complete,
}

/// Decides, as CPython's interactive reader does, whether `text` (lines so far, each ending
/// in a newline) is a complete entry, read in `mode` (`Single` or `Pasted`). A compound
/// statement ends only at an empty line; so does a statement still missing its block, but
/// an open bracket or string goes on through empty lines.
pub fn classify(text: &str, mode: Mode) -> Entry {
    if text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    }) {
        return Entry::Empty;
    }
    // The line editor starts each continuation line indented, so there a line of spaces
    // ends a block too; CPython's reader skips such a line.
    let ended_by_blank = match mode {
        Mode::Pasted => text.lines().last().is_some_and(|l| l.trim().is_empty()),
        _ => text.ends_with("\n\n"),
    };
    match mode.parse(text) {
        Err(e) if e.incomplete == Incomplete::Token => Entry::NeedMore,
        Err(e) if (e.incomplete == Incomplete::Statement || block_missing_at_end(text, &e)) && !ended_by_blank => {
            Entry::NeedMore
        }
        Err(_) => Entry::Complete,
        Ok(m) => {
            let compound = m.body.first().is_some_and(|s| {
                matches!(
                    s.kind,
                    StmtKind::If { .. }
                        | StmtKind::While { .. }
                        | StmtKind::For { .. }
                        | StmtKind::Try { .. }
                        | StmtKind::With { .. }
                        | StmtKind::FunctionDef(_)
                        | StmtKind::ClassDef(_)
                )
            });
            if compound && !ended_by_blank {
                Entry::NeedMore
            } else {
                Entry::Complete
            }
        }
    }
}

/// An error that only says the input stopped early: a block header on the last line with
/// its body still to come (`def inc():` inside a `def` being typed), or a `try:` still
/// waiting for its `except`.
fn block_missing_at_end(text: &str, e: &crate::syntax::ast::SyntaxError) -> bool {
    let last_line_start = text.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
    let opens_block = text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| {
        let l = l.split('#').next().unwrap_or("").trim_end();
        l.ends_with(':') || l.starts_with('@')
    });
    (e.msg.starts_with("expected an indented block") && e.span.start as usize >= last_line_start)
        || (opens_block && e.span.start as usize >= text.trim_end().len())
}

/// A session and its teaching side: what the line editor and piped input both drive.
pub struct Repl {
    pub session: Session,
    /// `None` with `--plain`: no teaching output, and a `:` line is Python (a SyntaxError),
    /// so that the session prints exactly what `python3 -i` prints.
    pub teacher: Option<Teacher>,
    /// Colour for errors on stderr.
    pub err_color: bool,
}

/// Whether the session goes on after an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    Quit,
}

impl Repl {
    pub fn new(session: Session, teacher: Option<Teacher>, err_color: bool) -> Repl {
        Repl { session, teacher, err_color }
    }

    /// Runs one complete entry read in `mode`: a `:` command, or Python whose expression
    /// values are echoed, followed by the cell watch.
    pub fn entry(&mut self, text: &str, mode: Mode) -> Control {
        if self.teacher.is_some() && is_command(text) {
            return commands::run(self, text.trim());
        }
        let r = self.session.run(text, "<stdin>", mode);
        if let Err(failure) = r {
            self.report(&failure);
        }
        if let Some(t) = &mut self.teacher {
            t.after(&mut self.session, text);
        }
        Control::Continue
    }

    /// Runs a script in the session (`cellar -i FILE`, `--watch`, `:load`). With `watch`,
    /// the cells are shown after each top-level statement. False when it raised (the error
    /// is reported).
    pub fn script(&mut self, source: &str, file: &str, watch: bool) -> bool {
        let Repl { session, teacher, .. } = self;
        let r = match teacher.as_mut().filter(|t| watch && t.watching()) {
            Some(t) => session.run_watched(source, file, Mode::Exec, &mut |s, stmt| t.after(s, stmt)),
            None => session.run(source, file, Mode::Exec),
        };
        let Err(failure) = r else {
            self.baseline();
            return true;
        };
        self.report(&failure);
        if let (Some(t), true) = (&mut self.teacher, watch) {
            t.after(&mut self.session, "");
        }
        self.baseline();
        false
    }

    /// Reports an error, and with the teaching views on, what to learn from it.
    fn report(&mut self, failure: &Failure) {
        report(&mut self.session, failure, self.err_color);
        if let (Some(_), Failure::Exception(e)) = (&self.teacher, failure) {
            if let Some(hint) = crate::teach::scope::unbound_local_hint(e) {
                eprintln!("{hint}");
            }
        }
    }

    fn baseline(&mut self) {
        if let Some(t) = &mut self.teacher {
            t.baseline(&mut self.session);
        }
    }

    /// Prints teaching output.
    pub fn say(&mut self, lines: &[String]) {
        crate::teach::print_lines(&mut self.session, lines);
    }
}

/// A `:` command rather than Python (which never starts a statement with a colon).
pub fn is_command(text: &str) -> bool {
    text.trim_start().starts_with(':')
}

/// Runs every entry read from `input` (`cellar -i < lesson.txt`), cut into entries exactly
/// as `python3 -i` cuts them. Prompts, when asked for, go to stderr as CPython's do.
pub fn run_lines(repl: &mut Repl, input: impl BufRead, prompts: bool) {
    let mut pending = String::new();
    let prompt = |pending: &str| {
        if prompts {
            eprint!("{}", if pending.is_empty() { ">>> " } else { "... " });
            let _ = std::io::stderr().flush();
        }
    };
    prompt(&pending);
    for line in input.lines() {
        let Ok(line) = line else { break };
        pending.push_str(&line);
        pending.push('\n');
        let command = repl.teacher.is_some() && is_command(&pending);
        let kind = if command { Entry::Complete } else { classify(&pending, Mode::Single) };
        match kind {
            Entry::Empty => pending.clear(),
            Entry::NeedMore => {}
            Entry::Complete => {
                let control = repl.entry(&pending, Mode::Single);
                pending.clear();
                if control == Control::Quit {
                    return;
                }
            }
        }
        prompt(&pending);
    }
    if classify(&pending, Mode::Single) != Entry::Empty {
        repl.entry(&pending, Mode::Single);
    }
    if prompts {
        eprintln!();
    }
}

pub fn report(session: &mut Session, failure: &Failure, color: bool) {
    session.interp.flush();
    let text = session.render(failure, color);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_end_as_in_cpython() {
        let single = |text| classify(text, Mode::Single);
        assert_eq!(single("x = 1\n"), Entry::Complete);
        assert_eq!(single("# just a comment\n"), Entry::Empty);
        assert_eq!(single("def f():\n"), Entry::NeedMore);
        assert_eq!(single("def f():\n    return 1\n"), Entry::NeedMore);
        assert_eq!(single("def f():\n    return 1\n\n"), Entry::Complete);
        assert_eq!(single("print((1,\n"), Entry::NeedMore);
        assert_eq!(single("print((1,\n\n"), Entry::NeedMore);
        assert_eq!(single("x = \"\"\"a\n\n"), Entry::NeedMore);
        assert_eq!(single("print((1,\n2))\n"), Entry::Complete);
        assert_eq!(single("1 +\n"), Entry::Complete);
        assert_eq!(single("def g():\n    c = 0\n    def inc():\n"), Entry::NeedMore);
        assert_eq!(single("try:\n    int('x')\n"), Entry::NeedMore);
        assert_eq!(single("@decorate\n"), Entry::NeedMore);
        assert_eq!(single("@decorate\ndef f():\n    pass\n"), Entry::NeedMore);
        assert_eq!(single("if x:\n    1\nelse:\n"), Entry::NeedMore);
        // CPython skips a line of spaces; only an empty one ends the block.
        assert_eq!(single("if x:\n    1\n    \n"), Entry::NeedMore);
        // The parser fails on the ':' before it needs the closing bracket.
        assert_eq!(single("def g(:\n"), Entry::Complete);
        // A line at the margin after a block is an error in the block's entry, even when
        // it opens a bracket.
        assert_eq!(single("for k in x:\n    k\nprint(k)\n"), Entry::Complete);
        assert_eq!(single("for k in x:\n    k\nprint((k,\n"), Entry::Complete);
        assert_eq!(single("if x: 1\ny = 2\n"), Entry::Complete);
    }

    #[test]
    fn the_line_editor_lets_a_line_of_spaces_end_a_block_and_runs_a_pasted_block_whole() {
        let pasted = |text| classify(text, Mode::Pasted);
        assert_eq!(pasted("if x:\n    1\n    \n"), Entry::Complete);
        assert_eq!(pasted("for k in x:\n    k\nprint(k)\n"), Entry::NeedMore);
        assert_eq!(pasted("for k in x:\n    k\nprint(k)\n\n"), Entry::Complete);
    }
}
