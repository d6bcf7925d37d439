//! The diagram as a self-contained SVG: no script, no external font or style sheet, so it
//! opens in any browser and can be pasted into a page. Numbers are written with one decimal
//! and everything is drawn in the snapshot's order, so the same session gives the same bytes
//! and a test can pin them.

use super::layout::{self, Layout, Path, Placed, CHAR_W, NOTE_H, PAD, TITLE_H};
use super::{Diagram, Kind, Slot};
use std::fmt::Write;

/// Border and title colours for each kind of box: dark enough to read on white, and the
/// cells in the one warm colour, so that they stand out as what the diagram is about.
pub(super) fn colours(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Frame => ("#3b5f8f", "#dde7f4"),
        Kind::Function => ("#6a4c93", "#ebe4f3"),
        Kind::Cell => ("#b34d00", "#fde3cc"),
        Kind::Object => ("#5c5c5c", "#ececec"),
        Kind::Class => ("#2e7650", "#dcefe3"),
        Kind::Generator => ("#7d6400", "#f5ecc8"),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn p((x, y): (f64, f64)) -> String {
    format!("{x:.1},{y:.1}")
}

pub fn render(d: &Diagram) -> String {
    let l = layout::layout(d);
    let footer = if d.left_out > 0 { 24.0 } else { 0.0 };
    let (w, h) = (l.width, l.height + footer);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"13\">"
    );
    out.push_str("<title>cellar: the frame, functions, cells and objects</title>\n");
    // One arrowhead per colour: arrows into cells are drawn in the cells' colour.
    out.push_str("<defs>\n");
    for (id, colour) in [("arrow", "#444444"), ("arrow-cell", colours(Kind::Cell).0)] {
        let _ = writeln!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">\
             <path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(out, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    for (id, (node, b)) in d.nodes.iter().zip(&l.boxes).enumerate() {
        draw_box(&mut out, id, node, b);
    }
    draw_arrows(&mut out, d, &l);
    if d.left_out > 0 {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#555555\">… {} more objects not drawn: :draw NAME draws what one name reaches</text>",
            layout::MARGIN,
            l.height + 8.0,
            d.left_out
        );
    }
    out.push_str("</svg>\n");
    out
}

fn draw_box(out: &mut String, id: usize, node: &super::Node, b: &Placed) {
    let (border, fill) = colours(node.kind);
    let width = if node.kind == Kind::Cell { 2.0 } else { 1.2 };
    let _ = writeln!(out, "<g id=\"n{id}\" class=\"{}\">", node.kind.name());
    let _ = writeln!(out, "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"#ffffff\"/>", b.x, b.y, b.w, b.h);
    // The title band: a rectangle with rounded top corners drawn as a path.
    let header = b.header;
    let _ = writeln!(
        out,
        "<path d=\"M{:.1},{:.1} v{:.1} h{:.1} v{:.1} a4,4 0 0 0 -4,-4 h{:.1} a4,4 0 0 0 -4,4 z\" fill=\"{fill}\" stroke=\"none\"/>",
        b.x + width / 2.0,
        b.y + 4.0,
        header - 4.0,
        b.w - width,
        -(header - 4.0),
        -(b.w - width - 8.0)
    );
    // The border goes over the band, so that the band does not hide half of it.
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"none\" stroke=\"{border}\" stroke-width=\"{width}\"/>",
        b.x, b.y, b.w, b.h
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"bold\" fill=\"{border}\">{}</text>",
        b.x + PAD,
        b.y + TITLE_H / 2.0 + 4.5,
        esc(&node.title)
    );
    if let Some(note) = &node.note {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#555555\">{}</text>",
            b.x + PAD,
            b.y + TITLE_H + NOTE_H / 2.0 - 1.0,
            esc(note)
        );
    }
    for (i, row) in node.rows.iter().enumerate() {
        let y = b.row_y(i);
        let base = y + 4.5;
        match &row.slot {
            Slot::Caption => {
                let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{base:.1}\" font-style=\"italic\" fill=\"#666666\">{}</text>", b.x + PAD, esc(&row.label));
            }
            slot => {
                let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{base:.1}\" fill=\"#333333\">{}</text>", b.x + PAD, esc(&row.label));
                // The value's slot, as Python Tutor draws a variable's box.
                let slot_w = match slot {
                    Slot::Text(t) => t.chars().count() as f64 * CHAR_W + 6.0,
                    _ => 14.0,
                };
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{slot_w:.1}\" height=\"{:.1}\" fill=\"#fafafa\" stroke=\"#bbbbbb\" stroke-width=\"0.8\"/>",
                    b.value_x - 3.0,
                    y - 8.5,
                    17.0
                );
                match slot {
                    Slot::Text(t) => {
                        let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{base:.1}\" fill=\"#000000\">{}</text>", b.value_x, esc(t));
                    }
                    _ => {
                        let (x, y) = b.dot(i);
                        let _ = writeln!(out, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#444444\"/>");
                    }
                }
            }
        }
    }
    out.push_str("</g>\n");
}

/// An arrow's course as the `d` of an SVG path.
pub fn path_data(path: &Path) -> String {
    match path {
        Path::Forward { dot, exit, c1, c2, to } => format!("M{} L{} C{} {} {}", p(*dot), p(*exit), p(*c1), p(*c2), p(*to)),
        Path::Around(points) => {
            let mut s = format!("M{}", p(points[0]));
            for &pt in &points[1..] {
                let _ = write!(s, " L{}", p(pt));
            }
            s
        }
    }
}

fn draw_arrows(out: &mut String, d: &Diagram, l: &Layout) {
    for a in &l.arrows {
        let into_cell = d.nodes[a.edge.to].kind == Kind::Cell;
        let (colour, marker) = if into_cell { (colours(Kind::Cell).0, "arrow-cell") } else { ("#444444", "arrow") };
        let path = path_data(&a.path);
        let dash = if matches!(a.path, Path::Around(_)) { " stroke-dasharray=\"5,3\"" } else { "" };
        let _ = writeln!(
            out,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.4\"{dash} marker-end=\"url(#{marker})\"/>"
        );
    }
}
