//! `HTTPException`, Starlette's and FastAPI's subclass of it: how it is made, shown and
//! printed (through the exception slots the core consults), and the phrases of the HTTP
//! status codes that it takes as its default `detail`.

use crate::runtime::interp::Interp;
use crate::runtime::model::exception_slots::{self, ExceptionSlots};
use crate::runtime::model::exceptions::{type_error, ExceptionObj};
use crate::runtime::model::gc;
use crate::runtime::model::typeobj::{types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use std::rc::Rc;
use super::as_status;

thread_local! {
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

pub(super) fn http_exception_type() -> Rc<TypeObj> {
    HTTP_EXCEPTION.with(|t| t.clone())
}

/// `http.client.responses`: the phrase an `HTTPException` without `detail` carries.
pub(super) fn phrase(status: i64) -> &'static str {
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

pub(super) fn is_http_exception(e: &ExceptionObj) -> bool {
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
