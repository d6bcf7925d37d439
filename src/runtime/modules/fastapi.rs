//! `fastapi`, `fastapi.exceptions` and `fastapi.testclient`: a teaching model of FastAPI with
//! the observable behaviour of the real library (FastAPI 0.165, Starlette, httpx 0.28) for what
//! it covers. There is no server and no network: `TestClient.get(...)` routes the request, solves
//! the dependencies, calls the handler (awaiting it when it is `async def`) and renders the
//! response exactly as Starlette's `JSONResponse` would, so that the seed's rate limiter trips
//! with the same 429 and the same JSON as in real life.

use crate::runtime::interp::Interp;
use crate::runtime::model::coroutine::{self, Coroutine};
use crate::runtime::model::depth;
use crate::runtime::model::exception_slots::{self, ExceptionSlots};
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{key_error, type_error, unsupported, value_error, ExceptionObj};
use crate::runtime::model::gc::{self, Busy, GcHeader, Visitor};
use crate::runtime::model::typeobj::{type_name, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::support::format::parse_float_literal;
use num_bigint::BigInt;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use super::{func, json, method, name, new_module, receiver};

thread_local! {
    static FASTAPI_TYPE: Rc<TypeObj> = TypeObj::native_class("fastapi.applications", "FastAPI");
    static DEPENDS_TYPE: Rc<TypeObj> = TypeObj::native_class("fastapi.params", "Depends");
    static CLIENT_TYPE: Rc<TypeObj> = TypeObj::native_class("starlette.testclient", "TestClient");
    static RESPONSE_TYPE: Rc<TypeObj> = TypeObj::native_class("httpx", "Response");
    static HEADERS_TYPE: Rc<TypeObj> = TypeObj::native_class("httpx", "Headers");
    // FastAPI's HTTPException subclasses Starlette's; both show in `__mro__`.
    static STARLETTE_HTTP_EXCEPTION: Rc<TypeObj> = {
        let t = exception_type("starlette.exceptions", "HTTPException", types().exception.clone());
        exception_slots::register(&t, &HTTP_EXCEPTION_SLOTS);
        t
    };
    static HTTP_EXCEPTION: Rc<TypeObj> = exception_type("fastapi.exceptions", "HTTPException", starlette_http_exception());
}

fn exception_type(module: &str, name: &str, base: Rc<TypeObj>) -> Rc<TypeObj> {
    Rc::new(TypeObj { name: name.to_string(), module: Some(module.to_string()), base: Some(base), kind: TypeKind::Exception, c_level: false, class: None })
}

fn starlette_http_exception() -> Rc<TypeObj> {
    STARLETTE_HTTP_EXCEPTION.with(|t| t.clone())
}

pub fn http_exception_type() -> Rc<TypeObj> {
    HTTP_EXCEPTION.with(|t| t.clone())
}

pub fn fastapi_type() -> Rc<TypeObj> {
    FASTAPI_TYPE.with(|t| t.clone())
}

pub fn client_type() -> Rc<TypeObj> {
    CLIENT_TYPE.with(|t| t.clone())
}

pub fn module(_interp: &mut Interp) -> Value {
    new_module(
        "fastapi",
        vec![
            ("FastAPI", Value::Type(fastapi_type())),
            ("Depends", func("Depends", depends)),
            ("HTTPException", Value::Type(http_exception_type())),
        ],
    )
}

pub fn exceptions_module(_interp: &mut Interp) -> Value {
    new_module("fastapi.exceptions", vec![("HTTPException", Value::Type(http_exception_type()))])
}

pub fn testclient_module(_interp: &mut Interp) -> Value {
    new_module("fastapi.testclient", vec![("TestClient", Value::Type(client_type()))])
}

/// `http.client.responses`: the phrase an `HTTPException` without `detail` carries.
fn phrase(status: i64) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    }
}

/// httpx's reason phrases differ from `http.client`'s in one place.
fn reason_phrase(status: i64) -> &'static str {
    if status == 418 {
        "I'm a teapot"
    } else {
        phrase(status)
    }
}

// ----- HTTPException -----

/// Starlette's `HTTPException.__init__`, `__repr__` and `__str__`, which FastAPI's subclass
/// inherits (its own `__init__` takes the same arguments).
static HTTP_EXCEPTION_SLOTS: ExceptionSlots = ExceptionSlots { new: new_http_exception, repr: http_exception_repr, str: http_exception_str };

/// `HTTPException(status_code, detail=None, headers=None)`.
fn new_http_exception(t: &Rc<TypeObj>, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    const PARAMS: [&str; 3] = ["status_code", "detail", "headers"];
    if pos.len() > PARAMS.len() {
        return type_error(format!(
            "HTTPException.__init__() takes from 2 to 4 positional arguments but {} were given",
            pos.len() + 1
        ));
    }
    let mut bound: [Option<Value>; 3] = [pos.first().cloned(), pos.get(1).cloned(), pos.get(2).cloned()];
    for (k, v) in kw {
        let Some(i) = PARAMS.iter().position(|p| *p == k.as_str()) else {
            return type_error(format!("HTTPException.__init__() got an unexpected keyword argument '{}'", k.as_str()));
        };
        if bound[i].is_some() {
            return type_error(format!("HTTPException.__init__() got multiple values for argument '{}'", k.as_str()));
        }
        bound[i] = Some(v.clone());
    }
    let [Some(status), detail, headers] = bound else {
        return type_error("HTTPException.__init__() missing 1 required positional argument: 'status_code'");
    };
    let detail = match detail {
        Some(d) if !d.is_none() => d,
        _ => Value::str(phrase(as_status(&status))),
    };
    let e = ExceptionObj::new(t.clone(), pos.to_vec());
    e.set_attr("status_code", status);
    e.set_attr("detail", detail);
    e.set_attr("headers", headers.unwrap_or(Value::None));
    Ok(Value::Exception(gc::new(e)))
}

fn as_status(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => -1,
    }
}

fn is_http_exception(e: &ExceptionObj) -> bool {
    e.is_instance(&starlette_http_exception())
}

/// Starlette's `HTTPException.__repr__`: `HTTPException(status_code=429, detail='...')`.
fn http_exception_repr(interp: &mut Interp, e: &ExceptionObj) -> PyResult<String> {
    let (status, detail) = (e.attr("status_code").unwrap_or(Value::None), e.attr("detail").unwrap_or(Value::None));
    Ok(format!("{}(status_code={}, detail={})", e.typ.name, interp.repr(&status)?, interp.repr(&detail)?))
}

/// Starlette's `HTTPException.__str__`: `429: Rate limit exceeded`.
fn http_exception_str(interp: &mut Interp, e: &ExceptionObj) -> PyResult<String> {
    let (status, detail) = (e.attr("status_code").unwrap_or(Value::None), e.attr("detail").unwrap_or(Value::None));
    Ok(format!("{}: {}", interp.str(&status)?, interp.str(&detail)?))
}

// ----- Depends -----

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
fn depends(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
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

fn as_depends(v: &Value) -> Option<&Depends> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Depends>(),
        _ => None,
    }
}

// ----- the app and its routes -----

/// A piece of a route path: Starlette turns `/items/{item_id}` into the regex
/// `^/items/(?P<item_id>[^/]+)$`.
enum Piece {
    Literal(String),
    Param(String),
}

struct Route {
    method: &'static str,
    pieces: Vec<Piece>,
    handler: Value,
    dependencies: Vec<Value>,
    status_code: i64,
}

impl Route {
    fn path_params(&self) -> Vec<&str> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Param(n) => Some(n.as_str()),
                Piece::Literal(_) => None,
            })
            .collect()
    }

    fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let mut out = Vec::new();
        match_pieces(&self.pieces, path, &mut out).then_some(out)
    }
}

/// Matches as the regex does: a parameter takes one or more characters other than `/`,
/// greedily, giving back what the rest of the pattern needs.
fn match_pieces(pieces: &[Piece], text: &str, out: &mut Vec<(String, String)>) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Literal(l), rest)) => text.strip_prefix(l.as_str()).is_some_and(|t| match_pieces(rest, t, out)),
        Some((Piece::Param(n), rest)) => {
            let limit = text.find('/').unwrap_or(text.len());
            let ends: Vec<usize> = text[..limit].char_indices().map(|(i, c)| i + c.len_utf8()).collect();
            for &end in ends.iter().rev() {
                out.push((n.clone(), text[..end].to_string()));
                if match_pieces(rest, &text[end..], out) {
                    return true;
                }
                out.pop();
            }
            false
        }
    }
}

fn parse_path(path: &str) -> PyResult<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let param = &rest[open + 1..close];
        if param.contains(':') {
            return unsupported(&format!("path convertors such as '{{{param}}}'"));
        }
        if open > 0 {
            pieces.push(Piece::Literal(rest[..open].to_string()));
        }
        pieces.push(Piece::Param(param.to_string()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_string()));
    }
    Ok(pieces)
}

pub struct App {
    routes: RefCell<Vec<Route>>,
    title: Value,
    version: Value,
    description: Value,
    gc: GcHeader,
}

/// `FastAPI(title=..., version=..., description=...)`.
pub fn new_app(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        return type_error(format!("FastAPI.__init__() takes 1 positional argument but {} were given", args.pos.len() + 1));
    }
    let mut app = App {
        routes: RefCell::new(Vec::new()),
        title: Value::str("FastAPI"),
        version: Value::str("0.1.0"),
        description: Value::str(""),
        gc: GcHeader::default(),
    };
    for (k, v) in args.kw {
        match k.as_str() {
            "title" => app.title = v.clone(),
            "version" => app.version = v.clone(),
            "description" => app.description = v.clone(),
            other => return unsupported(&format!("FastAPI({other}=...)")),
        }
    }
    Ok(Value::native(app))
}

impl Native for App {
    fn type_obj(&self) -> Rc<TypeObj> {
        fastapi_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<fastapi.applications.FastAPI object at {:#x}>", this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (n, f): (&'static str, BuiltinFn) = match name {
            "title" => return Ok(Some(self.title.clone())),
            "version" => return Ok(Some(self.version.clone())),
            "description" => return Ok(Some(self.description.clone())),
            "get" => ("get", route_get),
            "post" => ("post", route_post),
            "put" => ("put", route_put),
            "delete" => ("delete", route_delete),
            "patch" => ("patch", route_patch),
            _ => return Ok(None),
        };
        Ok(Some(method(n, "FastAPI", f, this)))
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        for v in [&self.title, &self.version, &self.description] {
            visit.value(v);
        }
        for r in self.routes.try_borrow()?.iter() {
            visit.value(&r.handler);
            r.dependencies.iter().for_each(|v| visit.value(v));
        }
        Ok(())
    }
    fn gc_header(&self) -> Option<&GcHeader> {
        Some(&self.gc)
    }
    fn clear_refs(&self) {
        let old = std::mem::take(&mut *self.routes.borrow_mut());
        drop(old);
    }
}

fn route_get(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    route_decorator(interp, b, args, "GET")
}
fn route_post(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    route_decorator(interp, b, args, "POST")
}
fn route_put(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    route_decorator(interp, b, args, "PUT")
}
fn route_delete(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    route_decorator(interp, b, args, "DELETE")
}
fn route_patch(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    route_decorator(interp, b, args, "PATCH")
}

/// `app.get(path, *, dependencies=None, status_code=None, ...)`: the decorator that registers
/// a handler. Its state travels in the decorator's `bound` value.
fn route_decorator(interp: &mut Interp, b: &Builtin, args: Args, http_method: &'static str) -> PyResult<Value> {
    let fname = format!("FastAPI.{}", b.name);
    let path = match args.pos {
        [p] => p.clone(),
        [] => return type_error(format!("{fname}() missing 1 required positional argument: 'path'")),
        more => return type_error(format!("{fname}() takes 2 positional arguments but {} were given", more.len() + 1)),
    };
    let Value::Str(path_str) = &path else {
        return type_error(format!("{fname}() path must be a str, not {}", type_name(&path)));
    };
    let mut dependencies = Value::list(Vec::new());
    let mut status_code = Value::None;
    for (k, v) in args.kw {
        match k.as_str() {
            "dependencies" if !v.is_none() => dependencies = Value::list(interp.collect(v)?),
            "dependencies" => {}
            "status_code" => status_code = v.clone(),
            // Documentation only: they change the OpenAPI schema, never a response.
            "tags" | "summary" | "description" | "response_description" | "name" | "deprecated" => {}
            other => return unsupported(&format!("{fname}({other}=...)")),
        }
    }
    let Value::List(deps) = &dependencies else { unreachable!("built as a list above") };
    for d in deps.snapshot() {
        if as_depends(&d).is_none() {
            return unsupported(&format!("dependencies that are not Depends(...) objects ({})", type_name(&d)));
        }
    }
    if !matches!(status_code, Value::None | Value::Int(_)) {
        return type_error(format!("status_code must be an int, not {}", type_name(&status_code)));
    }
    parse_path(path_str)?;
    let app = b.bound.clone().unwrap_or(Value::None);
    let state = Value::tuple(vec![app, Value::str(http_method), path, dependencies, status_code]);
    Ok(super::closure_fn("decorator", register_route, state))
}

/// The decorator itself: registers `handler` and returns it unchanged.
fn register_route(_interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos("decorator", &args, 1, 1)?;
    let Some(Value::Tuple(state)) = &b.bound else { unreachable!("route_decorator binds a tuple") };
    let [app, Value::Str(http_method), Value::Str(path), Value::List(deps), status] = &state.items[..] else {
        unreachable!("route_decorator binds five items")
    };
    let app = receiver_of::<App>(app)?;
    let handler = args.pos[0].clone();
    let pieces = parse_path(path)?;
    let method: &'static str = ["GET", "POST", "PUT", "DELETE", "PATCH"]
        .into_iter()
        .find(|m| *m == http_method.as_str())
        .unwrap_or("GET");
    let status_code = if matches!(status, Value::Int(_)) { as_status(status) } else { 200 };
    let route = Route { method, pieces, handler: handler.clone(), dependencies: deps.snapshot(), status_code };
    check_params(&route)?;
    app.routes.borrow_mut().push(route);
    Ok(handler)
}

fn receiver_of<T: 'static>(v: &Value) -> PyResult<&T> {
    match v {
        Value::Native(n) => match n.as_any().downcast_ref::<T>() {
            Some(r) => Ok(r),
            None => type_error(format!("unexpected {}", type_name(v))),
        },
        _ => type_error(format!("unexpected {}", type_name(v))),
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

struct Param {
    name: Rc<PyStr>,
    kind: Kind,
    conv: Conv,
    default: Option<Value>,
}

/// How FastAPI reads `callable`'s parameters for a route whose path has `path_params`.
/// Callables other than functions take no parameters.
fn params_of(callable: &Value, path_params: &[&str]) -> PyResult<Vec<Param>> {
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

/// Checks the handler's parameters when the route is declared, as FastAPI does.
fn check_params(route: &Route) -> PyResult<()> {
    if !crate::runtime::modules::builtins::is_callable(&route.handler) {
        return type_error(format!("'{}' object is not callable", type_name(&route.handler)));
    }
    params_of(&route.handler, &route.path_params()).map(|_| ())
}

// ----- solving a request -----

struct Request {
    path_params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    /// The JSON body, already decoded as FastAPI decodes it.
    body: Option<Value>,
    /// Results of dependencies, by callable identity, for this request only.
    cache: Vec<(Value, Value)>,
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
fn solve(
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
    let result = interp.call(callable, Vec::new(), kwargs)?;
    let is_async = matches!(callable, Value::Function(f) if f.code.is_async);
    if is_async {
        if let Value::Native(n) = &result {
            if let Some(co) = n.as_any().downcast_ref::<Coroutine>() {
                return coroutine::run(interp, co).map(Some);
            }
        }
    }
    Ok(Some(result))
}

/// A status whose response has no body (Starlette's `is_body_allowed_for_status_code`).
fn body_allowed(status: i64) -> bool {
    !(status < 200 || status == 204 || status == 304)
}

fn json_response(interp: &mut Interp, status: i64, content: &Value, mut headers: Vec<(String, String)>) -> PyResult<Response> {
    let content = jsonable(interp, content)?;
    let text = json::Encoder::compact().encode(interp, &content)?;
    headers.push(("content-length".into(), text.len().to_string()));
    headers.push(("content-type".into(), "application/json".into()));
    Ok(Response { status, text, headers })
}

fn detail_response(interp: &mut Interp, status: i64, detail: Value, headers: Vec<(String, String)>) -> PyResult<Response> {
    let d = Dict::new();
    d.set_str("detail", detail);
    json_response(interp, status, &Value::Dict(gc::new(d)), headers)
}

/// FastAPI's handler for an `HTTPException`: its status, `{"detail": ...}` and its headers.
fn http_exception_response(interp: &mut Interp, e: &ExceptionObj) -> PyResult<Response> {
    let status = as_status(&e.attr("status_code").unwrap_or(Value::None));
    let mut headers = Vec::new();
    if let Some(h) = e.attr("headers").filter(|h| !h.is_none()) {
        let items = interp.call_method(&h, &name("items"), Vec::new(), Vec::new())?;
        for pair in interp.collect(&items)? {
            let kv = interp.collect(&pair)?;
            if let [k, v] = &kv[..] {
                headers.push((interp.str(k)?.to_lowercase(), interp.str(v)?));
            }
        }
    }
    if !body_allowed(status) {
        return Ok(Response { status, text: String::new(), headers });
    }
    detail_response(interp, status, e.attr("detail").unwrap_or(Value::None), headers)
}

/// Routes one request as Starlette's router does: the first route matching path and method
/// runs; a route matching only the path makes a 405; otherwise the path with its trailing
/// slash toggled is tried (the TestClient follows that redirect), and then 404.
fn dispatch(interp: &mut Interp, app: &App, http_method: &str, path: &str, mut req: Request) -> PyResult<Response> {
    let found = {
        let routes = app.routes.borrow();
        let mut full = None;
        let mut partial = None;
        for (i, r) in routes.iter().enumerate() {
            if let Some(params) = r.matches(path) {
                if r.method == http_method {
                    full = Some((i, params));
                    break;
                }
                partial.get_or_insert(r.method);
            }
        }
        match (full, partial) {
            (Some((i, params)), _) => {
                let r = &routes[i];
                Ok((r.handler.clone(), r.dependencies.clone(), r.status_code, r.path_params().iter().map(|s| s.to_string()).collect::<Vec<_>>(), params))
            }
            (None, Some(allowed)) => Err(Some(allowed)),
            (None, None) => Err(None),
        }
    };
    let (handler, deps, status, path_names, params) = match found {
        Ok(f) => f,
        Err(Some(allowed)) => {
            return detail_response(interp, 405, Value::str("Method Not Allowed"), vec![("allow".into(), allowed.into())])
        }
        Err(None) => {
            if path != "/" {
                let toggled = match path.strip_suffix('/') {
                    Some(p) => p.to_string(),
                    None => format!("{path}/"),
                };
                if app.routes.borrow().iter().any(|r| r.matches(&toggled).is_some()) {
                    return dispatch(interp, app, http_method, &toggled, req);
                }
            }
            return detail_response(interp, 404, Value::str("Not Found"), Vec::new());
        }
    };
    req.path_params = params;
    let names: Vec<&str> = path_names.iter().map(String::as_str).collect();
    let mut errors = Vec::new();
    match solve(interp, &mut req, &handler, &deps, &names, &mut errors) {
        Ok(Some(v)) if body_allowed(status) => json_response(interp, status, &v, Vec::new()),
        Ok(Some(_)) => Ok(Response { status, text: String::new(), headers: vec![("content-type".into(), "application/json".into())] }),
        Ok(None) => detail_response(interp, 422, Value::list(errors), Vec::new()),
        Err(e) if is_http_exception(&e.0) => http_exception_response(interp, &e.0),
        Err(e) => Err(e),
    }
}

// ----- JSON -----

/// FastAPI's `jsonable_encoder`, which runs before Starlette's `json.dumps`: sets, frozensets
/// and deques become lists, an object without a JSON form becomes its `vars()` (a function
/// has them), and a tuple key, turned into a list, cannot be a dict key any more.
fn jsonable(interp: &mut Interp, v: &Value) -> PyResult<Value> {
    let _guard = depth::enter("")?;
    Ok(match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Str(_) => v.clone(),
        Value::List(_) | Value::Tuple(_) | Value::Set(_) | Value::FrozenSet(_) => {
            let items = interp.collect(v)?;
            Value::list(items.iter().map(|item| jsonable(interp, item)).collect::<PyResult<_>>()?)
        }
        Value::Native(n) if Rc::ptr_eq(&n.type_obj(), &super::collections::deque_type()) => {
            let items = n.iter_items().unwrap_or_default();
            Value::list(items.iter().map(|item| jsonable(interp, item)).collect::<PyResult<_>>()?)
        }
        Value::Dict(d) => {
            let out = Dict::new();
            for (k, val) in d.items() {
                if matches!(k, Value::Tuple(_) | Value::FrozenSet(_)) {
                    return type_error("unhashable type: 'list'");
                }
                out.set(k, jsonable(interp, &val)?)?;
            }
            Value::Dict(gc::new(out))
        }
        Value::Function(f) => Value::Dict(f.dict().unwrap_or_else(|| gc::new(Dict::new()))),
        other => {
            let tn = type_name(other);
            return value_error(format!(
                "[TypeError(\"'{tn}' object is not iterable\"), TypeError('vars() argument must have __dict__ attribute')]"
            ));
        }
    })
}

// ----- TestClient, Response, Headers -----

pub struct TestClient {
    app: Value,
}

/// `TestClient(app)`.
pub fn new_client(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return unsupported(&format!("TestClient({}=...)", args.kw[0].0.as_str()));
    }
    let app = match args.pos {
        [a] => a.clone(),
        [] => return type_error("TestClient.__init__() missing 1 required positional argument: 'app'"),
        more => return type_error(format!("TestClient.__init__() takes 2 positional arguments but {} were given", more.len() + 1)),
    };
    receiver_of::<App>(&app).map_err(|_| PyErr::new(&types().type_error, "cellar's TestClient runs FastAPI() apps only"))?;
    Ok(Value::native(TestClient { app }))
}

impl Native for TestClient {
    fn type_obj(&self) -> Rc<TypeObj> {
        client_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<starlette.testclient.TestClient object at {:#x}>", this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (n, f): (&'static str, BuiltinFn) = match name {
            "app" => return Ok(Some(self.app.clone())),
            "get" => ("get", client_get),
            "post" => ("post", client_post),
            "put" => ("put", client_put),
            "delete" => ("delete", client_delete),
            "patch" => ("patch", client_patch),
            _ => return Ok(None),
        };
        Ok(Some(method(n, "TestClient", f, this)))
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.app);
        Ok(())
    }
}

fn client_get(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    client_request(interp, b, args, "GET")
}
fn client_post(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    client_request(interp, b, args, "POST")
}
fn client_put(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    client_request(interp, b, args, "PUT")
}
fn client_delete(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    client_request(interp, b, args, "DELETE")
}
fn client_patch(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    client_request(interp, b, args, "PATCH")
}

/// `%xx` escapes decoded as Starlette decodes a path (invalid UTF-8 replaced); `plus` also
/// turns `+` into a space, as in a query string.
fn percent_decode(s: &str, plus: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// httpx's text for a `params=` value.
fn param_text(interp: &mut Interp, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::Bool(true) => "true".into(),
        Value::Bool(false) => "false".into(),
        Value::None => String::new(),
        other => interp.str(other)?,
    })
}

/// `client.get(url, *, params=None)`, `client.post(url, *, json=None, params=None)`, …
fn client_request(interp: &mut Interp, b: &Builtin, args: Args, http_method: &'static str) -> PyResult<Value> {
    let fname = format!("Client.{}", b.name);
    let has_body = matches!(http_method, "POST" | "PUT" | "PATCH");
    let url = match args.pos {
        [u] => interp.str(u)?,
        [] => return type_error(format!("{fname}() missing 1 required positional argument: 'url'")),
        more => return type_error(format!("{fname}() takes 2 positional arguments but {} were given", more.len() + 1)),
    };
    let mut json = None;
    let mut params = None;
    for (k, v) in args.kw {
        match k.as_str() {
            "json" if has_body => json = Some(v.clone()).filter(|v| !v.is_none()),
            "params" => params = Some(v.clone()).filter(|v| !v.is_none()),
            "headers" | "cookies" | "auth" | "follow_redirects" | "timeout" | "extensions" => {
                return unsupported(&format!("TestClient.{}({}=...)", b.name, k.as_str()))
            }
            "content" | "data" | "files" if has_body => return unsupported(&format!("TestClient.{}({}=...)", b.name, k.as_str())),
            other => return type_error(format!("{fname}() got an unexpected keyword argument '{other}'")),
        }
    }
    let client = receiver::<TestClient>(b)?;
    let app_value = client.app.clone();
    let app = receiver_of::<App>(&app_value)?;
    let url = url.strip_prefix("http://testserver").unwrap_or(&url);
    let (raw_path, raw_query) = url.split_once('?').unwrap_or((url, ""));
    let mut path = percent_decode(raw_path, false);
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let mut query: Vec<(String, String)> = raw_query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect();
    if let Some(p) = params {
        let Value::Dict(d) = &p else {
            return unsupported("params= other than a dict");
        };
        for (k, v) in d.items() {
            let key = interp.str(&k)?;
            let values = match &v {
                Value::List(_) | Value::Tuple(_) => interp.collect(&v)?,
                _ => vec![v.clone()],
            };
            for item in values {
                let text = param_text(interp, &item)?;
                query.push((key.clone(), text));
            }
        }
    }
    // The body travels as JSON text, so the handler sees what `json.loads` makes of it.
    let body = match json {
        Some(j) => {
            let text = json::Encoder::compact().encode(interp, &j)?;
            Some(json::parse(&text)?)
        }
        None => None,
    };
    let req = Request { path_params: Vec::new(), query, body, cache: Vec::new() };
    let response = dispatch(interp, app, http_method, &path, req)?;
    Ok(Value::native(response))
}

pub struct Response {
    status: i64,
    text: String,
    headers: Vec<(String, String)>,
}

impl Native for Response {
    fn type_obj(&self) -> Rc<TypeObj> {
        RESPONSE_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, _this: &Value) -> PyResult<String> {
        Ok(format!("<Response [{} {}]>", self.status, reason_phrase(self.status)))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "status_code" => Value::Int(self.status),
            "text" => Value::str(&self.text),
            "reason_phrase" => Value::str(reason_phrase(self.status)),
            "headers" => Value::native(Headers { items: self.headers.clone() }),
            "json" => method("json", "Response", response_json, this),
            _ => return Ok(None),
        }))
    }
}

fn response_json(_interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos("json", &args, 0, 0)?;
    json::parse(&receiver::<Response>(b)?.text)
}

/// httpx's `Headers`: names are lower case and looked up without regard to case.
pub struct Headers {
    items: Vec<(String, String)>,
}

impl Headers {
    fn lookup(&self, key: &str) -> Option<String> {
        let key = key.to_lowercase();
        let found: Vec<&str> = self.items.iter().filter(|(k, _)| *k == key).map(|(_, v)| v.as_str()).collect();
        (!found.is_empty()).then(|| found.join(", "))
    }
    fn as_dict(&self) -> Value {
        let d = Dict::new();
        for (k, v) in &self.items {
            d.set_str(k, Value::str(v));
        }
        Value::Dict(gc::new(d))
    }
}

impl Native for Headers {
    fn type_obj(&self) -> Rc<TypeObj> {
        HEADERS_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _this: &Value) -> PyResult<String> {
        Ok(format!("Headers({})", interp.repr(&self.as_dict())?))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (n, f): (&'static str, BuiltinFn) = match name {
            "get" => ("get", headers_get),
            "keys" => ("keys", headers_view),
            "values" => ("values", headers_view),
            "items" => ("items", headers_view),
            _ => return Ok(None),
        };
        Ok(Some(method(n, "Headers", f, this)))
    }
    fn len(&self) -> Option<usize> {
        Some(self.items.len())
    }
    fn iter_items(&self) -> Option<Vec<Value>> {
        Some(self.items.iter().map(|(k, _)| Value::str(k)).collect())
    }
    fn getitem(&self, interp: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(interp.str(key).and_then(|k| match self.lookup(&k) {
            Some(v) => Ok(Value::string(v)),
            None => key_error(key.clone()),
        }))
    }
}

/// `headers.get(key, default=None)`.
fn headers_get(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos("get", &args, 1, 2)?;
    let h = receiver::<Headers>(b)?;
    let key = interp.str(&args.pos[0])?;
    Ok(h.lookup(&key).map_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None), Value::string))
}

/// `headers.keys()`, `.values()`, `.items()`: the views of a dict of the headers.
fn headers_view(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    super::check_pos(b.name, &args, 0, 0)?;
    let d = receiver::<Headers>(b)?.as_dict();
    interp.call_method(&d, &name(b.name), Vec::new(), Vec::new())
}
