//! Recognising whole terminal escape sequences, so they are dropped as a unit rather than leaving `[2J` behind.
//!
//! Follows ECMA-48 as terminals read it: CSI (`ESC [` or C1 `0x9B`) runs through parameter and intermediate
//! bytes to one final byte; OSC, DCS, SOS, PM and APC strings run to BEL or ST; other `ESC x` pairs are two
//! characters. A string that never ends stops at a newline, so one stray ESC cannot swallow the rest of a file.

/// The byte length of the escape sequence at the start of `s`, when `s` starts with one (ESC or a C1 introducer).
pub(super) fn sequence_len(s: &str) -> Option<usize> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let after_first = first.len_utf8();
    match first {
        '\x1b' => {
            let rest = &s[after_first..];
            let next = rest.chars().next();
            Some(
                after_first
                    + match next {
                        Some('[') => 1 + csi_body(&rest[1..]),
                        Some(']' | 'P' | 'X' | '^' | '_') => 1 + string_body(&rest[1..]),
                        Some(c @ '\x20'..='\x2f') => c.len_utf8() + nf_body(&rest[1..]),
                        Some('\x30'..='\x7e') => 1,
                        _ => 0,
                    },
            )
        }
        '\u{9b}' => Some(after_first + csi_body(&s[after_first..])),
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Some(after_first + string_body(&s[after_first..])),
        _ => None,
    }
}

/// Parameter bytes (0x30–0x3F) and intermediate bytes (0x20–0x2F), then one final byte (0x40–0x7E).
/// Anything else ends the sequence early and is left for the caller.
fn csi_body(s: &str) -> usize {
    let mut len = 0;
    for b in s.bytes() {
        match b {
            0x20..=0x3f => len += 1,
            0x40..=0x7e => return len + 1,
            _ => return len,
        }
    }
    len
}

/// `ESC ( B` and friends: intermediate bytes, then one final byte.
fn nf_body(s: &str) -> usize {
    let mut len = 0;
    for b in s.bytes() {
        match b {
            0x20..=0x2f => len += 1,
            0x30..=0x7e => return len + 1,
            _ => return len,
        }
    }
    len
}

/// A control string's payload and terminator: BEL, ST (`ESC \` or C1 `0x9C`). A newline, another ESC or
/// the end of the text ends it too, without being swallowed.
fn string_body(s: &str) -> usize {
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '\x07' | '\u{9c}' => return i + c.len_utf8(),
            '\x1b' => {
                return if matches!(iter.peek(), Some((_, '\\'))) { i + 2 } else { i };
            }
            '\n' => return i,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::sequence_len;

    #[test]
    fn whole_sequences_are_measured() {
        assert_eq!(sequence_len("\x1b[2Jrest"), Some(4));
        assert_eq!(sequence_len("\x1b[38;5;196mX"), Some(11));
        assert_eq!(sequence_len("\x1b]0;pwned\x07X"), Some(10));
        assert_eq!(sequence_len("\x1b]52;c;aGk=\x1b\\X"), Some(13));
        assert_eq!(sequence_len("\u{9b}31mX"), Some(5));
        assert_eq!(sequence_len("\u{9d}0;t\u{9c}X"), Some(7));
        assert_eq!(sequence_len("\x1b(BX"), Some(3));
        assert_eq!(sequence_len("\x1bcX"), Some(2));
        assert_eq!(sequence_len("\x1b]0;never ends\nnext"), Some(14));
        assert_eq!(sequence_len("\x1b"), Some(1));
        assert_eq!(sequence_len("\x1bé"), Some(1));
        assert_eq!(sequence_len("\x1b[1é"), Some(3));
        assert_eq!(sequence_len("plain"), None);
    }
}
