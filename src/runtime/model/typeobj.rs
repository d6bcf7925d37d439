//! Type objects: `int`, `list`, `ValueError`, `collections.deque`, … Each builtin type exists
//! once per thread, so `type(x) is int` is pointer identity.

use crate::runtime::model::dict::Dict;
use crate::runtime::model::gc::GcHeader;
use crate::runtime::model::value::{PyStr, Value};
use std::rc::Rc;

/// Which builtin behaviour a type object stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Function,
    BuiltinFunction,
    Method,
    Cell,
    Code,
    Module,
    Ellipsis,
    NotImplementedType,
    Iterator,
    /// An exception class: `BaseException` and everything under it.
    Exception,
    /// A type that a `Native` object implements.
    Native,
}

pub struct TypeObj {
    pub name: String,
    /// `collections.deque` shows its module in its repr; builtins do not.
    pub module: Option<String>,
    pub base: Option<Rc<TypeObj>>,
    pub kind: TypeKind,
    /// Whether CPython implements the type in C, where its `tp_name`, which error messages
    /// show, includes the module (`'itertools.count' object ...`); a class written in
    /// Python (`random.Random`, a namedtuple) is shown by its bare name.
    pub c_level: bool,
    /// What a class made by a `class` statement or `type(name, bases, ns)` has beyond a
    /// builtin type; `None` for the builtin types and the modules' own.
    pub class: Option<Box<ClassData>>,
}

/// A class made at run time (CPython's heap types). Its `kind` is that of the builtin type
/// its instances are made of (`Object` for a plain class, `List` for a `list` subclass,
/// `Exception` for an exception class), and `base` is its first base.
pub struct ClassData {
    pub qualname: Rc<PyStr>,
    pub module: Value,
    pub bases: Vec<Rc<TypeObj>>,
    /// `__mro__` after the class itself, by C3 linearisation (a class cannot hold itself).
    pub mro_tail: Vec<Rc<TypeObj>>,
    /// The namespace the body filled, which is the class's `__dict__`.
    pub dict: Rc<Dict>,
    pub gc: GcHeader,
    /// Whether attribute access on the instances may go straight to their `__dict__` (no
    /// class along the MRO has a property or its own `__setattr__`, `__delattr__` or
    /// `__getattr__`), and the `class_epoch` that answer holds for.
    pub plain_attributes: std::cell::Cell<(u64, bool)>,
}

thread_local! {
    static CLASS_EPOCH: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// Changes whenever an attribute of any class is set or deleted, which is when answers
/// cached about classes (`ClassData::plain_attributes`) may no longer hold.
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.with(std::cell::Cell::get)
}

pub fn class_changed() {
    CLASS_EPOCH.with(|e| e.set(e.get() + 1));
}

impl TypeObj {
    pub fn new(name: &str, kind: TypeKind, base: Option<Rc<TypeObj>>) -> Rc<TypeObj> {
        Rc::new(TypeObj { name: name.to_string(), module: None, base, kind, c_level: true, class: None })
    }
    /// A type that CPython's `module` implements in C (`itertools.count`).
    pub fn native(module: &str, name: &str) -> Rc<TypeObj> {
        TypeObj::module_type(module, name, types().object.clone(), true)
    }
    /// A type that CPython's `module` defines as a Python class (`random.Random`).
    pub fn native_class(module: &str, name: &str) -> Rc<TypeObj> {
        TypeObj::module_type(module, name, types().object.clone(), false)
    }
    /// A Python class of a module's own whose instances are also instances of the builtin
    /// `base` (a namedtuple class).
    pub fn native_subclass(module: &str, name: &str, base: Rc<TypeObj>) -> Rc<TypeObj> {
        TypeObj::module_type(module, name, base, false)
    }
    fn module_type(module: &str, name: &str, base: Rc<TypeObj>, c_level: bool) -> Rc<TypeObj> {
        Rc::new(TypeObj {
            name: name.to_string(),
            module: Some(module.to_string()),
            base: Some(base),
            kind: TypeKind::Native,
            c_level,
            class: None,
        })
    }
    /// A class made at run time, from its bases (already checked for a consistent MRO).
    pub fn new_class(name: &str, kind: TypeKind, data: ClassData) -> Rc<TypeObj> {
        let base = data.bases.first().cloned().or_else(|| Some(types().object.clone()));
        Rc::new(TypeObj { name: name.to_string(), module: None, base, kind, c_level: false, class: Some(Box::new(data)) })
    }
    pub fn is_class(&self) -> bool {
        self.class.is_some()
    }
    /// `cls.__dict__[name]` for a class made at run time.
    pub fn own(&self, name: &str) -> Option<Value> {
        self.class.as_ref()?.dict.get_str(name)
    }
    /// `lookup` for an interned name, returning only what was found: the hot path of
    /// method calls on instances.
    #[inline]
    pub fn lookup_name(&self, name: &Rc<PyStr>) -> Option<Value> {
        let data = self.class.as_ref()?;
        if let Some(v) = data.dict.get_name(name) {
            return Some(v);
        }
        data.mro_tail.iter().find_map(|t| t.class.as_ref()?.dict.get_name(name))
    }
    /// The first class along the MRO that defines `name` in its namespace, and what it
    /// holds there. Builtin types along the way have no namespace here: what they do is
    /// asked of them directly (`None` means no class written in Python defines it).
    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<(Rc<TypeObj>, Value)> {
        let data = self.class.as_ref()?;
        if let Some(v) = data.dict.get_str(name) {
            return Some((self.clone(), v));
        }
        data.mro_tail.iter().find_map(|t| t.own(name).map(|v| (t.clone(), v)))
    }
    /// `issubclass(self, other)`.
    pub fn is_subtype(self: &Rc<Self>, other: &Rc<TypeObj>) -> bool {
        if let Some(data) = &self.class {
            return Rc::ptr_eq(self, other) || data.mro_tail.iter().any(|t| Rc::ptr_eq(t, other));
        }
        let mut t = Some(self);
        while let Some(ty) = t {
            if Rc::ptr_eq(ty, other) {
                return true;
            }
            t = ty.base.as_ref();
        }
        false
    }
    /// The name error messages show (CPython's `tp_name`): a C type's includes its module.
    pub fn tp_name(&self) -> String {
        if self.c_level {
            self.qualified_name()
        } else {
            self.name.clone()
        }
    }
    pub fn qualified_name(&self) -> String {
        match &self.module {
            Some(m) => format!("{m}.{}", self.name),
            None => self.name.clone(),
        }
    }
    /// The method resolution order, this type first.
    pub fn mro(self: &Rc<Self>) -> Vec<Rc<TypeObj>> {
        if let Some(data) = &self.class {
            return std::iter::once(self.clone()).chain(data.mro_tail.iter().cloned()).collect();
        }
        let mut out = vec![self.clone()];
        while let Some(b) = out.last().unwrap().base.clone() {
            out.push(b);
        }
        out
    }
}

/// C3 linearisation: the MRO of a class with these bases, after the class itself. `Err`
/// holds the bases CPython's error names when no consistent order exists.
pub fn c3_mro_tail(bases: &[Rc<TypeObj>]) -> Result<Vec<Rc<TypeObj>>, Vec<Rc<TypeObj>>> {
    let mut seqs: Vec<Vec<Rc<TypeObj>>> = bases.iter().map(|b| b.mro()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<TypeObj>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let in_tail = |c: &Rc<TypeObj>, seqs: &[Vec<Rc<TypeObj>>]| seqs.iter().any(|s| s[1..].iter().any(|t| Rc::ptr_eq(t, c)));
        let Some(next) = seqs.iter().map(|s| s[0].clone()).find(|c| !in_tail(c, &seqs)) else {
            // CPython names the heads still waiting, in the order of the bases.
            let mut stuck: Vec<Rc<TypeObj>> = Vec::new();
            for s in &seqs {
                if !stuck.iter().any(|t| Rc::ptr_eq(t, &s[0])) {
                    stuck.push(s[0].clone());
                }
            }
            return Err(stuck);
        };
        for s in &mut seqs {
            if Rc::ptr_eq(&s[0], &next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

macro_rules! exception_types {
    ($( $field:ident : $name:literal < $base:literal ),* $(,)?) => {
        /// The builtin types, created once per thread.
        pub struct Types {
            pub object: Rc<TypeObj>,
            pub type_: Rc<TypeObj>,
            pub none: Rc<TypeObj>,
            pub bool_: Rc<TypeObj>,
            pub int: Rc<TypeObj>,
            pub float: Rc<TypeObj>,
            pub str_: Rc<TypeObj>,
            pub list: Rc<TypeObj>,
            pub tuple: Rc<TypeObj>,
            pub dict: Rc<TypeObj>,
            pub set: Rc<TypeObj>,
            pub frozenset: Rc<TypeObj>,
            pub range: Rc<TypeObj>,
            pub function: Rc<TypeObj>,
            pub builtin_function: Rc<TypeObj>,
            pub method: Rc<TypeObj>,
            pub cell: Rc<TypeObj>,
            pub code: Rc<TypeObj>,
            pub module: Rc<TypeObj>,
            pub ellipsis: Rc<TypeObj>,
            pub not_implemented: Rc<TypeObj>,
            pub base_exception: Rc<TypeObj>,
            $( pub $field: Rc<TypeObj>, )*
        }

        impl Types {
            fn new() -> Types {
                let object = TypeObj::new("object", TypeKind::Object, None);
                let o = || Some(object.clone());
                let int = TypeObj::new("int", TypeKind::Int, o());
                let base_exception = TypeObj::new("BaseException", TypeKind::Exception, o());
                let mut made: Vec<Rc<TypeObj>> = vec![base_exception.clone()];
                $(
                    let base = made.iter().find(|t| t.name == $base).cloned();
                    let $field = TypeObj::new($name, TypeKind::Exception, base);
                    made.push($field.clone());
                )*
                Types {
                    type_: TypeObj::new("type", TypeKind::Type, o()),
                    none: TypeObj::new("NoneType", TypeKind::NoneType, o()),
                    bool_: TypeObj::new("bool", TypeKind::Bool, Some(int.clone())),
                    float: TypeObj::new("float", TypeKind::Float, o()),
                    str_: TypeObj::new("str", TypeKind::Str, o()),
                    list: TypeObj::new("list", TypeKind::List, o()),
                    tuple: TypeObj::new("tuple", TypeKind::Tuple, o()),
                    dict: TypeObj::new("dict", TypeKind::Dict, o()),
                    set: TypeObj::new("set", TypeKind::Set, o()),
                    frozenset: TypeObj::new("frozenset", TypeKind::FrozenSet, o()),
                    range: TypeObj::new("range", TypeKind::Range, o()),
                    function: TypeObj::new("function", TypeKind::Function, o()),
                    builtin_function: TypeObj::new("builtin_function_or_method", TypeKind::BuiltinFunction, o()),
                    method: TypeObj::new("method", TypeKind::Method, o()),
                    cell: TypeObj::new("cell", TypeKind::Cell, o()),
                    code: TypeObj::new("code", TypeKind::Code, o()),
                    module: TypeObj::new("module", TypeKind::Module, o()),
                    ellipsis: TypeObj::new("ellipsis", TypeKind::Ellipsis, o()),
                    not_implemented: TypeObj::new("NotImplementedType", TypeKind::NotImplementedType, o()),
                    int,
                    base_exception,
                    object,
                    $( $field, )*
                }
            }

            /// The exception classes, for the builtins namespace.
            pub fn exception_classes(&self) -> Vec<Rc<TypeObj>> {
                vec![self.base_exception.clone(), $( self.$field.clone(), )*]
            }
        }
    };
}

exception_types! {
    exception: "Exception" < "BaseException",
    keyboard_interrupt: "KeyboardInterrupt" < "BaseException",
    system_exit: "SystemExit" < "BaseException",
    generator_exit: "GeneratorExit" < "BaseException",
    arithmetic_error: "ArithmeticError" < "Exception",
    zero_division_error: "ZeroDivisionError" < "ArithmeticError",
    overflow_error: "OverflowError" < "ArithmeticError",
    lookup_error: "LookupError" < "Exception",
    key_error: "KeyError" < "LookupError",
    index_error: "IndexError" < "LookupError",
    value_error: "ValueError" < "Exception",
    unicode_error: "UnicodeError" < "ValueError",
    type_error: "TypeError" < "Exception",
    name_error: "NameError" < "Exception",
    unbound_local_error: "UnboundLocalError" < "NameError",
    attribute_error: "AttributeError" < "Exception",
    runtime_error: "RuntimeError" < "Exception",
    recursion_error: "RecursionError" < "RuntimeError",
    not_implemented_error: "NotImplementedError" < "RuntimeError",
    assertion_error: "AssertionError" < "Exception",
    stop_iteration: "StopIteration" < "Exception",
    import_error: "ImportError" < "Exception",
    module_not_found_error: "ModuleNotFoundError" < "ImportError",
    memory_error: "MemoryError" < "Exception",
    syntax_error: "SyntaxError" < "Exception",
    indentation_error: "IndentationError" < "SyntaxError",
    tab_error: "TabError" < "IndentationError",
    os_error: "OSError" < "Exception",
    timeout_error: "TimeoutError" < "OSError",
    eof_error: "EOFError" < "Exception",
    connection_error: "ConnectionError" < "OSError",
    broken_pipe_error: "BrokenPipeError" < "ConnectionError",
    connection_aborted_error: "ConnectionAbortedError" < "ConnectionError",
    connection_refused_error: "ConnectionRefusedError" < "ConnectionError",
    connection_reset_error: "ConnectionResetError" < "ConnectionError",
    blocking_io_error: "BlockingIOError" < "OSError",
    child_process_error: "ChildProcessError" < "OSError",
    file_exists_error: "FileExistsError" < "OSError",
    file_not_found_error: "FileNotFoundError" < "OSError",
    interrupted_error: "InterruptedError" < "OSError",
    is_a_directory_error: "IsADirectoryError" < "OSError",
    not_a_directory_error: "NotADirectoryError" < "OSError",
    permission_error: "PermissionError" < "OSError",
    process_lookup_error: "ProcessLookupError" < "OSError",
    stop_async_iteration: "StopAsyncIteration" < "Exception",
    buffer_error: "BufferError" < "Exception",
    floating_point_error: "FloatingPointError" < "ArithmeticError",
    reference_error: "ReferenceError" < "Exception",
    system_error: "SystemError" < "Exception",
    warning: "Warning" < "Exception",
    user_warning: "UserWarning" < "Warning",
    deprecation_warning: "DeprecationWarning" < "Warning",
    pending_deprecation_warning: "PendingDeprecationWarning" < "Warning",
    syntax_warning: "SyntaxWarning" < "Warning",
    runtime_warning: "RuntimeWarning" < "Warning",
    future_warning: "FutureWarning" < "Warning",
    import_warning: "ImportWarning" < "Warning",
    unicode_warning: "UnicodeWarning" < "Warning",
    resource_warning: "ResourceWarning" < "Warning",
}

thread_local! {
    static TYPES: &'static Types = Box::leak(Box::new(Types::new()));
}

/// The builtin types of this thread. They live as long as the thread: the interpreter holds
/// them from every value, so they are never freed early.
pub fn types() -> &'static Types {
    TYPES.with(|t| *t)
}

/// `type(v)`.
pub fn type_of(v: &Value) -> Rc<TypeObj> {
    let t = types();
    match v {
        Value::None => t.none.clone(),
        Value::Bool(_) => t.bool_.clone(),
        Value::Int(_) | Value::BigInt(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Str(_) => t.str_.clone(),
        Value::List(_) => t.list.clone(),
        Value::Tuple(tuple) => tuple.class.as_ref().map_or_else(|| t.tuple.clone(), |c| c.typ.clone()),
        Value::Dict(_) => t.dict.clone(),
        Value::Set(_) => t.set.clone(),
        Value::FrozenSet(_) => t.frozenset.clone(),
        Value::Range(_) => t.range.clone(),
        Value::Function(_) => t.function.clone(),
        Value::Builtin(_) => t.builtin_function.clone(),
        Value::Method(_) => t.method.clone(),
        Value::Cell(_) => t.cell.clone(),
        Value::Code(_) => t.code.clone(),
        Value::Module(_) => t.module.clone(),
        Value::Type(_) => t.type_.clone(),
        Value::Exception(e) => e.typ.clone(),
        Value::Iter(it) => it.borrow().type_obj(),
        Value::Native(n) => n.type_obj(),
        Value::Instance(i) => i.class.clone(),
        Value::Ellipsis => t.ellipsis.clone(),
        Value::NotImplemented => t.not_implemented.clone(),
    }
}

/// The name of `type(v)` that error messages show (CPython's `Py_TYPE(v)->tp_name`:
/// `int`, `itertools.count`), without building anything for the common types.
pub fn type_name(v: &Value) -> String {
    match v {
        Value::None => "NoneType".into(),
        Value::Bool(_) => "bool".into(),
        Value::Int(_) | Value::BigInt(_) => "int".into(),
        Value::Float(_) => "float".into(),
        Value::Str(_) => "str".into(),
        Value::List(_) => "list".into(),
        Value::Tuple(t) if t.class.is_none() => "tuple".into(),
        Value::Dict(_) => "dict".into(),
        Value::Function(_) => "function".into(),
        _ => type_of(v).tp_name(),
    }
}
