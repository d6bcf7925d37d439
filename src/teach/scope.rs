//! `:scope EXPR`: a function's symbol table in words. For each name: where it lives (local,
//! cell, free, global, builtin), the line that decided it, and for free variables the cell
//! the function holds right now.

use crate::compile::code::Code;
use crate::compile::line_of;
use crate::runtime::model::typeobj::{type_name, types};
use crate::runtime::model::value::{Function, PyErr, Value};
use crate::scope::{Binding, Scope, ScopeId, ScopeKind, Symbol, SymbolTable};
use crate::session::{Failure, Session};
use crate::syntax::ast::Span;
use std::rc::Rc;
use super::{short_sized, Style};

pub fn explain(session: &mut Session, text: &str, style: &Style) -> Result<Vec<String>, Failure> {
    let text = text.trim();
    let value = session.eval(text)?;
    let f = match &value {
        Value::Function(f) => f.clone(),
        Value::Method(m) => match &m.func {
            Value::Function(f) => f.clone(),
            _ => return Ok(vec![format!("{text} is a built-in method: it has no Python scope")]),
        },
        other => {
            let t = type_name(other);
            return Ok(vec![format!("{text} is {} {t}, not a function: only functions have scopes", super::article(&t))]);
        }
    };
    let code = &f.code;
    let table = &code.symbols;
    let scope = table.get(code.scope_id);
    let mut out = vec![format!(
        "{} {}",
        style.heading(text),
        style.dim(&format!(
            "({}, defined at line {} of {})",
            f.qualname().as_str(),
            code.first_line,
            code.file
        ))
    )];
    if scope.symbols.is_empty() {
        out.push("  it uses no names at all".to_string());
        return Ok(out);
    }
    let mut explainer = Explainer { session, f: &f, code, table, scope, style };
    let width = scope.symbols.iter().map(|s| s.name.chars().count()).max().unwrap_or(0);
    for sym in &scope.symbols {
        let (kind, why) = explainer.symbol(sym);
        // Padded outside the colour codes, which take no columns on the screen.
        let pad = KIND_WIDTH - kind.len();
        out.push(format!("  {:<width$}  {}{:pad$}  {why}", sym.name, style.value(kind), ""));
    }
    Ok(out)
}

/// The longest kind, `builtin`.
const KIND_WIDTH: usize = 7;

struct Explainer<'a> {
    session: &'a mut Session,
    f: &'a Rc<Function>,
    code: &'a Code,
    table: &'a SymbolTable,
    scope: &'a Scope,
    style: &'a Style,
}

impl Explainer<'_> {
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
                if let Some(v) = self.session.globals.get_str(&sym.name) {
                    let now = self.value(&v);
                    ("global", format!("not assigned in {where_}: the module's {} (now {now})", sym.name))
                } else if self.session.interp.builtins.get_str(&sym.name).is_some() {
                    ("builtin", format!("not assigned in {where_}, nor in the module: one of Python's builtins"))
                } else {
                    (
                        "global",
                        format!("not assigned in {where_}: looked up in the module when used, where it is not defined yet"),
                    )
                }
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
        let owner = self.enclosing_binder(&sym.name).unwrap_or_else(|| "an enclosing function".to_string());
        let mut why = if sym.is_declared_nonlocal() {
            let at = sym.directive.map(|s| format!(" at line {}", self.line(s))).unwrap_or_default();
            format!("declared nonlocal{at}: {owner}'s variable")
        } else if sym.implicit {
            let users = self.inner_users(&sym.name);
            format!("not used here, but {} needs {owner}'s variable, so it passes through", users.join(", "))
        } else {
            let at = sym.first_use.map(|s| format!(", read at {}", self.line_ref(s))).unwrap_or_default();
            format!("not assigned here{at}: {owner}'s variable")
        };
        if let Some(i) = self.code.freevars.iter().position(|n| n.as_str() == sym.name) {
            if let Some(cell) = self.f.closure.get(i) {
                let now = match cell.get() {
                    Some(v) => format!("now {}", self.value(&v)),
                    None => "empty".to_string(),
                };
                why.push_str(&format!(", held in cell {} ({now})", self.style.id(cell.serial)));
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
        line_ref(&self.code.source, span)
    }

    fn line(&self, span: Span) -> u32 {
        line_of(&self.code.source, span.start)
    }

    fn enclosing_binder(&self, name: &str) -> Option<String> {
        enclosing_binder(self.table, self.scope, name)
    }

    /// The functions directly inside this one that take `name` from it.
    fn inner_users(&self, name: &str) -> Vec<String> {
        let users: Vec<String> = self
            .scope
            .children
            .iter()
            .map(|&c| self.table.get(c))
            .filter(|c| c.lookup(name).is_some_and(|s| s.binding == Binding::Free))
            .map(|c| c.name.clone())
            .collect();
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
fn line_ref(source: &str, span: Span) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::Mode;

    /// The text as the terminal shows it: colour codes take no columns.
    fn visible(line: &str) -> String {
        let mut out = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|&c| c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn columns_line_up_in_colour() {
        let mut session = Session::new(Box::new(std::io::sink()));
        let source = "total = 0\ndef outer(n):\n    count = 0\n    def inc(step):\n        nonlocal count\n        global total\n        count += step\n        return len(str(count + n + total))\n    return inc\ninc = outer(1)\n";
        if session.run(source, "<test>", Mode::Exec).is_err() {
            panic!("the program failed");
        }
        let Ok(lines) = explain(&mut session, "inc", &Style { color: true }) else { panic!(":scope inc failed") };
        assert!(lines[1].contains('\x1b'), "not coloured: {lines:?}");
        let rows: Vec<String> = lines[1..].iter().map(|l| visible(l)).collect();
        let columns: Vec<(usize, usize)> = rows.iter().map(|r| columns(r)).collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "columns differ: {columns:?} in\n{}", rows.join("\n"));
        let (kind, why) = columns[0];
        let kinds: Vec<&str> = rows.iter().map(|r| r[kind..why].trim_end()).collect();
        for kind in ["local", "free", "global", "builtin"] {
            assert!(kinds.contains(&kind), "no {kind:?} in\n{}", rows.join("\n"));
        }
    }

    /// Where the kind column and the explanation column start on a row of `:scope`.
    fn columns(row: &str) -> (usize, usize) {
        let after_name = 2 + row[2..].find(' ').unwrap_or(0);
        let kind = after_name + row[after_name..].find(|c| c != ' ').unwrap_or(0);
        let after_kind = kind + row[kind..].find(' ').unwrap_or(0);
        let why = after_kind + row[after_kind..].find(|c| c != ' ').unwrap_or(0);
        (kind, why)
    }
}
