//! The name and event-word finders (built-in lexicon): spans inside the text on char boundaries.
#![no_main]
use std::sync::OnceLock;

use crosscheck::mentions::{entity, Lexicon};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    let Ok(s) = std::str::from_utf8(data) else { return };
    for (a, b, _) in entity::find_in(s) {
        assert!(s.get(a..b).is_some(), "{a}..{b} in {s:?}");
    }
    for (a, b, _) in LEXICON.get_or_init(Lexicon::builtin).find_in(s) {
        assert!(s.get(a..b).is_some(), "{a}..{b} in {s:?}");
    }
});
