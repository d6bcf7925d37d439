//! The trace: what happened while a statement ran, recorded where it happened, for the
//! teaching views to read afterwards. Provenance is a fact noted at the store, never a guess
//! made later from which functions hold a cell.
//!
//! It is off unless a view asks for it (the cell watch), and off it costs each call and each
//! store into a cell, a global or an item one check of a thread-local flag. On, it keeps the
//! stack of running frames (by code, plus the natives that call Python code on a program's
//! behalf, such as FastAPI resolving a dependency), so that an event can say who called the
//! writer, and a log of events that the view drains after each statement.
//!
//! The events are what the watch and the steps report: a cell made, a cell written, an item
//! of an object written, a global written by a function, a function made. Stepping (`:step`,
//! the trace page) also needs the running frames' variables at each line: each frame on the
//! stack notes where its variables are when it reaches a line (`note_line`), and
//! `running_frames` reads them while those frames wait for the calls they made.

use crate::compile::code::{Code, CodeKind};
use crate::runtime::model::dict::Dict;
use crate::runtime::model::value::{CellObj, Function, PyStr, Value};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// More events than this in one statement are counted, not kept: a loop that makes a
/// million cells must not hold a million events. A cell written again by the same writer
/// adds to its last event, so writes reach the cap only when writers alternate.
const MAX_EVENTS: usize = 10_000;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static RECORDER: RefCell<Recorder> = RefCell::new(Recorder::default());
}

#[derive(Default)]
struct Recorder {
    /// The frames running now, outermost first; the top-level statement itself has none.
    stack: Vec<Running>,
    /// The line the module-level code is at, when stepping.
    top: Option<Line>,
    log: Log,
    /// Each cell's last write in `log`, which a repeat by the same writer adds to: a loop
    /// writing two cells in turn is two events, not one per iteration. A cell whose write
    /// was dropped has none, since the one kept is no longer its last.
    last_write: hashbrown::HashMap<u64, usize>,
    /// The same for objects, by address.
    last_object_write: hashbrown::HashMap<usize, usize>,
}

/// A frame on the stack, and where its variables are once it has reached a line.
struct Running {
    frame: Frame,
    place: Option<Place>,
}

/// Where a running frame's variables live, noted when it reaches a line while stepping.
/// The pointers are read only by `running_frames`, and only while the frame is on the stack
/// (its guard pops it before the frame's storage goes away); a frame that is on the stack but
/// not on top is waiting for a call it made, so its storage stays where it was noted. A
/// generator's frame leaves the stack when it yields, before its stack may be copied out.
#[derive(Clone, Copy)]
struct Place {
    code: *const Code,
    locals: *const [Option<Value>],
    cells: *const [Rc<CellObj>],
    /// A class body's namespace; null for every other frame.
    namespace: *const Dict,
    offset: u32,
}

/// A running frame's variables, as `running_frames` reads them.
pub struct FrameState {
    pub name: Rc<PyStr>,
    /// Bound variables in the order the code names them: locals, then its own cells, then the
    /// cells it closes over (a class body: its namespace).
    pub vars: Vec<(Rc<PyStr>, Var)>,
}

/// A variable of a running frame.
pub enum Var {
    Value(Value),
    /// A cell variable: the cell itself, which functions made here may share.
    Cell(Rc<CellObj>),
}

/// A running frame as the trace names it.
#[derive(Clone)]
pub enum Frame {
    /// A Python function (or comprehension, generator), by its code's name and address: two
    /// functions of one name are two writers, and a view can find the function by its code.
    Code { name: Rc<PyStr>, code: usize },
    /// Rust code that calls Python on the program's behalf: `FastAPI`.
    Native(&'static str),
}

impl PartialEq for Frame {
    fn eq(&self, other: &Frame) -> bool {
        match (self, other) {
            (Frame::Code { code: a, .. }, Frame::Code { code: b, .. }) => a == b,
            (Frame::Native(a), Frame::Native(b)) => a == b,
            _ => false,
        }
    }
}

/// Where a store happened: an offset into the source of the code that made it.
#[derive(Clone)]
pub struct At {
    pub source: Rc<str>,
    pub offset: u32,
}

impl At {
    pub fn line(&self) -> u32 {
        crate::syntax::ast::line_at(&self.source, self.offset).0
    }
}

impl PartialEq for At {
    fn eq(&self, other: &At) -> bool {
        Rc::ptr_eq(&self.source, &other.source) && self.offset == other.offset
    }
}

/// Who made a store, and from where.
#[derive(Clone, PartialEq)]
pub struct Writer {
    /// The storing frame; `None` for the top-level statement itself.
    pub frame: Option<Frame>,
    /// `None` when the store came through a builtin (`setattr(c, 'cell_contents', v)`).
    pub at: Option<At>,
    /// The frame that called the writer; `None` when the top-level statement did.
    pub caller: Option<Frame>,
    /// Through `cell.cell_contents`, not through the variable.
    pub through_contents: bool,
}

/// One thing that happened, in the order it happened.
pub enum Event {
    /// A cell was made; the log keeps it weakly, so a cell that died is simply gone.
    CellMade { serial: u64, cell: Weak<CellObj> },
    /// A cell was written (or emptied) `times` times by the same writer, with no other
    /// writer of that cell between.
    CellWritten { serial: u64, by: Writer, times: u32 },
    /// An item of the object at `addr` was stored or deleted (`cache[n] = v`), or one of
    /// its methods that change a list, dict or set ran (`log.append(x)`), `times` times by
    /// the same writer: how a container in a cell changes in place.
    ObjectWritten { addr: usize, by: Writer, times: u32 },
    /// A function stored into a global of the dict at `globals`; `old` is what the global
    /// held before this write (`None`: it was unbound).
    GlobalWritten { globals: usize, name: Rc<PyStr>, old: Option<Value>, by: Writer, times: u32 },
    /// A function was made (a `def` or `lambda` ran); kept weakly, as cells are.
    FunctionMade { function: Weak<Function> },
}

/// The events since the log was last drained.
#[derive(Default)]
pub struct Log {
    pub events: Vec<Event>,
    /// Events beyond `MAX_EVENTS` that were counted and dropped: a view must not take the
    /// log as complete (a cell made then is missing from it).
    pub dropped: usize,
}

impl Log {
    fn push(&mut self, event: Event) {
        if self.events.len() < MAX_EVENTS {
            self.events.push(event);
        } else {
            self.dropped += 1;
        }
    }
}

/// Whether the trace is recording.
#[inline(always)]
pub fn on() -> bool {
    ON.with(Cell::get)
}

/// Starts or stops recording; either way with an empty log and stack.
pub fn set_on(on: bool) {
    ON.with(|f| f.set(on));
    // Dropped once the recorder is free again: the values it held may be the last
    // references to objects whose freeing runs code.
    let old = RECORDER.with(|r| std::mem::take(&mut *r.borrow_mut()));
    drop(old);
}

/// Takes the events recorded so far.
pub fn take() -> Log {
    RECORDER.with(|r| {
        let r = &mut *r.borrow_mut();
        r.last_write.clear();
        r.last_object_write.clear();
        std::mem::take(&mut r.log)
    })
}

/// A frame on the trace's stack until dropped.
pub struct Entered(());

impl Drop for Entered {
    fn drop(&mut self) {
        RECORDER.with(|r| {
            r.borrow_mut().stack.pop();
        });
    }
}

/// Notes that a frame of `code` starts running, until the guard is dropped.
#[inline(always)]
pub fn enter(code: &Code) -> Option<Entered> {
    if !on() {
        return None;
    }
    push(Frame::Code { name: code.name.clone(), code: code as *const Code as usize })
}

/// Notes that Rust code is about to call Python on the program's behalf (`FastAPI`), so that
/// what the callee writes says who called it.
pub fn enter_native(who: &'static str) -> Option<Entered> {
    if !on() {
        return None;
    }
    push(Frame::Native(who))
}

#[cold]
fn push(frame: Frame) -> Option<Entered> {
    RECORDER.with(|r| r.borrow_mut().stack.push(Running { frame, place: None }));
    Some(Entered(()))
}

/// Notes where the frame running `code` keeps its variables as it reaches the statement at
/// `offset`: the frame on top of the stack, or the module-level code when no call runs.
/// Callers check `on()` first, and call this only while stepping.
#[cold]
pub fn note_line(code: &Code, locals: &[Option<Value>], cells: &[Rc<CellObj>], namespace: Option<&Rc<Dict>>, offset: u32) {
    let place = Place {
        code,
        locals,
        cells,
        namespace: namespace.map_or(std::ptr::null(), Rc::as_ptr),
        offset,
    };
    RECORDER.with(|r| {
        let r = &mut *r.borrow_mut();
        match r.stack.last_mut() {
            Some(top) if matches!(top.frame, Frame::Code { code: c, .. } if c == code as *const Code as usize) => top.place = Some(place),
            // SAFETY: `code` is running.
            None if code.kind == CodeKind::Module => r.top = Some(unsafe { Line::of(&place) }),
            _ => {}
        }
    });
}

/// A line of a program's source.
#[derive(Clone)]
pub struct Line {
    pub file: Rc<str>,
    pub source: Rc<str>,
    pub number: u32,
}

impl Line {
    /// The line of `code` that the source offset `offset` is on.
    pub fn of_code(code: &Code, offset: u32) -> Line {
        Line { file: code.file.clone(), source: code.source.clone(), number: crate::syntax::ast::line_at(&code.source, offset).0 }
    }

    /// # Safety
    /// `p.code` is alive (see `Place`).
    unsafe fn of(p: &Place) -> Line {
        Line::of_code(&*p.code, p.offset)
    }
}

/// The line the frame on top of the stack (or the module-level code) last reached.
pub fn current_line() -> Option<Line> {
    RECORDER.with(|r| {
        let r = r.borrow();
        match r.stack.last() {
            // SAFETY: the frame is on the stack.
            Some(top) => top.place.map(|p| unsafe { Line::of(&p) }),
            None => r.top.clone(),
        }
    })
}

/// The running frames that have reached a line, outermost first, with their bound
/// variables. The module-level frame is not among them: its variables are its globals.
pub fn running_frames() -> Vec<FrameState> {
    let places: Vec<Place> = RECORDER.with(|r| r.borrow().stack.iter().filter_map(|f| f.place).collect());
    // SAFETY: every place read is of a frame still on the stack.
    places.into_iter().map(|p| unsafe { frame_state(p) }).collect()
}

/// Reads a frame's variables where `note_line` found them.
///
/// # Safety
/// The frame is still on the stack (see `Place`).
unsafe fn frame_state(p: Place) -> FrameState {
    let (code, locals, cells) = (&*p.code, &*p.locals, &*p.cells);
    let mut vars = Vec::new();
    for (name, v) in code.varnames.iter().zip(locals) {
        // A comprehension's iterator, `.0`, is no name a learner wrote.
        if let (Some(v), false) = (v, name.starts_with('.')) {
            vars.push((name.clone(), Var::Value(v.clone())));
        }
    }
    for (i, cell) in cells.iter().enumerate() {
        vars.push((code.cell_name(i).0.clone(), Var::Cell(cell.clone())));
    }
    if let Some(ns) = p.namespace.as_ref() {
        for (k, v) in ns.items() {
            // `__module__` and `__qualname__` are the class statement's, not the learner's.
            if let Value::Str(name) = k {
                if !matches!(name.as_str(), "__module__" | "__qualname__" | "__doc__" | "__orig_bases__") {
                    vars.push((name, Var::Value(v)));
                }
            }
        }
    }
    FrameState { name: code.name.clone(), vars }
}

/// How many frames are running (natives that call Python included).
pub fn depth() -> usize {
    RECORDER.with(|r| r.borrow().stack.len())
}

/// Records a new function. Callers check `on()` first.
#[cold]
pub fn function_made(function: &Rc<Function>) {
    RECORDER.with(|r| r.borrow_mut().log.push(Event::FunctionMade { function: Rc::downgrade(function) }));
}

/// Looks at the events recorded so far without taking them: a step shows what happened
/// since the step before, while the watch still reports the whole statement afterwards.
pub fn peek<R>(read: impl FnOnce(&Log) -> R) -> R {
    RECORDER.with(|r| read(&r.borrow().log))
}

/// Records a new cell. Callers check `on()` first.
#[cold]
pub fn cell_made(cell: &Rc<CellObj>) {
    RECORDER.with(|r| r.borrow_mut().log.push(Event::CellMade { serial: cell.serial, cell: Rc::downgrade(cell) }));
}

/// Records a store into `cell` (or its emptying) by the frame on top of the stack. Callers
/// check `on()` first.
#[cold]
pub fn cell_written(cell: &CellObj, at: Option<At>, through_contents: bool) {
    RECORDER.with(|r| {
        let r = &mut *r.borrow_mut();
        let by = writer(&r.stack, at, through_contents);
        if let Some(&i) = r.last_write.get(&cell.serial) {
            if let Event::CellWritten { by: last, times, .. } = &mut r.log.events[i] {
                if *last == by {
                    *times += 1;
                    return;
                }
            }
        }
        if r.log.events.len() < MAX_EVENTS {
            r.last_write.insert(cell.serial, r.log.events.len());
        } else {
            r.last_write.remove(&cell.serial);
        }
        r.log.push(Event::CellWritten { serial: cell.serial, by, times: 1 });
    });
}

/// Records a store into (or deletion from) an item of the object at `addr`. Callers check
/// `on()` first.
#[cold]
pub fn object_written(addr: usize) {
    RECORDER.with(|r| {
        let r = &mut *r.borrow_mut();
        let by = writer(&r.stack, None, false);
        if let Some(&i) = r.last_object_write.get(&addr) {
            if let Event::ObjectWritten { by: last, times, .. } = &mut r.log.events[i] {
                if *last == by {
                    *times += 1;
                    return;
                }
            }
        }
        if r.log.events.len() < MAX_EVENTS {
            r.last_object_write.insert(addr, r.log.events.len());
        } else {
            r.last_object_write.remove(&addr);
        }
        r.log.push(Event::ObjectWritten { addr, by, times: 1 });
    });
}

/// Records a function's store into a global of `globals`; a store by the top-level
/// statement itself is not an event (the learner wrote it on the line). `old` is called only
/// for a write that is not a repeat of the last event. Callers check `on()` first.
#[cold]
pub fn global_written(globals: usize, name: &Rc<PyStr>, at: At, old: impl FnOnce() -> Option<Value>) {
    let done = RECORDER.with(|r| {
        let r = &mut *r.borrow_mut();
        if r.stack.is_empty() {
            return true;
        }
        let by = writer(&r.stack, Some(at.clone()), false);
        // Only a repeat of the very last event merges (functions writing globals in a loop
        // are rare); once events are dropped, the last one kept is no longer the last.
        if let (Some(Event::GlobalWritten { globals: g, name: n, by: last, times, .. }), 0) = (r.log.events.last_mut(), r.log.dropped) {
            if *g == globals && n.as_str() == name.as_str() && *last == by {
                *times += 1;
                return true;
            }
        }
        false
    });
    if done {
        return;
    }
    // Read with the recorder free: looking a global up is the program's own work.
    let old = old();
    RECORDER.with(|r| {
        let r = &mut *r.borrow_mut();
        let by = writer(&r.stack, Some(at), false);
        r.log.push(Event::GlobalWritten { globals, name: name.clone(), old, by, times: 1 });
    });
}

fn writer(stack: &[Running], at: Option<At>, through_contents: bool) -> Writer {
    let n = stack.len();
    Writer {
        frame: stack.last().map(|r| r.frame.clone()),
        at,
        caller: n.checked_sub(2).map(|i| stack[i].frame.clone()),
        through_contents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Rc<PyStr> {
        Rc::new(PyStr::new(s))
    }

    /// A frame of a code object numbered `code`, as `enter` would push it.
    fn enter_code(name: &str, code: usize) -> Option<Entered> {
        push(Frame::Code { name: self::name(name), code })
    }

    fn at(source: &Rc<str>, offset: u32) -> Option<At> {
        Some(At { source: source.clone(), offset })
    }

    #[test]
    fn off_it_records_nothing_and_keeps_no_stack() {
        set_on(false);
        assert!(enter_native("FastAPI").is_none());
        let cell = CellObj::new(name("c"), None);
        if on() {
            cell_written(&cell, None, false);
        }
        assert!(take().events.is_empty());
    }

    #[test]
    fn a_write_names_its_frame_line_and_caller() {
        set_on(true);
        let source: Rc<str> = "def f():\n    x = 1\n".into();
        let cell = CellObj::new(name("x"), None);
        {
            let _get = enter_code("get", 1);
            let _bump = enter_code("bump", 2);
            cell_written(&cell, at(&source, 13), false);
        }
        cell_written(&cell, None, true);
        let log = take();
        set_on(false);
        let [Event::CellWritten { by: first, times: 1, .. }, Event::CellWritten { by: second, .. }] = &log.events[..] else {
            panic!("two writes expected");
        };
        assert!(matches!(&first.frame, Some(Frame::Code { name, .. }) if name.as_str() == "bump"));
        assert!(matches!(&first.caller, Some(Frame::Code { name, .. }) if name.as_str() == "get"));
        assert_eq!(first.at.as_ref().map(At::line), Some(2));
        assert!(second.frame.is_none() && second.caller.is_none() && second.through_contents);
    }

    #[test]
    fn repeated_writes_merge_and_a_flood_is_counted() {
        set_on(true);
        let cell = CellObj::new(name("x"), None);
        let _f = enter_code("f", 1);
        for _ in 0..5 {
            cell_written(&cell, None, false);
        }
        let log = take();
        assert!(matches!(&log.events[..], [Event::CellWritten { times: 5, .. }]));
        let other = CellObj::new(name("y"), None);
        for i in 0..100 {
            cell_written(if i % 2 == 0 { &cell } else { &other }, None, false);
        }
        let log = take();
        assert!(matches!(&log.events[..], [Event::CellWritten { times: 50, .. }, Event::CellWritten { times: 50, .. }]));
        let _g = enter_code("g", 2);
        for _ in 0..MAX_EVENTS + 3 {
            cell_written(&CellObj::new(name("z"), None), None, false);
        }
        let log = take();
        drop(_g);
        drop(_f);
        set_on(false);
        assert_eq!((log.events.len(), log.dropped), (MAX_EVENTS, 3));
    }

    #[test]
    fn item_stores_name_their_writer_per_object() {
        set_on(true);
        {
            let _wrapper = enter_code("wrapper", 1);
            for addr in [8, 16, 8, 8] {
                object_written(addr);
            }
        }
        let log = take();
        set_on(false);
        assert!(matches!(
            &log.events[..],
            [Event::ObjectWritten { addr: 8, times: 3, .. }, Event::ObjectWritten { addr: 16, times: 1, .. }]
        ));
    }

    #[test]
    fn globals_written_by_the_statement_itself_are_not_events() {
        set_on(true);
        let source: Rc<str> = "total = 0\n".into();
        global_written(1, &name("total"), At { source: source.clone(), offset: 0 }, || None);
        {
            let _add = enter_code("add", 1);
            global_written(1, &name("total"), At { source, offset: 0 }, || Some(Value::Int(0)));
        }
        let log = take();
        set_on(false);
        assert!(matches!(&log.events[..], [Event::GlobalWritten { old: Some(Value::Int(0)), .. }]));
    }
}
