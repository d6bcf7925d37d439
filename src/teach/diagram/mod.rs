//! `:draw`: an environment diagram of the session as it is now, in the style of Python Tutor
//! but with the cells drawn: the globals frame, the function objects with their
//! `__closure__` slots, each cell as a box of its own (`cell #3`) and the objects they reach.
//!
//! The picture is made in three steps that share nothing but data: `Diagram::take` walks the
//! heap into a plain snapshot (numbered nodes whose rows hold text or refer to other nodes),
//! `layout` places the boxes and routes the arrows, and `svg` writes the picture. The
//! snapshot holds no value of the interpreter and writes itself as JSON. A traced run
//! (`cellar --trace`) takes one per step with `Diagram::of_frames`, from the globals and the
//! frames of the running calls (`record`), and `page` keeps them as a page that replays them.

pub mod layout;
pub mod page;
pub mod record;
pub mod svg;

use crate::runtime::interp::Interp;
use crate::runtime::model::dict::Dict;
use crate::runtime::model::generator::Generator;
use crate::runtime::model::typeobj::type_name;
use crate::runtime::model::value::{CellObj, Function, Value};
use crate::runtime::types::descriptors::{ClassMethod, Property, StaticMethod};
use crate::session::Session;
use std::collections::VecDeque;
use std::fmt::Write;
use std::rc::Rc;

/// Boxes drawn at most: past this a diagram is no longer readable, and a session with a big
/// object graph must not make `:draw` slow. What is left out is counted.
pub const MAX_NODES: usize = 200;
/// Items of one list, tuple, dict or set drawn; the rest are counted in a `… N more` row.
pub const MAX_ITEMS: usize = 10;
/// The node of an object met past `MAX_NODES`, so that it is counted once.
const LEFT_OUT: usize = usize::MAX;
/// Longest inline value, in characters.
const MAX_TEXT: usize = 32;

/// What a box stands for; it decides the box's colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Frame,
    Function,
    Cell,
    Object,
    Class,
    Generator,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Frame => "frame",
            Kind::Function => "function",
            Kind::Cell => "cell",
            Kind::Object => "object",
            Kind::Class => "class",
            Kind::Generator => "generator",
        }
    }
}

/// What a row shows on its right: a value written out, an arrow to another node, or nothing
/// (a caption such as `__closure__` or `… 3 more`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    Text(String),
    Ref(usize),
    Caption,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub slot: Slot,
}

/// What a node stands for, so that a trace can follow one box from step to step: a frame by
/// its place in the stack (the trace tells one call from the next), a cell by its serial, and
/// any other object by its address, which is its own while it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    Frame(usize),
    Cell(u64),
    Object(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub origin: Origin,
    pub kind: Kind,
    pub title: String,
    /// A dimmer second line under the title: a function's qualified name, a generator's line.
    pub note: Option<String>,
    pub rows: Vec<Row>,
}

/// An arrow: from row `row` of node `from` to node `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub row: usize,
    pub to: usize,
}

/// A frame as the diagram draws it: its title (`globals`, or the running function's name) and
/// its variables. A cell variable is given as the cell itself (`Value::Cell`), so that its row
/// is an arrow to the same box the closures of the functions that share it point to.
pub struct FrameRoots {
    pub title: String,
    pub rows: Vec<(String, Value)>,
}

/// The state a diagram shows. The frames come first, globals then each running call
/// outermost first; the other nodes are numbered in the order a breadth-first walk from the
/// frames meets them, so the same state always gives the same numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagram {
    pub nodes: Vec<Node>,
    /// Objects reachable but not drawn, past `MAX_NODES`.
    pub left_out: usize,
}

impl Diagram {
    /// Everything the session's variables reach, or, with `only`, what that one named value
    /// reaches (the frame then has that one row).
    pub fn take(session: &mut Session, only: Option<(&str, Value)>) -> Diagram {
        let rows: Vec<(String, Value)> = match only {
            Some((name, v)) => vec![(name.to_string(), v)],
            None => globals(session),
        };
        Diagram::of_frames(&mut session.interp, vec![FrameRoots { title: "globals".into(), rows }])
    }

    /// The frames given and everything their variables reach.
    pub fn of_frames(interp: &mut Interp, frames: Vec<FrameRoots>) -> Diagram {
        let mut walk = Walk { interp, diagram: Diagram::default(), ids: hashbrown::HashMap::new(), queue: VecDeque::new() };
        for (i, frame) in frames.iter().enumerate() {
            walk.diagram.nodes.push(Node { origin: Origin::Frame(i), kind: Kind::Frame, title: frame.title.clone(), note: None, rows: Vec::new() });
        }
        for (i, frame) in frames.into_iter().enumerate() {
            let mut rows: Vec<Row> = frame.rows.into_iter().map(|(name, v)| Row { label: name, slot: walk.slot(&v) }).collect();
            if rows.is_empty() {
                rows.push(Row { label: "no variables yet".into(), slot: Slot::Caption });
            }
            walk.diagram.nodes[i].rows = rows;
        }
        while let Some((id, v)) = walk.queue.pop_front() {
            walk.diagram.nodes[id] = walk.node(&v);
        }
        walk.diagram
    }

    pub fn edges(&self) -> Vec<Edge> {
        let mut out = Vec::new();
        for (from, node) in self.nodes.iter().enumerate() {
            for (row, r) in node.rows.iter().enumerate() {
                if let Slot::Ref(to) = r.slot {
                    out.push(Edge { from, row, to });
                }
            }
        }
        out
    }

    /// The snapshot as JSON: `{"nodes": [{"id", "kind", "title", "note", "rows": [{"label",
    /// "text" | "ref" | neither}]}], "edges": [{"from", "row", "to"}], "left_out"}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"nodes\":[");
        for (id, node) in self.nodes.iter().enumerate() {
            if id > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"id\":{id},\"kind\":\"{}\",\"title\":{}", node.kind.name(), json_str(&node.title));
            if let Some(note) = &node.note {
                let _ = write!(out, ",\"note\":{}", json_str(note));
            }
            out.push_str(",\"rows\":[");
            for (i, row) in node.rows.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{{\"label\":{}", json_str(&row.label));
                match &row.slot {
                    Slot::Text(t) => {
                        let _ = write!(out, ",\"text\":{}", json_str(t));
                    }
                    Slot::Ref(to) => {
                        let _ = write!(out, ",\"ref\":{to}");
                    }
                    Slot::Caption => {}
                }
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push_str("],\"edges\":[");
        for (i, e) in self.edges().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"from\":{},\"row\":{},\"to\":{}}}", e.from, e.row, e.to);
        }
        let _ = write!(out, "],\"left_out\":{}}}", self.left_out);
        out
    }
}

/// Where `:draw` writes when it is not told.
pub const DEFAULT_FILE: &str = "cellar-diagram.svg";

/// `:draw [NAME] [FILE]`: draws the session, or what the value of NAME reaches, into FILE
/// (`cellar-diagram.svg` unless a path ending in `.svg` is given; one ending in `.json`
/// gets the snapshot itself). Returns the line to print, or the one-line error.
pub fn command(session: &mut Session, arg: &str) -> Result<String, String> {
    let (name, file) = split_arg(arg.trim());
    let only = match name {
        Some(text) => match session.eval(text) {
            Ok(v) => Some((text, v)),
            Err(crate::session::Failure::Exception(e)) => {
                let failure = crate::session::Failure::Exception(e);
                let shown = session.render(&failure, false);
                return Err(shown.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string());
            }
            Err(_) => return Err(format!("{text} is neither a name nor a Python expression")),
        },
        None => None,
    };
    let d = Diagram::take(session, only);
    let text = if file.ends_with(".json") { d.to_json() + "\n" } else { svg::render(&d) };
    std::fs::write(file, text).map_err(|e| format!("cannot write {file}: {e}"))?;
    let boxes = d.nodes.len();
    let arrows = d.edges().len();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    Ok(format!("wrote {file} ({}, {})", plural(boxes, "box", "boxes"), plural(arrows, "arrow", "arrows")))
}

/// The name and the file of `:draw`'s argument: a last word that ends in `.svg` or `.json`
/// is the file, and whatever comes before it the name.
fn split_arg(arg: &str) -> (Option<&str>, &str) {
    let is_file = |w: &str| w.ends_with(".svg") || w.ends_with(".json");
    match arg.rsplit_once(char::is_whitespace) {
        _ if arg.is_empty() => (None, DEFAULT_FILE),
        Some((name, file)) if is_file(file) => (Some(name.trim()), file),
        None if is_file(arg) => (None, arg),
        _ => (Some(arg), DEFAULT_FILE),
    }
}

/// The session's variables, without the module's own (`__name__`, `__builtins__`).
pub fn globals(session: &Session) -> Vec<(String, Value)> {
    variables(&session.globals)
}

/// A module's variables, without its own (`__name__`, `__builtins__`).
pub fn variables(globals: &Dict) -> Vec<(String, Value)> {
    globals
        .items()
        .into_iter()
        .filter_map(|(k, v)| match k {
            Value::Str(n) if !(n.starts_with("__") && n.ends_with("__")) => Some((n.to_string(), v)),
            _ => None,
        })
        .collect()
}

pub(crate) fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::runtime::modules::json::write_string(s, false, &mut out);
    out
}

struct Walk<'s> {
    interp: &'s mut Interp,
    diagram: Diagram,
    /// Object address → node: an object met twice is one box with two arrows into it.
    /// Only looked up, never iterated, so its order cannot reach the picture.
    ids: hashbrown::HashMap<usize, usize>,
    queue: VecDeque<(usize, Value)>,
}

impl Walk<'_> {
    /// What a row shows for `v`: an arrow to its box (made on first meeting), or its repr.
    fn slot(&mut self, v: &Value) -> Slot {
        if !boxed(v) {
            return Slot::Text(self.text(v));
        }
        match self.ids.get(&v.address()) {
            Some(&LEFT_OUT) => return Slot::Text("…".into()),
            Some(&id) => return Slot::Ref(id),
            None => {}
        }
        if self.diagram.nodes.len() >= MAX_NODES {
            self.diagram.left_out += 1;
            self.ids.insert(v.address(), LEFT_OUT);
            return Slot::Text("…".into());
        }
        let id = self.diagram.nodes.len();
        self.diagram.nodes.push(Node { origin: origin(v), kind: Kind::Object, title: String::new(), note: None, rows: Vec::new() });
        self.ids.insert(v.address(), id);
        self.queue.push_back((id, v.clone()));
        Slot::Ref(id)
    }

    fn cell_slot(&mut self, cell: &Rc<CellObj>) -> Slot {
        self.slot(&Value::Cell(cell.clone()))
    }

    /// `v`'s repr, unless making it would run the program's own code (a class's
    /// `__repr__`): drawing must not print or change anything, least of all at every step
    /// of a traced run.
    fn text(&mut self, v: &Value) -> String {
        if runs_python(v, 3) {
            return format!("<{} object>", type_name(v));
        }
        let repr = self.interp.repr(v).unwrap_or_else(|_| "<repr failed>".into());
        cut(&repr, MAX_TEXT)
    }

    fn node(&mut self, v: &Value) -> Node {
        let mut node = Node { origin: origin(v), kind: Kind::Object, title: type_name(v), note: None, rows: Vec::new() };
        match v {
            Value::Function(f) => self.function(f, &mut node),
            Value::Cell(c) => {
                node.kind = Kind::Cell;
                node.title = format!("cell #{}", c.serial);
                let slot = match c.get() {
                    Some(v) => self.slot(&v),
                    None => Slot::Text("(empty)".into()),
                };
                node.rows.push(Row { label: c.name.to_string(), slot });
            }
            Value::List(l) => {
                let len = l.len();
                let items: Vec<Value> = l.items.borrow().iter().take(MAX_ITEMS).cloned().collect();
                self.items(&mut node, items.into_iter().enumerate().map(|(i, v)| (format!("[{i}]"), v)), len, true);
            }
            Value::Tuple(t) => {
                let items = t.items.iter().take(MAX_ITEMS).cloned().enumerate().map(|(i, v)| (format!("[{i}]"), v));
                self.items(&mut node, items, t.items.len(), true);
            }
            Value::Dict(d) => {
                let len = d.len();
                let mut items = Vec::new();
                for (k, v) in d.items().into_iter().take(MAX_ITEMS) {
                    items.push((self.text(&k), v));
                }
                self.items(&mut node, items.into_iter(), len, true);
            }
            Value::Set(s) | Value::FrozenSet(s) => {
                let items: Vec<(String, Value)> = s.items().into_iter().take(MAX_ITEMS).map(|v| (String::new(), v)).collect();
                self.items(&mut node, items.into_iter(), s.len(), true);
            }
            Value::Instance(inst) => {
                node.title = format!("{} object", inst.class.name);
                if let Some(base) = &inst.base {
                    let slot = self.slot(base);
                    node.rows.push(Row { label: format!("({})", type_name(base)), slot });
                }
                for (k, v) in inst.dict.items().into_iter().take(MAX_ITEMS) {
                    if let Value::Str(k) = k {
                        let slot = self.slot(&v);
                        node.rows.push(Row { label: format!(".{}", k.as_str()), slot });
                    }
                }
                let class = self.slot(&Value::Type(inst.class.clone()));
                node.rows.push(Row { label: "__class__".into(), slot: class });
            }
            Value::Type(t) => {
                node.kind = Kind::Class;
                node.title = format!("class {}", t.name);
                let Some(class) = &t.class else { return node };
                for (k, v) in class.dict.items() {
                    let Value::Str(k) = k else { continue };
                    let v = unwrap_descriptor(v);
                    // A class's dunder entries (`__module__`, `__qualname__`) are
                    // bookkeeping; its dunder methods (`__init__`) may hold cells.
                    let dunder = k.starts_with("__") && k.ends_with("__");
                    if dunder && !matches!(v, Value::Function(_)) {
                        continue;
                    }
                    if node.rows.len() == MAX_ITEMS {
                        node.rows.push(Row { label: "…".into(), slot: Slot::Caption });
                        break;
                    }
                    let slot = self.slot(&v);
                    node.rows.push(Row { label: format!(".{}", k.as_str()), slot });
                }
                for base in class.bases.iter().filter(|b| b.class.is_some()) {
                    let slot = self.slot(&Value::Type(base.clone()));
                    node.rows.push(Row { label: "base".into(), slot });
                }
            }
            Value::Method(m) => {
                node.title = "bound method".into();
                let func = self.slot(&m.func);
                node.rows.push(Row { label: "__func__".into(), slot: func });
                let receiver = self.slot(&m.receiver);
                node.rows.push(Row { label: "__self__".into(), slot: receiver });
            }
            Value::Native(n) if n.as_any().is::<Generator>() => {
                let g = n.as_any().downcast_ref::<Generator>().expect("checked above");
                self.generator(g, &mut node);
            }
            Value::Native(n) if n.as_any().is::<Property>() => {
                let p = n.as_any().downcast_ref::<Property>().expect("checked above");
                for (name, f) in [("fget", &p.fget), ("fset", &p.fset), ("fdel", &p.fdel)] {
                    if !f.is_none() {
                        let slot = self.slot(f);
                        node.rows.push(Row { label: name.into(), slot });
                    }
                }
            }
            Value::Native(n) => {
                // A deque is indexed as its items are; what a partial or an lru_cache wrapper
                // keeps has no name a learner would type.
                let indexed = n.len().is_some() && n.iter_items().is_some();
                let children = crate::runtime::model::gc::children(&***n);
                let len = children.len();
                let label = |i: usize| if indexed { format!("[{i}]") } else { "holds".to_string() };
                let items: Vec<(String, Value)> = children.into_iter().take(MAX_ITEMS).enumerate().map(|(i, v)| (label(i), v)).collect();
                self.items(&mut node, items.into_iter(), len, indexed);
            }
            _ => {}
        }
        node
    }

    /// A function: its name, then its `__closure__` slots, each an arrow to its cell (the
    /// free variable's name beside it), then the defaults it was made with and the
    /// attributes set on it.
    fn function(&mut self, f: &Rc<Function>, node: &mut Node) {
        node.kind = Kind::Function;
        let name = f.name();
        let qualname = f.qualname();
        node.title = format!("function {}", name.as_str());
        if qualname.as_str() != name.as_str() {
            node.note = Some(qualname.to_string());
        }
        if !f.closure.is_empty() {
            node.rows.push(Row { label: "__closure__".into(), slot: Slot::Caption });
        }
        for (i, (var, cell)) in f.code.freevars.iter().zip(f.closure.iter()).enumerate() {
            let slot = self.cell_slot(cell);
            node.rows.push(Row { label: format!("[{i}] {}", var.as_str()), slot });
        }
        let defaults = f.defaults.borrow().clone();
        if let Some(d) = defaults {
            let first = f.code.sig.argcount.saturating_sub(d.items.len());
            for (i, v) in d.items.iter().enumerate() {
                let param = f.code.varnames.get(first + i).map_or("?".to_string(), |n| n.to_string());
                let slot = self.slot(v);
                node.rows.push(Row { label: format!("default {param}"), slot });
            }
        }
        if let Some(d) = f.kwdefaults() {
            for (k, v) in d.items() {
                let label = format!("default {}", self.text_of_name(&k));
                let slot = self.slot(&v);
                node.rows.push(Row { label, slot });
            }
        }
        if let Some(d) = f.dict() {
            for (k, v) in d.items().into_iter().take(MAX_ITEMS) {
                let label = format!(".{}", self.text_of_name(&k));
                let slot = self.slot(&v);
                node.rows.push(Row { label, slot });
            }
        }
        if node.rows.is_empty() {
            node.rows.push(Row { label: "no cells".into(), slot: Slot::Caption });
        }
    }

    fn text_of_name(&mut self, k: &Value) -> String {
        match k {
            Value::Str(s) => s.to_string(),
            other => self.text(other),
        }
    }

    /// A generator keeps its frame between `next()` calls: its bound locals, and its cells as
    /// arrows, as a function's closure has them.
    fn generator(&mut self, g: &Generator, node: &mut Node) {
        node.kind = Kind::Generator;
        node.title = format!("{} {}", g.type_name(), g.qualname.borrow().as_str());
        node.note = Some(g.where_text());
        if g.is_closed() || g.is_running() {
            node.rows.push(Row { label: "no frame".into(), slot: Slot::Caption });
            return;
        }
        let code = g.frame.code.clone();
        for (name, v) in code.varnames.iter().zip(g.frame.locals_now()) {
            if let Some(v) = v {
                let slot = self.slot(&v);
                node.rows.push(Row { label: name.to_string(), slot });
            }
        }
        for (name, cell) in code.cellvars.iter().chain(&code.freevars).zip(&g.frame.cells) {
            let slot = self.cell_slot(cell);
            node.rows.push(Row { label: format!("{} (cell)", name.as_str()), slot });
        }
    }

    /// The first `MAX_ITEMS` items of a container, and a row that counts the rest; a
    /// container of Python's says how many items it has, as `len()` would.
    fn items(&mut self, node: &mut Node, items: impl Iterator<Item = (String, Value)>, len: usize, counted: bool) {
        if counted {
            node.note = Some(match len {
                1 => "1 item".to_string(),
                n => format!("{n} items"),
            });
        }
        for (label, v) in items {
            let slot = self.slot(&v);
            node.rows.push(Row { label, slot });
        }
        if len > node.rows.len() {
            node.rows.push(Row { label: format!("… {} more", len - node.rows.len()), slot: Slot::Caption });
        }
    }
}

fn origin(v: &Value) -> Origin {
    match v {
        Value::Cell(c) => Origin::Cell(c.serial),
        _ => Origin::Object(v.address()),
    }
}

/// Whether the repr of `v` may call a method of a user's class: an instance, or a tuple or
/// frozenset (the keys `text` writes) holding one, looked into `depth` levels deep.
fn runs_python(v: &Value, depth: usize) -> bool {
    match v {
        Value::Instance(_) => true,
        _ if depth == 0 => matches!(v, Value::Tuple(_) | Value::FrozenSet(_)),
        Value::Tuple(t) => t.items.iter().any(|item| runs_python(item, depth - 1)),
        Value::FrozenSet(s) => s.items().iter().any(|item| runs_python(item, depth - 1)),
        _ => false,
    }
}

/// A classmethod or staticmethod is drawn as the function it wraps: calling it calls that.
fn unwrap_descriptor(v: Value) -> Value {
    if let Value::Native(n) = &v {
        if let Some(ClassMethod(f)) = n.as_any().downcast_ref::<ClassMethod>() {
            return f.clone();
        }
        if let Some(StaticMethod(f)) = n.as_any().downcast_ref::<StaticMethod>() {
            return f.clone();
        }
    }
    v
}

/// The values that get a box of their own: those that can lead to a cell, or that several
/// names can share and change. Numbers, strings, `None` and the like are written inline.
fn boxed(v: &Value) -> bool {
    match v {
        Value::Function(_)
        | Value::Cell(_)
        | Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::FrozenSet(_)
        | Value::Method(_)
        | Value::Instance(_) => true,
        Value::Type(t) => t.class.is_some(),
        Value::Native(n) => {
            n.as_any().is::<Generator>() || n.as_any().is::<Property>() || !crate::runtime::model::gc::children(&***n).is_empty()
        }
        _ => false,
    }
}

/// `text` cut to `max` characters, with `…` for what was cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_the_file_when_it_names_one() {
        assert_eq!(split_arg(""), (None, DEFAULT_FILE));
        assert_eq!(split_arg("out.svg"), (None, "out.svg"));
        assert_eq!(split_arg("funcs"), (Some("funcs"), DEFAULT_FILE));
        assert_eq!(split_arg("funcs[0]  out.svg"), (Some("funcs[0]"), "out.svg"));
        assert_eq!(split_arg("d['a.svg']"), (Some("d['a.svg']"), DEFAULT_FILE));
        assert_eq!(split_arg("inc snap.json"), (Some("inc"), "snap.json"));
    }

    #[test]
    fn a_big_heap_is_cut_and_what_is_left_out_is_counted_once() {
        let d = super::layout::tests::diagram_of("pairs = [[i, [i]] for i in range(300)]\nagain = pairs\n");
        let list = &d.nodes[1];
        assert_eq!(list.rows.len(), MAX_ITEMS + 1);
        assert_eq!(list.rows[MAX_ITEMS].label, "… 290 more");
        // The frame, the list, its first 10 pairs and their inner lists; `again` is the same list.
        assert_eq!((d.nodes.len(), d.left_out), (22, 0));
        let many = super::layout::tests::diagram_of("fs = [[[[j] for j in range(10)] for i in range(10)] for k in range(3)]\n");
        assert_eq!(many.nodes.len(), MAX_NODES);
        assert_eq!(many.left_out, 2 + 3 + 30 + 300 - MAX_NODES);
    }

    #[test]
    fn json_escapes_and_lists_edges() {
        let d = Diagram {
            nodes: vec![
                Node { origin: Origin::Frame(0), kind: Kind::Frame, title: "globals".into(), note: None, rows: vec![Row { label: "s".into(), slot: Slot::Text("'a\"b'".into()) }, Row { label: "f".into(), slot: Slot::Ref(1) }] },
                Node { origin: Origin::Object(1), kind: Kind::Function, title: "function f".into(), note: None, rows: vec![Row { label: "no cells".into(), slot: Slot::Caption }] },
            ],
            left_out: 0,
        };
        assert_eq!(
            d.to_json(),
            r#"{"nodes":[{"id":0,"kind":"frame","title":"globals","rows":[{"label":"s","text":"'a\"b'"},{"label":"f","ref":1}]},{"id":1,"kind":"function","title":"function f","rows":[{"label":"no cells"}]}],"edges":[{"from":0,"row":1,"to":1}],"left_out":0}"#
        );
    }
}
