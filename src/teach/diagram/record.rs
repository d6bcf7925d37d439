//! Recording a run for the trace page: a `Stepper` that draws the diagram (globals, then
//! each running call) at every step, and a copy of stdout for the page's output pane. The
//! program runs as it would without the page: its output still goes to stdout as written.

use super::page::{StepInfo, Trace, MAX_OUTPUT};
use super::{Diagram, FrameRoots};
use crate::runtime::interp::step::{Step, StepControl, StepKind, Stepper};
use crate::runtime::interp::Interp;
use crate::runtime::model::trace::{self, Var};
use crate::runtime::model::value::Value;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// A run being recorded. `start` before the program runs, `finish` after it ended (also when
/// it raised) gives the page.
pub struct Recording {
    trace: Rc<RefCell<Trace>>,
    output: Rc<RefCell<Output>>,
}

/// What the program wrote to stdout: the first `MAX_OUTPUT` bytes and one more (so that the
/// page can tell it was cut), and how many bytes there were in all.
#[derive(Default)]
struct Output {
    kept: Vec<u8>,
    written: usize,
}

/// Stdout as the program has it, copying what it writes for the page.
struct Tee {
    inner: Box<dyn Write>,
    output: Rc<RefCell<Output>>,
}

impl Write for Tee {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        let mut out = self.output.borrow_mut();
        let room = (MAX_OUTPUT + 1).saturating_sub(out.kept.len());
        out.kept.extend_from_slice(&buf[..n.min(room)]);
        out.written += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

struct PageStepper {
    /// The source the page shows: steps in other code (a string given to `exec`) have lines
    /// of their own, which the page could not point at.
    file: Rc<str>,
    trace: Rc<RefCell<Trace>>,
    output: Rc<RefCell<Output>>,
}

impl Stepper for PageStepper {
    fn step(&mut self, interp: &mut Interp, step: &Step) -> StepControl {
        // Nothing reads the trace's events: the diagram shows their outcome. Dropped here,
        // outside the recorder, as a value they held may run code when freed.
        drop(trace::take());
        if *step.at.file != *self.file {
            return StepControl::Next;
        }
        let globals = interp.main_globals.as_deref().map_or_else(Vec::new, super::variables);
        let mut frames = vec![FrameRoots { title: "globals".into(), rows: globals }];
        for f in trace::running_frames() {
            let rows = f
                .vars
                .into_iter()
                .map(|(name, var)| {
                    let v = match var {
                        Var::Value(v) => v,
                        Var::Cell(c) => Value::Cell(c),
                    };
                    (name.to_string(), v)
                })
                .collect();
            frames.push(FrameRoots { title: f.name.to_string(), rows });
        }
        let diagram = Diagram::of_frames(interp, frames);
        let kind = match step.kind {
            StepKind::Line => "line",
            StepKind::Call => "call",
            StepKind::Return(_) => "return",
            StepKind::Raise(_) => "exception",
        };
        let info = StepInfo {
            kind,
            line: step.at.number,
            function: step.function.as_ref().map_or_else(|| "<module>".to_string(), |f| f.to_string()),
            output_len: self.output.borrow().written,
        };
        // Past the limit the program runs on without stepping, at full speed.
        if self.trace.borrow_mut().push(info, &diagram) {
            StepControl::Next
        } else {
            StepControl::Finish
        }
    }
}

impl Recording {
    /// Starts recording the program `source` from `file`, keeping at most `limit` steps.
    pub fn start(interp: &mut Interp, file: &str, source: &str, limit: usize) -> Recording {
        let output = Rc::new(RefCell::new(Output::default()));
        let inner = std::mem::replace(&mut interp.out, Box::new(std::io::sink()));
        interp.out = Box::new(Tee { inner, output: output.clone() });
        let trace = Rc::new(RefCell::new(Trace::new(file, source, limit)));
        interp.set_stepper(Some(Box::new(PageStepper { file: file.into(), trace: trace.clone(), output: output.clone() })));
        Recording { trace, output }
    }

    /// Stops recording and gives the page. Its last step is the program's end, with what
    /// the globals hold then and everything it printed, unless the limit was reached.
    pub fn finish(self, interp: &mut Interp) -> String {
        interp.set_stepper(None);
        drop(trace::take());
        let mut trace = self.trace.borrow_mut();
        let output = self.output.borrow();
        if !trace.is_truncated() {
            let globals = interp.main_globals.as_deref().map_or_else(Vec::new, super::variables);
            let diagram = Diagram::of_frames(interp, vec![FrameRoots { title: "globals".into(), rows: globals }]);
            let end = StepInfo { kind: "end", line: 0, function: "<module>".into(), output_len: output.written };
            trace.push(end, &diagram);
        }
        trace.set_output(&String::from_utf8_lossy(&output.kept));
        trace.html()
    }
}
