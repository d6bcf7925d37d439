//! Generator objects, and coroutine objects (the same, for `async def`). A generator's frame runs on a stack of its own (a stackful coroutine,
//! `corosensei`), so the recursive evaluator needs no change to stop in the middle of a
//! statement: `yield` switches back to whoever called `next()`, leaving the frame's Rust
//! frames where they are, and the next `send` switches to them again. The interpreter's side
//! (starting, resuming, `yield`, `yield from`, the calls a generator makes) is
//! `interp::generator`.

use crate::compile::code::Code;
use crate::syntax::ast::Span;
use crate::runtime::interp::Interp;
use crate::runtime::model::depth;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::typeobj::{TypeKind, TypeObj};
use crate::runtime::model::gc::{Busy, Visitor};
use crate::runtime::model::value::{CellObj, Native, PyErr, PyResult, PyStr, Value};
use crate::runtime::support::stacks::{GenStack, StackImage};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A generator frame's coroutine: resumed with what `send`/`throw` pass in, it yields the
/// values of `yield` and returns the frame's result.
pub type Resumable = corosensei::Coroutine<Resume, Yielded, PyResult<Value>, GenStack>;

/// A value of `yield`, where the frame waits, and the iterator a `yield from` (or `await`)
/// in it is passing the value on from.
pub struct Yielded {
    pub value: Value,
    pub at: Span,
    pub delegate: Delegate,
}

/// What `gi_yieldfrom` is while the frame waits. A `yield from` names its iterator with its
/// first value only, so that passing a long stream on costs no reference counting per value.
pub enum Delegate {
    /// A plain `yield`.
    None,
    /// The first value a `yield from` passes on from this iterator.
    Starts(Value),
    /// A later value from the same one.
    Continues,
}

/// What a resumed generator receives. The interpreter is lent to the generator's frame for as
/// long as it runs, and handed back when it yields.
pub struct Resume {
    pub interp: *mut Interp,
    pub action: Action,
}

pub enum Action {
    /// `next()` is `Send(None)`.
    Send(Value),
    Throw(PyErr),
}

/// A generator's frame: what the call bound, then the variables as the body changes them.
/// Its coroutine runs the body with the locals; the generator object reads them (for the
/// collector and the teaching views) only while the frame is not running.
pub struct GenFrame {
    pub code: Rc<Code>,
    pub globals: Rc<Dict>,
    pub locals: std::cell::UnsafeCell<Vec<Option<Value>>>,
    pub cells: Vec<Rc<CellObj>>,
    /// The `yield` it waits at.
    pub at: std::cell::Cell<Option<Span>>,
}

impl GenFrame {
    pub fn new(code: Rc<Code>, globals: Rc<Dict>, locals: Vec<Option<Value>>, cells: Vec<Rc<CellObj>>) -> GenFrame {
        GenFrame { code, globals, locals: locals.into(), cells, at: std::cell::Cell::new(None) }
    }

    /// Its local slots as they are now, for a frame that is not running.
    pub fn locals_now(&self) -> Vec<Option<Value>> {
        // SAFETY: callers skip a running frame (`Generator::is_running`); the teaching views
        // run between statements.
        unsafe { &*self.locals.get() }.clone()
    }

    /// Its variables by name, bound ones only, as `f_locals` shows them: locals, then cells.
    pub fn variables(&self) -> Dict {
        let d = Dict::new();
        // SAFETY: a frame object answers only while its frame is not running.
        let locals = unsafe { &*self.locals.get() };
        for (name, v) in self.code.varnames.iter().zip(locals) {
            if let Some(v) = v {
                d.set_name(name, v.clone());
            }
        }
        let names = self.code.cellvars.iter().chain(&self.code.freevars);
        for (name, cell) in names.zip(&self.cells) {
            if let Some(v) = cell.get() {
                d.set_name(name, v);
            }
        }
        d
    }
}

pub enum State {
    Created,
    Suspended(Box<Suspended>),
    /// Its frame is running: the coroutine is out, with whoever resumed it.
    Running,
    Closed,
}

/// A frame waiting at a `yield`, with what it holds that is not the caller's while it
/// waits: the exceptions its `except` blocks are handling and its levels of recursion.
pub struct Suspended {
    pub co: Resumable,
    /// Where its stack starts (`GenStack::base`), and the lowest address its frames may
    /// reach (`GenStack::floor`).
    pub base: usize,
    pub floor: usize,
    pub levels: u32,
    pub handling: Vec<PyErr>,
    /// While it waits, once more than `KEPT_RESIDENT` frames have started and not finished:
    /// its stack copied out.
    image: Option<StackImage>,
}

/// How many started frames keep their stacks' pages while they wait. Past that, a frame
/// that yields keeps a copy of the part it uses (under a page), so that 100,000 suspended
/// generators take a fraction of the memory, at the price of a copy and a system call each
/// time one of them waits and resumes. Counting started frames rather than waiting ones
/// keeps the switch itself free of bookkeeping.
/// Under the fuzzer's address sanitizer every frame keeps its pages: a copy reads a live
/// stack whole, red zones between its frames included, which the sanitizer forbids.
const KEPT_RESIDENT: usize = if cfg!(fuzzing) { usize::MAX } else { 1024 };

impl Suspended {
    pub fn new(co: Resumable, base: usize, floor: usize) -> Box<Suspended> {
        let _ = LIVE_FRAMES.try_with(|n| n.set(n.get() + 1));
        Box::new(Suspended { co, base, floor, levels: 0, handling: Vec::new(), image: None })
    }

    /// Its frame has just yielded, with its stack reaching down to `low`.
    #[inline]
    pub fn park(&mut self, low: usize) {
        if LIVE_FRAMES.with(std::cell::Cell::get) > KEPT_RESIDENT {
            self.copy_out(low);
        }
    }

    /// Kept out of line: the switch between generators is hot, and the copy is for programs
    /// with over a thousand frames started.
    #[cold]
    #[inline(never)]
    fn copy_out(&mut self, low: usize) {
        // SAFETY: the frame is suspended, its stack holds nothing below `low` (the yield
        // measured it), and it stays untouched until `unpark`.
        self.image = unsafe { StackImage::take(self.base, low) };
    }

    /// Before its frame resumes (or unwinds): its stack as it left it.
    #[inline]
    pub fn unpark(&mut self) {
        if self.image.is_some() {
            self.copy_in();
        }
    }

    #[cold]
    #[inline(never)]
    fn copy_in(&mut self) {
        if let Some(image) = self.image.take() {
            // SAFETY: taken from this stack, which nothing has used since.
            unsafe { image.restore(self.base) };
        }
    }
}

/// Dropped while its frame waits, the coroutine unwinds that frame's Rust frames, whose
/// recursion guards give back levels that were taken off the count when it suspended.
impl Drop for Suspended {
    fn drop(&mut self) {
        self.unpark();
        let _ = LIVE_FRAMES.try_with(|n| n.set(n.get() - 1));
        if self.co.started() && !self.co.done() {
            depth::set_current(depth::current() + self.levels);
        }
    }
}

thread_local! {
    /// Generator frames that started and have not finished.
    static LIVE_FRAMES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether some generator's frame started and has not finished: at the program's end, it is
/// closed as CPython closes it (`Session::close_generators`).
pub fn any_unfinished() -> bool {
    LIVE_FRAMES.try_with(|n| n.get() > 0).unwrap_or(false)
}

pub struct Generator {
    pub code: Rc<Code>,
    pub frame: Rc<GenFrame>,
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    pub state: RefCell<State>,
    /// The iterator a `yield from` in its frame delegates to, while it does.
    pub yield_from: RefCell<Option<Value>>,
    /// `gi_frame`, made when first asked for.
    pub frame_object: RefCell<Option<Value>>,
    /// Which was made first: at the program's end, suspended generators close in that order.
    pub serial: u64,
}

thread_local! {
    static MADE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn next_serial() -> u64 {
    MADE.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

/// A suspended generator that was freed: `Interp::close_freed` closes its frame.
pub struct Freed {
    pub suspended: Box<Suspended>,
    pub frame: Rc<GenFrame>,
    /// The generator's repr, for "Exception ignored in".
    pub repr: String,
}

thread_local! {
    static GENERATOR_TYPE: Rc<TypeObj> = TypeObj::new("generator", TypeKind::Native, Some(crate::runtime::model::typeobj::types().object.clone()));
    static COROUTINE_TYPE: Rc<TypeObj> = TypeObj::new("coroutine", TypeKind::Native, Some(crate::runtime::model::typeobj::types().object.clone()));
    /// Suspended generators that were freed: their frames get `close()` (and run their
    /// `finally` blocks) at the interpreter's next check. What is still here when the thread
    /// ends is never unwound: nothing may run then.
    static FREED: RefCell<Vec<std::mem::ManuallyDrop<Freed>>> = const { RefCell::new(Vec::new()) };
    /// The interpreter's interrupt flag: raising it makes the interpreter stop at its next
    /// check, where it closes freed generators before anything else.
    static ATTENTION: RefCell<Option<std::sync::Arc<std::sync::atomic::AtomicBool>>> = const { RefCell::new(None) };
}

impl Generator {
    pub fn new(frame: GenFrame, name: Rc<PyStr>, qualname: Rc<PyStr>) -> Value {
        Value::native(Generator {
            code: frame.code.clone(),
            frame: Rc::new(frame),
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            state: RefCell::new(State::Created),
            yield_from: RefCell::new(None),
            frame_object: RefCell::new(None),
            serial: next_serial(),
        })
    }

    /// A freed generator brought back to be closed.
    pub fn from_freed(freed: Freed) -> Generator {
        let name: Rc<PyStr> = freed.frame.code.name.clone();
        Generator {
            code: freed.frame.code.clone(),
            frame: freed.frame,
            name: RefCell::new(name.clone()),
            qualname: RefCell::new(name),
            state: RefCell::new(State::Suspended(freed.suspended)),
            yield_from: RefCell::new(None),
            frame_object: RefCell::new(None),
            serial: next_serial(),
        }
    }

    /// `inspect.getgeneratorstate`.
    pub fn state_name(&self) -> &'static str {
        match &*self.state.borrow() {
            State::Created => "GEN_CREATED",
            State::Suspended(_) => "GEN_SUSPENDED",
            State::Running => "GEN_RUNNING",
            State::Closed => "GEN_CLOSED",
        }
    }

    /// Where its frame stands, for the teaching views: "suspended at line 4".
    pub fn where_text(&self) -> String {
        match &*self.state.borrow() {
            State::Created => "not started".to_string(),
            State::Running => "running".to_string(),
            State::Closed => "finished".to_string(),
            State::Suspended(_) => {
                let code = &self.frame.code;
                let at = self.frame.at.get().unwrap_or(code.span);
                format!("suspended at line {}", crate::syntax::ast::line_at(&code.source, at.start).0)
            }
        }
    }

    /// An `async def`'s coroutine object, as opposed to a generator.
    pub fn is_coroutine(&self) -> bool {
        self.code.is_async
    }

    pub fn type_name(&self) -> &'static str {
        if self.is_coroutine() {
            "coroutine"
        } else {
            "generator"
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(&*self.state.borrow(), State::Running)
    }

    pub fn is_suspended(&self) -> bool {
        matches!(&*self.state.borrow(), State::Suspended(_))
    }

    pub fn is_closed(&self) -> bool {
        matches!(&*self.state.borrow(), State::Closed)
    }

    /// Gives up a frame that will not finish: it is unwound without running its Python.
    pub fn abandon(&self) {
        let state = std::mem::replace(&mut *self.state.borrow_mut(), State::Closed);
        drop(state);
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        if self.is_coroutine() && matches!(self.state.get_mut(), State::Created) {
            crate::runtime::model::coroutine::note_unawaited(self.qualname.borrow().clone());
        }
        if let State::Suspended(suspended) = std::mem::replace(self.state.get_mut(), State::Closed) {
            // CPython closes a suspended generator when it is freed. The interpreter may be
            // anywhere now (inside a dict update), so the close waits for its next check.
            let repr = format!("<{} object {} at {:#x}>", self.type_name(), self.qualname.borrow().as_str(), self as *const _ as usize);
            let mut freed = Some(Freed { suspended, frame: self.frame.clone(), repr });
            let _ = FREED.try_with(|f| f.borrow_mut().push(std::mem::ManuallyDrop::new(freed.take().expect("once"))));
            if let Some(freed) = freed {
                std::mem::forget(freed);
            }
            let _ = ATTENTION.try_with(|a| {
                if let Some(flag) = &*a.borrow() {
                    flag.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    }
}

/// The suspended generators freed since the last call.
pub fn take_freed() -> Vec<Freed> {
    FREED
        .try_with(|f| std::mem::take(&mut *f.borrow_mut()).into_iter().map(std::mem::ManuallyDrop::into_inner).collect())
        .unwrap_or_default()
}

/// Whether freed generators wait to be closed.
pub fn any_freed() -> bool {
    FREED.try_with(|f| !f.borrow().is_empty()).unwrap_or(false)
}

/// Registers the flag a freed generator raises.
pub fn set_attention_flag(flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    ATTENTION.with(|a| *a.borrow_mut() = Some(flag));
}

impl Native for Generator {
    fn type_obj(&self) -> Rc<TypeObj> {
        if self.is_coroutine() {
            COROUTINE_TYPE.with(|t| t.clone())
        } else {
            GENERATOR_TYPE.with(|t| t.clone())
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<{} object {} at {:#x}>", self.type_name(), self.qualname.borrow().as_str(), this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(crate::runtime::types::generator::getattr(self, name))
    }
    fn setattr(&self, _interp: &mut Interp, name: &str, value: Value) -> PyResult<bool> {
        crate::runtime::types::generator::setattr(self, name, value)
    }
    fn is_iterator(&self) -> bool {
        !self.is_coroutine()
    }
    fn next(&self, interp: &mut Interp, _this: &Value) -> PyResult<Option<Value>> {
        interp.generator_next(self)
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        let state = self.state.try_borrow()?;
        if matches!(*state, State::Running) {
            return Err(Busy);
        }
        visit.dict(&self.frame.globals);
        // SAFETY: the frame is not running, so nothing changes its locals meanwhile.
        unsafe { &*self.frame.locals.get() }.iter().flatten().for_each(|v| visit.value(v));
        self.frame.cells.iter().for_each(|c| visit.cell(c));
        Ok(())
    }
}
