//! Source text to syntax tree: logos tokens, CPython's indentation rules, a chumsky parser.

pub mod ast;
