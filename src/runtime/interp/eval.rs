//! Expressions: `eval` and its cold half, conditions, f-strings, the loads of locals, cells
//! and globals (through the caches the compiler gave each site), and the operators
//! (`binary_op`, `inplace_op`, `compare`, `contains`) with their small-int fast paths.

use super::{name_error_for, Frame, Interp};
use crate::compile::code::*;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::model::value::*;
use crate::runtime::types::object::{self, user_class};
use crate::runtime::types::ops;
use crate::syntax::ast::{BinOp, CmpOp, Span, UnaryOp};
use std::rc::Rc;

impl Interp {
    /// `eval` for operands: a bound local, a bound cell or a constant is read in place,
    /// without the cost of a call; they are most of the operands of arithmetic, comparisons
    /// and calls.
    #[inline(always)]
    pub(super) fn eval_operand(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Local(s, _) => {
                if let Some(v) = &f.locals[*s as usize] {
                    return Ok(v.clone());
                }
            }
            Expr::Cell(s, _) => {
                if let Some(v) = &*f.cells[*s as usize].contents.borrow() {
                    return Ok(v.clone());
                }
            }
            Expr::Const(v) => return Ok(v.clone()),
            _ => {}
        }
        self.eval(f, e)
    }

    pub fn eval(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Local(s, _) => match &f.locals[*s as usize] {
                Some(v) => Ok(v.clone()),
                None => self.unbound_local(f.code.varnames[*s as usize].as_str()),
            },
            Expr::Cell(s, span) => self.load_cell(f, *s).map_err(|e| e.at(*span)),
            Expr::Global(n, span, cache) => self.eval_global(f, n, *span, cache),
            Expr::BinOp(a, op, b, span) => {
                if let (Some(x), Some(y)) = (operand_ref(f, a), operand_ref(f, b)) {
                    if let (Value::Int(i), Value::Int(j)) = (x, y) {
                        if let Some(r) = int_op(*op, *i, *j) {
                            return Ok(Value::Int(r));
                        }
                    }
                    return self.binary_op(*op, x, y).map_err(|e| e.at(*span));
                }
                let x = self.eval_operand(f, a)?;
                let y = self.eval_operand(f, b)?;
                if let (Value::Int(i), Value::Int(j)) = (&x, &y) {
                    if let Some(r) = int_op(*op, *i, *j) {
                        return Ok(Value::Int(r));
                    }
                }
                self.binary_op(*op, &x, &y).map_err(|e| e.at(*span))
            }
            Expr::And(a, b) => {
                let v = self.eval(f, a)?;
                if self.truthy(&v)? {
                    self.eval(f, b)
                } else {
                    Ok(v)
                }
            }
            Expr::Or(a, b) => {
                let v = self.eval(f, a)?;
                if self.truthy(&v)? {
                    Ok(v)
                } else {
                    self.eval(f, b)
                }
            }
            Expr::Compare(first, rest, span) if rest.len() == 1 => {
                if let (Some(left), Some(right)) = (operand_ref(f, first), operand_ref(f, &rest[0].1)) {
                    return self.compare(rest[0].0, left, right).map(Value::Bool).map_err(|e| e.at(*span));
                }
                let left = self.eval_operand(f, first)?;
                let right = self.eval_operand(f, &rest[0].1)?;
                self.compare(rest[0].0, &left, &right).map(Value::Bool).map_err(|e| e.at(*span))
            }
            Expr::Call(call) => self.eval_call(f, call),
            Expr::CallMethod(obj, name, call, cache) => {
                let o = self.eval_operand(f, obj)?;
                self.eval_method_call(f, o, name, call, cache).map_err(|e| e.at(call.span))
            }
            Expr::Attr(obj, name, span, cache) => {
                let o = self.eval_operand(f, obj)?;
                if let Value::Instance(inst) = &o {
                    if let Some(v) = cached_attr(inst, name, cache) {
                        return Ok(v);
                    }
                }
                crate::runtime::interp::attrs::getattr(self, &o, name).map_err(|e| e.at(*span))
            }
            Expr::Subscript(obj, index, span) => {
                let o = self.eval_operand(f, obj)?;
                let i = self.eval_operand(f, index)?;
                crate::runtime::modules::builtins::getitem(self, &o, &i).map_err(|e| e.at(*span))
            }
            _ => self.eval_cold(f, e),
        }
    }

    /// The expressions that are rarer on hot paths; kept out of `eval` so that its frame stays
    /// small for the common ones.
    #[inline(never)]
    fn eval_cold(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Unary(op, a, span) => {
                let v = self.eval(f, a)?;
                if user_class(&v).is_some() && *op != UnaryOp::Not {
                    let (name, symbol) = match op {
                        UnaryOp::Neg => ("__neg__", "-"),
                        UnaryOp::Pos => ("__pos__", "+"),
                        _ => ("__invert__", "~"),
                    };
                    return object::unary(self, name, symbol, &v).map_err(|e| e.at(*span));
                }
                match op {
                    UnaryOp::Not => Ok(Value::Bool(!self.truthy(&v)?)),
                    UnaryOp::Neg => ops::unary_neg(&v),
                    UnaryOp::Pos => ops::unary_pos(&v),
                    UnaryOp::Invert => ops::unary_invert(&v),
                }
                .map_err(|e| e.at(*span))
            }
            Expr::Compare(first, rest, span) => {
                let mut left = self.eval(f, first)?;
                for (i, (op, right)) in rest.iter().enumerate() {
                    let r = self.eval(f, right)?;
                    let ok = self.compare(*op, &left, &r).map_err(|e| e.at(*span))?;
                    if !ok {
                        return Ok(Value::Bool(false));
                    }
                    if i + 1 < rest.len() {
                        left = r;
                    }
                }
                Ok(Value::Bool(true))
            }
            Expr::Slice(a, b, c) => {
                let mut part = |p: &Option<Box<Expr>>| -> PyResult<Value> {
                    match p {
                        Some(x) => self.eval(f, x),
                        None => Ok(Value::None),
                    }
                };
                let (a, b, c) = (part(a)?, part(b)?, part(c)?);
                Ok(crate::runtime::modules::builtins::make_slice(a, b, c))
            }
            Expr::Tuple(items) => Ok(Value::tuple(self.eval_elts(f, items)?)),
            Expr::List(items) => Ok(Value::list(self.eval_elts(f, items)?)),
            Expr::Set(items) => {
                let values = self.eval_elts(f, items)?;
                self.new_set(values, false)
            }
            Expr::Dict(pairs) => {
                let d = Dict::new();
                for (k, v) in pairs {
                    match k {
                        Some(k) => {
                            let key = self.eval(f, k)?;
                            let val = self.eval(f, v)?;
                            self.dict_set(&d, key, val)?;
                        }
                        None => {
                            let m = self.eval(f, v)?;
                            let d = &d;
                            match &m {
                                Value::Dict(src) => {
                                    for (k, v) in src.items() {
                                        d.set(k, v)?;
                                    }
                                }
                                _ => {
                                    return type_error(format!(
                                        "'{}' object is not a mapping",
                                        type_name(&m)
                                    ))
                                }
                            }
                        }
                    }
                }
                Ok(Value::Dict(crate::runtime::model::gc::new(d)))
            }
            Expr::IfExp(test, a, b) => {
                if self.eval_truth(f, test)? {
                    self.eval(f, a)
                } else {
                    self.eval(f, b)
                }
            }
            Expr::Lambda(def) => self.make_function(f, def),
            Expr::Comprehension(def, first, span) => {
                let it = self.eval(f, first)?;
                let it = self.iter(&it).map_err(|e| e.at(*span))?;
                self.comprehension(f, def, it).map_err(|e| e.at(*span))
            }
            Expr::Walrus(target, value) => {
                let v = self.eval(f, value)?;
                self.assign(f, target, v.clone())?;
                Ok(v)
            }
            Expr::FString(parts) => Ok(Value::string(self.fstring(f, parts)?)),
            Expr::Await(inner, span) => {
                let v = self.eval(f, inner)?;
                self.await_value(v, *span).map_err(|e| e.at(*span))
            }
            Expr::Yield(value, span) => {
                let v = match value {
                    Some(e) => self.eval(f, e)?,
                    None => Value::None,
                };
                self.yield_value(v, *span, crate::runtime::model::generator::Delegate::None).map_err(|e| e.at(*span))
            }
            Expr::YieldFrom(inner, span) => {
                let v = self.eval(f, inner)?;
                self.yield_from(v, *span).map_err(|e| e.at(*span))
            }
            Expr::FrameQuery(q, call) => {
                let func = self.eval(f, &call.func)?;
                if *q == FrameQuery::Super {
                    return match &func {
                        Value::Type(t) if t.name == "super" && t.module.is_none() => self.zero_arg_super(f),
                        _ => self.call(&func, Vec::new(), Vec::new()),
                    }
                    .map_err(|e| e.at(call.span));
                }
                let is_builtin = matches!(&func, Value::Builtin(b) if b.owner.is_none() && b.bound.is_none()
                    && b.name == match q { FrameQuery::Locals => "locals", FrameQuery::Dir => "dir", FrameQuery::Vars => "vars", FrameQuery::Super => "super" });
                if !is_builtin {
                    return self.call(&func, Vec::new(), Vec::new()).map_err(|e| e.at(call.span));
                }
                if let (Some(ns), FrameQuery::Locals | FrameQuery::Vars) = (f.namespace, q) {
                    return Ok(Value::Dict(ns.clone()));
                }
                let names = self.frame_locals(f);
                Ok(match q {
                    FrameQuery::Dir => {
                        let mut keys: Vec<String> = names.keys().iter().filter_map(|k| match k {
                            Value::Str(s) => Some(s.as_str().to_string()),
                            _ => None,
                        }).collect();
                        keys.sort();
                        Value::list(keys.into_iter().map(Value::string).collect())
                    }
                    _ => Value::Dict(names),
                })
            }
            Expr::Name(n, span) => self.load_name(f, n).map_err(|e| e.at(*span)),
            Expr::ClassDeref(s, n, span) => {
                if let Some(v) = f.namespace.and_then(|ns| ns.get_name(n)) {
                    return Ok(v);
                }
                self.load_cell(f, *s).map_err(|e| e.at(*span))
            }
            Expr::Unsupported(what, span) => unsupported::<Value>(what).map_err(|e| e.at(*span)),
            _ => unreachable!("eval handles the hot expressions"),
        }
    }

    /// A condition's truth, without making a `bool` value for the common comparisons.
    pub(super) fn eval_truth(&mut self, f: &mut Frame, e: &Expr) -> PyResult<bool> {
        match e {
            Expr::Compare(first, rest, span) if rest.len() == 1 => {
                if let (Some(left), Some(right)) = (operand_ref(f, first), operand_ref(f, &rest[0].1)) {
                    return self.compare(rest[0].0, left, right).map_err(|e| e.at(*span));
                }
                let left = self.eval_operand(f, first)?;
                let right = self.eval_operand(f, &rest[0].1)?;
                self.compare(rest[0].0, &left, &right).map_err(|e| e.at(*span))
            }
            Expr::Unary(UnaryOp::Not, inner, _) => Ok(!self.eval_truth(f, inner)?),
            Expr::And(a, b) => Ok(self.eval_truth(f, a)? && self.eval_truth(f, b)?),
            Expr::Or(a, b) => Ok(self.eval_truth(f, a)? || self.eval_truth(f, b)?),
            _ => {
                let v = self.eval(f, e)?;
                self.truthy(&v)
            }
        }
    }

    fn fstring(&mut self, f: &mut Frame, parts: &[FPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Field { value, conversion, spec } => {
                    let v = self.eval(f, value)?;
                    let v = match conversion {
                        Some('r') => Value::string(self.repr(&v)?),
                        Some('s') => Value::string(self.str(&v)?),
                        Some('a') => Value::string(crate::runtime::types::repr::ascii(&self.repr(&v)?)),
                        _ => v,
                    };
                    let spec = match spec {
                        Some(s) => self.fstring(f, s)?,
                        None => String::new(),
                    };
                    out.push_str(&crate::runtime::modules::builtins::format_value(self, &v, &spec)?);
                }
            }
        }
        Ok(out)
    }

    fn eval_elts(&mut self, f: &mut Frame, items: &[Elt]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Elt::One(e) => out.push(self.eval(f, e)?),
                Elt::Star(e) => {
                    let v = self.eval(f, e)?;
                    if !crate::runtime::model::iter::is_iterable(&v) {
                        return type_error(format!("Value after * must be an iterable, not {}", type_name(&v)));
                    }
                    out.extend(self.collect(&v)?);
                }
            }
        }
        Ok(out)
    }

    /// What `locals()` shows: the module's globals, or a function's bound locals and cells.
    fn frame_locals(&self, f: &Frame) -> Rc<Dict> {
        if f.code.kind == CodeKind::Module {
            return f.globals.clone();
        }
        let d = Dict::new();
        for (name, v) in f.code.varnames.iter().zip(f.locals.iter()) {
            if let Some(v) = v {
                d.set_name(name, v.clone());
            }
        }
        for (i, cell) in f.cells.iter().enumerate() {
            if let Some(v) = cell.get() {
                d.set_name(f.code.cell_name(i).0, v);
            }
        }
        crate::runtime::model::gc::new(d)
    }

    #[inline]
    pub(super) fn load_cell(&mut self, f: &Frame, s: u32) -> PyResult<Value> {
        if let Some(v) = &*f.cells[s as usize].contents.borrow() {
            return Ok(v.clone());
        }
        let (name, own) = f.code.cell_name(s as usize);
        self.unbound_cell(name.as_str(), own)
    }

    /// A global or builtin read, through the position its site found last.
    #[inline(always)]
    pub(super) fn eval_global(&mut self, f: &Frame, n: &Rc<PyStr>, span: Span, cache: &GlobalCache) -> PyResult<Value> {
        let (gl, bl, pos, builtin) = cache.0.get();
        let hit = if builtin {
            if f.globals.layout() == gl { self.builtins.value_at(bl, pos as usize) } else { None }
        } else {
            f.globals.value_at(gl, pos as usize)
        };
        match hit {
            Some(v) => Ok(v),
            None => self.load_global_cached(f, n, cache).map_err(|e| e.at(span)),
        }
    }

    /// A global read that missed its cache: look the name up and remember where it was.
    fn load_global_cached(&mut self, f: &Frame, n: &Rc<PyStr>, cache: &GlobalCache) -> PyResult<Value> {
        let (gl, pos) = f.globals.locate_name(n);
        if let Some(p) = pos {
            cache.0.set((gl, 0, p as u32, false));
            return Ok(f.globals.value_at(gl, p).unwrap_or(Value::None));
        }
        let (bl, bpos) = self.builtins.locate_name(n);
        if let Some(p) = bpos {
            cache.0.set((gl, bl, p as u32, true));
            return Ok(self.builtins.value_at(bl, p).unwrap_or(Value::None));
        }
        name_error_for(n.as_str())
    }

    /// A name read in a class body: the namespace being filled, then the globals, then the
    /// builtins (CPython's `LOAD_NAME`).
    pub(super) fn load_name(&mut self, f: &Frame, n: &Rc<PyStr>) -> PyResult<Value> {
        if let Some(v) = f.namespace.and_then(|ns| ns.get_name(n)) {
            return Ok(v);
        }
        self.load_global(f, n)
    }

    /// `super()` with no arguments: the class is in the frame's `__class__` cell, the
    /// object is the frame's first argument (CPython's `super_init_without_args`).
    fn zero_arg_super(&mut self, f: &Frame) -> PyResult<Value> {
        let code = f.code;
        if code.sig.argcount == 0 {
            return runtime_error("super(): no arguments");
        }
        let first = if let Some(&(_, cell)) = code.cell_params.iter().find(|(p, _)| *p == 0) {
            f.cells[cell].get()
        } else {
            f.locals.first().cloned().flatten()
        };
        let Some(obj) = first else { return runtime_error("super(): arg[0] deleted") };
        let Some(slot) = code.freevars.iter().position(|n| n.as_str() == "__class__") else {
            return runtime_error("super(): __class__ cell not found");
        };
        match f.cells[code.cellvars.len() + slot].get() {
            Some(Value::Type(cls)) => crate::runtime::types::descriptors::new_super(self, cls, obj),
            Some(_) => runtime_error("super(): __class__ is not a type"),
            None => runtime_error("super(): empty __class__ cell"),
        }
    }

    pub(super) fn load_global(&mut self, f: &Frame, n: &Rc<PyStr>) -> PyResult<Value> {
        if let Some(v) = f.globals.get_name(n) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get_name(n) {
            return Ok(v);
        }
        name_error_for(n.as_str())
    }

    /// `a op= b`: lists, dicts and sets change in place; everything else rebinds.
    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: &Value) -> PyResult<Value> {
        match (&a, op) {
            _ if user_class(&a).is_some() => object::inplace_op(self, op, &a, b),
            (Value::List(l), BinOp::Add) => {
                let items = self.collect(b)?;
                l.items.borrow_mut().extend(items);
                Ok(a)
            }
            (Value::List(l), BinOp::Mult) => {
                // The repetition is built, with its checks and errors, as for `lst * n`;
                // then it becomes the list's contents.
                if let Value::List(repeated) = ops::inplace_op(op, &a, b)? {
                    let items = std::mem::take(&mut *repeated.items.borrow_mut());
                    let old = std::mem::replace(&mut *l.items.borrow_mut(), items);
                    drop(old);
                }
                Ok(a)
            }
            (Value::Set(s), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) =>
            {
                crate::runtime::model::set::set_inplace(op, s, b)?;
                Ok(a)
            }
            (Value::Dict(d), BinOp::BitOr) => {
                crate::runtime::types::dict::dict_update_arg(self, d, b)?;
                Ok(a)
            }
            (Value::Str(format), BinOp::Mod) => crate::runtime::types::percent::format(self, format, b),
            _ => ops::inplace_op(op, &a, b).or_else(|e| self.view_operator(op, &a, b, e)),
        }
    }

    /// The operators of dict views (which build sets), tried, as CPython's reflected
    /// operators are, only when the builtin operators did not apply: `e` is their error,
    /// which stands when neither operand is a keys or items view. Numbers never get here.
    #[cold]
    fn view_operator(&mut self, op: BinOp, a: &Value, b: &Value, e: PyErr) -> PyResult<Value> {
        if user_class(a).is_some() || user_class(b).is_some() {
            return object::binary_op(self, op, a, b);
        }
        crate::runtime::types::dict::view_binop(self, op, a, b).unwrap_or(Err(e))
    }

    /// `a op b` for any operands: the operations that need the interpreter (printf-style
    /// formatting calls `str` and `repr`) are decided here, the rest in `ops`.
    #[inline]
    pub fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (BinOp::Mod, Value::Str(format)) = (op, a) {
            return crate::runtime::types::percent::format(self, format, b);
        }
        ops::binary_op(op, a, b).or_else(|e| self.view_operator(op, a, b, e))
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::Instance(_) => object::truthy(self, v),
            _ => Ok(ops::truthy(v)),
        }
    }

    /// `item in items`, one pass, asking the interpreter's equality (a class's `__eq__`, on
    /// either side) only of the elements that need it.
    fn any_equal(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        let item_is_user = user_class(item).is_some();
        for x in items {
            let equal = if item_is_user || user_class(x).is_some() || holds_instances(x) {
                self.eq(x, item)?
            } else {
                x.is(item) || ops::eq(x, item)?
            };
            if equal {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Equality as containers test it (CPython's `PyObject_RichCompareBool`): identity
    /// first, then `==`, with the special methods of classes written in Python anywhere in
    /// a list or tuple.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        if user_class(a).is_some() || user_class(b).is_some() {
            let r = object::rich_compare(self, CmpOp::Eq, a, b)?;
            return self.truthy(&r);
        }
        match (a, b) {
            (Value::List(_) | Value::Tuple(_), Value::List(_) | Value::Tuple(_)) if holds_instances(a) || holds_instances(b) => {
                let (x, y) = (self.collect(a)?, self.collect(b)?);
                if std::mem::discriminant(a) != std::mem::discriminant(b) || x.len() != y.len() {
                    return Ok(false);
                }
                let _guard = crate::runtime::model::depth::enter(" in comparison")?;
                for (p, q) in x.iter().zip(&y) {
                    if !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => ops::eq(a, b),
        }
    }

    #[inline]
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            match op {
                CmpOp::Lt => return Ok(x < y),
                CmpOp::LtE => return Ok(x <= y),
                CmpOp::Gt => return Ok(x > y),
                CmpOp::GtE => return Ok(x >= y),
                CmpOp::Eq | CmpOp::Is => return Ok(x == y),
                CmpOp::NotEq | CmpOp::IsNot => return Ok(x != y),
                CmpOp::In | CmpOp::NotIn => {}
            }
        }
        self.compare_objects(op, a, b)
    }

    /// Every comparison but int against int, kept out of line so that the int case stays
    /// small enough to inline into conditions (`if n < 2`).
    #[inline(never)]
    fn compare_objects(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        match op {
            CmpOp::In => self.contains(b, a),
            CmpOp::NotIn => Ok(!self.contains(b, a)?),
            CmpOp::Is => Ok(a.is(b)),
            CmpOp::IsNot => Ok(!a.is(b)),
            // A dict view's comparisons call back into the interpreter (`in`, `==` on values).
            _ if user_class(a).is_some() || user_class(b).is_some() => {
                let r = object::rich_compare(self, op, a, b)?;
                self.truthy(&r)
            }
            CmpOp::Eq | CmpOp::NotEq if holds_instances(a) || holds_instances(b) => Ok(self.eq(a, b)? == (op == CmpOp::Eq)),
            _ if matches!(a, Value::Native(_)) || matches!(b, Value::Native(_)) => {
                match crate::runtime::types::dict::view_compare(self, op, a, b) {
                    Some(r) => r,
                    None => ops::compare_op(op, a, b),
                }
            }
            _ => ops::compare_op(op, a, b),
        }
    }

    /// `item in container`, as CPython's `PySequence_Contains`: the container's own test
    /// when it has one, otherwise a search through its iteration, which consumes an
    /// iterator up to the first match.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if user_class(container).is_some() {
            if let Some(found) = object::contains(self, container, item) {
                return found;
            }
        } else if let Value::List(l) = container {
            return self.any_equal(&l.snapshot(), item);
        } else if let Value::Tuple(t) = container {
            return self.any_equal(&t.items, item);
        } else if let Value::Dict(d) = container {
            return Ok(self.dict_get(d, item)?.is_some());
        } else if let Value::Set(s) | Value::FrozenSet(s) = container {
            return self.set_contains(s, item);
        } else if let Some(found) = ops::contains(container, item) {
            return found;
        }
        if let Some(found) = crate::runtime::types::dict::view_contains(self, container, item) {
            return found;
        }
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) if e.is(&types().type_error) => {
                return type_error(format!("argument of type '{}' is not iterable", type_name(container)))
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(&it)? {
            self.check_interrupt()?;
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// An operand that can be used where it is, without a copy: a bound local or a constant.
/// Arithmetic and comparisons on two of them touch no reference counts.
#[inline(always)]
pub(super) fn operand_ref<'a>(f: &'a Frame, e: &'a Expr) -> Option<&'a Value> {
    match e {
        Expr::Local(s, _) => f.locals[*s as usize].as_ref(),
        Expr::Const(v) => Some(v),
        _ => None,
    }
}

/// `+`, `-` and `*` on two small ints, when the result stays small.
#[inline(always)]
pub(super) fn int_op(op: BinOp, i: i64, j: i64) -> Option<i64> {
    match op {
        BinOp::Add => i.checked_add(j),
        BinOp::Sub => i.checked_sub(j),
        BinOp::Mult => i.checked_mul(j),
        _ => None,
    }
}

/// Whether a list or tuple holds an instance of a class written in Python, whose equality
/// only the interpreter can ask.
fn holds_instances(v: &Value) -> bool {
    match v {
        Value::List(l) => l.items.borrow().iter().any(|x| user_class(x).is_some()),
        Value::Tuple(t) => t.items.iter().any(|x| user_class(x).is_some()),
        _ => false,
    }
}

/// `obj.name` for an instance whose class intercepts nothing, from its `__dict__`: at the
/// position the site found last while the dict keeps its layout, else by a search that
/// remembers where. `None` sends the read through the full attribute lookup.
#[inline]
pub(super) fn cached_attr(inst: &Instance, name: &Rc<PyStr>, cache: &AttrCache) -> Option<Value> {
    let (layout, pos) = cache.0.get();
    if let Some(v) = inst.dict.value_at(layout, pos as usize) {
        if object::plain_attributes(&inst.class) {
            return Some(v);
        }
        return None;
    }
    if !object::plain_attributes(&inst.class) {
        return None;
    }
    let (layout, pos) = inst.dict.locate_name(name);
    let pos = pos?;
    cache.0.set((layout, pos as u32));
    inst.dict.value_at(layout, pos)
}
