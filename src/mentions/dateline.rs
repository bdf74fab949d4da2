//! Datelines: the place a wire story was filed from ("BEIRUT (AP) —", "MOSCOW, May 5
//! (Reuters) -", "ORLANDO, Fla. —"), read from the first lines of the body. The place gives
//! the zone in which the story's bare clock times are read ("at 1 a.m. Thursday" in a story
//! filed from Beirut is Beirut's 1 a.m., not the publisher's), unless the front matter names
//! one. A story with no dateline and no `timezone` leaves bare clock times without an offset:
//! the publisher's own UTC offset says where the page was made, not where the story happened.

use std::sync::OnceLock;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use regex::Regex;

use super::time::{month_number, zone_of_place};
use crate::corpus::Published;
use crate::span::Span;

/// A story's dateline.
#[derive(Clone, Debug, PartialEq)]
pub struct Dateline {
    /// The place as written ("BEIRUT", "ALEPPO, Syria").
    pub place: String,
    /// Where it stands in the text given.
    pub span: Span,
    /// The news agency credited in it, if any ("AP", "Reuters").
    pub agency: Option<String>,
    /// The day it names, as (month, day), if any ("MOSCOW, May 5 (Reuters) -").
    pub day: Option<(i8, i8)>,
}

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::regexes::new(
            r"(?m)^[ \t]*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:/[A-Z][A-Za-z.'’ -]{1,40}?)*)(?:,[ \t]*(?P<region>[A-Z][A-Za-z.'’ ]{1,30}?))?(?:,[ \t]*(?P<month>[A-Z][a-z]{2,8})\.?[ \t]+(?P<day>\d{1,2}))?[ \t]*(?:\((?P<agency>[A-Za-z .&]{2,30})\)[ \t]*)?(?:—|–|-{1,2}|:)[ \t]",
        )
        .expect("dateline regex")
    })
}

/// The dateline in the first lines of a body, if there is one. A place in capitals, or one
/// followed by an agency in brackets, opens the line and ends in a dash.
pub fn find(body: &str) -> Option<Dateline> {
    // Datelines open the story: look no further than the first few hundred bytes (a byline
    // and an outlet line may come first).
    let mut end = body.len().min(600);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    let c = regex().captures(head)?;
    let place = c.name("place")?;
    let agency = c.name("agency").map(|a| a.as_str().trim().to_string());
    let caps = place
        .as_str()
        .chars()
        .filter(|ch| ch.is_alphabetic())
        .all(|ch| ch.is_uppercase());
    if !caps && agency.is_none() {
        return None;
    }
    let end = c.name("region").map_or(place.end(), |r| r.end());
    let day = c.name("month").zip(c.name("day")).and_then(|(m, d)| {
        let m = month_number(m.as_str())?;
        let d: i8 = d.as_str().parse().ok()?;
        (1..=31).contains(&d).then_some((m, d))
    });
    Some(Dateline {
        place: head[place.start()..end].trim().to_string(),
        span: Span::new(place.start(), end),
        agency,
        day,
    })
}

/// The zone a dateline's place is in: the first place of "AMMAN/BEIRUT", else its region
/// ("ALEPPO, Syria" is in Syria's zone).
pub fn zone(d: &Dateline) -> Option<TimeZone> {
    let (place, region) = match d.place.split_once(',') {
        Some((p, r)) => (p, Some(r)),
        None => (d.place.as_str(), None),
    };
    place
        .split('/')
        .find_map(|p| zone_of_place(p.trim()))
        .or_else(|| region.and_then(|r| zone_of_place(r.trim())))
        .map(|(tz, _)| tz)
}

/// The story's own date: the day its dateline names ("MOSCOW, May 5 (Reuters) -"), in the
/// year nearest the publication date; else the publication instant seen in the story's
/// zone (a Beijing outlet's "2016-09-13T01:00+08:00" is still 12 September in Damascus);
/// else the publication date as written.
pub fn story_date(published: &Published, zone: Option<&TimeZone>, dateline: Option<&Dateline>) -> Date {
    let local = match (published.datetime, zone) {
        (Some((dt, offset)), Some(tz)) => offset
            .to_timestamp(dt)
            .ok()
            .map_or(published.date, |ts| ts.to_zoned(tz.clone()).date()),
        _ => published.date,
    };
    let Some((m, d)) = dateline.and_then(|d| d.day) else {
        return local;
    };
    // A dateline day is at most a few days from the publication: take the year that puts
    // it nearest ("JAN. 1" in a story published on 31 December is the next year).
    [-1i16, 0, 1]
        .iter()
        .filter_map(|dy| Date::new(local.year() + dy, m, d).ok())
        .min_by_key(|c| local.since(*c).map_or(i32::MAX, |s| s.get_days().abs()))
        .filter(|c| local.since(*c).is_ok_and(|s| s.get_days().abs() <= 7))
        .unwrap_or(local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone_name(body: &str) -> Option<String> {
        find(body)
            .and_then(|d| zone(&d))
            .and_then(|z| z.iana_name().map(str::to_string))
    }

    #[test]
    fn wire_datelines_give_the_story_zone() {
        assert_eq!(
            zone_name("BEIRUT (AP) — The United States said").as_deref(),
            Some("Asia/Beirut")
        );
        assert_eq!(
            zone_name("By NADIA HALABI\nAssociated Press\n\nDAMASCUS, Syria — Fighting").as_deref(),
            Some("Asia/Damascus")
        );
        assert_eq!(
            zone_name("ALEPPO, Syria (AP) — Rebels").as_deref(),
            Some("Asia/Damascus")
        );
        assert_eq!(
            zone_name("AMMAN/BEIRUT (Reuters) - Aleppo was quiet").as_deref(),
            Some("Asia/Amman")
        );
        assert_eq!(
            zone_name("MOSCOW, May 5 (Reuters) - Russia said").as_deref(),
            Some("Europe/Moscow")
        );
        assert_eq!(
            zone_name("ORLANDO, Fla. — A gunman").as_deref(),
            Some("America/New_York")
        );
        assert_eq!(zone_name("Geneva (AFP) - Talks").as_deref(), Some("Europe/Zurich"));
        let d = find("AMATRICE, Italy (AP) — Rescuers").unwrap();
        assert_eq!((d.place.as_str(), d.agency.as_deref()), ("AMATRICE, Italy", Some("AP")));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for body in [
            "The United States said on Wednesday - in a statement - that",
            "Aleppo was quiet on Thursday.",
            "Officials said: the truce holds.",
            "In Washington - where talks went on - officials",
        ] {
            assert_eq!(find(body), None, "{body}");
        }
    }
}
