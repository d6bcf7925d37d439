//! Name paths for `:scope` and `:cells`: `outer.inner.deep` goes on past the last live
//! function into the code defined inside it, found in the symbol table that travels with the
//! function's code, so that a nested function can be explained before any call has made it.

use crate::runtime::model::typeobj::types;
use crate::runtime::model::value::{CellObj, Function, PyErr, Value};
use crate::scope::{Binding, ScopeId, ScopeKind, SymbolTable};
use crate::session::{Failure, Session};
use std::rc::Rc;

/// Why a view could not answer.
pub enum Unanswered {
    /// Evaluating the expression, or a live part of a name path, failed.
    Failed(Failure),
    /// A part of a name path names nothing defined where the path looked.
    NotFound(String),
}

impl From<Failure> for Unanswered {
    fn from(f: Failure) -> Unanswered {
        Unanswered::Failed(f)
    }
}

/// The parts of a dotted name (`outer.inner`), or `None` for any other expression.
pub fn parse(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.trim().split('.').map(str::trim).collect();
    let identifier = |p: &&str| {
        p.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic()) && p.chars().all(|c| c == '_' || c.is_alphanumeric())
    };
    (parts.len() > 1 && parts.iter().all(identifier)).then_some(parts)
}

/// Where a name path led.
pub enum Reached {
    /// A value: every part was a variable or an attribute, as the expression means in Python.
    Value(Value),
    /// Code defined inside a live function.
    Code(Nested),
}

/// Scopes defined inside `anchor`, the last live function on the path. A name defined twice
/// (in two branches of an `if`) reaches both.
pub struct Nested {
    pub path: String,
    pub anchor: Rc<Function>,
    /// The path to the anchor, as typed (`f` in `f.inner`).
    pub anchor_path: String,
    pub scopes: Vec<ScopeId>,
}

impl Nested {
    pub fn table(&self) -> &SymbolTable {
        &self.anchor.code.symbols
    }
}

/// Follows `parts` from the session's variables. Each part is first what Python makes of
/// it (a variable, then attributes), so `fib.__wrapped__` keeps its meaning; where a
/// function has no such attribute, the rest of the path names functions and classes
/// defined inside it.
pub fn follow(session: &mut Session, parts: &[&str]) -> Result<Reached, Unanswered> {
    let mut value = session.eval(parts[0])?;
    for i in 1..parts.len() {
        match session.eval(&parts[..=i].join(".")) {
            Ok(v) => value = v,
            Err(Failure::Exception(e)) if is_attribute_error(&e) => {
                let Some(anchor) = function_of(&value) else { return Err(Failure::Exception(e).into()) };
                let anchor_path = parts[..i].join(".");
                let described = if anchor.code.name.as_str() == parts[i - 1] {
                    anchor_path.clone()
                } else {
                    format!("{anchor_path} ({})", anchor.code.qualname.as_str())
                };
                let scopes = find(&anchor.code.symbols, anchor.code.scope_id, &parts[i..], &described).map_err(|mut message| {
                    // A decorated function is usually the decorator's wrapper: what the
                    // learner wrote is inside the function it wraps.
                    if anchor.dict().is_some_and(|d| matches!(d.get_str("__wrapped__"), Some(Value::Function(_)))) {
                        let rest = parts[i..].join(".");
                        message.push_str(&format!("; {anchor_path}.__wrapped__.{rest} looks inside the function it wraps"));
                    }
                    Unanswered::NotFound(message)
                })?;
                return Ok(Reached::Code(Nested { path: parts.join("."), anchor, anchor_path, scopes }));
            }
            Err(f) => return Err(f.into()),
        }
    }
    Ok(Reached::Value(value))
}

fn is_attribute_error(e: &PyErr) -> bool {
    Rc::ptr_eq(&e.0.typ, &types().attribute_error)
}

/// The Python function a value is, or calls (a bound method's).
pub fn function_of(value: &Value) -> Option<Rc<Function>> {
    match value {
        Value::Function(f) => Some(f.clone()),
        Value::Method(m) => match &m.func {
            Value::Function(f) => Some(f.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The scopes that `parts` name, going down from `start` through the functions and classes
/// defined in each; `described` is how to name `start` in the message when a part is missing.
pub fn find(table: &SymbolTable, start: ScopeId, parts: &[&str], described: &str) -> Result<Vec<ScopeId>, String> {
    let mut current = vec![start];
    let mut path = described.to_string();
    for part in parts {
        let next: Vec<ScopeId> = current.iter().flat_map(|&s| named_children(table, s)).filter(|&c| table.get(c).name == *part).collect();
        if next.is_empty() {
            return Err(not_found(table, &current, &path, part));
        }
        path = format!("{path}.{part}");
        current = next;
    }
    Ok(current)
}

/// The functions and classes defined directly in a scope: lambdas and comprehensions have
/// no name a path could use.
fn named_children(table: &SymbolTable, id: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
    table.get(id).children.iter().copied().filter(|&c| matches!(table.get(c).kind, ScopeKind::Function | ScopeKind::Class))
}

fn not_found(table: &SymbolTable, scopes: &[ScopeId], path: &str, part: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for &s in scopes {
        for c in named_children(table, s) {
            let name = table.get(c).name.as_str();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let is_variable = scopes.iter().any(|&s| table.get(s).lookup(part).is_some_and(|sym| sym.first_bind.is_some()));
    let what = if is_variable {
        format!("{part} is a variable of {path}, not a function or class defined in it")
    } else {
        format!("nothing named {part} is defined inside {path}")
    };
    if names.is_empty() {
        format!("{what}; no function or class is defined in it")
    } else {
        format!("{what}; defined in it: {}", names.join(", "))
    }
}

/// Where a free variable of code inside the anchor would get its cell.
pub enum CellSource {
    /// Each call of this enclosing scope makes a new cell for the variable (for a class
    /// body, each run of its class statement makes the `__class__` cell).
    EachCallOf(ScopeId),
    /// A live cell that the anchor holds in its closure: every function made from the code
    /// inside it gets this very cell.
    Anchor(Rc<CellObj>),
}

/// The source of the cell for `name`, free in `scope`: the nearest enclosing function that
/// keeps it in a cell of its own, unless the search reaches `anchor`, whose closure already
/// holds it. Class bodies are passed over, as they never enclose the functions in them, but
/// for the one cell a class statement makes: `__class__`.
pub fn cell_source(table: &SymbolTable, scope: ScopeId, name: &str, anchor: &Function) -> Option<CellSource> {
    let mut id = table.get(scope).parent;
    while let Some(s) = id {
        let enclosing = table.get(s);
        if enclosing.kind == ScopeKind::Class && name == "__class__" && enclosing.needs_class_cell {
            return Some(CellSource::EachCallOf(s));
        }
        if enclosing.kind != ScopeKind::Class {
            if enclosing.binding(name) == Binding::Cell {
                return Some(CellSource::EachCallOf(s));
            }
            if anchor.code.scope_id == s {
                let i = anchor.code.freevars.iter().position(|n| n.as_str() == name)?;
                return anchor.closure.get(i).cloned().map(CellSource::Anchor);
            }
        }
        id = enclosing.parent;
    }
    None
}

/// The scopes below `scope` that use `name` themselves, as paths from `scope`
/// (`inner`, `mid.inner`): a scope that only carries the name is looked through.
pub fn users(table: &SymbolTable, scope: ScopeId, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for &c in &table.get(scope).children {
        let child = table.get(c);
        match child.lookup(name) {
            Some(sym) if sym.binding == Binding::Free && sym.implicit => {
                out.extend(users(table, c, name).into_iter().map(|u| format!("{}.{u}", child.name)));
            }
            Some(sym) if sym.binding == Binding::Free => out.push(child.name.clone()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> SymbolTable {
        crate::scope::resolve(&crate::syntax::parse_module(src).unwrap()).unwrap()
    }

    #[test]
    fn dotted_names_are_paths_and_other_expressions_are_not() {
        assert_eq!(parse("outer.inner"), Some(vec!["outer", "inner"]));
        assert_eq!(parse(" a . b.c "), Some(vec!["a", "b", "c"]));
        for text in ["outer", "funcs[0].inner", "f().g", "a..b", "a.1b", "a.b()"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn paths_go_through_functions_and_class_bodies() {
        let t = table(
            "class Counter:\n    def bump(self):\n        def log():\n            return self\n        return log\n\
             def outer():\n    x = 1\n    def mid():\n        def inner():\n            return x\n        return inner\n    return mid\n",
        );
        let qualnames = |ids: Vec<ScopeId>| ids.iter().map(|&i| t.get(i).qualname.clone()).collect::<Vec<_>>();
        let found = find(&t, SymbolTable::MODULE, &["Counter", "bump", "log"], "<module>").unwrap();
        assert_eq!(qualnames(found), ["Counter.bump.<locals>.log"]);
        let found = find(&t, SymbolTable::MODULE, &["outer", "mid", "inner"], "<module>").unwrap();
        assert_eq!(qualnames(found), ["outer.<locals>.mid.<locals>.inner"]);
        let outer = find(&t, SymbolTable::MODULE, &["outer"], "<module>").unwrap()[0];
        assert_eq!(users(&t, outer, "x"), ["mid.inner"]);
    }

    #[test]
    fn a_method_that_calls_super_uses_the_class_cell() {
        let t = table("def make():\n    class Child:\n        def hello(self):\n            return super().hello()\n    return Child\n");
        let child = find(&t, SymbolTable::MODULE, &["make", "Child"], "<module>").unwrap()[0];
        assert!(t.get(child).needs_class_cell);
        assert_eq!(users(&t, child, "__class__"), ["hello"]);
    }

    #[test]
    fn a_missing_part_says_where_and_what_is_there() {
        let t = table("def outer():\n    x = 1\n    def a(): pass\n    class B: pass\n    f = lambda: x\n    if x:\n        def a(): pass\n");
        let err = |parts: &[&str]| find(&t, SymbolTable::MODULE, parts, "<module>").unwrap_err();
        assert_eq!(err(&["outer", "deep"]), "nothing named deep is defined inside <module>.outer; defined in it: a, B");
        assert_eq!(err(&["outer", "x"]), "x is a variable of <module>.outer, not a function or class defined in it; defined in it: a, B");
        assert_eq!(err(&["outer", "B", "m"]), "nothing named m is defined inside <module>.outer.B; no function or class is defined in it");
        assert_eq!(find(&t, SymbolTable::MODULE, &["outer", "a"], "<module>").unwrap().len(), 2);
    }
}
