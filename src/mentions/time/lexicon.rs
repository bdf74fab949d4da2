//! The words of time expressions: month and weekday names with their abbreviations,
//! ordinals, parts of the day, holidays, and the small word lists that tell a year from a
//! count or a month from a verb. Kept apart from the patterns so each list is easy to read
//! and extend.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of an English month name or abbreviation ("Sept.", "Feb").
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as i8 + 1)
}

/// The weekday of a name, abbreviation or plural ("Tues.", "Mondays").
pub fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// The value of an ordinal written as a word or with a suffix ("third", "21st").
pub fn ordinal(word: &str) -> Option<u32> {
    let w = word.to_lowercase().replace('-', " ");
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u32 + 1);
    }
    match w.split_whitespace().collect::<Vec<_>>().as_slice() {
        ["twentieth"] => Some(20),
        ["twenty", u] => UNITS.iter().position(|x| x == u).map(|i| 21 + i as u32),
        ["thirtieth"] => Some(30),
        ["thirty", "first"] => Some(31),
        _ => None,
    }
}

/// The canonical name of a part of the day.
pub fn pod_name(w: &str) -> Option<&'static str> {
    Some(match w.to_lowercase().as_str() {
        "morning" | "mornings" | "dawn" | "daybreak" | "sunrise" => "morning",
        "afternoon" | "afternoons" => "afternoon",
        "evening" | "evenings" | "dusk" | "nightfall" | "sunset" | "sundown" => "evening",
        "night" | "nights" => "night",
        "overnight" => "overnight",
        _ => return None,
    })
}

/// The last word before byte `at` (letters, digits and hyphens), lowercased.
pub fn word_before(s: &str, at: usize) -> String {
    s[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The first word after byte `at`, lowercased.
pub fn word_after(s: &str, at: usize) -> String {
    s[at..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Words before a bare month or year that show it is a time ("in May", "since 2011").
pub const TIME_PREPS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "of",
    "before",
    "after",
    "through",
    "between",
    "early",
    "late",
    "mid",
    "and",
    "to",
    "last",
    "next",
    "this",
    "on",
    "throughout",
    "end",
    "beginning",
    "start",
    "middle",
    "around",
    "circa",
    "year",
    "or",
    "s",
    "past",
    "coming",
    "fiscal",
];

/// Words after a bare year that show it is a count, not a date.
pub const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "soldiers",
    "troops",
    "votes",
    "deaths",
    "cases",
    "units",
    "dollars",
    "euros",
    "pounds",
    "members",
    "students",
    "children",
    "men",
    "women",
    "homes",
    "houses",
    "buildings",
    "rockets",
    "missiles",
    "miles",
    "kilometers",
    "kilometres",
    "meters",
    "metres",
    "feet",
    "tons",
    "tonnes",
    "refugees",
    "fighters",
    "km",
    "m",
    "kg",
    "were",
    "have",
    "had",
    "residents",
    "workers",
    "jobs",
    "shares",
    "cars",
    "vehicles",
    "points",
    "employees",
    "barrels",
    "acres",
    "hectares",
    "times",
];

/// Capitalised words after a weekday that make it part of a name ("Sunday Times").
pub const WEEKDAY_NAMES: &[&str] = &[
    "Times",
    "Telegraph",
    "Express",
    "Mirror",
    "Herald",
    "Morning",
    "Post",
    "Independent",
    "Star",
    "People",
    "School",
    "Night",
    "Bloody",
];

/// A holiday's date in a given year, for the holidays whose English names are unambiguous.
pub fn holiday(name: &str, year: i16) -> Option<Date> {
    let n = name.to_lowercase().replace('\u{2019}', "'");
    let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
    let fixed = |m: i8, d: i8| Date::new(year, m, d).ok();
    match n.as_str() {
        "christmas" | "christmas day" => fixed(12, 25),
        "christmas eve" => fixed(12, 24),
        "boxing day" => fixed(12, 26),
        "new year's day" => fixed(1, 1),
        "new year's eve" => fixed(12, 31),
        "valentine's day" => fixed(2, 14),
        "halloween" => fixed(10, 31),
        "independence day" | "july fourth" | "the fourth of july" | "fourth of july" => fixed(7, 4),
        "veterans day" | "armistice day" => fixed(11, 11),
        "bastille day" => fixed(7, 14),
        "st. patrick's day" | "saint patrick's day" | "st patrick's day" => fixed(3, 17),
        "easter" | "easter sunday" => easter(year),
        "good friday" => easter(year)?.checked_sub(2.days()).ok(),
        "easter monday" => easter(year)?.checked_add(1.days()).ok(),
        "thanksgiving" | "thanksgiving day" => nth_weekday(year, 11, Weekday::Thursday, 4),
        "memorial day" => last_weekday(year, 5, Weekday::Monday),
        "labor day" => nth_weekday(year, 9, Weekday::Monday, 1),
        "martin luther king day" | "martin luther king jr. day" => nth_weekday(year, 1, Weekday::Monday, 3),
        "mother's day" => nth_weekday(year, 5, Weekday::Sunday, 2),
        "father's day" => nth_weekday(year, 6, Weekday::Sunday, 3),
        _ => None,
    }
}

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(year: i16) -> Option<Date> {
    let y = year as i32;
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).ok()
}

fn nth_weekday(year: i16, month: i8, wd: Weekday, n: i64) -> Option<Date> {
    let first = Date::new(year, month, 1).ok()?;
    let ahead = (wd.to_monday_zero_offset() as i64 - first.weekday().to_monday_zero_offset() as i64).rem_euclid(7);
    first.checked_add((ahead + 7 * (n - 1)).days()).ok()
}

fn last_weekday(year: i16, month: i8, wd: Weekday) -> Option<Date> {
    let last = Date::new(year, month, 1).ok()?.last_of_month();
    let back = (last.weekday().to_monday_zero_offset() as i64 - wd.to_monday_zero_offset() as i64).rem_euclid(7);
    last.checked_sub(back.days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn names_and_ordinals() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(weekday_of("Tues."), Some(Weekday::Tuesday));
        assert_eq!(weekday_of("Mondays"), Some(Weekday::Monday));
        assert_eq!(ordinal("21st"), Some(21));
        assert_eq!(ordinal("twenty-first"), Some(21));
        assert_eq!(ordinal("third"), Some(3));
        assert_eq!(ordinal("umpteenth"), None);
    }

    #[test]
    fn moving_holidays() {
        assert_eq!(holiday("Easter", 2016), Some(date(2016, 3, 27)));
        assert_eq!(holiday("Easter", 2013), Some(date(2013, 3, 31)));
        assert_eq!(holiday("Thanksgiving", 2013), Some(date(2013, 11, 28)));
        assert_eq!(holiday("Memorial Day", 2016), Some(date(2016, 5, 30)));
        assert_eq!(holiday("Labor Day", 2016), Some(date(2016, 9, 5)));
        assert_eq!(holiday("Christmas Eve", 2016), Some(date(2016, 12, 24)));
        assert_eq!(holiday("New Year\u{2019}s Day", 2016), Some(date(2016, 1, 1)));
        assert_eq!(holiday("Ramadan", 2016), None);
    }
}
