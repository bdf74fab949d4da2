//! The normalised value of a time mention or claim: an interval at a grain, its TimeML
//! TIMEX3 value, and the comparisons the findings need. The value is rebuilt from its own
//! serialised `start`/`end`/`grain`, so a value corrected by hand in a claims file compares
//! exactly like one the recogniser produced.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};

/// How precise a time is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grain {
    Minute,
    Hour,
    PartOfDay,
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
    /// "recently", "now": no interval.
    Vague,
}

/// A time value as in CONTRACT.md.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeValue {
    /// RFC 3339 date-time (with offset when the zone is known), or `YYYY-MM-DD`, `YYYY-MM`,
    /// `YYYY`; absent when the expression could not be anchored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Exclusive end, given when it is not simply `start` plus one `grain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub grain: Grain,
    /// TimeML TIMEX3 value.
    pub timex: String,
    /// IANA zone or fixed offset the clock time was read in, when one was stated or known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Part of the day or period as worded ("late", "evening", "end").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Other readings of the same moment (a parenthesised conversion, a weekday beside a date).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<TimeValue>,
    /// Set when the readings of one expression contradict each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<String>,
}

/// An interval in civil time, with the UTC offset when it is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub start: DateTime,
    pub end: DateTime,
    pub offset: Option<Offset>,
}

impl Interval {
    /// Whether two intervals share a moment. With both offsets known the instants are
    /// compared; with neither, the wall-clock times. A wall-clock time of an unknown zone
    /// against one whose zone is known ("yesterday afternoon" against "0737 GMT") may be
    /// in any zone from UTC-12 to UTC+14, so it spans that much more.
    pub fn overlaps(&self, other: &Interval) -> bool {
        const EAST: i64 = 14 * 3600;
        const WEST: i64 = 12 * 3600;
        match (self.offset, other.offset) {
            (Some(a), Some(b)) => {
                let (s1, e1) = (instant(self.start, a), instant(self.end, a));
                let (s2, e2) = (instant(other.start, b), instant(other.end, b));
                s1 < e2 && s2 < e1
            }
            (Some(a), None) => {
                let (s1, e1) = (instant(self.start, a), instant(self.end, a));
                let (s2, e2) = (
                    instant(other.start, Offset::UTC) - EAST,
                    instant(other.end, Offset::UTC) + WEST,
                );
                s1 < e2 && s2 < e1
            }
            (None, Some(_)) => other.overlaps(self),
            (None, None) => self.start < other.end && other.start < self.end,
        }
    }

    /// Seconds between this interval's start and another's (for ordering events).
    pub fn start_seconds(&self) -> i64 {
        let off = self.offset.map_or(0, |o| o.seconds() as i64);
        let ts = Offset::UTC.to_timestamp(self.start).map_or(0, |t| t.as_second());
        ts - off
    }
}

fn instant(dt: DateTime, off: Offset) -> i64 {
    off.to_timestamp(dt).map_or(0, |t| t.as_second())
}

impl TimeValue {
    /// A value with no interval ("recently", "now").
    pub fn vague(timex: &str) -> Self {
        TimeValue {
            start: None,
            end: None,
            grain: Grain::Vague,
            timex: timex.to_string(),
            zone: None,
            part: None,
            readings: Vec::new(),
            mismatch: None,
        }
    }

    /// Builds a value from an interval.
    pub fn from_interval(iv: Interval, grain: Grain, timex: String) -> Self {
        let start = format_point(iv.start, iv.offset, grain);
        let natural_end = advance(iv.start, grain);
        let end = (Some(iv.end) != natural_end).then(|| format_point(iv.end, iv.offset, grain_for_end(grain, iv)));
        TimeValue {
            start: Some(start),
            end,
            grain,
            timex,
            zone: None,
            part: None,
            readings: Vec::new(),
            mismatch: None,
        }
    }

    /// The same clock time on another day ("from 2.08am to 3.15am on 3 October": the first
    /// time is on the day the second names). Readings move with it; `None` when the value
    /// is not anchored to a day.
    pub fn moved_to(&self, date: jiff::civil::Date) -> Option<TimeValue> {
        let iv = self.interval()?;
        let days = date.since(iv.start.date()).ok()?.get_days();
        if days == 0 {
            return Some(self.clone());
        }
        let (_, _, precision) = parse_point(self.start.as_deref()?)?;
        let shift = |dt: DateTime| dt.checked_add(jiff::Span::new().days(days)).ok();
        let old_day = iv.start.date().strftime("%Y-%m-%d").to_string();
        let new_day = date.strftime("%Y-%m-%d").to_string();
        let mut out = self.clone();
        out.start = Some(format_point(shift(iv.start)?, iv.offset, precision));
        if let Some(e) = &self.end {
            let (end, offset, p) = parse_point(e)?;
            out.end = Some(format_point(shift(end)?, offset, p));
        }
        out.timex = self.timex.replacen(&old_day, &new_day, 1);
        out.readings = self.readings.iter().filter_map(|r| r.moved_by(days)).collect();
        Some(out)
    }

    fn moved_by(&self, days: i32) -> Option<TimeValue> {
        let iv = self.interval()?;
        let date = iv.start.date().checked_add(jiff::Span::new().days(days)).ok()?;
        self.moved_to(date)
    }

    /// The interval this value denotes, if it is anchored.
    pub fn interval(&self) -> Option<Interval> {
        let (start, offset, precision) = parse_point(self.start.as_deref()?)?;
        let end = match &self.end {
            Some(e) => parse_point(e)?.0,
            None => advance(start, self.grain_or(precision))?,
        };
        Some(Interval { start, end, offset })
    }

    fn grain_or(&self, precision: Grain) -> Grain {
        if self.grain == Grain::Vague {
            precision
        } else {
            self.grain
        }
    }

    /// All intervals this value may denote: its own and its readings'.
    pub fn intervals(&self) -> Vec<Interval> {
        let mut out: Vec<Interval> = self.interval().into_iter().collect();
        out.extend(self.readings.iter().filter_map(|r| r.interval()));
        out
    }

    /// Two values are compatible when any reading of one overlaps any reading of the other.
    /// Vague values are compatible with everything.
    pub fn compatible(&self, other: &TimeValue) -> bool {
        let (a, b) = (self.intervals(), other.intervals());
        if a.is_empty() || b.is_empty() {
            return true;
        }
        a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
    }

    /// A short human form: "2016-05-04T00:01:00+03:00", "2016-05-05", "late 2016-05-03".
    pub fn display(&self) -> String {
        let base = self.start.clone().unwrap_or_else(|| self.timex.clone());
        match (&self.part, &self.end) {
            (Some(p), _) => format!("{base} ({p})"),
            (None, Some(e)) => format!("{base} – {e}"),
            _ => base,
        }
    }
}

fn grain_for_end(grain: Grain, iv: Interval) -> Grain {
    if iv.end.time() != Time::midnight() {
        Grain::Minute
    } else {
        match grain {
            Grain::Minute | Grain::Hour | Grain::PartOfDay => Grain::Minute,
            _ => Grain::Day,
        }
    }
}

/// The end of an interval that starts at `start` and lasts one `grain`.
pub fn advance(start: DateTime, grain: Grain) -> Option<DateTime> {
    let span = match grain {
        Grain::Minute => 1.minute(),
        Grain::Hour => 1.hour(),
        Grain::PartOfDay => 6.hours(),
        Grain::Day => 1.day(),
        Grain::Week => 1.week(),
        Grain::Month => 1.month(),
        Grain::Quarter => 3.months(),
        Grain::Season => 3.months(),
        Grain::Year => 1.year(),
        Grain::Decade => 10.years(),
        Grain::Century => 100.years(),
        Grain::Vague => return None,
    };
    start.checked_add(span).ok()
}

/// Formats a point at the precision its grain needs.
pub fn format_point(dt: DateTime, offset: Option<Offset>, grain: Grain) -> String {
    match grain {
        Grain::Minute | Grain::Hour | Grain::PartOfDay => {
            let base = dt.strftime("%Y-%m-%dT%H:%M:%S").to_string();
            match offset {
                Some(o) => format!("{base}{}", format_offset(o)),
                None => base,
            }
        }
        Grain::Day | Grain::Week => dt.date().strftime("%Y-%m-%d").to_string(),
        Grain::Month | Grain::Quarter | Grain::Season => dt.date().strftime("%Y-%m").to_string(),
        Grain::Year | Grain::Decade | Grain::Century | Grain::Vague => dt.date().strftime("%Y").to_string(),
    }
}

pub fn format_offset(o: Offset) -> String {
    let s = o.seconds();
    if s == 0 {
        return "+00:00".to_string();
    }
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` with optional offset.
/// Returns the civil start, the offset, and the precision the text had.
pub fn parse_point(s: &str) -> Option<(DateTime, Option<Offset>, Grain)> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i32> { s.get(r)?.parse().ok() };
    if b.len() == 4 {
        let y = num(0..4)? as i16;
        return Some((
            Date::new(y, 1, 1).ok()?.to_datetime(Time::midnight()),
            None,
            Grain::Year,
        ));
    }
    let y = num(0..4)? as i16;
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let m = num(5..7)? as i8;
    if b.len() == 7 {
        return Some((
            Date::new(y, m, 1).ok()?.to_datetime(Time::midnight()),
            None,
            Grain::Month,
        ));
    }
    let d = num(8..10)? as i8;
    let date = Date::new(y, m, d).ok()?;
    if b.len() == 10 {
        return Some((date.to_datetime(Time::midnight()), None, Grain::Day));
    }
    if b.get(10) != Some(&b'T') {
        return None;
    }
    let h = num(11..13)? as i8;
    let mi = num(14..16)? as i8;
    let mut at = 16;
    let mut sec = 0i8;
    if b.get(16) == Some(&b':') {
        sec = num(17..19)? as i8;
        at = 19;
    }
    let offset = match s.get(at..) {
        None | Some("") => None,
        Some("Z") => Some(Offset::UTC),
        Some(rest) if rest.len() == 6 => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let oh: i32 = rest.get(1..3)?.parse().ok()?;
            let om: i32 = rest.get(4..6)?.parse().ok()?;
            Some(Offset::from_seconds(sign * (oh * 3600 + om * 60)).ok()?)
        }
        _ => return None,
    };
    let dt = date.to_datetime(Time::new(h, mi, sec, 0).ok()?);
    Some((dt, offset, Grain::Minute))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_minute_inside_a_day_is_compatible_and_the_next_day_is_not() {
        let wed = TimeValue::from_interval(
            Interval {
                start: date(2016, 5, 4).at(0, 0, 0, 0),
                end: date(2016, 5, 5).at(0, 0, 0, 0),
                offset: None,
            },
            Grain::Day,
            "2016-05-04".into(),
        );
        let minute = TimeValue::from_interval(
            Interval {
                start: date(2016, 5, 4).at(0, 1, 0, 0),
                end: date(2016, 5, 4).at(0, 2, 0, 0),
                offset: Some(Offset::from_hours(3).unwrap()),
            },
            Grain::Minute,
            "2016-05-04T00:01".into(),
        );
        let thu = TimeValue {
            start: Some("2016-05-05".into()),
            ..wed.clone()
        };
        assert_eq!(wed.start.as_deref(), Some("2016-05-04"));
        assert_eq!(wed.end, None);
        assert_eq!(minute.start.as_deref(), Some("2016-05-04T00:01:00+03:00"));
        assert!(wed.compatible(&minute));
        assert!(!thu.compatible(&minute));
        assert!(!thu.compatible(&wed));
    }

    #[test]
    fn a_wall_clock_of_unknown_zone_may_be_in_any_zone() {
        let at = |h: i8, off: Option<i8>| Interval {
            start: date(2013, 7, 2).at(h, 0, 0, 0),
            end: date(2013, 7, 2).at(h + 1, 0, 0, 0),
            offset: off.map(|o| Offset::from_hours(o).unwrap()),
        };
        let afternoon = Interval {
            start: date(2013, 7, 2).at(12, 0, 0, 0),
            end: date(2013, 7, 2).at(18, 0, 0, 0),
            offset: None,
        };
        // 07:00 UTC is the afternoon in Aceh (UTC+7).
        assert!(afternoon.overlaps(&at(7, Some(0))) && at(7, Some(0)).overlaps(&afternoon));
        // Both zones known: compared as instants; neither known: as wall clocks.
        assert!(!at(7, Some(0)).overlaps(&at(12, Some(0))));
        assert!(!at(7, None).overlaps(&afternoon));
        // No zone puts an afternoon a day away.
        let next_day = Interval {
            start: date(2013, 7, 3).at(20, 0, 0, 0),
            end: date(2013, 7, 3).at(21, 0, 0, 0),
            offset: Some(Offset::UTC),
        };
        assert!(!afternoon.overlaps(&next_day));
    }

    #[test]
    fn points_round_trip() {
        for s in [
            "2016",
            "2016-05",
            "2016-05-04",
            "2016-05-04T00:01:00+03:00",
            "2016-05-03T18:00:00",
        ] {
            let (dt, off, _) = parse_point(s).unwrap();
            let g = match s.len() {
                4 => Grain::Year,
                7 => Grain::Month,
                10 => Grain::Day,
                _ => Grain::Minute,
            };
            assert_eq!(format_point(dt, off, g), s);
        }
        assert!(parse_point("2016-13-01").is_none());
        assert!(parse_point("May").is_none());
    }

    #[test]
    fn absolute_comparison_uses_offsets() {
        let a = TimeValue {
            start: Some("2016-05-04T01:00:00+03:00".into()),
            ..TimeValue::vague("x")
        };
        let a = TimeValue {
            grain: Grain::Minute,
            ..a
        };
        let b = TimeValue {
            start: Some("2016-05-03T22:00:00+00:00".into()),
            grain: Grain::Minute,
            ..TimeValue::vague("x")
        };
        assert!(a.compatible(&b));
    }
}
