//! Generators on the interpreter's side: making one from a call or a generator expression,
//! resuming its frame (`next`, `send`, `throw`, `close`), `yield` and `yield from` inside it,
//! and the `with` statement, which `contextlib.contextmanager` builds on generators.
//!
//! A generator's frame runs on a stack of its own (`model::generator`). While it runs, the
//! interpreter is lent to it: `resume` hands over what belongs to the frame (the exceptions
//! its `except` blocks are handling, the recursion levels it holds) and takes them back
//! when the frame yields. A Python call the frame makes runs back on the thread's stack
//! (`run_frame_off_generator`), so a generator's stack holds only its own body's evaluation,
//! and recursion inside a generator reaches CPython's limit as anywhere else.

use super::call::make_cells;
use super::{Flow, Frame, Interp};
use crate::runtime::model::depth;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::exceptions::Traceback;
use crate::runtime::model::generator::{take_freed, Action, Delegate, GenFrame, Generator, Resume, State, Suspended, Yielded};
use crate::compile::code::{Expr, Stmt, Target, WithItem};
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::types::object;
use crate::runtime::model::value::*;
use crate::runtime::support::stacks::{stack_position, GenStack, SWITCH_DEPTH};
use crate::syntax::ast::Span;
use std::rc::Rc;

/// What a resumed generator did.
pub enum Step {
    Yielded(Value),
    /// Its frame finished, with the value of its `return`.
    Returned(Value),
}

/// The yielder of the generator frame the interpreter is running, null on the thread's own
/// stack.
pub type Yielder = *const corosensei::Yielder<Resume, Yielded>;

/// Bytes left between the deepest frame the thread's stack had when it switched to a
/// generator and the frames a generator's calls run there: room for `resume`'s own frame
/// and the switch.
const SWITCH_ROOM: usize = 16 << 10;

struct ThreadStack(usize);

// SAFETY: `base` is below every frame in use on the thread's stack while the generator that
// lends it runs, and the stack has the recursion checker's margin below that. The limit is
// what the interpreter's thread was given (`depth::STACK_SIZE`); only an address sanitizer
// reads it.
unsafe impl corosensei::stack::Stack for ThreadStack {
    fn base(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.0 & !15).expect("a stack address is not 0")
    }
    fn limit(&self) -> corosensei::stack::StackPointer {
        let limit = (self.0 & !15).saturating_sub(depth::STACK_SIZE).max(16);
        corosensei::stack::StackPointer::new(limit).expect("not 0")
    }
}

impl Interp {
    /// Calling a generator function: the arguments are bound, nothing of the body runs.
    pub(super) fn new_generator(&mut self, func: &Rc<Function>, mut locals: Vec<Option<Value>>) -> Value {
        let code = func.code.clone();
        let cells = make_cells(&code, &func.closure, &mut locals).into_owned();
        let frame = GenFrame::new(code, func.globals.clone(), locals, cells);
        Generator::new(frame, func.name(), func.qualname())
    }

    /// A generator expression: its frame with the first iterable's iterator in slot 0.
    pub(super) fn new_generator_expression(&mut self, frame: GenFrame) -> Value {
        let name = frame.code.name.clone();
        let qualname = frame.code.qualname.clone();
        Generator::new(frame, name, qualname)
    }

    /// One item for a `for` loop or a builtin consuming the generator: `None` when it
    /// finished.
    pub fn generator_next(&mut self, gen: &Generator) -> PyResult<Option<Value>> {
        match self.resume(gen, Action::Send(Value::None))? {
            Step::Yielded(v) => Ok(Some(v)),
            Step::Returned(_) => Ok(None),
        }
    }

    /// `gen.send(v)` (and `next(gen)`, which sends None): the next value, or StopIteration
    /// carrying the return value.
    pub fn generator_send(&mut self, gen: &Generator, action: Action) -> PyResult<Value> {
        match self.resume(gen, action)? {
            Step::Yielded(v) => Ok(v),
            Step::Returned(v) => Err(stop_iteration(v)),
        }
    }

    /// `gen.close()`: GeneratorExit at the `yield` it waits at, so that its `finally` blocks
    /// run.
    pub fn generator_close(&mut self, gen: &Generator) -> PyResult<()> {
        let created = matches!(&*gen.state.borrow(), State::Created);
        if created {
            *gen.state.borrow_mut() = State::Closed;
            return Ok(());
        }
        if gen.is_closed() {
            return Ok(());
        }
        let exit = PyErr::with_args(&types().generator_exit, Vec::new());
        match self.resume(gen, Action::Throw(exit)) {
            Ok(Step::Yielded(_)) => runtime_error("generator ignored GeneratorExit"),
            Ok(Step::Returned(_)) => Ok(()),
            Err(e) if e.is(&types().generator_exit) || e.is(&types().stop_iteration) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Runs the generator's frame until it yields or finishes.
    pub fn resume(&mut self, gen: &Generator, action: Action) -> PyResult<Step> {
        let state = std::mem::replace(&mut *gen.state.borrow_mut(), State::Running);
        let mut frame = match state {
            State::Suspended(frame) => frame,
            State::Created => match action {
                Action::Send(ref v) if !v.is_none() => {
                    *gen.state.borrow_mut() = State::Created;
                    return type_error("can't send non-None value to a just-started generator");
                }
                // Thrown in before it started, the exception ends it where it stands.
                Action::Throw(e) => {
                    *gen.state.borrow_mut() = State::Closed;
                    return Err(e);
                }
                Action::Send(_) => match self.start_frame(gen.frame.clone()) {
                    Ok(frame) => frame,
                    Err(e) => {
                        *gen.state.borrow_mut() = State::Closed;
                        return Err(e);
                    }
                },
            },
            State::Running => {
                *gen.state.borrow_mut() = State::Running;
                return value_error("generator already executing");
            }
            State::Closed => {
                *gen.state.borrow_mut() = State::Closed;
                return match action {
                    Action::Send(_) if gen.is_coroutine() => runtime_error("cannot reuse already awaited coroutine"),
                    Action::Send(_) => Ok(Step::Returned(Value::None)),
                    Action::Throw(e) => Err(e),
                };
            }
        };
        let traced = crate::runtime::model::trace::enter(&gen.code);
        if traced.is_some() && self.stepping() && !super::step::is_library(&gen.code) {
            // Resumed, the frame stands at its `yield`: steps taken before its next line (in
            // what it calls) show its variables too.
            // SAFETY: the frame is not running; its locals stay in place while it runs.
            let locals = unsafe { &*gen.frame.locals.get() };
            let at = gen.frame.at.get().map_or(gen.code.span.start, |s| s.start);
            crate::runtime::model::trace::note_line(&gen.code, locals, &gen.frame.cells, None, at);
        }
        let switched = self.switch_to(&mut frame, action);
        drop(traced);
        match switched {
            corosensei::CoroutineResult::Yield(Yielded { value, at, delegate }) => {
                frame.park(self.yield_low);
                gen.frame.at.set(Some(at));
                match delegate {
                    Delegate::None => *gen.yield_from.borrow_mut() = None,
                    Delegate::Starts(it) => *gen.yield_from.borrow_mut() = Some(it),
                    Delegate::Continues => {}
                }
                *gen.state.borrow_mut() = State::Suspended(frame);
                Ok(Step::Yielded(value))
            }
            corosensei::CoroutineResult::Return(r) => {
                *gen.state.borrow_mut() = State::Closed;
                *gen.yield_from.borrow_mut() = None;
                match r {
                    Ok(v) => Ok(Step::Returned(v)),
                    Err(e) if e.is(&types().stop_iteration) => {
                        let what = if gen.code.is_async { "coroutine" } else { "generator" };
                        let err = PyErr::new(&types().runtime_error, format!("{what} raised StopIteration"));
                        *err.0.cause.borrow_mut() = Some(e.value());
                        *err.0.context.borrow_mut() = Some(e.value());
                        err.0.suppress_context.set(true);
                        Err(err)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Switches to a suspended frame, lending it the interpreter with what the frame holds
    /// (its levels of recursion, the exceptions it is handling), and takes those back when
    /// the frame yields.
    fn switch_to(&mut self, frame: &mut Suspended, action: Action) -> corosensei::CoroutineResult<Yielded, PyResult<Value>> {
        let yielder = self.gen_yielder;
        let thread_stack = self.thread_stack;
        if yielder.is_null() {
            self.thread_stack = stack_position() - SWITCH_ROOM;
        }
        let base_handling = self.handling.len();
        if !frame.handling.is_empty() {
            self.handling.append(&mut frame.handling);
        }
        frame.unpark();
        let resumed = depth::resume_generator(frame.levels, frame.floor);
        let result = frame.co.resume(Resume { interp: self, action });
        frame.levels = depth::suspend_generator(resumed);
        if self.handling.len() > base_handling {
            frame.handling = self.handling.split_off(base_handling);
        }
        self.gen_yielder = yielder;
        self.thread_stack = thread_stack;
        result
    }

    /// Makes the coroutine that runs a generator's frame.
    fn start_frame(&mut self, frame: Rc<GenFrame>) -> PyResult<Box<Suspended>> {
        let stack = GenStack::new().map_err(|_| PyErr::new(&types().memory_error, "cannot allocate a generator's stack"))?;
        let (base, floor) = (stack.base(), stack.floor());
        let co = corosensei::Coroutine::with_stack(stack, move |yielder, first: Resume| {
            // SAFETY: the resumer lent its interpreter for as long as this frame runs.
            let interp = unsafe { &mut *first.interp };
            interp.gen_yielder = yielder;
            interp.run_generator_frame(&frame)
        });
        Ok(Suspended::new(co, base, floor))
    }

    /// A generator's frame from its first line: on its own stack, not through `run_frame`,
    /// which would send it back to the thread's stack.
    fn run_generator_frame(&mut self, gen: &GenFrame) -> PyResult<Value> {
        let code = &*gen.code;
        let _guard = depth::enter("")?;
        // SAFETY: only this coroutine changes the locals, and the generator object reads
        // them only while the coroutine is not running.
        let locals = unsafe { &mut *gen.locals.get() };
        let mut frame = Frame { code, globals: &gen.globals, locals, cells: &gen.cells, namespace: None };
        match self.exec_block(&mut frame, &code.body) {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(self.traceback_entry(e, code)),
        }
    }

    /// `yield value`: the frame waits until it is resumed, and the `yield` is what `send`
    /// passed (or raises what `throw` passed). `delegate` is the iterator a `yield from` or
    /// `await` passes the value on from (`gi_yieldfrom`, `cr_await`).
    pub(super) fn yield_value(&mut self, value: Value, at: Span, delegate: Delegate) -> PyResult<Value> {
        let yielder = self.gen_yielder;
        assert!(!yielder.is_null(), "the compiler lets `yield` appear only in generator frames");
        // Whoever resumes the frame changes the interpreter meanwhile; the compiler must not
        // assume `self` is as it was across the switch, so its address escapes first.
        std::hint::black_box(self as *mut Interp);
        // SAFETY: the yielder lives on this frame's own stack, which is suspended, not freed,
        // until the frame finishes.
        self.yield_low = stack_position() - SWITCH_DEPTH;
        let input = unsafe { &*yielder }.suspend(Yielded { value, at, delegate });
        self.gen_yielder = yielder;
        match input.action {
            Action::Send(v) => Ok(v),
            Action::Throw(e) => Err(e),
        }
    }

    /// `yield from iterable`: each value of the iterable is yielded in turn, what `send`
    /// and `throw` pass goes to it, and its return value is the expression's value.
    pub(super) fn yield_from(&mut self, iterable: Value, at: Span) -> PyResult<Value> {
        if as_generator(&iterable).is_some_and(Generator::is_coroutine) {
            return type_error("cannot 'yield from' a coroutine object in a non-coroutine generator");
        }
        let it = self.iter(&iterable)?;
        self.delegate(&it, at)
    }

    /// `await v`: a coroutine is run by delegation, as `yield from` runs a generator; another
    /// awaitable delegates to the iterator its `__await__` returns (asyncio's futures yield
    /// themselves to the task that drives the coroutine).
    pub(super) fn await_value(&mut self, v: Value, at: Span) -> PyResult<Value> {
        if as_generator(&v).is_some_and(Generator::is_coroutine) {
            return self.delegate(&v, at);
        }
        if let Some(method) = object::special(&v, "__await__") {
            let it = object::call_unbound(self, &method, &v, Vec::new(), Vec::new())?;
            if as_generator(&it).is_some_and(Generator::is_coroutine) {
                return type_error("__await__() returned a coroutine");
            }
            if !crate::runtime::model::iter::is_iterator(&it) {
                return type_error(format!("__await__() returned non-iterator of type '{}'", type_name(&it)));
            }
            return self.delegate(&it, at);
        }
        type_error(format!("object {} can't be used in 'await' expression", type_name(&v)))
    }

    /// Runs an async handler of the fastapi model to its end, on `asyncio.run` as a real
    /// test client runs it on an event loop. Called while a loop runs (a handler's test
    /// inside `asyncio.run`), it is driven in place, and one that waits for something only a
    /// loop provides is refused rather than misrun.
    pub fn run_coroutine(&mut self, co: &Value) -> PyResult<Value> {
        let asyncio = crate::runtime::modules::import(self, "asyncio")?;
        let running = crate::runtime::interp::attrs::getattr(self, &asyncio, &Rc::new(PyStr::new("_running_loop")))?;
        if running.is_none() {
            let run = crate::runtime::interp::attrs::getattr(self, &asyncio, &Rc::new(PyStr::new("run")))?;
            return self.call(&run, vec![co.clone()], Vec::new());
        }
        let gen = as_generator(co).expect("an async handler's call made a coroutine");
        loop {
            match self.resume(gen, Action::Send(Value::None))? {
                Step::Returned(v) => return Ok(v),
                Step::Yielded(Value::None) => {}
                Step::Yielded(other) => {
                    let what = self.repr(&other)?;
                    return unsupported(&format!("waiting for {what} in an async handler called inside a running event loop"));
                }
            }
        }
    }

    /// The loop behind `yield from` and `await`: values from `it` go out of this frame's
    /// `yield`, and what the frame is sent or thrown goes to `it`.
    fn delegate(&mut self, it: &Value, at: Span) -> PyResult<Value> {
        let mut action = Action::Send(Value::None);
        let mut started = false;
        loop {
            let step = match as_generator(it) {
                Some(gen) => self.resume(gen, action)?,
                None => match action {
                    // A plain iterator under `yield from` has no return value.
                    Action::Send(v) if v.is_none() => match self.next(it)? {
                        Some(v) => Step::Yielded(v),
                        None => Step::Returned(Value::None),
                    },
                    Action::Send(v) => match self.call_method(it, &Rc::new(PyStr::new("send")), vec![v], Vec::new()) {
                        Ok(v) => Step::Yielded(v),
                        Err(e) if e.is(&types().stop_iteration) => Step::Returned(stop_value(&e)),
                        Err(e) => return Err(e),
                    },
                    Action::Throw(e) => {
                        let throw = Rc::new(PyStr::new("throw"));
                        if crate::runtime::interp::attrs::getattr(self, it, &throw).is_err() {
                            return Err(e);
                        }
                        match self.call_method(it, &throw, vec![e.value()], Vec::new()) {
                            Ok(v) => Step::Yielded(v),
                            Err(e) if e.is(&types().stop_iteration) => Step::Returned(stop_value(&e)),
                            Err(e) => return Err(e),
                        }
                    }
                },
            };
            match step {
                Step::Returned(v) => return Ok(v),
                Step::Yielded(v) => {
                    let delegate = if std::mem::replace(&mut started, true) { Delegate::Continues } else { Delegate::Starts(it.clone()) };
                    action = match self.yield_value(v, at, delegate) {
                        Ok(sent) => Action::Send(sent),
                        Err(e) if e.is(&types().generator_exit) => {
                            // Closing the delegating generator closes the one it delegates to.
                            if let Some(gen) = as_generator(it) {
                                self.generator_close(gen)?;
                            }
                            return Err(e);
                        }
                        Err(e) => Action::Throw(e),
                    };
                }
            }
        }
    }

    /// A call made by a generator's frame runs on the thread's stack, below the frames that
    /// were there when the generator was resumed.
    #[cold]
    #[inline(never)]
    pub(super) fn run_frame_off_generator(&mut self, frame: &mut Frame) -> PyResult<Value> {
        let yielder = std::mem::replace(&mut self.gen_yielder, std::ptr::null());
        let on = depth::enter_thread_stack();
        let me: *mut Interp = self;
        let frame: *mut Frame = frame;
        // SAFETY: the generator's frame waits for this call, so the interpreter and the
        // callee's frame (which lives on the generator's stack) are used by it alone.
        let r = corosensei::on_stack(ThreadStack(self.thread_stack), move || unsafe { (*me).run_frame(&mut *frame) });
        depth::leave_stack(on);
        self.gen_yielder = yielder;
        r
    }

    /// Closes the suspended generators freed since the last check, so that their `finally`
    /// blocks run about when CPython runs them. What goes wrong is reported as CPython
    /// reports an exception it cannot raise anywhere.
    #[cold]
    pub fn close_freed(&mut self) {
        // The flag a freed generator raised is answered here; the frames closed next check it.
        self.interrupt.store(false, std::sync::atomic::Ordering::Relaxed);
        for mut freed in take_freed() {
            let repr = std::mem::take(&mut freed.repr);
            let gen = Generator::from_freed(freed);
            if let Err(e) = self.generator_close(&gen) {
                self.report_ignored(&repr, &e);
            }
            gen.abandon();
        }
    }

    /// At the program's end, closes the suspended generators reachable from `root`, oldest
    /// first, while everything they might use still exists: CPython's last collection finds
    /// the module's namespace in a cycle with them (through their frames' globals) and runs
    /// every finaliser in it, in the order the objects were made, before clearing anything.
    pub fn close_suspended_from(&mut self, root: &Value) {
        let mut gens: Vec<Value> = crate::runtime::model::gc::reachable(root)
            .into_iter()
            .filter(|v| as_generator(v).is_some_and(Generator::is_suspended))
            .collect();
        gens.sort_by_key(|v| as_generator(v).map_or(0, |g| g.serial));
        for v in &gens {
            let gen = as_generator(v).expect("kept generators only");
            if !gen.is_suspended() {
                continue;
            }
            if let Err(e) = self.generator_close(gen) {
                let repr = format!("<{} object {} at {:#x}>", gen.type_name(), gen.qualname.borrow().as_str(), v.address());
                self.report_ignored(&repr, &e);
            }
        }
    }

    /// "Exception ignored in": what a closing generator raised, which nothing can catch.
    fn report_ignored(&mut self, repr: &str, e: &PyErr) {
        // CPython reports the exception alone, without the GeneratorExit it replaced.
        let context = e.0.context.borrow_mut().take();
        let text = crate::diagnostics::traceback(self, e, false);
        *e.0.context.borrow_mut() = context;
        self.write_err(&format!("Exception ignored in: {repr}\n{text}"));
    }
}
impl Interp {
    /// `with a as x, b: body`, one manager at a time: each wraps the managers after it and
    /// the body, as nested `with` statements would. `async with` awaits what `__aenter__`
    /// and `__aexit__` return.
    pub(super) fn exec_with(&mut self, f: &mut Frame, items: &[WithItem], body: &[Stmt], is_async: bool) -> PyResult<Flow> {
        let Some((item, rest)) = items.split_first() else {
            return self.exec_block(f, body);
        };
        let manager = self.eval(f, &item.context)?;
        let (enter, exit) = context_methods(&manager, is_async).map_err(|e| e.at(item.span))?;
        let entered = self.call_manager(&enter, &manager, Vec::new(), is_async, item.span)?;
        let result = match &item.target {
            Some(target) => self.assign(f, target, entered),
            None => Ok(()),
        };
        let result = result.and_then(|()| self.exec_with(f, rest, body, is_async));
        match result {
            Ok(flow) => {
                let none = vec![Value::None, Value::None, Value::None];
                self.call_manager(&exit, &manager, none, is_async, item.span)?;
                Ok(flow)
            }
            Err(e) => {
                // `__exit__` sees the exception as being handled; a true result swallows it.
                let tb_object = Traceback::of(&e.0, Some(&f.code.source));
                let args = vec![Value::Type(e.0.typ.clone()), e.value(), tb_object];
                // `__exit__` may re-raise it through a generator (contextmanager), which must
                // not add frames to the traceback it already has.
                let traceback = e.0.traceback.borrow().clone();
                self.handling.push(e.clone());
                let r = self.call_manager(&exit, &manager, args, is_async, item.span);
                self.handling.pop();
                match r {
                    Ok(v) if self.truthy(&v).map_err(|e| e.at(item.span))? => Ok(Flow::Normal),
                    Ok(_) => {
                        *e.0.traceback.borrow_mut() = traceback;
                        Err(e)
                    }
                    Err(e2) => {
                        if e2.0.context.borrow().is_none() && !Rc::ptr_eq(&e2.0, &e.0) {
                            *e2.0.context.borrow_mut() = Some(e.value());
                        }
                        Err(e2)
                    }
                }
            }
        }
    }

    /// Calls `__enter__`/`__exit__` (or awaits `__aenter__`/`__aexit__`) of a manager.
    fn call_manager(&mut self, method: &Value, manager: &Value, args: Vec<Value>, is_async: bool, at: Span) -> PyResult<Value> {
        let r = object::call_unbound(self, method, manager, args, Vec::new()).map_err(|e| e.at(at))?;
        if is_async {
            return self.await_value(r, at).map_err(|e| e.at(at));
        }
        Ok(r)
    }

    /// `async for target in iterable`: `__anext__` is awaited for each item, until it
    /// raises StopAsyncIteration.
    pub(super) fn async_for(&mut self, f: &mut Frame, target: &Target, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> PyResult<Flow> {
        let iterable = self.eval(f, iter)?;
        let Some(aiter) = object::special(&iterable, "__aiter__") else {
            return type_error(format!("'async for' requires an object with __aiter__ method, got {}", type_name(&iterable)));
        };
        let it = object::call_unbound(self, &aiter, &iterable, Vec::new(), Vec::new())?;
        let Some(anext) = object::special(&it, "__anext__") else {
            return type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                type_name(&it)
            ));
        };
        loop {
            self.check_interrupt()?;
            let awaitable = object::call_unbound(self, &anext, &it, Vec::new(), Vec::new())?;
            if !is_awaitable(&awaitable) {
                return type_error(format!("'async for' received an invalid object from __anext__: {}", type_name(&awaitable)));
            }
            let item = match self.await_value(awaitable, f.code.span) {
                Ok(v) => v,
                Err(e) if e.is(&types().stop_async_iteration) => break,
                Err(e) => return Err(e),
            };
            self.assign(f, target, item)?;
            match self.exec_block(f, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(f, orelse)
    }
}

fn is_awaitable(v: &Value) -> bool {
    as_generator(v).is_some_and(Generator::is_coroutine) || object::special(v, "__await__").is_some()
}

/// A context manager's `__enter__` and `__exit__` (`__aenter__` and `__aexit__` for `async
/// with`), looked up on its class as CPython does.
fn context_methods(manager: &Value, is_async: bool) -> PyResult<(Value, Value)> {
    let (enter, exit, what) = match is_async {
        false => ("__enter__", "__exit__", "the context manager protocol"),
        true => ("__aenter__", "__aexit__", "the asynchronous context manager protocol"),
    };
    match (object::special(manager, enter), object::special(manager, exit)) {
        (Some(enter), Some(exit)) => Ok((enter, exit)),
        (Some(_), None) => type_error(format!("'{}' object does not support {what} (missed {exit} method)", type_name(manager))),
        _ => type_error(format!("'{}' object does not support {what}", type_name(manager))),
    }
}

/// The generator (or coroutine) object `v` is, if it is one.
fn as_generator(v: &Value) -> Option<&Generator> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Generator>(),
        _ => None,
    }
}

/// StopIteration carrying a generator's return value.
fn stop_iteration(v: Value) -> PyErr {
    if v.is_none() {
        PyErr::with_args(&types().stop_iteration, Vec::new())
    } else {
        PyErr::with_args(&types().stop_iteration, vec![v])
    }
}

fn stop_value(e: &PyErr) -> Value {
    e.0.attr("value").unwrap_or_else(|| e.0.args.borrow().items.first().cloned().unwrap_or(Value::None))
}
