//! Leaves that import nothing of the interpreter: number and string formatting, hashing,
//! the hash table behind sets and dicts, and the counting allocator.

pub mod format;
pub mod hash;
pub mod limits;
pub mod settable;
