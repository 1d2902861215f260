//! Making untrusted text safe to put on a terminal, and measuring it the way the screen will.
//!
//! Show notes come from other people's repositories: an ESC, CSI, OSC or C1 byte in a title could clear the
//! screen, retitle the window or write the clipboard. Every string goes through here before it is printed or drawn.
//! Whole escape sequences are dropped (not just their ESC, which would leave `[2J` on screen); invisible
//! characters that only move or reorder text are dropped too, and emoji sequences that terminals measure
//! differently from ratatui are taken apart. Widths use unicode-width, the measure ratatui uses, so columns stay
//! aligned around wide (CJK, emoji) and zero-width (combining) characters.

mod escape;
pub mod json;

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// True for characters that a terminal may interpret rather than print, or that are invisible and move text:
/// C0 and C1 controls, DEL, the bidirectional overrides, isolates and marks (which can make text display in an
/// order other than it reads), line/paragraph separators, and zero-width spaces and joiners other than the
/// emoji joiner (U+200D), which keeps families and flags whole.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// What to do with line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// Keep `\n`, expand tabs to four spaces.
    Keep,
    /// Newlines and tabs become single spaces.
    Flatten,
}

/// Remove terminal control characters and escape sequences, keeping newlines and turning tabs into four spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    strip(s, Breaks::Keep)
}

/// Like [`clean`], for text that must stay on one line: newlines and tabs become single spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    strip(s, Breaks::Flatten)
}

/// Characters that terminals and ratatui measure differently, so drawing them shifts everything after them on
/// the row (seen in tmux: a family emoji drawn one column wider than ratatui planned, leaving stale cells behind).
/// Joiners, variation selectors and skin-tone modifiers are dropped, so a sequence shows as its separate emoji;
/// flag letters become plain capitals (🇯🇵 → JP). Both sides agree on what is left.
fn reshaped(c: char) -> Option<Option<char>> {
    match c {
        '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' => Some(None),
        '\u{1F1E6}'..='\u{1F1FF}' => Some(char::from_u32(u32::from(c) - 0x1F1E6 + u32::from('A'))),
        _ => None,
    }
}

fn strip(s: &str, breaks: Breaks) -> Cow<'_, str> {
    let needs_work = |c: char| (is_unsafe(c) && !(c == '\n' && breaks == Breaks::Keep)) || reshaped(c).is_some();
    let Some(first) = s.find(needs_work) else { return Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(c) = rest.chars().next() {
        if let Some(len) = escape::sequence_len(rest) {
            rest = rest.get(len..).unwrap_or_default();
            continue;
        }
        match (c, breaks) {
            ('\n', Breaks::Keep) => out.push('\n'),
            ('\t', Breaks::Keep) => out.push_str("    "),
            ('\n' | '\t' | '\u{2028}' | '\u{2029}', Breaks::Flatten) => out.push(' '),
            ('\u{2028}' | '\u{2029}', Breaks::Keep) => out.push('\n'),
            (c, _) if is_unsafe(c) => {}
            (c, _) => match reshaped(c) {
                Some(replacement) => out.extend(replacement),
                None => out.push(c),
            },
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Unsafe characters written out as `\u{1b}` escapes instead of removed: for names a person must recognise and
/// act on (a file called `\u{1b}[2J.md` must stay tell-apart from `[2J.md`).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.contains(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Display width in terminal columns, as ratatui measures it.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending in `…` when anything was cut. Never splits a character, and keeps
/// combining marks, joiners and skin-tone modifiers with the character they belong to.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1; // one column for the ellipsis
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut used = 0;
    for cluster in clusters(s) {
        let w = width(&s[cluster.clone()]);
        if used + w > budget {
            break;
        }
        used += w;
        kept.push(cluster);
    }
    // Cluster widths add up to the whole in every case seen, but check the exact measure and give back if not.
    while let Some(last) = kept.last() {
        if width(&s[..last.end]) <= budget {
            break;
        }
        kept.pop();
    }
    let end = kept.last().map_or(0, |r| r.end);
    Cow::Owned(format!("{}…", &s[..end]))
}

/// `s` truncated and padded with spaces to exactly `cols` columns, for aligned columns of untrusted text.
pub fn fit(s: &str, cols: usize) -> String {
    let cut = truncate(s, cols);
    let pad = cols.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// Byte ranges of the user-perceived characters of `s`, approximately: a new one starts at each character that
/// takes space, except after a zero-width joiner and at an emoji skin-tone modifier.
fn clusters(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut starts: Vec<usize> = Vec::new();
    let mut prev = None;
    for (i, c) in s.char_indices() {
        let takes_space = c.width().unwrap_or(0) > 0;
        let joined = prev == Some('\u{200D}') || matches!(c, '\u{1F3FB}'..='\u{1F3FF}');
        if starts.is_empty() || (takes_space && !joined) {
            starts.push(i);
        }
        prev = Some(c);
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain(std::iter::once(s.len())).collect();
    starts.into_iter().zip(ends).map(|(a, b)| a..b)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn strips_whole_escape_sequences_and_c1() {
        assert_eq!(clean("a\x1b[2Jb\x07c\u{9b}31md\x7f"), "abcd");
        assert_eq!(clean("t\x1b]0;pwned\x07itle"), "title");
        assert_eq!(clean("x\x1b]52;c;cHduZWQ=\x1b\\y"), "xy");
        assert_eq!(clean("keep\nlines\tand tabs\r\n"), "keep\nlines    and tabs\n");
        assert_eq!(clean_line("x\ny\tz\r"), "x y z");
        assert!(matches!(clean("plain ünïcode 👩 e\u{301} 全角"), Cow::Borrowed(_)));
        assert_eq!(clean("👩\u{200d}💻 👍\u{1f3fd} 🏳\u{fe0f}\u{200d}🌈 \u{1f1ef}\u{1f1f5}"), "👩💻 👍 🏳🌈 JP");
        assert_eq!(clean("\u{202E}evil\u{202C}"), "evil");
        assert_eq!(clean("zero\u{200B}width\u{FEFF}"), "zerowidth");
        assert_eq!(clean("\x1b]0;unterminated\nnext line"), "\nnext line");
        assert_eq!(visible("\x1b[2J\u{9b}.md"), "\\u{1b}[2J\\u{9b}.md");
        assert_eq!(visible("plain.md"), "plain.md");
    }

    #[test]
    fn widths_follow_the_screen() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("全角"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("全角全角", 5), "全角…");
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("anything", 0), "");
        assert_eq!(fit("全角全角", 6), "全角… ");
        assert_eq!(width(&fit("👩‍👩‍👧‍👦 family", 5)), 5);
    }
}
