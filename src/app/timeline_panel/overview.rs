//! The overview strip: all of 1945–1996 (or the grown extent) with a density graph of every
//! document and a box for the current window. Dragging the box pans; dragging its edges zooms;
//! a click elsewhere centres the window there.

use crate::app::base::command::Command;
use crate::app::base::tokens::Tokens;
use crate::corpus::Corpus;
use crate::timeline::{ticks, TimeScale, TimeWindow};
use egui::{pos2, Align2, Id, Rect, Role, Sense, Stroke, Ui, WidgetInfo};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Grab {
    Move,
    Left,
    Right,
}

/// State of the strip that lives between frames: what a drag in progress holds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OverviewState {
    grab: Option<Grab>,
}

/// Width of a character of the decade labels, in points (ticks leave room for labels).
const OVERVIEW_CHAR_PX: f32 = 7.0;

pub fn show(
    ui: &mut Ui,
    corpus: &Corpus,
    window: TimeWindow,
    state: &mut OverviewState,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    egui::Panel::bottom("overview")
        .exact_size(t.overview_height)
        .show(ui, |ui| {
            let rect = ui.available_rect_before_wrap();
            let strip = Rect::from_min_max(
                pos2(rect.left() + t.lane_gutter, rect.top() + 4.0),
                pos2(rect.right() - t.undated_column, rect.bottom() - 4.0),
            );
            if strip.width() < 40.0 {
                return;
            }
            let extent = corpus.extent;
            let scale = TimeScale::new(extent, strip.left(), strip.width());
            let painter = ui.painter_at(rect);
            painter.rect_filled(strip, 2.0, t.lane_stripe);
            ui.painter().text(
                pos2(rect.left() + 10.0, strip.center().y),
                Align2::LEFT_CENTER,
                "Overview",
                t.small_font(),
                t.text_weak,
            );

            // Density: months summed into pixel columns.
            let hist = &corpus.histogram;
            let columns = strip.width().ceil().max(1.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let mut bins = vec![0u32; columns as usize + 1];
            for (i, &n) in hist.months.iter().enumerate() {
                if n == 0 {
                    continue;
                }
                let x = scale.x_of(hist.bin_start(i)) - strip.left();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let col = (x.max(0.0) as usize).min(bins.len() - 1);
                bins[col] = bins[col].saturating_add(n);
            }
            super::fills::add_batched(&painter, density_mesh(&bins, strip, t.density));
            // Decade labels.
            for tick in ticks::ticks(&scale, OVERVIEW_CHAR_PX, 30.0)
                .ticks
                .iter()
                .filter(|k| k.major || k.label.ends_with('0'))
            {
                let x = scale.x_of(tick.day);
                if x < strip.left() {
                    continue;
                }
                painter.text(
                    pos2(x + 2.0, strip.top() + 1.0),
                    Align2::LEFT_TOP,
                    &tick.label,
                    t.small_font(),
                    t.text_weak,
                );
                painter.line_segment(
                    [pos2(x, strip.top()), pos2(x, strip.top() + 6.0)],
                    Stroke::new(1.0, t.grid_major),
                );
            }
            // The window box.
            let bx = Rect::from_min_max(
                pos2(scale.x_of(window.start).max(strip.left()), strip.top()),
                pos2(
                    scale
                        .x_of(window.end)
                        .min(strip.right())
                        .max(scale.x_of(window.start) + 3.0),
                    strip.bottom(),
                ),
            );
            painter.rect_filled(bx, 2.0, t.window_box.gamma_multiply(0.15));
            painter.rect_stroke(
                bx,
                2.0,
                Stroke::new(1.5, t.window_box),
                egui::StrokeKind::Inside,
            );

            let response =
                ui.interact(strip, Id::unique("overview-strip"), Sense::click_and_drag());
            response.widget_info(|| {
                WidgetInfo::labeled(
                    Role::ScrollBar,
                    true,
                    "Overview of all years: drag the box to pan, its edges to zoom",
                )
            });
            if response.drag_started() {
                if let Some(p) = response.interact_pointer_pos() {
                    let grab = if (p.x - bx.left()).abs() <= 6.0 {
                        Grab::Left
                    } else if (p.x - bx.right()).abs() <= 6.0 {
                        Grab::Right
                    } else {
                        if !bx.contains(p) {
                            commands.push(Command::SetWindow(window.centered_on(
                                scale.day_at(p.x),
                                &crate::timeline::Limits::new(extent),
                            )));
                        }
                        Grab::Move
                    };
                    state.grab = Some(grab);
                }
            }
            if let Some(p) = response.hover_pos() {
                if (p.x - bx.left()).abs() <= 6.0 || (p.x - bx.right()).abs() <= 6.0 {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
                }
            }
            if response.dragged() {
                let grab = state.grab.unwrap_or(Grab::Move);
                let days = f64::from(response.drag_delta().x) / scale.px_per_day();
                let next = match grab {
                    Grab::Move => window.shifted(days),
                    Grab::Left => window.with_start_moved(days),
                    Grab::Right => window.with_end_moved(days),
                };
                commands.push(Command::SetWindow(next));
            } else if response.clicked() {
                if let Some(p) = response.interact_pointer_pos() {
                    commands.push(Command::AnimateTo(window.centered_on(
                        scale.day_at(p.x),
                        &crate::timeline::Limits::new(extent),
                    )));
                }
            }
            if response.drag_stopped() {
                state.grab = None;
            }
        });
}

/// The overview's density graph as one mesh: a one-pixel column per pixel, each as tall as
/// the taller of the two bins that touch it (each bin spreads over two columns, so the graph
/// is one continuous shape). Plain quads, no anti-aliased fringe: a software rasterizer pays
/// for every triangle.
fn density_mesh(bins: &[u32], strip: Rect, color: egui::Color32) -> egui::epaint::Mesh {
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    let height = |n: u32| -> f32 {
        if n == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)]
        let frac = (n as f32 / max as f32).sqrt();
        ((strip.height() - 14.0) * frac).max(2.0)
    };
    let mut mesh = egui::epaint::Mesh::default();
    // Column k (left edge strip.left() + k) is covered by bins k (its left half) and k + 1.
    let mut previous = 0.0_f32;
    for (col, &n) in bins.iter().enumerate() {
        let h = height(n);
        let tallest = h.max(previous);
        previous = h;
        if tallest <= 0.0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let x = strip.left() + col as f32 - 1.0;
        mesh.add_colored_rect(
            Rect::from_min_max(
                pos2(x, strip.bottom() - tallest),
                pos2(x + 1.0, strip.bottom()),
            ),
            color,
        );
    }
    if previous > 0.0 {
        #[allow(clippy::cast_precision_loss)]
        let x = strip.left() + bins.len() as f32 - 1.0;
        mesh.add_colored_rect(
            Rect::from_min_max(
                pos2(x, strip.bottom() - previous),
                pos2(x + 1.0, strip.bottom()),
            ),
            color,
        );
    }
    mesh
}
