//! `inspect.getclosurevars`, with CPython's algorithm: nonlocals from the closure cells, then
//! every name of `co_names` looked up in the function's globals, then the builtins, else
//! unbound. CPython's `co_names` also holds attribute and imported-module names, so
//! `x.append(1)` puts `'append'` in `unbound`; `co_names` is rebuilt here from the code tree in
//! the order CPython's compiler would emit the names.

use crate::compile::code::*;
use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{type_error, value_error};
use crate::runtime::model::set::new_set;
use crate::runtime::model::value::*;
use std::rc::Rc;
use super::collections::{new_named, tuple_class, TupleClass};
use super::{func, new_module};

thread_local! {
    static CLOSURE_VARS: Rc<TupleClass> =
        tuple_class("inspect", "ClosureVars", &["nonlocals", "globals", "builtins", "unbound"]);
}

pub fn module(interp: &mut Interp) -> PyResult<Value> {
    let module = new_module(
        "inspect",
        vec![("getclosurevars", func("getclosurevars", getclosurevars)), ("_code_shape", func("_code_shape", code_shape))],
    );
    super::run_library(interp, &module, "inspect")?;
    Ok(module)
}

/// `_code_shape(code)`: `(posonly, argcount, kwonly, has *args, has **kwargs)`, what
/// `signature` (in `inspect.py`) needs of a code object.
fn code_shape(_interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    let Some(Value::Code(c)) = args.pos.first() else {
        return type_error("_code_shape() takes a code object");
    };
    let s = &c.sig;
    Ok(Value::tuple(vec![
        Value::Int(s.posonly as i64),
        Value::Int(s.argcount as i64),
        Value::Int(s.kwonly as i64),
        Value::Bool(s.varargs),
        Value::Bool(s.varkw),
    ]))
}

fn getclosurevars(interp: &mut Interp, _b: &Builtin, args: Args) -> PyResult<Value> {
    let f = match (args.pos, args.kw) {
        ([f], []) => f.clone(),
        ([], [(k, f)]) if k.as_str() == "func" => f.clone(),
        ([], _) => return type_error("getclosurevars() missing 1 required positional argument: 'func'"),
        (pos, []) => {
            return type_error(format!("getclosurevars() takes 1 positional argument but {} were given", pos.len()))
        }
        (_, kw) => {
            return type_error(format!("getclosurevars() got an unexpected keyword argument '{}'", kw[0].0.as_str()))
        }
    };
    let f = match &f {
        Value::Method(m) => m.func.clone(),
        _ => f,
    };
    let Value::Function(func) = &f else {
        let r = interp.repr(&f)?;
        return type_error(format!("{r} is not a Python function"));
    };
    let code = &func.code;

    let nonlocals = Dict::new();
    for (name, cell) in code.freevars.iter().zip(func.closure.iter()) {
        match cell.get() {
            Some(v) => nonlocals.set_name(name, v),
            None => return value_error("Cell is empty"),
        }
    }

    let builtins = match func.globals.get_str("__builtins__") {
        Some(Value::Module(m)) => m.dict.clone(),
        Some(Value::Dict(d)) => d,
        _ => interp.builtins.clone(),
    };
    let globals = Dict::new();
    let builtin_vars = Dict::new();
    let mut unbound = Vec::new();
    for name in co_names(code) {
        if matches!(name.as_str(), "None" | "True" | "False") {
            continue;
        }
        if let Some(v) = func.globals.get_name(&name) {
            globals.set_name(&name, v);
        } else if let Some(v) = builtins.get_name(&name) {
            builtin_vars.set_name(&name, v);
        } else {
            unbound.push(Value::Str(name));
        }
    }
    let values = vec![
        Value::Dict(crate::runtime::model::gc::new(nonlocals)),
        Value::Dict(crate::runtime::model::gc::new(globals)),
        Value::Dict(crate::runtime::model::gc::new(builtin_vars)),
        new_set(unbound, false)?,
    ];
    Ok(CLOSURE_VARS.with(|c| new_named(c, values)))
}

/// The names CPython's `co_names` would hold for `code`, in order of first use.
pub fn co_names(code: &Code) -> Vec<Rc<PyStr>> {
    let mut w = Names { out: Vec::new() };
    w.stmts(&code.body);
    // Names the compiler recorded that the walk did not meet (a node kind it does not know).
    for g in &code.global_names {
        w.add(g);
    }
    w.out
}

struct Names {
    out: Vec<Rc<PyStr>>,
}

impl Names {
    fn add(&mut self, n: &Rc<PyStr>) {
        if !self.out.iter().any(|o| o.as_str() == n.as_str()) {
            self.out.push(n.clone());
        }
    }
    fn add_str(&mut self, n: &str) {
        self.add(&Rc::new(PyStr::new(n)))
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Echo(e) => self.expr(e),
            StmtKind::Assign(targets, value) => {
                self.expr(value);
                for t in targets {
                    self.store(t);
                }
            }
            StmtKind::AugAssign(t, _, value) => {
                self.load_target(t);
                self.expr(value);
                self.store_after_load(t);
            }
            StmtKind::Annotated { annotation, value, .. } => {
                if let Some((t, v)) = value {
                    self.expr(v);
                    self.store(t);
                }
                self.expr(annotation);
            }
            StmtKind::Def { func, target } => {
                self.funcdef(func);
                self.store(target);
            }
            StmtKind::Class(c) => {
                for d in &c.decorators {
                    self.expr(d);
                }
                self.args(&c.bases);
                self.store(&c.target);
            }
            StmtKind::Return(e) => {
                if let Some(e) = e {
                    self.expr(e);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.store(t);
                }
            }
            StmtKind::Pass | StmtKind::Declaration | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::If(test, body, orelse) | StmtKind::While(test, body, orelse) => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For { target, iter, body, orelse } | StmtKind::AsyncFor { target, iter, body, orelse } => {
                self.expr(iter);
                self.store(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body);
                self.stmts(orelse);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.store(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(finalbody);
            }
            StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => {
                for item in items {
                    self.expr(&item.context);
                    if let Some(t) = &item.target {
                        self.store(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Raise(exc, cause) => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Assert(test, msg) => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import { module, target, bind_top } => {
                self.add_str(module);
                if !*bind_top {
                    if let Some((_, last)) = module.rsplit_once('.') {
                        self.add_str(last);
                    }
                }
                self.store(target);
            }
            StmtKind::ImportFrom { module, names } => {
                self.add_str(module);
                for (n, t) in names {
                    self.add(n);
                    self.store(t);
                }
            }
            StmtKind::Comp(body) => {
                for (i, lp) in body.loops.iter().enumerate() {
                    if i > 0 {
                        if let Some(it) = &lp.iter {
                            self.expr(it);
                        }
                    }
                    self.store(&lp.target);
                    for c in &lp.ifs {
                        self.expr(c);
                    }
                }
                match &body.kind {
                    CompKind::List(e) | CompKind::Set(e) | CompKind::Gen(e) => self.expr(e),
                    CompKind::Dict(k, v) => {
                        self.expr(k);
                        self.expr(v);
                    }
                }
            }
            StmtKind::Unsupported(_) => {}
        }
    }

    /// What a function definition evaluates where it stands: decorators, defaults, keyword
    /// defaults, annotations (the body is another code object).
    fn funcdef(&mut self, f: &FuncDef) {
        for d in &f.decorators {
            self.expr(d);
        }
        for d in &f.defaults {
            self.expr(d);
        }
        for (_, d) in &f.kwdefaults {
            self.expr(d);
        }
        for (_, a) in &f.annotations {
            self.expr(a);
        }
    }

    /// A store (or `del`) of a target.
    fn store(&mut self, t: &Target) {
        match t {
            Target::Local(_) | Target::Cell(..) => {}
            Target::Global(n, ..) | Target::Name(n) => self.add(n),
            Target::Attr(obj, n, _) => {
                self.expr(obj);
                self.add(n);
            }
            Target::Subscript(obj, index) => {
                self.expr(obj);
                self.expr(index);
            }
            Target::Unpack { items, .. } => {
                for i in items {
                    self.store(i);
                }
            }
        }
    }

    /// The load half of an augmented assignment.
    fn load_target(&mut self, t: &Target) {
        match t {
            Target::Global(n, ..) => self.add(n),
            Target::Attr(obj, n, _) => {
                self.expr(obj);
                self.add(n);
            }
            Target::Subscript(obj, index) => {
                self.expr(obj);
                self.expr(index);
            }
            _ => {}
        }
    }

    fn store_after_load(&mut self, t: &Target) {
        if let Target::Global(n, ..) = t {
            self.add(n);
        }
    }

    fn elts(&mut self, items: &[Elt]) {
        for e in items {
            match e {
                Elt::One(e) | Elt::Star(e) => self.expr(e),
            }
        }
    }

    fn call(&mut self, c: &Call) {
        self.expr(&c.func);
        self.args(&c.args);
    }

    fn args(&mut self, args: &[Arg]) {
        for a in args {
            match a {
                Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => self.expr(e),
            }
        }
    }

    fn fparts(&mut self, parts: &[FPart]) {
        for p in parts {
            if let FPart::Field { value, spec, .. } = p {
                self.expr(value);
                if let Some(s) = spec {
                    self.fparts(s);
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Const(_) | Expr::Local(..) | Expr::Cell(..) => {}
            Expr::Global(n, _, _) | Expr::Name(n, _) => self.add(n),
            Expr::BinOp(a, _, b, _) | Expr::And(a, b) | Expr::Or(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            Expr::Unary(_, a, _) | Expr::Await(a, _) => self.expr(a),
            Expr::Compare(a, rest, _) => {
                self.expr(a);
                for (_, b) in rest {
                    self.expr(b);
                }
            }
            Expr::Call(c) => self.call(c),
            Expr::FrameQuery(_, c) => self.call(c),
            Expr::CallMethod(obj, n, c, _) => {
                self.expr(obj);
                self.add(n);
                self.args(&c.args);
            }
            Expr::Attr(obj, n, _, _) => {
                self.expr(obj);
                self.add(n);
            }
            Expr::Subscript(a, b, _) => {
                self.expr(a);
                self.expr(b);
            }
            Expr::Slice(a, b, c) => {
                for p in [a, b, c].into_iter().flatten() {
                    self.expr(p);
                }
            }
            Expr::Tuple(items) | Expr::List(items) | Expr::Set(items) => self.elts(items),
            Expr::Dict(pairs) => {
                for (k, v) in pairs {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            Expr::IfExp(test, body, orelse) => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            Expr::Lambda(f) => self.funcdef(f),
            Expr::Comprehension(f, first, _) => {
                self.funcdef(f);
                self.expr(first);
            }
            Expr::Walrus(t, v) => {
                self.expr(v);
                self.store(t);
            }
            Expr::FString(parts) => self.fparts(parts),
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
}
