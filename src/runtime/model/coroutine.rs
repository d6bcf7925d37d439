//! Coroutines freed without ever being awaited. A coroutine object is a generator object
//! whose code is `async def` (`model::generator`); one that is freed before its body ever
//! ran is almost always a forgotten `await`, and CPython warns about it when it is freed.

use crate::runtime::model::value::PyStr;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// Coroutines freed without being awaited, whose warning the interpreter has not written yet.
    static UNAWAITED: RefCell<Vec<Rc<PyStr>>> = const { RefCell::new(Vec::new()) };
}

/// A value can be freed anywhere, away from the interpreter and its streams, so the warning
/// waits until the interpreter next writes anything (`Interp::warn_unawaited`): it lands after
/// the output that came before it.
pub fn note_unawaited(qualname: Rc<PyStr>) {
    let _ = UNAWAITED.try_with(|u| u.borrow_mut().push(qualname));
}

/// The names of the coroutines freed unawaited since the last call.
pub fn take_unawaited() -> Vec<Rc<PyStr>> {
    UNAWAITED.try_with(|u| std::mem::take(&mut *u.borrow_mut())).unwrap_or_default()
}
