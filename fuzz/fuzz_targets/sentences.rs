//! Sentence and quote splitting: spans in order, inside the body, on char boundaries.
#![no_main]
use crosscheck::span::Span;
use crosscheck::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    // Start the body at a char boundary part-way in, as front matter would.
    let start = s.char_indices().nth(data.first().map_or(0, |b| (*b % 8) as usize)).map_or(0, |(i, _)| i);
    let body = Span::new(start, s.len());
    let mut last_end = start;
    for sentence in text::sentences(s, body) {
        assert!(sentence.span.start >= last_end && sentence.span.end <= s.len());
        assert!(s.is_char_boundary(sentence.span.start) && s.is_char_boundary(sentence.span.end));
        for q in &sentence.quotes {
            assert!(sentence.span.start <= q.start && q.end <= sentence.span.end, "{q:?} {sentence:?}");
        }
        let _ = sentence.wholly_quoted(s);
        last_end = sentence.span.end;
    }
});
