//! The whole extraction of one article (front matter, sentences, every recogniser, claim
//! assembly): no panic, and every mention and claim span lies in the file on char boundaries.
#![no_main]
use std::sync::OnceLock;

use crosscheck::mentions::Lexicon;
use crosscheck::{corpus, verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    let lexicon = LEXICON.get_or_init(Lexicon::builtin);
    // Odd first byte: the article gets a publication date and zone, as most real ones have.
    let Some((&pick, rest)) = data.split_first() else { return };
    let mut bytes = Vec::new();
    if pick & 1 == 1 {
        bytes.extend_from_slice(b"---\npublished: 2016-05-04T10:00:00+03:00\ntimezone: Asia/Damascus\n---\n");
    }
    bytes.extend_from_slice(rest);
    let text = corpus::decode(&bytes).0;
    let Ok(source) = corpus::parse_source("corpus/f.md", "f.md", text, String::new()) else { return };
    let ex = verify::extract(&source, lexicon);
    for m in &ex.mentions {
        assert!(source.text.get(m.span.start..m.span.end).is_some(), "{m:?}");
        let _ = source.line_col(m.span.start);
    }
    for c in &ex.extraction.claims {
        assert!(source.text.get(c.span.start..c.span.end).is_some(), "{c:?}");
    }
});
