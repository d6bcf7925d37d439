//! The runtime: values, the interpreter that walks resolved code, builtins and modules.

pub mod attrs;
pub mod builtins;

pub mod code;
pub mod coroutine;
pub mod depth;
pub mod dict;
pub mod exceptions;
pub mod format;
pub mod gc;
pub mod hash;
pub mod interp;
pub mod iter;
pub mod limits;
pub mod methods;
pub mod modules;
pub mod ops;
pub mod percent;
pub mod repr;
pub mod set;
pub mod settable;
pub mod site;
pub mod trash;
pub mod types;
pub mod value;
