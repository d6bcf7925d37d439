//! The built-in modules: `sys`, `time`, `timeit`, `collections`, `dataclasses`, `functools`, `inspect`,
//! `itertools`, `json`, `logging`, `math`, `operator`, `random`, `string`, `textwrap`, `types`, `typing` and the teaching model
//! of `fastapi` (with `fastapi.exceptions` and `fastapi.testclient`). A module is made on first
//! import and cached in `interp.modules`; the registry is a plain match on the name (`create`).

pub mod builtins;
pub mod collections;
pub mod fastapi;
pub mod functools;
pub mod inspect;
pub mod itertools;
pub mod json;
pub mod logging;
pub mod math;
pub mod operator;
pub mod random;
pub mod site;
pub mod string;
pub mod sys;
pub mod textwrap;
pub mod time;
pub mod timeit;

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::type_error;
use crate::runtime::model::typeobj::{types, TypeObj};
use crate::runtime::model::value::*;
use crate::syntax::ast::SyntaxError;
use std::rc::Rc;

/// `import name` (dotted names allowed): the cached module, made on first use.
pub fn import(interp: &mut Interp, name: &str) -> PyResult<Value> {
    if let Some(m) = interp.modules.get(name) {
        return Ok(m.clone());
    }
    // A submodule needs its parent first, as CPython imports `a` before `a.b`.
    let parent = match name.rsplit_once('.') {
        Some((parent, last)) => Some((import(interp, parent)?, last)),
        None => None,
    };
    let Some(made) = create(interp, name) else {
        if let Some((parent, _)) = name.rsplit_once('.') {
            if !is_package(parent) {
                let e = PyErr::new(
                    &types().module_not_found_error,
                    format!("No module named '{name}'; '{parent}' is not a package"),
                );
                e.0.set_attr("name", Value::str(name));
                return Err(e);
            }
        }
        return not_found(name);
    };
    let module = made?;
    if let (Some((Value::Module(p), last)), Value::Module(_)) = (&parent, &module) {
        p.dict.set_str(last, module.clone());
    }
    interp.modules.insert(name.to_string(), module.clone());
    Ok(module)
}

/// The registry: the module called `name`, or `None` when there is no such module.
fn create(interp: &mut Interp, name: &str) -> Option<PyResult<Value>> {
    Some(match name {
        "sys" => Ok(sys::module(interp)),
        "time" => Ok(time::module(interp)),
        "timeit" => timeit::module(interp),
        "collections" => collections::module(interp),
        "functools" => functools::module(interp),
        "inspect" => inspect::module(interp),
        "json" => Ok(json::module(interp)),
        "logging" => Ok(logging::module(interp)),
        "math" => Ok(math::module(interp)),
        "random" => Ok(random::module(interp)),
        "string" => Ok(string::module(interp)),
        "textwrap" => Ok(textwrap::module(interp)),
        "types" => library(interp, "types"),
        "contextlib" => library(interp, "contextlib"),
        "asyncio" => library(interp, "asyncio"),
        "typing" => library(interp, "typing"),
        "dataclasses" => library(interp, "dataclasses"),
        "itertools" => Ok(itertools::module(interp)),
        "operator" => Ok(operator::module(interp)),
        "fastapi" => Ok(fastapi::module(interp)),
        "fastapi.exceptions" => Ok(fastapi::exceptions_module(interp)),
        "fastapi.testclient" => Ok(fastapi::testclient_module(interp)),
        _ => return None,
    })
}

fn not_found<T>(name: &str) -> PyResult<T> {
    let e = PyErr::new(&types().module_not_found_error, format!("No module named '{name}'"));
    e.0.set_attr("name", Value::str(name));
    Err(e)
}

/// `from module import name`: the attribute, or ImportError. Like CPython, a submodule that
/// exists but was not imported yet is imported (`from fastapi import testclient`).
pub fn import_name(interp: &mut Interp, module: &Value, module_name: &str, name: &PyStr) -> PyResult<Value> {
    if let Value::Module(m) = module {
        if let Some(v) = m.dict.get_str(name.as_str()) {
            return Ok(v);
        }
        let full = format!("{module_name}.{}", name.as_str());
        if create_known(&full) {
            return import(interp, &full);
        }
    } else if let Ok(v) = crate::runtime::interp::attrs::getattr(interp, module, &Rc::new(PyStr::new(name.as_str()))) {
        return Ok(v);
    }
    let e = PyErr::new(
        &types().import_error,
        format!("cannot import name '{}' from '{module_name}' (unknown location)", name.as_str()),
    );
    e.0.set_attr("name", Value::str(module_name));
    Err(e)
}

/// Whether the module `name` is a package (has submodules).
fn is_package(name: &str) -> bool {
    matches!(name, "fastapi")
}

/// Whether `name` is a module the registry knows (without making it).
fn create_known(name: &str) -> bool {
    matches!(
        name,
        "sys" | "time" | "timeit" | "asyncio" | "collections" | "contextlib" | "functools" | "inspect" | "itertools" | "json" | "logging" | "math"
            | "operator" | "random" | "string" | "textwrap" | "types" | "typing" | "dataclasses" | "fastapi" | "fastapi.exceptions"
            | "fastapi.testclient"
    )
}

/// Calls a type that a module implements natively (`deque(...)`, `partial(...)`, a
/// `namedtuple` class): `None` when `t` is not one of them. `builtins::call_type` hands
/// `TypeKind::Native` types here.
pub fn call_native_type(
    interp: &mut Interp,
    t: &Rc<TypeObj>,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> Option<PyResult<Value>> {
    let args = Args { pos, kw };
    if Rc::ptr_eq(t, &builtins::slice_type()) {
        return Some(builtins::new_slice(args));
    }
    if Rc::ptr_eq(t, &collections::deque_type()) {
        return Some(collections::new_deque(interp, args));
    }
    if Rc::ptr_eq(t, &random::random_type()) {
        return Some(random::new_random(interp, args));
    }
    if Rc::ptr_eq(t, &functools::partial_type()) {
        return Some(functools::new_partial(interp, args));
    }
    if Rc::ptr_eq(t, &fastapi::fastapi_type()) {
        return Some(fastapi::new_app(interp, args));
    }
    if Rc::ptr_eq(t, &fastapi::client_type()) {
        return Some(fastapi::new_client(interp, args));
    }
    if let Some(r) = itertools::call_type(interp, t, Args { pos, kw }) {
        return Some(r);
    }
    if let Some(r) = operator::call_type(interp, t, Args { pos, kw }) {
        return Some(r);
    }
    collections::call_namedtuple_type(interp, t, args)
}

// ----- helpers the modules share -----

/// A module object with these attributes (and `__name__`).
pub fn new_module(name: &str, items: Vec<(&str, Value)>) -> Value {
    let dict = crate::runtime::model::gc::new(Dict::new());
    dict.set_str("__name__", Value::str(name));
    dict.set_str("__doc__", Value::None);
    for (k, v) in items {
        dict.set_str(k, v);
    }
    Value::Module(Rc::new(ModuleObj { name: name.to_string(), dict }))
}

/// A module written wholly in Python (`lib/NAME.py`).
fn library(interp: &mut Interp, name: &str) -> PyResult<Value> {
    let m = new_module(name, Vec::new());
    run_library(interp, &m, name)?;
    Ok(m)
}

/// A module cellar writes in Python, embedded in the binary with its frozen syntax tree
/// (`syntax::lazy`).
pub struct Embedded {
    pub name: &'static str,
    pub source: &'static str,
    pub frozen: &'static [u8],
}

macro_rules! embedded {
    ($($name:literal),*) => {
        [$(Embedded {
            name: $name,
            source: include_str!(concat!("lib/", $name, ".py")),
            frozen: include_bytes!(concat!("lib/", $name, ".frozen")),
        }),*]
    };
}

/// The modules, or parts of modules, that cellar writes in Python (`lib/`).
pub const LIBRARY: [Embedded; 8] = embedded!("asyncio", "collections", "contextlib", "dataclasses", "functools", "inspect", "types", "typing");

/// Runs the Python source of a module cellar writes in Python (`lib/NAME.py`) in the
/// namespace of `module`, as CPython runs its own `.py` modules on import.
pub fn run_library(interp: &mut Interp, module: &Value, name: &str) -> PyResult<()> {
    let Value::Module(m) = module else { unreachable!("run_library is given a module") };
    let embedded = LIBRARY.iter().find(|e| e.name == name).expect("an embedded module of that name");
    let failed = |e: SyntaxError| -> ! { panic!("the embedded module {name}.py compiles: {e}") };
    let source: Rc<str> = embedded.source.into();
    let library = crate::syntax::lazy::load(&source, embedded.frozen).unwrap_or_else(|e| failed(e));
    let table = crate::scope::resolve(&library.module).unwrap_or_else(|e| failed(e));
    let file: Rc<str> = format!("<cellar>/{name}.py").into();
    let code = crate::compile::compile_library(library, &Rc::new(table), file, source).unwrap_or_else(|e| failed(e));
    interp.run_library(&code, &m.dict)
}

/// A module-level builtin function.
pub fn func(name: &'static str, f: BuiltinFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name, owner: None, func: f, bound: None }))
}

/// A method of a native object, bound to `this`.
pub fn method(name: &'static str, owner: &'static str, f: BuiltinFn, this: &Value) -> Value {
    Value::Builtin(Rc::new(Builtin { name, owner: Some(owner), func: f, bound: Some(this.clone()) }))
}

/// A builtin function carrying some state in `bound` (a decorator made by a factory).
pub fn closure_fn(name: &'static str, f: BuiltinFn, state: Value) -> Value {
    Value::Builtin(Rc::new(Builtin { name, owner: None, func: f, bound: Some(state) }))
}

/// An interned-style attribute name.
pub fn name(s: &str) -> Rc<PyStr> {
    Rc::new(PyStr::new(s))
}

/// Binds the arguments of a function CPython writes in Python (`random.py`, `timeit.py`):
/// `params` in order, positionally or by keyword, the first `required` without defaults. A
/// method's messages count its `self` (`receiver`). The errors are CPython's.
pub fn bind_python(qualname: &str, args: &Args, params: &[&str], required: usize, receiver: bool) -> PyResult<Vec<Option<Value>>> {
    let this = receiver as usize;
    if args.pos.len() > params.len() {
        let (least, most, given) = (required + this, params.len() + this, args.pos.len() + this);
        return type_error(if least == most {
            let s = if most == 1 { "" } else { "s" };
            format!("{qualname}() takes {most} positional argument{s} but {given} were given")
        } else {
            format!("{qualname}() takes from {least} to {most} positional arguments but {given} were given")
        });
    }
    let mut out: Vec<Option<Value>> = (0..params.len()).map(|i| args.pos.get(i).cloned()).collect();
    for (k, v) in args.kw {
        match params.iter().position(|n| *n == k.as_str()) {
            Some(i) if out[i].is_some() => {
                return type_error(format!("{qualname}() got multiple values for argument '{}'", k.as_str()))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return type_error(format!("{qualname}() got an unexpected keyword argument '{}'", k.as_str())),
        }
    }
    let missing: Vec<String> =
        params[..required].iter().zip(&out).filter(|(_, v)| v.is_none()).map(|(n, _)| format!("'{n}'")).collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => format!("{}, and {}", missing[..missing.len() - 1].join(", "), missing[missing.len() - 1]),
        };
        let s = if missing.len() == 1 { "" } else { "s" };
        return type_error(format!("{qualname}() missing {} required positional argument{s}: {list}", missing.len()));
    }
    Ok(out)
}

/// Checks a positional-only argument count, with CPython's messages for builtins.
pub fn check_pos(fname: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    no_kwargs(fname, args)?;
    let n = args.pos.len();
    if n >= min && n <= max {
        return Ok(());
    }
    if min == max {
        return match min {
            0 => type_error(format!("{fname}() takes no arguments ({n} given)")),
            1 => type_error(format!("{fname}() takes exactly one argument ({n} given)")),
            _ => type_error(format!("{fname} expected {min} arguments, got {n}")),
        };
    }
    if n < min {
        type_error(format!("{fname} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" }))
    } else {
        type_error(format!("{fname} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" }))
    }
}

pub fn no_kwargs(fname: &str, args: &Args) -> PyResult<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        type_error(format!("{fname}() takes no keyword arguments"))
    }
}

/// The receiver of a bound native method, downcast to its Rust type.
pub fn receiver<T: 'static>(b: &Builtin) -> PyResult<&T> {
    match &b.bound {
        Some(Value::Native(n)) => match n.as_any().downcast_ref::<T>() {
            Some(r) => Ok(r),
            None => type_error(format!("descriptor '{}' requires a different object", b.name)),
        },
        _ => type_error(format!("descriptor '{}' needs an argument", b.name)),
    }
}

#[cfg(test)]
mod tests {
    /// The frozen trees are what the parser makes of the sources now; `UPDATE_FROZEN=1`
    /// makes them again. (A stale tree is never used, but its module is parsed on every
    /// import.)
    #[test]
    fn the_frozen_trees_are_current() {
        let update = std::env::var_os("UPDATE_FROZEN").is_some();
        let mut stale = Vec::new();
        for e in &super::LIBRARY {
            let fresh = crate::syntax::lazy::freeze(e.source).expect("the library parses");
            if fresh != e.frozen {
                let path = format!("{}/src/runtime/modules/lib/{}.frozen", env!("CARGO_MANIFEST_DIR"), e.name);
                if update {
                    std::fs::write(&path, fresh).expect("the frozen tree is written");
                }
                stale.push(path);
            }
        }
        assert!(update || stale.is_empty(), "stale frozen trees (make them with `UPDATE_FROZEN=1 cargo test frozen`): {stale:?}");
    }
}
