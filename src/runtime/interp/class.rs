//! The `class` statement: the body runs once as a frame whose names live in a fresh
//! namespace, which then becomes the class. The body closes over the enclosing function's
//! cells like any function would, and makes the implicit `__class__` cell its methods'
//! zero-argument `super()` reads, filled once the class exists.

use super::{Flow, Frame, Interp};
use crate::compile::code::ClassDef;
use crate::runtime::model::depth;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::unsupported;
use crate::runtime::model::gc;
use crate::runtime::model::value::*;
use crate::runtime::types::object;
use std::rc::Rc;

impl Interp {
    pub(super) fn class_statement(&mut self, f: &mut Frame, def: &ClassDef) -> PyResult<Value> {
        let mut decorators = Vec::with_capacity(def.decorators.len());
        for d in &def.decorators {
            decorators.push(self.eval(f, d)?);
        }
        let (bases, kw) = self.eval_args(f, &def.bases, &|_| "__build_class__()".to_string())?;
        if kw.iter().any(|(k, _)| k.as_str() == "metaclass") {
            return unsupported("metaclasses");
        }
        let (bases, orig_bases) = self.mro_entries(bases)?;
        let code = &*def.code;
        let ns = gc::new(Dict::new());
        let module = f.globals.get_str("__name__").unwrap_or_else(|| Value::str("__main__"));
        ns.set_str("__module__", module);
        ns.set_str("__qualname__", Value::Str(code.qualname.clone()));
        if let Some(orig) = orig_bases {
            ns.set_str("__orig_bases__", orig);
        }
        if let Some(doc) = &code.docstring {
            ns.set_str("__doc__", doc.clone());
        }
        let mut cells: Vec<Rc<CellObj>> = code.cellvars.iter().map(|n| gc::new_cell(n.clone(), None)).collect();
        cells.extend(def.closure.iter().map(|&s| f.cells[s as usize].clone()));
        {
            let mut body = Frame { code, globals: f.globals, locals: &mut [], cells: &cells, namespace: Some(&ns) };
            let _guard = depth::enter("")?;
            let _traced = crate::runtime::model::trace::enter(code);
            self.check_interrupt()?;
            match self.exec_block(&mut body, &code.body) {
                Ok(Flow::Normal) => {}
                Ok(_) => unreachable!("a class body cannot return, break or continue"),
                Err(e) => return Err(self.traceback_entry(e, code)),
            }
        }
        let cls = object::new_class(self, code.name.as_str(), bases, ns, &kw)?;
        // The one cell a class body makes is `__class__`: its methods now see the class.
        if let Some(cell) = cells.first().filter(|_| !code.cellvars.is_empty()) {
            cell.set(Some(Value::Type(cls.clone())));
        }
        let mut v = Value::Type(cls);
        for d in decorators.iter().rev() {
            v = self.call(d, vec![v], Vec::new())?;
        }
        Ok(v)
    }

    /// CPython's `update_bases`: a base that is not a class but has `__mro_entries__` (a
    /// `typing.Generic[T]`) is replaced by the classes it returns, given all the bases as
    /// written. When any was replaced, the bases as written are kept as `__orig_bases__`.
    fn mro_entries(&mut self, bases: Vec<Value>) -> PyResult<(Vec<Value>, Option<Value>)> {
        if bases.iter().all(|b| matches!(b, Value::Type(_))) {
            return Ok((bases, None));
        }
        let written = Value::tuple(bases.clone());
        let hook = crate::runtime::modules::name("__mro_entries__");
        let mut out = Vec::with_capacity(bases.len());
        let mut replaced = false;
        for b in bases {
            if !matches!(b, Value::Type(_)) {
                if let Some(f) = super::attrs::lookup_attr(self, &b, &hook)? {
                    let entries = self.call(&f, vec![written.clone()], vec![])?;
                    let Value::Tuple(t) = entries else {
                        return crate::runtime::model::exceptions::type_error("__mro_entries__ must return a tuple");
                    };
                    out.extend(t.items.iter().cloned());
                    replaced = true;
                    continue;
                }
            }
            out.push(b);
        }
        Ok((out, replaced.then_some(written)))
    }
}
