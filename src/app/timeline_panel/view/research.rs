//! What the research workspace adds to the timeline: a user-dated document's bar with faded
//! ends where its date is approximate or open, with a small mark saying the date is the
//! user's; arcs between linked documents in view (their label on hover); and dropping a
//! dragged marker on another lane, which puts the document there (`Op::SetLane`).

use super::*;
use crate::placement::{DrawnDate, GroupBy};
use crate::workspace::overlay::PlacedLink;
use crate::workspace::{DocCard, Op};
use egui::epaint::QuadraticBezierShape;
use egui::{Mesh, Pos2};
use std::collections::HashMap;

/// Where this frame drew what the workspace needs after the lanes are painted.
pub(super) struct Placed {
    /// Each drawn document's marker (with `clusters`, a cluster's members get its rect).
    pub rects: HashMap<DocIndex, Rect>,
    /// Record clusters' members too (only when there are links to draw).
    pub clusters: bool,
    /// The marker drag going on (kept in the view state between frames).
    pub drag: Option<MarkerDrag>,
    /// A document marker dropped this frame after a drag up or down, and where.
    pub dropped: Option<(DocIndex, Pos2)>,
    /// Each drawn lane's rect, by its place in the drawn lanes.
    pub lane_rects: Vec<(usize, Rect)>,
    /// How the marks drawn this frame are labelled.
    pub labels: crate::timeline::LabelCounts,
}

/// How much of a bar each faded end takes: a third, at most 40 points.
fn fade_width(width: f32) -> f32 {
    (width * 0.3).min(40.0)
}

/// A user-dated document's bar over `r`: solid in the middle, fading to nothing at the ends
/// `drawn` says are vague (a mesh with per-vertex colours), outlined where it is certain.
pub(super) fn paint_user_bar(
    painter: &egui::Painter,
    r: Rect,
    drawn: &DrawnDate,
    fill: Color32,
    stroke: Stroke,
) {
    let fw = fade_width(r.width());
    let clear = Color32::TRANSPARENT;
    let stops = [
        (r.left(), if drawn.fade_start { clear } else { fill }),
        (r.left() + if drawn.fade_start { fw } else { 0.0 }, fill),
        (r.right() - if drawn.fade_end { fw } else { 0.0 }, fill),
        (r.right(), if drawn.fade_end { clear } else { fill }),
    ];
    let mut mesh = Mesh::default();
    for pair in stops.windows(2) {
        let [(x0, c0), (x1, c1)] = [pair[0], pair[1]];
        if x1 - x0 < 0.5 {
            continue;
        }
        let base = u32::try_from(mesh.vertices.len()).unwrap_or(0);
        mesh.colored_vertex(pos2(x0, r.top()), c0);
        mesh.colored_vertex(pos2(x1, r.top()), c1);
        mesh.colored_vertex(pos2(x1, r.bottom()), c1);
        mesh.colored_vertex(pos2(x0, r.bottom()), c0);
        mesh.add_triangle(base, base + 1, base + 2);
        mesh.add_triangle(base, base + 2, base + 3);
    }
    painter.add(egui::Shape::mesh(mesh));
    // The certain part's outline: lines along it, and an end line where an end is certain.
    let (a, b) = (stops[1].0, stops[2].0);
    if b > a {
        painter.line_segment([pos2(a, r.top()), pos2(b, r.top())], stroke);
        painter.line_segment([pos2(a, r.bottom()), pos2(b, r.bottom())], stroke);
    }
    if !drawn.fade_start {
        painter.line_segment([r.left_top(), r.left_bottom()], stroke);
    }
    if !drawn.fade_end {
        painter.line_segment([r.right_top(), r.right_bottom()], stroke);
    }
}

/// The small mark on a marker whose date is the user's: a diamond over its top edge.
pub(super) fn paint_user_mark(painter: &egui::Painter, at: Pos2, t: &Tokens) {
    let s = 4.0;
    painter.add(egui::Shape::convex_polygon(
        vec![
            pos2(at.x, at.y - s),
            pos2(at.x + s, at.y),
            pos2(at.x, at.y + s),
            pos2(at.x - s, at.y),
        ],
        t.selection,
        Stroke::new(1.0, t.background),
    ));
}

/// A point of the quadratic bezier `p` at `u` in 0..=1.
fn bezier_at(p: [Pos2; 3], u: f32) -> Pos2 {
    let v = 1.0 - u;
    let x = v * v * p[0].x + 2.0 * v * u * p[1].x + u * u * p[2].x;
    let y = v * v * p[0].y + 2.0 * v * u * p[1].y + u * u * p[2].y;
    pos2(x, y)
}

/// The arcs of the links whose two documents are both drawn: from the top of one marker to
/// the top of the other, bowed upwards, an arrowhead at the target; hovered, the label.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint_links(
    ui: &Ui,
    f: &Frame,
    placed: &Placed,
    links: &[PlacedLink],
    corpus: &Corpus,
    selected: Option<DocIndex>,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    if links.is_empty() {
        return;
    }
    let painter = ui.painter_at(f.lanes_clip.intersect(f.plot));
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let mut hovered: Option<(Pos2, String)> = None;
    for link in links {
        let (Some(a), Some(b)) = (placed.rects.get(&link.from), placed.rects.get(&link.to)) else {
            continue;
        };
        if a == b {
            continue; // both in one cluster
        }
        // From the start of each marker (a bar's left end, where its date begins and its
        // label is), bowed upwards, or downwards where the lanes' top would cut the arc.
        let anchor = |r: &Rect| r.left() + (r.width() * 0.5).min(6.0);
        let clip = f.lanes_clip.intersect(f.plot);
        let lift = (a.center().distance(b.center()) * 0.3).clamp(18.0, 120.0);
        let up = a.top().min(b.top()) - lift >= clip.top() + 4.0;
        let (p0, p2, mid) = if up {
            let (p0, p2) = (pos2(anchor(a), a.top()), pos2(anchor(b), b.top()));
            (p0, p2, pos2((p0.x + p2.x) * 0.5, p0.y.min(p2.y) - lift))
        } else {
            let (p0, p2) = (pos2(anchor(a), a.bottom()), pos2(anchor(b), b.bottom()));
            (p0, p2, pos2((p0.x + p2.x) * 0.5, p0.y.max(p2.y) + lift))
        };
        let points = [p0, mid, p2];
        // The arc's middle: a dot to point at (its label shows), a click goes to the other end.
        let middle = bezier_at(points, 0.5);
        let docs = corpus.library.docs();
        let title = |d: DocIndex| docs.get(d).map_or("", |doc| doc.title.as_str());
        let text = format!("{} — {} ➡ {}", title(link.from), link.label, title(link.to));
        let dot = Rect::from_center_size(middle, vec2(14.0, 14.0));
        if f.lanes_clip.intersect(f.plot).contains(middle) {
            let response = ui.interact(
                dot,
                Id::unique(("link-arc", link.from, link.to, link.label.as_str())),
                Sense::click(),
            );
            response
                .widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Link: {text}")));
            if response.clicked() {
                let other = if selected == Some(link.from) {
                    link.to
                } else {
                    link.from
                };
                commands.push(Command::Select(Some(other)));
            }
        }
        let near = pointer.is_some_and(|p| {
            (0..=24).any(|k| {
                #[allow(clippy::cast_precision_loss)]
                let u = k as f32 / 24.0;
                bezier_at(points, u).distance(p) < 6.0
            })
        });
        let touches_selection = selected.is_some_and(|s| s == link.from || s == link.to);
        let colour = if touches_selection || near {
            t.selection
        } else {
            t.text_weak.gamma_multiply(0.8)
        };
        let width = if near { 2.5 } else { 1.5 };
        painter.add(QuadraticBezierShape::from_points_stroke(
            points,
            false,
            Color32::TRANSPARENT,
            Stroke::new(width, colour),
        ));
        // The arrowhead, along the curve's last direction.
        let dir = (p2 - mid).normalized();
        let side = vec2(-dir.y, dir.x) * 4.0;
        painter.add(egui::Shape::convex_polygon(
            vec![p2, p2 - dir * 8.0 + side, p2 - dir * 8.0 - side],
            colour,
            Stroke::NONE,
        ));
        painter.circle_filled(middle, 3.0, colour);
        if near {
            hovered = Some((middle, text));
        }
    }
    if let Some((at, text)) = hovered {
        let galley = painter.layout(text, t.font(), t.text, 420.0);
        let r = Rect::from_center_size(at - vec2(0.0, galley.size().y), galley.size()).expand(4.0);
        painter.rect_filled(r, 4.0, t.background);
        painter.rect_stroke(
            r,
            4.0,
            Stroke::new(1.0, t.selection),
            egui::StrokeKind::Inside,
        );
        painter.galley(r.min + vec2(4.0, 4.0), galley, t.text);
    }
}

/// A marker's drag this frame: sideways it pans; once further up or down than sideways it
/// becomes a move to another lane (only when the lanes group by theme, where a hand-set lane
/// applies). Returns whether the marker is being moved to a lane.
pub(super) fn drag_marker(
    response: &egui::Response,
    doc: DocIndex,
    f: &Frame,
    corpus: &Corpus,
    placed: &mut Placed,
    commands: &mut Vec<Command>,
) {
    let Some(pos) = response.interact_pointer_pos() else {
        return;
    };
    if response.drag_started() {
        placed.drag = Some(MarkerDrag {
            doc,
            from: pos,
            to_lane: false,
        });
    }
    let Some(mut drag) = placed.drag.filter(|d| d.doc == doc) else {
        return;
    };
    let moved = pos - drag.from;
    if !drag.to_lane
        && corpus.placement.group_by == GroupBy::Theme
        && moved.y.abs() > 12.0
        && moved.y.abs() > moved.x.abs()
    {
        drag.to_lane = true;
    }
    if response.dragged() && !drag.to_lane {
        let dx = response.drag_delta().x;
        if dx != 0.0 {
            commands.push(Command::Pan(f64::from(-dx / f.plot.width())));
        }
    }
    if response.drag_stopped() {
        if drag.to_lane {
            placed.dropped = Some((doc, pos));
        }
        placed.drag = None;
    } else {
        placed.drag = Some(drag);
    }
}

/// While a marker is moved to a lane: the lane under the pointer is outlined with its name;
/// when it is dropped on a lane other than its own, the document is put there.
pub(super) fn marker_dropped(
    ui: &Ui,
    f: &Frame,
    placed: &Placed,
    lanes: &[DrawnLane],
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let lane_at = |p: Pos2| {
        placed
            .lane_rects
            .iter()
            .find(|(_, r)| r.y_range().contains(p.y))
            .and_then(|(i, r)| Some((lanes.get(*i)?, *r)))
    };
    if let Some(drag) = placed.drag.filter(|d| d.to_lane) {
        if let Some((lane, r)) = ui.input(|i| i.pointer.hover_pos()).and_then(lane_at) {
            let painter = ui.painter_at(f.lanes_clip);
            painter.rect_stroke(
                r.intersect(f.lanes_clip).shrink(1.0),
                2.0,
                Stroke::new(2.0, t.selection),
                egui::StrokeKind::Inside,
            );
            let title = corpus
                .library
                .get(drag.doc)
                .map_or("", |d| d.title.as_str());
            painter.text(
                pos2(f.plot.left() + 8.0, r.top() + 4.0),
                Align2::LEFT_TOP,
                format!("Move “{title}” to {}", lane.name),
                t.font(),
                t.selection,
            );
        }
    }
    let Some((doc, at)) = placed.dropped else {
        return;
    };
    let Some((lane, _)) = lane_at(at) else { return };
    let Some(document) = corpus.library.get(doc) else {
        return;
    };
    let (broad, sub) = corpus.lane_names_of(doc);
    if lane.name == broad || sub.as_deref() == Some(lane.name.as_str()) {
        return;
    }
    commands.push(Command::Workspace(Box::new(Op::SetLane {
        id: document.id.clone(),
        card: Some(DocCard::of(document)),
        lane: Some(lane.name.clone()),
    })));
}
