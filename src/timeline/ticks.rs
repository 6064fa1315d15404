//! Axis ticks that adapt from decades to years, months and days.
//!
//! The step is the finest calendar step whose narrowest interval still fits its widest label
//! plus a gap, so labels never overlap. When zoomed into months or days, a context label names
//! the year (and month) in view, so a reader always knows when they are.

use super::days::{date_of, day_of};
use super::scale::TimeScale;
use crate::model::date::MONTH_NAMES;
use chrono::{Datelike, NaiveDate};

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub day: f64,
    pub label: String,
    /// Starts a larger unit (a decade, a year, a month): drawn stronger.
    pub major: bool,
}

/// The ticks of one frame and the context label ("1956", "September 1956").
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    pub ticks: Vec<Tick>,
    pub context: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Years(i32),
    Months(u32),
    Days(u32),
}

/// Steps from coarsest to finest.
const STEPS: [Step; 13] = [
    Step::Years(50),
    Step::Years(20),
    Step::Years(10),
    Step::Years(5),
    Step::Years(2),
    Step::Years(1),
    Step::Months(6),
    Step::Months(3),
    Step::Months(1),
    Step::Days(14),
    Step::Days(7),
    Step::Days(2),
    Step::Days(1),
];

impl Step {
    /// The shortest interval between two ticks of this step, in days.
    fn min_days(self) -> f64 {
        match self {
            Step::Years(n) => 365.0 * f64::from(n),
            Step::Months(n) => 28.0 * f64::from(n),
            // Day ticks restart at each month's 1st; a tick too close to the next 1st is
            // skipped, so no interval is shorter than the step.
            Step::Days(n) => f64::from(n),
        }
    }

    /// The widest label this step writes, in characters.
    fn label_chars(self) -> usize {
        match self {
            Step::Years(_) => 4,  // "1956"
            Step::Months(_) => 4, // "Sep", or "1956" on January ("Sep 1956" only with room)
            Step::Days(_) => 6,   // "Sep 17"
        }
    }
}

fn short_month(month0: u32) -> &'static str {
    MONTH_NAMES
        .get(month0 as usize)
        .map_or("?", |name| name.get(..3).unwrap_or(name))
}

/// Ticks for `scale`; `char_width` is the width of one label character in pixels and `gap`
/// the least free space between two labels.
pub fn ticks(scale: &TimeScale, char_width: f32, gap: f32) -> Ticks {
    let px_per_day = scale.px_per_day();
    #[allow(clippy::cast_precision_loss)]
    let fits = |step: Step| {
        let label = step.label_chars() as f64 * f64::from(char_width) + f64::from(gap);
        step.min_days() * px_per_day >= label
    };
    let step = STEPS
        .iter()
        .rev()
        .copied()
        .find(|&s| fits(s))
        .unwrap_or(Step::Years(50));
    let window = scale.window;
    let (Some(first), Some(last)) = (date_of(window.start), date_of(window.end - 1e-6)) else {
        return Ticks {
            ticks: Vec::new(),
            context: None,
        };
    };
    let mut out = Vec::new();
    match step {
        Step::Years(n) => {
            let mut y = first.year().div_euclid(n) * n;
            while y <= last.year() {
                if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                    out.push(Tick {
                        day: day_of(d),
                        label: y.to_string(),
                        major: if n < 10 { y % 10 == 0 } else { y % 50 == 0 },
                    });
                }
                y += n;
            }
        }
        Step::Months(n) => {
            let mut y = first.year();
            let mut m0 = (first.month0() / n) * n;
            let room_for_year =
                28.0 * f64::from(n) * px_per_day >= 8.0 * f64::from(char_width) + f64::from(gap);
            while (y, m0) <= (last.year(), last.month0()) {
                if let Some(d) = NaiveDate::from_ymd_opt(y, m0 + 1, 1) {
                    let label = if m0 == 0 {
                        y.to_string()
                    } else if room_for_year {
                        format!("{} {y}", short_month(m0))
                    } else {
                        short_month(m0).to_string()
                    };
                    out.push(Tick {
                        day: day_of(d),
                        label,
                        major: m0 == 0,
                    });
                }
                m0 += n;
                if m0 >= 12 {
                    m0 = 0;
                    y += 1;
                }
            }
        }
        Step::Days(n) => {
            let mut d = first.with_day(1).unwrap_or(first);
            while d <= last {
                let month_days = u32::from(d.num_days_in_month());
                let mut day = 1;
                while day <= month_days {
                    // The last tick of a month must leave room before the next month's first.
                    let fits_before_next = day == 1 || month_days + 1 - day >= n;
                    if let Some(date) = d.with_day(day) {
                        if fits_before_next && date >= first && date <= last {
                            let label = if day == 1 {
                                if d.month0() == 0 {
                                    format!("{}", d.year())
                                } else {
                                    short_month(d.month0()).to_string()
                                }
                            } else {
                                format!("{} {day}", short_month(d.month0()))
                            };
                            out.push(Tick {
                                day: day_of(date),
                                label,
                                major: day == 1,
                            });
                        }
                    }
                    day += n;
                }
                d = match d.checked_add_months(chrono::Months::new(1)) {
                    Some(next) => next,
                    None => break,
                };
            }
        }
    }
    let context = match step {
        Step::Years(_) => None,
        Step::Months(_) => Some(if first.year() == last.year() {
            first.year().to_string()
        } else {
            format!("{}–{}", first.year(), last.year())
        }),
        Step::Days(_) => Some(
            if (first.year(), first.month()) == (last.year(), last.month()) {
                format!("{} {}", MONTH_NAMES[first.month0() as usize], first.year())
            } else if first.year() == last.year() {
                format!(
                    "{}–{} {}",
                    short_month(first.month0()),
                    short_month(last.month0()),
                    first.year()
                )
            } else {
                format!(
                    "{} {}–{} {}",
                    short_month(first.month0()),
                    first.year(),
                    short_month(last.month0()),
                    last.year()
                )
            },
        ),
    };
    Ticks {
        ticks: out,
        context,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::window::{Limits, TimeWindow};

    const CHAR_W: f32 = 7.0;
    const GAP: f32 = 12.0;

    fn assert_no_overlap(scale: &TimeScale, t: &Ticks) {
        for pair in t.ticks.windows(2) {
            let a = scale.x_of(pair[0].day);
            let b = scale.x_of(pair[1].day);
            #[allow(clippy::cast_precision_loss)]
            let need = pair[0].label.chars().count() as f32 * CHAR_W + GAP;
            assert!(
                b - a >= need - 0.01,
                "{:?} and {:?} overlap: {} px apart, need {need}",
                pair[0],
                pair[1],
                b - a
            );
        }
    }

    #[test]
    fn ticks_never_overlap_at_any_zoom() {
        let limits = Limits::new(TimeWindow::cold_war());
        let anchor = day_of(NaiveDate::from_ymd_opt(1956, 9, 20).expect("valid"));
        for width in [400.0f32, 900.0, 1600.0, 3840.0] {
            let mut window = TimeWindow::cold_war();
            for _ in 0..40 {
                let scale = TimeScale::new(window, 0.0, width);
                let t = ticks(&scale, CHAR_W, GAP);
                assert!(
                    !t.ticks.is_empty() || width < 500.0,
                    "no ticks at {window:?}"
                );
                assert_no_overlap(&scale, &t);
                window = window.zoom_at(anchor, 1.37, &limits);
            }
        }
    }

    #[test]
    fn whole_span_shows_years_and_deep_zoom_names_the_year() {
        let scale = TimeScale::new(TimeWindow::cold_war(), 0.0, 1600.0);
        let t = ticks(&scale, CHAR_W, GAP);
        assert!(t.ticks.iter().any(|t| t.label == "1950"));
        assert!(t.ticks.iter().any(|t| t.label == "1990"));
        assert_eq!(t.context, None);

        let start = day_of(NaiveDate::from_ymd_opt(1956, 9, 14).expect("valid"));
        let scale = TimeScale::new(TimeWindow::new(start, start + 14.0), 0.0, 1600.0);
        let t = ticks(&scale, CHAR_W, GAP);
        assert_eq!(t.context.as_deref(), Some("September 1956"));
        assert!(t.ticks.iter().any(|t| t.label == "Sep 17"), "{:?}", t.ticks);
    }

    #[test]
    fn months_view_labels_months() {
        let start = day_of(NaiveDate::from_ymd_opt(1956, 1, 1).expect("valid"));
        let scale = TimeScale::new(TimeWindow::new(start, start + 366.0), 0.0, 700.0);
        let t = ticks(&scale, CHAR_W, GAP);
        assert!(
            t.ticks.iter().any(|t| t.label.starts_with("Sep")),
            "{:?}",
            t.ticks
        );
        assert_eq!(t.context.as_deref(), Some("1956"));
    }
}
