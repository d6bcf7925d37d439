//! Where each box goes and how each arrow runs.
//!
//! A small layered layout written for this one shape of graph rather than a general one
//! (Sugiyama with crossing minimisation, or force-directed placement): a diagram is nearly a
//! tree hanging off the frame, so each box goes in the column of its distance from the frame
//! (the frame, then what its variables point to, then their cells, then what those hold).
//! A breadth-first distance makes every arrow of the tree go exactly one column right, so it
//! runs in the empty gap between two columns and crosses no box; the few arrows that go back
//! one column (a recursive function's own cell, a lambda to the cell of a running frame) run
//! under their own box and up the gap between the columns, those that go further back take
//! a lane above every box, and those within a column (an instance to its class) run in the
//! gap beside it. In its column a box is placed level with the mean of the arrows that come
//! into it, pushed down only as far as the box above needs: a cell shared by five lambdas sits
//! among them with five arrows fanning in, and every box's position follows from its
//! parents', so the same snapshot always gives the same picture.
//!
//! The frames (globals, then each running call) stack in the first column in their order. A
//! trace lays out each step given where the boxes were at the step before (`Before`): a box
//! still in its column stays where it was unless a box above pushes it, and no column gets
//! narrower, so that from one step to the next only what changed moves.

use super::{Diagram, Edge, Kind, Node, Origin, Slot};
use hashbrown::HashMap;

/// The advance of one character of a 13px monospace font (DejaVu Sans Mono and Menlo are
/// 0.602 em), rounded up so that text never reaches the border.
pub const CHAR_W: f64 = 7.9;
pub const ROW_H: f64 = 20.0;
pub const TITLE_H: f64 = 24.0;
pub const NOTE_H: f64 = 16.0;
pub const PAD: f64 = 8.0;
pub const MARGIN: f64 = 16.0;
/// The gap between columns, where the arrows run.
const COL_GAP: f64 = 90.0;
/// The space between two boxes of one column.
const BOX_GAP: f64 = 16.0;
/// The distance between two lanes of the arrows that go back.
const LANE: f64 = 10.0;
/// Space under the last row of a box.
const BOTTOM: f64 = 6.0;

/// A box as placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// Where the values of the rows start; the labels are left of it. Measured from the
    /// box's left side until the box is placed.
    pub value_x: f64,
    /// The height of the title (and note) above the first row.
    pub header: f64,
    pub column: usize,
}

impl Placed {
    /// The middle of row `i`, vertically.
    pub fn row_y(&self, i: usize) -> f64 {
        self.y + self.header + ROW_H * i as f64 + ROW_H / 2.0
    }

    /// Where an arrow out of row `i` starts: the dot in its value slot.
    pub fn dot(&self, i: usize) -> (f64, f64) {
        (self.value_x + 5.0, self.row_y(i))
    }

    /// Where arrows come in: the left side, level with the title.
    pub fn entry(&self) -> (f64, f64) {
        (self.x, self.y + TITLE_H / 2.0)
    }

    pub fn overlaps(&self, other: &Placed) -> bool {
        self.x < other.x + other.w && other.x < self.x + self.w && self.y < other.y + other.h && other.y < self.y + self.h
    }
}

/// How an arrow runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Path {
    /// Right from the dot to the edge of its column, then a curve across the gap into the
    /// target's left side. Every point of it lies between those two x positions, so it
    /// crosses no box.
    Forward { dot: (f64, f64), exit: (f64, f64), c1: (f64, f64), c2: (f64, f64), to: (f64, f64) },
    /// Straight segments into the target's right side: for a target in an earlier column,
    /// up from the source's column to a lane above every box, along it and down; for one in
    /// the same column, down or up the gap right of the column.
    Around(Vec<(f64, f64)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub edge: Edge,
    pub path: Path,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub boxes: Vec<Placed>,
    /// The height where the boxes start, under the lanes of the arrows that go back.
    pub top: f64,
    /// The width of each column.
    pub columns: Vec<f64>,
    pub arrows: Vec<Arrow>,
    pub width: f64,
    pub height: f64,
}

/// Where the boxes of the picture before were: each box's column and height below the top of
/// the boxes (the lanes above them come and go), and the width of each column.
#[derive(Clone, Debug, Default)]
pub struct Before {
    boxes: HashMap<Origin, (usize, f64)>,
    columns: Vec<f64>,
}

impl Layout {
    /// What the next picture of a trace keeps of this one, which drew `d`.
    pub fn before(&self, d: &Diagram) -> Before {
        let boxes = d.nodes.iter().zip(&self.boxes).map(|(n, b)| (n.origin, (b.column, b.y - self.top))).collect();
        Before { boxes, columns: self.columns.clone() }
    }
}

/// The size of a box, and where its values start, from its text.
fn measure(node: &Node) -> (f64, f64, f64) {
    let chars = |s: &str| s.chars().count() as f64;
    let labels = node.rows.iter().filter(|r| r.slot != Slot::Caption).map(|r| chars(&r.label)).fold(0.0, f64::max);
    let value_x = PAD + (labels + 1.0) * CHAR_W;
    let mut w = PAD + chars(&node.title) * CHAR_W + PAD;
    if let Some(note) = &node.note {
        w = w.max(PAD + chars(note) * CHAR_W + PAD);
    }
    for row in &node.rows {
        let need = match &row.slot {
            Slot::Caption => PAD + chars(&row.label) * CHAR_W + PAD,
            Slot::Text(t) => value_x + chars(t) * CHAR_W + PAD,
            Slot::Ref(_) => value_x + 10.0 + PAD,
        };
        w = w.max(need);
    }
    let header = TITLE_H + if node.note.is_some() { NOTE_H } else { 0.0 };
    let h = header + ROW_H * node.rows.len() as f64 + BOTTOM;
    (w.ceil(), h, value_x)
}

pub fn layout(d: &Diagram) -> Layout {
    arrange(d, &Before::default())
}

/// The layout of `d` as a step that follows the picture `before` describes.
pub fn arrange(d: &Diagram, before: &Before) -> Layout {
    let n = d.nodes.len();
    let edges = d.edges();
    // The column of each box: its breadth-first distance from the frames.
    let mut column = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::new();
    for (id, _) in d.nodes.iter().enumerate().take_while(|(_, node)| node.kind == Kind::Frame) {
        column[id] = 0;
        queue.push_back(id);
    }
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &edges {
        out_edges[e.from].push(e.to);
    }
    while let Some(v) = queue.pop_front() {
        for &to in &out_edges[v] {
            if column[to] == usize::MAX {
                column[to] = column[v] + 1;
                queue.push_back(to);
            }
        }
    }
    for c in column.iter_mut().filter(|c| **c == usize::MAX) {
        *c = 1;
    }
    let columns = column.iter().copied().max().map_or(0, |m| m + 1);

    let mut boxes: Vec<Placed> = d
        .nodes
        .iter()
        .zip(&column)
        .map(|(node, &c)| {
            let (w, h, value_x) = measure(node);
            let header = h - ROW_H * node.rows.len() as f64 - BOTTOM;
            Placed { x: 0.0, y: 0.0, w, h, value_x, header, column: c }
        })
        .collect();
    let mut col_x = vec![MARGIN; columns];
    let mut col_w: Vec<f64> = (0..columns).map(|c| before.columns.get(c).copied().unwrap_or(0.0)).collect();
    for b in &boxes {
        col_w[b.column] = col_w[b.column].max(b.w);
    }
    for c in 1..columns {
        col_x[c] = col_x[c - 1] + col_w[c - 1] + COL_GAP;
    }

    // Only arrows back past a column need a lane above the boxes; one column back runs
    // under its own box (below).
    let back: Vec<&Edge> = edges.iter().filter(|e| column[e.to] + 1 < column[e.from]).collect();
    let top = MARGIN + if back.is_empty() { 0.0 } else { LANE * back.len() as f64 + LANE };

    // Columns left to right: a box's wish is the mean height of the arrows into it from the
    // column before, which is already placed. A box that was in this column at the step
    // before keeps its place in the column's order, and its height unless its wish is
    // higher: it does not follow its parent down, but moves up into room that opened, so
    // that a long trace does not leave gaps where boxes went. The frames have no arrows into
    // them and stay in their order.
    for c in 0..columns {
        let mut members: Vec<(f64, f64, usize)> = Vec::new();
        for id in (0..n).filter(|&id| column[id] == c) {
            let ys: Vec<f64> = edges
                .iter()
                .filter(|e| e.to == id && column[e.from] + 1 == c)
                .map(|e| boxes[e.from].row_y(e.row))
                .collect();
            let wish = if ys.is_empty() { top } else { ys.iter().sum::<f64>() / ys.len() as f64 - TITLE_H / 2.0 };
            match before.boxes.get(&d.nodes[id].origin).filter(|(was, _)| *was == c && c > 0) {
                Some(&(_, was)) => members.push((top + was, wish.min(top + was), id)),
                None => members.push((wish, wish, id)),
            }
        }
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        let mut next = top;
        for (_, wish, id) in members {
            let b = &mut boxes[id];
            b.x = col_x[c];
            b.value_x += b.x;
            b.y = wish.max(next);
            next = b.y + b.h + BOX_GAP;
        }
    }

    let col_right = |c: usize| col_x[c] + col_w[c];
    let mut arrows = Vec::new();
    let mut lane = 0;
    let mut side = 0;
    let mut step_back = 0;
    for e in &edges {
        let (from, to) = (&boxes[e.from], &boxes[e.to]);
        let dot = from.dot(e.row);
        let path = if column[e.to] == column[e.from] + 1 {
            let exit = (col_right(from.column), dot.1);
            let end = to.entry();
            let mid = (exit.0 + end.0) / 2.0;
            Path::Forward { dot, exit, c1: (mid, exit.1), c2: (mid, end.1), to: end }
        } else if column[e.to] == column[e.from] {
            // Within a column (an instance to its class just above it) the arrow stays in
            // the gap right of the column, at a distance of its own from it.
            let x = col_right(from.column) + 10.0 + 5.0 * (side % 12) as f64;
            side += 1;
            let end = (to.x + to.w, to.y + TITLE_H / 2.0);
            Path::Around(vec![dot, (x, dot.1), (x, end.1), end])
        } else if column[e.to] + 1 == column[e.from] {
            // One column back (a lambda to the cell of the frame running beside it): right
            // out of the source's column, down into the gap under the source's box, which no
            // box of that column reaches, left along it into the gap between the two columns,
            // and along that gap to the target's right side. Each has its own distance from
            // the columns, so that arrows into one cell can be counted.
            let under = from.y + from.h + BOX_GAP / 2.0;
            let out_x = col_right(from.column) + 8.0 + 4.0 * (step_back % 4) as f64;
            let in_x = col_right(to.column) + 12.0 + 5.0 * (step_back % 12) as f64;
            step_back += 1;
            let end = (to.x + to.w, to.y + TITLE_H / 2.0);
            Path::Around(vec![dot, (out_x, dot.1), (out_x, under), (in_x, under), (in_x, end.1), end])
        } else {
            // Each arrow that goes back has a lane of its own, and its own distance from the
            // columns, so two of them never run on top of each other.
            let y = MARGIN + LANE * lane as f64;
            let out_x = col_right(from.column) + 12.0 + 4.0 * lane as f64;
            let in_x = col_right(to.column) + 12.0 + 4.0 * lane as f64;
            let end = (to.x + to.w, to.y + TITLE_H / 2.0);
            lane += 1;
            Path::Around(vec![dot, (out_x, dot.1), (out_x, y), (in_x, y), (in_x, end.1), end])
        };
        arrows.push(Arrow { edge: *e, path });
    }
    // The last column's right: arrows that go back or stay in a column may run past it.
    let last = col_right(columns.saturating_sub(1));
    let width = (arrows.iter().flat_map(|a| path_xs(&a.path)).fold(last, f64::max) + MARGIN).ceil();
    let height = (boxes.iter().map(|b| b.y + b.h).fold(top, f64::max) + MARGIN).ceil();
    Layout { boxes, top, columns: col_w, arrows, width, height }
}

fn path_xs(path: &Path) -> Vec<f64> {
    match path {
        Path::Forward { to, .. } => vec![to.0],
        Path::Around(points) => points.iter().map(|p| p.0).collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::teach::diagram::{Diagram, FrameRoots, Kind};

    /// The diagram of a program's globals after it ran, on a thread with the interpreter's
    /// stack size, as the driver runs programs.
    pub fn diagram_of(source: &str) -> Diagram {
        let source = source.to_string();
        std::thread::Builder::new()
            .stack_size(crate::runtime::model::depth::STACK_SIZE)
            .spawn(move || {
                let mut session = crate::session::Session::new(Box::new(std::io::sink()));
                session.run(&source, "<lesson>", crate::compile::Mode::Exec).ok();
                let d = Diagram::take(&mut session, None);
                session.close_generators();
                d
            })
            .unwrap()
            .join()
            .unwrap()
    }

    fn lesson(name: &str) -> String {
        std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn no_box_overlaps_another_in_any_lesson() {
        let mut names: Vec<String> = std::fs::read_dir(format!("{}/examples", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".py"))
            .collect();
        names.sort();
        assert!(names.len() >= 9, "the lessons are found");
        for name in names {
            let d = diagram_of(&lesson(&name));
            let l = layout(&d);
            assert!(d.nodes.len() > 1, "{name} draws something");
            for (i, a) in l.boxes.iter().enumerate() {
                assert!(a.x >= MARGIN && a.y >= MARGIN && a.x + a.w <= l.width && a.y + a.h <= l.height, "{name}: box {i} is inside the picture");
                for (j, b) in l.boxes.iter().enumerate().skip(i + 1) {
                    assert!(!a.overlaps(b), "{name}: boxes {i} ({}) and {j} ({}) overlap", d.nodes[i].title, d.nodes[j].title);
                }
            }
            assert_no_box_crossed(&l, &name);
            for arrow in &l.arrows {
                if let Path::Forward { exit, to, .. } = arrow.path {
                    // The gap the curve runs in holds no box.
                    for b in &l.boxes {
                        assert!(b.x + b.w <= exit.0 || b.x >= to.0, "{name}: an arrow crosses {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_cell_shared_by_five_lambdas_is_one_box_with_five_arrows_into_it() {
        let d = diagram_of("def make_funcs():\n    funcs = []\n    for i in range(5):\n        funcs.append(lambda: i)\n    return funcs\n\nfuncs = make_funcs()\n");
        let cells: Vec<usize> = (0..d.nodes.len()).filter(|&i| d.nodes[i].kind == Kind::Cell).collect();
        assert_eq!(cells.len(), 1, "{d:?}");
        let into: Vec<Edge> = d.edges().into_iter().filter(|e| e.to == cells[0]).collect();
        assert_eq!(into.len(), 5);
        assert!(into.iter().all(|e| d.nodes[e.from].kind == Kind::Function));
        let l = layout(&d);
        // The cell sits level with the middle lambda, so the arrows fan in from both sides.
        let lambdas: Vec<f64> = into.iter().map(|e| l.boxes[e.from].row_y(e.row)).collect();
        let cell = l.boxes[cells[0]].entry().1;
        assert!(lambdas.iter().any(|&y| y < cell) && lambdas.iter().any(|&y| y > cell), "{lambdas:?} around {cell}");
    }

    #[test]
    fn a_running_frames_cell_variable_is_the_box_its_closures_point_to() {
        let source = "def make_funcs():\n    funcs = []\n    for i in range(5):\n        funcs.append(lambda: i)\n    return funcs\n\nfuncs = make_funcs()\n";
        let d = std::thread::Builder::new()
            .stack_size(crate::runtime::model::depth::STACK_SIZE)
            .spawn(move || {
                let mut session = crate::session::Session::new(Box::new(std::io::sink()));
                assert!(session.run(source, "<lesson>", crate::compile::Mode::Exec).is_ok());
                let (Ok(funcs), Ok(cell)) = (session.eval("funcs"), session.eval("funcs[0].__closure__[0]")) else { panic!("the lesson ran") };
                let frames = vec![
                    FrameRoots { title: "globals".into(), rows: crate::teach::diagram::globals(&session) },
                    FrameRoots { title: "make_funcs".into(), rows: vec![("funcs".into(), funcs), ("i".into(), cell)] },
                    FrameRoots { title: "<lambda>".into(), rows: vec![] },
                ];
                Diagram::of_frames(&mut session.interp, frames)
            })
            .unwrap()
            .join()
            .unwrap();
        let titles: Vec<&str> = d.nodes.iter().take_while(|n| n.kind == Kind::Frame).map(|n| n.title.as_str()).collect();
        assert_eq!(titles, ["globals", "make_funcs", "<lambda>"]);
        assert_eq!(d.nodes[2].rows[0].label, "no variables yet");
        let cells: Vec<usize> = (0..d.nodes.len()).filter(|&i| d.nodes[i].kind == Kind::Cell).collect();
        assert_eq!(cells.len(), 1, "{d:?}");
        let from: Vec<Kind> = d.edges().iter().filter(|e| e.to == cells[0]).map(|e| d.nodes[e.from].kind).collect();
        assert_eq!(from, [Kind::Frame, Kind::Function, Kind::Function, Kind::Function, Kind::Function, Kind::Function]);
        let l = layout(&d);
        for i in 0..3 {
            assert_eq!(l.boxes[i].column, 0);
        }
        assert!(l.boxes[0].y + l.boxes[0].h < l.boxes[1].y && l.boxes[1].y + l.boxes[1].h < l.boxes[2].y, "the frames stack in order");
        for (i, a) in l.boxes.iter().enumerate() {
            for b in &l.boxes[i + 1..] {
                assert!(!a.overlaps(b));
            }
        }
    }

    #[test]
    fn a_box_stays_where_it_was_unless_room_opens_above_it() {
        let d = diagram_of("def make_counter():\n    count = 0\n    def inc():\n        nonlocal count\n        count += 1\n        return count\n    return inc\n\nb = [1]\ninc = make_counter()\n");
        let first = layout(&d);
        let function = d.nodes.iter().position(|n| n.kind == Kind::Function).unwrap();
        // A variable comes first in the globals: the arrow into the function moves down, and
        // the function would follow it, but stays.
        let mut longer = d.clone();
        longer.nodes[0].rows.insert(0, crate::teach::diagram::Row { label: "a".into(), slot: Slot::Text("1".into()) });
        let list = longer.nodes.iter().position(|n| n.title == "list").unwrap();
        assert!(layout(&longer).boxes[function].y > first.boxes[function].y);
        let kept = arrange(&longer, &first.before(&d));
        assert_eq!(kept.boxes[function].y, first.boxes[function].y);
        assert_eq!(kept.columns, first.columns, "no column gets narrower");
        // The list is gone: the function moves up into its room.
        let mut shorter = d.clone();
        shorter.nodes[0].rows.remove(0);
        shorter.nodes[list].rows.clear();
        let moved = arrange(&shorter, &first.before(&d));
        assert!(moved.boxes[function].y < first.boxes[function].y);
        assert_eq!(moved.boxes[function].y, layout(&shorter).boxes[function].y);
    }

    #[test]
    fn an_arrow_within_a_column_runs_in_the_gap_beside_it() {
        let d = diagram_of("class Counter:\n    pass\n\nc = Counter()\n");
        let l = layout(&d);
        let beside: Vec<&Arrow> = l.arrows.iter().filter(|a| matches!(a.path, Path::Around(_))).collect();
        assert_eq!(beside.len(), 1, "c's __class__ is Counter, in the same column: {d:?}");
        let Path::Around(points) = &beside[0].path else { unreachable!() };
        let column = l.boxes[beside[0].edge.to].column;
        let right = l.boxes.iter().filter(|b| b.column == column).map(|b| b.x + b.w).fold(0.0, f64::max);
        assert_eq!(points.len(), 4);
        assert!(points[1].0 > right && points[2].0 > right, "{points:?} right of {right}");
        assert!(points[3].1 < points[0].1, "up to the class, placed first");
    }

    #[test]
    fn an_arrow_back_to_an_earlier_column_goes_around_the_boxes() {
        let d = diagram_of("def outer():\n    def fact(n):\n        return 1 if n < 2 else n * fact(n - 1)\n    return fact\n\nf = outer()\n");
        let l = layout(&d);
        let back: Vec<&Arrow> = l.arrows.iter().filter(|a| matches!(a.path, Path::Around(_))).collect();
        assert_eq!(back.len(), 1, "the cell fact holds the function that holds it: {d:?}");
        let Path::Around(points) = &back[0].path else { unreachable!() };
        // One column back: under the cell's box, then up the gap to the function's side.
        let cell = &l.boxes[back[0].edge.from];
        assert!(points[2].1 > cell.y + cell.h && points[3].1 == points[2].1, "{points:?}");
        assert_no_box_crossed(&l, "fact");
        // Further back, a lane above every box.
        let d = diagram_of("def outer():\n    def f():\n        return g\n    def g():\n        return f\n    return [f]\n\nfs = outer()\n");
        let l = layout(&d);
        let far: Vec<&Arrow> = l.arrows.iter().filter(|a| l.boxes[a.edge.from].column > l.boxes[a.edge.to].column + 1).collect();
        assert!(!far.is_empty(), "{d:?}");
        for a in far {
            let Path::Around(points) = &a.path else { panic!("{a:?}") };
            assert!(l.boxes.iter().all(|b| b.y > points[2].1), "the lane runs above every box");
        }
        assert_no_box_crossed(&l, "f and g");
    }

    /// No segment of an arrow that goes around runs through a box, other than the first,
    /// which leaves its own.
    fn assert_no_box_crossed(l: &Layout, name: &str) {
        for a in &l.arrows {
            let Path::Around(points) = &a.path else { continue };
            for seg in points.windows(2).skip(1) {
                let (x0, x1) = (seg[0].0.min(seg[1].0), seg[0].0.max(seg[1].0));
                let (y0, y1) = (seg[0].1.min(seg[1].1), seg[0].1.max(seg[1].1));
                for (i, b) in l.boxes.iter().enumerate() {
                    let inside = x1 > b.x + 0.5 && x0 < b.x + b.w - 0.5 && y1 > b.y + 0.5 && y0 < b.y + b.h - 0.5;
                    assert!(!inside, "{name}: the arrow {:?} runs through box {i}: {seg:?}", a.edge);
                }
            }
        }
    }
}
