//! The `:` commands of the teaching REPL.

use crate::teach::path::Unanswered;
use crate::compile::Mode;
use crate::teach::step::TextStepper;
use crate::teach::{cells, diagram, scope};
use super::{report, Control, Ran, Repl};

/// Every command, one line each with an example: `:help` prints this, and completion offers
/// the names.
pub const COMMANDS: &[(&str, &str)] = &[
    (":cells", "every live cell: its id, variable, value and the functions that hold it"),
    (":cells EXPR", "the cells a function closes over, or those of every function in a list, tuple or dict, or of an object's or class's methods   :cells funcs"),
    (":cells F.INNER", "the cells a function defined inside F has, or would get when F makes it   :cells outer.inner"),
    (":scope EXPR", "why each name of a function (or a class's body) is local, cell, free, global or builtin   :scope inc"),
    (":scope F.INNER", "the same for a function or class defined inside F, before F has made it   :scope outer.inner"),
    (":env", "the session's variables and their values"),
    (":draw", "a diagram of the frame, functions, cells and objects, as SVG in cellar-diagram.svg"),
    (":draw EXPR", "the diagram of only what a value reaches   :draw funcs"),
    (":draw FILE.svg", "the diagram written to that file, also after EXPR   :draw funcs late.svg (FILE.json: the snapshot as JSON)"),
    (":step STATEMENT", "run a statement a step at a time: each line, call and return with the frames, their cells and what changed   :step make_funcs()"),
    (":watch on|off", "show (or stop showing) what changed among the cells after each statement"),
    (":load FILE", "run a script in this session   :load examples/02_late_binding.py"),
    (":reset", "forget every variable and start afresh"),
    (":help", "this list"),
    (":quit", "leave the REPL (Ctrl-D on an empty line does too)"),
];

/// Runs `text`, a line that starts with `:`.
pub fn run(repl: &mut Repl, text: &str) -> Control {
    let (name, arg) = match text.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (text, ""),
    };
    let Some(teacher) = &repl.teacher else { return Control::Continue };
    let style = teacher.style;
    let lines = match (name, arg) {
        (":cells", "") => cells::all(&mut repl.session, &style),
        (":cells", expr) => match cells::of(&mut repl.session, expr, &style) {
            Ok(lines) => lines,
            Err(why) => return unanswered(repl, ":cells", why),
        },
        (":scope", "") => return usage(repl, ":scope EXPR", "a function, such as :scope inc"),
        (":scope", expr) => match scope::explain(&mut repl.session, expr, &style) {
            Ok(lines) => lines,
            Err(why) => return unanswered(repl, ":scope", why),
        },
        (":env", "") => cells::env(&mut repl.session, &style),
        (":draw", arg) => match diagram::command(&mut repl.session, arg) {
            Ok(line) => vec![style.dim(&line)],
            Err(why) => {
                repl.session.interp.write_err(&format!(":draw: {why}\n"));
                return Control::Continue;
            }
        },
        (":watch", "on" | "off") => {
            let on = arg == "on";
            if let Some(t) = &mut repl.teacher {
                t.set_watching(&mut repl.session, on);
            }
            vec![style.dim(if on { "the cell watch is on" } else { "the cell watch is off" })]
        }
        (":watch", "") => {
            let on = repl.teacher.as_ref().is_some_and(|t| t.watching());
            vec![style.dim(if on { "the cell watch is on (:watch off stops it)" } else { "the cell watch is off (:watch on starts it)" })]
        }
        (":watch", _) => return usage(repl, ":watch on|off", "on or off"),
        (":step", "") => return usage(repl, ":step STATEMENT", "a statement to run a step at a time, such as :step make_funcs()"),
        (":step", statement) => return step(repl, statement),
        (":load", "") => return usage(repl, ":load FILE", "the path of a Python script"),
        (":load", path) => return load(repl, path),
        (":reset", "") => {
            repl.session.reset();
            if let Some(t) = &mut repl.teacher {
                t.baseline(&mut repl.session);
            }
            vec![style.dim("every variable is forgotten")]
        }
        (":help", _) => help(),
        (":quit" | ":exit" | ":q", "") => return Control::Exit(0),
        _ => {
            repl.session.interp.write_err(&format!("unknown command {text}: :help lists the commands\n"));
            return Control::Continue;
        }
    };
    repl.say(&lines);
    Control::Continue
}

/// A failure is reported as Python reports it; a name path that leads nowhere says where it
/// stopped.
fn unanswered(repl: &mut Repl, command: &str, why: Unanswered) -> Control {
    match why {
        Unanswered::Failed(failure) => report(&mut repl.session, &failure, repl.err_color),
        Unanswered::NotFound(message) => repl.session.interp.write_err(&format!("{command}: {message}\n")),
    }
    Control::Continue
}

fn usage(repl: &mut Repl, form: &str, what: &str) -> Control {
    repl.session.interp.write_err(&format!("usage: {form} ({what})\n"));
    Control::Continue
}

fn help() -> Vec<String> {
    let width = COMMANDS.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    COMMANDS.iter().map(|(c, what)| format!("{c:<width$}  {what}")).collect()
}

/// `:step STATEMENT`: runs the statement as if typed at the prompt, a step at a time
/// (`teach::step`); the watch follows as after any statement.
fn step(repl: &mut Repl, statement: &str) -> Control {
    let Some(teacher) = &repl.teacher else { return Control::Continue };
    let watching = teacher.watching();
    // With the watch on, the steps only look at the trace's events: the watch reports the
    // whole statement from them afterwards.
    let stepper = TextStepper::new(teacher.style, !watching);
    repl.session.interp.set_stepper(Some(Box::new(stepper)));
    let control = repl.entry(statement, Mode::Single);
    repl.session.interp.set_stepper(None);
    if !watching {
        crate::runtime::model::trace::set_on(false);
    }
    control
}

/// `:load FILE`: the script runs in the session's globals, with the watch after each of
/// its top-level statements. Its `exit()` leaves the session, as one typed at the prompt does.
fn load(repl: &mut Repl, path: &str) -> Control {
    let source = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                repl.session.interp.write_err(&format!(":load: {path} is not UTF-8 text\n"));
                return Control::Continue;
            }
        },
        Err(e) => {
            repl.session.interp.write_err(&format!(":load: cannot read {path}: {e}\n"));
            return Control::Continue;
        }
    };
    match repl.script(&source, path, true, true) {
        Ran::Exited(status) => Control::Exit(status),
        Ran::Completed | Ran::Raised => Control::Continue,
    }
}
