//! The attribution recogniser: name and verb spans lie inside the sentence on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for a in crosscheck::mentions::speaker::find_in(s) {
        assert!(s.get(a.name_start..a.name_end).is_some(), "{a:?} in {s:?}");
        assert!(s.get(a.verb_start..a.verb_end).is_some(), "{a:?} in {s:?}");
    }
});
