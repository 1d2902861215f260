//! Line numbers of the original file for offsets of the parsed text, across a front matter and the newlines
//! the fence repair added.

/// Maps byte offsets of the parsed text to 1-based lines of the original file.
pub struct LineMap<'a> {
    pub text: &'a str,
    /// Lines taken by a front matter above `text`.
    pub lines_before: usize,
    /// Newlines added by the fence repair (offsets in `text`).
    pub inserted: &'a [usize],
}

/// Newlines in `s`, eight bytes at a time (exact: a byte is flagged only when it equals `\n`).
fn count_newlines(s: &str) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let bytes = s.as_bytes();
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder().iter().filter(|&&b| b == b'\n').count();
    let mut n = 0usize;
    for chunk in chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ NL;
        let zero_high = !(((x & LOW7) + LOW7) | x | LOW7);
        n += zero_high.count_ones() as usize;
    }
    n + tail
}

/// A position already counted, so ascending lookups scan the text once.
#[derive(Default)]
pub struct LineCursor {
    offset: usize,
    newlines: usize,
}

impl LineMap<'_> {
    pub fn line(&self, cursor: &mut LineCursor, offset: usize) -> usize {
        if offset < cursor.offset {
            *cursor = LineCursor::default();
        }
        let span = self.text.get(cursor.offset..offset).unwrap_or("");
        cursor.newlines += count_newlines(span);
        cursor.offset = offset;
        let added = self.inserted.partition_point(|&p| p < offset);
        1 + self.lines_before + cursor.newlines - added.min(cursor.newlines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_count_matches_naive() {
        let s = "a\nbb\n\n\u{e9}\n0123456789\n\n\n\n\nxyz\n";
        assert_eq!(count_newlines(s), s.bytes().filter(|&b| b == b'\n').count());
        assert_eq!(count_newlines(""), 0);
        assert_eq!(count_newlines("\u{a0a}\n"), 1);
    }

    #[test]
    fn added_newlines_do_not_count() {
        let text = "a\n```\nb\n";
        let map = LineMap { text, lines_before: 2, inserted: &[5] };
        let mut cursor = LineCursor::default();
        assert_eq!(map.line(&mut cursor, 0), 3);
        assert_eq!(map.line(&mut cursor, 6), 4);
    }
}
