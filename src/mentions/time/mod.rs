//! Time expressions: dates in every common form, weekdays, parts of days, relative days and
//! periods, quarters, seasons, holidays, clock times, named zones, recurring times and
//! parenthesised conversions, resolved against the article's publication date and zone
//! (never the clock). Every value carries its TimeML TIMEX3 value.
//!
//! The recogniser works in two passes over each sentence: one regex finds *components*
//! ([`components`]), then adjacent components joined only by glue words ("on", "at", ",",
//! "of") are merged into one mention and resolved together ([`resolve`]). Its example corpus
//! is `src/mentions/examples/time.yaml`.

mod components;
mod lexicon;
mod resolve;
pub(crate) mod zones;

use jiff::civil::Date;
use jiff::tz::TimeZone;

pub use lexicon::{month_number, weekday_of};
pub use zones::zone_of_place;

use super::timeval::{Grain, TimeValue};
use components::{components, is_glue, Comp, Kind};
pub use resolve::end_of_day_reading;
use resolve::{combine_alt, resolve};

/// What a time expression is resolved against.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    pub date: Option<Date>,
    pub zone: Option<TimeZone>,
    /// Whether `zone` is only guessed from the dateline's place (not the front matter's
    /// `timezone`): a bracketed conversion many hours away from it tells the clock's own
    /// zone instead (a Washington-datelined story quoting Damascus time).
    pub zone_guessed: bool,
    /// Which way a clause without tense points: news looks back (the default); an
    /// assistant's "Monday" is the coming one (used to compare with such taggers).
    pub lean: Lean,
}

/// The direction an untensed expression is read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lean {
    #[default]
    Past,
    Future,
}

/// The last time an article named, carried from sentence to sentence so that anaphora
/// ("the next day", "two days later", "a year earlier") and bare clock times ("at 2:56
/// p.m.") can be read from it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Anchor {
    pub date: Option<Date>,
    pub grain: Option<Grain>,
}

/// One recognised time expression; `start`/`end` are byte offsets into the text given.
#[derive(Clone, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: TimeValue,
    pub rule: &'static str,
}

/// All time expressions in one sentence. `last` carries the latest resolved time forward
/// for anaphoric expressions ("two days later").
pub fn find_in(sentence: &str, reference: &Reference, last: &mut Anchor) -> Vec<Found> {
    let comps = components(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < comps.len() {
        // Grow a group of components joined by glue.
        let mut group = vec![comps[i].clone()];
        let mut j = i + 1;
        while j < comps.len() {
            let prev_end = group.last().unwrap().end;
            let gap = &sentence[prev_end..comps[j].start];
            let slot = comps[j].kind.slot();
            let clash =
                group.iter().any(|c| c.kind.slot() == slot) || slot == 8 || group.iter().any(|c| c.kind.slot() == 8);
            if clash || !is_glue(gap) {
                break;
            }
            group.push(comps[j].clone());
            j += 1;
        }
        let mut end = group.last().unwrap().end;
        // A parenthesised second reading: "(2200 GMT Wednesday)", "(14 September)".
        let mut alt: Vec<Comp> = Vec::new();
        let rest = &sentence[end..];
        let open = rest.len() - rest.trim_start().len();
        if rest[open..].starts_with('(') {
            let inner_start = end + open + 1;
            let mut k = j;
            let mut alt_end = inner_start;
            while k < comps.len() && comps[k].start >= inner_start {
                let gap = &sentence[alt_end..comps[k].start];
                if !(gap.trim().is_empty() || is_glue(gap)) {
                    break;
                }
                if alt.iter().any(|c| c.kind.slot() == comps[k].kind.slot()) {
                    break;
                }
                alt.push(comps[k].clone());
                alt_end = comps[k].end;
                k += 1;
            }
            let close = &sentence[alt_end..];
            if !alt.is_empty() && close.trim_start().starts_with(')') {
                end = alt_end + (close.len() - close.trim_start().len()) + 1;
                j = k;
                // The main reading goes on after the brackets: "03:36 (01:36 GMT) on
                // Wednesday".
                while j < comps.len() {
                    let slot = comps[j].kind.slot();
                    if slot == 8
                        || group.iter().any(|c| c.kind.slot() == slot)
                        || !is_glue(&sentence[end..comps[j].start])
                    {
                        break;
                    }
                    group.push(comps[j].clone());
                    end = comps[j].end;
                    j += 1;
                }
            } else {
                alt.clear();
            }
        }
        let start = group[0].start;
        if let Some((mut value, rule)) = resolve(&group, sentence, start, end, reference, last) {
            if !alt.is_empty() {
                combine_alt(&mut value, &group, &alt, sentence, start, end, reference, last);
            }
            if let Some(d) = value.interval().map(|iv| iv.start.date()) {
                *last = Anchor {
                    date: Some(d),
                    grain: Some(value.grain),
                };
            }
            match split_at_signal(&group, sentence) {
                // "noon on Saturday", "Wednesday at 9 a.m.": in TimeML a preposition is a
                // signal between two time expressions, so the clock time (with the day it
                // is on) and the day are two mentions.
                Some(k) if alt.is_empty() => {
                    let (left, right) = group.split_at(k);
                    let clock_left = left.iter().any(|c| c.kind.slot() == 3);
                    let (clock_side, day_side) = if clock_left { (left, right) } else { (right, left) };
                    let span = |side: &[Comp]| (side[0].start, side[side.len() - 1].end);
                    let (ds, de) = span(day_side);
                    if let Some((day_value, day_rule)) = resolve(day_side, sentence, ds, de, reference, last) {
                        let (cs, ce) = span(clock_side);
                        let mut parts = [
                            Found {
                                start: cs,
                                end: ce,
                                value,
                                rule,
                            },
                            Found {
                                start: ds,
                                end: de,
                                value: day_value,
                                rule: day_rule,
                            },
                        ];
                        parts.sort_by_key(|f| f.start);
                        out.extend(parts);
                    } else {
                        out.push(Found {
                            start,
                            end,
                            value,
                            rule,
                        });
                    }
                }
                _ => out.push(Found {
                    start,
                    end,
                    value,
                    rule,
                }),
            }
        }
        i = j.max(i + 1);
    }
    range_on_one_day(sentence, &mut out);
    out
}

/// "from 2.08am to 3.15am on 3 October", "between 1 p.m. and 3 p.m. on Friday": the day
/// after the second clock time is the first one's too.
fn range_on_one_day(sentence: &str, out: &mut [Found]) {
    for k in 0..out.len().saturating_sub(2) {
        let (a, b, c) = (&out[k], &out[k + 1], &out[k + 2]);
        if a.rule != "time.clock" || b.rule != "time.clock" || c.rule == "time.clock" {
            continue;
        }
        let before = sentence[..a.start].trim_end().to_lowercase();
        let opened = before.ends_with("from") || before.ends_with("between");
        let joined = matches!(
            sentence[a.end..b.start].trim().to_lowercase().as_str(),
            "to" | "until" | "till" | "and" | "-" | "–" | "through"
        );
        let on = matches!(sentence[b.end..c.start].trim().to_lowercase().as_str(), "on" | "," | "");
        if !(opened && joined && on) {
            continue;
        }
        let (Some(day), Some(first)) = (c.value.interval(), a.value.interval()) else {
            continue;
        };
        let day = day.start.date();
        // Only when the first time was given no day of its own (it took the article's or
        // the last one named), and a night-long range ("from 11pm to 1am on Sunday") is left
        // as it is.
        let (a_clock, b_clock) = (first.start.time(), b.value.interval().map(|iv| iv.start.time()));
        if first.start.date() == day || b_clock.is_none_or(|t| t < a_clock) {
            continue;
        }
        if let Some(moved) = a.value.moved_to(day) {
            out[k].value = moved;
        }
    }
}

/// Where a group of components splits into a clock time and the day it is on, joined by
/// "on" or "at": the index of the first component after the preposition.
fn split_at_signal(group: &[Comp], sentence: &str) -> Option<usize> {
    let k = (1..group.len()).find(|&k| {
        let gap = &sentence[group[k - 1].end..group[k].start];
        let signal = gap
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.eq_ignore_ascii_case("on") || w.eq_ignore_ascii_case("at"));
        // "6:30 a.m. the same day": a day told from another is its own expression.
        signal || matches!(group[k].kind, Kind::Anaphor { .. }) || matches!(group[k - 1].kind, Kind::Anaphor { .. })
    })?;
    let (left, right) = group.split_at(k);
    let has = |side: &[Comp], slots: &[u8]| side.iter().any(|c| slots.contains(&c.kind.slot()));
    let clock = |side: &[Comp]| has(side, &[3]);
    let day = |side: &[Comp]| has(side, &[1, 2, 4]);
    ((clock(left) && !day(left) && day(right) && !clock(right))
        || (clock(right) && !day(right) && day(left) && !clock(left)))
    .then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn one(text: &str, published: Date) -> (String, TimeValue) {
        let r = Reference {
            date: Some(published),
            ..Default::default()
        };
        let found = find_in(text, &r, &mut Anchor::default());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (text[found[0].start..found[0].end].to_string(), found[0].value.clone())
    }

    #[test]
    fn a_range_of_clock_times_is_on_the_day_after_it() {
        let r = Reference {
            date: Some(date(2015, 12, 12)),
            ..Default::default()
        };
        let starts = |text: &str| -> Vec<String> {
            find_in(text, &r, &mut Anchor::default())
                .into_iter()
                .map(|f| f.value.start.unwrap_or_default())
                .collect()
        };
        // Past, two months back, not the next 3 October; both ends on that day.
        assert_eq!(
            starts("The hospital was attacked from 2.08am to 3.15am on 3 October, the charity said."),
            ["2015-10-03T02:08:00", "2015-10-03T03:15:00", "2015-10-03"]
        );
        assert_eq!(
            starts("Talks ran between 1 p.m. and 3 p.m. on Friday."),
            ["2015-12-11T13:00:00", "2015-12-11T15:00:00", "2015-12-11"]
        );
        // A range through midnight keeps its first time on the day before.
        assert_eq!(
            starts("The vote will run from 11pm to 1am on Sunday."),
            ["2015-12-12T23:00:00", "2015-12-13T01:00:00", "2015-12-13"]
        );
        // "until" after a past verb looks back.
        assert_eq!(starts("The curfew lasted until 3 October."), ["2015-10-03"]);
    }

    #[test]
    fn tense_decides_the_weekday() {
        let (_, v) = one("The military says Thursday will be the first day.", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-05-05"));
        let (_, v) = one("The truce officially went into effect Wednesday.", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-05-04"));
        let (_, v) = one("Fighting resumed on Thursday.", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-04-28"));
    }

    #[test]
    fn parenthesised_date_checks_the_weekday() {
        let (t, v) = one("They spoke on Wednesday (14 September) and agreed.", date(2016, 9, 15));
        assert_eq!(t, "Wednesday (14 September)");
        assert_eq!(v.start.as_deref(), Some("2016-09-14"));
        assert_eq!(v.mismatch, None);
        let (_, v) = one("They spoke on Tuesday (14 September) and agreed.", date(2016, 9, 15));
        assert!(v.mismatch.is_some());
    }

    #[test]
    fn gmt_conversion_gives_the_local_offset() {
        let (t, v) = one(
            "The truce starts at 1:00 a.m. on Thursday (2200 GMT Wednesday), it said.",
            date(2016, 5, 4),
        );
        assert_eq!(t, "1:00 a.m. on Thursday (2200 GMT Wednesday)");
        assert_eq!(v.start.as_deref(), Some("2016-05-05T01:00:00+03:00"));
        assert_eq!(v.mismatch, None);
        assert_eq!(v.readings.len(), 1);
    }

    #[test]
    fn part_of_day_and_relative_days() {
        let (t, v) = one(
            "concluded arrangements late yesterday evening, to reaffirm",
            date(2016, 5, 4),
        );
        assert_eq!(t, "late yesterday evening");
        assert!(v.start.as_deref().unwrap().starts_with("2016-05-03T"));
        let (t, v) = one("Agreement was reached late on Tuesday: a ceasefire", date(2016, 5, 4));
        assert_eq!(t, "late on Tuesday");
        assert!(v.start.as_deref().unwrap().starts_with("2016-05-03T18"));
    }

    #[test]
    fn months_and_years_lean_to_the_past() {
        let (_, v) = one("Russia began its airstrikes at the end of September.", date(2016, 5, 4));
        assert_eq!(v.timex, "2015-09");
        let (_, v) = one("the ceasefire brought in in February", date(2016, 5, 4));
        assert_eq!(v.start.as_deref(), Some("2016-02"));
        let (_, v) = one("The ceasefire took effect on 12 September.", date(2016, 9, 15));
        assert_eq!(v.start.as_deref(), Some("2016-09-12"));
    }

    #[test]
    fn words_that_are_not_times() {
        let r = Reference {
            date: Some(date(2016, 5, 4)),
            ..Default::default()
        };
        for s in [
            "You May go now, said 2016 people.",
            "The second round ended 2-1.",
            "Call 555-1234 for details.",
            "It was the first time in years.",
        ] {
            let found = find_in(s, &r, &mut Anchor::default());
            assert!(
                found.iter().all(|f| !s[f.start..f.end].contains("May")
                    && !s[f.start..f.end].contains("2016")
                    && !s[f.start..f.end].contains("time")),
                "{s}: {found:?}"
            );
        }
    }
}
