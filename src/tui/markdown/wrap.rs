//! Wrapping styled text by Unicode line breaking (UAX #14, through `textwrap`), keeping URLs whole.
//!
//! Text is cut where UAX #14 allows (spaces, after hyphens, between CJK ideographs); a run marked `glue` (a URL
//! shown as itself) is never cut inside unless it alone is wider than the line. Widths are display cells.

use std::ops::Range;

use ratatui::style::Style;
use textwrap::WordSeparator;
use textwrap::core::Fragment;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A run of text in one style, maybe part of numbered link `link` (1-based, as on screen).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: Style,
    pub link: Option<usize>,
    /// Never break inside this run unless it is longer than a line (URLs).
    pub glue: bool,
}

impl Piece {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self { text: text.into(), style, link: None, glue: false }
    }
}

/// A word (byte range into the joined text) and whether a space follows it.
#[derive(Debug, Clone)]
struct Frag {
    word: Range<usize>,
    width: usize,
    space: bool,
}

impl Fragment for Frag {
    #[allow(clippy::cast_precision_loss)]
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        if self.space { 1.0 } else { 0.0 }
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wrap styled text; the first line gets `widths.0` cells, the rest `widths.1`. Runs of whitespace collapse to
/// one space and never start or end a line.
pub fn wrap(pieces: &[Piece], widths: (usize, usize)) -> Vec<Vec<Piece>> {
    let (text, owners) = join(pieces);
    if text.is_empty() {
        return Vec::new();
    }
    let longest = widths.1.max(1);
    let frags = fragments(&text, &owners, pieces, longest);
    #[allow(clippy::cast_precision_loss)]
    let line_widths = [widths.0.max(1) as f64, widths.1.max(1) as f64];
    textwrap::wrap_algorithms::wrap_first_fit(&frags, &line_widths)
        .into_iter()
        .filter_map(|line| {
            let (first, last) = (line.first()?, line.last()?);
            Some(slice(&text, &owners, pieces, first.word.start..last.word.end))
        })
        .collect()
}

/// All pieces as one string with whitespace collapsed, and which piece owns each byte range.
fn join(pieces: &[Piece]) -> (String, Vec<(Range<usize>, usize)>) {
    let mut text = String::new();
    let mut owners = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let start = text.len();
        for c in p.text.chars() {
            if c.is_whitespace() {
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
            } else {
                text.push(c);
            }
        }
        if text.len() > start {
            owners.push((start..text.len(), i));
        }
    }
    if text.ends_with(' ') {
        text.pop();
        if let Some((r, _)) = owners.last_mut() {
            r.end = r.end.min(text.len());
        }
    }
    (text, owners)
}

fn owner_at(owners: &[(Range<usize>, usize)], byte: usize) -> Option<usize> {
    let i = owners.partition_point(|(r, _)| r.end <= byte);
    owners.get(i).filter(|(r, _)| r.contains(&byte)).map(|(_, p)| *p)
}

/// UAX #14 words, merged back where a break would fall inside a glued run, long words cut to `longest`.
fn fragments(text: &str, owners: &[(Range<usize>, usize)], pieces: &[Piece], longest: usize) -> Vec<Frag> {
    let mut frags: Vec<Frag> = Vec::new();
    let mut at = 0;
    for w in WordSeparator::UnicodeBreakProperties.find_words(text) {
        let word = at..at + w.word.len();
        at = word.end + w.whitespace.len();
        let glued = frags.last().is_some_and(|prev| {
            !prev.space
                && owner_at(owners, word.start)
                    .zip(owner_at(owners, word.start.saturating_sub(1)))
                    .is_some_and(|(a, b)| a == b && pieces[a].glue)
        });
        match frags.last_mut() {
            Some(prev) if glued => {
                prev.word.end = word.end;
                prev.space = !w.whitespace.is_empty();
            }
            _ => frags.push(Frag { word, width: 0, space: !w.whitespace.is_empty() }),
        }
    }
    let mut out = Vec::with_capacity(frags.len());
    for f in frags {
        let s = &text[f.word.clone()];
        let width = s.width();
        if width <= longest {
            out.push(Frag { width, ..f });
            continue;
        }
        // Longer than a line: cut between characters.
        let (mut start, mut used) = (f.word.start, 0);
        for (i, c) in s.char_indices() {
            let cw = c.width().unwrap_or(0);
            if used + cw > longest && used > 0 {
                out.push(Frag { word: start..f.word.start + i, width: used, space: false });
                start = f.word.start + i;
                used = 0;
            }
            used += cw;
        }
        out.push(Frag { word: start..f.word.end, width: used, space: f.space });
    }
    out
}

/// The pieces covering `range` of the joined text.
fn slice(text: &str, owners: &[(Range<usize>, usize)], pieces: &[Piece], range: Range<usize>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let first = owners.partition_point(|(r, _)| r.end <= range.start);
    for (r, i) in &owners[first..] {
        if r.start >= range.end {
            break;
        }
        let part = &text[r.start.max(range.start)..r.end.min(range.end)];
        let p = &pieces[*i];
        match out.last_mut() {
            Some(last) if last.style == p.style && last.link == p.link => last.text.push_str(part),
            _ => out.push(Piece { text: part.to_owned(), ..p.clone() }),
        }
    }
    out
}

/// Cut a line into pieces of at most `width` cells, keeping spaces (for code).
pub fn hard_wrap(text: &str, width: usize) -> Vec<String> {
    if text.width() <= width {
        return vec![text.to_owned()];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && used > 0 {
            out.push(std::mem::take(&mut cur));
            used = 0;
        }
        cur.push(c);
        used += w;
    }
    out.push(cur);
    out
}

/// Tabs replaced by spaces up to the next stop every `stop` cells (CommonMark's stop is 4).
pub fn expand_tabs(line: &str, stop: usize) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = stop - col % stop;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += c.width().unwrap_or(0);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Piece>]) -> Vec<String> {
        lines.iter().map(|l| l.iter().map(|p| p.text.as_str()).collect()).collect()
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        let s = [Piece::new("aa bb  cc dddddddd", Style::new())];
        assert_eq!(plain(&wrap(&s, (5, 5))), vec!["aa bb", "cc", "ddddd", "ddd"]);
        assert_eq!(plain(&wrap(&s, (2, 8))), vec!["aa", "bb cc", "dddddddd"]);
        assert_eq!(hard_wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert!(wrap(&[Piece::new("", Style::new())], (1, 1)).is_empty());
    }

    #[test]
    fn cjk_wraps_between_ideographs() {
        let s = [Piece::new("日本語のテキストは空白なしで折り返す", Style::new())];
        let lines = plain(&wrap(&s, (10, 10)));
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 10), "{lines:?}");
    }

    #[test]
    fn urls_wrap_before_not_inside() {
        let url = Piece { text: "https://example.com/a-b/c".into(), link: Some(1), glue: true, style: Style::new() };
        let s = [Piece::new("see the page at ", Style::new()), url];
        assert_eq!(plain(&wrap(&s, (30, 30))), vec!["see the page at", "https://example.com/a-b/c"]);
    }

    #[test]
    fn tabs_go_to_stops() {
        assert_eq!(expand_tabs("a\tbc\td", 4), "a   bc  d");
    }
}
