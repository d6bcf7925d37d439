pub mod hash;
pub mod settable;
