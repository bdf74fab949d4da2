//! Front matter and the whole of `corpus::parse_source`: any bytes, read as the tool reads
//! them, must give a source or an error, never a panic; a source's body span lies in its text.
#![no_main]
use crosscheck::corpus;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = corpus::decode(data).0;
    if let Ok(s) = corpus::parse_source("corpus/f.md", "f.md", text, String::new()) {
        assert!(s.body.end <= s.text.len() && s.text.is_char_boundary(s.body.start));
        let _ = s.line_col(s.body.start);
        assert!(corpus::validate_id(&s.id).is_ok());
    }
});
