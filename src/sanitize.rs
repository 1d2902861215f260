//! Making untrusted text safe to put on a terminal.
//!
//! Show notes come from other people's repositories: an ESC, CSI, OSC or C1 byte in a title could clear the
//! screen, retitle the window or write the clipboard. Every string goes through here before it is printed or drawn.

use std::borrow::Cow;

/// True for characters that a terminal may interpret rather than print: C0 and C1 controls, DEL, and the
/// bidirectional override/isolate controls that can make text display in an order other than it reads.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Remove terminal control characters, keeping newlines and turning tabs into four spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`], for text that must stay on one line: newlines and tabs become single spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| if c == '\n' || c == '\t' { Some(' ') } else { (!is_unsafe(c)).then_some(c) })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_c1() {
        assert_eq!(clean("a\x1b[2Jb\x07c\u{9b}d\x7f"), "a[2Jbcd");
        assert_eq!(clean_line("x\ny\tz\r"), "x y z");
        assert!(matches!(clean("plain ünïcode 👩‍💻"), Cow::Borrowed(_)));
        assert_eq!(clean("\u{202E}evil"), "evil");
    }
}
