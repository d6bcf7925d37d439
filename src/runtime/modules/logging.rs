//! `logging`: loggers by dotted name, levels inherited from parents, the root's handler that
//! `basicConfig` installs and CPython's "last resort" handler, with CPython's exact text.
//! There are no handler, filter or formatter objects: the only handler is the root's, which
//! writes to stderr (or `sys.stdout`) with one `%`-style format. What cellar cannot reproduce
//! exactly (the caller's line and function, a traceback for `exception()`, CPython's
//! "--- Logging error ---" report) is a clear NotImplementedError, never a wrong line.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{not_implemented, type_error, value_error};
use crate::runtime::model::typeobj::TypeObj;
use crate::runtime::model::value::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::time::{SystemTime, UNIX_EPOCH};
use super::sys::Stream;
use super::{closure_fn, method, new_module, receiver};

const NOTSET: i64 = 0;
const DEBUG: i64 = 10;
const INFO: i64 = 20;
const WARNING: i64 = 30;
const ERROR: i64 = 40;
const CRITICAL: i64 = 50;

/// CPython's `_levelToName`.
fn level_to_name(level: i64) -> Option<&'static str> {
    Some(match level {
        CRITICAL => "CRITICAL",
        ERROR => "ERROR",
        WARNING => "WARNING",
        INFO => "INFO",
        DEBUG => "DEBUG",
        NOTSET => "NOTSET",
        _ => return None,
    })
}

/// CPython's `_nameToLevel`.
fn name_to_level(name: &str) -> Option<i64> {
    Some(match name {
        "CRITICAL" | "FATAL" => CRITICAL,
        "ERROR" => ERROR,
        "WARN" | "WARNING" => WARNING,
        "INFO" => INFO,
        "DEBUG" => DEBUG,
        "NOTSET" => NOTSET,
        _ => return None,
    })
}

/// The record attributes a format may name. `funcName` and `lineno` are missing: they are the
/// caller's function and line, which a builtin of cellar cannot see.
const RECORD_KEYS: [&str; 21] = [
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
    "exc_text", "stack_info", "created", "msecs", "relativeCreated", "thread", "threadName",
    "processName", "process", "message", "asctime", "taskName",
];

/// The root's handler, as `basicConfig` makes it: a stream and a `%`-style format.
struct Handler {
    format: Rc<PyStr>,
    to_stdout: bool,
}

/// The module's state, shared by its functions and its loggers.
struct State {
    root: Value,
    /// The loggers `getLogger` made, by name (the root is not among them).
    loggers: RefCell<HashMap<String, Value>>,
    /// The root's handler; `None` until `basicConfig` configures logging.
    handler: RefCell<Option<Handler>>,
    /// When the module was imported, for `relativeCreated`.
    start: f64,
}

/// A `State` as a value, so that the module's functions can carry it.
struct StateObj(Rc<State>);

thread_local! {
    static STATE_TYPE: Rc<TypeObj> = TypeObj::native("logging", "_State");
    static LOGGER_TYPE: Rc<TypeObj> = TypeObj::native("logging", "Logger");
    static ROOT_LOGGER_TYPE: Rc<TypeObj> = TypeObj::native_subclass("logging", "RootLogger", LOGGER_TYPE.with(|t| t.clone()));
}

impl Native for StateObj {
    fn type_obj(&self) -> Rc<TypeObj> {
        STATE_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `Logger`. It refers to the state weakly: the state owns the loggers.
struct Logger {
    state: Weak<State>,
    name: String,
    level: Cell<i64>,
    propagate: Cell<bool>,
    is_root: bool,
}

impl Logger {
    fn state(&self) -> PyResult<Rc<State>> {
        match self.state.upgrade() {
            Some(s) => Ok(s),
            None => not_implemented("this logger outlived its logging module"),
        }
    }

    /// The nearest existing logger above this one by dotted name, else the root; `None` for the
    /// root. Looked up at each use, which is what CPython's placeholders amount to.
    fn parent(&self, state: &State) -> Option<Value> {
        if self.is_root {
            return None;
        }
        let loggers = state.loggers.borrow();
        let mut name = self.name.as_str();
        while let Some((up, _)) = name.rsplit_once('.') {
            if let Some(l) = loggers.get(up) {
                return Some(l.clone());
            }
            name = up;
        }
        Some(state.root.clone())
    }

    /// `getEffectiveLevel()`: the first level set, going up the parents.
    fn effective_level(&self, state: &State) -> i64 {
        if self.level.get() != NOTSET || self.is_root {
            return self.level.get();
        }
        let mut up = self.parent(state);
        while let Some(v) = up {
            let l = as_logger(&v);
            if l.level.get() != NOTSET {
                return l.level.get();
            }
            up = l.parent(state);
        }
        NOTSET
    }
}

fn as_logger(v: &Value) -> &Logger {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Logger>().expect("the state holds only loggers"),
        _ => unreachable!("the state holds only loggers"),
    }
}

/// The logger methods, by name.
const METHODS: [(&str, BuiltinFn); 10] = [
    ("debug", logger_debug),
    ("info", logger_info),
    ("warning", logger_warning),
    ("error", logger_error),
    ("critical", logger_critical),
    ("exception", logger_exception),
    ("log", logger_log),
    ("setLevel", logger_set_level),
    ("getEffectiveLevel", logger_get_effective_level),
    ("isEnabledFor", logger_is_enabled_for),
];

impl Native for Logger {
    fn type_obj(&self) -> Rc<TypeObj> {
        if self.is_root {
            ROOT_LOGGER_TYPE.with(|t| t.clone())
        } else {
            LOGGER_TYPE.with(|t| t.clone())
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, _this: &Value) -> PyResult<String> {
        let state = self.state()?;
        let class = if self.is_root { "RootLogger" } else { "Logger" };
        Ok(format!("<{class} {} ({})>", self.name, level_name_of(self.effective_level(&state))))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "name" => Value::str(&self.name),
            "level" => Value::Int(self.level.get()),
            "propagate" => Value::Bool(self.propagate.get()),
            "disabled" => Value::Bool(false),
            "parent" => self.parent(&*self.state()?).unwrap_or(Value::None),
            "fatal" => method("critical", "Logger", logger_critical, this),
            "warn" => method("warn", "Logger", logger_warning, this),
            // CPython's loggers have these; an AttributeError would wrongly say they do not.
            "handlers" | "addHandler" | "removeHandler" | "hasHandlers" | "filters" | "addFilter"
            | "removeFilter" | "filter" | "handle" | "callHandlers" | "makeRecord" | "findCaller"
            | "manager" | "getChild" => {
                return not_implemented(format!("cellar's logging loggers have no {name}: there are no handler or filter objects"))
            }
            _ => match METHODS.iter().find(|(n, _)| *n == name) {
                Some((n, f)) => method(n, "Logger", *f, this),
                None => return Ok(None),
            },
        }))
    }
    fn setattr(&self, interp: &mut Interp, name: &str, value: Value) -> PyResult<bool> {
        match name {
            "level" => self.level.set(check_level(interp, &value)?),
            "propagate" => self.propagate.set(interp.truthy(&value)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

pub fn module(_interp: &mut Interp) -> Value {
    let state = Rc::new_cyclic(|weak: &Weak<State>| State {
        root: Value::native(Logger {
            state: weak.clone(),
            name: "root".to_string(),
            level: Cell::new(WARNING),
            propagate: Cell::new(true),
            is_root: true,
        }),
        loggers: RefCell::new(HashMap::new()),
        handler: RefCell::new(None),
        start: now(),
    });
    let root = state.root.clone();
    let carried = Value::native(StateObj(state));
    let f = |name: &'static str, f: BuiltinFn| (name, closure_fn(name, f, carried.clone()));
    new_module(
        "logging",
        vec![
            ("NOTSET", Value::Int(NOTSET)),
            ("DEBUG", Value::Int(DEBUG)),
            ("INFO", Value::Int(INFO)),
            ("WARNING", Value::Int(WARNING)),
            ("WARN", Value::Int(WARNING)),
            ("ERROR", Value::Int(ERROR)),
            ("CRITICAL", Value::Int(CRITICAL)),
            ("FATAL", Value::Int(CRITICAL)),
            ("BASIC_FORMAT", Value::str(BASIC_FORMAT)),
            ("root", root),
            f("basicConfig", basic_config),
            f("getLogger", get_logger),
            ("getLevelName", super::func("getLevelName", get_level_name)),
            f("debug", module_debug),
            f("info", module_info),
            f("warning", module_warning),
            f("warn", module_warning),
            f("error", module_error),
            f("critical", module_critical),
            f("fatal", module_critical),
            f("exception", module_exception),
            f("log", module_log),
        ],
    )
}

/// `basicConfig`'s default format.
const BASIC_FORMAT: &str = "%(levelname)s:%(name)s:%(message)s";

fn state_of(b: &Builtin) -> Rc<State> {
    match &b.bound {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<StateObj>().expect("module functions carry the state").0.clone(),
        _ => unreachable!("module functions carry the state"),
    }
}

fn now() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64()
}

/// `getLevelName(level)`: the name of a level, the level of a name, else `"Level %s"`.
fn get_level_name(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos(b.name, &args, 1, 1)?;
    let level = &args.pos[0];
    if let Some(n) = level_number(level).and_then(level_to_name) {
        return Ok(Value::str(n));
    }
    if let Value::Str(s) = level {
        if let Some(l) = name_to_level(s.as_str()) {
            return Ok(Value::Int(l));
        }
    }
    Ok(Value::string(format!("Level {}", interp.str(level)?)))
}

/// The level a number stands for as a dict key (`10.0 == 10`), if it is a whole number.
fn level_number(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e18 => Some(*f as i64),
        _ => None,
    }
}

fn level_name_of(level: i64) -> String {
    level_to_name(level).map_or_else(|| format!("Level {level}"), str::to_string)
}

/// CPython's `_checkLevel`: an int, or the name of a level.
fn check_level(interp: &mut Interp, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Str(s) => match name_to_level(s.as_str()) {
            Some(l) => Ok(l),
            None => value_error(format!("Unknown level: {}", interp.repr(v)?)),
        },
        _ => type_error(format!("Level not an integer or a valid string: {}", interp.repr(v)?)),
    }
}

/// `getLogger(name=None)`: the root for no name or `'root'`, else the one logger of that name.
fn get_logger(_interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let name = match (args.pos, args.kw) {
        ([], []) => None,
        ([v], []) => Some(v),
        ([], [(k, v)]) if k.as_str() == "name" => Some(v),
        ([], [(k, _)]) => return type_error(format!("getLogger() got an unexpected keyword argument '{}'", k.as_str())),
        _ => return type_error(format!("getLogger() takes from 0 to 1 positional arguments but {} were given", args.pos.len() + args.kw.len())),
    };
    let state = state_of(b);
    let name = match name {
        None | Some(Value::None) => return Ok(state.root.clone()),
        Some(Value::Str(s)) if s.as_str().is_empty() || s.as_str() == "root" => return Ok(state.root.clone()),
        Some(Value::Str(s)) => s.as_str().to_string(),
        // Any other falsy name is the root too (`if not name`), as in CPython.
        Some(v) if !crate::runtime::types::ops::truthy(v) => return Ok(state.root.clone()),
        Some(_) => return type_error("A logger name must be a string"),
    };
    let mut loggers = state.loggers.borrow_mut();
    let logger = loggers.entry(name.clone()).or_insert_with(|| {
        Value::native(Logger {
            state: Rc::downgrade(&state),
            name,
            level: Cell::new(NOTSET),
            propagate: Cell::new(true),
            is_root: false,
        })
    });
    Ok(logger.clone())
}

/// `basicConfig(**kwargs)`: installs the root's handler unless it has one (or `force=True`
/// removes it first), then sets the root's level. Like CPython, arguments are looked at only
/// when there is something to configure.
fn basic_config(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        return type_error(format!("basicConfig() takes 0 positional arguments but {} {} given", args.pos.len(), if args.pos.len() == 1 { "was" } else { "were" }));
    }
    let state = state_of(b);
    let mut rest: Vec<(Rc<PyStr>, Value)> = args.kw.to_vec();
    let mut take = |key: &str| rest.iter().position(|(k, _)| k.as_str() == key).map(|i| rest.remove(i).1);
    let force = match take("force") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    if force {
        *state.handler.borrow_mut() = None;
    }
    if state.handler.borrow().is_some() {
        return Ok(Value::None);
    }
    for key in ["encoding", "errors", "handlers", "filename", "filemode", "datefmt"] {
        if take(key).is_some_and(|v| !matches!(v, Value::None)) {
            return not_implemented(format!("cellar's logging.basicConfig does not support {key}="));
        }
    }
    let to_stdout = match take("stream") {
        None | Some(Value::None) => false,
        Some(Value::Native(n)) if n.as_any().is::<Stream>() => !n.as_any().downcast_ref::<Stream>().is_some_and(|s| s.err),
        Some(_) => return not_implemented("cellar's logging.basicConfig takes only sys.stdout or sys.stderr as stream="),
    };
    let style = match take("style") {
        None => "%".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => interp.repr(&v)?,
    };
    if !matches!(style.as_str(), "%" | "{" | "$") {
        return value_error("Style must be one of: %,{,$");
    }
    if style != "%" {
        return not_implemented(format!("cellar's logging.basicConfig supports only style='%', not style='{style}'"));
    }
    let format = match take("format") {
        None => Rc::new(PyStr::new(BASIC_FORMAT)),
        Some(Value::Str(s)) => s,
        Some(v) => return type_error(format!("expected string or bytes-like object, got '{}'", crate::runtime::model::typeobj::type_name(&v))),
    };
    check_format(&format)?;
    *state.handler.borrow_mut() = Some(Handler { format, to_stdout });
    if let Some(level) = take("level") {
        if !matches!(level, Value::None) {
            let level = check_level(interp, &level)?;
            as_logger(&state.root).level.set(level);
        }
    }
    if !rest.is_empty() {
        let keys: Vec<&str> = rest.iter().map(|(k, _)| k.as_str()).collect();
        return value_error(format!("Unrecognised argument(s): {}", keys.join(", ")));
    }
    Ok(Value::None)
}

/// The keys `%(key)` names in a format, in order.
fn format_keys(format: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    let mut rest = format;
    while let Some(i) = rest.find("%(") {
        let after = &rest[i + 2..];
        match after.find(')') {
            Some(j) => {
                keys.push(&after[..j]);
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    keys
}

/// CPython's `PercentStyle.validate`: at least one `%(key)` conversion; and here, refuses the
/// keys cellar cannot fill (CPython would fail at each message with its logging-error report).
fn check_format(format: &PyStr) -> PyResult<()> {
    let text = format.as_str();
    if !has_field(text) {
        return value_error(format!("Invalid format '{text}' for '%' style"));
    }
    for key in format_keys(text) {
        match key {
            "funcName" | "lineno" => {
                return not_implemented(format!(
                    "cellar's logging does not support %({key})s in a format: it needs the caller's frame"
                ))
            }
            _ if !RECORD_KEYS.contains(&key) || key == "taskName" => {
                return not_implemented(format!("cellar's logging does not support %({key})s in a format"))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether `text` has a match of CPython's
/// `%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]` (ignoring case).
fn has_field(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|start| {
        let mut i = start;
        let at = |i: usize| chars.get(i).copied();
        if at(i) != Some('%') || at(i + 1) != Some('(') {
            return false;
        }
        i += 2;
        let word = i;
        while at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
            i += 1;
        }
        if i == word || at(i) != Some(')') {
            return false;
        }
        i += 1;
        while at(i).is_some_and(|c| "#0+ -".contains(c)) {
            i += 1;
        }
        let number = |i: &mut usize| {
            if at(*i) == Some('*') {
                *i += 1;
            } else {
                while at(*i).is_some_and(|c| c.is_ascii_digit()) {
                    *i += 1;
                }
            }
        };
        number(&mut i);
        if at(i) == Some('.') && at(i + 1).is_some_and(|c| c == '*' || c.is_ascii_digit()) {
            i += 1;
            number(&mut i);
        }
        at(i).is_some_and(|c| "diouxefgcrsa%".contains(c.to_ascii_lowercase()))
    })
}

// ----- logging a message -----

/// The arguments of a logging call after the level: `msg, *args`, and the keyword arguments
/// of CPython's `Logger._log`.
fn split_call<'a>(
    interp: &mut Interp,
    who: &str,
    pos: &'a [Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<(&'a Value, &'a [Value])> {
    for (k, v) in kw {
        match k.as_str() {
            "exc_info" | "stack_info" | "extra" if interp.truthy(v)? => {
                return not_implemented(format!("cellar's logging does not support {}=", k.as_str()))
            }
            // It only moves funcName and lineno, which cellar refuses.
            "exc_info" | "stack_info" | "extra" | "stacklevel" => {}
            k => return type_error(format!("Logger._log() got an unexpected keyword argument '{k}'")),
        }
    }
    match pos.split_first() {
        Some((msg, rest)) => Ok((msg, rest)),
        None => type_error(format!("{who}() missing 1 required positional argument: 'msg'")),
    }
}

/// Logs `msg % args` at `level` through `logger`, when the logger is enabled for it.
fn log(interp: &mut Interp, logger: &Value, level: i64, msg: &Value, args: &[Value]) -> PyResult<()> {
    let l = as_logger(logger);
    let state = l.state()?;
    if level < l.effective_level(&state) {
        return Ok(());
    }
    // The handlers are looked for up the parents while `propagate` lets the record go on;
    // only the root has one. Without any, CPython's last resort prints messages of WARNING
    // and above as bare text.
    let mut reaches_root = true;
    let mut at = logger.clone();
    while !as_logger(&at).is_root {
        if !as_logger(&at).propagate.get() {
            reaches_root = false;
            break;
        }
        at = as_logger(&at).parent(&state).expect("a logger other than the root has a parent");
    }
    let handler = state.handler.borrow().as_ref().map(|h| (h.format.clone(), h.to_stdout));
    let (format, to_stdout) = match handler {
        Some(h) if reaches_root => h,
        _ if level >= WARNING => (Rc::new(PyStr::new("%(message)s")), false),
        _ => return Ok(()),
    };
    // A single non-empty dict is the mapping for `%(key)s` in the message, as in CPython.
    let args = match args {
        [Value::Dict(d)] if !d.is_empty() => Value::Dict(d.clone()),
        _ => Value::tuple(args.to_vec()),
    };
    let text = interp.str(msg)?;
    let message = if crate::runtime::types::ops::truthy(&args) {
        match crate::runtime::types::percent::format(interp, &PyStr::new(&text), &args) {
            Ok(m) => interp.str(&m)?,
            Err(e) => return logging_error(interp, &text, e),
        }
    } else {
        text
    };
    let record = record(interp, &state, l, level, msg, &args, message, format.as_str().contains("%(asctime)"))?;
    let line = match crate::runtime::types::percent::format(interp, &format, &Value::Dict(record)) {
        Ok(line) => interp.str(&line)?,
        Err(e) => return logging_error(interp, format.as_str(), e),
    };
    if to_stdout {
        interp.write_out(&format!("{line}\n"))?;
    } else {
        interp.write_err(&format!("{line}\n"));
    }
    Ok(())
}

/// CPython reports a message that fails to format with "--- Logging error ---", a traceback
/// into its own source, and goes on; cellar cannot print that, so it says so.
fn logging_error(interp: &mut Interp, text: &str, e: PyErr) -> PyResult<()> {
    let why = crate::runtime::types::repr::str(interp, &e.value())?;
    not_implemented(format!(
        "formatting the logging message {} failed ({}: {why}); cellar does not print CPython's \
         '--- Logging error ---' report",
        crate::runtime::types::repr::repr_str(text),
        e.0.typ.name
    ))
}

/// The `LogRecord`'s attributes, as a dict for the `%`-format.
#[allow(clippy::too_many_arguments)]
fn record(
    interp: &mut Interp,
    state: &State,
    logger: &Logger,
    level: i64,
    msg: &Value,
    args: &Value,
    message: String,
    uses_time: bool,
) -> PyResult<Rc<Dict>> {
    let created = now();
    // CPython: `int((ct - int(ct)) * 1000) + 0.0`.
    let msecs = ((created - created.trunc()) * 1000.0).trunc();
    let pathname = interp.current_file().map_or_else(|| "<stdin>".to_string(), |f| f.to_string());
    let filename = pathname.rsplit('/').next().unwrap_or(&pathname).to_string();
    // `os.path.splitext`: an extension starts at the last dot that does not begin the name.
    let module = match filename.rfind('.') {
        Some(i) if filename[..i].chars().any(|c| c != '.') => filename[..i].to_string(),
        _ => filename.clone(),
    };
    let d = Dict::new();
    d.set_str("name", Value::str(&logger.name));
    d.set_str("msg", msg.clone());
    d.set_str("args", args.clone());
    d.set_str("levelname", Value::string(level_name_of(level)));
    d.set_str("levelno", Value::Int(level));
    d.set_str("pathname", Value::string(pathname));
    d.set_str("filename", Value::string(filename));
    d.set_str("module", Value::string(module));
    d.set_str("exc_info", Value::None);
    d.set_str("exc_text", Value::None);
    d.set_str("stack_info", Value::None);
    d.set_str("created", Value::Float(created));
    d.set_str("msecs", Value::Float(msecs));
    d.set_str("relativeCreated", Value::Float((created - state.start) * 1000.0));
    // SAFETY: pthread_self has no preconditions; it is `threading.get_ident()`.
    d.set_str("thread", Value::Int(unsafe { libc::pthread_self() } as i64));
    d.set_str("threadName", Value::str("MainThread"));
    d.set_str("processName", Value::str("MainProcess"));
    d.set_str("process", Value::Int(std::process::id() as i64));
    d.set_str("message", Value::string(message));
    if uses_time {
        d.set_str("asctime", Value::string(asctime(created, msecs)));
    }
    Ok(crate::runtime::model::gc::new(d))
}

/// `Formatter.formatTime` without a datefmt: local time as `%Y-%m-%d %H:%M:%S,mmm`.
fn asctime(created: f64, msecs: f64) -> String {
    let secs = created.floor() as libc::time_t;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers are valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    unsafe { libc::localtime_r(&secs, &mut tm) };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02},{:03}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        msecs as i64
    )
}

// ----- the methods and functions -----

fn this_logger(b: &Builtin) -> PyResult<Value> {
    receiver::<Logger>(b)?;
    Ok(b.bound.clone().expect("a bound method has its receiver"))
}

/// `Logger.<level>(msg, *args, **kwargs)`.
fn logger_at(interp: &mut Interp, b: &Builtin, args: Args, level: i64) -> PyResult<Value> {
    let logger = this_logger(b)?;
    let (msg, rest) = split_call(interp, &format!("Logger.{}", b.name), args.pos, args.kw)?;
    log(interp, &logger, level, msg, rest)?;
    Ok(Value::None)
}

fn logger_debug(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    logger_at(interp, b, args, DEBUG)
}
fn logger_info(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    logger_at(interp, b, args, INFO)
}
fn logger_warning(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    logger_at(interp, b, args, WARNING)
}
fn logger_error(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    logger_at(interp, b, args, ERROR)
}
fn logger_critical(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    logger_at(interp, b, args, CRITICAL)
}

/// `exception()` appends the traceback of the exception being handled, which cellar cannot
/// print exactly as CPython's `traceback` module does from inside the handler.
fn exception_unsupported<T>() -> PyResult<T> {
    not_implemented(
        "cellar's logging does not support exception(): it cannot print the traceback of the \
         exception being handled as CPython does; use logging.error(...) instead",
    )
}

fn logger_exception(_: &mut Interp, _: &Builtin, _: Args) -> PyResult<Value> {
    exception_unsupported()
}

/// `Logger.log(level, msg, *args, **kwargs)`.
fn logger_log(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let logger = this_logger(b)?;
    let Some((level, rest)) = args.pos.split_first() else {
        return type_error("Logger.log() missing 2 required positional arguments: 'level' and 'msg'");
    };
    let level = log_level(level)?;
    let (msg, rest) = split_call(interp, "Logger.log", rest, args.kw)?;
    log(interp, &logger, level, msg, rest)?;
    Ok(Value::None)
}

/// The level of `log(level, ...)`, which must be an int.
fn log_level(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => type_error("level must be an integer"),
    }
}

fn logger_set_level(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let logger = this_logger(b)?;
    if args.pos.is_empty() && args.kw.is_empty() {
        return type_error("Logger.setLevel() missing 1 required positional argument: 'level'");
    }
    super::check_pos("Logger.setLevel", &args, 1, 1)?;
    as_logger(&logger).level.set(check_level(interp, &args.pos[0])?);
    Ok(Value::None)
}

fn logger_get_effective_level(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let logger = this_logger(b)?;
    if !args.pos.is_empty() {
        return type_error(format!(
            "Logger.getEffectiveLevel() takes 1 positional argument but {} were given",
            args.pos.len() + 1
        ));
    }
    super::no_kwargs("Logger.getEffectiveLevel", &args)?;
    let l = as_logger(&logger);
    Ok(Value::Int(l.effective_level(&*l.state()?)))
}

fn logger_is_enabled_for(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let logger = this_logger(b)?;
    if args.pos.is_empty() && args.kw.is_empty() {
        return type_error("Logger.isEnabledFor() missing 1 required positional argument: 'level'");
    }
    super::check_pos("Logger.isEnabledFor", &args, 1, 1)?;
    let Some(level) = level_number(&args.pos[0]) else {
        return type_error(format!(
            "'>=' not supported between instances of 'int' and '{}'",
            crate::runtime::model::typeobj::type_name(&args.pos[0])
        ));
    };
    let l = as_logger(&logger);
    Ok(Value::Bool(level >= l.effective_level(&*l.state()?)))
}

/// The module's `debug`, `info`, ...: `basicConfig()` first when the root has no handler,
/// then the root logger's method, as in CPython.
fn module_at(interp: &mut Interp, b: &Builtin, args: Args, level: Option<i64>) -> PyResult<Value> {
    let state = state_of(b);
    let (level, rest) = match level {
        Some(l) => (l, args.pos),
        None => match args.pos.split_first() {
            Some((l, rest)) => (log_level(l)?, rest),
            None => return type_error("log() missing 2 required positional arguments: 'level' and 'msg'"),
        },
    };
    let (msg, rest) = split_call(interp, b.name, rest, args.kw)?;
    // What `basicConfig()` without arguments installs.
    if state.handler.borrow().is_none() {
        *state.handler.borrow_mut() = Some(Handler { format: Rc::new(PyStr::new(BASIC_FORMAT)), to_stdout: false });
    }
    log(interp, &state.root, level, msg, rest)?;
    Ok(Value::None)
}

fn module_debug(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    module_at(interp, b, args, Some(DEBUG))
}
fn module_info(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    module_at(interp, b, args, Some(INFO))
}
fn module_warning(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    module_at(interp, b, args, Some(WARNING))
}
fn module_error(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    module_at(interp, b, args, Some(ERROR))
}
fn module_critical(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    module_at(interp, b, args, Some(CRITICAL))
}
fn module_log(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    module_at(interp, b, args, None)
}
fn module_exception(_: &mut Interp, _: &Builtin, _: Args) -> PyResult<Value> {
    exception_unsupported()
}
