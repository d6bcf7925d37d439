//! `time`: wall-clock and monotonic clocks, and an interruptible `sleep`.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{overflow_error, type_error, value_error};
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use super::{check_pos, func, new_module};

pub fn module(_interp: &mut Interp) -> Value {
    new_module(
        "time",
        vec![
            ("time", func("time", time)),
            ("time_ns", func("time_ns", time_ns)),
            ("monotonic", func("monotonic", monotonic)),
            ("monotonic_ns", func("monotonic_ns", monotonic_ns)),
            ("perf_counter", func("perf_counter", perf_counter)),
            ("perf_counter_ns", func("perf_counter_ns", perf_counter_ns)),
            ("sleep", func("sleep", sleep)),
        ],
    )
}

fn since_epoch() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// The monotonic clock: time since an origin fixed at the first reading. Only differences
/// of its values mean anything, as in CPython.
fn monotonic_clock() -> Duration {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    // Start a little above zero so that a first reading is not exactly 0.0.
    ORIGIN.get_or_init(Instant::now).elapsed() + Duration::from_millis(1)
}

fn time(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 0)?;
    Ok(Value::Float(since_epoch().as_secs_f64()))
}

fn time_ns(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 0)?;
    Ok(Value::Int(since_epoch().as_nanos() as i64))
}

fn monotonic(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 0)?;
    Ok(Value::Float(monotonic_clock().as_secs_f64()))
}

fn monotonic_ns(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 0)?;
    Ok(Value::Int(monotonic_clock().as_nanos() as i64))
}

fn perf_counter(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    monotonic(interp, b, args)
}

fn perf_counter_ns(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    monotonic_ns(interp, b, args)
}

/// `time.sleep(secs)`: sleeps in short slices so that Ctrl-C interrupts it promptly.
fn sleep(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 1, 1)?;
    let secs = match &args.pos[0] {
        Value::Int(i) => *i as f64,
        Value::Bool(v) => *v as i64 as f64,
        Value::BigInt(_) => return overflow_error("timestamp too large to convert to C _PyTime_t"),
        Value::Float(f) => *f,
        v => return type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))),
    };
    if secs.is_nan() {
        return value_error("Invalid value NaN (not a number)");
    }
    if secs < 0.0 {
        return value_error("sleep length must be non-negative");
    }
    if !secs.is_finite() || secs > 9.2e9 {
        return overflow_error("timestamp out of range for platform time_t");
    }
    interp.flush();
    let end = Instant::now() + Duration::from_secs_f64(secs);
    let slice = Duration::from_millis(20);
    loop {
        interp.check_interrupt()?;
        let now = Instant::now();
        if now >= end {
            break;
        }
        std::thread::sleep((end - now).min(slice));
    }
    Ok(Value::None)
}
