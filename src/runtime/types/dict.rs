//! `dict` methods, the dict views, and the merging behind `dict(...)`, `d.update` and `d |= x`.

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::exceptions::{key_error, type_error, value_error};
use crate::runtime::model::iter::DictPart;
use crate::runtime::model::set::{hashed_items, set_key_eq};
use crate::runtime::model::typeobj::{type_name, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::support::settable::SetTable;
use crate::runtime::types::args::*;
use crate::runtime::types::set::{
    difference_update_table, intersect_table, keys_hashed, other_of, set_hash, table_from, update_table, wrap_set, Other,
};
use crate::runtime::types::{eq, Method};
use crate::syntax::ast::CmpOp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

impl DictPart {
    pub(super) fn view_name(self) -> &'static str {
        match self {
            DictPart::Keys => "dict_keys",
            DictPart::Values => "dict_values",
            DictPart::Items => "dict_items",
        }
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of the dict.
pub struct DictView {
    pub dict: Rc<Dict>,
    pub part: DictPart,
}

thread_local! {
    static VIEW_TYPES: RefCell<Option<[Rc<TypeObj>; 3]>> = const { RefCell::new(None) };
}

fn view_type(part: DictPart) -> Rc<TypeObj> {
    VIEW_TYPES.with(|t| {
        let mut t = t.borrow_mut();
        let all = t.get_or_insert_with(|| {
            let mk =
                |name: &str| TypeObj::new(name, TypeKind::Native, Some(types().object.clone()));
            [mk("dict_keys"), mk("dict_values"), mk("dict_items")]
        });
        all[match part {
            DictPart::Keys => 0,
            DictPart::Values => 1,
            DictPart::Items => 2,
        }]
        .clone()
    })
}

impl DictView {
    fn items(&self) -> Vec<Value> {
        match self.part {
            DictPart::Keys => self.dict.keys(),
            DictPart::Values => self.dict.values(),
            DictPart::Items => self
                .dict
                .items()
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect(),
        }
    }
}

impl Native for DictView {
    fn type_obj(&self) -> Rc<TypeObj> {
        view_type(self.part)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _this: &Value) -> PyResult<String> {
        let _guard = crate::runtime::model::depth::enter(" while getting the repr of an object")?;
        let inner = interp.repr(&Value::list(self.items()))?;
        Ok(format!("{}({})", self.part.view_name(), inner))
    }
    fn len(&self) -> Option<usize> {
        Some(self.dict.len())
    }
    fn iter_items(&self) -> Option<Vec<Value>> {
        Some(self.items())
    }
    fn traverse(&self, visit: &mut crate::runtime::model::gc::Visitor) -> Result<(), crate::runtime::model::gc::Busy> {
        visit.dict(&self.dict);
        Ok(())
    }
}

fn view(d: &Rc<Dict>, part: DictPart) -> Value {
    Value::native(DictView {
        dict: d.clone(),
        part,
    })
}

/// The methods of keys and items views, the set-like ones (values views have none).
pub const KEYS_METHODS: &[Method] = &[("isdisjoint", isdisjoint)];

fn isdisjoint(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let Some(v) = as_view(this) else { unreachable!("a dict view method called on {}", type_name(this)) };
    let other = sig.one()?;
    let mine = v.items();
    let others = interp.collect(other)?;
    for x in &others {
        for m in &mine {
            if eq(interp, m, x)? {
                return Ok(Value::Bool(false));
            }
        }
    }
    Ok(Value::Bool(true))
}

fn as_view(v: &Value) -> Option<&DictView> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<DictView>(),
        _ => None,
    }
}

/// A keys or items view (the set-like ones).
fn as_set_view(v: &Value) -> Option<&DictView> {
    as_view(v).filter(|d| d.part != DictPart::Values)
}

impl DictView {
    fn contains(&self, interp: &mut Interp, x: &Value) -> PyResult<bool> {
        match self.part {
            DictPart::Keys => Ok(self.dict.get(x)?.is_some()),
            DictPart::Items => {
                let Value::Tuple(t) = x else { return Ok(false) };
                if t.items.len() != 2 {
                    return Ok(false);
                }
                match self.dict.get(&t.items[0])? {
                    Some(v) => eq(interp, &v, &t.items[1]),
                    None => Ok(false),
                }
            }
            DictPart::Values => {
                for v in self.dict.values() {
                    if eq(interp, &v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
    fn as_other(&self) -> Other {
        match self.part {
            DictPart::Keys => Other::Dict(self.dict.clone()),
            _ => Other::Items(self.items()),
        }
    }
}

/// `x in view` for a dict view: keys and items views look the key up, a values view
/// compares. `None` for other values. (For `Interp::contains`.)
pub fn view_contains(interp: &mut Interp, v: &Value, x: &Value) -> Option<PyResult<bool>> {
    as_view(v).map(|d| d.contains(interp, x))
}

/// `iter(view)` for a dict view: the dict's own live iterator, so that changing the dict's
/// size while iterating raises `RuntimeError` as in CPython. `None` for other values. (For
/// `iter::make_iter`.)
pub fn view_iter(v: &Value) -> Option<Value> {
    as_view(v).map(|d| crate::runtime::model::iter::dict_iter(&d.dict, d.part))
}

/// `a op b` for `==`, `!=`, `<`, `<=`, `>`, `>=` when either side is a dict view (CPython's
/// `dictview_richcompare`, with the reflected operator when the view is on the right): keys
/// and items views compare as sets with sets and other keys or items views; otherwise a
/// view is equal only to itself and has no order. `None` when neither side is a view, or
/// for an order the operands do not have (the caller's TypeError then names them).
pub fn view_compare(interp: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Option<PyResult<bool>> {
    let (va, vb) = (as_view(a), as_view(b));
    if va.is_none() && vb.is_none() {
        return None;
    }
    let set_like = |v: &Value| matches!(v, Value::Set(_) | Value::FrozenSet(_)) || as_set_view(v).is_some();
    let (view, other, op) = match (as_set_view(a), as_set_view(b)) {
        (Some(v), _) if set_like(b) => (v, b, op),
        (_, Some(v)) if set_like(a) => (v, a, op.reflected()),
        _ => {
            return match op {
                CmpOp::Eq => Some(Ok(a.is(b))),
                CmpOp::NotEq => Some(Ok(!a.is(b))),
                _ => None,
            }
        }
    };
    let other_len = match other {
        Value::Set(s) | Value::FrozenSet(s) => s.len(),
        _ => as_view(other).map_or(0, |o| o.dict.len()),
    };
    let len = view.dict.len();
    let this = || Value::native(DictView { dict: view.dict.clone(), part: view.part });
    // CPython's `all_contained_in(x, y)`: every item of `x` is in `y`.
    let contained = |interp: &mut Interp, x: &Value, y: &Value| -> PyResult<bool> {
        for item in interp.collect(x)? {
            if !interp.contains(y, &item)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Some((|| match op {
        CmpOp::Eq => Ok(len == other_len && contained(interp, &this(), other)?),
        CmpOp::NotEq => Ok(!(len == other_len && contained(interp, &this(), other)?)),
        CmpOp::Lt => Ok(len < other_len && contained(interp, &this(), other)?),
        CmpOp::LtE => Ok(len <= other_len && contained(interp, &this(), other)?),
        CmpOp::Gt => Ok(len > other_len && contained(interp, other, &this())?),
        CmpOp::GtE => Ok(len >= other_len && contained(interp, other, &this())?),
        _ => unreachable!("containment and identity are not rich comparisons"),
    })())
}

/// `a & b`, `a | b`, `a - b`, `a ^ b` when either side is a keys or items view: a `set`, as
/// CPython's `dictviews_*` build it. `None` when neither side is such a view. (For the
/// interpreter's binary operators.)
pub fn view_binop(
    interp: &mut Interp,
    op: crate::syntax::ast::BinOp,
    a: &Value,
    b: &Value,
) -> Option<PyResult<Value>> {
    use crate::syntax::ast::BinOp;
    if !matches!(
        op,
        BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor
    ) {
        return None;
    }
    as_set_view(a).or_else(|| as_set_view(b))?;
    let to_other = |interp: &mut Interp, v: &Value| -> PyResult<Other> {
        match as_view(v) {
            Some(d) => Ok(d.as_other()),
            None => other_of(interp, v),
        }
    };
    let r = (|| -> PyResult<Value> {
        let eqf = &mut set_key_eq;
        if op == BinOp::BitAnd {
            let (mut this, mut other) = if as_set_view(a).is_some() {
                (a, b)
            } else {
                (b, a)
            };
            let len_self = as_view(this).map_or(0, |v| v.dict.len());
            if let Value::Set(o) = other {
                if len_self <= o.len() {
                    let mine = to_other(interp, this)?;
                    let t = intersect_table(&o.table.borrow(), &mine)?;
                    return Ok(wrap_set(false, t));
                }
            }
            if let Some(ov) = as_set_view(other) {
                if ov.dict.len() > len_self {
                    std::mem::swap(&mut this, &mut other);
                }
            }
            let view = as_view(this).expect("a set-like view");
            let items = match as_view(other) {
                Some(o) => o.items(),
                None => interp.collect(other)?,
            };
            let mut t = SetTable::new();
            for x in items {
                if view.contains(interp, &x)? {
                    let h = set_hash(&x)?;
                    t.insert(h, x, eqf)?;
                }
            }
            return Ok(wrap_set(false, t));
        }
        let left = to_other(interp, a)?;
        let right = to_other(interp, b)?;
        let mut t = table_from(&left)?;
        match op {
            BinOp::BitOr => update_table(&mut t, &right)?,
            BinOp::Sub => difference_update_table(&mut t, &right)?,
            _ => match &right {
                Other::Set(x) => {
                    let xt = x.table.borrow();
                    t.symmetric_difference_update_set(&xt, eqf)?
                }
                Other::Dict(d) => t.symmetric_difference_update_dict(keys_hashed(d), eqf)?,
                Other::Items(items) => {
                    t.symmetric_difference_update_iter(hashed_items(items.clone()), eqf)?
                }
            },
        }
        Ok(wrap_set(false, t))
    })();
    Some(r)
}

/// The receiver of a `dict` method (the method tables are chosen by the receiver's type).
fn dict_of(this: &Value) -> &Rc<Dict> {
    let Value::Dict(x) = this else { unreachable!("a dict method called on {}", type_name(this)) };
    x
}

/// The methods, sorted by name.
pub const METHODS: &[Method] = &[
    ("clear", clear),
    ("copy", copy),
    ("fromkeys", fromkeys),
    ("get", get),
    ("items", items),
    ("keys", keys),
    ("pop", pop),
    ("popitem", popitem),
    ("setdefault", setdefault),
    ("update", update),
    ("values", values),
];

fn get(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    let pos = sig.pos;
    sig.clinic(1, 2)?;
    Ok(d.get(&pos[0])?
        .unwrap_or_else(|| pos.get(1).cloned().unwrap_or(Value::None)))
}

fn keys(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    sig.none()?;
    Ok(view(d, DictPart::Keys))
}

fn values(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    sig.none()?;
    Ok(view(d, DictPart::Values))
}

fn items(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    sig.none()?;
    Ok(view(d, DictPart::Items))
}

fn pop(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    let pos = sig.pos;
    sig.clinic(1, 2)?;
    if d.is_empty() {
        return match pos.get(1) {
            Some(v) => Ok(v.clone()),
            None => key_error(pos[0].clone()),
        };
    }
    match d.remove(&pos[0])? {
        Some(v) => Ok(v),
        None => match pos.get(1) {
            Some(v) => Ok(v.clone()),
            None => key_error(pos[0].clone()),
        },
    }
}

fn popitem(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    sig.none()?;
    let last = d.table.borrow_mut().pop_last();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => key_error(Value::str("popitem(): dictionary is empty")),
    }
}

fn setdefault(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    let pos = sig.pos;
    sig.clinic(1, 2)?;
    if let Some(v) = d.get(&pos[0])? {
        return Ok(v);
    }
    let v = pos.get(1).cloned().unwrap_or(Value::None);
    d.set(pos[0].clone(), v.clone())?;
    Ok(v)
}

fn update(interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    let pos = sig.pos;
    let kw = sig.kw;
    dict_update(interp, d, "update", pos, kw)?;
    Ok(Value::None)
}

fn copy(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    sig.none()?;
    Ok(Value::Dict(crate::runtime::model::gc::new(d.copy())))
}

fn clear(_interp: &mut Interp, this: &Value, sig: &Sig) -> PyResult<Value> {
    let d = dict_of(this);
    sig.none()?;
    d.clear();
    Ok(Value::None)
}

fn fromkeys(interp: &mut Interp, _this: &Value, sig: &Sig) -> PyResult<Value> {
    let pos = sig.pos;
    let kw = sig.kw;
    dict_fromkeys(interp, pos, kw)
}

/// `dict(...)` and `d.update(...)` (CPython's `dict_update_common`): at most one positional
/// argument, merged as `d |= x` merges it, then the keyword arguments. `method` names the
/// callee in the arity error.
pub fn dict_update(
    interp: &mut Interp,
    d: &Rc<Dict>,
    method: &str,
    pos: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<()> {
    if pos.len() > 1 {
        return type_error(format!("{method} expected at most 1 argument, got {}", pos.len()));
    }
    if let Some(arg) = pos.first() {
        dict_update_arg(interp, d, arg)?;
    }
    for (k, v) in kw {
        d.set_name(k, v.clone());
    }
    Ok(())
}

/// `d |= x`, and the positional argument of `dict(x)` and `d.update(x)` (CPython's
/// `dict_update_arg`): a dict, any mapping (an object with `keys()`), or an iterable of
/// key-value pairs.
pub fn dict_update_arg(interp: &mut Interp, d: &Rc<Dict>, arg: &Value) -> PyResult<()> {
    if let Value::Dict(src) = arg {
        if !Rc::ptr_eq(src, d) {
            for (k, v) in src.items() {
                d.set(k, v)?;
            }
        }
        return Ok(());
    }
    if let Some(keys) = crate::runtime::interp::attrs::lookup_attr(interp, arg, &Rc::new(PyStr::new("keys")))? {
        let keys = interp.call(&keys, Vec::new(), Vec::new())?;
        let keys = interp.iter(&keys)?;
        while let Some(k) = interp.next(&keys)? {
            let v = crate::runtime::modules::builtins::getitem(interp, arg, &k)?;
            d.set(k, v)?;
        }
        return Ok(());
    }
    merge_pairs(interp, d, arg)
}

/// CPython's `PyDict_MergeFromSeq2`: every item of `seq` is a sequence of two, inserted as
/// soon as it is read, so the pairs before a bad one stay.
fn merge_pairs(interp: &mut Interp, d: &Rc<Dict>, seq: &Value) -> PyResult<()> {
    let items = interp.iter(seq)?;
    let mut i = 0;
    while let Some(item) = interp.next(&items)? {
        let pair = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => match interp.collect(&item) {
                Ok(pair) => pair,
                Err(e) if e.is(&types().type_error) => {
                    return type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence"))
                }
                Err(e) => return Err(e),
            },
        };
        let n = pair.len();
        let Ok([k, v]) = <[Value; 2]>::try_from(pair) else {
            return value_error(format!("dictionary update sequence element #{i} has length {n}; 2 is required"));
        };
        d.set(k, v)?;
        i += 1;
    }
    Ok(())
}

pub(super) fn dict_fromkeys(interp: &mut Interp, pos: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult<Value> {
    let sig = Sig {
        ty: "dict",
        name: "fromkeys",
        pos,
        kw,
    };
    sig.clinic(1, 2)?;
    let value = pos.get(1).cloned().unwrap_or(Value::None);
    let keys = match &pos[0] {
        Value::Dict(src) => src.keys(),
        other => interp.collect(other)?,
    };
    let d = Dict::new();
    for k in keys {
        d.set(k, value.clone())?;
    }
    Ok(Value::Dict(crate::runtime::model::gc::new(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dict_views_compare_and_combine_as_sets() {
        use crate::syntax::ast::BinOp;
        let mut interp = Interp::new(Box::new(Vec::new()));
        let d = crate::runtime::model::gc::new(Dict::new());
        for (i, k) in ["a", "b", "c"].iter().enumerate() {
            assert!(d.set(Value::str(k), Value::Int(i as i64)).is_ok());
        }
        let keys = view(&d, DictPart::Keys);
        let items = view(&d, DictPart::Items);
        let values = view(&d, DictPart::Values);
        let set = |xs: &[&str]| {
            crate::runtime::model::set::new_set(xs.iter().map(|x| Value::str(x)).collect(), false)
                .ok()
                .unwrap()
        };
        let mut r = |v: &Value| interp.repr(v).ok().unwrap();
        let abc = set(&["c", "b", "a"]);
        let mut i2 = Interp::new(Box::new(Vec::new()));
        assert!(view_compare(&mut i2, CmpOp::Eq, &keys, &abc)
            .map(|r| r.ok())
            .unwrap()
            .unwrap());
        assert!(!view_compare(&mut i2, CmpOp::Eq, &keys, &set(&["a"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap());
        assert!(view_compare(&mut i2, CmpOp::Eq, &values, &values.clone()).is_some());
        assert!(view_compare(&mut i2, CmpOp::Eq, &Value::Int(1), &Value::Int(1)).is_none());
        let and = view_binop(&mut i2, BinOp::BitAnd, &keys, &set(&["b", "x"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&and), "{'b'}");
        let sub = view_binop(&mut i2, BinOp::Sub, &keys, &set(&["b"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&sub), "{'c', 'a'}");
        let or = view_binop(
            &mut i2,
            BinOp::BitOr,
            &keys,
            &Value::list(vec![Value::str("z")]),
        )
        .map(|r| r.ok())
        .unwrap()
        .unwrap();
        assert_eq!(r(&or), "{'c', 'a', 'b', 'z'}");
        let xor = view_binop(&mut i2, BinOp::BitXor, &keys, &set(&["a", "q"]))
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&xor), "{'q', 'c', 'b'}");
        let it = view_binop(&mut i2, BinOp::BitAnd, &items, &items.clone())
            .map(|r| r.ok())
            .unwrap()
            .unwrap();
        assert_eq!(r(&it), "{('a', 0), ('c', 2), ('b', 1)}");
    }
}
