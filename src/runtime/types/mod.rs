//! What the builtin types do: their methods, operators and reprs.

pub mod descriptors;
pub mod methods;
pub mod object;
pub mod ops;
pub mod percent;
pub mod repr;
