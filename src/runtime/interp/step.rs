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

/// Code cellar runs for a library module (`modules/lib`): its file names start so.
const LIBRARY: &str = "<cellar>/";

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

    /// The frame `f` ends with `result`, which an abandoned step replaces.
    #[cold]
    #[inline(never)]
    pub(super) fn attend_return(&mut self, f: &Frame, result: PyResult<Value>) -> PyResult<Value> {
        if self.stepper.is_none() {
            return result;
        }
        let kind = match &result {
            Ok(v) => StepKind::Return(v.clone()),
            Err(e) => StepKind::Raise(e.clone()),
        };
        // The line is the one the frame reached last, noted by its last statement.
        self.step(f, f.code.span.start, kind)?;
        result
    }

    fn step(&mut self, f: &Frame, offset: u32, kind: StepKind) -> PyResult<()> {
        if f.code.file.starts_with(LIBRARY) {
            return Ok(());
        }
        let Some(mut stepper) = self.stepper.take() else { return Ok(()) };
        if !matches!(kind, StepKind::Return(_) | StepKind::Raise(_)) {
            trace::note_line(f.code, f.locals, f.cells, f.namespace, offset);
        }
        let at = trace::current_line().unwrap_or_else(|| trace::Line {
            file: f.code.file.clone(),
            source: f.code.source.clone(),
            number: crate::syntax::ast::line_at(&f.code.source, offset).0,
        });
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
