//! The tree-walking interpreter. A frame is a vector of local slots and a vector of cells (its
//! own cell variables, then the free variables it received); every variable access is an index
//! into one of them, decided by the compiler. Only globals, builtins and attributes are
//! looked up by name.
//!
//! `Interp` is one type whose methods are spread over files by concern, each file one
//! `impl Interp` block, so that a reader finds statements, expressions and calls apart:
//! `exec` runs statements, `eval` expressions and operators, `call` builds functions and
//! binds and runs calls, `comprehension` runs comprehensions, generator expressions and the
//! iteration they drive, and `attrs` does attribute access. This file owns what they share:
//! the interpreter's state, frames, running a module, output, the checks every step makes
//! (Ctrl-C, step budget, timeout), warnings for unawaited coroutines, traceback entries, and
//! the errors for unbound names.

pub mod attrs;
mod class;
pub mod keys;
mod call;
mod comprehension;
mod eval;
mod exec;
mod generator;
pub mod step;

use crate::compile::code::*;
use crate::runtime::model::depth;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::typeobj::types;
use crate::runtime::model::value::*;
use crate::syntax::ast::Span;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Reads a line at a terminal after a prompt (`Interp::terminal_input`).
pub type TerminalInput = dyn FnMut(&str) -> std::io::Result<Option<String>>;

/// What a statement did besides finishing normally.
pub enum Flow {
    Normal,
    Return(Value),
    Break,
    Continue,
}

/// A running code object's variables. The slots live wherever the caller put them (on the
/// Rust stack for most calls), and a function without cell variables of its own reads its
/// closure in place: starting a frame copies nothing.
pub struct Frame<'a> {
    pub code: &'a Code,
    pub globals: &'a Rc<Dict>,
    pub locals: &'a mut [Option<Value>],
    pub cells: &'a [Rc<CellObj>],
    /// A class body's namespace, which its names live in and which becomes the class's
    /// `__dict__`; `None` for every other frame.
    pub namespace: Option<&'a Rc<Dict>>,
}

pub struct Interp {
    pub builtins: Rc<Dict>,
    pub modules: std::collections::HashMap<String, Value>,
    pub out: Box<dyn Write>,
    /// Raised when the interpreter must attend to something at its next check (every
    /// statement, loop iteration and call): Ctrl-C, a timeout, freed generators to close, or
    /// a stepper to call.
    pub interrupt: Arc<AtomicBool>,
    /// Set, with `interrupt`, by the Ctrl-C handler (`step::Interrupter`).
    ctrl_c: Arc<AtomicBool>,
    /// What `:step`, `--step` or the trace page do at each step; `None` when not stepping.
    stepper: Option<Box<dyn step::Stepper>>,
    /// Exceptions being handled by enclosing `except` blocks, innermost last.
    handling: Vec<PyErr>,
    /// Names interned once for lookups the interpreter itself makes.
    pub names: crate::runtime::modules::builtins::Names,
    /// The globals of the module being run.
    pub main_globals: Option<Rc<Dict>>,
    /// `--timeout`: the limit, and whether it has passed.
    timeout: Option<f64>,
    timed_out: Arc<AtomicBool>,
    steps_left: std::cell::Cell<u64>,
    /// `sys.argv`: the script (or `-c`) and its arguments, as the command line gave them.
    pub argv: Vec<String>,
    /// How `input(prompt)` reads a line when the driver has a terminal: `Ok(None)` at end of
    /// input, `Err` of kind `Interrupted` for Ctrl-C. Without it, a line of stdin is read.
    pub terminal_input: Option<Box<TerminalInput>>,
    /// The top-level statement running: its code and where it is. A coroutine freed unawaited
    /// is reported there unless an expression statement deeper in frees it.
    statement: Option<(Rc<str>, Rc<str>, Span)>,
    /// While a generator's frame runs: the yielder its `yield` suspends with. Null on the
    /// thread's own stack.
    gen_yielder: generator::Yielder,
    /// The lowest address the stack of the generator frame that yielded last holds while it
    /// waits (`Suspended::park`).
    yield_low: usize,
    /// Where on the thread's stack the calls a generator makes run (`generator.rs`).
    thread_stack: usize,
}

/// CPython's warning for coroutines freed unawaited while the statement at `span` of `file`
/// ran (`sys:1` when nothing was running, as at CPython's exit).
fn unawaited_warnings(names: &[Rc<PyStr>], at: Option<(&str, &str, Span)>) -> String {
    let (place, quoted) = match at {
        Some((file, source, span)) => {
            let (line, text) = crate::syntax::ast::line_at(source, span.start);
            // Like CPython's linecache, only a real file's line is quoted.
            let quoted = if file.starts_with('<') { String::new() } else { format!("  {}\n", text.trim()) };
            (format!("{file}:{line}"), quoted)
        }
        None => ("sys:1".to_string(), String::new()),
    };
    let mut text = String::new();
    for name in names {
        text.push_str(&format!("{place}: RuntimeWarning: coroutine '{}' was never awaited\n{quoted}", name.as_str()));
        text.push_str("RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
    }
    text
}

impl Interp {
    pub fn new(out: Box<dyn Write>) -> Interp {
        let mut interp = Interp {
            builtins: Rc::new(Dict::new()),
            modules: Default::default(),
            out,
            interrupt: Arc::new(AtomicBool::new(false)),
            ctrl_c: Arc::new(AtomicBool::new(false)),
            stepper: None,
            handling: Vec::new(),
            names: crate::runtime::modules::builtins::Names::new(),
            main_globals: None,
            timeout: None,
            timed_out: Arc::new(AtomicBool::new(false)),
            steps_left: std::cell::Cell::new(u64::MAX),
            argv: vec![String::new()],
            terminal_input: None,
            statement: None,
            gen_yielder: std::ptr::null(),
            yield_low: 0,
            thread_stack: 0,
        };
        crate::runtime::model::generator::set_attention_flag(interp.interrupt.clone());
        crate::runtime::modules::builtins::install(&mut interp);
        interp
    }

    /// The file of the program's code that is running (`<string>` for `-c`), as tracebacks
    /// name it; `None` between statements.
    pub fn current_file(&self) -> Option<Rc<str>> {
        self.statement.as_ref().map(|(file, _, _)| file.clone())
    }

    /// The globals of the running module (for `globals()` called indirectly).
    pub fn current_globals(&self) -> Rc<Dict> {
        self.main_globals.clone().unwrap_or_else(|| Rc::new(Dict::new()))
    }

    /// Runs module-level code in `globals`.
    pub fn run_module(&mut self, code: &Code, globals: &Rc<Dict>) -> PyResult<()> {
        self.main_globals = Some(globals.clone());
        // The module's own frame counts toward the recursion limit, as in CPython.
        let _guard = depth::enter("")?;
        let at = code.body.first().map_or(code.span, |s| s.span);
        self.statement = Some((code.file.clone(), code.source.clone(), at));
        let mut frame = Frame { code, globals, locals: &mut [], cells: &[], namespace: None };
        let r = self.exec_block(&mut frame, &code.body);
        self.handling.clear();
        self.warn_unawaited();
        self.statement = None;
        match r {
            Ok(_) => Ok(()),
            Err(e) => Err(self.traceback_entry(e, code)),
        }
    }

    /// Runs the code of a module cellar writes in Python (`modules/lib`) in its `globals`,
    /// during an import: the importer's globals and current statement are left as they were.
    pub fn run_library(&mut self, code: &Code, globals: &Rc<Dict>) -> PyResult<()> {
        let main = self.main_globals.replace(globals.clone());
        let statement = self.statement.take();
        let mut frame = Frame { code, globals, locals: &mut [], cells: &[], namespace: None };
        let r = self.exec_block(&mut frame, &code.body);
        self.main_globals = main;
        self.statement = statement;
        r.map(|_| ())
    }

    /// Writes what is buffered for stdout, and the warnings that were due before it.
    pub fn flush(&mut self) {
        self.warn_unawaited();
        let _ = self.out.flush();
    }

    /// Writes to stderr. Stdout is buffered, so it is flushed first: with both streams going
    /// to one place (`2>&1`, a terminal), the text lands in the order the program wrote it.
    /// Every write to stderr goes through here.
    pub fn write_err(&mut self, s: &str) {
        self.warn_unawaited();
        let _ = self.out.flush();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }

    /// CPython's `RuntimeWarning` for each coroutine freed without being awaited since the
    /// last time, reported at the top-level statement that was running.
    fn warn_unawaited(&mut self) {
        let names = crate::runtime::model::coroutine::take_unawaited();
        if names.is_empty() {
            return;
        }
        let at = self.statement.as_ref().map(|(file, source, span)| (&**file, &**source, *span));
        let text = unawaited_warnings(&names, at);
        let _ = self.out.flush();
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    /// The same, reported at the statement `span` of `code`.
    #[cold]
    fn warn_unawaited_at(&mut self, code: &Code, span: Span) {
        let names = crate::runtime::model::coroutine::take_unawaited();
        if names.is_empty() {
            return;
        }
        let text = unawaited_warnings(&names, Some((&code.file, &code.source, span)));
        let _ = self.out.flush();
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    pub fn write_out(&mut self, s: &str) -> PyResult<()> {
        self.warn_unawaited();
        if self.out.write_all(s.as_bytes()).is_err() {
            // A closed stdout (a pipe to `head`) ends output quietly, as CPython's does.
            self.interrupt.store(false, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Called on every loop iteration and call: Ctrl-C, `--timeout` and `--max-memory` take
    /// effect here, and freed generators are closed.
    #[inline]
    pub fn check_interrupt(&mut self) -> PyResult<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            self.attend()?;
        }
        self.count_step()
    }

    /// Counts a step against the budget, and checks the memory limit.
    #[inline]
    pub(super) fn count_step(&mut self) -> PyResult<()> {
        let steps = self.steps_left.get();
        if steps == 0 {
            return runtime_error("cellar stopped the program: its step budget ran out");
        }
        self.steps_left.set(steps - 1);
        Ok(crate::runtime::support::limits::check_memory()?)
    }

    /// Stops the program (a RuntimeError that stays raised) after `steps` loop iterations
    /// and calls: the fuzzers run arbitrary programs under such a budget.
    pub fn set_step_budget(&mut self, steps: u64) {
        self.steps_left.set(steps);
    }

    /// The interrupt flag is up: freed generators to close (`model::generator`), or a real
    /// interruption. A stepper keeps the flag up; its steps are taken by the callers that
    /// know where the program is (`step`).
    #[cold]
    pub(super) fn attend(&mut self) -> PyResult<()> {
        if crate::runtime::model::generator::any_freed() {
            self.close_freed();
        }
        if self.timed_out.load(Ordering::Relaxed) {
            self.interrupt.store(true, Ordering::Relaxed);
            return Err(self.interruption());
        }
        // Lowered before the Ctrl-C flag is read: a Ctrl-C between the two raises it again.
        self.interrupt.store(self.stepper.is_some(), Ordering::Relaxed);
        if self.ctrl_c.swap(false, Ordering::Relaxed) {
            return Err(self.interruption());
        }
        Ok(())
    }

    #[cold]
    fn interruption(&self) -> PyErr {
        if let Some(seconds) = self.timeout {
            if self.timed_out.load(Ordering::Relaxed) {
                // The flag stays set: a program that catches this is stopped again at its
                // next step.
                return PyErr::new(
                    &types().timeout_error,
                    format!(
                        "cellar stopped the program after {seconds} second{} (--timeout)",
                        if seconds == 1.0 { "" } else { "s" }
                    ),
                );
            }
        }
        PyErr::with_args(&types().keyboard_interrupt, Vec::new())
    }

    /// Stops the run with a TimeoutError once `seconds` have passed.
    pub fn set_timeout(&mut self, seconds: f64) {
        self.timeout = Some(seconds);
        let (interrupt, timed_out) = (self.interrupt.clone(), self.timed_out.clone());
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
            timed_out.store(true, Ordering::Relaxed);
            interrupt.store(true, Ordering::Relaxed);
        });
    }

    /// Turns the error's pending position in `code` into a traceback line.
    fn traceback_entry(&self, e: PyErr, code: &Code) -> PyErr {
        let span = e.0.pending_span.take().unwrap_or(code.span);
        let innermost = e.0.traceback.borrow().is_empty();
        e.0.traceback.borrow_mut().push(crate::runtime::model::exceptions::TraceEntry {
            file: code.file.clone(),
            source: code.source.clone(),
            func: code.name.as_str().into(),
            span,
            varnames: if innermost { code.varnames.clone() } else { Vec::new() },
        });
        e
    }

    fn unbound_local<T>(&self, name: &str) -> PyResult<T> {
        let e = PyErr::new(
            &types().unbound_local_error,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        );
        e.0.set_attr("name", Value::str(name));
        Err(e)
    }

    fn unbound_cell<T>(&self, name: &str, own: bool) -> PyResult<T> {
        if own {
            return self.unbound_local(name);
        }
        let e = PyErr::new(
            &types().name_error,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        );
        e.0.set_attr("name", Value::str(name));
        Err(e)
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        crate::runtime::types::repr::repr(self, v)
    }

    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            _ => crate::runtime::types::repr::str(self, v),
        }
    }
}

pub fn name_error_for<T>(name: &str) -> PyResult<T> {
    let e = PyErr::new(&types().name_error, format!("name '{name}' is not defined"));
    e.0.set_attr("name", Value::str(name));
    Err(e)
}
