//! Lane layouts kept from one frame to the next. The app repaints on every hover and every
//! frame of an animation, mostly with the window where it was; a lane's layout only changes
//! when its documents, the scale or the sizes do, so it is laid out again only then.

use super::{LaneIndex, LaneLayout, LayoutParams, TimeScale};
use std::sync::{Arc, Weak};

/// What a lane's layout depends on besides the lane's documents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutKey {
    pub scale: TimeScale,
    pub params: LayoutParams,
    /// What the titles were measured in: the library (its address), the font size and the
    /// pixels per point (their bits).
    pub measure: (usize, u32, u32),
}

/// Whether `kept` is `lane`: a lane held weakly keeps its allocation, so its address is not
/// reused while it is held, and a rebuilt lane is a new allocation. The one rule by which the
/// caches of per-lane work tell a lane.
pub fn is_lane(kept: &Weak<LaneIndex>, lane: &Arc<LaneIndex>) -> bool {
    std::ptr::eq(kept.as_ptr(), Arc::as_ptr(lane))
}

/// The layouts of the last frame, by lane and key.
#[derive(Clone, Debug, Default)]
pub struct LayoutCache {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    /// The lane laid out. Held weakly: a rebuilt lane is a new allocation, and this one's
    /// address is not reused while the entry lives, so an equal address is the same lane.
    lane: Weak<LaneIndex>,
    key: LayoutKey,
    layout: Arc<LaneLayout>,
    used: bool,
}

impl LayoutCache {
    /// Starts a frame: what it does not ask for again is dropped by [`LayoutCache::end_frame`].
    pub fn begin_frame(&mut self) {
        for entry in &mut self.entries {
            entry.used = false;
        }
    }

    /// Ends a frame, keeping only the layouts it used.
    pub fn end_frame(&mut self) {
        self.entries.retain(|e| e.used);
    }

    /// The layout of `lane` for `key`: the one kept, or `lay_out()`'s, kept for next time
    /// (shared, not copied: a frame only reads it).
    pub fn get_or_lay_out(
        &mut self,
        lane: &Arc<LaneIndex>,
        key: LayoutKey,
        lay_out: impl FnOnce() -> LaneLayout,
    ) -> Arc<LaneLayout> {
        let same = |e: &Entry| is_lane(&e.lane, lane) && e.key == key;
        if let Some(entry) = self.entries.iter_mut().find(|e| same(e)) {
            entry.used = true;
            return Arc::clone(&entry.layout);
        }
        let layout = Arc::new(lay_out());
        self.entries.push(Entry {
            lane: Arc::downgrade(lane),
            key,
            layout: Arc::clone(&layout),
            used: true,
        });
        layout
    }

    /// How many layouts are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::layout::layout_lane;
    use crate::timeline::TimeWindow;

    fn lane() -> Arc<LaneIndex> {
        let text = "March 5, 1953\n\nA telegram\n\nJune 25, 1950\n\nA cable\n\n";
        let loaded = crate::ingest::load_texts(&[("p.txt", text)]);
        Arc::new(LaneIndex::build(&loaded.library, 0..loaded.library.len()))
    }

    /// The Cold War's span, panned by `shift` days.
    fn key(shift: f64) -> LayoutKey {
        let w = TimeWindow::cold_war();
        LayoutKey {
            scale: TimeScale::new(
                TimeWindow::new(w.start + shift, w.end + shift),
                100.0,
                1200.0,
            ),
            params: LayoutParams::default(),
            measure: (1, 2, 3),
        }
    }

    fn lay_out(lane: &LaneIndex, key: &LayoutKey, calls: &mut usize) -> LaneLayout {
        *calls += 1;
        layout_lane(lane, |_| 10, &key.scale, &key.params)
    }

    #[test]
    fn a_layout_is_reused_until_its_window_or_its_lane_changes() {
        let lane = lane();
        let mut cache = LayoutCache::default();
        let mut calls = 0;
        let k = key(0.0);
        let first = cache.get_or_lay_out(&lane, k, || lay_out(&lane, &k, &mut calls));
        assert_eq!(first.marks.len(), 2);
        let again = cache.get_or_lay_out(&lane, k, || lay_out(&lane, &k, &mut calls));
        assert_eq!((calls, &again), (1, &first));
        // Panned: laid out again.
        let moved = key(400.0);
        let panned = cache.get_or_lay_out(&lane, moved, || lay_out(&lane, &moved, &mut calls));
        assert_eq!(calls, 2);
        assert_ne!(panned.marks[0].x0, first.marks[0].x0);
        // The same documents in a rebuilt lane: laid out again, never taken for the old one.
        let rebuilt = Arc::new((*lane).clone());
        cache.get_or_lay_out(&rebuilt, k, || lay_out(&rebuilt, &k, &mut calls));
        assert_eq!(calls, 3);
    }

    #[test]
    fn a_frame_keeps_only_the_layouts_it_used() {
        let lane = lane();
        let mut cache = LayoutCache::default();
        let mut calls = 0;
        let (a, b) = (key(0.0), key(400.0));
        cache.begin_frame();
        cache.get_or_lay_out(&lane, a, || lay_out(&lane, &a, &mut calls));
        cache.get_or_lay_out(&lane, b, || lay_out(&lane, &b, &mut calls));
        cache.end_frame();
        assert_eq!(cache.len(), 2);
        cache.begin_frame();
        cache.get_or_lay_out(&lane, b, || lay_out(&lane, &b, &mut calls));
        cache.end_frame();
        assert_eq!((cache.len(), calls), (1, 2));
        cache.begin_frame();
        cache.end_frame();
        assert!(cache.is_empty());
    }
}
