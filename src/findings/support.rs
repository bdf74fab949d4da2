//! Support: how many independent reports back each value, and a simple truth-discovery
//! confidence for it.
//!
//! Independence: claims count once per report ([`crate::wire::report_of`]): copies of one
//! wire story are one report, and a claim credited to an agency ("…, Reuters reported")
//! stands on that agency's report.
//!
//! Confidence (a reduced TruthFinder, Yin et al. 2008): every report starts with trust 0.8.
//! In each contest (the values given for one subject and property) a value's confidence is
//! the chance that at least one of its reports is right, `1 - Π(1 - trust)`, normalised over
//! the contest's values; a report's trust is then the mean confidence of the values it
//! backs, over every contest it takes part in (agreements included). Twenty rounds, in a
//! fixed order, so the result is the same on every run. A value backed by more reports,
//! and by reports that are right elsewhere, scores higher; with no other evidence it is
//! simply the better-supported account.

use std::collections::{BTreeMap, BTreeSet};

/// Starting trust of every report.
const PRIOR: f64 = 0.8;
const ROUNDS: usize = 20;

/// One contest: the values given for one subject and property, each with the reports
/// that back it.
pub type Contest = Vec<BTreeSet<String>>;

/// The confidence of every value of every contest (same shape as the input), and each
/// report's trust.
pub fn discover(contests: &[Contest]) -> (Vec<Vec<f64>>, BTreeMap<String, f64>) {
    let mut trust: BTreeMap<String, f64> = BTreeMap::new();
    for c in contests {
        for side in c {
            for r in side {
                trust.entry(r.clone()).or_insert(PRIOR);
            }
        }
    }
    let mut confidence: Vec<Vec<f64>> = contests.iter().map(|c| vec![0.0; c.len()]).collect();
    for _ in 0..ROUNDS {
        for (ci, c) in contests.iter().enumerate() {
            let raw: Vec<f64> = c
                .iter()
                .map(|side| 1.0 - side.iter().map(|r| 1.0 - trust[r]).product::<f64>())
                .collect();
            let total: f64 = raw.iter().sum();
            for (vi, v) in raw.iter().enumerate() {
                confidence[ci][vi] = if total > 0.0 { v / total } else { 0.0 };
            }
        }
        let mut sums: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
        for (ci, c) in contests.iter().enumerate() {
            for (vi, side) in c.iter().enumerate() {
                for r in side {
                    let e = sums.entry(r.as_str()).or_default();
                    e.0 += confidence[ci][vi];
                    e.1 += 1;
                }
            }
        }
        for (r, (sum, n)) in sums {
            if let Some(t) = trust.get_mut(r) {
                // Kept inside (0, 1) so that one report never decides alone.
                *t = (sum / n as f64).clamp(0.05, 0.95);
            }
        }
    }
    (confidence, trust)
}

/// A score as the reports print it (two decimals), so that output is byte-stable.
pub fn rounded(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn more_reports_more_confidence() {
        let (conf, _) = discover(&[vec![set(&["a", "b", "c"]), set(&["d"])]]);
        assert!(conf[0][0] > conf[0][1], "{conf:?}");
        assert!((conf[0][0] + conf[0][1] - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_report_right_elsewhere_counts_for_more() {
        // "d" agrees with three others elsewhere; "e" stands alone against them there.
        let contests = vec![vec![set(&["d"]), set(&["e"])], vec![set(&["a", "b", "d"]), set(&["e"])]];
        let (conf, trust) = discover(&contests);
        assert!(trust["d"] > trust["e"], "{trust:?}");
        assert!(conf[0][0] > conf[0][1], "{conf:?}");
    }

    #[test]
    fn deterministic() {
        let contests = vec![vec![set(&["x", "y"]), set(&["z"])], vec![set(&["z", "w"])]];
        assert_eq!(discover(&contests), discover(&contests));
    }
}
