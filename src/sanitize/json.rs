//! A JSON formatter that also escapes what serde_json leaves raw: DEL, C1 controls (`\u009b` is CSI to some
//! terminals) and the invisible reordering characters of [`is_unsafe`](super::is_unsafe).
//!
//! Lossless (`\u202e` reads back as U+202E), so `shownotes export | less` and `| jq` are both safe and exact.

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// serde_json's pretty printer, with every unsafe character written as a `\uXXXX` escape.
#[derive(Debug, Default)]
pub struct SafeJson<'a> {
    pretty: PrettyFormatter<'a>,
}

impl SafeJson<'_> {
    /// Pretty-printed, two-space indent, like `serde_json::to_writer_pretty`.
    pub fn pretty() -> Self {
        Self::default()
    }
}

/// Write `value` as pretty JSON with [`SafeJson`].
///
/// # Errors
/// When writing fails or the value cannot be serialized.
pub fn to_writer_pretty(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeJson::pretty());
    value.serialize(&mut ser).map_err(io::Error::from)
}

impl Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(super::is_unsafe) {
            writer.write_all(&rest.as_bytes()[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(writer)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn escapes_what_serde_json_leaves_raw_and_reads_back_exactly() {
        let value = serde_json::json!({"t": "a\u{9b}2J\u{7f}\u{202e}b\x1b[0m\n👩‍💻"});
        let mut out = Vec::new();
        super::to_writer_pretty(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "{\n  \"t\": \"a\\u009b2J\\u007f\\u202eb\\u001b[0m\\n👩‍💻\"\n}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
        assert!(serde_json::to_string_pretty(&value).unwrap().len() < text.len());
    }
}
