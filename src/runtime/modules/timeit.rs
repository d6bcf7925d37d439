//! `timeit`: times a callable, as `timeit.Timer` does with a callable `stmt`. A string `stmt`
//! (or `setup`) is code compiled from a string, which cellar refuses by design, so it is a
//! clear NotImplementedError rather than something that only looks like timing.

use crate::runtime::interp::Interp;
use crate::runtime::interp::attrs::getattr;
use crate::runtime::model::exceptions::{not_implemented, type_error, value_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use crate::runtime::modules::builtins::is_callable;
use crate::runtime::types::ops::index_of;
use crate::syntax::ast::BinOp;
use super::{bind_python, func, import, name};

pub fn module(interp: &mut Interp) -> PyResult<Value> {
    // `timeit.default_timer` is `time.perf_counter` itself, as in CPython.
    let time = import(interp, "time")?;
    let default_timer = getattr(interp, &time, &name("perf_counter"))?;
    Ok(super::new_module(
        "timeit",
        vec![
            ("timeit", func("timeit", timeit)),
            ("repeat", func("repeat", repeat)),
            ("default_timer", default_timer.clone()),
            ("default_number", Value::Int(1_000_000)),
            ("default_repeat", Value::Int(5)),
        ],
    ))
}

/// What `timeit` and `repeat` share: the statement, the setup and the timer, checked.
struct Timer {
    stmt: Value,
    setup: Option<Value>,
    timer: Value,
}

impl Timer {
    fn new(interp: &mut Interp, stmt: Option<Value>, setup: Option<Value>, timer: Option<Value>) -> PyResult<Timer> {
        let stmt = match stmt {
            Some(s) if is_callable(&s) => s,
            Some(Value::Str(_)) | None => {
                return not_implemented(
                    "timeit with a string stmt needs code compiled from a string, which cellar does not do: \
                     pass a callable, as in timeit.timeit(f, number=1000)",
                )
            }
            Some(_) => return value_error("stmt is neither a string nor callable"),
        };
        let setup = match setup {
            // `'pass'` (the default) sets nothing up: there is no code to compile.
            Some(Value::Str(s)) if s.as_str().trim() == "pass" => None,
            None => None,
            Some(s) if is_callable(&s) => Some(s),
            Some(Value::Str(_)) => {
                return not_implemented(
                    "timeit with a string setup needs code compiled from a string, which cellar does not do: \
                     pass a callable",
                )
            }
            Some(_) => return value_error("setup is neither a string nor callable"),
        };
        let timer = match timer {
            Some(t) => t,
            None => {
                let time = import(interp, "time")?;
                getattr(interp, &time, &name("perf_counter"))?
            }
        };
        Ok(Timer { stmt, setup, timer })
    }

    /// `Timer.timeit(number)`: the setup once, then the seconds `number` calls of stmt take.
    fn time(&self, interp: &mut Interp, number: i64) -> PyResult<Value> {
        if let Some(setup) = &self.setup {
            interp.call(setup, vec![], vec![])?;
        }
        let t0 = interp.call(&self.timer, vec![], vec![])?;
        for _ in 0..number.max(0) {
            interp.call(&self.stmt, vec![], vec![])?;
        }
        let t1 = interp.call(&self.timer, vec![], vec![])?;
        crate::runtime::types::ops::binary_op(BinOp::Sub, &t1, &t0)
    }
}

/// An iteration count, as `itertools.repeat(None, number)` takes it.
fn count(v: Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => index_of(&v),
        Some(v) => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&v))),
    }
}

/// `timeit(stmt, setup='pass', timer=default_timer, number=1000000, globals=None)`.
fn timeit(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let [stmt, setup, timer, number, _globals] =
        <[Option<Value>; 5]>::try_from(bind_python(b.name, &args, &["stmt", "setup", "timer", "number", "globals"], 0, false)?)
            .unwrap_or_else(|_| unreachable!("bind_python returns one slot per parameter"));
    let t = Timer::new(interp, stmt, setup, timer)?;
    let number = count(number, 1_000_000)?;
    t.time(interp, number)
}

/// `repeat(stmt, setup='pass', timer=default_timer, repeat=5, number=1000000, globals=None)`:
/// a list of `repeat` timings.
fn repeat(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let [stmt, setup, timer, repeat, number, _globals] = <[Option<Value>; 6]>::try_from(bind_python(
        b.name,
        &args,
        &["stmt", "setup", "timer", "repeat", "number", "globals"],
        0,
        false,
    )?)
    .unwrap_or_else(|_| unreachable!("bind_python returns one slot per parameter"));
    let t = Timer::new(interp, stmt, setup, timer)?;
    let repeat = count(repeat, 5)?;
    let number = count(number, 1_000_000)?;
    let mut times = Vec::new();
    for _ in 0..repeat.max(0) {
        times.push(t.time(interp, number)?);
    }
    Ok(Value::list(times))
}
