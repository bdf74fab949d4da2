//! The duration recogniser: found spans lie inside the text on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for f in crosscheck::mentions::duration::find_in(s) {
        assert!(s.get(f.start..f.end).is_some(), "{}..{} in {s:?}", f.start, f.end);
    }
});
