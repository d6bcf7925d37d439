//! The interactive loop without a line editor: `cellar -i < lesson.txt`. Input is cut into
//! entries the way CPython's interactive mode cuts it, each entry is compiled and run in the
//! session, expression values are echoed, and errors are reported without ending the session.

use crate::compile::Mode;
use crate::session::{Failure, Session};
use crate::syntax::ast::StmtKind;
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

/// Decides, as CPython's interactive mode does, whether `text` (lines so far, each ending in
/// a newline) is a complete entry. A compound statement ends only at a blank line.
pub fn classify(text: &str) -> Entry {
    if text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    }) {
        return Entry::Empty;
    }
    let ended_by_blank = text.ends_with("\n\n") || text.lines().last().is_some_and(|l| l.trim().is_empty());
    match crate::syntax::parse_module_here(text) {
        Err(e) if (e.incomplete || block_missing_at_end(text, &e)) && !ended_by_blank => Entry::NeedMore,
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

/// Runs every entry read from `input`. Prompts, when asked for, go to stderr as CPython's do.
pub fn run_lines(session: &mut Session, input: impl BufRead, prompts: bool, color: bool) {
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
        match classify(&pending) {
            Entry::Empty => pending.clear(),
            Entry::NeedMore => {}
            Entry::Complete => {
                run_entry(session, &pending, color);
                pending.clear();
            }
        }
        prompt(&pending);
    }
    if classify(&pending) != Entry::Empty {
        run_entry(session, &pending, color);
    }
    if prompts {
        eprintln!();
    }
}

fn run_entry(session: &mut Session, text: &str, color: bool) {
    if let Err(failure) = session.run(text, "<stdin>", Mode::Interactive) {
        report(session, &failure, color);
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
        assert_eq!(classify("x = 1\n"), Entry::Complete);
        assert_eq!(classify("# just a comment\n"), Entry::Empty);
        assert_eq!(classify("def f():\n"), Entry::NeedMore);
        assert_eq!(classify("def f():\n    return 1\n"), Entry::NeedMore);
        assert_eq!(classify("def f():\n    return 1\n\n"), Entry::Complete);
        assert_eq!(classify("print((1,\n"), Entry::NeedMore);
        assert_eq!(classify("print((1,\n2))\n"), Entry::Complete);
        assert_eq!(classify("1 +\n"), Entry::Complete);
        assert_eq!(classify("def g():\n    c = 0\n    def inc():\n"), Entry::NeedMore);
        assert_eq!(classify("try:\n    int('x')\n"), Entry::NeedMore);
    }
}
