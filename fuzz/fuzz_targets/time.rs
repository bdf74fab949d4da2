//! The time recogniser, resolved against a fixed publication date and zone (the first byte
//! picks one of a few, including none): found spans lie inside the sentence on char boundaries.
#![no_main]
use crosscheck::mentions::time;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(s) = std::str::from_utf8(rest) else { return };
    let reference = time::Reference {
        date: (pick & 1 == 0).then(|| jiff::civil::date(2016, 5, 4)),
        zone: match pick % 3 {
            0 => None,
            1 => jiff::tz::db().get("Asia/Damascus").ok(),
            _ => Some(jiff::tz::TimeZone::UTC),
        },
        ..Default::default()
    };
    let mut last = Default::default();
    for f in time::find_in(s, &reference, &mut last) {
        assert!(s.get(f.start..f.end).is_some(), "{}..{} in {s:?}", f.start, f.end);
        let _ = f.value.interval();
    }
});
