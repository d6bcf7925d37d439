//! cellar: a teaching interpreter for Python closures.
//!
//! The pipeline runs one way: `syntax` (tokens, indentation, parser) → `scope` (CPython's
//! symtable rules) → `compile` (names resolved to slots) → `runtime` (tree-walking interpreter
//! over explicit cells) → teaching views and diagnostics → the drivers in `main.rs`.

pub mod compile;
pub mod diagnostics;
pub mod repl;
pub mod runtime;
pub mod scope;
pub mod session;
pub mod syntax;
pub mod teach;
