//! Importing a library module written in Python parses only its top level: the bodies of
//! its functions wait for their first use (`syntax::lazy`). Counting the bodies an import
//! compiles tells when that stops, as timing on a loaded machine could not. (That most
//! bodies wait at all is `compile::tests`' check.)

use cellar::compile::{waiting_bodies_compiled, Mode};
use cellar::session::Session;

/// How many waiting bodies running `src` compiles, on a thread of its own (each thread
/// imports the library afresh).
fn bodies_compiled(src: &'static str) -> usize {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut session = Session::new(Box::new(std::io::sink()));
            session.run(src, "<test>", Mode::Exec).unwrap_or_else(|_| panic!("{src} runs"));
            waiting_bodies_compiled()
        })
        .expect("thread")
        .join()
        .expect("no panic")
}

#[test]
fn importing_a_library_module_compiles_few_function_bodies() {
    // What each import compiles today (`types` calls a function of each kind to find their
    // types, and `asyncio` and `inspect` import it), with room for a few more: many more
    // means a module's top level calls what it defines.
    for (module, today) in [
        ("asyncio", 4),
        ("collections", 0),
        ("contextlib", 0),
        ("dataclasses", 2),
        ("functools", 0),
        ("inspect", 5),
        ("types", 4),
        ("typing", 2),
    ] {
        let src: &'static str = format!("import {module}\n").leak();
        let n = bodies_compiled(src);
        assert!(n <= today + 3, "import {module} compiles {n} function bodies, {today} before");
    }
}
