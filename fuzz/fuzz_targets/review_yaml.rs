//! A hand-edited `claims/review.yaml`: `review::parse` returns acknowledgements or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crosscheck::review::parse(text);
    }
});
