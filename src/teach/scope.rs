//! `:scope EXPR`: a function's symbol table in words. For each name: where it lives (local,
//! cell, free, global, builtin), the line that decided it, and for free variables the cell
//! the function holds right now. `:scope outer.inner` explains code defined inside a
//! function the same way, from the symbol table alone, with where its cells would come from.

use crate::compile::line_of;
use crate::runtime::model::typeobj::{type_name, types, TypeObj};
use crate::runtime::model::value::{Function, PyErr, Value};
use crate::scope::{Binding, Scope, ScopeId, ScopeKind, Symbol, SymbolTable};
use crate::session::Session;
use crate::syntax::ast::Span;
use std::rc::Rc;
use super::path::{self, CellSource, Nested, Reached, Unanswered};
use super::{short_sized, Style};

pub fn explain(session: &mut Session, text: &str, style: &Style) -> Result<Vec<String>, Unanswered> {
    let text = text.trim();
    let parts = path::parse(text);
    let value = match &parts {
        Some(parts) => match path::follow(session, parts)? {
            Reached::Value(v) => v,
            Reached::Code(nested) => return Ok(explain_nested(session, &nested, style)),
        },
        None => session.eval(text)?,
    };
    // `Box.area` or `box.area`: the live class the method was read from, whose class
    // attributes the explanation can show.
    let class = match &parts {
        Some(parts) => match session.eval(&parts[..parts.len() - 1].join(".")) {
            Ok(Value::Type(t)) if t.class.is_some() => Some(t),
            Ok(Value::Instance(i)) => Some(i.class.clone()),
            _ => None,
        },
        None => None,
    };
    let Some(f) = path::function_of(&value) else {
        if let Value::Method(_) = value {
            return Ok(vec![format!("{text} is a built-in method: it has no Python scope")]);
        }
        if let Value::Type(t) = &value {
            if let Some(lines) = explain_class(session, text, t, style) {
                return Ok(lines);
            }
            if t.class.is_some() {
                return Ok(vec![format!(
                    "{text} is a class with no function defined in its body: the body ran once and is not kept, so nothing leads back to its scope"
                )]);
            }
        }
        let t = type_name(&value);
        return Ok(vec![format!("{text} is {} {t}, not a function: only functions have scopes", super::article(&t))]);
    };
    let code = &f.code;
    let heading = format!(
        "{} {}",
        style.heading(text),
        style.dim(&format!("({}, defined at line {} of {})", f.qualname().as_str(), code.first_line, code.file))
    );
    let explainer = Explainer {
        session,
        table: &code.symbols,
        id: code.scope_id,
        scope: code.symbols.get(code.scope_id),
        source: &code.source,
        cells: Cells::Closure(&f),
        class,
        style,
    };
    Ok(explainer.lines(heading))
}

/// `:scope outer.inner`: code inside a live function, explained from its symbol table alone,
/// since no function may have been made from it yet.
fn explain_nested(session: &mut Session, nested: &Nested, style: &Style) -> Vec<String> {
    let table = nested.table();
    let code = &nested.anchor.code;
    let mut out = Vec::new();
    for &id in &nested.scopes {
        let scope = table.get(id);
        let what = if scope.kind == ScopeKind::Class { "a class body, " } else { "" };
        let line = line_of(&code.source, scope.span.start);
        let heading = format!(
            "{} {}",
            style.heading(&nested.path),
            style.dim(&format!("({}, {what}defined at line {line} of {})", scope.qualname, code.file))
        );
        let cells = Cells::Code { anchor: &nested.anchor, path: &nested.anchor_path };
        let explainer = Explainer { session: &mut *session, table, id, scope, source: &code.source, cells, class: None, style };
        out.extend(explainer.lines(heading));
    }
    out
}

/// `:scope Box`: the body of a live class. It ran once, when the class statement made the
/// class, and is not kept; its scope is found in the symbol table that a function defined in
/// it carries. A class with no such function has nothing to find it by.
fn explain_class(session: &mut Session, text: &str, t: &Rc<TypeObj>, style: &Style) -> Option<Vec<String>> {
    let class = t.class.as_ref()?;
    let (method, id) = class.dict.items().into_iter().find_map(|(_, v)| {
        let Value::Function(f) = v else { return None };
        let parent = f.code.symbols.get(f.code.scope_id).parent?;
        let body = f.code.symbols.get(parent);
        (body.kind == ScopeKind::Class && body.qualname == class.qualname.as_str()).then_some((f, parent))
    })?;
    let code = &method.code;
    let scope = code.symbols.get(id);
    let line = line_of(&code.source, scope.span.start);
    let heading = format!(
        "{} {}",
        style.heading(text),
        style.dim(&format!("({}, a class body, run once by the class statement at line {line} of {})", scope.qualname, code.file))
    );
    let cells = Cells::Code { anchor: &method, path: text };
    let explainer = Explainer { session, table: &code.symbols, id, scope, source: &code.source, cells, class: Some(t.clone()), style };
    Some(explainer.lines(heading))
}

/// Where the cells of a scope's free variables are to be found.
enum Cells<'a> {
    /// The scope is this live function's: its closure holds them.
    Closure(&'a Function),
    /// The scope exists only as code, defined inside `anchor`, a live function reached by
    /// `path`.
    Code { anchor: &'a Function, path: &'a str },
}

/// The longest kind, `builtin`.
const KIND_WIDTH: usize = 7;

struct Explainer<'a> {
    session: &'a mut Session,
    table: &'a SymbolTable,
    id: ScopeId,
    scope: &'a Scope,
    source: &'a str,
    cells: Cells<'a>,
    /// The live class the function was reached through, if any.
    class: Option<Rc<TypeObj>>,
    style: &'a Style,
}

impl Explainer<'_> {
    fn lines(mut self, heading: String) -> Vec<String> {
        let mut out = vec![heading];
        if self.scope.symbols.is_empty() {
            out.push("  it uses no names at all".to_string());
            return out;
        }
        let scope = self.scope;
        let mut rows: Vec<(&str, &'static str, String)> = scope.symbols.iter().map(|sym| {
            let (kind, why) = self.symbol(sym);
            (sym.name.as_str(), kind, why)
        }).collect();
        // The cell a class statement makes is no name of its body, so the symbol table
        // lists it nowhere: it is said here, since it is what `super()` reads.
        if scope.kind == ScopeKind::Class && scope.needs_class_cell {
            let users = self.inner_users("__class__");
            rows.push((
                "__class__",
                "cell",
                format!(
                    "not a name in the body: the class statement makes this cell for {}, which {} super() or __class__, and puts the class {} in it once it is made",
                    users.join(", "),
                    if users.len() == 1 { "uses" } else { "use" },
                    scope.name
                ),
            ));
        }
        let width = rows.iter().map(|(name, _, _)| name.chars().count()).max().unwrap_or(0);
        for (name, kind, why) in rows {
            // Padded outside the colour codes, which take no columns on the screen.
            let pad = KIND_WIDTH - kind.len();
            out.push(format!("  {:<width$}  {}{:pad$}  {why}", name, self.style.value(kind), ""));
        }
        out
    }

    fn symbol(&mut self, sym: &Symbol) -> (&'static str, String) {
        let scope = self.scope;
        let fname = &scope.name;
        match sym.binding {
            Binding::Local => ("local", self.local(sym)),
            Binding::Cell => {
                let users = self.inner_users(&sym.name);
                let why = if sym.is_param() {
                    "a parameter".to_string()
                } else {
                    self.bound_because(sym)
                };
                (
                    "cell",
                    format!("{why}; kept in a cell because {} {} it", users.join(", "), if users.len() == 1 { "uses" } else { "use" }),
                )
            }
            Binding::Free => ("free", self.free(sym)),
            Binding::GlobalExplicit => {
                let at = sym.directive.map(|s| format!(" at line {}", self.line(s))).unwrap_or_default();
                ("global", format!("declared global{at}: the module's variable"))
            }
            Binding::GlobalImplicit => {
                let name = &sym.name;
                let (kind, module) = if let Some(v) = self.session.globals.get_str(name) {
                    ("global", format!("the module's {name} (now {})", self.value(&v)))
                } else if self.session.interp.builtins.get_str(name).is_some() {
                    ("builtin", "one of Python's builtins".to_string())
                } else {
                    ("global", "looked up in the module when used, where it is not defined yet".to_string())
                };
                if let Some(class) = self.class_binder(name) {
                    // The learner's likely reading: the class body encloses the method as a
                    // function would. It does not, and the class attribute is reached only
                    // through the class or an instance.
                    let now = self.class_attribute(&class, name).map(|v| format!(" (now {})", self.value(&v))).unwrap_or_default();
                    let through_self = match self.scope.params().next() {
                        Some("self") => format!(" or self.{name}"),
                        _ => String::new(),
                    };
                    return (
                        kind,
                        format!(
                            "{name} is a class attribute of {class}{now}, but a class body does not enclose the functions in it, so {name} here is {module}; {class}.{name}{through_self} reads the class attribute"
                        ),
                    );
                }
                let nested = self.scope.parent.is_some_and(|p| self.table.get(p).is_function_like());
                let where_ = if nested { format!("{fname} or around it") } else { fname.clone() };
                let why = match kind {
                    "builtin" => format!("not assigned in {where_}, nor in the module: {module}"),
                    _ => format!("not assigned in {where_}: {module}"),
                };
                (kind, why)
            }
        }
    }

    fn local(&mut self, sym: &Symbol) -> String {
        if sym.is_param() {
            return "a parameter".to_string();
        }
        let mut why = self.bound_because(sym);
        if self.scope.kind == ScopeKind::Class {
            // What the body binds is kept in the class's namespace, not in a frame.
            why.push_str(&format!("; it becomes the class attribute {}.{}", self.scope.name, sym.name));
            return why;
        }
        // The hint is for the classic mistake: a name read before (or by) the assignment
        // that makes it local.
        let read_first = match (sym.first_use, sym.first_bind) {
            (Some(u), Some((b, how))) => u.start <= b.start || how == crate::scope::BindHow::AugmentedAssignment,
            _ => false,
        };
        if !read_first {
            return why;
        }
        if let Some(owner) = self.enclosing_binder(&sym.name) {
            why.push_str(&format!(
                "; it is not {owner}'s `{}`: `nonlocal {}` would make it share {owner}'s cell",
                sym.name, sym.name
            ));
        } else if self.session.globals.get_str(&sym.name).is_some() {
            why.push_str(&format!("; `global {}` would make it the module's variable", sym.name));
        }
        why
    }

    fn free(&mut self, sym: &Symbol) -> String {
        let name = &sym.name;
        let owner = self.enclosing_binder(name).unwrap_or_else(|| "an enclosing function".to_string());
        let class = (name == "__class__").then(|| self.enclosing_class()).flatten();
        let mut why = if let Some(class) = class {
            let here = &self.scope.name;
            if sym.implicit {
                let users = self.inner_users(name);
                format!("not used in {here} itself: {here} carries the __class__ cell of {class} only so that {} can use it", users.join(", "))
            } else {
                // The resolver records `super` as a use of `__class__`: zero-argument
                // `super()` finds its class through this cell.
                let reader = match sym.first_use {
                    Some(s) if self.source.get(s.start as usize..s.end as usize) == Some("super") => format!("which super() reads at {}", self.line_ref(s)),
                    Some(s) => format!("read at {}", self.line_ref(s)),
                    None => "which super() reads".to_string(),
                };
                format!("not assigned here: the implicit cell the class statement fills with {class} once it is made, {reader}")
            }
        } else if sym.is_declared_nonlocal() {
            let at = sym.directive.map(|s| format!(" at line {}", self.line(s))).unwrap_or_default();
            format!("declared nonlocal{at}: {owner}'s variable")
        } else if sym.implicit {
            // CPython lists such a name in the middle function's co_freevars too: the
            // inner function's cell can only come to it through the middle one.
            let here = &self.scope.name;
            let users = self.inner_users(name);
            format!("not used in {here} itself: {here} carries {owner}'s {name} only so that {} can use it", users.join(", "))
        } else {
            let at = sym.first_use.map(|s| format!(", read at {}", self.line_ref(s))).unwrap_or_default();
            format!("not assigned here{at}: {owner}'s variable")
        };
        let source = match self.cells {
            Cells::Closure(f) => f.code.freevars.iter().position(|n| n.as_str() == name).and_then(|i| f.closure.get(i).cloned()).map(|c| (c, None)),
            Cells::Code { anchor, path } => match path::cell_source(self.table, self.id, name, anchor) {
                Some(CellSource::Anchor(cell)) => Some((cell, Some(path))),
                Some(CellSource::EachCallOf(s)) => {
                    let maker = self.table.get(s);
                    if maker.kind == ScopeKind::Class {
                        why.push_str(", in the cell that each run of its class statement makes");
                    } else {
                        why.push_str(&format!(", in the cell that each call of {} makes for it", maker.name));
                    }
                    None
                }
                None => None,
            },
        };
        if let Some((cell, holder)) = source {
            let now = match cell.get() {
                Some(v) => format!("now {}", self.value(&v)),
                None => "empty".to_string(),
            };
            let id = self.style.id(cell.serial);
            match holder {
                Some(holder) => why.push_str(&format!(", from {holder}'s closure: cell {id} ({now})")),
                None => why.push_str(&format!(", held in cell {id} ({now})")),
            }
        }
        why
    }

    /// `it is assigned at line 4: count += 1`.
    fn bound_because(&self, sym: &Symbol) -> String {
        match sym.first_bind {
            Some((span, how)) => format!("{} at {}", how.describe(), self.line_ref(span)),
            None => "bound here".to_string(),
        }
    }

    fn line_ref(&self, span: Span) -> String {
        line_ref(self.source, span)
    }

    fn line(&self, span: Span) -> u32 {
        line_of(self.source, span.start)
    }

    fn enclosing_binder(&self, name: &str) -> Option<String> {
        enclosing_binder(self.table, self.scope, name)
    }

    /// The class around this function whose body binds `name`: the learner may expect the
    /// function to see it, as it would a function's variable.
    fn class_binder(&self, name: &str) -> Option<String> {
        if !self.scope.is_function_like() {
            return None;
        }
        let mut id = self.scope.parent;
        while let Some(p) = id {
            let s = self.table.get(p);
            if s.kind == ScopeKind::Class && s.lookup(name).is_some_and(|sym| sym.first_bind.is_some()) {
                return Some(s.name.clone());
            }
            id = s.parent;
        }
        None
    }

    /// The class whose statement makes the `__class__` cell this scope uses: the nearest
    /// class body around it.
    fn enclosing_class(&self) -> Option<String> {
        let mut id = self.scope.parent;
        while let Some(p) = id {
            let s = self.table.get(p);
            if s.kind == ScopeKind::Class {
                return Some(s.name.clone());
            }
            id = s.parent;
        }
        None
    }

    /// The value of the class attribute `name` of the class called `class`, when the
    /// function was reached through that class (or a subclass, or an instance).
    fn class_attribute(&self, class: &str, name: &str) -> Option<Value> {
        let live = self.class.as_ref()?;
        let mut mro = std::iter::once(live).chain(live.class.as_ref()?.mro_tail.iter());
        let owner = mro.find(|t| t.name == class)?;
        owner.class.as_ref()?.dict.get_str(name)
    }

    /// The functions inside this one that use `name` from it, through any that only carry it.
    fn inner_users(&self, name: &str) -> Vec<String> {
        let users = path::users(self.table, self.id, name);
        if users.is_empty() {
            vec!["an inner function".to_string()]
        } else {
            users
        }
    }

    fn value(&mut self, v: &Value) -> String {
        let text = self.session.interp.repr(v).unwrap_or_else(|_| "<repr failed>".into());
        self.style.value(&short_sized(&text, super::watch::items(v)))
    }
}

/// `line 4 (`count += 1`)`.
pub(super) fn line_ref(source: &str, span: Span) -> String {
    let line = line_of(source, span.start);
    let text = source.lines().nth(line as usize - 1).unwrap_or("").trim();
    format!("line {line} (`{text}`)")
}

/// The nearest enclosing function that binds `name` itself: the one whose cell a `nonlocal`
/// in `scope` would reach.
fn enclosing_binder(table: &SymbolTable, scope: &Scope, name: &str) -> Option<String> {
    let mut id: Option<ScopeId> = scope.parent;
    while let Some(p) = id {
        let s = table.get(p);
        if s.kind == ScopeKind::Module {
            return None;
        }
        if s.is_function_like() && s.lookup(name).is_some() && matches!(s.binding(name), Binding::Local | Binding::Cell) {
            return Some(s.name.clone());
        }
        id = s.parent;
    }
    None
}

/// The teaching note after an UnboundLocalError: which assignment made the name local, and
/// the declaration that would make it the variable the learner meant. The failing function
/// is found again by resolving the source it came from, at the place the error points to.
pub fn unbound_local_hint(err: &PyErr) -> Option<String> {
    if !Rc::ptr_eq(&err.0.typ, &types().unbound_local_error) {
        return None;
    }
    let message = match err.0.args.borrow().items.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return None,
    };
    let name = message.split('\'').nth(1)?.to_string();
    let entry = err.0.traceback.borrow().first().map(|e| (e.source.clone(), e.span, e.func.clone()))?;
    let (source, span, func) = entry;
    let module = crate::syntax::parse_module_here(&source).ok()?;
    let table = crate::scope::resolve(&module).ok()?;
    let scope = table
        .scopes
        .iter()
        .filter(|s| s.is_function_like() && s.name == *func && s.span.start <= span.start && span.end <= s.span.end)
        .min_by_key(|s| s.span.end - s.span.start)?;
    let sym = scope.lookup(&name)?;
    let (bind, how) = sym.first_bind?;
    let because = format!("{} at {}", how.describe(), line_ref(&source, bind));
    let fix = match enclosing_binder(&table, scope, &name) {
        Some(owner) => format!("`nonlocal {name}` in {func} would make it {owner}'s variable"),
        None => format!("`global {name}` in {func} would make it the module's variable"),
    };
    Some(format!("hint: {name} is local to {func} because {because}; {fix}"))
}
