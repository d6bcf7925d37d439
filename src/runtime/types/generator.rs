//! What a generator object offers Python code: `send`, `throw`, `close`, and the `gi_*`
//! attributes that show its frame's state.

use super::args::Sig;
use super::Method;
use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::generator::{Action, GenFrame, Generator, State};
use crate::runtime::model::typeobj::{type_name, types, TypeKind, TypeObj};
use crate::syntax::ast::line_at;
use std::any::Any;
use crate::runtime::model::value::*;
use std::rc::Rc;

pub const METHODS: &[Method] = &[("close", close), ("send", send), ("throw", throw)];

fn this(v: &Value) -> &Generator {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Generator>().expect("generator methods get generators"),
        _ => unreachable!("generator methods get generators"),
    }
}

fn send(interp: &mut Interp, v: &Value, sig: &Sig) -> PyResult<Value> {
    let sent = sig.one()?.clone();
    interp.generator_send(this(v), Action::Send(sent))
}

/// `throw(type[, value])` or `throw(exception)`, as CPython 3.11 takes them.
fn throw(interp: &mut Interp, v: &Value, sig: &Sig) -> PyResult<Value> {
    sig.clinic(1, 3)?;
    let e = thrown(interp, &sig.pos[0], sig.pos.get(1))?;
    interp.generator_send(this(v), Action::Throw(e))
}

fn thrown(interp: &mut Interp, typ: &Value, value: Option<&Value>) -> PyResult<PyErr> {
    let value = value.filter(|v| !v.is_none());
    match typ {
        Value::Exception(e) => {
            if value.is_some() {
                return type_error("instance exception may not have a separate value");
            }
            Ok(PyErr(e.clone()))
        }
        Value::Type(t) if t.kind == TypeKind::Exception => match value {
            Some(Value::Exception(e)) if e.is_instance(t) => Ok(PyErr(e.clone())),
            Some(v) => {
                let args = match v {
                    Value::Tuple(items) => items.items.to_vec(),
                    other => vec![other.clone()],
                };
                let made = interp.call(typ, args, Vec::new())?;
                interp.make_exception(made)
            }
            None => interp.make_exception(typ.clone()),
        },
        other => type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            type_name(other)
        )),
    }
}

fn close(interp: &mut Interp, v: &Value, sig: &Sig) -> PyResult<Value> {
    sig.none()?;
    interp.generator_close(this(v))?;
    Ok(Value::None)
}

/// `gi_code` and the rest on a generator, `cr_code` and the rest on a coroutine.
pub fn getattr(gen: &Generator, name: &str) -> Option<Value> {
    let prefix = if gen.is_coroutine() { "cr_" } else { "gi_" };
    let Some(attr) = name.strip_prefix(prefix) else {
        return match name {
            "__name__" => Some(Value::Str(gen.name.borrow().clone())),
            "__qualname__" => Some(Value::Str(gen.qualname.borrow().clone())),
            _ => None,
        };
    };
    Some(match attr {
        "code" => Value::Code(gen.code.clone()),
        "running" => Value::Bool(gen.is_running()),
        "suspended" => Value::Bool(matches!(&*gen.state.borrow(), State::Suspended(_))),
        "yieldfrom" if !gen.is_coroutine() => gen.yield_from.borrow().clone().unwrap_or(Value::None),
        "await" if gen.is_coroutine() => gen.yield_from.borrow().clone().unwrap_or(Value::None),
        "origin" if gen.is_coroutine() => Value::None,
        "frame" if gen.is_closed() => Value::None,
        "frame" => gen.frame_object.borrow_mut().get_or_insert_with(|| Value::native(FrameObj(gen.frame.clone()))).clone(),
        _ => return None,
    })
}

/// A generator's frame as Python sees it (`gi_frame`): where it stands and its variables.
pub struct FrameObj(Rc<GenFrame>);

thread_local! {
    static FRAME_TYPE: Rc<TypeObj> = TypeObj::new("frame", TypeKind::Native, Some(types().object.clone()));
}

impl FrameObj {
    fn line(&self) -> usize {
        let code = &self.0.code;
        let at = self.0.at.get().unwrap_or(code.span);
        line_at(&code.source, at.start).0 as usize
    }
}

impl Native for FrameObj {
    fn type_obj(&self) -> Rc<TypeObj> {
        FRAME_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        let code = &self.0.code;
        Ok(format!("<frame at {:#x}, file '{}', line {}, code {}>", this.address(), code.file, self.line(), code.name.as_str()))
    }
    fn getattr(&self, _interp: &mut Interp, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "f_code" => Value::Code(self.0.code.clone()),
            "f_lineno" => Value::Int(self.line() as i64),
            "f_globals" => Value::Dict(self.0.globals.clone()),
            "f_locals" => Value::Dict(crate::runtime::model::gc::new(self.0.variables())),
            _ => return Ok(None),
        }))
    }
}

pub fn setattr(gen: &Generator, name: &str, value: Value) -> PyResult<bool> {
    let slot = match name {
        "__name__" => &gen.name,
        "__qualname__" => &gen.qualname,
        _ => return Ok(false),
    };
    match value {
        Value::Str(s) => {
            *slot.borrow_mut() = s;
            Ok(true)
        }
        _ => type_error(format!("{name} must be set to a string object")),
    }
}
