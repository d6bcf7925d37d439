//! Scope resolution and lowering on every tree the parser accepts.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::rc::Rc;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(module) = cellar::syntax::parse_module(src) else { return };
    let Ok(table) = cellar::scope::resolve(&module) else { return };
    let table = Rc::new(table);
    let _ = cellar::compile::compile_module(&module, &table, "<fuzz>".into(), src.into(), cellar::compile::Mode::Exec);
});
