//! How the window's width is shared: the side panels (search results, bookmarks, details),
//! the lane gutter, the undated column and the plot. Plain arithmetic in points, no egui, so
//! every size is unit-tested.
//!
//! The rule: the plot (the time axis's own width) keeps at least [`PLOT_SHARE`] of the
//! window. A side panel docks beside the timeline only while that still holds; a panel that
//! does not fit beside a docked detail panel shares its column (stacked above the details),
//! so two panels never cover the plot; with nothing docked, a panel floats over the timeline
//! as an overlay (closed with its ✖ or the toolbar toggle). Whether and how wide a panel
//! docks depends only on the window and which panels are open, never on what is shown:
//! selecting a document, or opening files that bring undated documents (and so the undated
//! column), never makes a panel jump or switch between docked and floating. The undated
//! column takes what the docked panels leave, down to a strip [`UNDATED_STRIP`] wide that
//! is always kept for it.

/// Least share of the window's width the plot keeps.
pub const PLOT_SHARE: f32 = 0.6;

/// Where a side panel goes this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dock {
    Hidden,
    /// Beside the timeline, this wide.
    Docked(f32),
    /// Over the timeline, this wide.
    Overlay(f32),
    /// In the docked detail panel's column, above the details (it did not fit beside it).
    Stacked,
}

impl Dock {
    pub fn is_shown(self) -> bool {
        self != Dock::Hidden
    }
}

/// Which side panels the user has open.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Wants {
    pub results: bool,
    pub bookmarks: bool,
    pub detail: bool,
    /// The detail panel has something to show (a selection). As an overlay it shows only then.
    pub selection: bool,
}

/// The frame's horizontal layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    pub results: Dock,
    pub bookmarks: Dock,
    pub detail: Dock,
    /// Width of the lane names' gutter.
    pub gutter: f32,
    /// Width of the undated column (0: nothing undated is shown, so no column).
    pub undated: f32,
}

/// What a docked panel takes beyond its content width (egui's separator and margins).
pub const PANEL_CHROME: f32 = 14.0;

/// Widths a side panel prefers and needs at least, in points.
const PANEL: [(f32, f32); 3] = [(300.0, 240.0), (300.0, 240.0), (380.0, 260.0)];

/// The lane gutter for a window `width` points wide: `widest` (the gutter the tokens ask
/// for) on a roomy screen, down to 112 points on a small one.
pub fn gutter(width: f32, widest: f32) -> f32 {
    let least = 112.0_f32.min(width * 0.24);
    (width * 0.14).clamp(least, widest.max(least))
}

/// The least width of the undated column, kept for it whatever docks: each lane's undated
/// count still reads ("12", the word "undated" in its hover and accessible name).
pub const UNDATED_STRIP: f32 = 56.0;

/// The undated column's preferred width, or 0 when nothing undated is shown.
pub fn undated(width: f32, any_undated: bool, widest: f32) -> f32 {
    if any_undated {
        let least = 72.0_f32.min(width * 0.14);
        (width * 0.075).clamp(least, widest.max(least))
    } else {
        0.0
    }
}

/// Shares a window `width` points wide. Panels dock in the order details, search results,
/// bookmarks while the plot keeps its share; one that does not fit stacks in the docked
/// details' column, or floats when nothing docked. `undated_px` is the undated column's
/// preferred width (0: nothing undated is shown); it never changes what docks.
pub fn plan(width: f32, wants: Wants, gutter_px: f32, undated_px: f32) -> Plan {
    // The undated column's strip is reserved whether or not it is shown, so that it
    // appearing moves nothing else.
    let strip = UNDATED_STRIP.min(width * 0.1);
    let mut budget = width * (1.0 - PLOT_SHARE) - gutter_px - strip - 4.0;
    let mut dock = |wanted: bool, (pref, min): (f32, f32)| {
        if !wanted {
            return Dock::Hidden;
        }
        if budget >= min + PANEL_CHROME {
            let w = pref.min(budget - PANEL_CHROME);
            budget -= w + PANEL_CHROME;
            Dock::Docked(w)
        } else {
            Dock::Overlay(pref.min(width * 0.9))
        }
    };
    let detail = dock(wants.detail, PANEL[2]);
    let stack = |d: Dock| match (d, detail) {
        (Dock::Overlay(_), Dock::Docked(_)) => Dock::Stacked,
        _ => d,
    };
    let results = stack(dock(wants.results, PANEL[0]));
    let bookmarks = stack(dock(wants.bookmarks, PANEL[1]));
    let undated = if undated_px > 0.0 {
        (strip + budget.max(0.0)).min(undated_px).max(strip)
    } else {
        0.0
    };
    // A floating detail panel with nothing to show would only hide the timeline; with a
    // selection it takes under half the width (down to its least), so the selected marker
    // is clear of it at one edge or the other (see `panels`).
    let detail = match detail {
        Dock::Overlay(_) if !wants.selection => Dock::Hidden,
        Dock::Overlay(w) => Dock::Overlay(w.min(width * 0.45).max(PANEL[2].1.min(width * 0.9))),
        d => d,
    };
    Plan {
        results,
        bookmarks,
        detail,
        gutter: gutter_px,
        undated,
    }
}

impl Plan {
    /// Width the docked panels take.
    pub fn docked(&self) -> f32 {
        [self.results, self.bookmarks, self.detail]
            .iter()
            .map(|d| match d {
                Dock::Docked(w) => *w + PANEL_CHROME,
                _ => 0.0,
            })
            .sum()
    }

    /// The plot's width in a window `width` points wide.
    pub fn plot(&self, width: f32) -> f32 {
        width - self.docked() - self.gutter - self.undated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Wants {
        Wants {
            results: true,
            bookmarks: true,
            detail: true,
            selection: true,
        }
    }

    #[test]
    fn the_plot_keeps_its_share_at_every_size_and_scale() {
        for (w, _) in [
            (1024.0, 768.0),
            (1280.0, 720.0),
            (1366.0, 768.0),
            (1920.0, 1080.0),
        ] {
            for scale in [1.0, 1.25, 1.5, 2.0, 3.0] {
                let points = w / scale;
                for wants in [
                    all(),
                    Wants::default(),
                    Wants {
                        detail: true,
                        ..Wants::default()
                    },
                ] {
                    let g = gutter(points, 170.0);
                    let u = undated(points, true, 92.0);
                    let p = plan(points, wants, g, u);
                    assert!(
                        p.plot(points) >= PLOT_SHARE * points - 0.01,
                        "{points}: {p:?} leaves {}",
                        p.plot(points)
                    );
                }
            }
        }
    }

    #[test]
    fn small_screens_float_panels_and_large_ones_dock_them() {
        let p = plan(
            1024.0,
            all(),
            gutter(1024.0, 170.0),
            undated(1024.0, true, 92.0),
        );
        assert!(matches!(p.detail, Dock::Overlay(_)), "{p:?}");
        // A laptop: the details dock, the bookmarks share their column.
        let p = plan(1366.0, all(), gutter(1366.0, 170.0), 0.0);
        assert!(matches!(p.detail, Dock::Docked(_)), "{p:?}");
        assert_eq!(p.bookmarks, Dock::Stacked, "{p:?}");
        let p = plan(3840.0, all(), gutter(3840.0, 170.0), 92.0);
        assert!(matches!(p.detail, Dock::Docked(w) if w == 380.0), "{p:?}");
        assert!(matches!(p.bookmarks, Dock::Docked(_)), "{p:?}");
    }

    #[test]
    fn the_detail_panel_width_does_not_depend_on_the_selection() {
        let with = plan(1920.0, all(), 170.0, 92.0);
        let without = plan(
            1920.0,
            Wants {
                selection: false,
                ..all()
            },
            170.0,
            92.0,
        );
        assert_eq!(with.detail, without.detail);
        // Floating, an empty detail panel is not drawn at all.
        let small = plan(
            1024.0,
            Wants {
                selection: false,
                ..all()
            },
            143.0,
            77.0,
        );
        assert_eq!(small.detail, Dock::Hidden);
    }

    #[test]
    fn undated_documents_appearing_never_switch_or_resize_a_panel() {
        for width in [
            1024.0, 1100.0, 1280.0, 1366.0, 1440.0, 1600.0, 1920.0, 2560.0,
        ] {
            for wants in [
                all(),
                Wants {
                    detail: true,
                    selection: true,
                    ..Wants::default()
                },
                Wants {
                    bookmarks: true,
                    detail: true,
                    selection: true,
                    ..Wants::default()
                },
            ] {
                let g = gutter(width, 170.0);
                let without = plan(width, wants, g, 0.0);
                let with = plan(width, wants, g, undated(width, true, 92.0));
                assert_eq!(
                    (without.detail, without.results, without.bookmarks),
                    (with.detail, with.results, with.bookmarks),
                    "{width}: {wants:?}"
                );
                assert_eq!(without.undated, 0.0);
                assert!(with.undated >= UNDATED_STRIP.min(width * 0.1), "{with:?}");
                assert!(with.plot(width) >= PLOT_SHARE * width - 0.01, "{with:?}");
            }
        }
        // A laptop's 1280 points: the details stay docked, the column a strip beside them.
        let p = plan(
            1280.0,
            Wants {
                detail: true,
                selection: true,
                ..Wants::default()
            },
            gutter(1280.0, 170.0),
            undated(1280.0, true, 92.0),
        );
        assert!(matches!(p.detail, Dock::Docked(_)), "{p:?}");
        assert_eq!(p.undated, UNDATED_STRIP);
        // With room to spare, the column gets its preferred width.
        let p = plan(2560.0, Wants::default(), 170.0, 92.0);
        assert_eq!(p.undated, 92.0);
    }

    #[test]
    fn a_panel_that_does_not_fit_beside_docked_details_shares_their_column() {
        let wants = Wants {
            bookmarks: true,
            detail: true,
            selection: true,
            ..Wants::default()
        };
        let p = plan(1280.0, wants, gutter(1280.0, 170.0), 96.0);
        assert!(matches!(p.detail, Dock::Docked(_)), "{p:?}");
        assert_eq!(p.bookmarks, Dock::Stacked);
        // Nothing covers the plot: it keeps its share whole.
        assert!(p.plot(1280.0) >= PLOT_SHARE * 1280.0, "{p:?}");
        // With the details closed, the collections dock on their own.
        let p = plan(
            1280.0,
            Wants {
                detail: false,
                ..wants
            },
            gutter(1280.0, 170.0),
            96.0,
        );
        assert!(matches!(p.bookmarks, Dock::Docked(_)), "{p:?}");
        // Where even the details float, the others float too (nothing to stack into).
        let p = plan(1024.0, all(), gutter(1024.0, 170.0), 77.0);
        assert!(matches!(p.detail, Dock::Overlay(_)), "{p:?}");
        assert!(matches!(p.bookmarks, Dock::Overlay(_)), "{p:?}");
    }

    #[test]
    fn no_undated_column_without_undated_documents() {
        assert_eq!(undated(1920.0, false, 92.0), 0.0);
        assert!(undated(1024.0, true, 92.0) >= 72.0);
    }
}
