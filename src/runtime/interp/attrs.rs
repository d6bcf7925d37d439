//! Attribute access: `obj.name`, `obj.name = v`, `del obj.name`, and `dir(obj)`.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{attribute_error, type_error, value_error};
use crate::runtime::model::typeobj::{type_name, type_of, types};
use crate::runtime::model::value::*;
use crate::runtime::types::object;
use std::rc::Rc;

fn no_attribute<T>(obj: &Value, name: &str) -> PyResult<T> {
    let msg = match obj {
        Value::Module(m) => format!("module '{}' has no attribute '{}'", m.name, name),
        Value::Type(t) => format!("type object '{}' has no attribute '{}'", t.name, name),
        _ => format!("'{}' object has no attribute '{}'", type_name(obj), name),
    };
    let e = PyErr::new(&types().attribute_error, msg);
    e.0.set_attr("name", Value::str(name));
    e.0.set_attr("obj", obj.clone());
    Err(e)
}

fn opt_tuple(t: &Option<Rc<Tuple>>) -> Value {
    t.as_ref().map_or(Value::None, |t| Value::Tuple(t.clone()))
}

fn names_tuple(names: &[Rc<PyStr>]) -> Value {
    Value::tuple(names.iter().map(|n| Value::Str(n.clone())).collect())
}

/// `obj.name`.
pub fn getattr(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    let n = name.as_str();
    if n == "__class__" {
        return Ok(Value::Type(type_of(obj)));
    }
    let found = match obj {
        Value::Instance(_) => object::instance_getattr(interp, obj, name)?,
        Value::Type(t) if t.is_class() => object::class_getattr(interp, t, n)?,
        Value::Function(_) if n == "__builtins__" => Some(Value::Dict(interp.builtins.clone())),
        Value::Function(_) if n == "__get__" => Some(crate::runtime::types::descriptors::dunder_get(obj)),
        Value::Function(f) => function_attr(f, n),
        Value::Cell(c) => match n {
            "cell_contents" => match c.get() {
                Some(v) => Some(v),
                None => return value_error("Cell is empty"),
            },
            _ => None,
        },
        Value::Code(c) => match n {
            "co_name" => Some(Value::Str(c.name.clone())),
            "co_qualname" => Some(Value::Str(c.qualname.clone())),
            "co_varnames" => Some(names_tuple(&c.varnames)),
            "co_cellvars" => Some(names_tuple(&c.cellvars)),
            "co_freevars" => Some(names_tuple(&c.freevars)),
            "co_argcount" => Some(Value::Int(c.sig.argcount as i64)),
            "co_posonlyargcount" => Some(Value::Int(c.sig.posonly as i64)),
            "co_kwonlyargcount" => Some(Value::Int(c.sig.kwonly as i64)),
            "co_nlocals" => Some(Value::Int(c.varnames.len() as i64)),
            "co_filename" => Some(Value::str(&c.file)),
            "co_firstlineno" => Some(Value::Int(c.first_line as i64)),
            "co_names" => Some(names_tuple(&c.global_names)),
            "co_flags" => Some(Value::Int(code_flags(c))),
            _ => None,
        },
        Value::Module(m) => match n {
            "__dict__" => Some(Value::Dict(m.dict.clone())),
            _ => m.dict.get_name(name),
        },
        Value::Tuple(t) => t.class.as_ref().and_then(|c| crate::runtime::modules::collections::instance_attr(c, &t.items, obj, n)),
        Value::Type(t) => match n {
            "__name__" | "__qualname__" => Some(Value::str(&t.name)),
            "__module__" => Some(Value::str(t.module.as_deref().unwrap_or("builtins"))),
            "__base__" => Some(t.base.clone().map_or(Value::None, Value::Type)),
            "__bases__" => Some(Value::tuple(t.base.iter().cloned().map(Value::Type).collect())),
            "__mro__" => Some(Value::tuple(t.mro().into_iter().map(Value::Type).collect())),
            _ => match crate::runtime::modules::builtins::type_attr(t, n)
                .or_else(|| crate::runtime::modules::collections::class_attr(t, n))
                .or_else(|| crate::runtime::modules::itertools::type_attr(t, n))
            {
                Some(v) => Some(v),
                // `object.__setattr__`, `dict.__setitem__`: the special methods as functions.
                None if t.module.is_none() => object::builtin_type_attr(interp, t, obj, n)?,
                None => None,
            },
        },
        Value::Exception(e) => match n {
            "args" => Some(Value::Tuple(e.args.borrow().clone())),
            "__cause__" => Some(e.cause.borrow().clone().unwrap_or(Value::None)),
            "__context__" => Some(e.context.borrow().clone().unwrap_or(Value::None)),
            "__suppress_context__" => Some(Value::Bool(e.suppress_context.get())),
            "__traceback__" => Some(crate::runtime::model::exceptions::Traceback::of(e, None)),
            "code" if e.is_instance(&types().system_exit) => Some(e.exit_code()),
            // CPython's StopIteration keeps its first argument as `value`.
            "value" if e.is_instance(&types().stop_iteration) => {
                Some(e.attr("value").unwrap_or_else(|| e.args.borrow().items.first().cloned().unwrap_or(Value::None)))
            }
            _ if e.typ.is_class() => object::instance_getattr(interp, obj, name)?,
            _ => e.attr(n),
        },
        Value::Method(m) => match n {
            "__self__" => Some(m.receiver.clone()),
            "__func__" => Some(m.func.clone()),
            _ => return getattr(interp, &m.func.clone(), name),
        },
        Value::Builtin(b) => match n {
            "__name__" | "__qualname__" => Some(Value::str(b.name)),
            "__self__" => Some(b.bound.clone().unwrap_or(Value::None)),
            "__doc__" => Some(Value::None),
            "__module__" => Some(if b.owner.is_none() { Value::str("builtins") } else { Value::None }),
            _ => None,
        },
        Value::Native(nat) => {
            let nat = nat.clone();
            nat.getattr(interp, obj, n)?
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => match n {
            "real" | "numerator" => Some(crate::runtime::types::ops::unary_pos(obj)?),
            "imag" => Some(Value::Int(0)),
            "denominator" => Some(Value::Int(1)),
            _ => None,
        },
        Value::Float(f) => match n {
            "real" => Some(Value::Float(*f)),
            "imag" => Some(Value::Float(0.0)),
            _ => None,
        },
        Value::Range(r) => match n {
            "start" => Some(Value::from_i128(r.start)),
            "stop" => Some(Value::from_i128(r.stop)),
            "step" => Some(Value::from_i128(r.step)),
            _ => None,
        },
        _ => None,
    };
    if let Some(v) = found {
        return Ok(v);
    }
    if let Some(m) = crate::runtime::types::builtin_method(obj, n) {
        return Ok(crate::runtime::types::bound_method(obj, m.0));
    }
    if let Some(own) = listed_names(obj) {
        if OBJECT_NAMES.contains(&n) || own.contains(&n) {
            return crate::runtime::model::exceptions::unsupported(&format!("the '{n}' attribute of {} objects", type_name(obj)));
        }
    }
    no_attribute(obj, n)
}

/// `obj.name`, or `None` where that is an AttributeError (CPython's `_PyObject_LookupAttr`):
/// for code that asks whether an object has an attribute before using it.
pub fn lookup_attr(interp: &mut Interp, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
    match getattr(interp, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is(&types().attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The attributes every object has from `object`, as CPython 3.11's `dir()` lists them.
const OBJECT_NAMES: &[&str] = &[
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__",
    "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__",
    "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__",
];

const FUNCTION_NAMES: &[&str] = &[
    "__annotations__", "__builtins__", "__call__", "__closure__", "__code__", "__defaults__", "__dict__", "__get__",
    "__globals__", "__kwdefaults__", "__module__", "__name__", "__qualname__",
];

const CELL_NAMES: &[&str] = &["cell_contents"];

/// CPython's `co_flags` bits for what cellar's code objects know.
fn code_flags(c: &crate::compile::code::Code) -> i64 {
    use crate::compile::code::CodeKind;
    const OPTIMIZED: i64 = 0x1;
    const NEWLOCALS: i64 = 0x2;
    const VARARGS: i64 = 0x4;
    const VARKEYWORDS: i64 = 0x8;
    const NESTED: i64 = 0x10;
    const GENERATOR: i64 = 0x20;
    const COROUTINE: i64 = 0x80;
    const ASYNC_GENERATOR: i64 = 0x200;
    if matches!(c.kind, CodeKind::Module | CodeKind::Class) {
        return 0;
    }
    let mut flags = OPTIMIZED | NEWLOCALS;
    flags |= if c.sig.varargs { VARARGS } else { 0 };
    flags |= if c.sig.varkw { VARKEYWORDS } else { 0 };
    // Defined inside a function: CPython's `ste_nested`.
    flags |= if c.qualname.as_str().contains("<locals>") { NESTED } else { 0 };
    flags |= match (c.is_generator, c.is_async) {
        (true, true) => ASYNC_GENERATOR,
        (true, false) => GENERATOR,
        (false, true) => COROUTINE,
        (false, false) => 0,
    };
    flags
}

const CODE_NAMES: &[&str] = &[
    "_co_code_adaptive", "_varname_from_oparg", "co_argcount", "co_cellvars", "co_code", "co_consts",
    "co_exceptiontable", "co_filename", "co_firstlineno", "co_flags", "co_freevars", "co_kwonlyargcount", "co_lines",
    "co_linetable", "co_lnotab", "co_name", "co_names", "co_nlocals", "co_positions", "co_posonlyargcount",
    "co_qualname", "co_stacksize", "co_varnames", "replace",
];

/// The attributes of its own type that CPython's `dir()` lists for the objects a lesson on
/// closures inspects, beside `OBJECT_NAMES`. Those cellar cannot give (bytecode, the slot
/// wrappers) are listed all the same and raise a clear error when read.
fn listed_names(obj: &Value) -> Option<&'static [&'static str]> {
    match obj {
        Value::Function(_) => Some(FUNCTION_NAMES),
        Value::Cell(_) => Some(CELL_NAMES),
        Value::Code(_) => Some(CODE_NAMES),
        _ => None,
    }
}

fn function_attr(f: &Rc<Function>, n: &str) -> Option<Value> {
    Some(match n {
        "__name__" => Value::Str(f.name()),
        "__qualname__" => Value::Str(f.qualname()),
        "__doc__" => f.doc(),
        "__defaults__" => opt_tuple(&f.defaults.borrow()),
        "__kwdefaults__" => f.kwdefaults().map_or(Value::None, Value::Dict),
        "__closure__" => {
            if f.closure.is_empty() {
                Value::None
            } else {
                Value::tuple(f.closure.iter().map(|c| Value::Cell(c.clone())).collect())
            }
        }
        "__code__" => Value::Code(f.code.clone()),
        "__globals__" => Value::Dict(f.globals.clone()),
        "__module__" => f.module(),
        "__annotations__" => Value::Dict(
            f.annotations_dict(),
        ),
        "__dict__" => Value::Dict(f.attr_dict()),
        _ => return f.dict().as_ref().and_then(|d| d.get_str(n)),
    })
}

/// `obj.name = value`.
pub fn setattr(_interp: &mut Interp, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
    let n = name.as_str();
    match obj {
        Value::Instance(_) => object::instance_setattr(_interp, obj, name, Some(value)),
        Value::Exception(e) if e.typ.is_class() && !matches!(n, "__cause__" | "__context__" | "args") => {
            object::instance_setattr(_interp, obj, name, Some(value))
        }
        Value::Type(t) if t.is_class() => object::class_setattr(t, name, Some(value)).map(|_| ()),
        Value::Function(f) => {
            match n {
                "__name__" | "__qualname__" => {
                    let Value::Str(s) = value else {
                        return type_error(format!("{n} must be set to a string object"));
                    };
                    if n == "__name__" {
                        f.extra_mut().name = Some(s);
                    } else {
                        f.extra_mut().qualname = Some(s);
                    }
                }
                "__doc__" => f.extra_mut().doc = Some(value),
                "__annotations__" => {
                    f.extra_mut().annotations = match value {
                        Value::Dict(d) => Some(d),
                        Value::None => None,
                        _ => return type_error("__annotations__ must be set to a dict object"),
                    }
                }
                "__module__" => f.extra_mut().module = Some(value),
                "__defaults__" => {
                    *f.defaults.borrow_mut() = match value {
                        Value::None => None,
                        Value::Tuple(t) => Some(t),
                        _ => return type_error("__defaults__ must be set to a tuple object"),
                    }
                }
                "__kwdefaults__" => {
                    f.extra_mut().kwdefaults = match value {
                        Value::None => None,
                        Value::Dict(d) => Some(d),
                        _ => return type_error("__kwdefaults__ must be set to a dict object"),
                    }
                }
                "__closure__" | "__code__" | "__globals__" => {
                    return attribute_error("readonly attribute");
                }
                _ => f.attr_dict().set_name(name, value),
            }
            crate::runtime::model::gc::track_function(f);
            Ok(())
        }
        Value::Cell(c) if n == "cell_contents" => {
            c.set(Some(value));
            if crate::runtime::model::trace::on() {
                crate::runtime::model::trace::cell_written(c, None, true);
            }
            Ok(())
        }
        Value::Module(m) => {
            m.dict.set_name(name, value);
            Ok(())
        }
        Value::Exception(e) => {
            match n {
                "__cause__" => *e.cause.borrow_mut() = (!value.is_none()).then_some(value),
                "__context__" => *e.context.borrow_mut() = (!value.is_none()).then_some(value),
                "args" => *e.args.borrow_mut() = Rc::new(Tuple::new(_interp.collect(&value)?)),
                _ => e.set_attr(n, value),
            }
            Ok(())
        }
        Value::Native(nat) => {
            let nat = nat.clone();
            if nat.setattr(_interp, n, value)? {
                Ok(())
            } else {
                readonly(obj, n)
            }
        }
        Value::Tuple(t) if t.class.as_ref().is_some_and(|c| crate::runtime::modules::collections::is_field(c, n)) => {
            attribute_error("can't set attribute")
        }
        _ => readonly(obj, n),
    }
}

fn readonly<T>(obj: &Value, n: &str) -> PyResult<T> {
    // The numbers' data attributes are getset descriptors, read-only in CPython's words.
    let number_attr = match obj {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => matches!(n, "real" | "imag" | "numerator" | "denominator"),
        Value::Float(_) => matches!(n, "real" | "imag"),
        _ => false,
    };
    if number_attr {
        return attribute_error(format!("attribute '{n}' of '{}' objects is not writable", type_name(obj)));
    }
    let has_method = crate::runtime::types::builtin_method(obj, n).is_some();
    if has_method {
        attribute_error(format!("'{}' object attribute '{}' is read-only", type_name(obj), n))
    } else {
        attribute_error(format!("'{}' object has no attribute '{}'", type_name(obj), n))
    }
}

/// `del obj.name`.
pub fn delattr(_interp: &mut Interp, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
    let n = name.as_str();
    match obj {
        Value::Instance(_) => object::instance_setattr(_interp, obj, name, None),
        Value::Type(t) if t.is_class() => object::class_setattr(t, name, None).map(|_| ()),
        Value::Cell(c) if n == "cell_contents" => {
            if c.contents.borrow_mut().take().is_none() {
                return value_error("Cell is empty");
            }
            if crate::runtime::model::trace::on() {
                crate::runtime::model::trace::cell_written(c, None, true);
            }
            Ok(())
        }
        Value::Function(f) => {
            let removed = f.dict().as_ref().and_then(|d| d.remove_name(name));
            match removed {
                Some(_) => Ok(()),
                None => no_attribute(obj, n),
            }
        }
        Value::Module(m) => match m.dict.remove_name(name) {
            Some(_) => Ok(()),
            None => no_attribute(obj, n),
        },
        _ => no_attribute(obj, n),
    }
}

/// `dir(obj)`: sorted attribute names.
pub fn dir_of(obj: &Value) -> Vec<String> {
    if let Some(mut names) = object::dir_names(obj) {
        names.sort();
        names.dedup();
        return names;
    }
    let mut names: Vec<String> = match obj {
        Value::Module(m) => m.dict.keys().iter().filter_map(|k| match k {
            Value::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        }).collect(),
        Value::Function(f) => {
            let mut v = names_of(FUNCTION_NAMES);
            if let Some(d) = f.dict().as_ref() {
                v.extend(d.keys().iter().filter_map(|k| match k {
                    Value::Str(s) => Some(s.as_str().to_string()),
                    _ => None,
                }));
            }
            v
        }
        Value::Cell(_) | Value::Code(_) => listed_names(obj).map_or_else(Vec::new, names_of),
        Value::Exception(e) => {
            let mut v: Vec<String> = ["__cause__", "__class__", "__context__", "__suppress_context__", "__traceback__", "args"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            if let Some(d) = e.dict.borrow().as_ref() {
                v.extend(d.keys().iter().filter_map(|k| match k {
                    Value::Str(s) => Some(s.as_str().to_string()),
                    _ => None,
                }));
            }
            v
        }
        _ => vec!["__class__".into()],
    };
    if listed_names(obj).is_some() {
        names.extend(names_of(OBJECT_NAMES));
    }
    names.extend(crate::runtime::types::methods(obj).iter().map(|m| m.0.to_string()));
    names.sort();
    names.dedup();
    names
}

fn names_of(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}
