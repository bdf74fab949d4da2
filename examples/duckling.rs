//! Measures the recognisers against Duckling's English test phrases (shared data, not part
//! of this repository): for each TSV file, how many phrases are found whole (one mention
//! covering exactly the phrase) and how many get Duckling's value; for the negative files and
//! the ordinals, how many are wrongly read as something.
//!
//! ```sh
//! cargo run --release --example duckling -- ../shared/data/duckling [--verbose]
//! ```
//!
//! Duckling serves assistants and leans to the future ("Wednesday" is the next one); news
//! leans to the past. The time values are compared anyway, at Duckling's grain, so the lead
//! can see where the two differ; `--verbose` prints every phrase that fails.

use std::path::{Path, PathBuf};

use crosscheck::corpus;
use crosscheck::mentions::{time, Lexicon, Mention, Value};
use crosscheck::verify;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path) -> Option<Table> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        let header = lines.next()?.split('\t').map(str::to_string).collect();
        let rows = lines
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect();
        Some(Table { header, rows })
    }

    fn col(&self, row: &[String], name: &str) -> String {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i).cloned())
            .unwrap_or_default()
    }
}

/// Every mention the whole extraction sees in a one-sentence article, with offsets into the
/// phrase.
fn mentions(phrase: &str, lexicon: &Lexicon) -> Vec<(usize, usize, Mention)> {
    let file = format!("{phrase}\n");
    let Ok(source) = corpus::parse_source("corpus/duckling.md", "duckling.md", file, String::new()) else {
        return Vec::new();
    };
    let body = source.body.start;
    verify::extract(&source, lexicon)
        .mentions
        .into_iter()
        .filter(|m| matches!(m.kind(), "time" | "duration" | "quantity"))
        .map(|m| (m.span.start - body, m.span.end - body, m))
        .collect()
}

fn whole<'a>(phrase: &str, found: &'a [(usize, usize, Mention)], kind: &str) -> Option<&'a Mention> {
    let lead = phrase.len() - phrase.trim_start().len();
    let end = phrase.trim_end().len();
    let of_kind: Vec<_> = found.iter().filter(|(_, _, m)| m.kind() == kind).collect();
    match of_kind.as_slice() {
        [(s, e, m)] if *s == lead && *e == end => Some(m),
        _ => None,
    }
}

fn describe(found: &[(usize, usize, Mention)], phrase: &str) -> String {
    if found.is_empty() {
        return "nothing".into();
    }
    found
        .iter()
        .map(|(s, e, m)| format!("{} {:?} {}", m.kind(), &phrase[*s..*e], m.value.display()))
        .collect::<Vec<_>>()
        .join("; ")
}

struct Report {
    name: String,
    phrases: usize,
    found: usize,
    equal: usize,
    extra: Vec<String>,
    failures: Vec<String>,
}

impl Report {
    fn new(name: &str) -> Report {
        Report {
            name: name.into(),
            phrases: 0,
            found: 0,
            equal: 0,
            extra: Vec::new(),
            failures: Vec::new(),
        }
    }

    fn print(&self, verbose: bool) {
        println!(
            "{:22} phrases {:5}  found whole {:5}  value equal {:5}{}",
            self.name,
            self.phrases,
            self.found,
            self.equal,
            self.extra.iter().map(|e| format!("  {e}")).collect::<String>()
        );
        if verbose {
            for f in &self.failures {
                println!("    {f}");
            }
        }
    }
}

/// Months and seconds of an ISO 8601 duration: (months, seconds), either part fixed.
fn iso_parts(iso: &str) -> (f64, f64) {
    let (mut months, mut secs) = (0.0, 0.0);
    let mut num = String::new();
    let mut in_time = false;
    for ch in iso.chars().skip(1) {
        match ch {
            'T' => in_time = true,
            '0'..='9' | '.' => num.push(ch),
            _ => {
                let n: f64 = num.parse().unwrap_or(0.0);
                num.clear();
                match (ch, in_time) {
                    ('Y', _) => months += 12.0 * n,
                    ('M', false) => months += n,
                    ('W', _) => secs += n * 604800.0,
                    ('D', _) => secs += n * 86400.0,
                    ('H', _) => secs += n * 3600.0,
                    ('M', true) => secs += n * 60.0,
                    ('S', _) => secs += n,
                    _ => {}
                }
            }
        }
    }
    (months, secs)
}

fn durations(dir: &Path, lexicon: &Lexicon, verbose: bool) {
    let Some(t) = Table::read(&dir.join("duration.tsv")) else {
        return;
    };
    let mut r = Report::new("duration.tsv");
    for row in &t.rows {
        let phrase = t.col(row, "phrase");
        r.phrases += 1;
        let found = mentions(&phrase, lexicon);
        let Some(m) = whole(&phrase, &found, "duration") else {
            r.failures
                .push(format!("not whole: {phrase:?}: {}", describe(&found, &phrase)));
            continue;
        };
        r.found += 1;
        let Value::Duration(d) = &m.value else { continue };
        let want_secs: Option<f64> = t.col(row, "seconds").parse().ok();
        let value: f64 = t.col(row, "value").parse().unwrap_or(f64::NAN);
        let unit = t.col(row, "unit");
        let (months, secs) = iso_parts(&d.iso);
        let ok = match want_secs {
            // Duckling counts a year as 365 days and a month as 30 when it gives seconds.
            Some(s) => {
                let years = (months / 12.0).trunc();
                let secs = secs + years * 365.0 * 86400.0 + (months - 12.0 * years) * 30.0 * 86400.0;
                (secs - s).abs() < 0.5
            }
            None => {
                let want_months = match unit.as_str() {
                    "year" => value * 12.0,
                    "quarter" => value * 3.0,
                    _ => value,
                };
                secs == 0.0 && (months - want_months).abs() < 1e-9
            }
        };
        if ok {
            r.equal += 1;
        } else {
            r.failures
                .push(format!("value: {phrase:?}: {} (Duckling {value} {unit})", d.iso));
        }
    }
    r.print(verbose);
}

/// Phrases that must not be read as anything: counts of false positives per kind.
fn negatives(dir: &Path, file: &str, lexicon: &Lexicon, verbose: bool) {
    let Some(t) = Table::read(&dir.join(file)) else { return };
    let mut r = Report::new(file);
    let (mut times, mut durs, mut qty) = (0, 0, 0);
    for row in &t.rows {
        let phrase = t.col(row, "phrase");
        r.phrases += 1;
        let found = mentions(&phrase, lexicon);
        let kinds: Vec<&str> = found.iter().map(|(_, _, m)| m.kind()).collect();
        times += usize::from(kinds.contains(&"time"));
        durs += usize::from(kinds.contains(&"duration"));
        qty += usize::from(kinds.contains(&"quantity"));
        if !found.is_empty() {
            r.failures
                .push(format!("read as: {phrase:?}: {}", describe(&found, &phrase)));
        }
    }
    r.found = r.failures.len();
    println!(
        "{:22} phrases {:5}  read as something {:3} (time {times}, duration {durs}, quantity {qty})",
        r.name, r.phrases, r.found
    );
    if verbose {
        for f in &r.failures {
            println!("    {f}");
        }
    }
}

fn numerals(dir: &Path, lexicon: &Lexicon, verbose: bool) {
    let Some(t) = Table::read(&dir.join("numeral.tsv")) else {
        return;
    };
    let mut r = Report::new("numeral.tsv");
    let mut parsed = 0;
    for row in &t.rows {
        let phrase = t.col(row, "phrase");
        let want: f64 = t.col(row, "value").parse().unwrap_or(f64::NAN);
        r.phrases += 1;
        let eq = |v: f64| (v - want).abs() <= 1e-9 * want.abs().max(1.0);
        let by_parser = crosscheck::mentions::numbers::parse_number(&phrase);
        if by_parser.is_some_and(eq) {
            parsed += 1;
        }
        let found = mentions(&phrase, lexicon);
        match whole(&phrase, &found, "quantity") {
            Some(m) => {
                r.found += 1;
                if let Value::Quantity(q) = &m.value {
                    if eq(q.value) {
                        r.equal += 1;
                    } else {
                        r.failures
                            .push(format!("value: {phrase:?}: {} (Duckling {want})", q.value));
                    }
                }
            }
            None => r.failures.push(format!(
                "not whole: {phrase:?}: {} (number parser: {by_parser:?})",
                describe(&found, &phrase)
            )),
        }
    }
    r.extra.push(format!("number parser value equal {parsed}"));
    r.print(verbose);
}

fn ordinals(dir: &Path, lexicon: &Lexicon, verbose: bool) {
    let Some(t) = Table::read(&dir.join("ordinal.tsv")) else {
        return;
    };
    let mut r = Report::new("ordinal.tsv");
    let mut counts = 0;
    for row in &t.rows {
        let phrase = t.col(row, "phrase");
        r.phrases += 1;
        let found = mentions(&phrase, lexicon);
        if found.iter().any(|(_, _, m)| m.kind() == "quantity") {
            counts += 1;
            r.failures
                .push(format!("read as a count: {phrase:?}: {}", describe(&found, &phrase)));
        }
    }
    println!("{:22} phrases {:5}  wrongly read as counts {counts}", r.name, r.phrases);
    if verbose {
        for f in &r.failures {
            println!("    {f}");
        }
    }
}

/// Quantities with units (quantity*.tsv, distance.tsv): the span leaves the unit out, so
/// "found" is a quantity starting where the phrase starts; value equal compares the number
/// (or Duckling's min/max with our low/high) as written, without unit conversion.
fn quantities(dir: &Path, file: &str, lexicon: &Lexicon, verbose: bool) {
    let Some(t) = Table::read(&dir.join(file)) else { return };
    let mut r = Report::new(file);
    let mut starts = 0;
    let mut units = 0;
    let has_value = t.header.iter().any(|h| h == "value");
    for row in &t.rows {
        let phrase = t.col(row, "phrase");
        r.phrases += 1;
        let found = mentions(&phrase, lexicon);
        if whole(&phrase, &found, "quantity").is_some() {
            r.found += 1;
        }
        let lead = phrase.len() - phrase.trim_start().len();
        let first = found
            .iter()
            .filter(|(_, _, m)| m.kind() == "quantity")
            .min_by_key(|(s, _, _)| *s);
        let Some((s, _, m)) = first else {
            r.failures
                .push(format!("no quantity: {phrase:?}: {}", describe(&found, &phrase)));
            continue;
        };
        if *s == lead {
            starts += 1;
        }
        let Value::Quantity(q) = &m.value else { continue };
        if !has_value {
            continue;
        }
        let want: Option<f64> = t.col(row, "value").parse().ok();
        let min: Option<f64> = t.col(row, "min").parse().ok();
        let max: Option<f64> = t.col(row, "max").parse().ok();
        let unit = t.col(row, "unit");
        let ok = match want {
            Some(v) => (q.value - v).abs() < 1e-9,
            None => min.is_none_or(|x| q.low == Some(x)) && max.is_none_or(|x| q.high == Some(x)),
        };
        if ok {
            r.equal += 1;
        } else {
            r.failures.push(format!(
                "value: {phrase:?}: {} [{:?}, {:?}] {:?} (Duckling {want:?} [{min:?}, {max:?}] {unit})",
                q.value, q.low, q.high, q.unit
            ));
        }
        let ours = q.unit.clone().unwrap_or_default();
        let stem = unit.trim_end_matches('e');
        if !unit.is_empty() && ours.starts_with(&stem[..stem.len().min(4)]) {
            units += 1;
        }
    }
    r.extra.push(format!("starting at the phrase {starts}"));
    if has_value {
        r.extra.push(format!("unit named alike {units}"));
    }
    r.print(verbose);
}

/// Duckling's reference time ("now") per corpus label: date and UTC offset in hours.
fn reference(corpus: &str) -> time::Reference {
    let (date, hours) = match corpus {
        "diff" => (Date::constant(2013, 2, 15), -2),
        "exact_second" => (Date::constant(2016, 12, 6), 1),
        _ => (Date::constant(2013, 2, 12), -2),
    };
    time::Reference {
        date: Some(date),
        zone: Some(TimeZone::fixed(Offset::constant(hours))),
        ..Default::default()
    }
}

/// The local date-time part of an RFC 3339 string or date ("2013-02-15T04:30:00-02:00" →
/// "2013-02-15T04:30:00").
fn local(s: &str) -> &str {
    match s.find('T') {
        Some(t) => {
            let rest = &s[t..];
            let cut = rest[1..].find(['+', '-', 'Z']).map_or(s.len(), |i| t + 1 + i);
            &s[..cut]
        }
        None => s,
    }
}

fn grain_len(grain: &str) -> usize {
    match grain {
        "year" => 4,
        "quarter" | "month" => 7,
        "week" | "day" => 10,
        "hour" => 13,
        "minute" => 16,
        _ => 19,
    }
}

fn times(dir: &Path, file: &str, verbose: bool) {
    let Some(t) = Table::read(&dir.join(file)) else { return };
    let mut r = Report::new(file);
    let with_values = t.header.iter().any(|h| h == "value");
    let mut comparable = 0;
    let mut equal_future = 0;
    for row in &t.rows {
        let phrase = t.col(row, "phrase");
        let corpus = t.col(row, "corpus");
        r.phrases += 1;
        let reference = reference(&corpus);
        let mut last = time::Anchor::default();
        let found = time::find_in(&phrase, &reference, &mut last);
        let lead = phrase.len() - phrase.trim_start().len();
        let end = phrase.trim_end().len();
        let shown = || {
            if found.is_empty() {
                "nothing".to_string()
            } else {
                found
                    .iter()
                    .map(|f| format!("{:?} {}", &phrase[f.start..f.end], f.value.display()))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        };
        let Some(f) = found
            .iter()
            .find(|f| f.start == lead && f.end == end)
            .filter(|_| found.len() == 1)
        else {
            r.failures
                .push(format!("not whole: {phrase:?} [{corpus}]: {}", shown()));
            continue;
        };
        r.found += 1;
        if !with_values {
            continue;
        }
        let want = t.col(row, "value");
        let grain = t.col(row, "grain");
        if want.is_empty() {
            r.failures.push(format!("open interval, not compared: {phrase:?}"));
            continue;
        }
        comparable += 1;
        let n = grain_len(&grain);
        let want_local = local(&want);
        let ours = f.value.start.as_deref().map(local).unwrap_or("");
        let same = |ours: &str| ours.len() >= n.min(want_local.len()) && want_local.get(..n) == ours.get(..n);
        let ok = same(ours);
        // The same phrase read the assistant's way (untensed times lean to the future).
        let future = time::Reference {
            lean: time::Lean::Future,
            ..reference.clone()
        };
        let again = time::find_in(&phrase, &future, &mut time::Anchor::default());
        if again
            .iter()
            .find(|g| g.start == f.start && g.end == f.end)
            .and_then(|g| g.value.start.as_deref())
            .is_some_and(|v| same(local(v)))
        {
            equal_future += 1;
        }
        if ok {
            r.equal += 1;
        } else {
            r.failures.push(format!(
                "value: {phrase:?} [{corpus}]: {} (Duckling {want} at {grain})",
                f.value.start.as_deref().unwrap_or(&f.value.timex)
            ));
        }
    }
    if with_values {
        r.extra.push(format!(
            "(of {comparable} with a start); leaning to the future as Duckling does: {equal_future}"
        ));
    }
    r.print(verbose);
}

fn main() {
    let mut dir = None;
    let mut verbose = false;
    for a in std::env::args().skip(1) {
        if a == "--verbose" || a == "-v" {
            verbose = true;
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: duckling DIR [--verbose]   (DIR holds Duckling's TSV files)");
        std::process::exit(2);
    };
    if !dir.join("duration.tsv").is_file() {
        eprintln!("{}: no duration.tsv here", dir.display());
        std::process::exit(2);
    }
    let lexicon = Lexicon::builtin();
    durations(&dir, &lexicon, verbose);
    negatives(&dir, "duration-negative.tsv", &lexicon, verbose);
    numerals(&dir, &lexicon, verbose);
    ordinals(&dir, &lexicon, verbose);
    for file in [
        "quantity.tsv",
        "quantity-latent.tsv",
        "quantity-products.tsv",
        "distance.tsv",
    ] {
        quantities(&dir, file, &lexicon, verbose);
    }
    negatives(&dir, "time-negative.tsv", &lexicon, verbose);
    times(&dir, "time.tsv", verbose);
    times(&dir, "time-holidays.tsv", verbose);
}
