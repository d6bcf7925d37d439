//! Pins the exact text of the teaching views (the cell watch, `:cells`, `:scope` and the
//! other commands): every session in `tests/sessions/` run without `--plain`, and the seed
//! chapter's lessons run with `--watch`. CPython cannot produce this output, so the expected files in
//! `tests/golden/teach/` are cellar's own output, reviewed when it changes:
//! `CELLAR_UPDATE_SNAPSHOTS=1 cargo test --test teach` rewrites them, and `git diff` shows
//! what changed. (The Python-visible part of the sessions is checked against CPython by
//! `tests/programs.rs`.)

mod common;

use common::{normalise, root};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The lessons whose `--watch` output is pinned: the seed chapter's, closures and classes, and
/// generators.
const WATCHED: &[&str] = &[
    "01_how_closures_work",
    "02_late_binding",
    "03_comprehensions",
    "04_nonlocal_counter",
    "05_memoize",
    "06_common_mistakes",
    "08_closures_and_classes",
    "09_generators_and_closures",
];

fn files(folder: &str, ext: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == ext)).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// Scripts whose `--step` output is pinned.
const STEPPED: &[&str] = &["tests/scripts/step_script.py"];

/// How a pinned case runs.
#[derive(Clone, Copy, PartialEq)]
enum How {
    Session,
    Watch,
    Step,
}

/// Runs cellar in the file's folder and returns its stdout with addresses normalised.
fn run(path: &PathBuf, how: How) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cellar"));
    cmd.current_dir(path.parent().unwrap()).env("NO_COLOR", "1");
    match how {
        How::Session => cmd.arg("-i").stdin(Stdio::from(std::fs::File::open(path).unwrap())),
        How::Watch => cmd.arg("--watch").arg(path.file_name().unwrap()).stdin(Stdio::null()),
        How::Step => cmd.arg("--step").arg(path.file_name().unwrap()).stdin(Stdio::null()),
    };
    let out = cmd.output().expect("cellar runs");
    normalise(&String::from_utf8_lossy(&out.stdout))
}

#[test]
fn teaching_output_matches_the_reviewed_snapshots() {
    let update = std::env::var_os("CELLAR_UPDATE_SNAPSHOTS").is_some();
    let golden = root().join("tests/golden/teach");
    let examples = WATCHED.iter().map(|name| (root().join("examples").join(format!("{name}.py")), How::Watch));
    let stepped = STEPPED.iter().map(|path| (root().join(path), How::Step));
    let cases = files("tests/sessions", "txt").into_iter().map(|p| (p, How::Session)).chain(examples).chain(stepped);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, how) in cases {
        let stem = path.file_stem().unwrap().to_string_lossy();
        let name = match how {
            How::Session => format!("{stem}.out"),
            How::Watch => format!("examples__{stem}.out"),
            How::Step => format!("step__{stem}.out"),
        };
        let got = run(&path, how);
        let target = golden.join(&name);
        checked += 1;
        if update {
            std::fs::write(&target, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&target) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!("{name} differs\n--- expected\n{want}--- got\n{got}")),
            Err(_) => failures.push(format!("{name} is missing: run CELLAR_UPDATE_SNAPSHOTS=1 cargo test --test teach and review it")),
        }
    }
    assert!(checked > 0, "no sessions or examples found");
    assert!(failures.is_empty(), "{} snapshot(s) differ:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn unbound_local_error_names_the_assignment_and_the_fix() {
    let session = "def counter():\n    count = 0\n    def inc():\n        count += 1\n        return count\n    return inc\n\ncounter()()\nx = 1\ndef f():\n    print(x)\n    x = 2\n\nf()\n";
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cellar"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), session.as_bytes()).unwrap();
        String::from_utf8_lossy(&child.wait_with_output().unwrap().stderr).into_owned()
    };
    let err = run(&["-i"]);
    let hints: Vec<&str> = err.lines().filter(|l| l.starts_with("hint:")).collect();
    assert_eq!(
        hints,
        [
            "hint: count is local to inc because it is assigned by an augmented assignment at line 4 (`count += 1`); `nonlocal count` in inc would make it counter's variable",
            "hint: x is local to f because it is assigned at line 3 (`x = 2`); `global x` in f would make it the module's variable",
        ],
        "{err}"
    );
    assert!(!run(&["-i", "--plain"]).contains("hint:"), "--plain adds nothing to Python's output");
}

#[test]
fn a_name_path_that_leads_nowhere_says_where_it_stopped() {
    let session = "def outer():\n    x = 1\n    def mid():\n        def inner():\n            return x\n        return inner\n    return mid\n\n:scope outer.deep\n:cells outer.mid.nope\n:scope outer.x\n:scope nothere.inner\n\
                   import functools\ndef deco(f):\n    @functools.wraps(f)\n    def wrapper(*a):\n        return f(*a)\n    return wrapper\n\n\
                   @deco\ndef made():\n    def inner():\n        pass\n    return inner\n\n:scope made.inner\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_cellar"))
        .arg("-i")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), session.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("  ") && !l.starts_with("Traceback")).collect();
    assert_eq!(
        lines,
        [
            ":scope: nothing named deep is defined inside outer; defined in it: mid",
            ":cells: nothing named nope is defined inside outer.mid; defined in it: inner",
            ":scope: x is a variable of outer, not a function or class defined in it; defined in it: mid",
            "NameError: name 'nothere' is not defined",
            ":scope: nothing named inner is defined inside made (deco.<locals>.wrapper); no function or class is defined in it; made.__wrapped__.inner looks inside the function it wraps",
        ],
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).lines().all(|l| l.starts_with("  new cell")), "only the watch writes to stdout: {}", String::from_utf8_lossy(&out.stdout));
}

/// Runs `session` through `cellar` with `args` and returns its stdout.
fn stdout_of(args: &[&str], session: &str) -> String {
    String::from_utf8_lossy(&run_piped(args, &std::env::current_dir().unwrap(), session).stdout).into_owned()
}

/// Runs `session` through `cellar` with `args` in `dir`, and returns what it did.
fn run_piped(args: &[&str], dir: &std::path::Path, session: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cellar"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), session.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_dependency_that_fastapi_calls_is_named_with_fastapi_as_its_caller() {
    let session = "from fastapi import FastAPI, Depends\nfrom fastapi.testclient import TestClient\napp = FastAPI()\n\
                   def limiter():\n    calls = 0\n    def strict_limit():\n        nonlocal calls\n        calls += 1\n    return strict_limit\n\n\
                   strict_limit = limiter()\n\
                   @app.get('/', dependencies=[Depends(strict_limit)])\ndef home():\n    return {}\n\n\
                   client = TestClient(app)\nclient.get('/').status_code\n";
    let out = stdout_of(&["-i"], session);
    assert!(out.contains("  cell #1 calls: 0 → 1, written by strict_limit (line 5), called by FastAPI\n"), "{out}");
}

#[test]
fn watch_lines_of_a_script_carry_the_line_of_their_statement() {
    let script = "def make():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n    return inc\n\ninc = make()\ninc()\n";
    let out = stdout_of(&["--watch", "-"], script);
    assert_eq!(out, "  line 8: new cell #1 n = 0, held by inc\n  line 9: cell #1 n: 0 → 1, written by inc (line 5)\n");
    // The statement that raised is named too.
    let raising = script.replace("n += 1\n", "n += 1\n        raise ValueError\n");
    let out = stdout_of(&["--watch", "-"], &raising);
    assert_eq!(out, "  line 9: new cell #1 n = 0, held by inc\n  line 10: cell #1 n: 0 → 1, written by inc (line 5)\n");
}

#[test]
fn a_big_heap_is_walked_once_and_cells_are_still_followed() {
    // The list is skipped by later walks; a closure added to it is still found, and
    // holders that other names lose are followed as in a small session.
    let session = "big = [[k] for k in range(20000)]\ndef mk(n):\n    return lambda: n\n\nf = mk(1)\nbig.append(mk(2))\ndel f\nbig.pop()\n\
                   funcs = [mk(3), mk(4)]\nfuncs.clear()\ng = mk(5)\ng2 = g\ndel g\n";
    let out = normalise(&stdout_of(&["-i"], session));
    assert_eq!(
        out,
        "  new cell #1 n = 1, held by f\n  new cell #2 n = 2, held by big[20000]\n  cell #1 n = 1 is gone\n<function mk.<locals>.<lambda> at 0xADDR>\n  cell #2 n = 2 is now held only by _, the value the prompt showed last: the cell goes when _ is replaced\n\
         \x20 new cell #3 n = 3, held by funcs[0]\n  new cell #4 n = 4, held by funcs[1]\n  cell #3 n = 3 is gone\n  cell #4 n = 4 is gone\n\
         \x20 new cell #5 n = 5, held by g\n  cell #5 n = 5 is now held only by g2\n"
    );
}

/// The `:draw` diagrams of two lessons, pinned as the teaching text is: the late-binding
/// lesson with its bug made again beside the fix (one cell with five arrows into it, five
/// cells with one each), and the counter (three functions sharing `count`'s cell). The SVG
/// files in `tests/golden/diagram/` are reviewed by opening them, and rewritten with
/// `CELLAR_UPDATE_SNAPSHOTS=1`.
#[test]
fn diagrams_match_the_reviewed_snapshots() {
    let update = std::env::var_os("CELLAR_UPDATE_SNAPSHOTS").is_some();
    let dir = std::env::temp_dir().join(format!("cellar-draw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lesson = |name: &str| root().join("examples").join(name).display().to_string();
    let cases = [
        ("late_binding.svg", format!(":load {}\nbug = make_funcs()\n:draw late_binding.svg\n", lesson("02_late_binding.py"))),
        ("counter.svg", format!(":load {}\n:draw counter.svg\n", lesson("04_nonlocal_counter.py"))),
    ];
    let mut failures = Vec::new();
    for (file, session) in cases {
        let out = run_piped(&["-i"], &dir, &session);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.lines().any(|l| l.starts_with(&format!("wrote {file} ("))), "{stdout}");
        let got = std::fs::read_to_string(dir.join(file)).unwrap();
        let target = root().join("tests/golden/diagram").join(file);
        if update {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&target) {
            Ok(want) if want == got => {}
            Ok(_) => failures.push(format!("{file} differs: CELLAR_UPDATE_SNAPSHOTS=1 cargo test --test teach rewrites it; review the picture")),
            Err(_) => failures.push(format!("{file} is missing: run CELLAR_UPDATE_SNAPSHOTS=1 cargo test --test teach and review it")),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn draw_says_what_it_wrote_or_why_it_could_not_in_one_line() {
    let dir = std::env::temp_dir().join(format!("cellar-draw-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let session = ":draw empty.json\ndef make_counter():\n    count = 0\n    def inc():\n        nonlocal count\n        count += 1\n        return count\n    return inc\n\ninc = make_counter()\n\
                   :draw\n:draw inc\n:draw inc only.svg\n:draw inc snap.json\n:draw nope\n:draw inc /no/such/folder/x.svg\n:draw 1 +\n";
    let out = run_piped(&["-i"], &dir, session);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let wrote: Vec<&str> = stdout.lines().filter(|l| l.starts_with("wrote")).collect();
    assert_eq!(
        wrote,
        [
            "wrote empty.json (1 box, 0 arrows)",
            "wrote cellar-diagram.svg (4 boxes, 3 arrows)",
            "wrote cellar-diagram.svg (3 boxes, 2 arrows)",
            "wrote only.svg (3 boxes, 2 arrows)",
            "wrote snap.json (3 boxes, 2 arrows)",
        ]
    );
    let empty = std::fs::read_to_string(dir.join("empty.json")).unwrap();
    assert!(empty.contains(r#""rows":[{"label":"no variables yet"}]"#), "{empty}");
    let json = std::fs::read_to_string(dir.join("snap.json")).unwrap();
    assert!(json.contains(r#"{"id":2,"kind":"cell","title":"cell #1","rows":[{"label":"count","text":"0"}]}"#), "{json}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            ":draw: NameError: name 'nope' is not defined",
            ":draw: cannot write /no/such/folder/x.svg: No such file or directory (os error 2)",
            ":draw: 1 + is neither a name nor a Python expression",
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
