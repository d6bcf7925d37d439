//! Drives the real REPL through a pseudo-terminal (tmux) and checks the screen: a multi-line
//! `def` typed with auto-indent, Tab completion of `__closure__` and `cell_contents`, Ctrl-C
//! during `while True: pass` followed by a working prompt, history recalled after a
//! restart, `input()` reading the next line typed, and `exit()` leaving; then the editing
//! that makes CPython's keystrokes work (`else` moving out as it is typed to the block it
//! continues, however nested, indentation typed with spaces or Tab replacing the automatic
//! one), completion of a closure's cells and of the commands, and `:scope`'s columns lined up
//! in colour. `.ci/run` installs tmux; without it these tests say so and pass.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    state: PathBuf,
    color: bool,
}

impl Tmux {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs")
    }

    /// Starts cellar in a fresh window, with its history kept in `self.state`.
    fn start(&self) {
        let cmd = format!(
            "env XDG_STATE_HOME={} {}{}",
            self.state.display(),
            if self.color { "" } else { "NO_COLOR=1 " },
            env!("CARGO_BIN_EXE_cellar")
        );
        let out = self.tmux(&["new-session", "-d", "-s", "cellar", "-x", "120", "-y", "50", &cmd]);
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        self.wait(|s| prompts(s) == 1, "the first prompt");
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "cellar"]).stdout).into_owned()
    }

    /// The screen with its colour codes, and lines that wrapped joined again.
    fn screen_in_colour(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-e", "-J", "-t", "cellar"]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "cellar"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types a line and presses Enter, then waits for the next prompt: keys sent while
    /// cellar is busy would reach a line editor that has not started yet.
    fn line(&self, text: &str) {
        let before = prompts(&self.screen());
        if !text.is_empty() {
            self.keys(&["-l", text]);
        }
        self.keys(&["Enter"]);
        self.wait(|s| prompts(s) > before, &format!("the prompt after {text:?}"));
    }

    fn wait(&self, done: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if done(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn running(&self) -> bool {
        self.tmux(&["has-session", "-t", "cellar"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

/// Prompt lines on the screen: each entry line read so far, plus the one being typed.
fn prompts(screen: &str) -> usize {
    screen.lines().filter(|l| l.starts_with(">>>") || l.starts_with("...")).count()
}

fn has_line(screen: &str, line: &str) -> bool {
    screen.lines().any(|l| l.trim_end() == line)
}

fn tmux_available() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// A tmux server of the test's own, with cellar started in it (in colour, or with
/// `NO_COLOR`); `None` without tmux.
fn cellar_in_tmux(test: &str, color: bool) -> Option<Tmux> {
    if !tmux_available() {
        eprintln!("SKIPPED {test}: tmux is not installed (apt-get install tmux; .ci/run does)");
        return None;
    }
    let id = std::process::id();
    let t = Tmux {
        socket: format!("cellar-test-{id}-{test}"),
        state: std::env::temp_dir().join(format!("cellar-state-{id}-{test}")),
        color,
    };
    let _ = std::fs::remove_dir_all(&t.state);
    std::fs::create_dir_all(&t.state).unwrap();
    t.start();
    Some(t)
}

#[test]
fn the_repl_on_a_terminal() {
    let Some(t) = cellar_in_tmux("the_repl_on_a_terminal", false) else { return };

    // No line is typed with indentation: each starts indented to its block, one level
    // deeper after a `:`, one level shallower after a `return`.
    t.line("def make_multiplier(factor):");
    t.line("def multiply(number):");
    t.line("return number * factor");
    t.line("return multiply");
    let s = t.screen();
    assert!(has_line(&s, "...     def multiply(number):"), "{s}");
    assert!(has_line(&s, "...         return number * factor"), "{s}");
    assert!(has_line(&s, "...     return multiply"), "{s}");
    t.line("");
    // Backspace in the indentation takes a whole level away.
    t.line("if True:");
    t.line("if True:");
    t.line("x = 1");
    t.keys(&["BSpace"]);
    t.line("y = 2");
    t.wait(|s| has_line(s, "...     y = 2"), "Backspace removing one level of indentation");
    t.line("");
    t.line("");
    t.line("double = make_multiplier(2)");
    t.wait(|s| has_line(s, "  new cell #1 factor = 2, held by double"), "the cell watch");

    t.keys(&["-l", "double.__clo"]);
    t.keys(&["Tab"]);
    t.wait(|s| s.contains(">>> double.__closure__"), "completion of __closure__");
    t.keys(&["-l", "[0].cell_con"]);
    t.keys(&["Tab"]);
    t.wait(|s| s.contains(">>> double.__closure__[0].cell_contents"), "completion of cell_contents");
    t.line("");
    t.wait(|s| has_line(s, "2"), "the cell's contents echoed");

    t.line("while True: pass");
    let before = prompts(&t.screen());
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["C-c"]);
    t.wait(|s| has_line(s, "KeyboardInterrupt") && prompts(s) > before, "KeyboardInterrupt and a prompt");
    t.line("double(21)");
    t.wait(|s| has_line(s, "42"), "the session kept after Ctrl-C");

    t.keys(&["C-d"]);
    let start = Instant::now();
    while t.running() {
        assert!(start.elapsed() < Duration::from_secs(10), "Ctrl-D did not end the REPL:\n{}", t.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(history(&t.state).contains("double(21)"), "history file: {}", history(&t.state));

    t.start();
    t.keys(&["Up"]);
    t.wait(|s| s.contains(">>> double(21)"), "the last line recalled from history");
    t.keys(&["C-u"]);

    // input() reads the next line typed at the terminal, after its prompt.
    t.keys(&["-l", "name = input('name? ')"]);
    t.keys(&["Enter"]);
    t.wait(|s| has_line(s, "name?"), "input()'s prompt");
    t.line("Ada");
    t.line("name");
    t.wait(|s| has_line(s, "'Ada'"), "the line input() read");
    // Ctrl-C at input()'s prompt is KeyboardInterrupt at once, and the session goes on.
    t.keys(&["-l", "input('again? ')"]);
    t.keys(&["Enter"]);
    t.wait(|s| has_line(s, "again?"), "the second input()'s prompt");
    let before = prompts(&t.screen());
    t.keys(&["C-c"]);
    t.wait(|s| has_line(s, "KeyboardInterrupt") && prompts(s) > before, "KeyboardInterrupt at input()");

    // exit() leaves the REPL.
    t.keys(&["-l", "exit(3)"]);
    t.keys(&["Enter"]);
    let start = Instant::now();
    while t.running() {
        assert!(start.elapsed() < Duration::from_secs(10), "exit() did not end the REPL:\n{}", t.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn history(state: &Path) -> String {
    std::fs::read_to_string(state.join("cellar/history")).unwrap_or_default()
}

#[test]
fn typing_as_at_cpythons_prompt() {
    let Some(t) = cellar_in_tmux("typing_as_at_cpythons_prompt", false) else { return };

    // `elif`, `else`, `except` and `finally` move out to their block as soon as the
    // character after the keyword is typed, before Enter.
    t.line("for n in range(3):");
    t.line("if n == 1:");
    t.line("print('one')");
    t.keys(&["-l", "elif "]);
    t.wait(|s| has_line(s, "...     elif"), "elif moving out to its if when the space is typed");
    t.line("n == 2:");
    t.line("print('two')");
    t.keys(&["-l", "else:"]);
    t.wait(|s| has_line(s, "...     else:"), "else moving out to its if when the colon is typed");
    t.line("");
    t.line("print('other')");
    t.line("");
    t.wait(|s| has_line(s, "other") && has_line(s, "one") && has_line(s, "two"), "the loop's output");
    t.line("try:");
    t.line("x = 1 / 0");
    t.keys(&["-l", "except "]);
    t.wait(|s| has_line(s, "... except"), "except moving out to its try");
    t.line("ZeroDivisionError:");
    t.line("print('caught')");
    t.keys(&["-l", "finally:"]);
    t.wait(|s| has_line(s, "... finally:"), "finally moving out to its try");
    t.line("");
    t.line("print('done')");
    t.line("");
    t.wait(|s| has_line(s, "caught") && has_line(s, "done"), "the try's output");

    // Lines typed with their indentation, as at CPython's prompt: a space as the first key
    // replaces the automatic indentation, and a keyword at typed indentation stays put.
    t.line("def add(a, b):");
    t.line("    total = a + b");
    t.line("    return total");
    t.line("");
    t.line("for i in range(2):");
    t.line("    if i:");
    t.line("        print('yes', add(i, 1))");
    t.line("    else:");
    t.line("        print('no', add(i, 2))");
    t.line("");
    let s = t.wait(|s| has_line(s, "yes 2"), "the output of the lines typed with indentation");
    for line in [
        "...     total = a + b",
        "...     return total",
        "...     if i:",
        "...         print('yes', add(i, 1))",
        "...     else:",
        "...         print('no', add(i, 2))",
        "no 2",
    ] {
        assert!(has_line(&s, line), "no line {line:?} on the screen:\n{s}");
    }

    // Tab as the first key is typed indentation too (at CPython's prompt it inserts a tab);
    // a second Tab adds a level.
    t.line("for i in range(1):");
    t.keys(&["Tab"]);
    t.line("if i == 0:");
    t.keys(&["Tab", "Tab"]);
    t.line("print('tabbed', i)");
    t.keys(&["Tab"]);
    t.line("else:");
    t.keys(&["Tab", "Tab"]);
    t.line("print('never')");
    t.line("");
    let s = t.wait(|s| has_line(s, "tabbed 0"), "the output of the lines indented with Tab");
    for line in ["...     if i == 0:", "...         print('tabbed', i)", "...     else:", "...         print('never')"] {
        assert!(has_line(&s, line), "no line {line:?} on the screen:\n{s}");
    }
}

#[test]
fn keywords_find_their_block_when_nested() {
    let Some(t) = cellar_in_tmux("keywords_find_their_block_when_nested", false) else { return };
    // Each keyword goes to the nearest open block that can take it: `else` past a `try`
    // statement that `finally` closed to the `for`, and past the `while` whose `else` is done.
    for line in [
        "def f(xs):",
        "for x in xs:",
        "while x:",
        "x -= 1",
        "else:",
        "print('while', x)",
        "try:",
        "1 / x",
        "except ZeroDivisionError:",
        "print('zero')",
        "else:",
        "print('not zero')",
        "finally:",
        "print('finally')",
        "else:",
        "print('for')",
        "",
        "f([2])",
    ] {
        t.line(line);
    }
    let s = t.wait(|s| has_line(s, "for"), "the output of f");
    for line in [
        "...         else:",
        "...             print('while', x)",
        "...             except ZeroDivisionError:",
        "...             else:",
        "...             finally:",
        "...     else:",
        "...         print('for')",
        "while 0",
        "zero",
        "finally",
    ] {
        assert!(has_line(&s, line), "no line {line:?} on the screen:\n{s}");
    }
}

#[test]
fn completing_cells_and_commands() {
    let Some(t) = cellar_in_tmux("completing_cells_and_commands", false) else { return };
    t.line("def make_counter(step):");
    t.line("count = 0");
    t.line("def inc():");
    t.line("nonlocal count");
    t.line("count += step");
    t.line("return count");
    t.line("return inc");
    t.line("");
    t.line("inc = make_counter(5)");

    // One Tab offers the closure's cells: `[`, which they share, is filled in, and a second
    // Tab lists them.
    t.keys(&["-l", "inc.__closure__"]);
    t.keys(&["Tab"]);
    t.wait(|s| s.contains(">>> inc.__closure__["), "the bracket the cells share");
    t.keys(&["Tab"]);
    t.wait(|s| s.lines().any(|l| l.split_whitespace().eq(["[0]", "[1]"])), "the list of cells");
    t.keys(&["-l", "1"]);
    t.keys(&["Tab"]);
    t.wait(|s| s.contains(">>> inc.__closure__[1]"), "the cell completed");
    t.keys(&["-l", ".cell_con"]);
    t.keys(&["Tab"]);
    t.wait(|s| s.contains(">>> inc.__closure__[1].cell_contents"), "cell_contents after the cell");
    t.line("");
    t.wait(|s| has_line(s, "5"), "the cell's contents echoed");

    // Commands complete with the space their argument needs.
    t.keys(&["-l", ":sc"]);
    t.keys(&["Tab"]);
    t.wait(|s| s.contains(">>> :scope"), "the command completed");
    t.line("inc");
    t.wait(|s| s.lines().any(|l| l.starts_with("inc (make_counter.<locals>.inc")), ":scope inc's output");
}

#[test]
fn scope_columns_line_up_in_colour() {
    let Some(t) = cellar_in_tmux("scope_columns_line_up_in_colour", true) else { return };
    t.line("total = 0");
    t.line("def outer(n):");
    t.line("count = 0");
    t.line("def inc(step):");
    t.line("nonlocal count");
    t.line("global total");
    t.line("count += step");
    t.line("return len(str(count + n + total))");
    t.line("return inc");
    t.line("");
    t.line("inc = outer(1)");
    t.line(":scope inc");
    let screen = t.screen_in_colour();
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !visible(l).starts_with(">>> :scope inc"))
        .skip(2)
        .take_while(|l| visible(l).starts_with("  "))
        .collect();
    assert_eq!(rows.len(), 6, "not the six names of inc:\n{screen}");
    assert!(rows.iter().all(|r| r.contains('\x1b')), "not in colour:\n{screen}");
    let rows: Vec<String> = rows.iter().map(|r| visible(r)).collect();
    let columns: Vec<(usize, usize)> = rows.iter().map(|r| columns(r)).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "columns differ, {columns:?}:\n{}", rows.join("\n"));
    let (kind, why) = columns[0];
    let mut kinds: Vec<&str> = rows.iter().map(|r| r[kind..why].trim_end()).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds, ["builtin", "free", "global", "local"], "\n{}", rows.join("\n"));
}

/// A line as it reads on the screen: colour codes take no columns.
fn visible(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|c| c.is_ascii_alphabetic());
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the kind column and the explanation column start on a row of `:scope`.
fn columns(row: &str) -> (usize, usize) {
    let after_name = 2 + row[2..].find(' ').unwrap_or(0);
    let kind = after_name + row[after_name..].find(|c| c != ' ').unwrap_or(0);
    let after_kind = kind + row[kind..].find(' ').unwrap_or(0);
    let why = after_kind + row[after_kind..].find(|c| c != ' ').unwrap_or(0);
    (kind, why)
}

/// `:step` at a terminal waits at each step: Enter takes the next one, `n` steps over a call,
/// `c` runs to the end, and `q` abandons the statement.
#[test]
fn stepping_waits_for_each_key() {
    let Some(t) = cellar_in_tmux("stepping_waits_for_each_key", false) else { return };
    t.line("def twice(n):");
    t.line("return n * 2");
    t.line("");
    t.line("def add_twice(a, b):");
    t.line("x = twice(a)");
    t.line("return x + twice(b)");
    t.line("");
    t.keys(&["-l", ":step add_twice(1, 2)"]);
    t.keys(&["Enter"]);
    t.wait(|s| s.contains("── step 1 · line 1 ──") && s.contains("step>"), "the first step");
    assert!(t.screen().contains("Enter: next step"), "the keys are shown with the first step");
    t.keys(&["Enter"]);
    t.wait(|s| s.contains("── step 2 · add_twice() is called"), "the call");
    t.keys(&["Enter"]);
    t.wait(|s| s.contains("── step 3 · line 2 in add_twice"), "its first line");
    // Over `twice(a)`: the next step is add_twice's next line, with x bound.
    t.keys(&["-l", "n"]);
    t.keys(&["Enter"]);
    t.wait(|s| s.contains("── step 4 · line 3 in add_twice") && s.contains("x = 2"), "the step over twice(a)");
    t.keys(&["-l", "c"]);
    t.keys(&["Enter"]);
    t.wait(|s| has_line(s, "6"), "the result after continuing");

    t.keys(&["-l", ":step add_twice(3, 4)"]);
    t.keys(&["Enter"]);
    t.wait(|s| s.contains("── step 1 · line 1 ──") && s.matches("step>").count() >= 5, "the first step again");
    t.keys(&["-l", "q"]);
    t.keys(&["Enter"]);
    t.wait(|s| s.contains("stepping stopped at step 1") && has_line(s, "KeyboardInterrupt"), "the statement abandoned");
    t.keys(&["-l", "twice(5)"]);
    t.keys(&["Enter"]);
    t.wait(|s| has_line(s, "10"), "the session going on");
}
