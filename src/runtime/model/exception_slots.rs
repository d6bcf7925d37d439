//! Exception classes that a module defines with behaviour of their own (in CPython, a class
//! written in Python with its own `__init__`, `__repr__` and `__str__`, such as Starlette's
//! `HTTPException`). The module registers the class with its functions, and the core asks
//! here when it makes, shows or prints an exception of that class or of a subclass (a
//! subclass written in Python is made as any class is), so that the core needs no
//! knowledge of any module.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::ExceptionObj;
use crate::runtime::model::typeobj::TypeObj;
use crate::runtime::model::value::{PyResult, PyStr, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// `Cls(*pos, **kw)`, for the registered class or a subclass of it.
pub type NewFn = fn(cls: &Rc<TypeObj>, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value>;
/// `repr(e)` or `str(e)`.
pub type TextFn = fn(&mut Interp, &ExceptionObj) -> PyResult<String>;

/// What a registered exception class does instead of what every exception does.
pub struct ExceptionSlots {
    pub new: NewFn,
    pub repr: TextFn,
    pub str: TextFn,
}

thread_local! {
    static REGISTERED: RefCell<Vec<(Rc<TypeObj>, &'static ExceptionSlots)>> = const { RefCell::new(Vec::new()) };
}

/// Gives the exception class `t` and its subclasses these slots; a module calls it once,
/// when it makes the class.
pub fn register(t: &Rc<TypeObj>, slots: &'static ExceptionSlots) {
    REGISTERED.with(|r| r.borrow_mut().push((t.clone(), slots)));
}

/// The slots of the registered class that `t` is or derives from.
pub fn of(t: &Rc<TypeObj>) -> Option<&'static ExceptionSlots> {
    REGISTERED.with(|r| r.borrow().iter().find(|(registered, _)| t.is_subtype(registered)).map(|(_, slots)| *slots))
}
