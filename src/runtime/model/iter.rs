//! Iterators: the state behind `iter()`, `enumerate`, `zip`, `map`, `filter` and `reversed`.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{runtime_error, type_error};
use crate::runtime::model::typeobj::{type_name, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use std::cell::RefCell;
use std::rc::Rc;

pub enum IterState {
    Seq { items: Rc<[Value]>, i: usize, kind: &'static str },
    List { list: Rc<List>, i: usize },
    ListReverse { list: Rc<List>, i: usize },
    Range { next: i128, step: i128, left: i128 },
    Str { s: Rc<PyStr>, byte: usize },
    Dict { dict: Rc<Dict>, pos: usize, len: usize, what: DictPart },
    Set { set: Rc<crate::runtime::model::set::SetObj>, pos: usize, len: usize },
    Enumerate { inner: Value, n: i64 },
    Zip { inners: Vec<Value> },
    Map { func: Value, inners: Vec<Value> },
    Filter { func: Value, inner: Value },
    Callable { func: Value, sentinel: Value },
    /// The old sequence protocol: `obj[0]`, `obj[1]`, … until `IndexError`, for an object
    /// whose class has `__getitem__` but no `__iter__`.
    GetItem { obj: Value, i: i64 },
    Done,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

thread_local! {
    static ITER_TYPES: RefCell<Vec<(&'static str, Rc<TypeObj>)>> = const { RefCell::new(Vec::new()) };
}

/// The type object of an iterator kind, made once.
pub fn iter_type(name: &'static str) -> Rc<TypeObj> {
    ITER_TYPES.with(|t| {
        let mut t = t.borrow_mut();
        if let Some((_, ty)) = t.iter().find(|(n, _)| *n == name) {
            return ty.clone();
        }
        let ty = TypeObj::new(name, TypeKind::Iterator, Some(types().object.clone()));
        t.push((name, ty.clone()));
        ty
    })
}

impl IterState {
    pub fn type_obj(&self) -> Rc<TypeObj> {
        iter_type(self.type_name())
    }
    pub fn type_name(&self) -> &'static str {
        match self {
            IterState::Seq { kind, .. } => kind,
            IterState::List { .. } => "list_iterator",
            IterState::ListReverse { .. } => "list_reverseiterator",
            IterState::Range { .. } => "range_iterator",
            IterState::Str { .. } => "str_ascii_iterator",
            IterState::Set { .. } => "set_iterator",
            IterState::Dict { what: DictPart::Keys, .. } => "dict_keyiterator",
            IterState::Dict { what: DictPart::Values, .. } => "dict_valueiterator",
            IterState::Dict { what: DictPart::Items, .. } => "dict_itemiterator",
            IterState::Enumerate { .. } => "enumerate",
            IterState::Zip { .. } => "zip",
            IterState::Map { .. } => "map",
            IterState::Filter { .. } => "filter",
            IterState::Callable { .. } => "callable_iterator",
            IterState::GetItem { .. } => "iterator",
            IterState::Done => "iterator",
        }
    }
}

pub fn wrap(state: IterState) -> Value {
    Value::Iter(Rc::new(RefCell::new(state)))
}

pub fn is_iterable(v: &Value) -> bool {
    match v {
        Value::Str(_)
        | Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::FrozenSet(_)
        | Value::Range(_)
        | Value::Iter(_) => true,
        Value::Native(n) => n.is_iterator() || n.iter_items().is_some(),
        Value::Instance(i) => {
            i.base.as_ref().is_some_and(is_iterable)
                || ["__iter__", "__getitem__"].iter().any(|n| i.class.lookup(n).is_some())
        }
        _ => false,
    }
}

/// Whether `v` is an iterator: what `next()` accepts.
pub fn is_iterator(v: &Value) -> bool {
    match v {
        Value::Iter(_) => true,
        Value::Native(n) => n.is_iterator(),
        Value::Instance(i) => i.class.lookup("__next__").is_some(),
        _ => false,
    }
}

pub fn dict_iter(dict: &Rc<Dict>, what: DictPart) -> Value {
    wrap(IterState::Dict { dict: dict.clone(), pos: 0, len: dict.len(), what })
}

/// `iter(v)`.
pub fn make_iter(_interp: &mut Interp, v: &Value) -> PyResult<Value> {
    if crate::runtime::types::object::user_class(v).is_some() {
        return match crate::runtime::types::object::iter(_interp, v) {
            Some(r) => r,
            None => type_error(format!("'{}' object is not iterable", type_name(v))),
        };
    }
    Ok(match v {
        Value::Iter(_) => v.clone(),
        Value::List(l) => wrap(IterState::List { list: l.clone(), i: 0 }),
        Value::Tuple(t) => wrap(IterState::Seq { items: t.items.to_vec().into(), i: 0, kind: "tuple_iterator" }),
        Value::Range(r) => wrap(IterState::Range { next: r.start, step: r.step, left: r.len() }),
        Value::Str(s) => wrap(IterState::Str { s: s.clone(), byte: 0 }),
        Value::Dict(d) => dict_iter(d, DictPart::Keys),
        Value::Set(s) | Value::FrozenSet(s) => wrap(IterState::Set { set: s.clone(), pos: 0, len: s.len() }),
        Value::Native(n) if n.is_iterator() => v.clone(),
        Value::Native(n) => match crate::runtime::types::dict::view_iter(v) {
            Some(it) => it,
            None => match n.iter_items() {
                Some(items) => wrap(IterState::Seq { items: items.into(), i: 0, kind: "iterator" }),
                None => return type_error(format!("'{}' object is not iterable", type_name(v))),
            },
        },
        _ => return type_error(format!("'{}' object is not iterable", type_name(v))),
    })
}

/// Advances an iterator; `None` when it is exhausted.
pub fn next(interp: &mut Interp, it: &Value) -> PyResult<Option<Value>> {
    let cell = match it {
        Value::Iter(cell) => cell,
        Value::Native(n) if n.is_iterator() => return n.next(interp, it),
        Value::Instance(_) => return crate::runtime::types::object::next(interp, it),
        _ => return type_error(format!("'{}' object is not an iterator", type_name(it))),
    };
    // Iterators that call back into Python take their state out while they run, so that a
    // callback touching the same iterator sees it exhausted instead of a borrow conflict.
    let mut state = cell.borrow_mut();
    let r = match &mut *state {
        IterState::Seq { items, i, .. } => {
            let v = items.get(*i).cloned();
            *i += 1;
            v
        }
        IterState::List { list, i } => {
            let v = list.get(*i);
            *i += 1;
            v
        }
        IterState::ListReverse { list, i } => {
            if *i == 0 {
                None
            } else {
                *i -= 1;
                list.get(*i)
            }
        }
        IterState::Range { next, step, left } => {
            if *left <= 0 {
                None
            } else {
                let v = *next;
                *next += *step;
                *left -= 1;
                Some(Value::from_i128(v))
            }
        }
        IterState::Str { s, byte } => match s[*byte..].chars().next() {
            Some(c) => {
                *byte += c.len_utf8();
                Some(Value::string(c.to_string()))
            }
            None => None,
        },
        IterState::Dict { dict, pos, len, what } => {
            if dict.len() != *len {
                *len = usize::MAX;
                return runtime_error("dictionary changed size during iteration");
            }
            let t = dict.table.borrow();
            let mut found = None;
            while *pos < t.slots() {
                let e = t.entry_at(*pos);
                *pos += 1;
                if let Some(Some(e)) = e {
                    found = Some(match what {
                        DictPart::Keys => e.key.clone(),
                        DictPart::Values => e.value.clone(),
                        DictPart::Items => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    });
                    break;
                }
            }
            found
        }
        IterState::Set { set, pos, len } => {
            if set.len() != *len {
                *len = usize::MAX;
                return runtime_error("Set changed size during iteration");
            }
            set.table.borrow().next_entry(pos).map(|(_, k)| k.clone())
        }
        IterState::Done => None,
        _ => {
            let mut taken = std::mem::replace(&mut *state, IterState::Done);
            drop(state);
            let r = advance_with_calls(interp, &mut taken);
            let mut state = cell.borrow_mut();
            if r.as_ref().is_ok_and(|v| v.is_some()) {
                *state = taken;
            }
            return r;
        }
    };
    Ok(r)
}

fn advance_with_calls(interp: &mut Interp, state: &mut IterState) -> PyResult<Option<Value>> {
    match state {
        IterState::Enumerate { inner, n } => match interp.next(inner)? {
            Some(v) => {
                let i = *n;
                *n += 1;
                Ok(Some(Value::tuple(vec![Value::Int(i), v])))
            }
            None => Ok(None),
        },
        IterState::Zip { inners } => {
            let mut out = Vec::with_capacity(inners.len());
            for it in inners.iter() {
                match interp.next(it)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            if out.is_empty() {
                return Ok(None);
            }
            Ok(Some(Value::tuple(out)))
        }
        IterState::Map { func, inners } => {
            let mut args = Vec::with_capacity(inners.len());
            for it in inners.iter() {
                match interp.next(it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            interp.call(func, args, Vec::new()).map(Some)
        }
        IterState::Filter { func, inner } => {
            while let Some(v) = interp.next(inner)? {
                let keep = if func.is_none() {
                    interp.truthy(&v)?
                } else {
                    let r = interp.call(func, vec![v.clone()], Vec::new())?;
                    interp.truthy(&r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
            Ok(None)
        }
        IterState::Callable { func, sentinel } => {
            let v = interp.call(func, Vec::new(), Vec::new())?;
            if crate::runtime::types::ops::eq(&v, sentinel)? {
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
        IterState::GetItem { obj, i } => match crate::runtime::types::object::getitem(interp, obj, &Value::Int(*i)) {
            Ok(v) => {
                *i += 1;
                Ok(Some(v))
            }
            Err(e) if e.is(&types().index_error) || e.is(&types().stop_iteration) => Ok(None),
            Err(e) => Err(e),
        },
        _ => Ok(None),
    }
}
