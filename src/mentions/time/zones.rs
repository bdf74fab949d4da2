//! Named time zones as news writes them: abbreviations ("GMT", "EDT", "MSK"), offsets
//! ("GMT+3", "UTC-05:00"), "local time", and places' times ("Damascus time", "Moscow
//! time") looked up in jiff's bundled zone database, so a result never depends on the
//! machine's zoneinfo.

use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::tz::{Offset, TimeZone};

/// The zone a clock time is read in.
#[derive(Clone, Debug, PartialEq)]
pub enum Zone {
    /// A fixed offset, with the abbreviation as written.
    Fixed(Offset, String),
    /// An IANA zone, with its name.
    Named(TimeZone, String),
    /// "local time": the article's own zone.
    Local,
}

fn zone_names() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for name in jiff::tz::db().available() {
            let name = name.as_str().to_string();
            if let Some(city) = name.rsplit('/').next() {
                if name.contains('/') && !name.starts_with("Etc/") && !name.starts_with("SystemV/") {
                    map.entry(city.replace('_', " ").to_lowercase()).or_insert(name.clone());
                }
            }
        }
        for (k, v) in [
            ("eastern", "America/New_York"),
            ("central", "America/Chicago"),
            ("mountain", "America/Denver"),
            ("pacific", "America/Los_Angeles"),
            ("washington", "America/New_York"),
            ("beijing", "Asia/Shanghai"),
            ("new delhi", "Asia/Kolkata"),
            ("delhi", "Asia/Kolkata"),
            ("mumbai", "Asia/Kolkata"),
            ("mecca", "Asia/Riyadh"),
            ("kyiv", "Europe/Kiev"),
            ("greenwich", "UTC"),
            ("british", "Europe/London"),
            ("moscow", "Europe/Moscow"),
            ("tokyo", "Asia/Tokyo"),
            ("paris", "Europe/Paris"),
            ("geneva", "Europe/Zurich"),
            ("ankara", "Europe/Istanbul"),
        ] {
            map.insert(k.to_string(), v.to_string());
        }
        map
    })
}

pub fn parse_zone(s: &str) -> Option<Zone> {
    let t = s.trim();
    let lower = t.to_lowercase();
    if lower == "local time" {
        return Some(Zone::Local);
    }
    let abbr: &[(&str, i32)] = &[
        ("GMT", 0),
        ("UTC", 0),
        ("Z", 0),
        ("EDT", -4 * 60),
        ("EST", -5 * 60),
        ("CDT", -5 * 60),
        ("CST", -6 * 60),
        ("MDT", -6 * 60),
        ("MST", -7 * 60),
        ("PDT", -7 * 60),
        ("PST", -8 * 60),
        ("BST", 60),
        ("CET", 60),
        ("CEST", 120),
        ("EET", 120),
        ("EEST", 180),
        ("MSK", 180),
        ("JST", 540),
        ("AEST", 600),
        ("AEDT", 660),
    ];
    if let Some((_, mins)) = abbr.iter().find(|(a, _)| *a == t) {
        return Some(Zone::Fixed(Offset::from_seconds(mins * 60).ok()?, t.to_string()));
    }
    if t == "ET" {
        return Some(Zone::Named(
            jiff::tz::db().get("America/New_York").ok()?,
            "America/New_York".into(),
        ));
    }
    if t == "PT" {
        return Some(Zone::Named(
            jiff::tz::db().get("America/Los_Angeles").ok()?,
            "America/Los_Angeles".into(),
        ));
    }
    if let Some(rest) = t.strip_prefix("GMT").or_else(|| t.strip_prefix("UTC")) {
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let sign = if rest.starts_with('-') { -1 } else { 1 };
        let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
            4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
            _ => return None,
        };
        return Some(Zone::Fixed(
            Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?,
            t.to_string(),
        ));
    }
    let place = lower.strip_suffix(" time")?.trim();
    let name = zone_names().get(place)?;
    let tz = jiff::tz::db().get(name).ok()?;
    Some(Zone::Named(tz, name.clone()))
}
