//! The tree-walking interpreter. A frame is a vector of local slots and a vector of cells (its
//! own cell variables, then the free variables it received); every variable access is an index
//! into one of them, decided by the compiler. Only globals, builtins and attributes are
//! looked up by name.

pub mod attrs;

use arrayvec::ArrayVec;
use crate::compile::code::*;
use crate::runtime::model::depth;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::model::value::*;
use crate::runtime::types::ops;
use crate::syntax::ast::{BinOp, CmpOp, Span, UnaryOp};
use std::borrow::Cow;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Keyword arguments of a call, in the order written.
type KwArgs = Vec<(Rc<PyStr>, Value)>;

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
}

pub struct Interp {
    pub builtins: Rc<Dict>,
    pub modules: std::collections::HashMap<String, Value>,
    pub out: Box<dyn Write>,
    /// Set by the Ctrl-C handler; checked on every loop iteration and call.
    pub interrupt: Arc<AtomicBool>,
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
            handling: Vec::new(),
            names: crate::runtime::modules::builtins::Names::new(),
            main_globals: None,
            timeout: None,
            timed_out: Arc::new(AtomicBool::new(false)),
            steps_left: std::cell::Cell::new(u64::MAX),
            argv: vec![String::new()],
            terminal_input: None,
            statement: None,
        };
        crate::runtime::modules::builtins::install(&mut interp);
        interp
    }

    /// The file of the program's code that is running (`<string>` for `-c`), as tracebacks
    /// name it; `None` between statements.
    pub fn current_file(&self) -> Option<Rc<str>> {
        self.statement.as_ref().map(|(file, _, _)| file.clone())
    }

    /// Runs module-level code in `globals`.
    pub fn run_module(&mut self, code: &Code, globals: &Rc<Dict>) -> PyResult<()> {
        self.main_globals = Some(globals.clone());
        // The module's own frame counts toward the recursion limit, as in CPython.
        let _guard = depth::enter("")?;
        let at = code.body.first().map_or(code.span, |s| s.span);
        self.statement = Some((code.file.clone(), code.source.clone(), at));
        let mut frame = Frame { code, globals, locals: &mut [], cells: &[] };
        let r = self.exec_block(&mut frame, &code.body);
        self.handling.clear();
        self.warn_unawaited();
        self.statement = None;
        match r {
            Ok(_) => Ok(()),
            Err(e) => Err(self.traceback_entry(e, code)),
        }
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
    /// effect here.
    #[inline]
    pub fn check_interrupt(&self) -> PyResult<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            return Err(self.interruption());
        }
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
        self.interrupt.store(false, Ordering::Relaxed);
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

    // ----- statements -----

    pub fn exec_block(&mut self, f: &mut Frame, body: &[Stmt]) -> PyResult<Flow> {
        for s in body {
            match self.exec(f, s) {
                Ok(Flow::Normal) => {}
                Ok(flow) => return Ok(flow),
                Err(e) => return Err(e.at(s.span)),
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(always)]
    fn exec(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(f, e)?;
                // `fetch()` without its `await` frees the coroutine here, and CPython's warning
                // names this line, in whichever function it is.
                if let Value::Native(_) = v {
                    drop(v);
                    self.warn_unawaited_at(f.code, s.span);
                }
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(f, value)?;
                if let [t] = &targets[..] {
                    self.assign(f, t, v)?;
                } else {
                    for t in targets {
                        self.assign(f, t, v.clone())?;
                    }
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(f, target, *op, value)?,
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval_operand(f, e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Pass => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::If(test, body, orelse) => {
                return if self.eval_truth(f, test)? { self.exec_block(f, body) } else { self.exec_block(f, orelse) };
            }
            StmtKind::While(test, body, orelse) => return self.while_loop(f, test, body, orelse),
            StmtKind::For { target, iter, body, orelse } => {
                let it = self.eval(f, iter)?;
                if let Some(flow) = self.for_loop(f, target, it, body)? {
                    return Ok(flow);
                }
                return self.exec_block(f, orelse);
            }
            StmtKind::Comp(body) => return self.run_comprehension(f, body).map(Flow::Return),
            _ => return self.exec_cold(f, s),
        }
        Ok(Flow::Normal)
    }

    /// The statements that are rarer in loops and calls, kept out of `exec` so that its frame
    /// stays small.
    #[inline(never)]
    fn exec_cold(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<Flow> {
        match &s.kind {
            StmtKind::Echo(e) => {
                let v = self.eval(f, e)?;
                self.echo(v)?;
            }
            StmtKind::Annotated { name, annotation, value } => {
                let ann = self.eval(f, annotation)?;
                if let Some((t, v)) = value {
                    let v = self.eval(f, v)?;
                    self.assign(f, t, v)?;
                }
                let key = self.names.annotations.clone();
                let anns = match f.globals.get_name(&key) {
                    Some(Value::Dict(d)) => d,
                    _ => {
                        let d = Rc::new(Dict::new());
                        f.globals.set_name(&key, Value::Dict(d.clone()));
                        d
                    }
                };
                anns.set_name(name, ann);
            }
            StmtKind::Def { func, target } => {
                let v = self.make_function(f, func)?;
                let v = self.decorate(f, func, v)?;
                self.assign(f, target, v)?;
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(f, t)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                return self.exec_try(f, body, handlers, orelse, finalbody);
            }
            StmtKind::Raise(exc, cause) => return Err(self.raise(f, exc.as_ref(), cause.as_ref())?),
            StmtKind::Assert(test, msg) => {
                let t = self.eval(f, test)?;
                if !self.truthy(&t)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(f, m)?],
                        None => Vec::new(),
                    };
                    return Err(PyErr::with_args(&types().assertion_error, args));
                }
            }
            StmtKind::Import { module, target, bind_top } => {
                let m = crate::runtime::modules::import(self, module)?;
                let v = if *bind_top {
                    let top = module.split('.').next().unwrap_or(module);
                    crate::runtime::modules::import(self, top)?
                } else {
                    m
                };
                self.assign(f, target, v)?;
            }
            StmtKind::ImportFrom { module, names } => {
                let m = crate::runtime::modules::import(self, module)?;
                for (name, target) in names {
                    let v = crate::runtime::modules::import_name(self, &m, module, name)?;
                    self.assign(f, target, v)?;
                }
            }
            StmtKind::Unsupported(what) => return unsupported(what),
            _ => unreachable!("exec handles the hot statements"),
        }
        Ok(Flow::Normal)
    }

    fn echo(&mut self, v: Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        let text = self.repr(&v)?;
        self.write_out(&text)?;
        self.write_out("\n")?;
        let underscore = self.names.underscore.clone();
        self.builtins.set_name(&underscore, v);
        Ok(())
    }

    /// Loops stay out of line: inlined, their state would enlarge the frame of `exec_block`,
    /// which every call and every `if` pays for.
    #[inline(never)]
    fn while_loop(&mut self, f: &mut Frame, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> PyResult<Flow> {
        loop {
            self.check_interrupt()?;
            if !self.eval_truth(f, test)? {
                break;
            }
            match self.exec_block(f, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(f, orelse)
    }

    /// Runs a `for` body over each item; `Some(flow)` when the loop was left by `break` or
    /// `return` (so `else` does not run).
    #[inline(never)]
    fn for_loop(&mut self, f: &mut Frame, target: &Target, it: Value, body: &[Stmt]) -> PyResult<Option<Flow>> {
        macro_rules! run_body {
            ($v:expr) => {{
                self.check_interrupt()?;
                self.assign(f, target, $v)?;
                match self.exec_block(f, body)? {
                    Flow::Break => return Ok(Some(Flow::Normal)),
                    Flow::Return(v) => return Ok(Some(Flow::Return(v))),
                    Flow::Normal | Flow::Continue => {}
                }
            }};
        }
        match &it {
            Value::Range(r) => {
                let (start, step, n) = (r.start, r.step, r.len());
                let last = start + (n - 1).max(0) * step;
                if let (Ok(mut i), Ok(step), Ok(_)) = (i64::try_from(start), i64::try_from(step), i64::try_from(last)) {
                    // Every item fits a machine int: no wide arithmetic per item.
                    for _ in 0..n {
                        run_body!(Value::Int(i));
                        i = i.wrapping_add(step);
                    }
                } else {
                    let mut i = start;
                    for _ in 0..n {
                        run_body!(Value::from_i128(i));
                        i += step;
                    }
                }
            }
            Value::List(l) => {
                let mut i = 0;
                while let Some(v) = l.get(i) {
                    run_body!(v);
                    i += 1;
                }
            }
            Value::Tuple(t) => {
                for v in t.items.iter() {
                    run_body!(v.clone());
                }
            }
            _ => {
                let iter = self.iter(&it)?;
                while let Some(v) = self.next(&iter)? {
                    run_body!(v);
                }
            }
        }
        Ok(None)
    }

    fn exec_try(
        &mut self,
        f: &mut Frame,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let mut result = match self.exec_block(f, body) {
            Ok(Flow::Normal) => self.exec_block(f, orelse),
            Err(e) if !handlers.is_empty() => self.handle(f, handlers, e),
            other => other,
        };
        if !finalbody.is_empty() {
            if let Err(e) = &result {
                self.handling.push(e.clone());
            }
            let fin = self.exec_block(f, finalbody);
            if result.is_err() {
                self.handling.pop();
            }
            match fin {
                Ok(Flow::Normal) => {}
                Ok(flow) => result = Ok(flow),
                Err(e2) => {
                    if let Err(e1) = &result {
                        set_context(&e2, e1);
                    }
                    result = Err(e2);
                }
            }
        }
        result
    }

    fn handle(&mut self, f: &mut Frame, handlers: &[Handler], e: PyErr) -> PyResult<Flow> {
        for h in handlers {
            let matches = match &h.typ {
                None => true,
                Some(t) => {
                    let t = self.eval(f, t).map_err(|err| err.at(h.span))?;
                    self.exception_matches(&e, &t)?
                }
            };
            if !matches {
                continue;
            }
            // The traceback of a caught exception belongs to the frames it passed through;
            // this frame's pending position is dropped.
            e.0.pending_span.set(None);
            if let Some(name) = &h.name {
                self.assign(f, name, e.value())?;
            }
            self.handling.push(e.clone());
            let r = self.exec_block(f, &h.body);
            self.handling.pop();
            if let Some(name) = &h.name {
                self.unbind(f, name);
            }
            if let Err(e2) = &r {
                set_context(e2, &e);
            }
            return r;
        }
        Err(e)
    }

    fn exception_matches(&mut self, e: &PyErr, t: &Value) -> PyResult<bool> {
        match t {
            Value::Type(ty) if ty.kind == crate::runtime::model::typeobj::TypeKind::Exception => Ok(e.0.is_instance(ty)),
            Value::Tuple(items) => {
                for item in items.items.iter() {
                    if self.exception_matches(e, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => type_error("catching classes that do not inherit from BaseException is not allowed"),
        }
    }

    fn raise(&mut self, f: &mut Frame, exc: Option<&Expr>, cause: Option<&Expr>) -> PyResult<PyErr> {
        let Some(exc) = exc else {
            return match self.handling.last() {
                Some(e) => Ok(e.clone()),
                None => runtime_error("No active exception to reraise"),
            };
        };
        let v = self.eval(f, exc)?;
        let e = self.make_exception(v)?;
        if let Some(c) = cause {
            let c = self.eval(f, c)?;
            let cause = match c {
                Value::None => None,
                other => Some(self.make_exception(other)?.value()),
            };
            *e.0.cause.borrow_mut() = cause;
            e.0.suppress_context.set(true);
        }
        if let Some(current) = self.handling.last() {
            set_context(&e, current);
        }
        Ok(e)
    }

    /// `raise X`: an instance, or a class called with no arguments.
    pub fn make_exception(&mut self, v: Value) -> PyResult<PyErr> {
        match v {
            Value::Exception(e) => Ok(PyErr(e)),
            Value::Type(t) if t.kind == crate::runtime::model::typeobj::TypeKind::Exception => {
                match self.call(&Value::Type(t), Vec::new(), Vec::new())? {
                    Value::Exception(e) => Ok(PyErr(e)),
                    _ => type_error("exceptions must derive from BaseException"),
                }
            }
            _ => type_error("exceptions must derive from BaseException"),
        }
    }

    /// Stores `v` in a target. A local, the target of most loops, is stored inline; the
    /// rest in `assign_other`.
    #[inline(always)]
    fn assign(&mut self, f: &mut Frame, t: &Target, v: Value) -> PyResult<()> {
        match t {
            Target::Local(s) => {
                f.locals[*s as usize] = Some(v);
                Ok(())
            }
            _ => self.assign_other(f, t, v),
        }
    }

    fn assign_other(&mut self, f: &mut Frame, t: &Target, v: Value) -> PyResult<()> {
        match t {
            Target::Local(s) => f.locals[*s as usize] = Some(v),
            Target::Cell(s) => f.cells[*s as usize].set(Some(v)),
            Target::Global(n, cache) => store_global(f.globals, n, cache, v),
            Target::Attr(obj, name) => {
                let o = self.eval(f, obj)?;
                crate::runtime::interp::attrs::setattr(self, &o, name, v)?;
            }
            Target::Subscript(obj, index) => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                crate::runtime::modules::builtins::setitem(self, &o, &i, v)?;
            }
            Target::Unpack { items, star, span } => {
                let values = self.unpack(v, items.len(), *star).map_err(|e| e.at(*span))?;
                for (t, v) in items.iter().zip(values) {
                    self.assign(f, t, v)?;
                }
            }
        }
        Ok(())
    }

    fn unbind(&mut self, f: &mut Frame, t: &Target) {
        match t {
            Target::Local(s) => f.locals[*s as usize] = None,
            Target::Cell(s) => f.cells[*s as usize].set(None),
            Target::Global(n, _) => {
                f.globals.remove_name(n);
            }
            _ => {}
        }
    }

    fn unpack(&mut self, v: Value, n: usize, star: Option<usize>) -> PyResult<Vec<Value>> {
        let items = match &v {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => {
                if !crate::runtime::model::iter::is_iterable(&v) {
                    return type_error(format!("cannot unpack non-iterable {} object", type_name(&v)));
                }
                self.collect(&v)?
            }
        };
        match star {
            None => {
                if items.len() < n {
                    return value_error(format!("not enough values to unpack (expected {n}, got {})", items.len()));
                }
                if items.len() > n {
                    return value_error(format!("too many values to unpack (expected {n})"));
                }
                Ok(items)
            }
            Some(s) => {
                let after = n - s - 1;
                if items.len() < n - 1 {
                    return value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n - 1,
                        items.len()
                    ));
                }
                let mut out = Vec::with_capacity(n);
                out.extend(items[..s].iter().cloned());
                out.push(Value::list(items[s..items.len() - after].to_vec()));
                out.extend(items[items.len() - after..].iter().cloned());
                Ok(out)
            }
        }
    }

    fn delete(&mut self, f: &mut Frame, t: &Target) -> PyResult<()> {
        match t {
            Target::Local(s) => {
                if f.locals[*s as usize].take().is_none() {
                    return self.unbound_local(f.code.varnames[*s as usize].as_str());
                }
            }
            Target::Cell(s) => {
                let cell = &f.cells[*s as usize];
                if cell.contents.borrow_mut().take().is_none() {
                    let (name, own) = f.code.cell_name(*s as usize);
                    return self.unbound_cell(name.as_str(), own);
                }
            }
            Target::Global(n, _) => {
                if f.globals.remove_name(n).is_none() {
                    return name_error_for(n.as_str());
                }
            }
            Target::Attr(obj, name) => {
                let o = self.eval(f, obj)?;
                crate::runtime::interp::attrs::delattr(self, &o, name)?;
            }
            Target::Subscript(obj, index) => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                crate::runtime::modules::builtins::delitem(self, &o, &i)?;
            }
            Target::Unpack { items, .. } => {
                for t in items {
                    self.delete(f, t)?;
                }
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, f: &mut Frame, target: &Target, op: BinOp, value: &Expr) -> PyResult<()> {
        match target {
            Target::Attr(obj, name) => {
                let o = self.eval(f, obj)?;
                let cur = crate::runtime::interp::attrs::getattr(self, &o, name)?;
                let rhs = self.eval(f, value)?;
                let v = self.inplace_op(op, cur, &rhs)?;
                crate::runtime::interp::attrs::setattr(self, &o, name, v)
            }
            Target::Subscript(obj, index) => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                let cur = crate::runtime::modules::builtins::getitem(self, &o, &i)?;
                let rhs = self.eval(f, value)?;
                let v = self.inplace_op(op, cur, &rhs)?;
                crate::runtime::modules::builtins::setitem(self, &o, &i, v)
            }
            Target::Local(s) => {
                let slot = *s as usize;
                // `i += 1`, `total += x`: small ints, and a right side that is read, not run.
                if let Some(&Value::Int(j)) = operand_ref(f, value) {
                    if let Some(Value::Int(i)) = &mut f.locals[slot] {
                        if let Some(r) = int_op(op, *i, j) {
                            *i = r;
                            return Ok(());
                        }
                    }
                }
                // The target is read before the right side runs, which may read it again
                // (`z -= z`) or rebind it (`z += (z := 5)` adds to the old value).
                // An int is copied and overwritten in place, without the general clone and
                // drop: `total += a + b` in a loop is the common case.
                let cur = match &f.locals[slot] {
                    Some(Value::Int(i)) => Value::Int(*i),
                    Some(v) => v.clone(),
                    None => return self.unbound_local(f.code.varnames[slot].as_str()),
                };
                let rhs = self.eval(f, value)?;
                if let (Value::Int(i), Value::Int(j)) = (&cur, &rhs) {
                    if let Some(r) = int_op(op, *i, *j) {
                        match &mut f.locals[slot] {
                            Some(Value::Int(held)) => *held = r,
                            other => *other = Some(Value::Int(r)),
                        }
                        return Ok(());
                    }
                }
                f.locals[slot] = Some(self.inplace_op(op, cur, &rhs)?);
                Ok(())
            }
            Target::Cell(_) | Target::Global(..) => {
                let cur = self.load_target(f, target)?;
                let rhs = self.eval(f, value)?;
                let v = self.inplace_op(op, cur, &rhs)?;
                self.assign(f, target, v)
            }
            Target::Unpack { .. } => type_error("illegal expression for augmented assignment"),
        }
    }

    fn load_target(&mut self, f: &mut Frame, t: &Target) -> PyResult<Value> {
        match t {
            Target::Cell(s) => self.load_cell(f, *s),
            Target::Global(n, cache) => {
                let (layout, _, pos, _) = cache.0.get();
                match f.globals.value_at(layout, pos as usize) {
                    Some(v) => Ok(v),
                    None => self.load_global(f, n),
                }
            }
            _ => unreachable!("only names are loaded as targets"),
        }
    }

    /// `a op= b`: lists, dicts and sets change in place; everything else rebinds.
    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: &Value) -> PyResult<Value> {
        match (&a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.collect(b)?;
                l.items.borrow_mut().extend(items);
                Ok(a)
            }
            (Value::List(l), BinOp::Mult) => {
                // The repetition is built, with its checks and errors, as for `lst * n`;
                // then it becomes the list's contents.
                if let Value::List(repeated) = ops::inplace_op(op, &a, b)? {
                    let items = std::mem::take(&mut *repeated.items.borrow_mut());
                    let old = std::mem::replace(&mut *l.items.borrow_mut(), items);
                    drop(old);
                }
                Ok(a)
            }
            (Value::Set(s), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) =>
            {
                crate::runtime::model::set::set_inplace(op, s, b)?;
                Ok(a)
            }
            (Value::Dict(d), BinOp::BitOr) => {
                crate::runtime::types::dict::dict_update_arg(self, d, b)?;
                Ok(a)
            }
            (Value::Str(format), BinOp::Mod) => crate::runtime::types::percent::format(self, format, b),
            _ => ops::inplace_op(op, &a, b).or_else(|e| self.view_operator(op, &a, b, e)),
        }
    }

    /// The operators of dict views (which build sets), tried, as CPython's reflected
    /// operators are, only when the builtin operators did not apply: `e` is their error,
    /// which stands when neither operand is a keys or items view. Numbers never get here.
    #[cold]
    fn view_operator(&mut self, op: BinOp, a: &Value, b: &Value, e: PyErr) -> PyResult<Value> {
        crate::runtime::types::dict::view_binop(self, op, a, b).unwrap_or(Err(e))
    }

    /// `a op b` for any operands: the operations that need the interpreter (printf-style
    /// formatting calls `str` and `repr`) are decided here, the rest in `ops`.
    #[inline]
    pub fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (BinOp::Mod, Value::Str(format)) = (op, a) {
            return crate::runtime::types::percent::format(self, format, b);
        }
        ops::binary_op(op, a, b).or_else(|e| self.view_operator(op, a, b, e))
    }

    // ----- expressions -----

    /// `eval` for operands: a bound local, a bound cell or a constant is read in place,
    /// without the cost of a call; they are most of the operands of arithmetic, comparisons
    /// and calls.
    #[inline(always)]
    fn eval_operand(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Local(s, _) => {
                if let Some(v) = &f.locals[*s as usize] {
                    return Ok(v.clone());
                }
            }
            Expr::Cell(s, _) => {
                if let Some(v) = &*f.cells[*s as usize].contents.borrow() {
                    return Ok(v.clone());
                }
            }
            Expr::Const(v) => return Ok(v.clone()),
            _ => {}
        }
        self.eval(f, e)
    }

    pub fn eval(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Local(s, _) => match &f.locals[*s as usize] {
                Some(v) => Ok(v.clone()),
                None => self.unbound_local(f.code.varnames[*s as usize].as_str()),
            },
            Expr::Cell(s, span) => self.load_cell(f, *s).map_err(|e| e.at(*span)),
            Expr::Global(n, span, cache) => self.eval_global(f, n, *span, cache),
            Expr::BinOp(a, op, b, span) => {
                if let (Some(x), Some(y)) = (operand_ref(f, a), operand_ref(f, b)) {
                    if let (Value::Int(i), Value::Int(j)) = (x, y) {
                        if let Some(r) = int_op(*op, *i, *j) {
                            return Ok(Value::Int(r));
                        }
                    }
                    return self.binary_op(*op, x, y).map_err(|e| e.at(*span));
                }
                let x = self.eval_operand(f, a)?;
                let y = self.eval_operand(f, b)?;
                if let (Value::Int(i), Value::Int(j)) = (&x, &y) {
                    if let Some(r) = int_op(*op, *i, *j) {
                        return Ok(Value::Int(r));
                    }
                }
                self.binary_op(*op, &x, &y).map_err(|e| e.at(*span))
            }
            Expr::And(a, b) => {
                let v = self.eval(f, a)?;
                if self.truthy(&v)? {
                    self.eval(f, b)
                } else {
                    Ok(v)
                }
            }
            Expr::Or(a, b) => {
                let v = self.eval(f, a)?;
                if self.truthy(&v)? {
                    Ok(v)
                } else {
                    self.eval(f, b)
                }
            }
            Expr::Compare(first, rest, span) if rest.len() == 1 => {
                if let (Some(left), Some(right)) = (operand_ref(f, first), operand_ref(f, &rest[0].1)) {
                    return self.compare(rest[0].0, left, right).map(Value::Bool).map_err(|e| e.at(*span));
                }
                let left = self.eval_operand(f, first)?;
                let right = self.eval_operand(f, &rest[0].1)?;
                self.compare(rest[0].0, &left, &right).map(Value::Bool).map_err(|e| e.at(*span))
            }
            Expr::Call(call) => self.eval_call(f, call),
            Expr::CallMethod(obj, name, call, cache) => {
                let o = self.eval_operand(f, obj)?;
                self.eval_method_call(f, o, name, call, cache).map_err(|e| e.at(call.span))
            }
            Expr::Attr(obj, name, span) => {
                let o = self.eval_operand(f, obj)?;
                crate::runtime::interp::attrs::getattr(self, &o, name).map_err(|e| e.at(*span))
            }
            Expr::Subscript(obj, index, span) => {
                let o = self.eval_operand(f, obj)?;
                let i = self.eval_operand(f, index)?;
                crate::runtime::modules::builtins::getitem(self, &o, &i).map_err(|e| e.at(*span))
            }
            _ => self.eval_cold(f, e),
        }
    }

    /// The expressions that are rarer on hot paths; kept out of `eval` so that its frame stays
    /// small for the common ones.
    #[inline(never)]
    fn eval_cold(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Unary(op, a, span) => {
                let v = self.eval(f, a)?;
                match op {
                    UnaryOp::Not => Ok(Value::Bool(!self.truthy(&v)?)),
                    UnaryOp::Neg => ops::unary_neg(&v),
                    UnaryOp::Pos => ops::unary_pos(&v),
                    UnaryOp::Invert => ops::unary_invert(&v),
                }
                .map_err(|e| e.at(*span))
            }
            Expr::Compare(first, rest, span) => {
                let mut left = self.eval(f, first)?;
                for (i, (op, right)) in rest.iter().enumerate() {
                    let r = self.eval(f, right)?;
                    let ok = self.compare(*op, &left, &r).map_err(|e| e.at(*span))?;
                    if !ok {
                        return Ok(Value::Bool(false));
                    }
                    if i + 1 < rest.len() {
                        left = r;
                    }
                }
                Ok(Value::Bool(true))
            }
            Expr::Slice(a, b, c) => {
                let mut part = |p: &Option<Box<Expr>>| -> PyResult<Value> {
                    match p {
                        Some(x) => self.eval(f, x),
                        None => Ok(Value::None),
                    }
                };
                let (a, b, c) = (part(a)?, part(b)?, part(c)?);
                Ok(crate::runtime::modules::builtins::make_slice(a, b, c))
            }
            Expr::Tuple(items) => Ok(Value::tuple(self.eval_elts(f, items)?)),
            Expr::List(items) => Ok(Value::list(self.eval_elts(f, items)?)),
            Expr::Set(items) => {
                let values = self.eval_elts(f, items)?;
                crate::runtime::model::set::new_set(values, false)
            }
            Expr::Dict(pairs) => {
                let d = Dict::new();
                for (k, v) in pairs {
                    match k {
                        Some(k) => {
                            let key = self.eval(f, k)?;
                            let val = self.eval(f, v)?;
                            d.set(key, val)?;
                        }
                        None => {
                            let m = self.eval(f, v)?;
                            let d = &d;
                            match &m {
                                Value::Dict(src) => {
                                    for (k, v) in src.items() {
                                        d.set(k, v)?;
                                    }
                                }
                                _ => {
                                    return type_error(format!(
                                        "'{}' object is not a mapping",
                                        type_name(&m)
                                    ))
                                }
                            }
                        }
                    }
                }
                Ok(Value::Dict(crate::runtime::model::gc::new(d)))
            }
            Expr::IfExp(test, a, b) => {
                if self.eval_truth(f, test)? {
                    self.eval(f, a)
                } else {
                    self.eval(f, b)
                }
            }
            Expr::Lambda(def) => self.make_function(f, def),
            Expr::Comprehension(def, first, span) => {
                let it = self.eval(f, first)?;
                let it = self.iter(&it).map_err(|e| e.at(*span))?;
                self.comprehension(f, def, it).map_err(|e| e.at(*span))
            }
            Expr::Walrus(target, value) => {
                let v = self.eval(f, value)?;
                self.assign(f, target, v.clone())?;
                Ok(v)
            }
            Expr::FString(parts) => Ok(Value::string(self.fstring(f, parts)?)),
            Expr::Await(inner, span) => {
                let v = self.eval(f, inner)?;
                crate::runtime::model::coroutine::await_value(self, v).map_err(|e| e.at(*span))
            }
            Expr::FrameQuery(q, call) => {
                let func = self.eval(f, &call.func)?;
                let is_builtin = matches!(&func, Value::Builtin(b) if b.owner.is_none() && b.bound.is_none()
                    && b.name == match q { FrameQuery::Locals => "locals", FrameQuery::Dir => "dir", FrameQuery::Vars => "vars" });
                if !is_builtin {
                    return self.call(&func, Vec::new(), Vec::new()).map_err(|e| e.at(call.span));
                }
                let names = self.frame_locals(f);
                Ok(match q {
                    FrameQuery::Dir => {
                        let mut keys: Vec<String> = names.keys().iter().filter_map(|k| match k {
                            Value::Str(s) => Some(s.as_str().to_string()),
                            _ => None,
                        }).collect();
                        keys.sort();
                        Value::list(keys.into_iter().map(Value::string).collect())
                    }
                    _ => Value::Dict(names),
                })
            }
            Expr::Unsupported(what, span) => unsupported::<Value>(what).map_err(|e| e.at(*span)),
            _ => unreachable!("eval handles the hot expressions"),
        }
    }

    /// A condition's truth, without making a `bool` value for the common comparisons.
    fn eval_truth(&mut self, f: &mut Frame, e: &Expr) -> PyResult<bool> {
        match e {
            Expr::Compare(first, rest, span) if rest.len() == 1 => {
                if let (Some(left), Some(right)) = (operand_ref(f, first), operand_ref(f, &rest[0].1)) {
                    return self.compare(rest[0].0, left, right).map_err(|e| e.at(*span));
                }
                let left = self.eval_operand(f, first)?;
                let right = self.eval_operand(f, &rest[0].1)?;
                self.compare(rest[0].0, &left, &right).map_err(|e| e.at(*span))
            }
            Expr::Unary(UnaryOp::Not, inner, _) => Ok(!self.eval_truth(f, inner)?),
            Expr::And(a, b) => Ok(self.eval_truth(f, a)? && self.eval_truth(f, b)?),
            Expr::Or(a, b) => Ok(self.eval_truth(f, a)? || self.eval_truth(f, b)?),
            _ => {
                let v = self.eval(f, e)?;
                self.truthy(&v)
            }
        }
    }

    fn fstring(&mut self, f: &mut Frame, parts: &[FPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Field { value, conversion, spec } => {
                    let v = self.eval(f, value)?;
                    let v = match conversion {
                        Some('r') => Value::string(self.repr(&v)?),
                        Some('s') => Value::string(self.str(&v)?),
                        Some('a') => Value::string(crate::runtime::types::repr::ascii(&self.repr(&v)?)),
                        _ => v,
                    };
                    let spec = match spec {
                        Some(s) => self.fstring(f, s)?,
                        None => String::new(),
                    };
                    out.push_str(&crate::runtime::modules::builtins::format_value(self, &v, &spec)?);
                }
            }
        }
        Ok(out)
    }

    fn eval_elts(&mut self, f: &mut Frame, items: &[Elt]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Elt::One(e) => out.push(self.eval(f, e)?),
                Elt::Star(e) => {
                    let v = self.eval(f, e)?;
                    if !crate::runtime::model::iter::is_iterable(&v) {
                        return type_error(format!("Value after * must be an iterable, not {}", type_name(&v)));
                    }
                    out.extend(self.collect(&v)?);
                }
            }
        }
        Ok(out)
    }

    /// What `locals()` shows: the module's globals, or a function's bound locals and cells.
    fn frame_locals(&self, f: &Frame) -> Rc<Dict> {
        if f.code.kind == CodeKind::Module {
            return f.globals.clone();
        }
        let d = Dict::new();
        for (name, v) in f.code.varnames.iter().zip(f.locals.iter()) {
            if let Some(v) = v {
                d.set_name(name, v.clone());
            }
        }
        for (i, cell) in f.cells.iter().enumerate() {
            if let Some(v) = cell.get() {
                d.set_name(f.code.cell_name(i).0, v);
            }
        }
        crate::runtime::model::gc::new(d)
    }

    /// The globals of the running module (for `globals()` called indirectly).
    pub fn current_globals(&self) -> Rc<Dict> {
        self.main_globals.clone().unwrap_or_else(|| Rc::new(Dict::new()))
    }

    #[inline]
    fn load_cell(&mut self, f: &Frame, s: u32) -> PyResult<Value> {
        if let Some(v) = &*f.cells[s as usize].contents.borrow() {
            return Ok(v.clone());
        }
        let (name, own) = f.code.cell_name(s as usize);
        self.unbound_cell(name.as_str(), own)
    }

    /// A global or builtin read, through the position its site found last.
    #[inline(always)]
    fn eval_global(&mut self, f: &Frame, n: &Rc<PyStr>, span: Span, cache: &GlobalCache) -> PyResult<Value> {
        let (gl, bl, pos, builtin) = cache.0.get();
        let hit = if builtin {
            if f.globals.layout() == gl { self.builtins.value_at(bl, pos as usize) } else { None }
        } else {
            f.globals.value_at(gl, pos as usize)
        };
        match hit {
            Some(v) => Ok(v),
            None => self.load_global_cached(f, n, cache).map_err(|e| e.at(span)),
        }
    }

    /// A global read that missed its cache: look the name up and remember where it was.
    fn load_global_cached(&mut self, f: &Frame, n: &Rc<PyStr>, cache: &GlobalCache) -> PyResult<Value> {
        let (gl, pos) = f.globals.locate_name(n);
        if let Some(p) = pos {
            cache.0.set((gl, 0, p as u32, false));
            return Ok(f.globals.value_at(gl, p).unwrap_or(Value::None));
        }
        let (bl, bpos) = self.builtins.locate_name(n);
        if let Some(p) = bpos {
            cache.0.set((gl, bl, p as u32, true));
            return Ok(self.builtins.value_at(bl, p).unwrap_or(Value::None));
        }
        name_error_for(n.as_str())
    }

    fn load_global(&mut self, f: &Frame, n: &Rc<PyStr>) -> PyResult<Value> {
        if let Some(v) = f.globals.get_name(n) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get_name(n) {
            return Ok(v);
        }
        name_error_for(n.as_str())
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

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(ops::truthy(v))
    }

    #[inline]
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            match op {
                CmpOp::Lt => return Ok(x < y),
                CmpOp::LtE => return Ok(x <= y),
                CmpOp::Gt => return Ok(x > y),
                CmpOp::GtE => return Ok(x >= y),
                CmpOp::Eq | CmpOp::Is => return Ok(x == y),
                CmpOp::NotEq | CmpOp::IsNot => return Ok(x != y),
                CmpOp::In | CmpOp::NotIn => {}
            }
        }
        self.compare_objects(op, a, b)
    }

    /// Every comparison but int against int, kept out of line so that the int case stays
    /// small enough to inline into conditions (`if n < 2`).
    #[inline(never)]
    fn compare_objects(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        match op {
            CmpOp::In => self.contains(b, a),
            CmpOp::NotIn => Ok(!self.contains(b, a)?),
            // A dict view's comparisons call back into the interpreter (`in`, `==` on values).
            _ if matches!(a, Value::Native(_)) || matches!(b, Value::Native(_)) => {
                match crate::runtime::types::dict::view_compare(self, op, a, b) {
                    Some(r) => r,
                    None => ops::compare_op(op, a, b),
                }
            }
            _ => ops::compare_op(op, a, b),
        }
    }

    /// `item in container`, as CPython's `PySequence_Contains`: the container's own test
    /// when it has one, otherwise a search through its iteration, which consumes an
    /// iterator up to the first match.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Some(found) = ops::contains(container, item) {
            return found;
        }
        if let Some(found) = crate::runtime::types::dict::view_contains(self, container, item) {
            return found;
        }
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) if e.is(&types().type_error) => {
                return type_error(format!("argument of type '{}' is not iterable", type_name(container)))
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(&it)? {
            self.check_interrupt()?;
            if x.is(item) || ops::eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    // ----- functions and calls -----

    fn make_function(&mut self, f: &mut Frame, def: &FuncDef) -> PyResult<Value> {
        let mut defaults = Vec::with_capacity(def.defaults.len());
        for d in &def.defaults {
            defaults.push(self.eval(f, d)?);
        }
        let kwdefaults = if def.kwdefaults.is_empty() {
            None
        } else {
            let d = Dict::new();
            for (name, e) in &def.kwdefaults {
                let v = self.eval(f, e)?;
                d.set_name(name, v);
            }
            Some(Rc::new(d))
        };
        let annotations = if def.annotations.is_empty() {
            None
        } else {
            let d = Dict::new();
            for (name, e) in &def.annotations {
                let v = self.eval(f, e)?;
                d.set_name(name, v);
            }
            Some(Rc::new(d))
        };
        let closure: Box<[Rc<CellObj>]> = def.closure.iter().map(|&i| f.cells[i as usize].clone()).collect();
        let code = def.code.clone();
        let defaults = (!defaults.is_empty()).then(|| Rc::new(Tuple::new(defaults)));
        let func = Function::new(code, f.globals.clone(), defaults, closure);
        if kwdefaults.is_some() || annotations.is_some() {
            let mut extra = func.extra_mut();
            extra.kwdefaults = kwdefaults;
            extra.annotations = annotations;
        }
        let func = Rc::new(func);
        crate::runtime::model::gc::track_function(&func);
        Ok(Value::Function(func))
    }

    fn decorate(&mut self, f: &mut Frame, def: &FuncDef, mut v: Value) -> PyResult<Value> {
        if def.decorators.is_empty() {
            return Ok(v);
        }
        let mut decs = Vec::with_capacity(def.decorators.len());
        for d in &def.decorators {
            decs.push(self.eval(f, d)?);
        }
        for d in decs.iter().rev() {
            v = self.call(d, vec![v], Vec::new())?;
        }
        Ok(v)
    }

    /// Evaluates a call's arguments. `callee` names the called object in errors, as CPython
    /// does (`__main__.k() argument after * must be an iterable, not int`).
    fn eval_args(
        &mut self,
        f: &mut Frame,
        args: &[Arg],
        callee: &dyn Fn(&mut Interp) -> String,
    ) -> PyResult<(Vec<Value>, KwArgs)> {
        let mut pos = Vec::with_capacity(args.iter().filter(|a| matches!(a, Arg::Pos(_))).count());
        let mut kw: KwArgs = Vec::new();
        // The parser refuses a keyword written twice, so only one coming after a `**` can
        // repeat a name: CPython then reports it as it merges the keywords into one dict.
        let mut merged = false;
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.eval_operand(f, e)?),
                Arg::Star(e) => {
                    let v = self.eval_operand(f, e)?;
                    self.splat(&v, &mut pos, callee)?;
                }
                Arg::Kw(name, e) => {
                    let v = self.eval(f, e)?;
                    if merged && kw.iter().any(|(n, _)| n.as_str() == name.as_str()) {
                        let callee = callee(self);
                        return type_error(format!("{callee} got multiple values for keyword argument '{}'", name.as_str()));
                    }
                    kw.push((name.clone(), v));
                }
                Arg::StarStar(e) => {
                    merged = true;
                    let v = self.eval(f, e)?;
                    let Value::Dict(d) = &v else {
                        let callee = callee(self);
                        return type_error(format!("{callee} argument after ** must be a mapping, not {}", type_name(&v)));
                    };
                    for (k, val) in d.items() {
                        let Value::Str(k) = k else {
                            return type_error("keywords must be strings");
                        };
                        if kw.iter().any(|(n, _)| n.as_str() == k.as_str()) {
                            let callee = callee(self);
                            return type_error(format!(
                                "{callee} got multiple values for keyword argument '{}'",
                                k.as_str()
                            ));
                        }
                        kw.push((k, val));
                    }
                }
            }
        }
        Ok((pos, kw))
    }

    /// `*v` in a call's arguments: its items join the positional ones.
    fn splat(&mut self, v: &Value, pos: &mut Vec<Value>, callee: &dyn Fn(&mut Interp) -> String) -> PyResult<()> {
        if let Value::Tuple(t) = v {
            pos.extend_from_slice(&t.items);
            return Ok(());
        }
        if !crate::runtime::model::iter::is_iterable(v) {
            let callee = callee(self);
            return type_error(format!("{callee} argument after * must be an iterable, not {}", type_name(v)));
        }
        pos.extend(self.collect(v)?);
        Ok(())
    }

    fn eval_call(&mut self, f: &mut Frame, call: &Call) -> PyResult<Value> {
        // Most callees are globals (a function defined at module level, a builtin).
        let func = match &call.func {
            Expr::Global(n, span, cache) => self.eval_global(f, n, *span, cache)?,
            other => self.eval(f, other)?,
        };
        if let Value::Function(function) = &func {
            if call.simple {
                if function.code.plain && call.args.len() == function.code.sig.argcount {
                    return self.call_plain(f, function, &call.args).map_err(|e| e.at(call.span));
                }
                if binds_positionally(function, call.args.len()) {
                    return self.call_positional(f, function, &call.args).map_err(|e| e.at(call.span));
                }
            } else if let [Arg::Star(e)] = &call.args[..] {
                // `func(*args)`, the forwarding call of every decorator's wrapper.
                let v = self.eval_operand(f, e)?;
                if let Value::Tuple(t) = &v {
                    if function.code.plain && t.items.len() == function.code.sig.argcount {
                        let mut slots = [const { None }; STACK_LOCALS];
                        for (slot, item) in slots.iter_mut().zip(t.items.iter()) {
                            *slot = Some(item.clone());
                        }
                        return self.run_plain(function, &mut slots).map_err(|e| e.at(call.span));
                    }
                }
                let mut pos = Vec::new();
                self.splat(&v, &mut pos, &|interp| function_str(interp, &func))?;
                return self.call(&func, pos, Vec::new()).map_err(|e| e.at(call.span));
            }
        }
        let (pos, kw) = self.eval_args(f, &call.args, &|interp| function_str(interp, &func))?;
        self.call(&func, pos, kw).map_err(|e| e.at(call.span))
    }

    /// The fast path, for calls that `binds_positionally` accepts: arguments go straight into
    /// the callee's slots, a surplus into its `*args` tuple, and defaults fill the rest.
    fn call_positional(&mut self, f: &mut Frame, func: &Rc<Function>, args: &[Arg]) -> PyResult<Value> {
        let code = &*func.code;
        let argcount = code.sig.argcount;
        with_locals(code.n_locals(), |locals| {
            let (given, surplus) = args.split_at(args.len().min(argcount));
            for (slot, a) in locals.iter_mut().zip(given) {
                *slot = Some(self.eval_operand(f, positional(a))?);
            }
            if code.sig.varargs {
                let mut extra = Vec::with_capacity(surplus.len());
                for a in surplus {
                    extra.push(self.eval_operand(f, positional(a))?);
                }
                locals[argcount] = Some(Value::tuple(extra));
            }
            if given.len() < argcount {
                // Evaluating the arguments may have replaced `__defaults__`: check again, and
                // let `bind_args` word the error if they no longer cover the gap.
                let defaults = func.defaults.borrow().clone();
                match defaults {
                    Some(d) if d.items.len() >= argcount - given.len() => {
                        let first = argcount - d.items.len();
                        for (i, slot) in locals.iter_mut().enumerate().take(argcount).skip(given.len()) {
                            *slot = Some(d.items[i - first].clone());
                        }
                    }
                    _ => {
                        let pos = locals[..given.len()].iter_mut().filter_map(Option::take).collect();
                        bind_args(func, pos, Vec::new(), locals)?;
                    }
                }
            }
            self.run_function(func, locals)
        })
    }

    /// The commonest call: every parameter of a `plain` function passed by position. The
    /// arguments are the frame's first slots, in one array on the Rust stack, and nothing
    /// else needs setting up.
    fn call_plain(&mut self, f: &mut Frame, func: &Rc<Function>, args: &[Arg]) -> PyResult<Value> {
        let mut slots = [const { None }; STACK_LOCALS];
        for (slot, a) in slots.iter_mut().zip(args) {
            *slot = Some(self.eval_operand(f, positional(a))?);
        }
        self.run_plain(func, &mut slots)
    }

    /// Runs a `plain` function whose arguments fill the first of `slots`.
    #[inline(always)]
    fn run_plain(&mut self, func: &Rc<Function>, slots: &mut [Option<Value>; STACK_LOCALS]) -> PyResult<Value> {
        let code = &*func.code;
        let mut frame = Frame { code, globals: &func.globals, locals: &mut slots[..code.n_locals()], cells: &func.closure };
        self.run_frame(&mut frame)
    }

    /// Runs a function whose arguments are already bound in `locals`.
    fn run_function(&mut self, func: &Rc<Function>, locals: &mut [Option<Value>]) -> PyResult<Value> {
        let code = &*func.code;
        let cells = make_cells(code, &func.closure, locals);
        self.run_frame(&mut Frame { code, globals: &func.globals, locals, cells: &cells })
    }

    /// Runs a function's body in a frame made for it.
    #[inline(always)]
    fn run_frame(&mut self, frame: &mut Frame) -> PyResult<Value> {
        let _guard = depth::enter("")?;
        self.check_interrupt()?;
        match self.exec_block(frame, &frame.code.body) {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(self.traceback_entry(e, frame.code)),
        }
    }

    /// Calls any callable with positional and keyword arguments.
    pub fn call(&mut self, callee: &Value, pos: Vec<Value>, kw: Vec<(Rc<PyStr>, Value)>) -> PyResult<Value> {
        match callee {
            Value::Function(func) => {
                let code = &*func.code;
                if code.is_async || code.is_generator {
                    let mut locals = vec![None; code.n_locals()];
                    bind_args(func, pos, kw, &mut locals)?;
                    // Refused once the arguments are bound, as CPython reports their errors
                    // first, and before any of the body runs.
                    if code.is_generator {
                        return unsupported(if code.is_async { "asynchronous generators" } else { "generators (yield)" });
                    }
                    return Ok(crate::runtime::model::coroutine::new_coroutine(func.clone(), locals));
                }
                with_locals(code.n_locals(), |locals| {
                    bind_args(func, pos, kw, locals)?;
                    self.run_function(func, locals)
                })
            }
            Value::Builtin(b) => (b.func)(self, b, Args { pos: &pos, kw: &kw }),
            Value::Method(m) => {
                let mut args = Vec::with_capacity(pos.len() + 1);
                args.push(m.receiver.clone());
                args.extend(pos);
                self.call(&m.func.clone(), args, kw)
            }
            Value::Type(t) => crate::runtime::modules::builtins::call_type(self, t, &pos, &kw),
            Value::Native(n) => {
                // A callable object written in Rust (an lru_cache wrapper, a partial) is a C
                // call in CPython, which costs a level of the recursion limit too.
                let _guard = depth::enter("")?;
                let n = n.clone();
                match n.call(self, callee, Args { pos: &pos, kw: &kw }) {
                    Some(r) => r,
                    None => type_error(format!("'{}' object is not callable", type_name(callee))),
                }
            }
            _ => type_error(format!("'{}' object is not callable", type_name(callee))),
        }
    }

    /// Runs a coroutine's body: its frame was bound when the coroutine was made.
    pub fn run_bound(&mut self, func: &Rc<Function>, mut locals: Vec<Option<Value>>) -> PyResult<Value> {
        self.run_function(func, &mut locals)
    }

    /// `obj.name(args)` written in the program. As in CPython, the method is looked up before
    /// the arguments are evaluated. A builtin method with a few positional arguments gets
    /// them in an array on the stack.
    fn eval_method_call(
        &mut self,
        f: &mut Frame,
        o: Value,
        name: &Rc<PyStr>,
        call: &Call,
        cache: &MethodCache,
    ) -> PyResult<Value> {
        let key = std::mem::discriminant(&o);
        let builtin = match cache.0.get() {
            Some((k, n)) if k == key => Some(n),
            _ => {
                let n = crate::runtime::types::builtin_method(&o, name);
                if let Some(n) = n {
                    // Natives and types share one discriminant across different method sets.
                    if !matches!(o, Value::Native(_) | Value::Type(_)) {
                        cache.0.set(Some((key, n)));
                    }
                }
                n
            }
        };
        let Some(n) = builtin else {
            let callee = crate::runtime::interp::attrs::getattr(self, &o, name)?;
            let (pos, kw) = self.eval_args(f, &call.args, &|interp| function_str(interp, &callee))?;
            return self.call(&callee, pos, kw);
        };
        const FEW: usize = 4;
        if call.simple && call.args.len() <= FEW {
            let mut args = ArrayVec::<Value, FEW>::new();
            for a in &call.args {
                args.push(self.eval_operand(f, positional(a))?);
            }
            return crate::runtime::types::call_method(self, &o, n, &args, &[]);
        }
        let (pos, kw) = self.eval_args(f, &call.args, &|interp| method_str(interp, &o, name))?;
        self.call_method(&o, name, pos, kw)
    }

    /// `obj.name(args)`.
    pub fn call_method(
        &mut self,
        obj: &Value,
        name: &Rc<PyStr>,
        pos: Vec<Value>,
        kw: Vec<(Rc<PyStr>, Value)>,
    ) -> PyResult<Value> {
        if let Some(r) = crate::runtime::types::call_builtin_method(self, obj, name, &pos, &kw) {
            return r;
        }
        let m = crate::runtime::interp::attrs::getattr(self, obj, name)?;
        self.call(&m, pos, kw)
    }

    /// Builds the comprehension's frame, then runs its loops (or, for a generator
    /// expression, keeps the frame in a lazy generator).
    fn comprehension(&mut self, f: &mut Frame, def: &Rc<FuncDef>, it: Value) -> PyResult<Value> {
        let code = &*def.code;
        let closure: Vec<Rc<CellObj>> = def.closure.iter().map(|&i| f.cells[i as usize].clone()).collect();
        if let Some(StmtKind::Comp(body)) = code.body.first().map(|s| &s.kind) {
            if matches!(body.kind, CompKind::Gen(_)) {
                let mut locals = vec![None; code.n_locals()];
                locals[0] = Some(it);
                let cells = make_cells(code, &closure, &mut locals).into_owned();
                return Ok(crate::runtime::model::iter::new_generator(def.clone(), f.globals.clone(), locals, cells));
            }
        }
        with_locals(code.n_locals(), |locals| {
            locals[0] = Some(it);
            let cells = make_cells(code, &closure, locals);
            self.run_frame(&mut Frame { code, globals: f.globals, locals, cells: &cells })
        })
    }

    fn run_comprehension(&mut self, f: &mut Frame, body: &CompBody) -> PyResult<Value> {
        enum Acc {
            List(Vec<Value>),
            Set(Vec<Value>),
            Dict(Dict),
        }
        let mut acc = match &body.kind {
            CompKind::List(_) => Acc::List(Vec::new()),
            CompKind::Set(_) => Acc::Set(Vec::new()),
            CompKind::Dict(..) => Acc::Dict(Dict::new()),
            CompKind::Gen(_) => unreachable!("generator expressions run lazily"),
        };
        let first = f.locals[0].clone().unwrap_or(Value::None);
        self.comp_level(f, body, 0, first, &mut |interp, f| {
            match (&body.kind, &mut acc) {
                (CompKind::List(e), Acc::List(v)) | (CompKind::Set(e), Acc::Set(v)) => v.push(interp.eval(f, e)?),
                (CompKind::Dict(k, v), Acc::Dict(d)) => {
                    let key = interp.eval(f, k)?;
                    let val = interp.eval(f, v)?;
                    d.set(key, val)?;
                }
                _ => {}
            }
            Ok(())
        })?;
        match acc {
            Acc::List(v) => Ok(Value::list(v)),
            Acc::Set(v) => crate::runtime::model::set::new_set(v, false),
            Acc::Dict(d) => Ok(Value::Dict(crate::runtime::model::gc::new(d))),
        }
    }

    fn comp_level(
        &mut self,
        f: &mut Frame,
        body: &CompBody,
        level: usize,
        iterable: Value,
        emit: &mut dyn FnMut(&mut Interp, &mut Frame) -> PyResult<()>,
    ) -> PyResult<()> {
        let lp = &body.loops[level];
        let it = if level == 0 { iterable } else { self.iter(&iterable)? };
        'items: while let Some(v) = self.next(&it)? {
            self.check_interrupt()?;
            self.assign(f, &lp.target, v)?;
            for cond in &lp.ifs {
                if !self.eval_truth(f, cond)? {
                    continue 'items;
                }
            }
            if level + 1 < body.loops.len() {
                let next_iter = self.eval(f, body.loops[level + 1].iter.as_ref().expect("inner loops have iterables"))?;
                self.comp_level(f, body, level + 1, next_iter, emit)?;
            } else {
                emit(self, f)?;
            }
        }
        Ok(())
    }

    /// One step of a lazy generator expression.
    pub fn generator_next(&mut self, g: &mut crate::runtime::model::iter::GenState) -> PyResult<Option<Value>> {
        let code = &*g.def.code;
        let Some(StmtKind::Comp(body)) = code.body.first().map(|s| &s.kind) else {
            return Ok(None);
        };
        let CompKind::Gen(elt) = &body.kind else { return Ok(None) };
        let _guard = depth::enter("")?;
        let mut frame = Frame { code, globals: &g.globals, locals: &mut g.locals, cells: &g.cells };
        let r = self.generator_step(&mut frame, body, elt, &mut g.iters);
        r.map_err(|e| self.traceback_entry(e, code))
    }

    fn generator_step(
        &mut self,
        f: &mut Frame,
        body: &CompBody,
        elt: &Expr,
        iters: &mut Vec<Value>,
    ) -> PyResult<Option<Value>> {
        if iters.is_empty() {
            match f.locals[0].take() {
                Some(first) => iters.push(first),
                None => return Ok(None),
            }
        }
        'outer: while let Some(it) = iters.last().cloned() {
            let level = iters.len() - 1;
            let Some(v) = self.next(&it)? else {
                iters.pop();
                continue;
            };
            let lp = &body.loops[level];
            self.assign(f, &lp.target, v)?;
            for cond in &lp.ifs {
                if !self.eval_truth(f, cond)? {
                    continue 'outer;
                }
            }
            if level + 1 < body.loops.len() {
                let src = self.eval(f, body.loops[level + 1].iter.as_ref().expect("inner loops have iterables"))?;
                let inner = self.iter(&src)?;
                iters.push(inner);
                continue;
            }
            return self.eval(f, elt).map(Some);
        }
        Ok(None)
    }

    // ----- iteration -----

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        crate::runtime::model::iter::make_iter(self, v)
    }

    /// `next(it)`, with exhaustion as `None` rather than `StopIteration`.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        crate::runtime::model::iter::next(self, it)
    }

    /// All the items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.snapshot()),
            Value::Range(r) => {
                crate::runtime::support::limits::reserve(r.len().max(0) as u128 * std::mem::size_of::<Value>() as u128)?;
                let mut out = Vec::with_capacity(r.len().max(0) as usize);
                let mut i = r.start;
                for _ in 0..r.len() {
                    out.push(Value::from_i128(i));
                    i += r.step;
                }
                Ok(out)
            }
            Value::Tuple(t) => Ok(t.items.to_vec()),
            _ => {
                let it = self.iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    self.check_interrupt()?;
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    // ----- repr and str -----

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

/// An operand that can be used where it is, without a copy: a bound local or a constant.
/// Arithmetic and comparisons on two of them touch no reference counts.
#[inline(always)]
fn operand_ref<'a>(f: &'a Frame, e: &'a Expr) -> Option<&'a Value> {
    match e {
        Expr::Local(s, _) => f.locals[*s as usize].as_ref(),
        Expr::Const(v) => Some(v),
        _ => None,
    }
}

/// `+`, `-` and `*` on two small ints, when the result stays small.
#[inline(always)]
fn int_op(op: BinOp, i: i64, j: i64) -> Option<i64> {
    match op {
        BinOp::Add => i.checked_add(j),
        BinOp::Sub => i.checked_sub(j),
        BinOp::Mult => i.checked_mul(j),
        _ => None,
    }
}

/// `function_str` for a method of `obj`.
fn method_str(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>) -> String {
    match crate::runtime::interp::attrs::getattr(interp, obj, name) {
        Ok(m) => function_str(interp, &m),
        Err(_) => format!("{}()", name.as_str()),
    }
}

/// `name = v` at module level (or under `global`): straight into the slot the last store
/// found while the dict has neither gained nor lost a key.
#[inline]
fn store_global(globals: &Dict, name: &Rc<PyStr>, cache: &GlobalCache, v: Value) {
    let (layout, _, pos, _) = cache.0.get();
    if let Err(v) = globals.replace_at(layout, pos as usize, v) {
        globals.set_name(name, v);
        if let (layout, Some(pos)) = globals.locate_name(name) {
            cache.0.set((layout, 0, pos as u32, false));
        }
    }
}

/// How CPython names a callable in call errors (`_PyObject_FunctionStr`): `__main__.k()`,
/// `print()`, `str.upper()`, `collections.deque()`; anything else by its repr.
fn function_str(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Function(func) => {
            let module = match &func.module() {
                Value::Str(m) => format!("{}.", m.as_str()),
                _ => String::new(),
            };
            format!("{module}{}()", func.qualname().as_str())
        }
        Value::Builtin(b) => match b.owner {
            Some(owner) => format!("{owner}.{}()", b.name),
            None => format!("{}()", b.name),
        },
        Value::Type(t) => match &t.module {
            Some(m) => format!("{m}.{}()", t.name),
            None => format!("{}()", t.name),
        },
        Value::Method(m) => function_str(interp, &m.func),
        _ => interp.str(v).unwrap_or_default(),
    }
}

/// Whether a call with `n` positional arguments and nothing else binds without any of
/// `bind_args`'s checks: no keyword-only or `**` parameters, enough arguments for the
/// parameters without defaults, any surplus collected by `*args`, and a body that runs
/// when called (not a coroutine or a generator).
#[inline]
fn binds_positionally(func: &Function, n: usize) -> bool {
    let code = &*func.code;
    let sig = &code.sig;
    if sig.kwonly > 0 || sig.varkw || code.is_async || code.is_generator {
        return false;
    }
    if n >= sig.argcount {
        return n == sig.argcount || sig.varargs;
    }
    func.defaults.borrow().as_ref().is_some_and(|d| d.items.len() >= sig.argcount - n)
}

/// The expression of an argument of a call whose arguments are all positional.
#[inline]
fn positional(a: &Arg) -> &Expr {
    match a {
        Arg::Pos(e) => e,
        _ => unreachable!("simple calls have positional arguments only"),
    }
}

/// Runs `run` with `n` empty local slots, on the stack when they fit.
#[inline(always)]
fn with_locals<R>(n: usize, run: impl FnOnce(&mut [Option<Value>]) -> R) -> R {
    if n <= STACK_LOCALS {
        let mut slots = [const { None }; STACK_LOCALS];
        run(&mut slots[..n])
    } else {
        run(&mut vec![None; n])
    }
}

/// A frame's cells: fresh ones for its cell variables (parameters move in), then the
/// closure's shared ones. Without cell variables the closure itself is the frame's cells.
fn make_cells<'a>(code: &Code, closure: &'a [Rc<CellObj>], locals: &mut [Option<Value>]) -> Cow<'a, [Rc<CellObj>]> {
    if code.cellvars.is_empty() {
        return Cow::Borrowed(closure);
    }
    let mut cells = Vec::with_capacity(code.cellvars.len() + closure.len());
    for name in &code.cellvars {
        cells.push(crate::runtime::model::gc::new_cell(name.clone(), None));
    }
    for &(param, cell) in &code.cell_params {
        cells[cell].set(locals[param].take());
    }
    cells.extend(closure.iter().cloned());
    Cow::Owned(cells)
}

/// Sets `__context__` on `new` unless it would make a cycle of one.
fn set_context(new: &PyErr, handled: &PyErr) {
    if Rc::ptr_eq(&new.0, &handled.0) {
        return;
    }
    let mut ctx = new.0.context.borrow_mut();
    if ctx.is_none() {
        *ctx = Some(handled.value());
    }
}

pub fn name_error_for<T>(name: &str) -> PyResult<T> {
    let e = PyErr::new(&types().name_error, format!("name '{name}' is not defined"));
    e.0.set_attr("name", Value::str(name));
    Err(e)
}

/// Binds call arguments to a function's parameter slots with CPython's rules and messages.
pub fn bind_args(
    func: &Function,
    pos: Vec<Value>,
    mut kw: Vec<(Rc<PyStr>, Value)>,
    locals: &mut [Option<Value>],
) -> PyResult<()> {
    let code = &*func.code;
    let sig = &code.sig;
    let qualname = func.qualname();
    let argcount = sig.argcount;
    let total = argcount + sig.kwonly;
    let given = pos.len();
    let mut pos = pos;
    // The surplus becomes the `*args` tuple: split off whole, so that it is allocated once.
    let extra = match given {
        _ if given <= argcount => Vec::new(),
        _ if argcount == 0 => std::mem::take(&mut pos),
        _ => pos.split_off(argcount),
    };
    for (slot, v) in locals.iter_mut().zip(pos) {
        *slot = Some(v);
    }
    let varargs_slot = total;
    let varkw_slot = total + sig.varargs as usize;
    if sig.varargs {
        locals[varargs_slot] = Some(Value::tuple(extra));
    }
    let kwdict = sig.varkw.then(Dict::new);
    // The values move out one by one while the names stay, for the error that lists them all.
    for i in 0..kw.len() {
        let v = std::mem::replace(&mut kw[i].1, Value::None);
        let name = &kw[i].0;
        let found = (sig.posonly..total).find(|&j| code.varnames[j].as_str() == name.as_str());
        match found {
            Some(j) => {
                if locals[j].is_some() {
                    return type_error(format!("{}() got multiple values for argument '{}'", qualname.as_str(), name.as_str()));
                }
                locals[j] = Some(v);
            }
            None => match &kwdict {
                Some(d) => d.set_name(name, v),
                None => return unexpected_keyword(code, &qualname, name, &kw),
            },
        }
    }
    if let Some(d) = kwdict {
        locals[varkw_slot] = Some(Value::Dict(crate::runtime::model::gc::new(d)));
    }
    let defaults = func.defaults.borrow().clone();
    let defcount = defaults.as_ref().map_or(0, |d| d.items.len());
    if given > argcount && !sig.varargs {
        let kwonly_given = (argcount..total).filter(|&i| locals[i].is_some()).count();
        let (sig_text, plural) = if defcount > 0 {
            (format!("from {} to {}", argcount - defcount, argcount), true)
        } else {
            (argcount.to_string(), argcount != 1)
        };
        let kwonly_text = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                kwonly_given,
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return type_error(format!(
            "{}() takes {} positional argument{} but {}{} {} given",
            qualname.as_str(),
            sig_text,
            if plural { "s" } else { "" },
            given,
            kwonly_text,
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        ));
    }
    if given < argcount {
        let m = argcount - defcount;
        let missing: Vec<String> = (given..m)
            .filter(|&i| locals[i].is_none())
            .map(|i| format!("'{}'", code.varnames[i].as_str()))
            .collect();
        if !missing.is_empty() {
            return missing_args(&qualname, "positional", missing);
        }
        if let Some(d) = &defaults {
            for (k, v) in d.items.iter().enumerate() {
                if locals[m + k].is_none() {
                    locals[m + k] = Some(v.clone());
                }
            }
        }
    }
    if sig.kwonly > 0 {
        let kwdefaults = func.kwdefaults();
        let mut missing = Vec::new();
        for (i, slot) in locals.iter_mut().enumerate().take(total).skip(argcount) {
            if slot.is_some() {
                continue;
            }
            if let Some(v) = kwdefaults.as_ref().and_then(|d| d.get_name(&code.varnames[i])) {
                *slot = Some(v);
                continue;
            }
            missing.push(format!("'{}'", code.varnames[i].as_str()));
        }
        if !missing.is_empty() {
            return missing_args(&qualname, "keyword-only", missing);
        }
    }
    Ok(())
}

/// A keyword that names no parameter the function can take by keyword. CPython reports every
/// positional-only parameter the call passed by keyword, in parameter order, and only when
/// there is none the keyword it stopped at.
fn unexpected_keyword(code: &Code, qualname: &PyStr, name: &PyStr, kw: &[(Rc<PyStr>, Value)]) -> PyResult<()> {
    let posonly: Vec<&str> = code.varnames[..code.sig.posonly]
        .iter()
        .map(|n| n.as_str())
        .filter(|n| kw.iter().any(|(k, _)| k.as_str() == *n))
        .collect();
    if !posonly.is_empty() {
        return type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname.as_str(),
            posonly.join(", ")
        ));
    }
    type_error(format!("{}() got an unexpected keyword argument '{}'", qualname.as_str(), name.as_str()))
}

fn missing_args(qualname: &PyStr, kind: &str, names: Vec<String>) -> PyResult<()> {
    let n = names.len();
    let list = match n {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!("{}, {}, and {}", names[..n - 2].join(", "), names[n - 2], names[n - 1]),
    };
    type_error(format!(
        "{}() missing {} required {} argument{}: {}",
        qualname.as_str(),
        n,
        kind,
        if n == 1 { "" } else { "s" },
        list
    ))
}

