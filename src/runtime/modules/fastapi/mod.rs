//! `fastapi`, `fastapi.exceptions` and `fastapi.testclient`: a teaching model of FastAPI with
//! the observable behaviour of the real library (FastAPI 0.165, Starlette, httpx 0.28) for what
//! it covers. There is no server and no network: `TestClient.get(...)` routes the request, solves
//! the dependencies, calls the handler (awaiting it when it is `async def`) and renders the
//! response exactly as Starlette's `JSONResponse` would, so that the seed's rate limiter trips
//! with the same 429 and the same JSON as in real life.
//!
//! This file makes the three modules; the model is split as the libraries are: `routing`
//! (the `FastAPI` app, its route decorators and its router), `deps` (`Depends` and the
//! solving of a handler's parameters), `client` (the `TestClient` and the requests it
//! sends), `responses` (what the app answers: JSON rendering, httpx's `Response` and
//! `Headers`) and `exceptions` (`HTTPException`).

mod client;
mod deps;
mod exceptions;
mod responses;
mod routing;

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::type_error;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::*;
use super::{func, new_module};
use exceptions::http_exception_type;

pub use client::{client_type, new_client};
pub use routing::{fastapi_type, new_app};

pub fn module(_interp: &mut Interp) -> Value {
    new_module(
        "fastapi",
        vec![
            ("FastAPI", Value::Type(fastapi_type())),
            ("Depends", func("Depends", deps::depends)),
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

/// A status code given as an `int` (or a `bool`); -1, which no status has, for anything else.
fn as_status(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => -1,
    }
}

/// The model's native object that `v` holds (the app a route or a client works on).
fn receiver_of<T: 'static>(v: &Value) -> PyResult<&T> {
    match v {
        Value::Native(n) => match n.as_any().downcast_ref::<T>() {
            Some(r) => Ok(r),
            None => type_error(format!("unexpected {}", type_name(v))),
        },
        _ => type_error(format!("unexpected {}", type_name(v))),
    }
}
