//! Lexer and parser: any text gives a tree or a SyntaxError, never a panic or a stack
//! overflow.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = cellar::syntax::parse_module(src);
        let _ = cellar::syntax::highlight_tokens(src);
    }
});
