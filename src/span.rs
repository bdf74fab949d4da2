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

/// Line starts of a text, for byte offset → (line, column) in O(log n).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let column = text.get(start..end).map_or(1, |s| s.chars().count() + 1);
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
    fn checked_rejects_out_of_bounds_and_split_chars() {
        let text = "é";
        assert!(Span::checked(text, 0, 2).is_some());
        assert!(Span::checked(text, 0, 1).is_none());
        assert!(Span::checked(text, 0, 3).is_none());
        assert!(Span::checked(text, 2, 1).is_none());
    }
}
