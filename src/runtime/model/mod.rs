//! The value model: values, type objects, exceptions, containers, iterators, the cycle
//! collector and the guards against unbounded recursion.

pub mod coroutine;
pub mod depth;
pub mod dict;
pub mod exception_slots;
pub mod exceptions;
pub mod gc;
pub mod generator;
pub mod iter;
pub mod set;
pub mod trace;
pub mod trash;
pub mod typeobj;
pub mod value;
