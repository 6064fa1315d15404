//! Sharing the plot's height between lanes: each lane has a least height (its name, or its
//! name and two rows) and a wish (the rows its titles use when nothing has to be cut), and the
//! height left over goes by weight. Pure: the view measures, this divides.

/// Heights for lanes with least heights `mins` sharing `total`, by tiers of wishes (each
/// tier a height per lane, met for every lane before the next tier is looked at: say, first
/// the rows the titles need, then room for the lane's name on two lines). When the least
/// heights do not fit, every lane is squeezed alike down to `floor` (never below it, nor
/// above its least). Within a tier that does not fit whole, the smallest wishes are met first,
/// whole, and the rest share alike (a lane that needs two more rows gets them before a
/// crowded one gets twenty). What is left once every wish is met goes by `weights`. The
/// heights add up to more than `total` only when even the floors do not fit (then the lanes
/// scroll).
pub fn share(total: f32, mins: &[f32], tiers: &[&[f32]], weights: &[f32], floor: f32) -> Vec<f32> {
    let n = mins.len();
    let total = if total.is_finite() {
        total.max(0.0)
    } else {
        0.0
    };
    let mut base: Vec<f32> = mins.iter().map(|m| m.max(0.0)).collect();
    let least: f32 = base.iter().sum();
    if least > total {
        let squeeze = if least > 0.0 { total / least } else { 0.0 };
        for m in &mut base {
            *m = (*m * squeeze).max(floor.min(*m));
        }
        return base;
    }
    let mut budget = total - least;
    for wants in tiers {
        let extra: Vec<f32> = (0..n)
            .map(|i| (wants.get(i).copied().unwrap_or(0.0) - base[i]).max(0.0))
            .collect();
        let asked: f32 = extra.iter().sum();
        if asked > budget {
            fill_level(&mut base, &extra, budget);
            return base;
        }
        for (b, e) in base.iter_mut().zip(extra).take(n) {
            *b += e;
        }
        budget -= asked;
    }
    let weight: f32 = weights.iter().take(n).map(|w| w.max(0.0)).sum();
    if weight > 0.0 {
        for (b, w) in base.iter_mut().zip(weights).take(n) {
            *b += budget * w.max(0.0) / weight;
        }
    }
    base
}

/// Adds to each height its `extra` up to one level, the level at which `budget` is spent.
fn fill_level(base: &mut [f32], extra: &[f32], budget: f32) {
    let n = base.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| extra[a].total_cmp(&extra[b]));
    let mut left = budget;
    let mut level = 0.0f32;
    for (k, &i) in order.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let rest = (n - k) as f32;
        if (extra[i] - level) * rest <= left {
            left -= (extra[i] - level) * rest;
            level = extra[i];
        } else {
            level += left / rest;
            break;
        }
    }
    for i in 0..n {
        base[i] += extra[i].min(level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_wishes_are_met_whole_before_large_ones() {
        // 300 to share; least heights 50 each; wishes 70, 200 and 60.
        let h = share(300.0, &[50.0; 3], &[&[70.0, 200.0, 60.0]], &[1.0; 3], 28.0);
        assert_eq!(h, vec![70.0, 170.0, 60.0]);
        // Room for every wish: the rest by weight.
        let h = share(400.0, &[50.0; 2], &[&[70.0, 100.0]], &[1.0, 3.0], 28.0);
        assert_eq!(h, vec![127.5, 272.5]);
        // The first tier (rows for titles) before the second (room for a name).
        let h = share(
            300.0,
            &[30.0; 3],
            &[&[30.0, 250.0, 30.0], &[52.0; 3]],
            &[1.0; 3],
            28.0,
        );
        assert_eq!(h, vec![30.0, 240.0, 30.0]);
        // Not even the least heights: squeezed alike, never under the floor.
        let h = share(100.0, &[50.0; 4], &[], &[1.0; 4], 28.0);
        assert_eq!(h, vec![28.0; 4]);
    }

    proptest! {
        #[test]
        fn heights_fill_the_plot_and_keep_the_least(
            lanes in proptest::collection::vec((0.0f32..80.0, 0.0f32..400.0, 0.0f32..5.0), 1..30),
            total in 0.0f32..2000.0,
        ) {
            let mins: Vec<f32> = lanes.iter().map(|l| l.0).collect();
            let wants: Vec<f32> = lanes.iter().map(|l| l.0 + l.1).collect();
            let weights: Vec<f32> = lanes.iter().map(|l| l.2).collect();
            let h = share(total, &mins, &[&wants], &weights, 10.0);
            let sum: f32 = h.iter().sum();
            let least: f32 = mins.iter().sum();
            if least <= total {
                prop_assert!(sum <= total + 0.1, "{sum} > {total}");
                for i in 0..h.len() {
                    prop_assert!(h[i] >= mins[i] - 0.01);
                }
                let wanted: f32 = wants.iter().sum();
                if wanted >= total {
                    prop_assert!(sum >= total - 0.1, "{sum} < {total}");
                    for i in 0..h.len() {
                        prop_assert!(h[i] <= wants[i] + 0.01);
                    }
                }
            } else {
                for i in 0..h.len() {
                    prop_assert!(h[i] <= mins[i] + 0.01);
                }
            }
        }
    }
}
