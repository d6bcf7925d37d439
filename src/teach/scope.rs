//! `:scope EXPR`: a function's symbol table in words. For each name: where it lives (local,
//! cell, free, global, builtin), the line that decided it, and for free variables the cell
//! the function holds right now. `:scope outer.inner` explains code defined inside a
//! function the same way, from the symbol table alone, with where its cells would come from.

use crate::compile::line_of;
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::model::value::{Function, PyErr, Value};
use crate::scope::{Binding, Scope, ScopeId, ScopeKind, Symbol, SymbolTable};
use crate::session::Session;
use crate::syntax::ast::Span;
use std::rc::Rc;
use super::path::{self, CellSource, Nested, Reached, Unanswered};
use super::{short_sized, Style};

pub fn explain(session: &mut Session, text: &str, style: &Style) -> Result<Vec<String>, Unanswered> {
    let text = text.trim();
    let value = match path::parse(text) {
        Some(parts) => match path::follow(session, &parts)? {
            Reached::Value(v) => v,
            Reached::Code(nested) => return Ok(explain_nested(session, &nested, style)),
        },
        None => session.eval(text)?,
    };
    let Some(f) = path::function_of(&value) else {
        if let Value::Method(_) = value {
            return Ok(vec![format!("{text} is a built-in method: it has no Python scope")]);
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
        let explainer = Explainer { session: &mut *session, table, id, scope, source: &code.source, cells, style };
        out.extend(explainer.lines(heading));
    }
    out
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
        let width = scope.symbols.iter().map(|s| s.name.chars().count()).max().unwrap_or(0);
        for sym in &scope.symbols {
            let (kind, why) = self.symbol(sym);
            // Padded outside the colour codes, which take no columns on the screen.
            let pad = KIND_WIDTH - kind.len();
            out.push(format!("  {:<width$}  {}{:pad$}  {why}", sym.name, self.style.value(kind), ""));
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
                let nested = self.scope.parent.is_some_and(|p| self.table.get(p).is_function_like());
                let where_ = if nested { format!("{fname} or around it") } else { fname.clone() };
                let (kind, mut why) = if let Some(v) = self.session.globals.get_str(&sym.name) {
                    let now = self.value(&v);
                    ("global", format!("not assigned in {where_}: the module's {} (now {now})", sym.name))
                } else if self.session.interp.builtins.get_str(&sym.name).is_some() {
                    ("builtin", format!("not assigned in {where_}, nor in the module: one of Python's builtins"))
                } else {
                    (
                        "global",
                        format!("not assigned in {where_}: looked up in the module when used, where it is not defined yet"),
                    )
                };
                if let Some(class) = self.class_binder(&sym.name) {
                    why.push_str(&format!(
                        "; {class}'s {} is a class attribute, which functions in the class body do not see by name",
                        sym.name
                    ));
                }
                (kind, why)
            }
        }
    }

    fn local(&mut self, sym: &Symbol) -> String {
        if sym.is_param() {
            return "a parameter".to_string();
        }
        let mut why = self.bound_because(sym);
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
        let mut why = if sym.is_declared_nonlocal() {
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
                    why.push_str(&format!(", in the cell that each call of {} makes for it", self.table.get(s).name));
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
    fn class_binder(&self, name: &str) -> Option<&str> {
        if !self.scope.is_function_like() {
            return None;
        }
        let mut id = self.scope.parent;
        while let Some(p) = id {
            let s = self.table.get(p);
            if s.kind == ScopeKind::Class && s.lookup(name).is_some_and(|sym| sym.first_bind.is_some()) {
                return Some(&s.name);
            }
            id = s.parent;
        }
        None
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
