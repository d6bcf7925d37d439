//! cellar: a teaching interpreter for Python closures.
//!
//! The pipeline runs one way: `syntax` (tokens, indentation, parser) → `scope` (CPython's
//! symtable rules, slots) → `runtime` (tree-walking interpreter over explicit cells) → teaching
//! views and diagnostics → the drivers in `main.rs`.

pub mod runtime;
pub mod syntax;
