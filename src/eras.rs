//! Eras of Soviet leadership, for exploring by period: presets that zoom the timeline and faint
//! labelled bands behind the lanes. Pure data; the app draws them.

use crate::timeline::days::day_of;
use crate::timeline::TimeWindow;
use chrono::NaiveDate;

/// A named period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Era {
    pub name: &'static str,
    /// First day, as (year, month, day).
    pub from: (i32, u32, u32),
    /// First day after the era.
    pub until: (i32, u32, u32),
}

impl Era {
    pub fn window(&self) -> TimeWindow {
        let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).map_or(0.0, day_of);
        TimeWindow::new(day(self.from), day(self.until))
    }

    /// "1953–1964", the years the era touches.
    pub fn years(&self) -> String {
        let last = if self.until.1 == 1 && self.until.2 == 1 {
            self.until.0 - 1
        } else {
            self.until.0
        };
        format!("{}–{}", self.from.0, last)
    }
}

/// Stalin to the post-Soviet years, back to back: every day of 1945–1996 is in exactly one.
pub const ERAS: [Era; 5] = [
    Era {
        name: "Stalin",
        from: (1945, 1, 1),
        until: (1953, 3, 5),
    },
    Era {
        name: "Khrushchev",
        from: (1953, 3, 5),
        until: (1964, 10, 14),
    },
    Era {
        name: "Brezhnev",
        from: (1964, 10, 14),
        until: (1982, 11, 10),
    },
    Era {
        name: "Late Soviet",
        from: (1982, 11, 10),
        until: (1991, 12, 26),
    },
    Era {
        name: "Post-Soviet",
        from: (1991, 12, 26),
        until: (1997, 1, 1),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras_tile_the_span_without_gaps() {
        let span = TimeWindow::cold_war();
        assert_eq!(ERAS[0].window().start, span.start);
        assert_eq!(ERAS[ERAS.len() - 1].window().end, span.end);
        for pair in ERAS.windows(2) {
            assert_eq!(pair[0].window().end, pair[1].window().start);
            assert!(pair[0].window().span() > 365.0);
        }
        assert_eq!(ERAS[1].years(), "1953–1964");
        assert_eq!(ERAS[4].years(), "1991–1996");
    }
}
