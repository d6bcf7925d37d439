//! Comprehensions and generator expressions, and the iteration they drive (`iter`, `next`,
//! `collect`): a comprehension runs in a frame of its own, eagerly, while a generator
//! expression's frame is a generator's, which yields each item.

use super::call::{make_cells, with_locals};
use super::{Frame, Interp};
use crate::compile::code::*;
use crate::runtime::model::generator::GenFrame;
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
                let frame = GenFrame::new(def.code.clone(), f.globals.clone(), locals, cells);
                return Ok(self.new_generator_expression(frame));
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
            // A generator expression's frame yields each item.
            CompKind::Gen(elt) => {
                let first = f.locals[0].clone().unwrap_or(Value::None);
                self.comp_level(f, body, 0, first, &mut |interp, f| {
                    let v = interp.eval(f, elt)?;
                    interp.yield_value(v, f.code.span, crate::runtime::model::generator::Delegate::None)?;
                    Ok(())
                })?;
                return Ok(Value::None);
            }
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
