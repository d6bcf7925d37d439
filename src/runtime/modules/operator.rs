//! `operator`: Python's operators as functions (`add`, `lt`, `getitem`, the in-place `iadd`
//! family, each also under its dunder name as in CPython), and the callables `itemgetter`,
//! `attrgetter` and `methodcaller` with CPython's reprs and errors.

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{type_error, value_error};
use crate::runtime::model::gc::{Busy, Visitor};
use crate::runtime::model::typeobj::{type_name, TypeObj};
use crate::runtime::model::value::*;
use crate::runtime::modules::builtins;
use crate::runtime::types::ops;
use crate::syntax::ast::{BinOp, CmpOp};
use std::any::Any;
use std::rc::Rc;
use super::{func, new_module};

const BINARY: &[(&str, BinOp)] = &[
    ("add", BinOp::Add),
    ("sub", BinOp::Sub),
    ("mul", BinOp::Mult),
    ("matmul", BinOp::MatMult),
    ("truediv", BinOp::Div),
    ("floordiv", BinOp::FloorDiv),
    ("mod", BinOp::Mod),
    ("pow", BinOp::Pow),
    ("lshift", BinOp::LShift),
    ("rshift", BinOp::RShift),
    ("and_", BinOp::BitAnd),
    ("or_", BinOp::BitOr),
    ("xor", BinOp::BitXor),
];

const INPLACE: &[(&str, BinOp)] = &[
    ("iadd", BinOp::Add),
    ("isub", BinOp::Sub),
    ("imul", BinOp::Mult),
    ("imatmul", BinOp::MatMult),
    ("itruediv", BinOp::Div),
    ("ifloordiv", BinOp::FloorDiv),
    ("imod", BinOp::Mod),
    ("ipow", BinOp::Pow),
    ("ilshift", BinOp::LShift),
    ("irshift", BinOp::RShift),
    ("iand", BinOp::BitAnd),
    ("ior", BinOp::BitOr),
    ("ixor", BinOp::BitXor),
];

const COMPARISONS: &[(&str, CmpOp)] = &[
    ("lt", CmpOp::Lt),
    ("le", CmpOp::LtE),
    ("eq", CmpOp::Eq),
    ("ne", CmpOp::NotEq),
    ("ge", CmpOp::GtE),
    ("gt", CmpOp::Gt),
];

/// The other functions, with their dunder aliases where CPython has one.
const OTHERS: &[(&str, Option<&str>, BuiltinFn)] = &[
    ("neg", Some("__neg__"), neg),
    ("pos", Some("__pos__"), pos),
    ("abs", Some("__abs__"), abs),
    ("invert", Some("__invert__"), invert),
    ("inv", Some("__inv__"), invert),
    ("not_", Some("__not__"), not_),
    ("truth", None, truth),
    ("index", Some("__index__"), index),
    ("is_", None, is_),
    ("is_not", None, is_not),
    ("contains", Some("__contains__"), contains),
    ("countOf", None, count_of),
    ("indexOf", None, index_of),
    ("getitem", Some("__getitem__"), getitem),
    ("setitem", Some("__setitem__"), setitem),
    ("delitem", Some("__delitem__"), delitem),
    ("concat", Some("__concat__"), concat),
    ("iconcat", Some("__iconcat__"), iconcat),
    ("call", Some("__call__"), call),
];

/// `__add__` for `add`: the dunder aliases of the operator tables. `and_` and `or_` drop
/// their underscore (`__and__`), as in CPython.
fn dunder(name: &str) -> String {
    format!("__{}__", name.trim_end_matches('_'))
}

pub fn module(_interp: &mut Interp) -> Value {
    let mut items: Vec<(String, Value)> = Vec::new();
    let tables = [(BINARY, binary as BuiltinFn), (INPLACE, inplace as BuiltinFn)];
    for (table, f) in tables {
        for &(name, _) in table {
            items.push((name.to_string(), func(name, f)));
            items.push((dunder(name), func(name, f)));
        }
    }
    for &(name, _) in COMPARISONS {
        items.push((name.to_string(), func(name, compare)));
        items.push((dunder(name), func(name, compare)));
    }
    for &(name, alias, f) in OTHERS {
        items.push((name.to_string(), func(name, f)));
        if let Some(alias) = alias {
            items.push((alias.to_string(), func(name, f)));
        }
    }
    for (name, t) in
        [("itemgetter", itemgetter_type()), ("attrgetter", attrgetter_type()), ("methodcaller", methodcaller_type())]
    {
        items.push((name.to_string(), Value::Type(t)));
    }
    new_module("operator", items.iter().map(|(k, v)| (k.as_str(), v.clone())).collect())
}

/// The `N` arguments of an operator function, with CPython's messages.
fn arity<'a, const N: usize>(name: &str, args: &'a Args) -> PyResult<&'a [Value; N]> {
    if !args.kw.is_empty() {
        return type_error(format!("_operator.{name}() takes no keyword arguments"));
    }
    let k = args.pos.len();
    match args.pos.try_into() {
        Ok(a) => Ok(a),
        Err(_) if N == 1 => type_error(format!("_operator.{name}() takes exactly one argument ({k} given)")),
        Err(_) => type_error(format!("{name} expected {N} arguments, got {k}")),
    }
}

/// The operator of a function made from one of the tables, found by its name.
fn lookup<T: Copy>(table: &[(&str, T)], name: &str) -> T {
    table.iter().find(|(n, _)| *n == name).map(|(_, op)| *op).expect("the function was made from this table")
}

fn binary(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let [x, y] = arity(b.name, &args)?;
    interp.binary_op(lookup(BINARY, b.name), x, y)
}

fn inplace(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let [x, y] = arity(b.name, &args)?;
    interp.inplace_op(lookup(INPLACE, b.name), x.clone(), y)
}

fn compare(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let [x, y] = arity(b.name, &args)?;
    Ok(Value::Bool(interp.compare(lookup(COMPARISONS, b.name), x, y)?))
}

fn one<'a>(b: &Builtin, args: &'a Args) -> PyResult<&'a Value> {
    let [v] = arity(b.name, args)?;
    Ok(v)
}

fn two<'a>(b: &Builtin, args: &'a Args) -> PyResult<(&'a Value, &'a Value)> {
    let [x, y] = arity(b.name, args)?;
    Ok((x, y))
}

fn neg(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    ops::unary_neg(one(b, &args)?)
}

fn pos(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    ops::unary_pos(one(b, &args)?)
}

fn abs(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let v = one(b, &args)?;
    builtins::bi_abs(interp, b, Args::new(std::slice::from_ref(v)))
}

fn invert(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    ops::unary_invert(one(b, &args)?)
}

fn not_(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(!interp.truthy(one(b, &args)?)?))
}

fn truth(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(interp.truthy(one(b, &args)?)?))
}

fn index(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    match one(b, &args)? {
        Value::Bool(v) => Ok(Value::Int(*v as i64)),
        v @ (Value::Int(_) | Value::BigInt(_)) => Ok(v.clone()),
        v => type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))),
    }
}

fn is_(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two(b, &args)?;
    Ok(Value::Bool(x.is(y)))
}

fn is_not(_: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two(b, &args)?;
    Ok(Value::Bool(!x.is(y)))
}

fn contains(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (container, item) = two(b, &args)?;
    Ok(Value::Bool(interp.compare(CmpOp::In, item, container)?))
}

/// How many items of `seq` are (or equal) `x`; without `all`, the first one's position.
fn find(interp: &mut Interp, seq: &Value, x: &Value, all: bool) -> PyResult<(i64, Option<i64>)> {
    if !crate::runtime::model::iter::is_iterable(seq) {
        return type_error(format!("argument of type '{}' is not iterable", type_name(seq)));
    }
    let it = interp.iter(seq)?;
    let (mut count, mut i) = (0, 0);
    while let Some(v) = interp.next(&it)? {
        if v.is(x) || ops::eq(&v, x)? {
            if !all {
                return Ok((1, Some(i)));
            }
            count += 1;
        }
        i += 1;
    }
    Ok((count, None))
}

fn count_of(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (seq, x) = two(b, &args)?;
    Ok(Value::Int(find(interp, seq, x, true)?.0))
}

fn index_of(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (seq, x) = two(b, &args)?;
    match find(interp, seq, x, false)?.1 {
        Some(i) => Ok(Value::Int(i)),
        None => value_error("sequence.index(x): x not in sequence"),
    }
}

fn getitem(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (obj, key) = two(b, &args)?;
    builtins::getitem(interp, obj, key)
}

fn setitem(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let [obj, key, value] = arity(b.name, &args)?;
    builtins::setitem(interp, obj, key, value.clone())?;
    Ok(Value::None)
}

fn delitem(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (obj, key) = two(b, &args)?;
    builtins::delitem(interp, obj, key)?;
    Ok(Value::None)
}

/// `concat` accepts sequences only, where `+` would also add numbers.
fn sequence_operand(a: &Value) -> PyResult<()> {
    match a {
        Value::Str(_) | Value::List(_) | Value::Tuple(_) => Ok(()),
        _ => type_error(format!("'{}' object can't be concatenated", type_name(a))),
    }
}

fn concat(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two(b, &args)?;
    sequence_operand(x)?;
    interp.binary_op(BinOp::Add, x, y)
}

fn iconcat(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let (x, y) = two(b, &args)?;
    sequence_operand(x)?;
    interp.inplace_op(BinOp::Add, x.clone(), y)
}

/// `call(obj, /, *args, **kwargs)`.
fn call(interp: &mut Interp, _: &Builtin, args: Args) -> PyResult<Value> {
    let Some((f, rest)) = args.pos.split_first() else {
        return type_error("call expected at least 1 argument, got 0");
    };
    interp.call(f, rest.to_vec(), args.kw.to_vec())
}

// ----- itemgetter, attrgetter, methodcaller -----

thread_local! {
    static ITEMGETTER: Rc<TypeObj> = TypeObj::native("operator", "itemgetter");
    static ATTRGETTER: Rc<TypeObj> = TypeObj::native("operator", "attrgetter");
    static METHODCALLER: Rc<TypeObj> = TypeObj::native("operator", "methodcaller");
}

fn itemgetter_type() -> Rc<TypeObj> {
    ITEMGETTER.with(|t| t.clone())
}

fn attrgetter_type() -> Rc<TypeObj> {
    ATTRGETTER.with(|t| t.clone())
}

fn methodcaller_type() -> Rc<TypeObj> {
    METHODCALLER.with(|t| t.clone())
}

/// Calls one of the module's types; `None` when `t` is not one of them.
pub fn call_type(_interp: &mut Interp, t: &Rc<TypeObj>, args: Args) -> Option<PyResult<Value>> {
    if Rc::ptr_eq(t, &itemgetter_type()) {
        Some(new_itemgetter(args))
    } else if Rc::ptr_eq(t, &attrgetter_type()) {
        Some(new_attrgetter(args))
    } else if Rc::ptr_eq(t, &methodcaller_type()) {
        Some(new_methodcaller(args))
    } else {
        None
    }
}

/// The one argument a getter is called with.
fn getter_arg<'a>(name: &str, args: &'a Args) -> PyResult<&'a Value> {
    if !args.kw.is_empty() {
        return type_error(format!("{name}() takes no keyword arguments"));
    }
    match args.pos {
        [v] => Ok(v),
        _ => type_error(format!("{name} expected 1 argument, got {}", args.pos.len())),
    }
}

fn reprs(interp: &mut Interp, values: &[Value]) -> PyResult<Vec<String>> {
    values.iter().map(|v| interp.repr(v)).collect()
}

struct ItemGetter {
    items: Vec<Value>,
}

/// `itemgetter(item, *items)`.
fn new_itemgetter(args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        getter_arg("itemgetter", &args)?;
    }
    if !args.kw.is_empty() {
        return type_error("itemgetter() takes no keyword arguments");
    }
    Ok(Value::native(ItemGetter { items: args.pos.to_vec() }))
}

impl Native for ItemGetter {
    fn type_obj(&self) -> Rc<TypeObj> {
        itemgetter_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _: &Value) -> PyResult<String> {
        Ok(format!("operator.itemgetter({})", reprs(interp, &self.items)?.join(", ")))
    }
    fn call(&self, interp: &mut Interp, _: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(getter_arg("itemgetter", &args).and_then(|obj| match &self.items[..] {
            [item] => builtins::getitem(interp, obj, item),
            items => {
                let got: PyResult<Vec<Value>> = items.iter().map(|k| builtins::getitem(interp, obj, k)).collect();
                Ok(Value::tuple(got?))
            }
        }))
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.items.iter().for_each(|v| visit.value(v));
        Ok(())
    }
}

struct AttrGetter {
    /// Each name as given (for the repr), and split at its dots.
    names: Vec<Rc<PyStr>>,
    paths: Vec<Vec<Rc<PyStr>>>,
}

/// `attrgetter(attr, *attrs)`: a dotted name walks attributes.
fn new_attrgetter(args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        getter_arg("attrgetter", &args)?;
    }
    if !args.kw.is_empty() {
        return type_error("attrgetter() takes no keyword arguments");
    }
    let mut names = Vec::with_capacity(args.pos.len());
    for v in args.pos {
        let Value::Str(s) = v else { return type_error("attribute name must be a string") };
        names.push(s.clone());
    }
    let paths = names.iter().map(|n| n.split('.').map(super::name).collect()).collect();
    Ok(Value::native(AttrGetter { names, paths }))
}

impl Native for AttrGetter {
    fn type_obj(&self) -> Rc<TypeObj> {
        attrgetter_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _: &Value) -> PyResult<String> {
        let names: Vec<Value> = self.names.iter().map(|n| Value::Str(n.clone())).collect();
        Ok(format!("operator.attrgetter({})", reprs(interp, &names)?.join(", ")))
    }
    fn call(&self, interp: &mut Interp, _: &Value, args: Args) -> Option<PyResult<Value>> {
        let walk = |interp: &mut Interp, obj: &Value, path: &[Rc<PyStr>]| {
            let mut v = obj.clone();
            for name in path {
                v = crate::runtime::interp::attrs::getattr(interp, &v, name)?;
            }
            Ok(v)
        };
        Some(getter_arg("attrgetter", &args).and_then(|obj| match &self.paths[..] {
            [path] => walk(interp, obj, path),
            paths => {
                let got: PyResult<Vec<Value>> = paths.iter().map(|p| walk(interp, obj, p)).collect();
                Ok(Value::tuple(got?))
            }
        }))
    }
    fn is_callable(&self) -> bool {
        true
    }
}

struct MethodCaller {
    name: Rc<PyStr>,
    args: Vec<Value>,
    kwargs: Vec<(Rc<PyStr>, Value)>,
}

/// `methodcaller(name, /, *args, **kwargs)`.
fn new_methodcaller(args: Args) -> PyResult<Value> {
    let Some(name) = args.pos.first() else {
        return type_error("methodcaller needs at least one argument, the method name");
    };
    let Value::Str(name) = name else { return type_error("method name must be a string") };
    Ok(Value::native(MethodCaller { name: name.clone(), args: args.pos[1..].to_vec(), kwargs: args.kw.to_vec() }))
}

impl Native for MethodCaller {
    fn type_obj(&self) -> Rc<TypeObj> {
        methodcaller_type()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, _: &Value) -> PyResult<String> {
        let mut parts = vec![interp.repr(&Value::Str(self.name.clone()))?];
        parts.extend(reprs(interp, &self.args)?);
        for (k, v) in &self.kwargs {
            parts.push(format!("{}={}", k.as_str(), interp.repr(v)?));
        }
        Ok(format!("operator.methodcaller({})", parts.join(", ")))
    }
    fn call(&self, interp: &mut Interp, _: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(
            getter_arg("methodcaller", &args)
                .and_then(|obj| interp.call_method(obj, &self.name, self.args.clone(), self.kwargs.clone())),
        )
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        self.args.iter().chain(self.kwargs.iter().map(|(_, v)| v)).for_each(|v| visit.value(v));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dunder_aliases_drop_the_keyword_underscore() {
        assert_eq!(dunder("add"), "__add__");
        assert_eq!(dunder("and_"), "__and__");
        assert_eq!(dunder("iadd"), "__iadd__");
    }
}
