//! Leaves that import nothing of the interpreter: number and string formatting, hashing,
//! the hash table behind sets and dicts, the counting allocator, the stacks generators run on, CPython's sort, and the
//! Unicode character classes of `str` methods.

pub mod format;
pub mod hash;
pub mod limits;
pub mod settable;
pub mod stacks;
pub mod timsort;
pub mod unicode;
