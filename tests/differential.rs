//! A seeded run of the differential scope-program test: random programs of nested functions,
//! `nonlocal`/`global`, late binding, augmented assignment on every target kind, `del`, walrus
//! and comprehensions, run under CPython and under cellar, which must print the same. The
//! generator is `tests/gen/scope_programs.py`; run it by hand for thousands of programs.

mod common;

use std::process::Command;

#[test]
fn random_scope_programs_behave_as_in_cpython() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 (CPython 3.11) is not on this machine");
        return;
    }
    let out = Command::new("python3")
        .arg(common::root().join("tests/gen/scope_programs.py"))
        .arg(env!("CARGO_BIN_EXE_cellar"))
        .args(["--count", "150", "--seed", "1"])
        .output()
        .expect("python3 runs the generator");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "cellar differs from CPython:\n{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.ends_with("150 passed, 0 failed\n"), "{report}");
}
