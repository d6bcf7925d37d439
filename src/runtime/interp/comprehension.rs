//! Comprehensions and generator expressions, and the iteration they drive (`iter`, `next`,
//! `collect`): a comprehension runs in a frame of its own, eagerly, while a generator
//! expression keeps its frame and iterators and runs one step per `next`.

use super::call::{make_cells, with_locals};
use super::{Frame, Interp};
use crate::compile::code::*;
use crate::runtime::model::depth;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::value::*;
use std::rc::Rc;

impl Interp {
    /// Builds the comprehension's frame, then runs its loops (or, for a generator
    /// expression, keeps the frame in a lazy generator).
    pub(super) fn comprehension(&mut self, f: &mut Frame, def: &Rc<FuncDef>, it: Value) -> PyResult<Value> {
        let code = &*def.code;
        let closure: Vec<Rc<CellObj>> = def.closure.iter().map(|&i| f.cells[i as usize].clone()).collect();
        if let Some(StmtKind::Comp(body)) = code.body.first().map(|s| &s.kind) {
            if matches!(body.kind, CompKind::Gen(_)) {
                let mut locals = vec![None; code.n_locals()];
                locals[0] = Some(it);
                let cells = make_cells(code, &closure, &mut locals).into_owned();
                return Ok(crate::runtime::model::iter::new_generator(def.clone(), f.globals.clone(), locals, cells));
            }
        }
        with_locals(code.n_locals(), |locals| {
            locals[0] = Some(it);
            let cells = make_cells(code, &closure, locals);
            self.run_frame(&mut Frame { code, globals: f.globals, locals, cells: &cells, namespace: None })
        })
    }

    pub(super) fn run_comprehension(&mut self, f: &mut Frame, body: &CompBody) -> PyResult<Value> {
        enum Acc {
            List(Vec<Value>),
            Set(Vec<Value>),
            Dict(Dict),
        }
        let mut acc = match &body.kind {
            CompKind::List(_) => Acc::List(Vec::new()),
            CompKind::Set(_) => Acc::Set(Vec::new()),
            CompKind::Dict(..) => Acc::Dict(Dict::new()),
            CompKind::Gen(_) => unreachable!("generator expressions run lazily"),
        };
        let first = f.locals[0].clone().unwrap_or(Value::None);
        self.comp_level(f, body, 0, first, &mut |interp, f| {
            match (&body.kind, &mut acc) {
                (CompKind::List(e), Acc::List(v)) | (CompKind::Set(e), Acc::Set(v)) => v.push(interp.eval(f, e)?),
                (CompKind::Dict(k, v), Acc::Dict(d)) => {
                    let key = interp.eval(f, k)?;
                    let val = interp.eval(f, v)?;
                    interp.dict_set(d, key, val)?;
                }
                _ => {}
            }
            Ok(())
        })?;
        match acc {
            Acc::List(v) => Ok(Value::list(v)),
            Acc::Set(v) => self.new_set(v, false),
            Acc::Dict(d) => Ok(Value::Dict(crate::runtime::model::gc::new(d))),
        }
    }

    fn comp_level(
        &mut self,
        f: &mut Frame,
        body: &CompBody,
        level: usize,
        iterable: Value,
        emit: &mut dyn FnMut(&mut Interp, &mut Frame) -> PyResult<()>,
    ) -> PyResult<()> {
        let lp = &body.loops[level];
        let it = if level == 0 { iterable } else { self.iter(&iterable)? };
        'items: while let Some(v) = self.next(&it)? {
            self.check_interrupt()?;
            self.assign(f, &lp.target, v)?;
            for cond in &lp.ifs {
                if !self.eval_truth(f, cond)? {
                    continue 'items;
                }
            }
            if level + 1 < body.loops.len() {
                let next_iter = self.eval(f, body.loops[level + 1].iter.as_ref().expect("inner loops have iterables"))?;
                self.comp_level(f, body, level + 1, next_iter, emit)?;
            } else {
                emit(self, f)?;
            }
        }
        Ok(())
    }

    /// One step of a lazy generator expression.
    pub fn generator_next(&mut self, g: &mut crate::runtime::model::iter::GenState) -> PyResult<Option<Value>> {
        let code = &*g.def.code;
        let Some(StmtKind::Comp(body)) = code.body.first().map(|s| &s.kind) else {
            return Ok(None);
        };
        let CompKind::Gen(elt) = &body.kind else { return Ok(None) };
        let _guard = depth::enter("")?;
        let mut frame = Frame { code, globals: &g.globals, locals: &mut g.locals, cells: &g.cells, namespace: None };
        let r = self.generator_step(&mut frame, body, elt, &mut g.iters);
        r.map_err(|e| self.traceback_entry(e, code))
    }

    fn generator_step(
        &mut self,
        f: &mut Frame,
        body: &CompBody,
        elt: &Expr,
        iters: &mut Vec<Value>,
    ) -> PyResult<Option<Value>> {
        if iters.is_empty() {
            match f.locals[0].take() {
                Some(first) => iters.push(first),
                None => return Ok(None),
            }
        }
        'outer: while let Some(it) = iters.last().cloned() {
            let level = iters.len() - 1;
            let Some(v) = self.next(&it)? else {
                iters.pop();
                continue;
            };
            let lp = &body.loops[level];
            self.assign(f, &lp.target, v)?;
            for cond in &lp.ifs {
                if !self.eval_truth(f, cond)? {
                    continue 'outer;
                }
            }
            if level + 1 < body.loops.len() {
                let src = self.eval(f, body.loops[level + 1].iter.as_ref().expect("inner loops have iterables"))?;
                let inner = self.iter(&src)?;
                iters.push(inner);
                continue;
            }
            return self.eval(f, elt).map(Some);
        }
        Ok(None)
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        crate::runtime::model::iter::make_iter(self, v)
    }

    /// `next(it)`, with exhaustion as `None` rather than `StopIteration`.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        crate::runtime::model::iter::next(self, it)
    }

    /// All the items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.snapshot()),
            Value::Range(r) => {
                crate::runtime::support::limits::reserve(r.len().max(0) as u128 * std::mem::size_of::<Value>() as u128)?;
                let mut out = Vec::with_capacity(r.len().max(0) as usize);
                let mut i = r.start;
                for _ in 0..r.len() {
                    out.push(Value::from_i128(i));
                    i += r.step;
                }
                Ok(out)
            }
            Value::Tuple(t) => Ok(t.items.to_vec()),
            _ => {
                let it = self.iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    self.check_interrupt()?;
                    out.push(x);
                }
                Ok(out)
            }
        }
    }
}
