//! Statements: blocks, loops, `try`/`except`/`raise`, and storing to targets (assignment,
//! unpacking, `del`, augmented assignment). `exec` keeps the statements of hot loops inline
//! and sends the rest to `exec_cold`, so that the frame of every block stays small.

use super::eval::{int_op, operand_ref};
use super::{name_error_for, Flow, Frame, Interp};
use crate::compile::code::*;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::generator::Generator;
use crate::runtime::model::trace;
use crate::runtime::model::exceptions::*;
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::model::value::*;
use crate::runtime::types::object;
use crate::syntax::ast::BinOp;
use std::rc::Rc;

impl Interp {
    pub fn exec_block(&mut self, f: &mut Frame, body: &[Stmt]) -> PyResult<Flow> {
        for s in body {
            // Between statements, as CPython frees them: freed generators close here, and a
            // stepper takes its step.
            if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
                self.attend_statement(f, s).map_err(|e| e.at(s.span))?;
            }
            match self.exec(f, s) {
                Ok(Flow::Normal) => {}
                Ok(flow) => return Ok(flow),
                Err(e) => return Err(e.at(s.span)),
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(always)]
    fn exec(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(f, e)?;
                // `fetch()` without its `await` frees the coroutine here, and CPython's warning
                // names this line, in whichever function it is.
                if let Value::Native(_) = v {
                    drop(v);
                    self.warn_unawaited_at(f.code, s.span);
                }
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(f, value)?;
                if let [t] = &targets[..] {
                    self.assign(f, t, v)?;
                } else {
                    for t in targets {
                        self.assign(f, t, v.clone())?;
                    }
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(f, target, *op, value)?,
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval_operand(f, e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Pass | StmtKind::Declaration => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::If(test, body, orelse) => {
                return if self.eval_truth(f, test)? { self.exec_block(f, body) } else { self.exec_block(f, orelse) };
            }
            StmtKind::While(..) => return self.while_loop(f, s),
            StmtKind::For { iter, orelse, .. } => {
                let it = self.eval(f, iter)?;
                if let Some(flow) = self.for_loop(f, s, it)? {
                    return Ok(flow);
                }
                return self.exec_block(f, orelse);
            }
            StmtKind::Comp(body) => return self.run_comprehension(f, body).map(Flow::Return),
            _ => return self.exec_cold(f, s),
        }
        Ok(Flow::Normal)
    }

    /// The statements that are rarer in loops and calls, kept out of `exec` so that its frame
    /// stays small.
    #[inline(never)]
    fn exec_cold(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<Flow> {
        match &s.kind {
            StmtKind::Echo(e) => {
                let v = self.eval(f, e)?;
                self.echo(v)?;
            }
            StmtKind::Annotated { name, annotation, value } => {
                let ann = self.eval(f, annotation)?;
                if let Some((t, v)) = value {
                    let v = self.eval(f, v)?;
                    self.assign(f, t, v)?;
                }
                let key = self.names.annotations.clone();
                let scope = f.namespace.unwrap_or(f.globals);
                let anns = match scope.get_name(&key) {
                    Some(Value::Dict(d)) => d,
                    _ => {
                        let d = crate::runtime::model::gc::new(Dict::new());
                        scope.set_name(&key, Value::Dict(d.clone()));
                        d
                    }
                };
                anns.set_name(name, ann);
            }
            StmtKind::Def { func, target } => {
                let v = self.make_function(f, func)?;
                let v = self.decorate(f, func, v)?;
                self.assign(f, target, v)?;
            }
            StmtKind::Class(def) => {
                let v = self.class_statement(f, def)?;
                self.assign(f, &def.target, v)?;
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(f, t)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                return self.exec_try(f, body, handlers, orelse, finalbody);
            }
            StmtKind::With(items, body) => return self.exec_with(f, items, body, false),
            StmtKind::AsyncWith(items, body) => return self.exec_with(f, items, body, true),
            StmtKind::AsyncFor { target, iter, body, orelse } => return self.async_for(f, target, iter, body, orelse),
            StmtKind::Raise(exc, cause) => return Err(self.raise(f, exc.as_ref(), cause.as_ref())?),
            StmtKind::Assert(test, msg) => {
                let t = self.eval(f, test)?;
                if !self.truthy(&t)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(f, m)?],
                        None => Vec::new(),
                    };
                    return Err(PyErr::with_args(&types().assertion_error, args));
                }
            }
            StmtKind::Import { module, target, bind_top } => {
                let m = crate::runtime::modules::import(self, module)?;
                let v = if *bind_top {
                    let top = module.split('.').next().unwrap_or(module);
                    crate::runtime::modules::import(self, top)?
                } else {
                    m
                };
                self.assign(f, target, v)?;
            }
            StmtKind::ImportFrom { module, names } => {
                let m = crate::runtime::modules::import(self, module)?;
                for (name, target) in names {
                    let v = crate::runtime::modules::import_name(self, &m, module, name)?;
                    self.assign(f, target, v)?;
                }
            }
            StmtKind::Unsupported(what) => return unsupported(what),
            _ => unreachable!("exec handles the hot statements"),
        }
        Ok(Flow::Normal)
    }

    fn echo(&mut self, v: Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        let text = self.repr(&v)?;
        self.write_out(&text)?;
        self.write_out("\n")?;
        let underscore = self.names.underscore.clone();
        self.builtins.set_name(&underscore, v);
        Ok(())
    }

    /// Loops stay out of line: inlined, their state would enlarge the frame of `exec_block`,
    /// which every call and every `if` pays for.
    #[inline(never)]
    fn while_loop(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<Flow> {
        let StmtKind::While(test, body, orelse) = &s.kind else { unreachable!("a while statement") };
        loop {
            if !self.eval_truth(f, test)? {
                break;
            }
            match self.exec_block(f, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
            self.next_iteration(f, s)?;
        }
        self.exec_block(f, orelse)
    }

    /// Each time a loop goes back to its `header` statement: the checks
    /// every step makes, and a stepper's step at the header's line, as CPython traces it.
    /// The first pass needs none, as the statement itself was just checked.
    #[inline(always)]
    fn next_iteration(&mut self, f: &Frame, header: &Stmt) -> PyResult<()> {
        if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
            self.attend_line(f, header.span.start)?;
        }
        self.count_step()
    }

    /// Runs a `for` body over each item; `Some(flow)` when the loop was left by `break` or
    /// `return` (so `else` does not run).
    #[inline(never)]
    fn for_loop(&mut self, f: &mut Frame, s: &Stmt, it: Value) -> PyResult<Option<Flow>> {
        let StmtKind::For { target, body, .. } = &s.kind else { unreachable!("a for statement") };
        macro_rules! run_body {
            ($v:expr) => {{
                self.assign(f, target, $v)?;
                match self.exec_block(f, body)? {
                    Flow::Break => return Ok(Some(Flow::Normal)),
                    Flow::Return(v) => return Ok(Some(Flow::Return(v))),
                    Flow::Normal | Flow::Continue => {}
                }
                self.next_iteration(f, s)?;
            }};
        }
        match &it {
            Value::Range(r) => {
                let (start, step, n) = (r.start, r.step, r.len());
                let last = start + (n - 1).max(0) * step;
                if let (Ok(mut i), Ok(step), Ok(_)) = (i64::try_from(start), i64::try_from(step), i64::try_from(last)) {
                    // Every item fits a machine int: no wide arithmetic per item.
                    for _ in 0..n {
                        run_body!(Value::Int(i));
                        i = i.wrapping_add(step);
                    }
                } else {
                    let mut i = start;
                    for _ in 0..n {
                        run_body!(Value::from_i128(i));
                        i += step;
                    }
                }
            }
            Value::List(l) => {
                let mut i = 0;
                while let Some(v) = l.get(i) {
                    run_body!(v);
                    i += 1;
                }
            }
            Value::Tuple(t) => {
                for v in t.items.iter() {
                    run_body!(v.clone());
                }
            }
            // A pipeline of generators resumes each one straight from its consumer's loop.
            Value::Native(n) if n.as_any().is::<Generator>() => {
                let gen = n.as_any().downcast_ref::<Generator>().expect("checked above");
                while let Some(v) = self.generator_next(gen)? {
                    run_body!(v);
                }
            }
            _ => {
                let iter = self.iter(&it)?;
                while let Some(v) = self.next(&iter)? {
                    run_body!(v);
                }
            }
        }
        Ok(None)
    }

    fn exec_try(
        &mut self,
        f: &mut Frame,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let mut result = match self.exec_block(f, body) {
            Ok(Flow::Normal) => self.exec_block(f, orelse),
            Err(e) if !handlers.is_empty() => self.handle(f, handlers, e),
            other => other,
        };
        if !finalbody.is_empty() {
            if let Err(e) = &result {
                self.handling.push(e.clone());
            }
            let fin = self.exec_block(f, finalbody);
            if result.is_err() {
                self.handling.pop();
            }
            match fin {
                Ok(Flow::Normal) => {}
                Ok(flow) => result = Ok(flow),
                Err(e2) => {
                    if let Err(e1) = &result {
                        set_context(&e2, e1);
                    }
                    result = Err(e2);
                }
            }
        }
        result
    }

    fn handle(&mut self, f: &mut Frame, handlers: &[Handler], e: PyErr) -> PyResult<Flow> {
        for h in handlers {
            let matches = match &h.typ {
                None => true,
                Some(t) => {
                    let t = self.eval(f, t).map_err(|err| err.at(h.span))?;
                    self.exception_matches(&e, &t)?
                }
            };
            if !matches {
                continue;
            }
            // The traceback of a caught exception belongs to the frames it passed through;
            // this frame's pending position is dropped.
            e.0.pending_span.set(None);
            if let Some(name) = &h.name {
                self.assign(f, name, e.value())?;
            }
            self.handling.push(e.clone());
            let r = self.exec_block(f, &h.body);
            self.handling.pop();
            if let Some(name) = &h.name {
                self.unbind(f, name);
            }
            if let Err(e2) = &r {
                set_context(e2, &e);
            }
            return r;
        }
        Err(e)
    }

    fn exception_matches(&mut self, e: &PyErr, t: &Value) -> PyResult<bool> {
        match t {
            Value::Type(ty) if ty.kind == crate::runtime::model::typeobj::TypeKind::Exception => Ok(e.0.is_instance(ty)),
            Value::Tuple(items) => {
                for item in items.items.iter() {
                    if self.exception_matches(e, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => type_error("catching classes that do not inherit from BaseException is not allowed"),
        }
    }

    fn raise(&mut self, f: &mut Frame, exc: Option<&Expr>, cause: Option<&Expr>) -> PyResult<PyErr> {
        let Some(exc) = exc else {
            return match self.handling.last() {
                Some(e) => Ok(e.clone()),
                None => runtime_error("No active exception to reraise"),
            };
        };
        let v = self.eval(f, exc)?;
        let e = self.make_exception(v)?;
        if let Some(c) = cause {
            let c = self.eval(f, c)?;
            let cause = match c {
                Value::None => None,
                other => Some(self.make_exception(other)?.value()),
            };
            *e.0.cause.borrow_mut() = cause;
            e.0.suppress_context.set(true);
        }
        if let Some(current) = self.handling.last() {
            set_context(&e, current);
        }
        Ok(e)
    }

    /// `raise X`: an instance, or a class called with no arguments.
    pub fn make_exception(&mut self, v: Value) -> PyResult<PyErr> {
        match v {
            Value::Exception(e) => Ok(PyErr(e)),
            Value::Type(t) if t.kind == crate::runtime::model::typeobj::TypeKind::Exception => {
                match self.call(&Value::Type(t), Vec::new(), Vec::new())? {
                    Value::Exception(e) => Ok(PyErr(e)),
                    _ => type_error("exceptions must derive from BaseException"),
                }
            }
            _ => type_error("exceptions must derive from BaseException"),
        }
    }

    /// Stores `v` in a target. A local, the target of most loops, is stored inline; the
    /// rest in `assign_other`.
    #[inline(always)]
    pub(super) fn assign(&mut self, f: &mut Frame, t: &Target, v: Value) -> PyResult<()> {
        match t {
            Target::Local(s) => {
                f.locals[*s as usize] = Some(v);
                Ok(())
            }
            _ => self.assign_other(f, t, v),
        }
    }

    fn assign_other(&mut self, f: &mut Frame, t: &Target, v: Value) -> PyResult<()> {
        match t {
            Target::Local(s) => f.locals[*s as usize] = Some(v),
            Target::Cell(s, at) => {
                let cell = &f.cells[*s as usize];
                cell.set(Some(v));
                if trace::on() {
                    trace::cell_written(cell, Some(trace::At { source: f.code.source.clone(), offset: *at }), false);
                }
            }
            Target::Global(n, cache) => {
                if trace::on() {
                    trace::global_written(Rc::as_ptr(f.globals) as usize, n, || f.globals.get_name(n));
                }
                store_global(f.globals, n, cache, v)
            }
            Target::Name(n) => f.namespace.unwrap_or(f.globals).set_name(n, v),
            Target::Attr(obj, name, cache) => {
                let o = self.eval(f, obj)?;
                if let Value::Instance(inst) = &o {
                    // `self.x = v` over an attribute the site stored before: in place.
                    let (layout, pos) = cache.0.get();
                    if object::plain_attributes(&inst.class) {
                        match inst.dict.replace_at(layout, pos as usize, v) {
                            Ok(()) => return Ok(()),
                            Err(v) => {
                                inst.dict.set_name(name, v);
                                if let (layout, Some(pos)) = inst.dict.locate_name(name) {
                                    cache.0.set((layout, pos as u32));
                                }
                                return Ok(());
                            }
                        }
                    }
                }
                crate::runtime::interp::attrs::setattr(self, &o, name, v)?;
            }
            Target::Subscript(obj, index) => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                crate::runtime::modules::builtins::setitem(self, &o, &i, v)?;
                if trace::on() {
                    trace::object_written(o.address());
                }
            }
            Target::Unpack { items, star, span } => {
                let values = self.unpack(v, items.len(), *star).map_err(|e| e.at(*span))?;
                for (t, v) in items.iter().zip(values) {
                    self.assign(f, t, v)?;
                }
            }
        }
        Ok(())
    }

    fn unbind(&mut self, f: &mut Frame, t: &Target) {
        match t {
            Target::Local(s) => f.locals[*s as usize] = None,
            Target::Cell(s, at) => {
                let cell = &f.cells[*s as usize];
                cell.set(None);
                if trace::on() {
                    trace::cell_written(cell, Some(trace::At { source: f.code.source.clone(), offset: *at }), false);
                }
            }
            Target::Global(n, _) => {
                f.globals.remove_name(n);
            }
            Target::Name(n) => {
                f.namespace.unwrap_or(f.globals).remove_name(n);
            }
            _ => {}
        }
    }

    fn unpack(&mut self, v: Value, n: usize, star: Option<usize>) -> PyResult<Vec<Value>> {
        let items = match &v {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => {
                if !crate::runtime::model::iter::is_iterable(&v) {
                    return type_error(format!("cannot unpack non-iterable {} object", type_name(&v)));
                }
                self.collect(&v)?
            }
        };
        match star {
            None => {
                if items.len() < n {
                    return value_error(format!("not enough values to unpack (expected {n}, got {})", items.len()));
                }
                if items.len() > n {
                    return value_error(format!("too many values to unpack (expected {n})"));
                }
                Ok(items)
            }
            Some(s) => {
                let after = n - s - 1;
                if items.len() < n - 1 {
                    return value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n - 1,
                        items.len()
                    ));
                }
                let mut out = Vec::with_capacity(n);
                out.extend(items[..s].iter().cloned());
                out.push(Value::list(items[s..items.len() - after].to_vec()));
                out.extend(items[items.len() - after..].iter().cloned());
                Ok(out)
            }
        }
    }

    fn delete(&mut self, f: &mut Frame, t: &Target) -> PyResult<()> {
        match t {
            Target::Local(s) => {
                if f.locals[*s as usize].take().is_none() {
                    return self.unbound_local(f.code.varnames[*s as usize].as_str());
                }
            }
            Target::Cell(s, at) => {
                let cell = &f.cells[*s as usize];
                if cell.contents.borrow_mut().take().is_none() {
                    let (name, own) = f.code.cell_name(*s as usize);
                    return self.unbound_cell(name.as_str(), own);
                }
                if trace::on() {
                    trace::cell_written(cell, Some(trace::At { source: f.code.source.clone(), offset: *at }), false);
                }
            }
            Target::Global(n, _) => {
                if f.globals.remove_name(n).is_none() {
                    return name_error_for(n.as_str());
                }
            }
            Target::Name(n) => {
                if f.namespace.unwrap_or(f.globals).remove_name(n).is_none() {
                    return name_error_for(n.as_str());
                }
            }
            Target::Attr(obj, name, _) => {
                let o = self.eval(f, obj)?;
                crate::runtime::interp::attrs::delattr(self, &o, name)?;
            }
            Target::Subscript(obj, index) => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                crate::runtime::modules::builtins::delitem(self, &o, &i)?;
                if trace::on() {
                    trace::object_written(o.address());
                }
            }
            Target::Unpack { items, .. } => {
                for t in items {
                    self.delete(f, t)?;
                }
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, f: &mut Frame, target: &Target, op: BinOp, value: &Expr) -> PyResult<()> {
        match target {
            Target::Attr(obj, name, cache) => {
                let o = self.eval_operand(f, obj)?;
                if let Value::Instance(inst) = &o {
                    // `self.count += 1` on an instance whose class intercepts nothing: the
                    // attribute is read and written back at one position of its `__dict__`.
                    if let Some(cur) = super::eval::cached_attr(inst, name, cache) {
                        let (layout, pos) = cache.0.get();
                        let pos = pos as usize;
                        // Small ints and a right side that is read, not run: no code runs
                        // between the read and the write, so the class and the dict are as
                        // `cached_attr` found them.
                        if let (Value::Int(i), Some(&Value::Int(j))) = (&cur, operand_ref(f, value)) {
                            if let Some(r) = int_op(op, *i, j) {
                                if inst.dict.replace_at(layout, pos, Value::Int(r)).is_ok() {
                                    return Ok(());
                                }
                            }
                        }
                        let rhs = self.eval(f, value)?;
                        let v = self.inplace_op(op, cur, &rhs)?;
                        if !object::plain_attributes(&inst.class) {
                            return crate::runtime::interp::attrs::setattr(self, &o, name, v);
                        }
                        if let Err(v) = inst.dict.replace_at(layout, pos, v) {
                            inst.dict.set_name(name, v);
                        }
                        return Ok(());
                    }
                }
                let cur = crate::runtime::interp::attrs::getattr(self, &o, name)?;
                let rhs = self.eval(f, value)?;
                let v = self.inplace_op(op, cur, &rhs)?;
                crate::runtime::interp::attrs::setattr(self, &o, name, v)
            }
            Target::Subscript(obj, index) => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                let cur = crate::runtime::modules::builtins::getitem(self, &o, &i)?;
                let rhs = self.eval(f, value)?;
                let v = self.inplace_op(op, cur, &rhs)?;
                crate::runtime::modules::builtins::setitem(self, &o, &i, v)?;
                if trace::on() {
                    trace::object_written(o.address());
                }
                Ok(())
            }
            Target::Local(s) => {
                let slot = *s as usize;
                // `i += 1`, `total += x`: small ints, and a right side that is read, not run.
                if let Some(&Value::Int(j)) = operand_ref(f, value) {
                    if let Some(Value::Int(i)) = &mut f.locals[slot] {
                        if let Some(r) = int_op(op, *i, j) {
                            *i = r;
                            return Ok(());
                        }
                    }
                }
                // The target is read before the right side runs, which may read it again
                // (`z -= z`) or rebind it (`z += (z := 5)` adds to the old value).
                // An int is copied and overwritten in place, without the general clone and
                // drop: `total += a + b` in a loop is the common case.
                let cur = match &f.locals[slot] {
                    Some(Value::Int(i)) => Value::Int(*i),
                    Some(v) => v.clone(),
                    None => return self.unbound_local(f.code.varnames[slot].as_str()),
                };
                let rhs = self.eval(f, value)?;
                if let (Value::Int(i), Value::Int(j)) = (&cur, &rhs) {
                    if let Some(r) = int_op(op, *i, *j) {
                        match &mut f.locals[slot] {
                            Some(Value::Int(held)) => *held = r,
                            other => *other = Some(Value::Int(r)),
                        }
                        return Ok(());
                    }
                }
                f.locals[slot] = Some(self.inplace_op(op, cur, &rhs)?);
                Ok(())
            }
            Target::Cell(..) | Target::Global(..) | Target::Name(_) => {
                let cur = self.load_target(f, target)?;
                let rhs = self.eval(f, value)?;
                let v = self.inplace_op(op, cur, &rhs)?;
                self.assign(f, target, v)
            }
            Target::Unpack { .. } => type_error("illegal expression for augmented assignment"),
        }
    }

    fn load_target(&mut self, f: &mut Frame, t: &Target) -> PyResult<Value> {
        match t {
            Target::Cell(s, _) => self.load_cell(f, *s),
            Target::Global(n, cache) => {
                let (layout, _, pos, _) = cache.0.get();
                match f.globals.value_at(layout, pos as usize) {
                    Some(v) => Ok(v),
                    None => self.load_global(f, n),
                }
            }
            Target::Name(n) => self.load_name(f, n),
            _ => unreachable!("only names are loaded as targets"),
        }
    }
}

/// `name = v` at module level (or under `global`): straight into the slot the last store
/// found while the dict has neither gained nor lost a key.
#[inline]
fn store_global(globals: &Dict, name: &Rc<PyStr>, cache: &GlobalCache, v: Value) {
    let (layout, _, pos, _) = cache.0.get();
    if let Err(v) = globals.replace_at(layout, pos as usize, v) {
        globals.set_name(name, v);
        if let (layout, Some(pos)) = globals.locate_name(name) {
            cache.0.set((layout, 0, pos as u32, false));
        }
    }
}

/// Sets `__context__` on `new` unless it would make a cycle of one.
fn set_context(new: &PyErr, handled: &PyErr) {
    if Rc::ptr_eq(&new.0, &handled.0) {
        return;
    }
    let mut ctx = new.0.context.borrow_mut();
    if ctx.is_none() {
        *ctx = Some(handled.value());
    }
}
