//! Exception objects and the helpers that raise CPython's exact messages.

use crate::runtime::model::dict::Dict;
use crate::runtime::model::gc::{self, GcHeader};
use crate::runtime::model::typeobj::{types, TypeObj};
use crate::runtime::model::value::{PyErr, PyResult, Tuple, Value};
use crate::syntax::ast::Span;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// One line of a traceback: which code was running and where.
#[derive(Clone)]
pub struct TraceEntry {
    pub file: Rc<str>,
    pub source: Rc<str>,
    pub func: Rc<str>,
    pub span: Span,
    /// The innermost frame's local names, for `NameError`'s "Did you mean" suggestion.
    pub varnames: Vec<Rc<crate::runtime::model::value::PyStr>>,
}

pub struct ExceptionObj {
    pub typ: Rc<TypeObj>,
    pub args: RefCell<Rc<Tuple>>,
    pub cause: RefCell<Option<Value>>,
    pub context: RefCell<Option<Value>>,
    pub suppress_context: Cell<bool>,
    /// Outermost call first, as a traceback prints it.
    pub traceback: RefCell<Vec<TraceEntry>>,
    /// Where in the innermost frame not yet recorded the error happened; the frame's call
    /// boundary turns it into a `TraceEntry`.
    pub pending_span: Cell<Option<Span>>,
    /// Attributes set on the instance (`e.status_code`, `NameError.name`).
    pub dict: RefCell<Option<Rc<Dict>>>,
    pub gc: GcHeader,
}

impl ExceptionObj {
    pub fn new(typ: Rc<TypeObj>, args: Vec<Value>) -> ExceptionObj {
        ExceptionObj {
            typ,
            args: RefCell::new(Rc::new(Tuple::new(args))),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            traceback: RefCell::new(Vec::new()),
            pending_span: Cell::new(None),
            dict: RefCell::new(None),
            gc: GcHeader::default(),
        }
    }
    pub fn is_instance(&self, t: &Rc<TypeObj>) -> bool {
        self.typ.is_subtype(t)
    }
    pub fn attr(&self, name: &str) -> Option<Value> {
        self.dict.borrow().as_ref().and_then(|d| d.get_str(name))
    }
    /// `SystemExit.code`: the argument when there is one, `None` without, all of them as a
    /// tuple when there are several; an assigned `e.code` wins.
    pub fn exit_code(&self) -> Value {
        if let Some(code) = self.attr("code") {
            return code;
        }
        let args = self.args.borrow().clone();
        match &args.items[..] {
            [] => Value::None,
            [code] => code.clone(),
            _ => Value::Tuple(args),
        }
    }
    pub fn set_attr(&self, name: &str, v: Value) {
        let mut d = self.dict.borrow_mut();
        d.get_or_insert_with(|| gc::new(Dict::new())).set_str(name, v);
    }
}

impl PyErr {
    pub fn new(typ: &Rc<TypeObj>, msg: impl Into<String>) -> PyErr {
        PyErr(gc::new(ExceptionObj::new(typ.clone(), vec![Value::string(msg.into())])))
    }
    pub fn with_args(typ: &Rc<TypeObj>, args: Vec<Value>) -> PyErr {
        PyErr(gc::new(ExceptionObj::new(typ.clone(), args)))
    }
    pub fn is(&self, t: &Rc<TypeObj>) -> bool {
        self.0.is_instance(t)
    }
    pub fn value(&self) -> Value {
        Value::Exception(self.0.clone())
    }
    /// Records where the error happened in the current frame, unless a deeper expression of
    /// the same frame already did.
    pub fn at(self, span: Span) -> PyErr {
        if self.0.pending_span.get().is_none() {
            self.0.pending_span.set(Some(span));
        }
        self
    }
}

macro_rules! raisers {
    ($( $fn:ident => $field:ident ),* $(,)?) => {
        $(
            pub fn $fn<T>(msg: impl Into<String>) -> PyResult<T> {
                Err(PyErr::new(&types().$field, msg))
            }
        )*
    };
}

raisers! {
    type_error => type_error,
    value_error => value_error,
    index_error => index_error,
    name_error => name_error,
    attribute_error => attribute_error,
    zero_division => zero_division_error,
    overflow_error => overflow_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    not_implemented => not_implemented_error,
    memory_error => memory_error,
    import_error => import_error,
    module_not_found => module_not_found_error,
    stop_iteration_msg => stop_iteration,
    unbound_local => unbound_local_error,
}

/// Going past the memory cap is a `MemoryError` wherever Python code sees it.
impl From<crate::runtime::support::limits::OverCap> for PyErr {
    fn from(_: crate::runtime::support::limits::OverCap) -> PyErr {
        PyErr::new(&types().memory_error, "")
    }
}

/// `KeyError(key)`: the key itself is the argument, so `str(e)` is its repr.
pub fn key_error<T>(key: Value) -> PyResult<T> {
    Err(PyErr::with_args(&types().key_error, vec![key]))
}

/// A feature cellar does not have yet: a clear error, never a wrong answer.
pub fn unsupported<T>(feature: &str) -> PyResult<T> {
    not_implemented(format!("cellar does not support {feature} yet"))
}

/// A traceback object (`e.__traceback__`, the third argument of `__exit__`): the lines of
/// the frames the exception passed through, outermost first (`tb_lineno`, `tb_next`).
pub struct Traceback {
    lines: Rc<[u32]>,
    index: usize,
}

thread_local! {
    static TRACEBACK_TYPE: Rc<TypeObj> = TypeObj::new("traceback", crate::runtime::model::typeobj::TypeKind::Native, Some(types().object.clone()));
}

impl Traceback {
    /// The traceback of `e` as it stands, with the frame it is in now first (its `source`);
    /// `None` when it has passed through no frame.
    pub fn of(e: &ExceptionObj, here: Option<&str>) -> Value {
        let mut lines = Vec::new();
        if let (Some(span), Some(source)) = (e.pending_span.get(), here) {
            lines.push(crate::syntax::ast::line_at(source, span.start).0);
        }
        for t in e.traceback.borrow().iter().rev() {
            lines.push(crate::syntax::ast::line_at(&t.source, t.span.start).0);
        }
        if lines.is_empty() {
            return Value::None;
        }
        Value::native(Traceback { lines: lines.into(), index: 0 })
    }
}

impl crate::runtime::model::value::Native for Traceback {
    fn type_obj(&self) -> Rc<TypeObj> {
        TRACEBACK_TYPE.with(|t| t.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _interp: &mut crate::runtime::interp::Interp, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "tb_lineno" => Value::Int(self.lines[self.index] as i64),
            "tb_next" if self.index + 1 < self.lines.len() => {
                Value::native(Traceback { lines: self.lines.clone(), index: self.index + 1 })
            }
            "tb_next" => Value::None,
            _ => return Ok(None),
        }))
    }
}
