//! `:cells` (every live cell), `:cells EXPR` (the closures of the functions a value holds)
//! and `:env` (the session's variables).

use crate::runtime::model::typeobj::{type_name, TypeObj};
use crate::runtime::model::dict::Dict;
use crate::runtime::model::generator::Generator;
use crate::runtime::model::value::{Function, Value};
use crate::runtime::types::descriptors::{ClassMethod, StaticMethod};
use crate::scope::ScopeKind;
use crate::session::Session;
use std::rc::Rc;
use super::path::{self, CellSource, Nested, Reached, Unanswered};
use super::watch::{cell_and_value, holders_text, items, Snapshot};
use super::{scope, short, short_sized, walk, Style};

/// `:cells`: every live cell, oldest first.
pub fn all(session: &mut Session, style: &Style) -> Vec<String> {
    let snap = Snapshot::take(session);
    if snap.cells.is_empty() {
        return vec![style.dim("no live cells")];
    }
    snap.cells.iter().map(|c| format!("{}, {}", cell_and_value(c, style), holders_text(&c.holders))).collect()
}

/// `:cells EXPR`: the closure of each function in the value, with the cells that several of
/// them share called out, since a shared cell is what late binding is. A name path can go on
/// into code defined inside a function (`:cells outer.inner`).
pub fn of(session: &mut Session, text: &str, style: &Style) -> Result<Vec<String>, Unanswered> {
    let text = text.trim();
    let value = match path::parse(text) {
        Some(parts) => match path::follow(session, &parts)? {
            Reached::Value(v) => v,
            Reached::Code(nested) => return Ok(of_code(session, &nested, style)),
        },
        None => session.eval(text)?,
    };
    if let Value::Native(n) = &value {
        if let Some(g) = n.as_any().downcast_ref::<Generator>() {
            return Ok(generator_frame(session, text, g, style));
        }
    }
    let funcs = functions_in(session, text, &value);
    if funcs.is_empty() {
        if let Value::Cell(c) = &value {
            let contents = match c.get() {
                Some(v) => format!("= {}", style.value(&short(&repr(session, &v)))),
                None => "(empty)".to_string(),
            };
            return Ok(vec![format!("{text} is cell {} {} {contents}", style.id(c.serial), c.name.as_str())]);
        }
        return Ok(vec![format!(
            "{text} is {} {}, not a function: it has no closure",
            super::article(&type_name(&value)),
            type_name(&value)
        )]);
    }
    Ok(closures(session, &funcs, style))
}

/// `:cells gen`: a generator's frame, which lives between `next()` calls: its variables, and
/// the cells among them that closures share.
fn generator_frame(session: &mut Session, text: &str, g: &Generator, style: &Style) -> Vec<String> {
    let code = &g.frame.code;
    let mut out = vec![format!("{text} {}", style.dim(&format!("(generator {}, {})", g.qualname.borrow().as_str(), g.where_text())))];
    if g.is_closed() || g.is_running() {
        out.push("  its frame is gone: it holds no variables".to_string());
        return out;
    }
    let cell_names: Vec<_> = code.cellvars.iter().chain(&code.freevars).collect();
    let width = code.varnames.iter().chain(cell_names.iter().copied()).map(|n| n.chars().count()).max().unwrap_or(0);
    for (name, v) in code.varnames.iter().zip(g.frame.locals_now()) {
        if let Some(v) = v {
            let text = style.value(&short_sized(&repr(session, &v), items(&v)));
            out.push(format!("  {:<width$} = {text}", name.as_str()));
        }
    }
    for (name, cell) in cell_names.into_iter().zip(&g.frame.cells) {
        let contents = match cell.get() {
            Some(v) => format!("= {}", style.value(&short_sized(&repr(session, &v), items(&v)))),
            None => "(empty)".to_string(),
        };
        out.push(format!("  {:<width$} → cell {} {contents}", name.as_str(), style.id(cell.serial)));
    }
    if g.frame.cells.is_empty() {
        out.push("  no cells: no closure shares its variables".to_string());
    }
    out
}

/// The closures of the listed functions, and which cells they share. A function listed
/// twice (`[a, a]`) is one function: it is shown once, under its first path, and shares
/// nothing with itself.
fn closures(session: &mut Session, funcs: &[(String, Rc<Function>)], style: &Style) -> Vec<String> {
    let mut unique: Vec<(String, Rc<Function>)> = Vec::new();
    let mut others: Vec<Vec<&str>> = Vec::new();
    for (path, f) in funcs {
        match unique.iter().position(|(_, g)| Rc::ptr_eq(f, g)) {
            Some(i) => others[i].push(path),
            None => {
                unique.push((path.clone(), f.clone()));
                others.push(Vec::new());
            }
        }
    }
    let funcs = &unique[..];
    let mut out = Vec::new();
    for ((path, f), others) in funcs.iter().zip(&others) {
        let also = if others.is_empty() { String::new() } else { format!(", also {}", others.join(", ")) };
        out.push(format!("{path} {}", style.dim(&format!("({}{also})", f.qualname().as_str()))));
        let width = f.code.freevars.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for (name, cell) in f.code.freevars.iter().zip(f.closure.iter()) {
            let contents = match cell.get() {
                Some(v) => format!("= {}", style.value(&short_sized(&repr(session, &v), items(&v)))),
                None => "(empty)".to_string(),
            };
            out.push(format!("  {:<width$} → cell {} {contents}", name.as_str(), style.id(cell.serial)));
        }
        let defaults = defaults_text(session, f);
        match (f.closure.is_empty(), defaults) {
            (true, Some(d)) => out.push(format!("  no cells; defaults, evaluated when it was made: {d}")),
            (true, None) => out.push("  no cells".to_string()),
            (false, Some(d)) => out.push(format!("  defaults, evaluated when it was made: {d}")),
            (false, None) => {}
        }
    }
    if funcs.len() > 1 {
        out.extend(sharing(session, funcs, style));
    }
    out
}

/// `:cells outer.inner`: the functions made from that code if any is reachable; otherwise
/// the cells such a function would get, and where each would come from, since none exists.
fn of_code(session: &mut Session, nested: &Nested, style: &Style) -> Vec<String> {
    let table = nested.table();
    let made: Vec<(String, Rc<Function>)> = walk::functions(session, &|f| {
        Rc::ptr_eq(&f.code.symbols, &nested.anchor.code.symbols) && nested.scopes.contains(&f.code.scope_id)
    });
    let mut out = Vec::new();
    for &id in &nested.scopes {
        let scope = table.get(id);
        let parent = match scope.parent.map(|p| table.get(p)) {
            Some(p) if p.kind == ScopeKind::Class => format!("the body of class {}", p.name),
            Some(p) => p.name.clone(),
            None => "the module".to_string(),
        };
        let heading = format!("{} {}", style.heading(&nested.path), style.dim(&format!("({})", scope.qualname)));
        let mine: Vec<(String, Rc<Function>)> = made.iter().filter(|(_, f)| f.code.scope_id == id).cloned().collect();
        if !mine.is_empty() {
            out.push(format!("{heading} is code in {parent}; the functions made from it that are reachable now:"));
            out.extend(closures(session, &mine, style));
            continue;
        }
        let at = scope::line_ref(&nested.anchor.code.source, scope.span);
        // A class body runs once per class statement and is not kept as a function: only
        // the functions defined in it can hold its cells afterwards, and the one cell it
        // makes itself, `__class__`, is for them.
        let class_cell = scope.kind == ScopeKind::Class && scope.needs_class_cell;
        let (what, held, runs, gets) = if scope.kind == ScopeKind::Class {
            let held = if class_cell {
                "once it has run, only its methods hold a cell it made, __class__"
            } else {
                "nothing holds cells for it once it has run"
            };
            ("is a class body", held, format!("{at} runs it each time {parent} runs"), "with these cells")
        } else {
            (
                "is code",
                "no function made from it is reachable, so it holds no cells",
                format!("{at} makes one each time {parent} runs it"),
                "which would get",
            )
        };
        out.push(format!("{heading} {what} in {parent}: {held}"));
        let class_cell_line = class_cell.then(|| {
            let users = path::users(table, id, "__class__");
            format!(
                "  each run makes a new __class__ cell for {}, fills it with the class once it is made, and super() reads it there",
                users.join(", ")
            )
        });
        if scope.freevars.is_empty() {
            let nothing = if class_cell { "" } else { ", so it would have no cells" };
            out.push(format!("  {runs}; it closes over nothing{nothing}"));
            out.extend(class_cell_line);
            continue;
        }
        out.push(format!("  {runs}, {gets}:"));
        let width = scope.freevars.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for name in &scope.freevars {
            let from = match path::cell_source(table, id, name, &nested.anchor) {
                Some(CellSource::Anchor(cell)) => {
                    let contents = match cell.get() {
                        Some(v) => format!("= {}", style.value(&short_sized(&repr(session, &v), items(&v)))),
                        None => "(empty)".to_string(),
                    };
                    format!("cell {} {contents}, from {}'s closure", style.id(cell.serial), nested.anchor_path)
                }
                Some(CellSource::EachCallOf(s)) if table.get(s).kind == ScopeKind::Class => {
                    format!("the cell class {}'s statement makes and fills with the class, a new one each time it runs", table.get(s).name)
                }
                Some(CellSource::EachCallOf(s)) => {
                    let owner = &table.get(s).name;
                    format!("a cell for {owner}'s {name}, a new one in each call of {owner}")
                }
                None => "a cell from an enclosing function".to_string(),
            };
            out.push(format!("  {name:<width$} → {from}"));
        }
        out.extend(class_cell_line);
    }
    out
}

/// The functions in `value` with the path to each: the value itself, the items of a list,
/// tuple or dict, or the functions an instance or class offers as attributes.
fn functions_in(session: &mut Session, text: &str, value: &Value) -> Vec<(String, Rc<Function>)> {
    let items: Vec<(String, Value)> = match value {
        Value::Instance(i) => attribute_functions(text, Some(&i.dict), &i.class),
        Value::Type(t) if t.class.is_some() => attribute_functions(text, None, t),
        Value::Function(f) => return vec![(text.to_string(), f.clone())],
        Value::Method(m) => match &m.func {
            Value::Function(f) => return vec![(text.to_string(), f.clone())],
            _ => return Vec::new(),
        },
        Value::List(l) => l.snapshot().into_iter().enumerate().map(|(i, v)| (format!("{text}[{i}]"), v)).collect(),
        Value::Tuple(t) => t.items.iter().enumerate().map(|(i, v)| (format!("{text}[{i}]"), v.clone())).collect(),
        Value::Dict(d) => d.items().into_iter().map(|(k, v)| (format!("{text}[{}]", repr(session, &k)), v)).collect(),
        _ => return Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|(p, v)| match v {
            Value::Function(f) => Some((p, f)),
            _ => None,
        })
        .collect()
}

/// What `text.name` reaches for each name: the instance's own attributes (`own`), then what
/// the class and its bases define, the first definition along the MRO winning as it does in
/// an attribute lookup. A classmethod or staticmethod stands for the function it wraps.
fn attribute_functions(text: &str, own: Option<&Rc<Dict>>, class: &Rc<TypeObj>) -> Vec<(String, Value)> {
    let mut names: hashbrown::HashSet<String> = hashbrown::HashSet::new();
    let mut out = Vec::new();
    let mut add = |k: Value, v: Value| {
        let Value::Str(k) = k else { return };
        if !names.insert(k.to_string()) {
            return;
        }
        let v = match &v {
            Value::Native(n) => match (n.as_any().downcast_ref::<ClassMethod>(), n.as_any().downcast_ref::<StaticMethod>()) {
                (Some(ClassMethod(f)), _) | (_, Some(StaticMethod(f))) => f.clone(),
                _ => v,
            },
            _ => v,
        };
        out.push((format!("{text}.{}", k.as_str()), v));
    };
    if let Some(d) = own {
        for (k, v) in d.items() {
            add(k, v);
        }
    }
    let tail = class.class.as_ref().map_or(&[][..], |c| &c.mro_tail[..]);
    for t in std::iter::once(class).chain(tail) {
        if let Some(c) = &t.class {
            for (k, v) in c.dict.items() {
                add(k, v);
            }
        }
    }
    out
}

/// Which cells are shared among the listed functions, or that none is.
fn sharing(session: &mut Session, funcs: &[(String, Rc<Function>)], style: &Style) -> Vec<String> {
    let mut cells: Vec<(Rc<crate::runtime::model::value::CellObj>, Vec<&str>)> = Vec::new();
    for (path, f) in funcs {
        for cell in f.closure.iter() {
            match cells.iter_mut().find(|(c, _)| Rc::ptr_eq(c, cell)) {
                Some((_, users)) => users.push(path),
                None => cells.push((cell.clone(), vec![path])),
            }
        }
    }
    let shared: Vec<_> = cells.iter().filter(|(_, users)| users.len() > 1).collect();
    if shared.is_empty() {
        let with_cells = funcs.iter().filter(|(_, f)| !f.closure.is_empty()).count();
        return match with_cells {
            0 => match shared_globals(session, funcs, style) {
                Some(line) => vec![line],
                None => vec![style.dim("none of them has a cell: nothing is shared")],
            },
            _ => vec![style.dim("no cell is shared: each function has its own")],
        };
    }
    shared
        .iter()
        .map(|(cell, users)| {
            let who = if users.len() == funcs.len() && users.len() == 2 {
                "both functions".to_string()
            } else if users.len() == funcs.len() {
                format!("all {} functions", users.len())
            } else {
                users.join(", ")
            };
            format!("cell {} {} is shared by {who}", style.id(cell.serial), cell.name.as_str())
        })
        .collect()
}

/// `they read the global i (now 2)`: functions made by a loop at the module's top level have
/// no cells, yet they all return the loop's last value, because the variable they share is
/// the module's own. The globals that every one of them reads (`co_names` that are defined
/// in its module, not builtins) say so.
fn shared_globals(session: &mut Session, funcs: &[(String, Rc<Function>)], style: &Style) -> Option<String> {
    let (_, first) = funcs.first()?;
    let mut shared = Vec::new();
    for name in &first.code.global_names {
        let reads = |f: &Rc<Function>| f.code.global_names.iter().any(|n| n.as_str() == name.as_str()) && Rc::ptr_eq(&f.globals, &first.globals);
        if !funcs.iter().all(|(_, f)| reads(f)) {
            continue;
        }
        if let Some(v) = first.globals.get_str(name) {
            shared.push(format!("the global {} (now {})", name.as_str(), style.value(&short(&repr(session, &v)))));
        }
    }
    if shared.is_empty() {
        return None;
    }
    let who = if funcs.len() == 2 { "both".to_string() } else { format!("all {}", funcs.len()) };
    Some(format!(
        "none of them has a cell; {who} read {} when called: that variable of the module, not a cell, is what they share",
        and_list(&shared)
    ))
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `i=0`: the defaults a function was made with, by parameter name.
fn defaults_text(session: &mut Session, f: &Function) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = f.defaults.borrow().as_ref() {
        let argcount = f.code.sig.argcount;
        let first = argcount.saturating_sub(d.items.len());
        for (i, v) in d.items.iter().enumerate() {
            if let Some(name) = f.code.varnames.get(first + i) {
                parts.push(format!("{}={}", name.as_str(), short(&repr(session, v))));
            }
        }
    }
    if let Some(d) = f.kwdefaults().as_ref() {
        for (k, v) in d.items() {
            if let Value::Str(k) = k {
                parts.push(format!("{}={}", k.as_str(), short(&repr(session, &v))));
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `:env`: the session's variables, with the cells of each closure.
pub fn env(session: &mut Session, style: &Style) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in session.globals.items() {
        let Value::Str(name) = &k else { continue };
        if name.starts_with("__") && name.ends_with("__") {
            continue;
        }
        let mut line = format!("{} = {}", name.as_str(), style.value(&short(&repr(session, &v))));
        if let Value::Function(f) = &v {
            if !f.closure.is_empty() {
                let cells: Vec<String> = f
                    .code
                    .freevars
                    .iter()
                    .zip(f.closure.iter())
                    .map(|(n, c)| format!("{} {}", n.as_str(), style.id(c.serial)))
                    .collect();
                line.push_str(&style.dim(&format!("  cells: {}", cells.join(", "))));
            }
        }
        out.push(line);
    }
    if out.is_empty() {
        out.push(style.dim("no variables yet"));
    }
    out
}

fn repr(session: &mut Session, v: &Value) -> String {
    session.interp.repr(v).unwrap_or_else(|_| "<repr failed>".into())
}

