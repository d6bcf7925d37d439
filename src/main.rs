//! The `cellar` command: run a script, `-c CODE`, or a piped session.

use cellar::compile::Mode;
use cellar::repl::{Ran, Repl};
use cellar::session::{Failure, Session};
use cellar::teach::diagram::record::Recording;
use cellar::teach::{Style, Teacher};
use clap::Parser;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cellar",
    version,
    about = "Run Python with CPython's semantics and see the cells that closures share.",
    after_help = "With no arguments on a terminal, cellar starts its REPL (:help there lists the commands); with standard input not a terminal, or FILE `-`, it runs the program read from there.\n\nExamples:\n  cellar\n  cellar --watch examples/02_late_binding.py\n  cellar --step examples/02_late_binding.py\n  cellar --trace late.html examples/02_late_binding.py\n  cellar -i --plain < lesson.txt\n  cellar -c 'print((lambda: 42)())'"
)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,
    /// A Python script to run (`-`: read it from standard input), and the arguments the
    /// program finds in `sys.argv` (all of them are arguments with `-c`).
    #[arg(value_name = "FILE [ARG]...", trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
    /// Interactive: after the script (if any), read statements from standard input, echoing
    /// expression values as the Python prompt does.
    #[arg(short = 'i')]
    interactive: bool,
    /// Only what Python itself would print (no teaching output), so that a piped session's
    /// stdout equals `python3 -i`'s.
    #[arg(long, conflicts_with = "watch")]
    plain: bool,
    /// Show the cell watch (what changed among the cells) after each top-level statement of
    /// the script or of `-c CODE`.
    #[arg(long)]
    watch: bool,
    /// Run the script a step at a time: each line reached, call and return, with the frames,
    /// their variables and cells, and what changed. At a terminal each step waits (Enter: next
    /// step, n: step over calls, c: continue, q: stop); piped, the steps print one after another.
    #[arg(long, conflicts_with_all = ["watch", "plain", "interactive"])]
    step: bool,
    /// Also write PAGE.html: one self-contained page that replays the run step by step (each
    /// line reached, call and return), with the source, the output so far and the diagram of
    /// frames, functions and cells. The program runs as usual.
    #[arg(long, value_name = "PAGE.html", conflicts_with_all = ["watch", "step", "interactive"])]
    trace: Option<std::path::PathBuf>,
    /// The steps the page keeps at most; the program runs on to its end past them.
    #[arg(long, value_name = "N", requires = "trace", default_value_t = 100_000)]
    trace_steps: usize,
    /// Stop the program with a TimeoutError after this many seconds (for running lessons
    /// unattended).
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
    /// Cap on the memory a program may hold, in MiB; past it, MemoryError (default 8192).
    #[arg(long, value_name = "MIB")]
    max_memory: Option<usize>,
}

impl Cli {
    /// The script named on the command line; with `-c`, every argument is the program's.
    fn file(&self) -> Option<&str> {
        if self.code.is_some() {
            return None;
        }
        self.args.first().map(String::as_str)
    }

    /// `sys.argv` as CPython makes it: the script as named and its arguments, `-c` in place of
    /// the script for a program given as a string, and `['']` when there is neither.
    fn argv(&self) -> Vec<String> {
        match (&self.code, self.args.is_empty()) {
            (Some(_), _) => std::iter::once("-c".to_string()).chain(self.args.iter().cloned()).collect(),
            (None, false) => self.args.clone(),
            (None, true) => vec![String::new()],
        }
    }
}

#[global_allocator]
static ALLOCATOR: cellar::runtime::support::limits::CountingAllocator = cellar::runtime::support::limits::CountingAllocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let run = std::thread::Builder::new()
        .name("cellar".into())
        // Python frames need far more Rust stack than the main thread has.
        .stack_size(cellar::runtime::model::depth::STACK_SIZE)
        .spawn(move || run(cli, color))
        .expect("the interpreter thread starts");
    run.join().unwrap_or(ExitCode::from(70))
}

fn run(cli: Cli, color: bool) -> ExitCode {
    if let Some(mib) = cli.max_memory {
        cellar::runtime::support::limits::set_max_memory(mib.saturating_mul(1 << 20));
    }
    if cli.timeout.is_some_and(|t| !(t > 0.0 && t.is_finite())) {
        eprintln!("cellar: --timeout needs a positive number of seconds");
        return ExitCode::from(2);
    }
    let bare = cli.code.is_none() && cli.file().is_none();
    if (cli.interactive && cli.code.is_none()) || (bare && std::io::stdin().is_terminal()) {
        return interactive(cli, color);
    }
    // As CPython names them in tracebacks: a script by its absolute path.
    let (source, file) = match (&cli.code, cli.file()) {
        (Some(code), _) => (code.clone(), "<string>".to_string()),
        (None, None | Some("-")) => match read_stdin() {
            Ok(s) => (s, "<stdin>".to_string()),
            Err(code) => return code,
        },
        (None, Some(path)) => match read_source(path) {
            Ok(s) => (s, absolute(path)),
            Err(code) => return code,
        },
    };
    if cli.watch {
        return watched(&cli, &source, &file, color);
    }
    // The page's file is opened before the program runs, so that a path that cannot be
    // written is an error before, not after, a long run.
    let page = match &cli.trace {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Some((path, f)),
            Err(e) => {
                eprintln!("cellar: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let mut session = new_session(&cli);
    if cli.step {
        session.interp.set_stepper(Some(Box::new(cellar::teach::step::TextStepper::new(teaching_style(), true))));
    }
    let recording = page.is_some().then(|| Recording::start(&mut session.interp, &file, &source, cli.trace_steps));
    let mut code = match session.run(&source, &file, Mode::Exec) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => match session.exit_status(&failure) {
            Some(status) => ExitCode::from(status),
            None => {
                let text = session.render(&failure, color);
                session.interp.write_err(&text);
                match failure {
                    Failure::Exception(e) if e.is(&cellar::runtime::model::typeobj::types().keyboard_interrupt) => {
                        ExitCode::from(130)
                    }
                    _ => ExitCode::from(1),
                }
            }
        },
    };
    // The process ends here: freeing every object the program made, one by one, would only
    // make it end later (a memoised program's cache is a large part of its run time). The one
    // Python code that runs at teardown is the `finally` of a suspended generator.
    session.close_generators();
    session.interp.flush();
    if let (Some(recording), Some((path, mut file))) = (recording, page) {
        let html = recording.finish(&mut session.interp);
        if let Err(e) = std::io::Write::write_all(&mut file, html.as_bytes()) {
            eprintln!("cellar: cannot write {}: {e}", path.display());
            code = ExitCode::from(2);
        }
    }
    std::mem::forget(session);
    code
}

fn new_session(cli: &Cli) -> Session {
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut session = Session::new(Box::new(out));
    session.interp.argv = cli.argv();
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        session.interp.terminal_input = Some(Box::new(cellar::repl::editor::read_input));
    }
    let interrupter = session.interp.interrupter();
    let _ = ctrlc::set_handler(move || interrupter.interrupt());
    if let Some(seconds) = cli.timeout {
        session.interp.set_timeout(seconds);
    }
    session
}

/// Colour for the teaching output, which goes to stdout.
fn teaching_style() -> Style {
    Style { color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() }
}

/// `cellar --watch FILE` (or `-c CODE`): the program, with the cell watch after each
/// top-level statement.
fn watched(cli: &Cli, source: &str, file: &str, color: bool) -> ExitCode {
    let mut repl = Repl::new(new_session(cli), Some(Teacher::new(teaching_style())), color);
    let ran = repl.script(source, file, true, true);
    repl.session.interp.flush();
    match ran {
        Ran::Completed => ExitCode::SUCCESS,
        Ran::Raised => ExitCode::from(1),
        Ran::Exited(status) => ExitCode::from(status),
    }
}

/// `cellar -i [FILE]`: run the script, then read statements from standard input.
fn interactive(cli: Cli, color: bool) -> ExitCode {
    let teacher = (!cli.plain).then(|| Teacher::new(teaching_style()));
    let mut repl = Repl::new(new_session(&cli), teacher, color);
    if let Some(path) = cli.file() {
        let source = match read_source(path) {
            Ok(s) => s,
            Err(code) => return code,
        };
        // `python3 -i` reports a SystemExit of the script and goes on to the prompt.
        repl.script(&source, &absolute(path), cli.watch, false);
    }
    let terminal = std::io::stdin().is_terminal();
    if terminal {
        match cellar::repl::editor::run(repl, teaching_style().color) {
            Ok(status) => return ExitCode::from(status),
            Err(unusable) => repl = *unusable,
        }
    }
    let status = cellar::repl::run_lines(&mut repl, terminal);
    repl.session.interp.flush();
    ExitCode::from(status)
}

/// The program piped in (`echo 'print(1)' | cellar`, `cellar - < prog.py`).
fn read_stdin() -> Result<String, ExitCode> {
    let mut buf = Vec::new();
    if std::io::stdin().read_to_end(&mut buf).is_err() {
        eprintln!("cellar: cannot read standard input");
        return Err(ExitCode::from(2));
    }
    decode(buf, "<stdin>").map_err(|msg| {
        eprintln!("{msg}");
        ExitCode::from(1)
    })
}

/// Reads a script; a missing file is a one-line error and status 2, as CPython's.
fn read_source(path: &str) -> Result<String, ExitCode> {
    match std::fs::read(path) {
        Ok(bytes) => decode(bytes, path).map_err(|msg| {
            eprintln!("{msg}");
            ExitCode::from(1)
        }),
        Err(e) => {
            let shown = std::fs::canonicalize(path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| absolute(path));
            if std::path::Path::new(path).is_dir() {
                // CPython would run a directory's __main__.py; cellar runs single files only.
                eprintln!("cellar: can't find '__main__' module in '{shown}'");
                return Err(ExitCode::from(1));
            }
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "[Errno 2] No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "[Errno 13] Permission denied".to_string(),
                _ => e.to_string(),
            };
            eprintln!("cellar: can't open file '{shown}': {why}");
            Err(ExitCode::from(2))
        }
    }
}

fn absolute(path: &str) -> String {
    std::env::current_dir().map(|d| d.join(path).display().to_string()).unwrap_or_else(|_| path.to_string())
}

/// Source must be UTF-8; otherwise CPython's SyntaxError for an undeclared encoding.
fn decode(bytes: Vec<u8>, file: &str) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                bytes[bad], file, line
            ))
        }
    }
}
