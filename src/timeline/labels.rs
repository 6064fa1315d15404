//! Labels along one line that must not overlap (the context band's event labels): which get
//! a place, on which side of the thing they name, and how much of each is shown.
//!
//! Labels are placed in priority order (then left to right), each beside its anchor: on its
//! right, or, when it may and there is no room there, on its left; one that may be shortened
//! takes what room is left, down to [`MIN_WIDTH`]. Pure: widths come measured from the
//! caller, no egui here.

/// Space between an anchor (a tick) and its label.
pub const PAD: f32 = 3.0;
/// Space kept between two labels.
pub const GAP: f32 = 8.0;
/// A shortened label narrower than this is left out.
pub const MIN_WIDTH: f32 = 36.0;

/// A label that wants a place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wish {
    /// The x of what it names (a tick, an interval's start).
    pub anchor: f32,
    /// The whole label's width.
    pub width: f32,
    /// Lower is placed first.
    pub priority: u8,
    /// Placed to the right, it may reach no further than this (say, the next tick).
    pub limit: f32,
    /// It may be shortened (ended with "…") to the room there is.
    pub may_shorten: bool,
    /// It may sit on its anchor's left when its right has no room.
    pub may_flip: bool,
}

/// Where a label goes: `wish` is its index in the wishes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub wish: usize,
    pub left: f32,
    /// The width given; less than the wish's when shortened.
    pub width: f32,
}

impl Spot {
    pub fn right(&self) -> f32 {
        self.left + self.width
    }
}

/// Places the labels that fit between `left` and `right`, none within [`GAP`] of another;
/// the spots are returned left to right.
pub fn place(wishes: &[Wish], left: f32, right: f32) -> Vec<Spot> {
    let mut order: Vec<usize> = (0..wishes.len())
        .filter(|&i| wishes[i].anchor.is_finite() && wishes[i].width.is_finite())
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&wishes[a], &wishes[b]);
        (a.priority, a.anchor)
            .partial_cmp(&(b.priority, b.anchor))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut spots: Vec<Spot> = Vec::new();
    for i in order {
        let wish = wishes[i];
        let width = wish.width.max(0.0);
        let free = |a: f32, b: f32, spots: &[Spot]| {
            a >= left
                && b <= right
                && spots
                    .iter()
                    .all(|s| b + GAP <= s.left || a >= s.right() + GAP)
        };
        let start = (wish.anchor + PAD).max(left);
        // The room on the right: up to the limit, the edge, or the next label.
        let end = spots
            .iter()
            .filter(|s| s.right() + GAP > start)
            .map(|s| s.left - GAP)
            .fold(wish.limit.min(right), f32::min);
        let spot = if free(start, start + width, &spots) && start + width <= end {
            Some((start, width))
        } else if wish.may_flip && free(wish.anchor - PAD - width, wish.anchor - PAD, &spots) {
            Some((wish.anchor - PAD - width, width))
        } else if wish.may_shorten && end - start >= MIN_WIDTH && free(start, end, &spots) {
            Some((start, (end - start).min(width)))
        } else {
            None
        };
        if let Some((left, width)) = spot {
            spots.push(Spot {
                wish: i,
                left,
                width,
            });
        }
    }
    spots.sort_by(|a, b| {
        a.left
            .partial_cmp(&b.left)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    spots
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn wish(anchor: f32, width: f32, priority: u8) -> Wish {
        Wish {
            anchor,
            width,
            priority,
            limit: f32::INFINITY,
            may_shorten: false,
            may_flip: true,
        }
    }

    #[test]
    fn the_first_in_priority_wins_a_crowded_place() {
        // A dense strip of minor ticks (10 px apart) and three headline events.
        let mut wishes: Vec<Wish> = (0..100)
            .map(|i| Wish {
                limit: (i + 1) as f32 * 10.0,
                may_shorten: true,
                may_flip: false,
                ..wish(i as f32 * 10.0, 80.0, 4)
            })
            .collect();
        wishes.push(wish(305.0, 70.0, 1));
        wishes.push(wish(330.0, 120.0, 1)); // collides with the one before: left out
        wishes.push(wish(620.0, 90.0, 2));
        let spots = place(&wishes, 0.0, 1000.0);
        let placed: Vec<usize> = spots.iter().map(|s| s.wish).collect();
        assert!(placed.contains(&100) && placed.contains(&102), "{placed:?}");
        assert!(!placed.contains(&101), "{placed:?}");
        // Minor ticks 10 px apart have no room for even a short label.
        assert_eq!(placed.len(), 2, "{spots:?}");
        assert_eq!(spots[0].left, 308.0);
    }

    #[test]
    fn a_label_flips_left_at_the_edge_and_a_minor_one_is_shortened() {
        let spots = place(&[wish(950.0, 100.0, 1)], 0.0, 1000.0);
        assert_eq!(
            spots,
            vec![Spot {
                wish: 0,
                left: 847.0,
                width: 100.0
            }]
        );
        let minor = Wish {
            limit: 60.0,
            may_shorten: true,
            may_flip: false,
            ..wish(0.0, 200.0, 4)
        };
        let spots = place(&[minor], 0.0, 1000.0);
        assert_eq!(
            spots,
            vec![Spot {
                wish: 0,
                left: 3.0,
                width: 57.0
            }]
        );
        // Too little room: left out, not squeezed.
        let cramped = Wish {
            limit: 30.0,
            ..minor
        };
        assert!(place(&[cramped], 0.0, 1000.0).is_empty());
        // An interval that starts before the view is labelled from the view's edge.
        let spots = place(&[wish(-500.0, 50.0, 1)], 0.0, 1000.0);
        assert_eq!(spots[0].left, 0.0);
        // Nothing that is not a number is placed.
        assert!(place(&[wish(f32::NAN, 50.0, 1)], 0.0, 1000.0).is_empty());
    }

    proptest! {
        #[test]
        fn labels_never_overlap_or_leave_the_line(
            raw in proptest::collection::vec(
                (-100.0f32..1100.0, 0.0f32..300.0, 0u8..5, 0.0f32..400.0, any::<bool>(), any::<bool>()),
                0..80,
            )
        ) {
            let wishes: Vec<Wish> = raw
                .iter()
                .map(|&(anchor, width, priority, reach, may_shorten, may_flip)| Wish {
                    anchor,
                    width,
                    priority,
                    limit: anchor + reach,
                    may_shorten,
                    may_flip,
                })
                .collect();
            let spots = place(&wishes, 0.0, 1000.0);
            for (i, s) in spots.iter().enumerate() {
                prop_assert!(s.left >= 0.0 && s.right() <= 1000.0, "{:?}", s);
                prop_assert!(s.width <= wishes[s.wish].width + 1e-3);
                prop_assert!(s.width >= wishes[s.wish].width.min(MIN_WIDTH) - 1e-3);
                if let Some(next) = spots.get(i + 1) {
                    prop_assert!(s.right() + GAP <= next.left + 1e-3, "{:?} {:?}", s, next);
                }
            }
        }
    }
}
