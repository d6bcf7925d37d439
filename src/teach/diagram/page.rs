//! `cellar --trace page.html`: one self-contained page that replays a run step by step, with
//! the source, the output so far and the diagram of each step.
//!
//! Rust lays out every step with the layout `:draw` uses, so the page and the SVG agree, and
//! the page's script only draws boxes and arrows where the trace says they are. Each box is
//! written once when it appears or changes: a step stores the boxes set and the keys removed
//! since the step before, and every `KEYFRAME_EVERY` steps the whole picture, so that a page of
//! 10⁵ steps stays a few megabytes and jumping with the slider replays at most that many
//! steps.
//!
//! A box keeps its key for as long as it is drawn, so that a diff names only what changed:
//! a cell is `c` and its serial (`c3` is `cell #3` for its whole life); a frame is `f` and a
//! number given when its call starts (`f0` is the globals); any other object is `o` and a
//! number given when it is first drawn, kept while its address and kind stay the same from
//! step to step. An object that is not drawn at one step gets a new number when it is drawn
//! again, so a number never stands for two objects.

use super::layout::{self, Before, Placed};
use super::{json_str, svg, Diagram, Kind, Node, Origin, Row, Slot};
use hashbrown::HashMap;
use std::fmt::Write;

/// A whole picture is stored this often, so that a jump replays at most this many diffs.
const KEYFRAME_EVERY: usize = 1000;
/// Output kept for the page; past it the page says the rest was cut.
pub const MAX_OUTPUT: usize = 1 << 20;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// What happened at a step, as the trace's event says.
#[derive(Clone, Debug)]
pub struct StepInfo {
    /// `line`, `call`, `return` or `exception`, and `end` for the state the program ended in.
    pub kind: &'static str,
    /// The line in the source; 0 for none (the end).
    pub line: u32,
    /// The running function's name; `<module>` at the top level.
    pub function: String,
    /// How many bytes the program had written to stdout when the step was reached.
    pub output_len: usize,
}

/// A trace being recorded, and the page made of it.
pub struct Trace {
    file: String,
    source: String,
    limit: usize,
    /// Each step's output position (bytes) and its JSON without it, which `html` completes
    /// once the whole output is known.
    steps: Vec<(usize, String)>,
    output: String,
    /// Where recording stopped when the limit was reached: the step that was not stored.
    truncated: Option<StepInfo>,
    /// The boxes of the last step stored, by key, as written.
    shown: HashMap<String, Shown>,
    /// The picture's width and height, and the objects left out, at the last step stored.
    size: Option<(f64, f64, usize)>,
    before: Before,
    /// The frames of the last step stored, by title, with their keys.
    calls: Vec<(String, u64)>,
    /// The objects of the last step stored: address → number and kind.
    objects: HashMap<usize, (u64, Kind)>,
    next_number: u64,
}

impl Trace {
    pub fn new(file: &str, source: &str, limit: usize) -> Trace {
        Trace {
            file: file.to_string(),
            source: source.to_string(),
            limit,
            steps: Vec::new(),
            output: String::new(),
            truncated: None,
            shown: HashMap::new(),
            size: None,
            before: Before::default(),
            calls: Vec::new(),
            objects: HashMap::new(),
            next_number: 0,
        }
    }

    /// Whether a step was refused for the limit.
    pub fn is_truncated(&self) -> bool {
        self.truncated.is_some()
    }

    /// Stores a step showing `diagram`. Returns false, storing nothing, once `limit` steps
    /// are stored: the caller stops recording (the first step refused is where the page says
    /// the trace stopped).
    pub fn push(&mut self, step: StepInfo, diagram: &Diagram) -> bool {
        if self.steps.len() >= self.limit {
            if self.truncated.is_none() {
                self.truncated = Some(step);
            }
            return false;
        }
        let keys = self.keys(&step, diagram);
        // The state the program ended in is drawn as `:draw` would draw it, wherever the
        // boxes had drifted to while following the steps.
        if step.kind == "end" {
            self.before = Before::default();
        }
        let l = layout::arrange(diagram, &self.before);
        self.before = l.before(diagram);
        let mut paths: HashMap<(usize, usize), String> = HashMap::new();
        for a in &l.arrows {
            paths.insert((a.edge.from, a.edge.row), svg::path_data(&a.path));
        }
        let keyframe = self.steps.len() % KEYFRAME_EVERY == 0;
        let mut now: HashMap<String, Shown> = HashMap::with_capacity(diagram.nodes.len());
        let (mut set, mut rows) = (Vec::new(), Vec::new());
        for (id, (node, b)) in diagram.nodes.iter().zip(&l.boxes).enumerate() {
            let key = &keys[id];
            let shown = Shown {
                head: node_head(key, node, b),
                rows: node.rows.iter().enumerate().map(|(i, row)| row_json(row, &keys, paths.get(&(id, i)))).collect(),
            };
            match self.shown.get(key) {
                // The same box with the same number of rows: only the rows that changed.
                Some(was) if !keyframe && was.head == shown.head && was.rows.len() == shown.rows.len() => {
                    for (i, (old, new)) in was.rows.iter().zip(&shown.rows).enumerate() {
                        if old != new {
                            rows.push(format!("{{\"key\":{},\"row\":{i},{new}}}", json_str(key)));
                        }
                    }
                }
                _ => set.push(shown.json()),
            }
            now.insert(key.clone(), shown);
        }
        let mut gone: Vec<&String> = self.shown.keys().filter(|k| !now.contains_key(*k)).collect();
        gone.sort();
        let mut json = format!("\"kind\":{},\"line\":{},\"function\":{}", json_str(step.kind), step.line, json_str(&step.function));
        let size = (l.width, l.height, diagram.left_out);
        if keyframe || self.size != Some(size) {
            let _ = write!(json, ",\"width\":{:.0},\"height\":{:.0},\"left_out\":{}", size.0, size.1, size.2);
            self.size = Some(size);
        }
        if keyframe {
            json.push_str(",\"full\":true");
        } else if !gone.is_empty() {
            let gone: Vec<String> = gone.iter().map(|k| json_str(k)).collect();
            let _ = write!(json, ",\"del\":[{}]", gone.join(","));
        }
        if !set.is_empty() {
            let _ = write!(json, ",\"set\":[{}]", set.join(","));
        }
        if !rows.is_empty() {
            let _ = write!(json, ",\"rows\":[{}]", rows.join(","));
        }
        self.shown = now;
        self.steps.push((step.output_len, json));
        true
    }

    /// Everything the program wrote to stdout; each step shows the part written before it.
    pub fn set_output(&mut self, all_output: &str) {
        self.output = all_output.to_string();
    }

    /// The trace as JSON: see the README, "The trace format".
    pub fn json(&self) -> String {
        let cut = self.output.len() > MAX_OUTPUT;
        let output = &self.output[..floor_boundary(&self.output, MAX_OUTPUT)];
        let mut out = String::with_capacity(self.steps.iter().map(|s| s.1.len() + 16).sum::<usize>() + output.len() + self.source.len() + 256);
        let _ = write!(out, "{{\"format\":1,\"file\":{},\"source\":{},\"output\":{}", json_str(&self.file), json_str(&self.source), json_str(output));
        let _ = write!(
            out,
            ",\"geometry\":{{\"char_w\":{},\"row_h\":{},\"title_h\":{},\"note_h\":{},\"pad\":{}}}",
            layout::CHAR_W,
            layout::ROW_H,
            layout::TITLE_H,
            layout::NOTE_H,
            layout::PAD
        );
        if cut {
            out.push_str(",\"output_cut\":true");
        }
        match &self.truncated {
            Some(t) => {
                let _ = write!(out, ",\"truncated\":{{\"after\":{},\"line\":{},\"function\":{}}}", self.steps.len(), t.line, json_str(&t.function));
            }
            None => out.push_str(",\"truncated\":null"),
        }
        out.push_str(",\"steps\":[");
        // Offsets in UTF-16 units, as the page's script slices strings; they only grow, so
        // one pass over the output converts them all.
        let (mut byte, mut unit) = (0usize, 0usize);
        for (i, (len, step)) in self.steps.iter().enumerate() {
            let end = floor_boundary(output, *len);
            if end >= byte {
                unit += output[byte..end].encode_utf16().count();
            } else {
                unit = output[..end].encode_utf16().count();
            }
            byte = end;
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"output\":{unit},{step}}}");
        }
        out.push_str("]}");
        out
    }

    /// The page.
    pub fn html(&self) -> String {
        // `<` appears in JSON only inside strings, where `\u003c` means the same: no
        // `</script>` or `<!--` in the program's text or output can end the element early.
        let json = self.json().replace('<', "\\u003c");
        let name = std::path::Path::new(&self.file).file_name().map_or(self.file.clone(), |n| n.to_string_lossy().into_owned());
        let mut out = String::with_capacity(json.len() + STYLE.len() + SCRIPT.len() + 2048);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        let _ = writeln!(out, "<title>{} · cellar trace</title>", html_escape(&name));
        let _ = writeln!(out, "<style>\n{}{STYLE}</style>\n</head>", kind_colours());
        out.push_str("<body>\n");
        let _ = writeln!(
            out,
            "<header><h1><span class=\"brand\">cellar</span> {}</h1>\
             <nav><button id=\"first\" title=\"first step (Home)\">|◀</button><button id=\"back\" title=\"step back (←)\">◀</button>\
             <input id=\"slider\" type=\"range\" min=\"1\" max=\"1\" value=\"1\" aria-label=\"step\">\
             <button id=\"forward\" title=\"step forward (→)\">▶</button><button id=\"last\" title=\"last step (End)\">▶|</button>\
             <span id=\"counter\"></span></nav><p id=\"event\"></p></header>",
            html_escape(&name)
        );
        out.push_str("<p id=\"truncated\" hidden></p>\n");
        out.push_str(
            "<main><section id=\"code\"><h2>Source</h2><ol id=\"source\"></ol></section>\
             <section id=\"picture\"><h2>Frames, functions and cells <span class=\"legend\"><span class=\"is-new\">new</span> <span class=\"is-changed\">changed</span> in this step</span></h2><div id=\"diagram\"></div></section>\
             <section id=\"out\"><h2>Output</h2><pre id=\"output\"></pre></section></main>\n",
        );
        let _ = writeln!(out, "<script type=\"application/json\" id=\"cellar-trace\">{json}</script>");
        let _ = writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>");
        out
    }

    /// The key of each node of `diagram` (see the module's comment), updating what the trace
    /// remembers of frames and objects.
    fn keys(&mut self, step: &StepInfo, diagram: &Diagram) -> Vec<String> {
        let frames: Vec<&Node> = diagram.nodes.iter().take_while(|n| n.kind == Kind::Frame).collect();
        // The frames of the step before that are still running: the same titles from the
        // bottom of the stack, less the newest when a call just started (a function that
        // returned and was called again has the same title and a new frame).
        let mut kept = frames.iter().zip(&self.calls).take_while(|(n, (title, _))| &n.title == title).count();
        if step.kind == "call" && kept == frames.len() && kept > 1 {
            kept -= 1;
        }
        self.calls.truncate(kept);
        for n in &frames[kept..] {
            self.calls.push((n.title.clone(), self.next_number));
            self.next_number += 1;
        }
        let mut objects = HashMap::with_capacity(self.objects.len());
        let keys = diagram
            .nodes
            .iter()
            .map(|n| match n.origin {
                Origin::Frame(i) => format!("f{}", self.calls[i].1),
                Origin::Cell(serial) => format!("c{serial}"),
                Origin::Object(address) => {
                    let number = match self.objects.get(&address) {
                        Some(&(number, kind)) if kind == n.kind => number,
                        _ => {
                            self.next_number += 1;
                            self.next_number - 1
                        }
                    };
                    objects.insert(address, (number, n.kind));
                    format!("o{number}")
                }
            })
            .collect();
        self.objects = objects;
        keys
    }
}

/// A box as the page has it, in JSON without the braces: what it is and where (`head`), and
/// each row (its label, then its value, or the key of the box it points to and the arrow's
/// course).
struct Shown {
    head: String,
    rows: Vec<String>,
}

impl Shown {
    fn json(&self) -> String {
        let rows: Vec<String> = self.rows.iter().map(|r| format!("{{{r}}}")).collect();
        format!("{{{},\"rows\":[{}]}}", self.head, rows.join(","))
    }
}

fn node_head(key: &str, node: &Node, b: &Placed) -> String {
    let mut out = format!("\"key\":{},\"kind\":\"{}\",\"title\":{}", json_str(key), node.kind.name(), json_str(&node.title));
    if let Some(note) = &node.note {
        let _ = write!(out, ",\"note\":{}", json_str(note));
    }
    let _ = write!(out, ",\"x\":{},\"y\":{},\"w\":{},\"h\":{},\"value_x\":{},\"header\":{}", num(b.x), num(b.y), num(b.w), num(b.h), num(b.value_x), num(b.header));
    out
}

fn row_json(row: &Row, keys: &[String], path: Option<&String>) -> String {
    let mut out = format!("\"label\":{}", json_str(&row.label));
    match &row.slot {
        Slot::Text(t) => {
            let _ = write!(out, ",\"text\":{}", json_str(t));
        }
        Slot::Ref(to) => {
            let _ = write!(out, ",\"ref\":{}", json_str(&keys[*to]));
            if let Some(path) = path {
                let _ = write!(out, ",\"path\":\"{path}\"");
            }
        }
        Slot::Caption => {}
    }
    out
}

/// A coordinate with one decimal, without it when it is whole.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// The colours of each kind of box, from the SVG's table, as CSS variables; `--cell` is the
/// cells' colour, which the arrows into them take too.
fn kind_colours() -> String {
    let mut out = format!(":root {{ --cell: {}; }}\n", svg::colours(Kind::Cell).0);
    for kind in [Kind::Frame, Kind::Function, Kind::Cell, Kind::Object, Kind::Class, Kind::Generator] {
        let (border, fill) = svg::colours(kind);
        let _ = writeln!(out, ".node.{} {{ --border: {border}; --fill: {fill}; }}", kind.name());
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::teach::diagram::Row;
    use serde_json::Value as Json;

    fn node(origin: Origin, kind: Kind, title: &str, rows: Vec<(&str, Slot)>) -> Node {
        let rows = rows.into_iter().map(|(label, slot)| Row { label: label.into(), slot }).collect();
        Node { origin, kind, title: title.into(), note: None, rows }
    }

    fn step(kind: &'static str, line: u32, output_len: usize) -> StepInfo {
        StepInfo { kind, line, function: "<module>".into(), output_len }
    }

    /// Step `i` of a made-up run: a counter in the globals, a list that exists for a few
    /// steps, and a call whose frame holds a cell that a function shares.
    fn diagram(i: usize) -> Diagram {
        let mut globals = vec![("n", Slot::Text(i.to_string()))];
        let mut nodes = Vec::new();
        let in_call = i % 10 >= 4;
        if i % 10 >= 3 {
            globals.push(("items", Slot::Ref(if in_call { 2 } else { 1 })));
        }
        nodes.push(node(Origin::Frame(0), Kind::Frame, "globals", globals));
        if in_call {
            nodes.push(node(Origin::Frame(1), Kind::Frame, "make", vec![("x", Slot::Ref(3))]));
        }
        if i % 10 >= 3 {
            nodes.push(node(Origin::Object(0x100), Kind::Object, "list", vec![("[0]", Slot::Text(format!("{}", i % 7)))]));
        }
        if in_call {
            nodes.push(node(Origin::Cell(i as u64 / 10), Kind::Cell, "cell", vec![("x", Slot::Text("'</script>'".into()))]));
        }
        Diagram { nodes, left_out: 0 }
    }

    fn trace_json(trace: &Trace) -> Json {
        serde_json::from_str(&trace.json()).expect("the trace is JSON")
    }

    #[test]
    fn replaying_the_diffs_gives_every_step_back() {
        let mut trace = Trace::new("t.py", "n = 0\n", usize::MAX);
        let mut want: Vec<HashMap<String, Json>> = Vec::new();
        for i in 0..KEYFRAME_EVERY + 30 {
            let kind = if i % 10 == 4 { "call" } else { "line" };
            assert!(trace.push(step(kind, 1, 0), &diagram(i)));
            want.push(trace.shown.iter().map(|(k, v)| (k.clone(), serde_json::from_str(&v.json()).unwrap())).collect());
        }
        let json = trace_json(&trace);
        let steps = json["steps"].as_array().unwrap();
        assert_eq!(steps.len(), want.len());
        let mut shown: HashMap<String, Json> = HashMap::new();
        for (i, s) in steps.iter().enumerate() {
            assert_eq!(s["full"].as_bool().unwrap_or(false), i % KEYFRAME_EVERY == 0, "step {i}");
            if s["full"].as_bool() == Some(true) {
                shown.clear();
            }
            for key in s["del"].as_array().into_iter().flatten() {
                assert!(shown.remove(key.as_str().unwrap()).is_some(), "step {i} removes what was there");
            }
            for n in s["set"].as_array().into_iter().flatten() {
                shown.insert(n["key"].as_str().unwrap().to_string(), n.clone());
            }
            for r in s["rows"].as_array().into_iter().flatten() {
                let node = shown.get_mut(r["key"].as_str().unwrap()).expect("a row of a box that is there");
                let mut row = r.clone();
                row.as_object_mut().unwrap().retain(|k, _| k != "key" && k != "row");
                node["rows"][r["row"].as_u64().unwrap() as usize] = row;
            }
            assert_eq!(shown, want[i], "step {i}");
        }
        // A step that changes one value stores that row, and the size only when it changes.
        assert_eq!(steps[1]["rows"], serde_json::json!([{"key": "f0", "row": 0, "label": "n", "text": "1"}]));
        assert!(steps[1].get("set").is_none() && steps[1].get("del").is_none() && steps[1].get("width").is_none());
        assert!(steps[3].get("width").is_some(), "the list makes the picture taller");
    }

    #[test]
    fn a_box_keeps_its_key_while_it_is_drawn() {
        let mut trace = Trace::new("t.py", "", usize::MAX);
        let keys = |trace: &mut Trace, kind: &'static str, d: &Diagram| trace.keys(&step(kind, 1, 0), d);
        let frames = |titles: &[&str], list: Kind| {
            let mut nodes: Vec<Node> = titles.iter().enumerate().map(|(i, t)| node(Origin::Frame(i), Kind::Frame, t, vec![])).collect();
            nodes.push(node(Origin::Object(0x200), list, "x", vec![]));
            Diagram { nodes, left_out: 0 }
        };
        assert_eq!(keys(&mut trace, "line", &frames(&["globals"], Kind::Object)), ["f0", "o1"]);
        assert_eq!(keys(&mut trace, "call", &frames(&["globals", "f"], Kind::Object)), ["f0", "f2", "o1"]);
        assert_eq!(keys(&mut trace, "line", &frames(&["globals", "f"], Kind::Object)), ["f0", "f2", "o1"]);
        // f returned and was called again: the same title, a new call.
        assert_eq!(keys(&mut trace, "call", &frames(&["globals", "f"], Kind::Object)), ["f0", "f3", "o1"]);
        assert_eq!(keys(&mut trace, "call", &frames(&["globals", "f", "f"], Kind::Object)), ["f0", "f3", "f4", "o1"]);
        // Another kind of object at the address: another object.
        assert_eq!(keys(&mut trace, "return", &frames(&["globals", "f", "f"], Kind::Function)), ["f0", "f3", "f4", "o5"]);
        // Not drawn at one step, a new number when drawn again.
        let bare = Diagram { nodes: vec![node(Origin::Frame(0), Kind::Frame, "globals", vec![])], left_out: 0 };
        assert_eq!(keys(&mut trace, "line", &bare), ["f0"]);
        assert_eq!(keys(&mut trace, "line", &frames(&["globals"], Kind::Function)), ["f0", "o6"]);
    }

    #[test]
    fn nothing_in_the_program_can_end_the_embedded_json() {
        let source = "s = '</script><script>alert(1)</script>'  # <!-- \u{2028}\n";
        let mut trace = Trace::new("<lesson>&.py", source, 10);
        trace.push(step("line", 1, 0), &diagram(4));
        trace.set_output("</script>\n");
        let page = trace.html();
        assert_eq!(page.matches("</script>").count(), 2, "the JSON's and the script's");
        assert!(!page.contains("<!--"));
        let start = page.find("id=\"cellar-trace\">").unwrap() + "id=\"cellar-trace\">".len();
        let end = start + page[start..].find("</script>").unwrap();
        let json: Json = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(json["source"], source);
        assert_eq!(json["output"], "</script>\n");
        assert_eq!(json["file"], "<lesson>&.py");
        assert_eq!(json["steps"][0]["set"][3]["rows"][0]["text"], "'</script>'");
        assert!(page.contains("<title>&lt;lesson&gt;&amp;.py · cellar trace</title>"));
    }

    #[test]
    fn past_the_limit_nothing_is_stored_and_the_page_says_where_it_stopped() {
        let mut trace = Trace::new("t.py", "", 2);
        assert!(trace.push(step("line", 1, 0), &diagram(0)));
        assert!(trace.push(step("line", 2, 0), &diagram(1)));
        assert!(!trace.push(StepInfo { kind: "call", line: 7, function: "f".into(), output_len: 0 }, &diagram(2)));
        assert!(!trace.push(step("line", 9, 0), &diagram(3)));
        assert_eq!(trace.steps.len(), 2);
        let json = trace_json(&trace);
        assert_eq!(json["truncated"], serde_json::json!({"after": 2, "line": 7, "function": "f"}));
        assert_eq!(json["steps"].as_array().unwrap().len(), 2);
        assert_eq!(trace_json(&Trace::new("t.py", "", 2))["truncated"], Json::Null);
    }

    #[test]
    fn output_positions_count_what_the_page_slices() {
        let mut trace = Trace::new("t.py", "", 10);
        // "é" is two bytes and one UTF-16 unit; "😀" four bytes and two units.
        let output = "é\n😀\nz";
        for len in [0, 3, 8, 9, 100] {
            trace.push(step("line", 1, len), &diagram(0));
        }
        trace.set_output(output);
        let json = trace_json(&trace);
        let at: Vec<u64> = json["steps"].as_array().unwrap().iter().map(|s| s["output"].as_u64().unwrap()).collect();
        assert_eq!(at, [0, 2, 5, 6, 6]);
    }
}
