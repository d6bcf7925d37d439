//! What the app answers and the client receives: Starlette's `JSONResponse` rendering (after
//! FastAPI's `jsonable_encoder`) and FastAPI's handler for `HTTPException`, and httpx's
//! `Response` and `Headers` as the test sees them.

use crate::runtime::interp::Interp;
use crate::runtime::model::depth;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{key_error, type_error, value_error, ExceptionObj};
use crate::runtime::model::gc;
use crate::runtime::model::typeobj::{type_name, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::{self, json, method, name, receiver};
use std::any::Any;
use std::rc::Rc;
use super::as_status;
use super::exceptions::phrase;

thread_local! {
    static RESPONSE_TYPE: Rc<TypeObj> = TypeObj::native_class("httpx", "Response");
    static HEADERS_TYPE: Rc<TypeObj> = TypeObj::native_class("httpx", "Headers");
}

/// httpx's reason phrases differ from `http.client`'s in one place.
fn reason_phrase(status: i64) -> &'static str {
    if status == 418 {
        "I'm a teapot"
    } else {
        phrase(status)
    }
}

/// A status whose response has no body (Starlette's `is_body_allowed_for_status_code`).
pub(super) fn body_allowed(status: i64) -> bool {
    !(status < 200 || status == 204 || status == 304)
}

pub(super) fn json_response(interp: &mut Interp, status: i64, content: &Value, mut headers: Vec<(String, String)>) -> PyResult<Response> {
    let content = jsonable(interp, content)?;
    let text = json::Encoder::compact().encode(interp, &content)?;
    headers.push(("content-length".into(), text.len().to_string()));
    headers.push(("content-type".into(), "application/json".into()));
    Ok(Response { status, text, headers })
}

pub(super) fn detail_response(interp: &mut Interp, status: i64, detail: Value, headers: Vec<(String, String)>) -> PyResult<Response> {
    let d = Dict::new();
    d.set_str("detail", detail);
    json_response(interp, status, &Value::Dict(gc::new(d)), headers)
}

/// FastAPI's handler for an `HTTPException`: its status, `{"detail": ...}` and its headers.
pub(super) fn http_exception_response(interp: &mut Interp, e: &ExceptionObj) -> PyResult<Response> {
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
        Value::Native(n) if Rc::ptr_eq(&n.type_obj(), &modules::collections::deque_type()) => {
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

pub struct Response {
    pub(super) status: i64,
    pub(super) text: String,
    pub(super) headers: Vec<(String, String)>,
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
    modules::check_pos("json", &args, 0, 0)?;
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
    modules::check_pos("get", &args, 1, 2)?;
    let h = receiver::<Headers>(b)?;
    let key = interp.str(&args.pos[0])?;
    Ok(h.lookup(&key).map_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None), Value::string))
}

/// `headers.keys()`, `.values()`, `.items()`: the views of a dict of the headers.
fn headers_view(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    modules::check_pos(b.name, &args, 0, 0)?;
    let d = receiver::<Headers>(b)?.as_dict();
    interp.call_method(&d, &name(b.name), Vec::new(), Vec::new())
}
