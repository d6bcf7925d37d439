//! Runs the cellar binary on every example, test script and test session, and compares with
//! what CPython printed for the same program (`tests/golden/programs`, made by
//! `tests/regen-golden`; never edited by hand).

mod common;

use common::{normalise, root};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Program {
    name: String,
    path: PathBuf,
    session: bool,
}

fn programs() -> Vec<Program> {
    let mut out = Vec::new();
    for (folder, ext, session) in [("examples", "py", false), ("tests/scripts", "py", false), ("tests/sessions", "txt", true)] {
        let dir = root().join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
        paths.sort();
        for path in paths {
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            out.push(Program { name: format!("{}__{}", folder.replace('/', "_"), stem), path, session });
        }
    }
    out
}

fn run(p: &Program) -> (String, String, i32) {
    let dir = p.path.parent().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cellar"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    if p.session {
        cmd.args(["-i", "--plain"]).stdin(Stdio::from(std::fs::File::open(&p.path).unwrap()));
    } else {
        cmd.arg(p.path.file_name().unwrap()).stdin(Stdio::null());
    }
    let out = cmd.output().expect("cellar runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn read(golden: &Path, ext: &str) -> Option<String> {
    std::fs::read_to_string(golden.with_extension(ext)).ok()
}

#[test]
fn programs_print_what_cpython_prints() {
    let golden_dir = root().join("tests/golden/programs");
    let mut failures = Vec::new();
    let mut checked = 0;
    for p in programs() {
        let golden = golden_dir.join(&p.name);
        let (Some(out), Some(status)) = (read(&golden, "out"), read(&golden, "status")) else {
            // Programs that need the real fastapi have no golden output until regenerated
            // with a Python that has it.
            continue;
        };
        checked += 1;
        let (got_out, got_err, got_status) = run(&p);
        if normalise(&got_out) != out {
            failures.push(format!("{}: stdout differs\n--- expected\n{}--- got\n{}", p.name, out, normalise(&got_out)));
        }
        if got_status.to_string() != status.trim() {
            failures.push(format!("{}: exit status {} (expected {})\n{}", p.name, got_status, status.trim(), got_err));
        }
        let err_lines: Vec<String> = normalise(&got_err).lines().map(str::to_string).collect();
        for line in read(&golden, "err").unwrap_or_default().lines() {
            if !err_lines.iter().any(|l| l == line) {
                failures.push(format!("{}: stderr lacks {:?}\n{}", p.name, line, got_err));
            }
        }
    }
    assert!(checked > 0, "no golden programs found");
    assert!(failures.is_empty(), "{} problem(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn missing_file_is_a_one_line_error_with_status_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_cellar")).arg("no/such/file.py").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("can't open file") && err.contains("[Errno 2] No such file or directory"), "{err}");
}

#[test]
fn non_utf8_source_is_cpythons_syntax_error() {
    let dir = std::env::temp_dir().join(format!("cellar-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("latin1.py");
    std::fs::write(&file, b"print('caf\xe9')\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cellar")).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SyntaxError: Non-UTF-8 code starting with '\\xe9'"), "{err}");
}

#[test]
fn deep_recursion_is_a_recursion_error_not_a_crash() {
    let out = Command::new(env!("CARGO_BIN_EXE_cellar"))
        .args(["-c", "def f(n):\n    return f(n + 1)\nf(0)"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().any(|l| l == "RecursionError: maximum recursion depth exceeded"), "{err}");
}
