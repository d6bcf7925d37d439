//! The `FastAPI` app: its route decorators (`app.get(...)` and the others), which check the
//! handler and record the route, and the router, which matches a request's path and method
//! to a route and answers with the handler's result, a validation error, an `HTTPException`,
//! a 404 or a 405.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{type_error, unsupported};
use crate::runtime::model::gc::{Busy, GcHeader, Visitor};
use crate::runtime::model::typeobj::{type_name, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::{self, method};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use super::deps::{as_depends, params_of, solve, Request};
use super::exceptions::is_http_exception;
use super::responses::{body_allowed, detail_response, http_exception_response, json_response, Response};
use super::{as_status, receiver_of};

thread_local! {
    static FASTAPI_TYPE: Rc<TypeObj> = TypeObj::native_class("fastapi.applications", "FastAPI");
}

pub fn fastapi_type() -> Rc<TypeObj> {
    FASTAPI_TYPE.with(|t| t.clone())
}

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
    Ok(modules::closure_fn("decorator", register_route, state))
}

/// The decorator itself: registers `handler` and returns it unchanged.
fn register_route(_interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    modules::check_pos("decorator", &args, 1, 1)?;
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

/// Checks the handler's parameters when the route is declared, as FastAPI does.
fn check_params(route: &Route) -> PyResult<()> {
    if !crate::runtime::modules::builtins::is_callable(&route.handler) {
        return type_error(format!("'{}' object is not callable", type_name(&route.handler)));
    }
    params_of(&route.handler, &route.path_params()).map(|_| ())
}

/// Routes one request as Starlette's router does: the first route matching path and method
/// runs; a route matching only the path makes a 405; otherwise the path with its trailing
/// slash toggled is tried (the TestClient follows that redirect), and then 404.
pub(super) fn dispatch(interp: &mut Interp, app: &App, http_method: &str, path: &str, mut req: Request) -> PyResult<Response> {
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
