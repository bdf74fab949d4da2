//! Live blogs: an article made of entries, each under a line holding only its clock ("03.40
//! BST", "Updated at 0830 GMT", "8:30am"). A figure in an entry is as of that entry's
//! time, not of the page's publication: Hollande's 77 dead at 03.40 and the ministry's 84
//! at 08.30 are a toll that rose overnight, not two accounts of one moment. Entries are
//! found here; `claims` gives each claim that tells no time of its own statement its entry's
//! time.

use std::sync::OnceLock;

use jiff::civil::{DateTime, Time};
use jiff::tz::Offset;
use regex::Regex;

use crate::corpus::Source;
use crate::mentions::time::zones::{parse_zone, Zone};
use crate::mentions::timeval::{Grain, Interval};
use crate::mentions::TimeValue;

/// An entry's start (byte offset of its clock line) and the moment it was posted.
pub type Entry = (usize, TimeValue);

fn clock_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::regexes::new(
            r"(?im)^[ \t]*(?:(?:updated|posted)(?:\s+at)?\s+)?(\d{1,2})[.:]?(\d{2})\s*(am|pm|a\.m\.|p\.m\.)?(?:\s+([A-Z]{2,4}))?[ \t]*$",
        )
        .unwrap()
    })
}

/// The entries of a live blog: at least two clock lines, each the time it was posted, read
/// in the zone the line names, else the article's own zone. A clock later than the page's
/// publication time was posted the day before (entries run back from the newest). An
/// article with fewer than two clock lines, or no publication date, has no entries.
pub fn entries(source: &Source) -> Vec<Entry> {
    let Some(published) = source.published.as_ref() else {
        return Vec::new();
    };
    let text = &source.text;
    let body = source.body;
    let mut out = Vec::new();
    for caps in clock_line().captures_iter(&text[body.start..body.end]) {
        let whole = caps.get(0).expect("match");
        let (Ok(mut hour), Ok(minute)) = (caps[1].parse::<i8>(), caps[2].parse::<i8>()) else {
            continue;
        };
        match caps.get(3).map(|m| m.as_str().to_lowercase()) {
            Some(m) if m.starts_with('p') && hour < 12 => hour += 12,
            Some(m) if m.starts_with('a') && hour == 12 => hour = 0,
            Some(_) if !(1..=12).contains(&hour) => continue,
            _ => {}
        }
        let Ok(clock) = Time::new(hour, minute, 0, 0) else {
            continue;
        };
        let at = published.date.to_datetime(clock);
        let offset = match caps.get(4).and_then(|z| parse_zone(z.as_str())) {
            Some(Zone::Fixed(o, _)) => Some(o),
            Some(Zone::Named(tz, _)) => tz
                .to_offset_info(tz.to_timestamp(at).ok().unwrap_or_default())
                .offset()
                .into(),
            Some(Zone::Local) => None,
            None if caps.get(4).is_some() => continue,
            None => source
                .timezone
                .as_ref()
                .and_then(|tz| Some(tz.to_offset_info(tz.to_timestamp(at).ok()?).offset())),
        };
        out.push((body.start + whole.start(), posted(at, offset, published.datetime)));
    }
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

/// The moment a clock line on the publication day stands for: the day before when it is
/// later than the page's own time.
fn posted(at: DateTime, offset: Option<Offset>, published: Option<(DateTime, Offset)>) -> TimeValue {
    let instant = |dt: DateTime, o: Offset| o.to_timestamp(dt).map(|t| t.as_second()).ok();
    let later = match (offset, published) {
        (Some(o), Some((pdt, po))) => instant(at, o) > instant(pdt, po),
        (None, Some((pdt, _))) => at > pdt,
        _ => false,
    };
    let at = if later { at.yesterday().unwrap_or(at) } else { at };
    let end = at.checked_add(jiff::Span::new().minutes(1)).unwrap_or(at);
    let timex = at.strftime("%Y-%m-%dT%H:%M").to_string();
    TimeValue::from_interval(Interval { start: at, end, offset }, Grain::Minute, timex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        let mut warnings = Vec::new();
        crate::corpus::read_article("corpus/x.md", "x.md", text.as_bytes(), &mut warnings)
            .expect("parses")
            .expect("an article")
    }

    const BLOG: &str = "---\npublished: 2016-07-15T10:20:00+01:00\ntimezone: Europe/London\n---\n10.20 BST\n\nThe toll has risen to 84.\n\n03.40 BST\n\nHollande says 77 people have been killed.\n\n23.50 BST\n\nA lorry has driven into a crowd.\n";

    #[test]
    fn clock_lines_are_entries_and_a_later_clock_is_the_day_before() {
        let s = source(BLOG);
        let got: Vec<(String, Option<String>)> = entries(&s)
            .into_iter()
            .map(|(at, v)| (s.text[at..].lines().next().unwrap_or("").to_string(), v.start))
            .collect();
        assert_eq!(
            got,
            vec![
                ("10.20 BST".to_string(), Some("2016-07-15T10:20:00+01:00".to_string())),
                ("03.40 BST".to_string(), Some("2016-07-15T03:40:00+01:00".to_string())),
                ("23.50 BST".to_string(), Some("2016-07-14T23:50:00+01:00".to_string())),
            ]
        );
    }

    #[test]
    fn a_single_clock_or_a_figure_in_a_sentence_is_no_live_blog() {
        let one = source("---\npublished: 2016-07-15\n---\n10.20 BST\n\nThe toll has risen to 84.\n");
        assert!(entries(&one).is_empty());
        let prose = source("---\npublished: 2016-07-15\n---\nThe toll rose at 10.20 to 84.\n\nIt was 84 by 11.30.\n");
        assert!(entries(&prose).is_empty());
    }
}
