//! The command line against `python3`'s: exit statuses, where a program comes from, how
//! stdout and stderr interleave, and what a traceback names and marks. Each test runs the
//! same thing in both and compares; without `python3` (CPython 3.11) it is skipped, saying so.

mod common;

use common::normalise;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn python_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: no python3 3.11 to compare with");
    }
    ok
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cellar-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn script(name: &str, text: &str) -> PathBuf {
    let path = temp_dir().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `program args...` in `dir` with `stdin` piped in.
fn run(program: &str, args: &[&str], dir: &Path, stdin: &str) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn cellar() -> &'static str {
    env!("CARGO_BIN_EXE_cellar")
}

fn text(bytes: &[u8]) -> String {
    normalise(&String::from_utf8_lossy(bytes))
}

/// Stdout and exit status agree; so does every line of CPython's stderr that is not part of
/// a traceback's source display (cellar draws that differently).
fn assert_same(args: &[&str], dir: &Path, stdin: &str) {
    let py = run("python3", args, dir, stdin);
    let ce = run(cellar(), args, dir, stdin);
    let what = format!("{args:?} with stdin {stdin:?}");
    assert_eq!(text(&ce.stdout), text(&py.stdout), "stdout of {what}");
    assert_eq!(ce.status.code(), py.status.code(), "status of {what}\n{}", text(&ce.stderr));
    let ce_err = text(&ce.stderr);
    for line in text(&py.stderr).lines().filter(|l| !l.starts_with("    ")) {
        assert!(ce_err.lines().any(|l| l == line), "stderr of {what} lacks {line:?}:\n{ce_err}");
    }
}

/// Both streams through one pipe, as `2>&1` merges them: the order of the two matters.
fn merged(program: &str, args: &[&str], dir: &Path) -> String {
    let mut line = vec![program.to_string()];
    line.extend(args.iter().map(|a| format!("'{a}'")));
    let out = Command::new("sh")
        .args(["-c", &format!("{} 2>&1", line.join(" "))])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    text(&out.stdout)
}

#[test]
fn exit_ends_a_script_with_its_status_after_finally_and_without_a_traceback() {
    if !python_available() {
        return;
    }
    let dir = temp_dir();
    for (name, body) in [
        ("exit5.py", "try:\n    print('working')\n    exit(5)\nfinally:\n    print('cleanup')\nprint('never')\n"),
        ("sysexit_str.py", "import sys\nprint('out')\nsys.exit('a message for stderr')\n"),
        ("sysexit_none.py", "import sys\nsys.exit(None)\n"),
        ("sysexit_big.py", "import sys\nsys.exit(2**70)\n"),
        ("sysexit_wrap.py", "import sys\nsys.exit(258)\n"),
        ("raise_exit.py", "raise SystemExit(4)\n"),
        ("quit_in_function.py", "def stop():\n    quit(6)\nstop()\n"),
    ] {
        let path = script(name, body);
        assert_same(&[path.file_name().unwrap().to_str().unwrap()], &dir, "");
        let ce = run(cellar(), &[path.to_str().unwrap()], &dir, "");
        assert!(!text(&ce.stderr).contains("Traceback"), "{name}: {}", text(&ce.stderr));
    }
    assert_same(&["-c", "import sys; print(sys.argv); sys.exit(3)", "x", "-y"], &dir, "");
}

#[test]
fn exit_leaves_a_piped_session_with_its_status() {
    if !python_available() {
        return;
    }
    let dir = temp_dir();
    let session = "x = 1\nprint('before')\nexit(7)\nprint('never')\n";
    let py = run("python3", &["-i"], &dir, session);
    let ce = run(cellar(), &["-i", "--plain"], &dir, session);
    assert_eq!(text(&ce.stdout), text(&py.stdout));
    assert_eq!(ce.status.code(), py.status.code());
    // `python3 -i` reports the script's SystemExit and goes on to the prompt.
    let path = script("exits.py", "import sys\nprint('script')\nsys.exit(3)\n");
    let args = ["-i", path.to_str().unwrap()];
    let py = run("python3", &args, &dir, "print('prompt')\n");
    let ce = run(cellar(), &["-i", "--plain", path.to_str().unwrap()], &dir, "print('prompt')\n");
    assert_eq!(text(&ce.stdout), text(&py.stdout));
    assert_eq!(ce.status.code(), py.status.code());
    assert!(text(&ce.stderr).lines().any(|l| l == "SystemExit: 3"), "{}", text(&ce.stderr));
}

#[test]
fn the_program_can_come_from_standard_input() {
    if !python_available() {
        return;
    }
    let dir = temp_dir();
    let program = "import sys\nprint(sys.argv)\nprint(1 + 1)\n";
    assert_same(&[], &dir, program);
    assert_same(&["-"], &dir, program);
    assert_same(&["-", "a", "--b"], &dir, program);
    assert_same(&["-"], &dir, "print('x')\n1/0\n");
}

#[test]
fn input_reads_a_line_of_standard_input() {
    if !python_available() {
        return;
    }
    let dir = temp_dir();
    let path = script(
        "greet.py",
        "name = input('name? ')\nprint('hello', repr(name))\nprint(repr(input()))\nprint(input('more? '))\n",
    );
    let file = path.file_name().unwrap().to_str().unwrap();
    assert_same(&[file], &dir, "Ada\r\n  spaced  \n");
    assert_same(&[file], &dir, "only one line\n");
    assert_same(&[file], &dir, "no newline at the end");
}

/// CPython's own piped `-i` hands the rest of its input buffer to the prompt's reader, so
/// there `input()` finds nothing; what a learner sees at a terminal, and what cellar does in
/// both, is that `input()` reads the line after the one that called it.
#[test]
fn input_in_a_piped_session_reads_the_next_line() {
    let session = "x = input('name? ')\nAda Lovelace\nprint('got', repr(x))\ny = input()\n";
    let out = run(cellar(), &["-i", "--plain"], &temp_dir(), session);
    assert_eq!(text(&out.stdout), "name? got 'Ada Lovelace'\n");
    assert!(text(&out.stderr).lines().any(|l| l == "EOFError: EOF when reading a line"));
}

#[test]
fn warnings_and_stderr_writes_land_where_cpython_puts_them() {
    if !python_available() {
        return;
    }
    let dir = temp_dir();
    let path = script(
        "unawaited.py",
        "import sys\nasync def fetch():\n    return 1\n\nprint('before')\nfetch()\nprint('after')\nc = fetch()\nprint('kept')\nc = None\nsys.stderr.write('to stderr\\n')\nprint('out', file=sys.stderr)\n\ndef main():\n    fetch()\n    print('in main')\n    c = fetch()\n    print('kept in main')\n\nmain()\nprint('end')\n",
    );
    let file = path.file_name().unwrap().to_str().unwrap();
    // CPython names the file by its absolute path in the warning, as in tracebacks.
    assert_eq!(merged(cellar(), &[file], &dir), merged("python3", &[file], &dir));
    assert_eq!(
        merged(cellar(), &["-c", "async def f(): pass\nprint(1)\nf()\nprint(2)"], &dir),
        merged("python3", &["-c", "async def f(): pass\nprint(1)\nf()\nprint(2)"], &dir)
    );
    let traceback = script("late_error.py", "print('first')\nprint('second')\n{}['missing']\n");
    let file = traceback.file_name().unwrap().to_str().unwrap();
    let (ce, py) = (merged(cellar(), &[file], &dir), merged("python3", &[file], &dir));
    assert!(ce.starts_with("first\nsecond\nTraceback"), "{ce}");
    assert!(py.starts_with("first\nsecond\nTraceback"), "{py}");
}

/// The span that CPython's carets mark under the source line, as byte columns of the line
/// (the whole line when it prints none).
fn caret_columns(stderr: &str) -> (String, usize, usize) {
    let lines: Vec<&str> = stderr.lines().collect();
    let file_line = lines.iter().rposition(|l| l.starts_with("  File ")).unwrap();
    let source = lines[file_line + 1].trim_start();
    match lines.get(file_line + 2).filter(|l| l.trim_start().starts_with(['^', '~'])) {
        Some(marks) => {
            let marks = &marks[4..];
            let start = marks.find(['^', '~']).unwrap();
            let end = marks.rfind(['^', '~']).unwrap() + 1;
            (lines[file_line].to_string(), start, end)
        }
        None => (lines[file_line].to_string(), 0, source.len()),
    }
}

/// The span cellar's report underlines (`─┬─`), as byte columns of the stripped source line.
fn underline_columns(stderr: &str) -> (String, usize, usize) {
    let lines: Vec<&str> = stderr.lines().collect();
    let file_line = lines.iter().rposition(|l| l.starts_with("  File ")).unwrap();
    let source = lines[file_line + 2];
    let bar = source.find('│').unwrap();
    let code = &source[bar + '│'.len_utf8()..];
    let indent = code.len() - code.trim_start().len();
    let marks: Vec<char> = lines[file_line + 3][bar + '│'.len_utf8()..].chars().collect();
    let start = marks.iter().position(|&c| c == '─' || c == '┬').unwrap();
    let end = marks.iter().rposition(|&c| c == '─' || c == '┬').unwrap() + 1;
    (lines[file_line].to_string(), start - indent, end - indent)
}

#[test]
fn tracebacks_name_the_script_by_its_absolute_path_and_mark_what_cpython_marks() {
    if !python_available() {
        return;
    }
    let dir = temp_dir();
    for (name, body) in [
        ("binop.py", "x = 1/0\n"),
        ("call.py", "len(5)\n"),
        ("call_in_expr.py", "n = 1 + len(5)\n"),
        ("subscript.py", "a = [1]\nb = a[3]\n"),
        ("attribute.py", "def f(x):\n    return x.y\nf(1)\n"),
        ("name.py", "print(undefined_name)\n"),
        ("key_in_binop.py", "d = {}\nd['k'] + 1\n"),
    ] {
        let path = script(name, body);
        let file = path.file_name().unwrap().to_str().unwrap();
        let py = text(&run("python3", &[file], &dir, "").stderr);
        let ce = text(&run(cellar(), &[file], &dir, "").stderr);
        let absolute = format!("  File \"{}\"", path.display());
        assert!(ce.lines().any(|l| l.starts_with(&absolute)), "{name}:\n{ce}");
        assert_eq!(underline_columns(&ce), caret_columns(&py), "{name}:\n{ce}\n{py}");
    }
}

#[test]
fn watch_runs_code_given_with_c() {
    let out = run(cellar(), &["--watch", "-c", "def f():\n    x = 1\n    return lambda: x\ng = f()\nprint(g())"], &temp_dir(), "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("new cell #1 x = 1, held by g") && stdout.ends_with("1\n"), "{stdout}");
}

#[test]
fn a_one_second_timeout_says_second() {
    let out = run(cellar(), &["--timeout", "1", "-c", "while True:\n    pass"], &temp_dir(), "");
    let err = text(&out.stderr);
    assert_eq!(err.lines().last(), Some("TimeoutError: cellar stopped the program after 1 second (--timeout)"));
}

#[test]
fn logging_writes_what_cpython_writes_to_stderr_in_the_same_order() {
    if !python_available() {
        return;
    }
    // The golden keeps only `Type: message` lines of stderr; here the log lines count too.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let file = "modules_logging.py";
    let (ce, py) = (run(cellar(), &[file], &dir, ""), run("python3", &[file], &dir, ""));
    assert_eq!(text(&ce.stderr), text(&py.stderr));
    assert_eq!(merged(cellar(), &[file], &dir), merged("python3", &[file], &dir));
    // asctime is local time to the millisecond: its shape is CPython's, and its date and hour
    // are the same in two runs a moment apart.
    let script = script("asctime.py", "import logging\nlogging.basicConfig(format='%(asctime)s|%(message)s')\nlogging.warning('hi')\n");
    let file = script.file_name().unwrap().to_str().unwrap();
    let (ce, py) = (merged(cellar(), &[file], &temp_dir()), merged("python3", &[file], &temp_dir()));
    let shape = |s: &str| s.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect::<String>();
    assert_eq!(shape(&ce), shape(&py));
    assert_eq!(ce[..13], py[..13], "the same date and hour: {ce} {py}");
}
