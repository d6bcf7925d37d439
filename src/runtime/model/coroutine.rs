//! `async def` without an event loop: calling one binds its arguments and returns a
//! coroutine object; `await` runs the body to completion there and then. That is all a
//! synchronous teaching model of FastAPI needs.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{runtime_error, type_error};
use crate::runtime::model::typeobj::{type_name, TypeObj};
use crate::runtime::model::value::{Function, Native, PyResult, PyStr, Value};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Coroutine {
    pub func: Rc<Function>,
    /// The bound arguments, until the coroutine is awaited.
    frame: RefCell<Option<Vec<Option<Value>>>>,
}

thread_local! {
    static COROUTINE_TYPE: Rc<TypeObj> = TypeObj::new("coroutine", crate::runtime::model::typeobj::TypeKind::Native, Some(crate::runtime::model::typeobj::types().object.clone()));
}

impl Native for Coroutine {
    fn type_obj(&self) -> Rc<TypeObj> {
        COROUTINE_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<coroutine object {} at {:#x}>", self.func.qualname().as_str(), this.address()))
    }
}

thread_local! {
    /// Coroutines freed without being awaited, whose warning the interpreter has not written yet.
    static UNAWAITED: RefCell<Vec<Rc<PyStr>>> = const { RefCell::new(Vec::new()) };
}

/// A coroutine that is dropped without ever being awaited is almost always a forgotten
/// `await`, so CPython warns about it when it is freed. A value can be freed anywhere, away
/// from the interpreter and its streams, so the warning waits in `UNAWAITED` until the
/// interpreter next writes anything (`Interp::warn_unawaited`): it lands after the output
/// that came before it.
impl Drop for Coroutine {
    fn drop(&mut self) {
        if self.frame.get_mut().is_some() {
            let name = self.func.qualname();
            let _ = UNAWAITED.try_with(|u| u.borrow_mut().push(name));
        }
    }
}

/// The names of the coroutines freed unawaited since the last call.
pub fn take_unawaited() -> Vec<Rc<PyStr>> {
    UNAWAITED.try_with(|u| std::mem::take(&mut *u.borrow_mut())).unwrap_or_default()
}

pub fn new_coroutine(func: Rc<Function>, locals: Vec<Option<Value>>) -> Value {
    Value::native(Coroutine { func, frame: RefCell::new(Some(locals)) })
}

/// Runs a coroutine to completion (used by `await` and by the fastapi model).
pub fn run(interp: &mut Interp, co: &Coroutine) -> PyResult<Value> {
    let Some(locals) = co.frame.borrow_mut().take() else {
        return runtime_error("cannot reuse already awaited coroutine");
    };
    interp.run_bound(&co.func, locals)
}

/// `await v`.
pub fn await_value(interp: &mut Interp, v: Value) -> PyResult<Value> {
    if let Value::Native(n) = &v {
        if let Some(co) = n.as_any().downcast_ref::<Coroutine>() {
            return run(interp, co);
        }
    }
    type_error(format!("object {} can't be used in 'await' expression", type_name(&v)))
}
