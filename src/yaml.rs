//! A fast YAML writer for the claims files, byte-for-byte what `serde_yaml` (yaml_serde over
//! libyaml) writes, for the shapes and strings it supports. Writing 24,550 claims files
//! through libyaml's general emitter was the largest stage of a cold run on a big corpus;
//! this writes the same bytes straight into a string.
//!
//! It supports what the claims files hold: structs and maps (block mappings), sequences
//! (block sequences, indentless under a mapping key, as libyaml writes them; `[]` and `{}`
//! when empty), strings, numbers, booleans, `null`, unit variants and internally tagged
//! enums. Anything else (a string with a line break, a tab or any character libyaml does not
//! print as is, which it would write double-quoted or as a literal block; externally tagged
//! enums, which serde_yaml writes with YAML tags; a one-entry map, whose key serde_yaml may
//! take for a tag) makes [`to_string`] return `None`, and the caller falls back to
//! `serde_yaml`. So the output is either exactly serde_yaml's or not produced at all.
//!
//! The scalar rules are libyaml's (`yaml_emitter_analyze_scalar` and
//! `yaml_emitter_select_scalar_style`, width unlimited, unicode on) and serde_yaml's
//! (`Serializer::serialize_str`: a string that would read back as null, a boolean or a
//! number is single-quoted). Tests compare with serde_yaml on the seed claims and on
//! hostile strings.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

/// The YAML serde_yaml would write for `value`, or `None` when `value` holds something
/// this writer does not support (the caller then uses serde_yaml).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut e = Emitter {
        out: String::with_capacity(4096),
        stack: Vec::new(),
        ctx: Ctx::Root,
    };
    value.serialize(&mut e).ok()?;
    Some(e.out)
}

/// Why a value cannot be written here.
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not supported by the fast YAML writer")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Unsupported
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// Where the next value goes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ctx {
    /// The document itself.
    Root,
    /// After `key:` written at this column.
    AfterKey(usize),
    /// After `-` written at this column.
    AfterDash(usize),
    /// Nothing may be written (a value was written where none was expected).
    Done,
}

/// How a container's first entry starts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum First {
    /// At the start of the document.
    Root,
    /// On the same line, after a space (a container that is a sequence item).
    Space,
    /// On a new line (a container that is a mapping value).
    Newline,
}

struct Open {
    /// The column of the container's keys or dashes.
    col: usize,
    first: First,
    entries: usize,
}

struct Emitter {
    out: String,
    stack: Vec<Open>,
    ctx: Ctx,
}

fn pad(out: &mut String, col: usize) {
    for _ in 0..col {
        out.push(' ');
    }
}

impl Emitter {
    /// Opens a mapping (`seq` false) or a sequence at the current place.
    fn open(&mut self, seq: bool) -> Result {
        let (col, first) = match std::mem::replace(&mut self.ctx, Ctx::Done) {
            Ctx::Root => (0, First::Root),
            // A sequence under a key is indentless; a mapping is indented by two.
            Ctx::AfterKey(k) => (if seq { k } else { k + 2 }, First::Newline),
            Ctx::AfterDash(d) => (d + 2, First::Space),
            Ctx::Done => return Err(Unsupported),
        };
        self.stack.push(Open { col, first, entries: 0 });
        Ok(())
    }

    /// Starts an entry (a key or a dash) of the innermost container; returns its column.
    fn entry(&mut self) -> Result<usize> {
        let open = self.stack.last_mut().ok_or(Unsupported)?;
        if open.entries == 0 {
            match open.first {
                First::Root => {}
                First::Space => self.out.push(' '),
                First::Newline => {
                    self.out.push('\n');
                    pad(&mut self.out, open.col);
                }
            }
        } else {
            pad(&mut self.out, open.col);
        }
        open.entries += 1;
        Ok(open.col)
    }

    fn key(&mut self, key: &str) -> Result {
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') || quoted_by_serde(key) {
            return Err(Unsupported);
        }
        let col = self.entry()?;
        self.out.push_str(key);
        self.out.push(':');
        self.ctx = Ctx::AfterKey(col);
        Ok(())
    }

    fn dash(&mut self) -> Result {
        let col = self.entry()?;
        self.out.push('-');
        self.ctx = Ctx::AfterDash(col);
        Ok(())
    }

    fn close(&mut self, seq: bool) -> Result {
        let open = self.stack.pop().ok_or(Unsupported)?;
        if open.entries == 0 {
            if open.first != First::Root {
                self.out.push(' ');
            }
            self.out.push_str(if seq { "[]" } else { "{}" });
            self.out.push('\n');
        }
        self.ctx = Ctx::Done;
        Ok(())
    }

    /// Writes a scalar already in its final form.
    fn raw_scalar(&mut self, text: &str) -> Result {
        match std::mem::replace(&mut self.ctx, Ctx::Done) {
            Ctx::AfterKey(_) | Ctx::AfterDash(_) => {
                self.out.push(' ');
                self.out.push_str(text);
                self.out.push('\n');
                Ok(())
            }
            Ctx::Root | Ctx::Done => Err(Unsupported),
        }
    }

    fn string(&mut self, s: &str) -> Result {
        let style = style_of(s).ok_or(Unsupported)?;
        match std::mem::replace(&mut self.ctx, Ctx::Done) {
            Ctx::AfterKey(_) | Ctx::AfterDash(_) => {}
            Ctx::Root | Ctx::Done => return Err(Unsupported),
        }
        self.out.push(' ');
        match style {
            Style::Plain => self.out.push_str(s),
            Style::SingleQuoted => {
                self.out.push('\'');
                for (i, part) in s.split('\'').enumerate() {
                    if i > 0 {
                        self.out.push_str("''");
                    }
                    self.out.push_str(part);
                }
                self.out.push('\'');
            }
        }
        self.out.push('\n');
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Style {
    Plain,
    SingleQuoted,
}

/// Whether libyaml prints the character as it is (its `IS_PRINTABLE`, as in libyaml-rs),
/// leaving out line breaks (line feed, and the line and paragraph separators, which it
/// reads as breaks): a string with a line break is not supported here.
fn printable(c: char) -> bool {
    (matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{10000}'..) && !matches!(c, '\u{2028}' | '\u{2029}'))
        || (('\u{E000}'..='\u{FFFD}').contains(&c) && c != '\u{FEFF}')
}

/// How serde_yaml and libyaml write a string as a mapping value or sequence item: plain or
/// single-quoted; `None` when it would be double-quoted or a literal block (not supported).
fn style_of(s: &str) -> Option<Style> {
    if !s.chars().all(printable) {
        return None;
    }
    // serde_yaml asks for single quotes when the plain text would read back as another type.
    if quoted_by_serde(s) {
        return Some(Style::SingleQuoted);
    }
    // libyaml: plain unless a leading or trailing space or a block indicator forbids it;
    // single quotes are then allowed (no breaks, no special characters).
    let b = s.as_bytes();
    let blank_at = |i: usize| i >= b.len() || b[i] == b' ';
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return Some(Style::SingleQuoted);
    }
    if s.starts_with("---") || s.starts_with("...") {
        return Some(Style::SingleQuoted);
    }
    for (i, &c) in b.iter().enumerate() {
        // Continuation bytes of a multi-byte character are never indicators, and the byte
        // after a character is the next character's first (or the end).
        let next_blank = blank_at(i + 1);
        let indicator = if i == 0 {
            matches!(
                c,
                b'#' | b','
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'&'
                    | b'*'
                    | b'!'
                    | b'|'
                    | b'>'
                    | b'\''
                    | b'"'
                    | b'%'
                    | b'@'
                    | b'`'
            ) || (matches!(c, b'?' | b':' | b'-') && next_blank)
        } else {
            (c == b':' && next_blank) || (c == b'#' && b[i - 1] == b' ')
        };
        if indicator {
            return Some(Style::SingleQuoted);
        }
    }
    Some(Style::Plain)
}

/// Whether serde_yaml single-quotes the string because, plain, it would read back as null,
/// a boolean or a number (yaml_serde's `visit_untagged_scalar`, `digits_but_not_number`).
fn quoted_by_serde(v: &str) -> bool {
    // Only a number starts with a digit, a sign or a point (Rust's float parser also reads
    // "inf" and "nan", which are not finite and so stay strings): anything else is quoted
    // only when it is one of the words below.
    if !v.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return matches!(
            v,
            "" | "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        );
    }
    v.is_empty()
        || matches!(
            v,
            "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
        || parse_unsigned_int(v).is_some()
        || parse_negative_int(v).is_some()
        || digits_but_not_number(v)
        || parse_f64(v).is_some()
}

// The three functions below are yaml_serde's own (src/de.rs, MIT OR Apache-2.0), at the
// widest integer type it tries: any string it reads as an integer parses at that width.

fn parse_unsigned_int(scalar: &str) -> Option<u128> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = u128::from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) {
        return None;
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    unpositive.parse::<u128>().ok()
}

fn parse_negative_int(scalar: &str) -> Option<i128> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if let Ok(int) = i128::from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    scalar.parse::<i128>().ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        unpositive
    } else {
        scalar
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN);
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

macro_rules! int {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result {
            let mut buf = String::new();
            let _ = write!(buf, "{v}");
            self.raw_scalar(&buf)
        }
    )*};
}

impl ser::Serializer for &mut Emitter {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result {
        self.raw_scalar(if v { "true" } else { "false" })
    }

    int!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
         serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_f32(self, v: f32) -> Result {
        let mut buffer = ryu::Buffer::new();
        self.raw_scalar(match v.classify() {
            std::num::FpCategory::Infinite if v.is_sign_positive() => ".inf",
            std::num::FpCategory::Infinite => "-.inf",
            std::num::FpCategory::Nan => ".nan",
            _ => buffer.format_finite(v),
        })
    }

    fn serialize_f64(self, v: f64) -> Result {
        let mut buffer = ryu::Buffer::new();
        self.raw_scalar(match v.classify() {
            std::num::FpCategory::Infinite if v.is_sign_positive() => ".inf",
            std::num::FpCategory::Infinite => "-.inf",
            std::num::FpCategory::Nan => ".nan",
            _ => buffer.format_finite(v),
        })
    }

    fn serialize_char(self, _v: char) -> Result {
        Err(Unsupported)
    }

    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result {
        self.raw_scalar("null")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.raw_scalar("null")
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.raw_scalar("null")
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(Unsupported)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self> {
        self.open(true)?;
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self> {
        self.open(true)?;
        Ok(self)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self> {
        self.open(true)?;
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self> {
        if len == Some(1) {
            return Err(Unsupported);
        }
        self.open(false)?;
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self> {
        self.open(false)?;
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for &mut Emitter {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.dash()?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.close(true)
    }
}

impl ser::SerializeTuple for &mut Emitter {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.dash()?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.close(true)
    }
}

impl ser::SerializeTupleStruct for &mut Emitter {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.dash()?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.close(true)
    }
}

impl ser::SerializeMap for &mut Emitter {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let key = key.serialize(KeyName)?;
        self.key(&key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.close(false)
    }
}

impl ser::SerializeStruct for &mut Emitter {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.close(false)
    }
}

/// A map key: only a string (a field name, as flattened structs give) is supported.
struct KeyName;

impl ser::Serializer for KeyName {
    type Ok = String;
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<String, Unsupported>;
    type SerializeTuple = ser::Impossible<String, Unsupported>;
    type SerializeTupleStruct = ser::Impossible<String, Unsupported>;
    type SerializeTupleVariant = ser::Impossible<String, Unsupported>;
    type SerializeMap = ser::Impossible<String, Unsupported>;
    type SerializeStruct = ser::Impossible<String, Unsupported>;
    type SerializeStructVariant = ser::Impossible<String, Unsupported>;

    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<String> {
        Ok(variant.to_string())
    }
    fn serialize_bool(self, _v: bool) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_i8(self, _v: i8) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _v: i16) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _v: i32) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _v: i64) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_u8(self, _v: u8) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_u16(self, _v: u16) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_u32(self, _v: u32) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_u64(self, _v: u64) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _v: f32) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _v: f64) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_char(self, _v: char) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, _value: &T) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Unit {
        Day,
        Hour,
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "lowercase")]
    enum Tagged {
        Inner(Inner),
        Other(Leaf),
    }

    #[derive(Serialize)]
    struct Leaf {
        s: String,
        n: f64,
    }

    #[derive(Serialize)]
    struct Inner {
        s: String,
        list: Vec<String>,
        nested: Vec<Vec<String>>,
        leaves: Vec<Leaf>,
        empty: Vec<u8>,
        unit: Unit,
        none: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<String>,
    }

    #[derive(Serialize)]
    struct Outer {
        name: String,
        flag: bool,
        count: u64,
        neg: i64,
        tagged: Tagged,
        #[serde(flatten)]
        flat: Leaf,
        items: Vec<Tagged>,
        other: Tagged,
        units: Vec<Unit>,
    }

    fn outer(s: &str, n: f64) -> Outer {
        let leaf = |s: &str| Leaf { s: s.into(), n };
        let inner = |s: &str| Inner {
            s: s.into(),
            list: vec![s.into(), "plain".into(), s.into()],
            nested: vec![vec![s.into(), s.into()], vec![], vec!["x".into()]],
            leaves: vec![leaf(s), leaf("b")],
            empty: vec![],
            unit: Unit::Hour,
            none: None,
            skipped: Some(s.into()),
        };
        Outer {
            name: s.into(),
            flag: true,
            count: 42,
            neg: -7,
            tagged: Tagged::Inner(inner(s)),
            flat: leaf(s),
            items: vec![Tagged::Inner(inner(s)), Tagged::Other(leaf(s))],
            other: Tagged::Other(leaf(s)),
            units: vec![Unit::Day, Unit::Hour],
        }
    }

    /// Every string and number the writer supports comes out as serde_yaml writes it, in
    /// every place (mapping values, sequence items, nested sequences, flattened and tagged
    /// structs); what it does not support is refused, never written differently.
    #[test]
    fn same_bytes_as_serde_yaml_or_none() {
        let strings = [
            "",
            " ",
            "  ",
            "a ",
            " a",
            "a  b",
            "'",
            "''",
            "it's",
            "'quoted'",
            "\"dq\"",
            "null",
            "Null",
            "NULL",
            "~",
            "true",
            "True",
            "false",
            "FALSE",
            "yes",
            "on",
            "0",
            "00",
            "007",
            "-007",
            "+7",
            "-0",
            "+-1",
            "1_000",
            "1e5",
            "1E5",
            "1.",
            ".5",
            "1.5",
            "-1.5e-3",
            ".inf",
            "-.Inf",
            "+.inf",
            ".NaN",
            "nan",
            "NaN",
            "inf",
            "infinity",
            "0x1F",
            "0xg",
            "-0x1F",
            "0x-1",
            "0o17",
            "0b101",
            "+0x1",
            "0x",
            "340282366920938463463374607431768211456",
            "12:30",
            "a: b",
            "a:b",
            "a #b",
            "a#b",
            "#a",
            "a#",
            "- a",
            "-a",
            "-",
            "--",
            "---",
            "--- a",
            "---a",
            "...",
            "..a",
            "? a",
            "?a",
            "?",
            ":a",
            ": a",
            ":",
            "a:",
            "a :",
            "[a]",
            "a[b]",
            "{a}",
            "a, b",
            ",a",
            "&a",
            "*a",
            "!a",
            "|a",
            ">a",
            "%a",
            "@a",
            "`a",
            "a`b",
            "a|b",
            "caf\u{e9}",
            "\u{e9}:",
            "\u{a0}",
            "\u{a0}lead",
            "\u{feff}bom",
            "\u{85}nel",
            "tab\there",
            "\t",
            "line\nbreak",
            "trail\n",
            "cr\rhere",
            "\u{2028}ls",
            "\u{2029}",
            "\u{1F600} smile",
            "\u{7f}del",
            "\u{9f}",
            "\u{d7ff}",
            "\u{e000}",
            "\u{fffd}",
            "\u{fffe}",
            "\u{ffff}",
            "\u{1}",
            "back\\slash",
            "2016-09-12",
            "2016-09-12T10:00:00+02:00",
            "PT48H",
            "8a29e5961f7f",
            "123456789012",
            "1234e5678901",
            "a -b",
            "a - b",
            "a ? b",
            "a\u{a0}: b",
            "é#",
            "x #",
        ];
        let numbers = [
            0.0,
            -0.0,
            1.0,
            30.0,
            0.1,
            1e20,
            1e-7,
            123456.789,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        let (mut fast, mut refused) = (0, 0);
        for s in strings {
            for n in numbers {
                let v = outer(s, n);
                let want = serde_yaml::to_string(&v).unwrap();
                match to_string(&v) {
                    Some(got) => {
                        assert_eq!(got, want, "{s:?}");
                        fast += 1;
                    }
                    None => refused += 1,
                }
            }
        }
        // Most strings are written here; line breaks and other characters that need double
        // quotes are refused.
        assert!(fast > refused * 4, "{fast} written, {refused} refused");
        for s in ["line\nbreak", "tab\there", "\u{85}nel", "\u{feff}bom", "\u{2028}ls"] {
            assert!(to_string(&outer(s, 1.0)).is_none(), "{s:?} is refused");
        }
    }

    /// Short strings made of the characters that decide a style (indicators, spaces, digits,
    /// signs, quotes), every one compared with serde_yaml.
    #[test]
    fn generated_strings_match_serde_yaml() {
        let alphabet: Vec<char> = " a0-:#'.?e+x,[!\"\u{e9}\u{a0}~1bn".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 6) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let v = vec![s.clone(), s.clone()];
            let m = Leaf { s: s.clone(), n: 1.0 };
            assert_eq!(
                to_string(&v).as_deref(),
                Some(serde_yaml::to_string(&v).unwrap().as_str()),
                "{s:?}"
            );
            assert_eq!(
                to_string(&m).as_deref(),
                Some(serde_yaml::to_string(&m).unwrap().as_str()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn unsupported_shapes_are_refused() {
        #[derive(Serialize)]
        enum External {
            A(u8),
        }
        #[derive(Serialize)]
        struct Holder {
            e: External,
        }
        assert!(to_string(&Holder { e: External::A(1) }).is_none());
        let one: std::collections::BTreeMap<&str, u8> = [("a", 1)].into_iter().collect();
        assert!(to_string(&one).is_none());
        let two: std::collections::BTreeMap<&str, u8> = [("a", 1), ("b", 2)].into_iter().collect();
        assert_eq!(to_string(&two).unwrap(), serde_yaml::to_string(&two).unwrap());
        assert!(to_string("root scalar").is_none());
    }
}
