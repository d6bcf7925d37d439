//! `TestClient`: sends a request to the app without a network, as httpx and Starlette's test
//! client would: the URL's path and query decoded, `params=` and `json=` encoded, and the
//! request handed to the app's router.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{type_error, unsupported};
use crate::runtime::model::gc::{Busy, Visitor};
use crate::runtime::model::typeobj::{types, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::{json, method, receiver};
use std::any::Any;
use std::rc::Rc;
use super::deps::Request;
use super::receiver_of;
use super::routing::{dispatch, App};

thread_local! {
    static CLIENT_TYPE: Rc<TypeObj> = TypeObj::native_class("starlette.testclient", "TestClient");
}

pub fn client_type() -> Rc<TypeObj> {
    CLIENT_TYPE.with(|t| t.clone())
}

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
