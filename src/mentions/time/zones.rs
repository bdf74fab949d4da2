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

/// Countries and regions whose clocks all read one zone, with US states as AP datelines
/// write them ("Fla.", "Texas"): a dateline's place is looked up here when it is not a
/// zone's own city ("ALEPPO, Syria", "ORLANDO, Fla.").
const REGIONS: &[(&str, &str)] = &[
    ("syria", "Asia/Damascus"),
    ("lebanon", "Asia/Beirut"),
    ("iraq", "Asia/Baghdad"),
    ("turkey", "Europe/Istanbul"),
    ("israel", "Asia/Jerusalem"),
    ("gaza", "Asia/Gaza"),
    ("west bank", "Asia/Hebron"),
    ("jordan", "Asia/Amman"),
    ("egypt", "Africa/Cairo"),
    ("iran", "Asia/Tehran"),
    ("afghanistan", "Asia/Kabul"),
    ("pakistan", "Asia/Karachi"),
    ("india", "Asia/Kolkata"),
    ("china", "Asia/Shanghai"),
    ("japan", "Asia/Tokyo"),
    ("south korea", "Asia/Seoul"),
    ("north korea", "Asia/Pyongyang"),
    ("yemen", "Asia/Aden"),
    ("saudi arabia", "Asia/Riyadh"),
    ("qatar", "Asia/Qatar"),
    ("united arab emirates", "Asia/Dubai"),
    ("uae", "Asia/Dubai"),
    ("libya", "Africa/Tripoli"),
    ("tunisia", "Africa/Tunis"),
    ("nigeria", "Africa/Lagos"),
    ("kenya", "Africa/Nairobi"),
    ("ethiopia", "Africa/Addis_Ababa"),
    ("somalia", "Africa/Mogadishu"),
    ("south africa", "Africa/Johannesburg"),
    ("ukraine", "Europe/Kiev"),
    ("russia", "Europe/Moscow"),
    ("belarus", "Europe/Minsk"),
    ("poland", "Europe/Warsaw"),
    ("germany", "Europe/Berlin"),
    ("france", "Europe/Paris"),
    ("belgium", "Europe/Brussels"),
    ("netherlands", "Europe/Amsterdam"),
    ("switzerland", "Europe/Zurich"),
    ("austria", "Europe/Vienna"),
    ("italy", "Europe/Rome"),
    ("spain", "Europe/Madrid"),
    ("greece", "Europe/Athens"),
    ("britain", "Europe/London"),
    ("england", "Europe/London"),
    ("scotland", "Europe/London"),
    ("wales", "Europe/London"),
    ("united kingdom", "Europe/London"),
    ("uk", "Europe/London"),
    ("ireland", "Europe/Dublin"),
    ("philippines", "Asia/Manila"),
    ("thailand", "Asia/Bangkok"),
    ("malaysia", "Asia/Kuala_Lumpur"),
    ("bangladesh", "Asia/Dhaka"),
    ("nepal", "Asia/Kathmandu"),
    ("haiti", "America/Port-au-Prince"),
    ("cuba", "America/Havana"),
    ("colombia", "America/Bogota"),
    ("venezuela", "America/Caracas"),
    ("peru", "America/Lima"),
    ("chile", "America/Santiago"),
    ("argentina", "America/Argentina/Buenos_Aires"),
    ("ala.", "America/Chicago"),
    ("ariz.", "America/Phoenix"),
    ("ark.", "America/Chicago"),
    ("calif.", "America/Los_Angeles"),
    ("california", "America/Los_Angeles"),
    ("colo.", "America/Denver"),
    ("conn.", "America/New_York"),
    ("del.", "America/New_York"),
    ("d.c.", "America/New_York"),
    ("fla.", "America/New_York"),
    ("florida", "America/New_York"),
    ("ga.", "America/New_York"),
    ("ill.", "America/Chicago"),
    ("kan.", "America/Chicago"),
    ("ky.", "America/New_York"),
    ("la.", "America/Chicago"),
    ("md.", "America/New_York"),
    ("mass.", "America/New_York"),
    ("mich.", "America/Detroit"),
    ("minn.", "America/Chicago"),
    ("miss.", "America/Chicago"),
    ("mo.", "America/Chicago"),
    ("mont.", "America/Denver"),
    ("neb.", "America/Chicago"),
    ("nev.", "America/Los_Angeles"),
    ("n.h.", "America/New_York"),
    ("n.j.", "America/New_York"),
    ("n.m.", "America/Denver"),
    ("n.y.", "America/New_York"),
    ("n.c.", "America/New_York"),
    ("ohio", "America/New_York"),
    ("okla.", "America/Chicago"),
    ("ore.", "America/Los_Angeles"),
    ("pa.", "America/New_York"),
    ("r.i.", "America/New_York"),
    ("s.c.", "America/New_York"),
    ("tenn.", "America/Chicago"),
    ("texas", "America/Chicago"),
    ("utah", "America/Denver"),
    ("vt.", "America/New_York"),
    ("va.", "America/New_York"),
    ("wash.", "America/Los_Angeles"),
    ("w.va.", "America/New_York"),
    ("wis.", "America/Chicago"),
    ("wyo.", "America/Denver"),
    ("hawaii", "Pacific/Honolulu"),
    ("alaska", "America/Anchorage"),
];

/// The zone of a place as a dateline names it: a zone's own city ("BEIRUT", "Moscow"), a
/// place the table knows ("Washington"), or a country or US state ("Syria", "Fla.").
pub fn zone_of_place(place: &str) -> Option<(TimeZone, String)> {
    let key = place.trim().to_lowercase();
    let name = zone_names()
        .get(&key)
        .cloned()
        .or_else(|| REGIONS.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()))?;
    let tz = jiff::tz::db().get(&name).ok()?;
    Some((tz, name))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_cities_countries_and_states() {
        assert_eq!(zone_of_place("BEIRUT").map(|z| z.1).as_deref(), Some("Asia/Beirut"));
        assert_eq!(zone_of_place("Syria").map(|z| z.1).as_deref(), Some("Asia/Damascus"));
        assert_eq!(zone_of_place("Fla.").map(|z| z.1).as_deref(), Some("America/New_York"));
        assert_eq!(
            zone_of_place("Washington").map(|z| z.1).as_deref(),
            Some("America/New_York")
        );
        assert!(zone_of_place("Atlantis").is_none());
        assert!(matches!(parse_zone("Damascus time"), Some(Zone::Named(_, n)) if n == "Asia/Damascus"));
        assert!(matches!(parse_zone("GMT+3"), Some(Zone::Fixed(o, _)) if o.seconds() == 3 * 3600));
        assert!(parse_zone("Party time").is_none());
    }
}
