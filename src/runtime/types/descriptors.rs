//! The descriptors a class body uses: `property`, `classmethod`, `staticmethod`, and
//! `super`, the proxy that continues an attribute search along the MRO; and the descriptor
//! protocol for instances of classes written in Python (`__get__`, `__set__`, `__delete__`).

use crate::runtime::interp::Interp;
use crate::runtime::model::exceptions::{attribute_error, runtime_error, type_error};
use crate::runtime::model::gc::{Busy, Visitor};
use crate::runtime::model::typeobj::{type_name, type_of, types, TypeKind, TypeObj};
use crate::runtime::model::value::*;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    static PROPERTY: Rc<TypeObj> = TypeObj::new("property", TypeKind::Native, Some(types().object.clone()));
    static CLASSMETHOD: Rc<TypeObj> = TypeObj::new("classmethod", TypeKind::Native, Some(types().object.clone()));
    static STATICMETHOD: Rc<TypeObj> = TypeObj::new("staticmethod", TypeKind::Native, Some(types().object.clone()));
    static SUPER: Rc<TypeObj> = TypeObj::new("super", TypeKind::Native, Some(types().object.clone()));
}

/// The descriptor types, for the builtins namespace.
pub fn descriptor_types() -> [Rc<TypeObj>; 4] {
    [PROPERTY.with(Rc::clone), CLASSMETHOD.with(Rc::clone), STATICMETHOD.with(Rc::clone), SUPER.with(Rc::clone)]
}

/// `property(fget, fset, fdel, doc)`.
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
    /// The attribute name the class gave it (`__set_name__`), which its errors show.
    pub name: RefCell<Option<Rc<PyStr>>>,
}

/// `classmethod(f)` and `staticmethod(f)`: what a class attribute read binds to.
pub struct ClassMethod(pub Value);
pub struct StaticMethod(pub Value);

/// `super(cls, obj)`: attribute reads search `obj`'s MRO after `cls`.
pub struct Super {
    pub cls: Rc<TypeObj>,
    pub obj: Value,
    /// `type(obj)`, or `obj` itself when it is a class (`super()` in a classmethod).
    pub obj_type: Rc<TypeObj>,
}

fn traverse_values(values: &[&Value], visit: &mut Visitor) -> Result<(), Busy> {
    for v in values {
        visit.value(v);
    }
    Ok(())
}

impl Native for Property {
    fn type_obj(&self) -> Rc<TypeObj> {
        PROPERTY.with(Rc::clone)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "fget" => self.fget.clone(),
            "fset" => self.fset.clone(),
            "fdel" => self.fdel.clone(),
            "__doc__" => self.doc.clone(),
            "__get__" => dunder_get(this),
            "getter" | "setter" | "deleter" => Value::Builtin(Rc::new(Builtin {
                name: match name {
                    "getter" => "getter",
                    "setter" => "setter",
                    _ => "deleter",
                },
                owner: Some("property"),
                func: property_copy,
                bound: Some(this.clone()),
            })),
            _ => return Ok(None),
        }))
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        traverse_values(&[&self.fget, &self.fset, &self.fdel, &self.doc], visit)
    }
}

/// `prop.setter(f)` and its kin: a copy of the property with one accessor replaced.
fn property_copy(_interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let Some(Value::Native(n)) = &b.bound else { return type_error("descriptor needs a property") };
    let Some(p) = n.as_any().downcast_ref::<Property>() else { return type_error("descriptor needs a property") };
    let [f] = args.pos else {
        return type_error(format!("{}() takes exactly one argument ({} given)", b.name, args.pos.len()));
    };
    let mut copy = Property {
        fget: p.fget.clone(),
        fset: p.fset.clone(),
        fdel: p.fdel.clone(),
        doc: p.doc.clone(),
        name: RefCell::new(p.name.borrow().clone()),
    };
    match b.name {
        "getter" => copy.fget = f.clone(),
        "setter" => copy.fset = f.clone(),
        _ => copy.fdel = f.clone(),
    }
    Ok(Value::native(copy))
}

impl Native for ClassMethod {
    fn type_obj(&self) -> Rc<TypeObj> {
        CLASSMETHOD.with(Rc::clone)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<classmethod({}) object at {:#x}>", interp.repr(&self.0)?, this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "__func__" | "__wrapped__" => Some(self.0.clone()),
            "__get__" => Some(dunder_get(this)),
            _ => None,
        })
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.0);
        Ok(())
    }
}

impl Native for StaticMethod {
    fn type_obj(&self) -> Rc<TypeObj> {
        STATICMETHOD.with(Rc::clone)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, interp: &mut Interp, this: &Value) -> PyResult<String> {
        Ok(format!("<staticmethod({}) object at {:#x}>", interp.repr(&self.0)?, this.address()))
    }
    fn getattr(&self, _interp: &mut Interp, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "__func__" | "__wrapped__" => Some(self.0.clone()),
            "__get__" => Some(dunder_get(this)),
            _ => None,
        })
    }
    fn call(&self, interp: &mut Interp, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(interp.call(&self.0, args.pos.to_vec(), args.kw.to_vec()))
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.0);
        Ok(())
    }
}

impl Native for Super {
    fn type_obj(&self) -> Rc<TypeObj> {
        SUPER.with(Rc::clone)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _interp: &mut Interp, _this: &Value) -> PyResult<String> {
        let obj = if matches!(self.obj, Value::Type(_)) {
            format!("<class '{}'>", super::object::class_path(&self.obj_type))
        } else {
            format!("<{} object>", self.obj_type.name)
        };
        Ok(format!("<super: <class '{}'>, {}>", self.cls.name, obj))
    }
    fn getattr(&self, interp: &mut Interp, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(Value::Type(self.type_obj())));
        }
        let mro = self.obj_type.mro();
        let start = mro.iter().position(|t| Rc::ptr_eq(t, &self.cls)).map_or(mro.len(), |i| i + 1);
        let instance = (!matches!(self.obj, Value::Type(_))).then_some(&self.obj);
        for t in &mro[start..] {
            if let Some(v) = t.own(name) {
                return super::object::bind(interp, v, instance, &self.obj_type).map(Some);
            }
            if !t.is_class() {
                if let Some(v) = super::object::builtin_type_attr(interp, t, &self.obj, name)? {
                    return Ok(Some(v));
                }
            }
        }
        Ok(None)
    }
    fn traverse(&self, visit: &mut Visitor) -> Result<(), Busy> {
        visit.value(&self.obj);
        Ok(())
    }
}

/// Calls one of the descriptor types; `None` for other types.
pub fn construct(interp: &mut Interp, t: &Rc<TypeObj>, args: Args) -> Option<PyResult<Value>> {
    let [property, classmethod, staticmethod, sup] = descriptor_types();
    if Rc::ptr_eq(t, &property) {
        return Some(new_property(args));
    }
    for (ty, name) in [(&classmethod, "classmethod"), (&staticmethod, "staticmethod")] {
        if Rc::ptr_eq(t, ty) {
            if !args.kw.is_empty() {
                return Some(type_error(format!("{name}() takes no keyword arguments")));
            }
            let [f] = args.pos else {
                return Some(type_error(format!("{name} expected 1 argument, got {}", args.pos.len())));
            };
            return Some(Ok(if name == "classmethod" {
                Value::native(ClassMethod(f.clone()))
            } else {
                Value::native(StaticMethod(f.clone()))
            }));
        }
    }
    if Rc::ptr_eq(t, &sup) {
        return Some(match args.pos {
            [Value::Type(cls), obj] => new_super(interp, cls.clone(), obj.clone()),
            [cls, _] => type_error(format!("super() argument 1 must be a type, not {}", type_name(cls))),
            [] => runtime_error("super(): no arguments"),
            _ => type_error("super() takes 2 arguments here"),
        });
    }
    None
}

fn new_property(args: Args) -> PyResult<Value> {
    let mut slots = [Value::None, Value::None, Value::None, Value::None];
    if args.pos.len() > 4 {
        return type_error(format!("property() takes at most 4 arguments ({} given)", args.pos.len()));
    }
    for (i, v) in args.pos.iter().enumerate() {
        slots[i] = v.clone();
    }
    for (k, v) in args.kw {
        let i = match k.as_str() {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            other => return type_error(format!("property() got an unexpected keyword argument '{other}'")),
        };
        slots[i] = v.clone();
    }
    let [fget, fset, fdel, mut doc] = slots;
    // Without a doc of its own, a property shows its getter's.
    if let (Value::None, Value::Function(f)) = (&doc, &fget) {
        doc = f.doc();
    }
    Ok(Value::native(Property { fget, fset, fdel, doc, name: RefCell::new(None) }))
}

/// `super(cls, obj)`, checking that `obj` is an instance or subclass of `cls`.
pub fn new_super(_interp: &mut Interp, cls: Rc<TypeObj>, obj: Value) -> PyResult<Value> {
    let obj_type = match &obj {
        Value::Type(t) if t.is_subtype(&cls) => t.clone(),
        _ => {
            let t = type_of(&obj);
            if !t.is_subtype(&cls) {
                return type_error("super(type, obj): obj must be an instance or subtype of type");
            }
            t
        }
    };
    Ok(Value::native(Super { cls, obj, obj_type }))
}

/// `descr.__get__`, for the descriptors cellar implements (functions, `property`,
/// `classmethod`, `staticmethod`): code that binds by hand (`functools.partialmethod`) calls it.
pub fn dunder_get(descr: &Value) -> Value {
    Value::Builtin(Rc::new(Builtin { name: "__get__", owner: Some("descriptor"), func: call_dunder_get, bound: Some(descr.clone()) }))
}

/// `descr.__get__(instance, owner=None)`, as CPython's slot wrapper takes it.
fn call_dunder_get(interp: &mut Interp, b: &Builtin, args: Args) -> PyResult<Value> {
    let Some(descr) = &b.bound else { return type_error("__get__ needs a descriptor") };
    crate::runtime::modules::no_kwargs("__get__", &args)?;
    let (instance, owner) = match args.pos {
        [i] => (i, &Value::None),
        [i, o] => (i, o),
        _ => return type_error(format!("expected 1 or 2 arguments, got {}", args.pos.len())),
    };
    let owner = match (instance, owner) {
        (Value::None, Value::None) => return type_error("__get__(None, None) is invalid"),
        (_, Value::Type(t)) => t.clone(),
        (i, Value::None) => type_of(i),
        (_, o) => return type_error(format!("__get__(None, {}) is invalid", type_name(o))),
    };
    let instance = (!instance.is_none()).then_some(instance);
    super::object::bind(interp, descr.clone(), instance, &owner)
}

/// The special method `name` of the class of `descr`, when `descr` is an instance of a
/// class written in Python: how a user-defined descriptor is found.
fn user_slot(descr: &Value, name: &str) -> Option<Value> {
    match descr {
        Value::Instance(i) => i.class.lookup(name).map(|(_, f)| f),
        _ => None,
    }
}

/// What reading `descr` through an instance or class gives (`__get__`), for the descriptor
/// types here and for instances of classes that define `__get__`; `None` for other values.
pub fn get(interp: &mut Interp, descr: &Value, instance: Option<&Value>, owner: &Rc<TypeObj>) -> Option<PyResult<Value>> {
    if let Some(f) = user_slot(descr, "__get__") {
        let args = vec![descr.clone(), instance.cloned().unwrap_or(Value::None), Value::Type(owner.clone())];
        return Some(interp.call(&f, args, vec![]));
    }
    let Value::Native(n) = descr else { return None };
    let any = n.as_any();
    if let Some(p) = any.downcast_ref::<Property>() {
        let Some(obj) = instance else { return Some(Ok(descr.clone())) };
        if p.fget.is_none() {
            return Some(attribute_error(format!(
                "property {}of '{}' object has no getter",
                property_name(p),
                type_name(obj)
            )));
        }
        let fget = p.fget.clone();
        return Some(interp.call(&fget, vec![obj.clone()], vec![]));
    }
    if let Some(c) = any.downcast_ref::<ClassMethod>() {
        return Some(Ok(Value::Method(Rc::new(BoundMethod { receiver: Value::Type(owner.clone()), func: c.0.clone() }))));
    }
    if let Some(s) = any.downcast_ref::<StaticMethod>() {
        return Some(Ok(s.0.clone()));
    }
    None
}

/// The property's name as CPython's messages show it (`'x' `): the attribute it was set as,
/// else its getter's name.
fn property_name(p: &Property) -> String {
    if let Some(n) = &*p.name.borrow() {
        return format!("'{}' ", n.as_str());
    }
    for f in [&p.fget, &p.fset, &p.fdel] {
        if let Value::Function(f) = f {
            return format!("'{}' ", f.name().as_str());
        }
    }
    String::new()
}

/// `obj.name = value` (or `del obj.name` when `value` is `None`) where the class has a data
/// descriptor `name`: `Some` when `descr` is one.
pub fn set(interp: &mut Interp, descr: &Value, obj: &Value, value: Option<Value>) -> Option<PyResult<()>> {
    if let Value::Instance(_) = descr {
        if !is_data_descriptor(descr) {
            return None;
        }
        let slot = if value.is_some() { "__set__" } else { "__delete__" };
        // A descriptor with only one of the two refuses the other, as CPython's slot does.
        let Some(f) = user_slot(descr, slot) else { return Some(attribute_error(slot)) };
        let mut args = vec![descr.clone(), obj.clone()];
        args.extend(value);
        return Some(interp.call(&f, args, vec![]).map(|_| ()));
    }
    let Value::Native(n) = descr else { return None };
    let p = n.as_any().downcast_ref::<Property>()?;
    let (f, missing) = if value.is_some() { (&p.fset, "setter") } else { (&p.fdel, "deleter") };
    if f.is_none() {
        return Some(attribute_error(format!("property {}of '{}' object has no {missing}", property_name(p), type_name(obj))));
    }
    let f = f.clone();
    let mut args = vec![obj.clone()];
    args.extend(value);
    Some(interp.call(&f, args, vec![]).map(|_| ()))
}

/// Whether `v` is a data descriptor (it takes part in stores, and wins over the instance's
/// `__dict__` on reads): a property, or an object whose class defines `__set__` or
/// `__delete__`.
pub fn is_data_descriptor(v: &Value) -> bool {
    match v {
        Value::Native(n) => n.as_any().is::<Property>(),
        Value::Instance(_) => user_slot(v, "__set__").is_some() || user_slot(v, "__delete__").is_some(),
        _ => false,
    }
}

/// The function a `classmethod` or `staticmethod` wraps, for `:scope` and the teaching views.
pub fn wrapped_function(v: &Value) -> Option<Value> {
    let Value::Native(n) = v else { return None };
    let any = n.as_any();
    any.downcast_ref::<ClassMethod>()
        .map(|c| c.0.clone())
        .or_else(|| any.downcast_ref::<StaticMethod>().map(|s| s.0.clone()))
}
