//! Who holds each cell, named the way a learner would type it.
//!
//! A breadth-first walk from the session's globals (then `_`) through containers, functions,
//! cells, instances (their `__dict__`, and the methods of their class), class namespaces and
//! bound methods. Every object is visited once, so the walk costs what is live, never what the
//! session did before; and the first path found to an object is its shortest one (`double`
//! before `_`, `funcs[3]` before `funcs[3].__closure__[0].cell_contents`). The watch may
//! start from some of the names only, and learns from `RootStats` which names led to nothing
//! but plain data.

use crate::runtime::interp::Interp;
use crate::runtime::model::typeobj::TypeObj;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::generator::Generator;
use crate::runtime::model::value::{CellObj, Function, Value};
use crate::runtime::types::descriptors::{ClassMethod, Property, StaticMethod};
use crate::session::Session;
use std::collections::VecDeque;
use std::rc::Rc;

/// Something that holds a cell: a function through its closure, or a name that refers to the
/// cell object itself (`c = double.__closure__[0]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub path: String,
    /// The holding function's address; `None` when the path reaches the cell itself.
    pub function: Option<usize>,
    /// The address of the holding function's code, for naming a writer the trace recorded
    /// by its code; `None` for a generator, whose path already names it with its state.
    pub code: Option<usize>,
    /// The path starts at `_`: only the prompt's last value reaches the holder.
    pub last_value: bool,
    /// Other names for the same function (`c2` after `c2 = c`): one function, counted once,
    /// but a learner who deletes `c` should hear that `c2` still holds the cell. Paths
    /// through `_` are left out, or every expression statement would change them.
    /// Only paths a learner would name a value by are kept (see `Paths::is_a_name`).
    pub aliases: Vec<String>,
}

/// What the walk found.
#[derive(Default)]
pub struct Reach {
    /// Cell serial → its holders, in the order the walk met them.
    pub holders: hashbrown::HashMap<u64, Vec<Holder>>,
    /// The functions the walk was asked to look for, with the path to each.
    pub functions: Vec<(String, Rc<Function>)>,
    /// The functions with a default that can change in place (a list, dict, set or
    /// instance), with the path to each: the mutable-default mistake is watched through them.
    pub mutable_defaults: Vec<(String, Rc<Function>)>,
    /// For each root, in the order given: what the walk met first through it.
    pub roots: Vec<RootStats>,
}

/// What a root leads to, counted over the objects the walk met first through it.
#[derive(Clone, Copy, Default)]
pub struct RootStats {
    /// The objects, and the items of the containers among them.
    pub objects: usize,
    /// Something other than lists, tuples, dicts and sets of plain data: a function, a cell,
    /// an instance… anything through which a cell could be reached.
    pub lively: bool,
}

impl Reach {
    pub fn of(&self, cell: &CellObj) -> &[Holder] {
        self.holders.get(&cell.serial).map_or(&[], |h| &h[..])
    }
}

/// Walks everything reachable from the given values, named as given: a running program's
/// frames as well as its globals (`:step`).
pub fn walk_values(interp: &mut Interp, roots: Vec<(String, Value)>) -> Reach {
    walk_from(interp, roots, &|_| false)
}

/// Walks everything reachable from the given names (all of `roots`, or some of them).
pub fn walk_roots(session: &mut Session, roots: Vec<(String, Value)>) -> Reach {
    walk_from(&mut session.interp, roots, &|_| false)
}

/// The reachable functions that `wanted` picks, each by its shortest path.
pub fn functions(session: &mut Session, wanted: &dyn Fn(&Function) -> bool) -> Vec<(String, Rc<Function>)> {
    let roots = roots(session);
    walk_from(&mut session.interp, roots, wanted).functions
}

/// The session's names, and `_`: where every walk starts.
pub fn roots(session: &Session) -> Vec<(String, Value)> {
    let mut roots: Vec<(String, Value)> = Vec::new();
    for (k, v) in session.globals.items() {
        if let Value::Str(name) = &k {
            roots.push((name.to_string(), v));
        }
    }
    if let Some(v) = session.interp.builtins.get_str("_") {
        roots.push(("_".to_string(), v));
    }
    roots
}

/// One step of a path, kept unformatted: only the paths of objects that hold cells are ever
/// turned into text, so walking a big list of plain data allocates no strings.
enum Step {
    Root(String),
    Index(usize),
    Key(Value),
    Attr(String),
    /// `.__closure__[i].cell_contents`
    Closure(usize),
    /// `.cell_contents`
    Contents,
    SetItem,
    Inside,
    /// `type(c)`: the class of an instance, for what the instance's own attribute hides.
    TypeOf,
    /// `.gi_frame.f_locals['name']`: a variable of a suspended generator's frame.
    Local(String),
}

struct Paths {
    /// Each node: its parent (itself for a root) and the step from there.
    nodes: Vec<(usize, Step)>,
    /// Each node's root, by its index among the roots.
    origin: Vec<u32>,
}

impl Paths {
    fn add(&mut self, parent: usize, step: Step) -> usize {
        // The roots are added first, so a root's node is its index among them.
        let origin = if matches!(step, Step::Root(_)) { self.nodes.len() as u32 } else { self.origin[parent] };
        self.nodes.push((parent, step));
        self.origin.push(origin);
        self.nodes.len() - 1
    }

    /// Whether the path is one a learner names a value by: from a global other than `_`,
    /// through items and plain attributes (`c2`, `lst[1]`, `acct.on_deposit`), not through a
    /// frame or `__self__`, which only repeat what the shortest path already says.
    fn is_a_name(&self, mut node: usize) -> bool {
        loop {
            match &self.nodes[node] {
                (_, Step::Root(name)) => return name != "_",
                (parent, Step::Index(_) | Step::Key(_)) => node = *parent,
                (parent, Step::Attr(a)) if !a.starts_with("__") => node = *parent,
                _ => return false,
            }
        }
    }

    fn from_last_value(&self, mut node: usize) -> bool {
        loop {
            match &self.nodes[node] {
                (_, Step::Root(name)) => return name == "_",
                (parent, _) => node = *parent,
            }
        }
    }

    fn render(&self, interp: &mut Interp, mut node: usize) -> String {
        let mut steps = Vec::new();
        loop {
            let (parent, step) = &self.nodes[node];
            steps.push(step);
            if matches!(step, Step::Root(_)) {
                break;
            }
            node = *parent;
        }
        let mut out = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Root(name) => out.push_str(name),
                Step::Index(i) => out.push_str(&format!("[{i}]")),
                Step::Key(k) => out.push_str(&format!("[{}]", interp.repr(k).unwrap_or_else(|_| "…".into()))),
                Step::Attr(a) => out.push_str(&format!(".{a}")),
                Step::Closure(i) => out.push_str(&format!(".__closure__[{i}].cell_contents")),
                Step::Contents => out.push_str(".cell_contents"),
                Step::SetItem => out = format!("an item of {out}"),
                Step::Inside => out = format!("inside {out}"),
                Step::TypeOf => out = format!("type({out})"),
                Step::Local(name) => out.push_str(&format!(".gi_frame.f_locals['{name}']")),
            }
        }
        out
    }
}

/// Walks from the given named values, collecting the functions that `wanted` picks.
fn walk_from(interp: &mut Interp, roots: Vec<(String, Value)>, wanted: &dyn Fn(&Function) -> bool) -> Reach {
    let mut reach = Reach::default();
    let mut seen: hashbrown::HashSet<usize> = hashbrown::HashSet::new();
    let mut paths = Paths { nodes: Vec::new(), origin: Vec::new() };
    let mut queue: VecDeque<(usize, Value)> = VecDeque::new();
    reach.roots = vec![RootStats::default(); roots.len()];
    for (name, v) in roots {
        let node = paths.add(paths.nodes.len(), Step::Root(name));
        queue.push_back((node, v));
    }
    while let Some((node, v)) = queue.pop_front() {
        let stats = &mut reach.roots[paths.origin[node] as usize];
        // Items count too, walked or not: scanning a list of a million ints costs as much.
        stats.objects += 1 + match &v {
            Value::List(l) => l.len(),
            Value::Tuple(t) => t.items.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) | Value::FrozenSet(s) => s.len(),
            _ => 0,
        };
        stats.lively |= !plain_data(&v);
        // Every name for a cell object counts, not only the first path to it.
        if let Value::Cell(c) = &v {
            let path = paths.render(interp, node);
            let last_value = paths.from_last_value(node);
            reach.holders.entry(c.serial).or_default().push(Holder { path, function: None, code: None, last_value, aliases: Vec::new() });
        }
        if !has_children(&v) || !seen.insert(v.address()) {
            if let Value::Function(f) = &v {
                if !f.closure.is_empty() && paths.is_a_name(node) {
                    let alias = paths.render(interp, node);
                    let addr = Rc::as_ptr(f) as usize;
                    for cell in f.closure.iter() {
                        let holders = reach.holders.entry(cell.serial).or_default();
                        if let Some(h) = holders.iter_mut().find(|h| h.function == Some(addr)) {
                            h.aliases.push(alias.clone());
                        }
                    }
                }
            }
            continue;
        }
        match &v {
            Value::Function(f) => {
                let addr = Rc::as_ptr(f) as usize;
                if wanted(f) {
                    reach.functions.push((paths.render(interp, node), f.clone()));
                }
                if !f.closure.is_empty() {
                    let path = paths.render(interp, node);
                    let last_value = paths.from_last_value(node);
                    for cell in f.closure.iter() {
                        let code = Some(Rc::as_ptr(&f.code) as usize);
                        let h = Holder { path: path.clone(), function: Some(addr), code, last_value, aliases: Vec::new() };
                        reach.holders.entry(cell.serial).or_default().push(h);
                    }
                }
                if has_mutable_default(f) {
                    reach.mutable_defaults.push((paths.render(interp, node), f.clone()));
                }
                for (i, cell) in f.closure.iter().enumerate() {
                    if seen.insert(Rc::as_ptr(cell) as usize) {
                        if let Some(c) = cell.get() {
                            queue.push_back((paths.add(node, Step::Closure(i)), c));
                        }
                    }
                }
                function_parts(f, node, &mut paths, &mut queue);
            }
            Value::Cell(c) => {
                if let Some(contents) = c.get() {
                    queue.push_back((paths.add(node, Step::Contents), contents));
                }
            }
            Value::List(l) => {
                for (i, item) in l.snapshot().into_iter().enumerate() {
                    if has_children(&item) {
                        queue.push_back((paths.add(node, Step::Index(i)), item));
                    }
                }
            }
            Value::Tuple(t) => {
                for (i, item) in t.items.iter().enumerate() {
                    if has_children(item) {
                        queue.push_back((paths.add(node, Step::Index(i)), item.clone()));
                    }
                }
            }
            Value::Dict(d) => {
                for (k, item) in d.items() {
                    if has_children(&item) {
                        queue.push_back((paths.add(node, Step::Key(k)), item));
                    }
                }
            }
            Value::Set(s) | Value::FrozenSet(s) => {
                for item in s.items() {
                    if has_children(&item) {
                        queue.push_back((paths.add(node, Step::SetItem), item));
                    }
                }
            }
            Value::Method(m) => {
                // Calling the method calls its function: a learner names the holder
                // `acct.deposit`, not `acct.deposit.__func__`.
                let func = if matches!(m.func, Value::Function(_)) { node } else { paths.add(node, Step::Attr("__func__".into())) };
                queue.push_back((func, m.func.clone()));
                queue.push_back((paths.add(node, Step::Attr("__self__".into())), m.receiver.clone()));
            }
            Value::Instance(inst) => {
                for (k, item) in inst.dict.items() {
                    if let (Value::Str(k), true) = (k, has_children(&item)) {
                        queue.push_back((paths.add(node, Step::Attr(k.to_string())), item));
                    }
                }
                // A `list` subclass is indexed as the list it also is (`stack[0]`).
                if let Some(base) = &inst.base {
                    queue.push_back((node, base.clone()));
                }
                // The methods are named through the instance (`c.bump`) when the class has no
                // name of its own that the walk reached first; one instance does it for all.
                if seen.insert(Rc::as_ptr(&inst.class) as usize) {
                    class_parts(&inst.class, Some(&inst.dict), node, &mut paths, &mut queue);
                }
            }
            Value::Type(t) => class_parts(t, None, node, &mut paths, &mut queue),
            Value::Native(n) if n.as_any().is::<Generator>() => {
                // A generator's frame holds its cells as a function's closure does, for as
                // long as the generator can resume.
                let g = n.as_any().downcast_ref::<Generator>().expect("checked above");
                if g.is_closed() || g.is_running() {
                    continue;
                }
                let label = format!("{} ({})", paths.render(interp, node), g.where_text());
                let last_value = paths.from_last_value(node);
                let addr = Rc::as_ptr(n) as usize;
                let code = &g.frame.code;
                let names = code.cellvars.iter().chain(&code.freevars);
                for (name, cell) in names.zip(&g.frame.cells) {
                    let h = Holder { path: label.clone(), function: Some(addr), code: None, last_value, aliases: Vec::new() };
                    reach.holders.entry(cell.serial).or_default().push(h);
                    if seen.insert(Rc::as_ptr(cell) as usize) {
                        if let Some(c) = cell.get() {
                            queue.push_back((paths.add(node, Step::Local(name.to_string())), c));
                        }
                    }
                }
                for (name, v) in code.varnames.iter().zip(g.frame.locals_now()) {
                    if let Some(v) = v.filter(has_children) {
                        queue.push_back((paths.add(node, Step::Local(name.to_string())), v));
                    }
                }
            }
            Value::Native(n) if n.as_any().is::<Property>() => {
                let p = n.as_any().downcast_ref::<Property>().expect("checked above");
                for (name, f) in [("fget", &p.fget), ("fset", &p.fset), ("fdel", &p.fdel)] {
                    queue.push_back((paths.add(node, Step::Attr(name.into())), f.clone()));
                }
            }
            Value::Native(n) => {
                // Sequence-like natives (deque) are indexed as their items are;
                // the others (partial, lru_cache wrappers) have no path a learner would type.
                let indexed = n.len().is_some() && n.iter_items().is_some();
                for (i, item) in crate::runtime::model::gc::children(&***n).into_iter().enumerate() {
                    let step = if indexed { Step::Index(i) } else { Step::Inside };
                    queue.push_back((paths.add(node, step), item));
                }
            }
            _ => {}
        }
    }
    reach
}

/// Whether a default of `f` is an object that a call can change in place.
pub fn has_mutable_default(f: &Function) -> bool {
    let defaults = f.defaults.borrow();
    let positional = defaults.as_ref().is_some_and(|d| d.items.iter().any(mutable));
    positional || f.kwdefaults().is_some_and(|d| d.items().iter().any(|(_, v)| mutable(v)))
}

/// The objects whose changes in place the watch follows as a default's.
pub fn mutable(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Instance(_))
}

/// Values that cannot lead to a cell but through their items.
fn plain_data(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_)) || !has_children(v)
}

/// Only these can lead to a cell; ints, strings, modules and the like are not walked.
fn has_children(v: &Value) -> bool {
    matches!(
        v,
        Value::Function(_)
            | Value::Cell(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Method(_)
            | Value::Native(_)
            | Value::Instance(_)
    ) || matches!(v, Value::Type(t) if t.class.is_some())
}

/// The attributes of a class's namespace as a learner reaches them: `Cls.name`, or through an
/// instance (`instance` is its `__dict__`) `c.name`, or `type(c).name` where the instance's
/// own attribute hides the class's, or where reading through the instance would run a
/// property. A classmethod or staticmethod is named by what it wraps: `Cls.make()` calls it.
/// Base classes are followed by `__bases__`: a learner names a base by its own name, which
/// the walk has usually reached first.
fn class_parts(t: &Rc<TypeObj>, instance: Option<&Rc<Dict>>, node: usize, paths: &mut Paths, queue: &mut VecDeque<(usize, Value)>) {
    let Some(class) = &t.class else { return };
    let mut type_node = None;
    for (k, item) in class.dict.items() {
        let Value::Str(name) = k else { continue };
        if !has_children(&item) {
            continue;
        }
        let item = match &item {
            Value::Native(n) => match (n.as_any().downcast_ref::<ClassMethod>(), n.as_any().downcast_ref::<StaticMethod>()) {
                (Some(ClassMethod(f)), _) | (_, Some(StaticMethod(f))) => f.clone(),
                _ => item,
            },
            _ => item,
        };
        let hidden = instance.is_some_and(|d| d.get_str(&name).is_some())
            || matches!(&item, Value::Native(n) if n.as_any().is::<Property>());
        let parent = match instance {
            Some(_) if hidden => *type_node.get_or_insert_with(|| paths.add(node, Step::TypeOf)),
            _ => node,
        };
        queue.push_back((paths.add(parent, Step::Attr(name.to_string())), item));
    }
    let parent = match instance {
        Some(_) => *type_node.get_or_insert_with(|| paths.add(node, Step::TypeOf)),
        None => node,
    };
    for (i, base) in class.bases.iter().enumerate() {
        if base.class.is_some() {
            let bases = paths.add(parent, Step::Attr("__bases__".into()));
            queue.push_back((paths.add(bases, Step::Index(i)), Value::Type(base.clone())));
        }
    }
}

/// What else a function keeps alive: its defaults and the attributes set on it
/// (`functools.wraps` puts `__wrapped__` there).
fn function_parts(f: &Rc<Function>, node: usize, paths: &mut Paths, queue: &mut VecDeque<(usize, Value)>) {
    if let Some(d) = f.defaults.borrow().as_ref() {
        for (i, v) in d.items.iter().enumerate() {
            let n = paths.add(node, Step::Attr("__defaults__".into()));
            queue.push_back((paths.add(n, Step::Index(i)), v.clone()));
        }
    }
    if let Some(d) = f.kwdefaults().as_ref() {
        for (k, v) in d.items() {
            let n = paths.add(node, Step::Attr("__kwdefaults__".into()));
            queue.push_back((paths.add(n, Step::Key(k)), v));
        }
    }
    if let Some(d) = f.dict().as_ref() {
        for (k, v) in d.items() {
            if let Value::Str(k) = k {
                queue.push_back((paths.add(node, Step::Attr(k.to_string())), v));
            }
        }
    }
}
