//! Reference cycles are reclaimed: a program that makes a cycle and drops it on every
//! iteration runs in constant memory, and a cycle something still refers to stays intact.
//!
//! Each program runs under a memory cap far below what its cycles would take if they leaked
//! (about a hundred bytes each, a million times), so a leak is a `MemoryError`.

use std::process::Command;

const ITERATIONS: usize = 1_000_000;
const CAP_MIB: &str = "48";

fn run(setup: &str, body: &str) -> (Option<i32>, String, String) {
    let body: String = body.lines().map(|l| format!("    {l}\n")).collect();
    let code = format!("{setup}\nfor _ in range({ITERATIONS}):\n{body}print('ok')\n");
    let out = Command::new(env!("CARGO_BIN_EXE_cellar"))
        .args(["--max-memory", CAP_MIB, "-c", &code])
        .env("NO_COLOR", "1")
        .output()
        .expect("cellar runs");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn assert_flat(setup: &str, body: &str) {
    let (status, out, err) = run(setup, body);
    assert_eq!((status, out.as_str()), (Some(0), "ok\n"), "leaks:\n{setup}\n{body}\n{err}");
}

#[test]
fn list_and_dict_cycles_are_reclaimed() {
    assert_flat("", "a = []\na.append(a)");
    assert_flat("", "d = {}\nd['d'] = d");
    assert_flat("", "a = []\nd = {'a': a}\na.append(d)");
    // Through a tuple that only the list holds, and a bound builtin.
    assert_flat("", "a = []\na.append((1, a))");
    assert_flat("", "a = []\na.append(a.append)");
    assert_flat("", "a = []\na.append(iter(a))");
    assert_flat("", "a = []\na.append(x for x in a)");
}

#[test]
fn function_cycles_are_reclaimed() {
    assert_flat("", "def f(): pass\nf.me = f");
    assert_flat("", "def f(x=[]): pass\nf.__defaults__[0].append(f)");
    assert_flat("def make():\n    s = set()\n    def g(): return s\n    s.add(g)", "make()");
    assert_flat(
        "def make():\n    items = []\n    def add(): items.append(add)\n    add()",
        "make()",
    );
}

#[test]
fn exception_cycles_are_reclaimed() {
    assert_flat("", "lst = []\ntry:\n    raise ValueError(lst)\nexcept ValueError as e:\n    lst.append(e)");
    assert_flat(
        "",
        "try:\n    try:\n        raise KeyError('k')\n    except KeyError as k:\n        raise ValueError('v')\n\
         except ValueError as v:\n    v.__context__.later = v",
    );
}

#[test]
fn native_object_cycles_are_reclaimed() {
    assert_flat("from collections import deque", "q = deque()\nq.append(q)");
    assert_flat("from functools import partial", "a = []\na.append(partial(print, a))");
    assert_flat("from functools import lru_cache", "@lru_cache\ndef f(x): return f\nf(1)");
}

#[test]
fn class_cycles_are_reclaimed() {
    assert_flat("", "class A:\n    def f(self):\n        return super().f");
    assert_flat("", "class B:\n    pass\nB.me = B()");
}

#[test]
fn live_cycles_are_never_cleared() {
    let code = "keep = []\nkeep.append(keep)\nd = {}\nd['d'] = d\ndef f(): pass\nf.me = f\n\
                def work():\n    mine = [1]\n    mine.append(mine)\n    for _ in range(200_000):\n        t = []\n        t.append(t)\n    return mine[1] is mine and mine[0] == 1\n\
                print(work() and keep[0] is keep and d['d'] is d and f.me is f)\n";
    let out = Command::new(env!("CARGO_BIN_EXE_cellar")).args(["-c", code]).output().expect("cellar runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "True\n", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn live_classes_survive_collections() {
    let code = "class C(list):\n    def f(self):\n        return super().__len__()\nC.me = C([1, 2])\n\
                def make():\n    class Local:\n        def g(self):\n            return __class__.__name__\n    return Local()\n\
                kept = make()\nfor _ in range(200_000):\n    t = []\n    t.append(t)\n\
                print(C.me.f(), kept.g(), type(kept).__name__)\n";
    let out = Command::new(env!("CARGO_BIN_EXE_cellar")).args(["-c", code]).output().expect("cellar runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2 Local Local\n", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_cycle_through_a_million_nested_tuples_is_reclaimed_without_deep_recursion() {
    let code = "a = []\nt = (a,)\nfor _ in range(1_000_000):\n    t = (t,)\na.append(t)\ndel t\n\
                for _ in range(200_000):\n    b = []\n    b.append(b)\nprint('ok')\n";
    let out = Command::new(env!("CARGO_BIN_EXE_cellar")).args(["--max-memory", "256", "-c", code]).output().expect("cellar runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_long_repl_session_runs_in_flat_memory() {
    use std::io::Write;
    use std::process::Stdio;
    let mut session = String::new();
    for i in 0..3000 {
        session += &format!("a = [{i}] * 10_000\na.append(a)\n");
        session += "def f(): pass\n\nf.me = [f] * 1000\n";
    }
    session += "print('done')\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_cellar"))
        .args(["-i", "--plain", "--max-memory", CAP_MIB])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cellar runs");
    child.stdin.take().expect("stdin").write_all(session.as_bytes()).expect("session written");
    let out = child.wait_with_output().expect("cellar ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("done\n") && !err.contains("Error"), "{err}");
}
