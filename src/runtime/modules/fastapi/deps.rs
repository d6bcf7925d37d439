//! `Depends` and FastAPI's dependency injection: how a handler's or dependency's parameters
//! are read (path, query, body, or another dependency), and `solve`, which fills them for one
//! request, validating as pydantic does and caching each dependency's result per request.

use crate::runtime::interp::Interp;
use crate::runtime::model::generator::Generator;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{type_error, unsupported};
use crate::runtime::model::gc::{self, Busy, Visitor};
use crate::runtime::model::typeobj::{type_name, types, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::support::format::parse_float_literal;
use num_bigint::BigInt;
use std::any::Any;
use std::rc::Rc;

thread_local! {
    static DEPENDS_TYPE: Rc<TypeObj> = TypeObj::native_class("fastapi.params", "Depends");
}

pub struct Depends {
    dependency: Value,
    use_cache: bool,
}

impl Native for Depends {
    fn type_obj(&self) -> Rc<TypeObj> {
        DEPENDS_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _this: &Value) -> PyResult<String> {
        let dep = interp.repr(&self.dependency)?;
        let cache = if self.use_cache { "True" } else { "False" };
        Ok(format!("Depends(dependency={dep}, use_cache={cache}, scope=None, max_concurrency=None)"))
    }
    fn getattr(&self, _interp: &mut Interp, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "dependency" => Some(self.dependency.clone()),
            "use_cache" => Some(Value::Bool(self.use_cache)),
            _ => None,
        })
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.dependency);
        Ok(())
    }
}

/// `Depends(dependency, *, use_cache=True)`.
pub(super) fn depends(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 {
        return type_error(format!("Depends() takes from 0 to 1 positional arguments but {} were given", args.pos.len()));
    }
    let mut dependency = args.pos.first().cloned();
    let mut use_cache = true;
    for (k, v) in args.kw {
        match k.as_str() {
            "dependency" if dependency.is_none() => dependency = Some(v.clone()),
            "dependency" => return type_error("Depends() got multiple values for argument 'dependency'"),
            "use_cache" => use_cache = interp.truthy(v)?,
            "scope" | "max_concurrency" => return unsupported(&format!("Depends({}=...)", k.as_str())),
            other => return type_error(format!("Depends() got an unexpected keyword argument '{other}'")),
        }
    }
    match dependency {
        Some(d) if !d.is_none() => Ok(Value::native(Depends { dependency: d, use_cache })),
        _ => unsupported("Depends() without a dependency (it needs classes)"),
    }
}

pub(super) fn as_depends(v: &Value) -> Option<&Depends> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Depends>(),
        _ => None,
    }
}

// ----- parameters -----

#[derive(Clone, Copy, PartialEq)]
enum Conv {
    /// No annotation or `str`: the text as it came.
    Str,
    Int,
    Float,
    Bool,
}

enum Kind {
    Path,
    Query,
    /// A `dict` parameter: the request's JSON body.
    Body,
    /// The `Depends(...)` object given as the default.
    Depends(Value),
}

pub(super) struct Param {
    name: Rc<PyStr>,
    kind: Kind,
    conv: Conv,
    default: Option<Value>,
}

/// How FastAPI reads `callable`'s parameters for a route whose path has `path_params`.
/// Callables other than functions take no parameters.
pub(super) fn params_of(callable: &Value, path_params: &[&str]) -> PyResult<Vec<Param>> {
    let Value::Function(f) = callable else { return Ok(Vec::new()) };
    let code = &f.code;
    if code.sig.varargs || code.sig.varkw {
        return unsupported("*args or **kwargs in a FastAPI handler or dependency");
    }
    let n_pos = code.sig.argcount;
    let defaults = f.defaults.borrow().clone();
    let kwdefaults = f.kwdefaults();
    let annotations = f.annotations();
    let t = types();
    let mut out = Vec::new();
    for (i, pname) in code.varnames[..n_pos + code.sig.kwonly].iter().enumerate() {
        let default = if i < n_pos {
            defaults.as_ref().and_then(|d| {
                let first = n_pos - d.items.len();
                (i >= first).then(|| d.items[i - first].clone())
            })
        } else {
            kwdefaults.as_ref().and_then(|d| d.get_name(pname))
        };
        let annotation = annotations.as_ref().and_then(|a| a.get_name(pname));
        if let Some(dep) = default.as_ref().filter(|d| as_depends(d).is_some()) {
            out.push(Param { name: pname.clone(), kind: Kind::Depends(dep.clone()), conv: Conv::Str, default: None });
            continue;
        }
        let conv = match &annotation {
            None => Conv::Str,
            Some(Value::Type(ty)) if Rc::ptr_eq(ty, &t.str_) => Conv::Str,
            Some(Value::Type(ty)) if Rc::ptr_eq(ty, &t.int) => Conv::Int,
            Some(Value::Type(ty)) if Rc::ptr_eq(ty, &t.float) => Conv::Float,
            Some(Value::Type(ty)) if Rc::ptr_eq(ty, &t.bool_) => Conv::Bool,
            Some(Value::Type(ty)) if Rc::ptr_eq(ty, &t.dict) && !path_params.contains(&pname.as_str()) => {
                out.push(Param { name: pname.clone(), kind: Kind::Body, conv: Conv::Str, default });
                continue;
            }
            Some(other) => {
                let shown = match other {
                    Value::Type(ty) => ty.name.clone(),
                    v => type_name(v),
                };
                return unsupported(&format!("a FastAPI parameter annotated with {shown} ('{}')", pname.as_str()));
            }
        };
        let kind = if path_params.contains(&pname.as_str()) { Kind::Path } else { Kind::Query };
        out.push(Param { name: pname.clone(), kind, conv, default });
    }
    if out.iter().filter(|p| matches!(p.kind, Kind::Body)).count() > 1 {
        return unsupported("more than one body parameter");
    }
    Ok(out)
}

// ----- solving a request -----

pub(super) struct Request {
    pub(super) path_params: Vec<(String, String)>,
    pub(super) query: Vec<(String, String)>,
    /// The JSON body, already decoded as FastAPI decodes it.
    pub(super) body: Option<Value>,
    /// Results of dependencies, by callable identity, for this request only.
    pub(super) cache: Vec<(Value, Value)>,
}

impl Request {
    /// A query parameter given several times counts with its last value, as FastAPI reads it.
    fn query(&self, key: &str) -> Option<&str> {
        self.query.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn error_dict(kind: &str, loc: Vec<Value>, msg: &str, input: Value) -> Value {
    let d = Dict::new();
    d.set_str("type", Value::str(kind));
    d.set_str("loc", Value::list(loc));
    d.set_str("msg", Value::str(msg));
    d.set_str("input", input);
    Value::Dict(gc::new(d))
}

/// Pydantic's lax parsing of a path or query string into an `int`: surrounding whitespace,
/// a sign, underscores between digits, and a fraction only when it is all zeros (`4.0`).
fn parse_int(raw: &str) -> Option<Value> {
    let s = raw.trim();
    let (digits, frac) = match s.split_once('.') {
        Some((d, f)) => (d, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b == b'0')) {
        return None;
    }
    let unsigned = digits.strip_prefix(['+', '-']).unwrap_or(digits);
    let groups_ok = !unsigned.is_empty()
        && unsigned.split('_').all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    if !groups_ok {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    clean.parse::<BigInt>().ok().map(Value::bigint)
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
        "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// Converts a path or query string for a parameter, or the pydantic error (type, message).
fn convert(conv: Conv, raw: &str) -> Result<Value, (&'static str, &'static str)> {
    match conv {
        Conv::Str => Ok(Value::str(raw)),
        Conv::Int => parse_int(raw).ok_or(("int_parsing", "Input should be a valid integer, unable to parse string as an integer")),
        Conv::Float => parse_float_literal(raw.trim())
            .map(Value::Float)
            .ok_or(("float_parsing", "Input should be a valid number, unable to parse string as a number")),
        Conv::Bool => parse_bool(raw).map(Value::Bool).ok_or(("bool_parsing", "Input should be a valid boolean, unable to interpret input")),
    }
}

/// FastAPI's `solve_dependencies` for one callable: its sub-dependencies first (route-level
/// `dependencies` before the parameters' `Depends`), then path parameters, query parameters
/// and the body. Validation errors are collected in `errors` and the callable is not called;
/// otherwise its result (awaited when it is `async def`).
pub(super) fn solve(
    interp: &mut Interp,
    req: &mut Request,
    callable: &Value,
    route_deps: &[Value],
    path_params: &[&str],
    errors: &mut Vec<Value>,
) -> PyResult<Option<Value>> {
    let params = params_of(callable, path_params)?;
    let errors_before = errors.len();
    let mut kwargs: Vec<(Rc<PyStr>, Value)> = Vec::new();
    let param_deps = params.iter().filter_map(|p| match &p.kind {
        Kind::Depends(d) => Some((Some(p.name.clone()), d.clone())),
        _ => None,
    });
    let deps: Vec<(Option<Rc<PyStr>>, Value)> = route_deps.iter().map(|d| (None, d.clone())).chain(param_deps).collect();
    for (pname, dep_obj) in deps {
        let dep = as_depends(&dep_obj).expect("only Depends objects are collected");
        let (dependency, use_cache) = (dep.dependency.clone(), dep.use_cache);
        let cached = use_cache.then(|| req.cache.iter().find(|(c, _)| c.is(&dependency)).map(|(_, v)| v.clone())).flatten();
        let value = match cached {
            Some(v) => v,
            None => {
                let sub_errors = errors.len();
                let solved = solve(interp, req, &dependency, &[], path_params, errors)?;
                let Some(v) = solved.filter(|_| errors.len() == sub_errors) else { continue };
                // FastAPI caches the first result even of a `use_cache=False` dependency.
                if !req.cache.iter().any(|(c, _)| c.is(&dependency)) {
                    req.cache.push((dependency, v.clone()));
                }
                v
            }
        };
        if let Some(n) = pname {
            kwargs.push((n, value));
        }
    }
    for want in [Kind::Path, Kind::Query] {
        let loc_kind = if matches!(want, Kind::Path) { "path" } else { "query" };
        for p in params.iter().filter(|p| std::mem::discriminant(&p.kind) == std::mem::discriminant(&want)) {
            let raw = match p.kind {
                Kind::Path => req.path_params.iter().find(|(k, _)| k == p.name.as_str()).map(|(_, v)| v.as_str()),
                _ => req.query(p.name.as_str()),
            };
            let loc = vec![Value::str(loc_kind), Value::Str(p.name.clone())];
            match (raw, &p.default) {
                (Some(raw), _) => match convert(p.conv, raw) {
                    Ok(v) => kwargs.push((p.name.clone(), v)),
                    Err((kind, msg)) => errors.push(error_dict(kind, loc, msg, Value::str(raw))),
                },
                (None, Some(d)) => kwargs.push((p.name.clone(), d.clone())),
                (None, None) => errors.push(error_dict("missing", loc, "Field required", Value::None)),
            }
        }
    }
    if let Some(p) = params.iter().find(|p| matches!(p.kind, Kind::Body)) {
        let loc = vec![Value::str("body")];
        match (&req.body, &p.default) {
            (Some(v @ Value::Dict(_)), _) => kwargs.push((p.name.clone(), v.clone())),
            (Some(v), _) => errors.push(error_dict("dict_type", loc, "Input should be a valid dictionary", v.clone())),
            (None, Some(d)) => kwargs.push((p.name.clone(), d.clone())),
            (None, None) => errors.push(error_dict("missing", loc, "Field required", Value::None)),
        }
    }
    if errors.len() > errors_before {
        return Ok(None);
    }
    // What the callee writes is FastAPI's doing on the request's behalf, not the caller's.
    let _traced = crate::runtime::model::trace::enter_native("FastAPI");
    let result = interp.call(callable, Vec::new(), kwargs)?;
    let is_async = matches!(callable, Value::Function(f) if f.code.is_async);
    if is_async && matches!(&result, Value::Native(n) if n.as_any().is::<Generator>()) {
        return interp.run_coroutine(&result).map(Some);
    }
    Ok(Some(result))
}
