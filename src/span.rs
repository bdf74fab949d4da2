//! Byte spans into a file exactly as it is on disk, and the line index that turns them into
//! 1-based line and column only when something is printed.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span; panics if `start > end`, which is always a bug in the caller.
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// A span checked against the text it points into: inside it and on char boundaries.
    pub fn checked(text: &str, start: usize, end: usize) -> Option<Self> {
        (start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end))
            .then_some(Span { start, end })
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span moved right by `offset` bytes (from sentence-relative to file-relative).
    pub fn shift(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Line starts of a text, for byte offset → (line, column) in O(log n), and characters
/// counted per block of bytes so that a column on a very long line (a 5 MB article on one
/// line) costs at most one block's scan, not the whole line's.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters in `text[..i * BLOCK]`.
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 128;

fn count_chars(bytes: &[u8]) -> usize {
    // A UTF-8 character starts at every byte that is not a continuation byte.
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut n = 0;
        chars_before_block.push(0);
        for block in text.as_bytes().chunks(BLOCK) {
            n += count_chars(block);
            chars_before_block.push(n);
        }
        LineIndex {
            starts,
            chars_before_block,
        }
    }

    /// Characters in `text[..offset]` (offset clamped to the text).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / BLOCK;
        match self.chars_before_block.get(block) {
            Some(&n) => n + count_chars(&text.as_bytes()[block * BLOCK..offset]),
            None => count_chars(&text.as_bytes()[..offset]),
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let column = if start <= end && text.is_char_boundary(start) && text.is_char_boundary(end) {
            self.chars_before(text, end) - self.chars_before(text, start) + 1
        } else {
            1
        };
        (line, column)
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\ncé d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        // "d" is after a two-byte é: byte 7, column 4
        assert_eq!(idx.line_col(text, 7), (2, 4));
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        // Multi-byte characters straddle the block edges; the column is still the count of
        // characters from the line start.
        let text = format!(
            "ab\n{}x\n",
            "é".repeat(3000) + &"z".repeat(777) + "€".repeat(900).as_str()
        );
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(97) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(idx.line_col(&text, offset).1, expected, "at {offset}");
        }
        assert_eq!(idx.line_col(&text, text.len()), (3, 1));
    }

    #[test]
    fn checked_rejects_out_of_bounds_and_split_chars() {
        let text = "é";
        assert!(Span::checked(text, 0, 2).is_some());
        assert!(Span::checked(text, 0, 1).is_none());
        assert!(Span::checked(text, 0, 3).is_none());
        assert!(Span::checked(text, 2, 1).is_none());
    }
}
