//! The keyboard's focus is always visible (issue 25 §3): every widget Tab stops on, buttons
//! and custom-painted things alike (markers, lanes, the axis), carries a ring on screen, and
//! a click hides the ring again.

mod support;

use std::collections::HashSet;

/// A rect as whole points, to count distinct stops.
fn key(r: egui::Rect) -> (i32, i32, i32, i32) {
    (
        r.min.x.round() as i32,
        r.min.y.round() as i32,
        r.max.x.round() as i32,
        r.max.y.round() as i32,
    )
}

#[test]
fn every_tab_stop_shows_a_ring_on_screen() {
    for (w, hgt) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        let mut h = support::sized_harness(support::seeds_app(), w, hgt);
        h.run();
        assert_eq!(
            h.state().last_layout().focus_ring,
            None,
            "no ring before Tab"
        );
        let window = h.ctx.content_rect();
        let mut stops = HashSet::new();
        for stop in 0..80 {
            h.key_press(egui::Key::Tab);
            h.run();
            let focused = h.ctx.memory(|m| m.focused());
            let ring = h.state().last_layout().focus_ring;
            let Some(ring) = ring else {
                panic!("{w}x{hgt}, stop {stop}: the focus ({focused:?}) shows no ring");
            };
            assert!(
                window.contains_rect(ring.shrink(2.5)) && ring.width() > 6.0 && ring.height() > 6.0,
                "{w}x{hgt}, stop {stop}: ring {ring:?} is not on screen ({window:?})"
            );
            stops.insert(key(ring));
        }
        assert!(
            stops.len() > 20,
            "{w}x{hgt}: Tab visited only {} places",
            stops.len()
        );
        // A click puts the pointer in charge: the ring goes.
        let centre = window.center();
        h.event(egui::Event::PointerMoved(centre));
        h.event(egui::Event::PointerButton {
            pos: centre,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        });
        h.event(egui::Event::PointerButton {
            pos: centre,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
        assert_eq!(h.state().last_layout().focus_ring, None, "{w}x{hgt}");
    }
}
