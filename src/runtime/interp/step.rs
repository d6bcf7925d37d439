//! Stepping: while a `Stepper` is set (`:step`, `--step`, the trace page), the interpreter
//! hands it control at each statement reached, each call and each return, in the program's
//! own code (the library cellar writes in Python is run through, not stepped into).
//!
//! Stepping costs nothing when off: it rides on the flag the interpreter already checks
//! between statements and at each call for Ctrl-C, which a stepper keeps raised. A Ctrl-C
//! meanwhile is told apart by its own flag (`Interrupter`).

use super::{Frame, Interp};
use crate::compile::code::{Stmt, StmtKind};
use crate::runtime::model::value::{PyErr, PyResult, PyStr, Value};
use crate::runtime::model::trace;
use crate::runtime::model::typeobj::types;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What brought the program to a step.
pub enum StepKind {
    /// A statement is about to run.
    Line,
    /// A function's frame starts, its arguments bound.
    Call,
    /// A function returns this value.
    Return(Value),
    /// A function's frame ends with this exception.
    Raise(PyErr),
}

/// Where the program is: the kind of step, and the line (of the frame on top) it is at.
pub struct Step {
    pub kind: StepKind,
    pub at: trace::Line,
    /// The function the frame on top runs; `None` at module level.
    pub function: Option<std::rc::Rc<PyStr>>,
    /// Frames running, the module-level one not counted.
    pub depth: usize,
}

/// What the program does after a step.
pub enum StepControl {
    /// Runs on to the next step.
    Next,
    /// Runs to the end without stopping again.
    Finish,
    /// Stops the program where it is, as Ctrl-C would.
    Abandon,
}

/// Receives the steps. It may run Python (reprs) on the interpreter it is given; the code it
/// runs is not stepped.
pub trait Stepper {
    fn step(&mut self, interp: &mut Interp, step: &Step) -> StepControl;
}

/// Interrupts the program from another thread (the Ctrl-C handler).
#[derive(Clone)]
pub struct Interrupter {
    attention: Arc<AtomicBool>,
    ctrl_c: Arc<AtomicBool>,
}

impl Interrupter {
    pub fn interrupt(&self) {
        self.ctrl_c.store(true, Ordering::Relaxed);
        self.attention.store(true, Ordering::Relaxed);
    }

    /// Forgets a Ctrl-C that came while nothing ran.
    pub fn forget(&self) {
        self.ctrl_c.store(false, Ordering::Relaxed);
    }
}

/// Code of a library module cellar writes in Python (`modules/lib`), which steps run
/// through rather than into.
pub fn is_library(code: &crate::compile::code::Code) -> bool {
    code.file.starts_with("<cellar>/")
}

impl Interp {
    pub fn interrupter(&self) -> Interrupter {
        Interrupter { attention: self.interrupt.clone(), ctrl_c: self.ctrl_c.clone() }
    }

    /// Starts stepping with `stepper` (from the next statement on), or stops.
    pub fn set_stepper(&mut self, stepper: Option<Box<dyn Stepper>>) {
        if stepper.is_some() && !trace::on() {
            trace::set_on(true);
        }
        self.stepper = stepper;
        self.interrupt.store(self.stepper.is_some(), Ordering::Relaxed);
    }

    #[inline]
    pub fn stepping(&self) -> bool {
        self.stepper.is_some()
    }

    /// The statement `s` of `f` is about to run.
    #[cold]
    #[inline(never)]
    pub(super) fn attend_statement(&mut self, f: &Frame, s: &Stmt) -> PyResult<()> {
        if matches!(s.kind, StmtKind::Declaration) {
            return self.attend();
        }
        self.attend_line(f, s.span.start)
    }

    /// A statement of `f`, at `offset`, is about to run (or a loop's header again).
    #[cold]
    #[inline(never)]
    pub(super) fn attend_line(&mut self, f: &Frame, offset: u32) -> PyResult<()> {
        self.attend()?;
        self.step(f, offset, StepKind::Line)
    }

    /// The frame `f` starts.
    #[cold]
    #[inline(never)]
    pub(super) fn attend_call(&mut self, f: &Frame) -> PyResult<()> {
        self.attend()?;
        self.step(f, f.code.span.start, StepKind::Call)
    }

    /// The frame `f` ends with `result`, which an abandoned step replaces. Called only
    /// while stepping.
    #[cold]
    #[inline(never)]
    pub(super) fn attend_return(&mut self, f: &Frame, result: PyResult<Value>) -> PyResult<Value> {
        let kind = match &result {
            Ok(v) => StepKind::Return(v.clone()),
            Err(e) => StepKind::Raise(e.clone()),
        };
        self.step(f, f.code.span.start, kind)?;
        result
    }

    fn step(&mut self, f: &Frame, offset: u32, kind: StepKind) -> PyResult<()> {
        if is_library(f.code) {
            return Ok(());
        }
        let Some(mut stepper) = self.stepper.take() else { return Ok(()) };
        let at = match kind {
            StepKind::Line | StepKind::Call => {
                trace::note_line(f.code, f.locals, f.cells, f.namespace, offset);
                trace::Line::of_code(f.code, offset)
            }
            // A frame ends on the line it reached last.
            StepKind::Return(_) | StepKind::Raise(_) => {
                trace::current_line().unwrap_or_else(|| trace::Line::of_code(f.code, offset))
            }
        };
        let function = (f.code.kind != crate::compile::code::CodeKind::Module).then(|| f.code.name.clone());
        let step = Step { kind, at, function, depth: trace::depth() };
        let control = stepper.step(self, &step);
        match control {
            StepControl::Next => self.set_stepper(Some(stepper)),
            StepControl::Finish => self.set_stepper(None),
            StepControl::Abandon => {
                self.set_stepper(None);
                return Err(PyErr::with_args(&types().keyboard_interrupt, Vec::new()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::model::trace::Var;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Notes each step as `kind line function [frame:var=value ...]`.
    struct Recorder(Rc<RefCell<Vec<String>>>);

    impl Stepper for Recorder {
        fn step(&mut self, interp: &mut Interp, step: &Step) -> StepControl {
            let kind = match &step.kind {
                StepKind::Line => "line".to_string(),
                StepKind::Call => "call".to_string(),
                StepKind::Return(v) => format!("return {}", repr(interp, v)),
                StepKind::Raise(_) => "raise".to_string(),
            };
            let mut text = format!("{kind} {} {}", step.at.number, step.function.as_ref().map_or("-", |f| f.as_str()));
            for frame in trace::running_frames() {
                for (name, var) in &frame.vars {
                    let value = match var {
                        Var::Value(v) => repr(interp, v),
                        Var::Cell(c) => format!("cell:{}", c.get().map_or("empty".into(), |v| repr(interp, &v))),
                    };
                    text.push_str(&format!(" {}:{}={value}", frame.name.as_str(), name.as_str()));
                }
            }
            self.0.borrow_mut().push(text);
            StepControl::Next
        }
    }

    fn repr(interp: &mut Interp, v: &Value) -> String {
        interp.repr(v).unwrap_or_else(|_| panic!("a repr"))
    }

    fn steps(source: &str) -> Vec<String> {
        let mut session = crate::session::Session::new(Box::new(std::io::sink()));
        let log = Rc::new(RefCell::new(Vec::new()));
        session.interp.set_stepper(Some(Box::new(Recorder(log.clone()))));
        session.run(source, "<test>", crate::compile::Mode::Exec).unwrap_or_else(|_| panic!("{source} runs"));
        session.interp.set_stepper(None);
        crate::runtime::model::trace::set_on(false);
        let steps = log.borrow().clone();
        steps
    }

    #[test]
    fn a_call_is_its_lines_between_a_call_and_a_return_with_its_variables() {
        let got = steps("def f(a):\n    b = a + 1\n    return b\n\nx = f(1)\n");
        assert_eq!(
            got,
            [
                "line 1 -",
                "line 5 -",
                "call 1 f f:a=1",
                "line 2 f f:a=1",
                "line 3 f f:a=1 f:b=2",
                "return 2 3 f f:a=1 f:b=2",
            ]
        );
    }

    #[test]
    fn a_loop_header_is_a_step_before_each_next_item_and_cells_show_their_contents() {
        let got = steps("def g():\n    for i in range(2):\n        h = lambda: i\n    return i\n\ng()\n");
        let heads: Vec<&str> = got.iter().map(|s| s.split(" g:").next().unwrap()).collect();
        assert_eq!(
            heads,
            ["line 1 -", "line 6 -", "call 1 g", "line 2 g", "line 3 g", "line 2 g", "line 3 g", "line 2 g", "line 4 g", "return 1 4 g"]
        );
        assert!(got[6].contains("g:i=cell:1"), "the cell holds the second item: {}", got[6]);
    }

    #[test]
    fn declarations_are_no_step_and_library_code_is_run_through() {
        let got = steps("import functools\ndef f():\n    global y\n    y = functools.reduce(lambda a, b: a + b, [1, 2])\n\nf()\n");
        let heads: Vec<String> = got.iter().map(|s| s.split(' ').take(3).collect::<Vec<_>>().join(" ")).collect();
        assert!(!heads.iter().any(|h| h == "line 3 f"), "global is no step: {heads:?}");
        assert!(heads.iter().any(|h| h == "call 4 <lambda>"), "the program's own lambda is stepped when the library calls it: {heads:?}");
        assert!(heads.iter().all(|h| !h.ends_with("reduce")), "{heads:?}");
    }

    #[test]
    fn stepping_is_no_interruption() {
        let mut session = crate::session::Session::new(Box::new(std::io::sink()));
        session.interp.set_stepper(Some(Box::new(Recorder(Rc::default()))));
        assert!(session.interp.check_interrupt().is_ok(), "the raised flag is the stepper's");
        session.interp.interrupter().interrupt();
        assert!(session.interp.check_interrupt().is_err(), "a Ctrl-C is still one");
        assert!(session.interp.check_interrupt().is_ok(), "and only once");
        session.interp.set_stepper(None);
        crate::runtime::model::trace::set_on(false);
    }
}
