//! Greedy word wrapping of styled text by display width (wide characters count two cells).

use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A run of text in one style.
type Piece = (String, Style);

/// Wrap styled text; the first line gets `widths.0` cells, the rest `widths.1`. Words longer than a line are
/// broken between characters; runs of spaces collapse to one and never start a line.
pub fn wrap(spans: &[Piece], widths: (usize, usize)) -> Vec<Vec<Piece>> {
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut used = 0;
    let mut word: Vec<Piece> = Vec::new();
    let mut word_w = 0;
    let mut space: Option<Style> = None;
    let limit = |n: usize| if n == 0 { widths.0 } else { widths.1 };
    let chars = spans.iter().flat_map(|(t, s)| t.chars().map(move |c| (c, *s)));
    for (c, style) in chars.chain(std::iter::once((' ', Style::new()))) {
        if !c.is_whitespace() {
            push(&mut word, c, style);
            word_w += c.width().unwrap_or(0);
            continue;
        }
        if !word.is_empty() {
            let gap = usize::from(space.is_some() && used > 0);
            if used + gap + word_w > limit(lines.len()) && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            } else if gap == 1 {
                push(&mut line, ' ', space.unwrap_or_default());
                used += 1;
            }
            for (text, s) in word.drain(..) {
                for ch in text.chars() {
                    let w = ch.width().unwrap_or(0);
                    if used + w > limit(lines.len()) && used > 0 {
                        lines.push(std::mem::take(&mut line));
                        used = 0;
                    }
                    push(&mut line, ch, s);
                    used += w;
                }
            }
            word_w = 0;
            space = None;
        }
        if space.is_none() {
            space = Some(style);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn push(pieces: &mut Vec<Piece>, c: char, style: Style) {
    match pieces.last_mut() {
        Some((t, s)) if *s == style => t.push(c),
        _ => pieces.push((c.to_string(), style)),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Piece>]) -> Vec<String> {
        lines.iter().map(|l| l.iter().map(|(t, _)| t.as_str()).collect()).collect()
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        let s = [("aa bb  cc dddddddd".to_owned(), Style::new())];
        assert_eq!(plain(&wrap(&s, (5, 5))), vec!["aa bb", "cc", "ddddd", "ddd"]);
        assert_eq!(plain(&wrap(&s, (2, 8))), vec!["aa", "bb cc", "dddddddd"]);
        assert_eq!(hard_wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert!(wrap(&[(String::new(), Style::new())], (1, 1)).is_empty());
    }
}
