//! `sys`: the interpreter's own settings and streams, and nothing that reaches beyond the
//! program (no `sys.modules`, `sys.path` or environment: confinement is about those).

use crate::runtime::interp::Interp;
use crate::runtime::model::depth;
use crate::runtime::model::exceptions::{overflow_error, type_error, value_error};
use crate::runtime::model::typeobj::{type_name, types, TypeObj};
use crate::runtime::model::value::*;
use std::any::Any;
use std::rc::Rc;
use super::collections::{new_named, struct_seq_class};
use super::{check_pos, func, method, new_module, receiver};

/// The CPython release whose semantics cellar follows.
const VERSION: (i64, i64, i64) = (3, 11, 7);

pub fn module(interp: &mut Interp) -> Value {
    let (major, minor, micro) = VERSION;
    let version_info = struct_seq_class("sys", "version_info", &["major", "minor", "micro", "releaselevel", "serial"]);
    let argv = interp.argv.iter().map(|a| Value::str(a)).collect();
    new_module(
        "sys",
        vec![
            ("argv", Value::list(argv)),
            ("version", Value::string(format!("{major}.{minor}.{micro} (cellar {})", env!("CARGO_PKG_VERSION")))),
            (
                "version_info",
                new_named(
                    &version_info,
                    vec![Value::Int(major), Value::Int(minor), Value::Int(micro), Value::str("final"), Value::Int(0)],
                ),
            ),
            ("maxsize", Value::Int(i64::MAX)),
            ("exit", func("exit", exit)),
            ("getrecursionlimit", func("getrecursionlimit", getrecursionlimit)),
            ("setrecursionlimit", func("setrecursionlimit", setrecursionlimit)),
            ("stdout", Value::native(Stream { err: false })),
            ("stderr", Value::native(Stream { err: true })),
        ],
    )
}

/// `SystemExit(code)`, or `SystemExit()` without one: what `sys.exit` and `exit()` raise.
pub fn system_exit(code: Option<&Value>) -> PyErr {
    PyErr::with_args(&types().system_exit, code.into_iter().cloned().collect())
}

fn exit(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 1)?;
    Err(system_exit(args.pos.first()))
}

fn getrecursionlimit(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 0)?;
    Ok(Value::Int(depth::limit() as i64))
}

fn setrecursionlimit(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 1, 1)?;
    let limit = match &args.pos[0] {
        Value::Int(_) | Value::Bool(_) => crate::runtime::types::ops::index_of(&args.pos[0])?,
        Value::BigInt(_) => return overflow_error("Python int too large to convert to C int"),
        other => return type_error(format!("'{}' object cannot be interpreted as an integer", type_name(other))),
    };
    let Ok(limit) = i32::try_from(limit) else {
        return overflow_error("Python int too large to convert to C int");
    };
    if limit < 1 {
        return value_error("recursion limit must be greater or equal than 1");
    }
    // CPython counts the call of this builtin itself, as it does every call of a C function.
    let depth = depth::current() + 1;
    if depth >= limit as u32 {
        return Err(PyErr::new(
            &types().recursion_error,
            format!("cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    depth::set_limit(limit as u32);
    Ok(Value::None)
}

/// `sys.stdout` and `sys.stderr`: text streams that can be written and flushed.
pub struct Stream {
    pub err: bool,
}

thread_local! {
    static STREAM_TYPE: Rc<TypeObj> = TypeObj::native("_io", "TextIOWrapper");
}

impl Native for Stream {
    fn type_obj(&self) -> Rc<TypeObj> {
        STREAM_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, _this: &Value) -> PyResult<String> {
        let name = if self.err { "<stderr>" } else { "<stdout>" };
        Ok(format!("<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>"))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "write" => method("write", "TextIOWrapper", write, this),
            "flush" => method("flush", "TextIOWrapper", flush, this),
            _ => return Ok(None),
        }))
    }
}

/// `stream.write(text)`: the number of characters written.
fn write(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 1, 1)?;
    let stream = receiver::<Stream>(b)?;
    let Value::Str(text) = &args.pos[0] else {
        return type_error(format!("write() argument must be str, not {}", type_name(&args.pos[0])));
    };
    if stream.err {
        interp.write_err(text.as_str());
    } else {
        interp.write_out(text.as_str())?;
    }
    Ok(Value::Int(text.char_len() as i64))
}

fn flush(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    check_pos(b.name, &args, 0, 0)?;
    interp.flush();
    Ok(Value::None)
}
