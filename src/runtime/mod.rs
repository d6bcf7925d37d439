//! The runtime: the value model, the behaviour of each builtin type, the interpreter that
//! walks resolved code, and the modules a program can import.
//!
//! Layers, each importing only those before it (the interpreter and the types call each
//! other through `Interp`, as CPython's eval loop and type slots do):
//! `support` (leaves: formatting, hashing, tables, the counting allocator) → `model` (values,
//! type objects, cells, functions, containers, the collector) → `types` (what each builtin
//! type does) → `interp` (executing statements, evaluating expressions, calls) → `modules`.

pub mod interp;
pub mod model;
pub mod modules;
pub mod support;
pub mod types;
