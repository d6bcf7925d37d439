//! What the builtin types do: their methods, operators and reprs.

pub mod methods;
pub mod ops;
pub mod percent;
pub mod repr;
