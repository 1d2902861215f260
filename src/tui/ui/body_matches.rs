//! The search words in the text of a result: every occurrence highlighted, the current one reversed.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use std::ops::Range;

/// Split the spans of `lines` so every word starting with one of `terms` is styled `matched` (occurrence
/// number `current`, counted from 0 in reading order, reversed as well). Returns the line of each occurrence.
pub fn mark(lines: &mut [Line<'static>], terms: &[String], matched: Style, current: Option<usize>) -> Vec<usize> {
    let mut found = Vec::new();
    if terms.is_empty() {
        return found;
    }
    for (y, line) in lines.iter_mut().enumerate() {
        if !line.spans.iter().any(|s| !match_ranges(&s.content, terms).is_empty()) {
            continue;
        }
        let mut spans = Vec::with_capacity(line.spans.len() + 2);
        for span in line.spans.drain(..) {
            let ranges = match_ranges(&span.content, terms);
            if ranges.is_empty() {
                spans.push(span);
                continue;
            }
            let text = span.content.as_ref();
            let mut at = 0;
            for r in ranges {
                if let Some(before) = text.get(at..r.start).filter(|b| !b.is_empty()) {
                    spans.push(Span::styled(before.to_owned(), span.style));
                }
                let mut style = span.style.patch(matched);
                if current == Some(found.len()) {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                spans.push(Span::styled(text.get(r.clone()).unwrap_or_default().to_owned(), style));
                found.push(y);
                at = r.end;
            }
            if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
                spans.push(Span::styled(rest.to_owned(), span.style));
            }
        }
        line.spans = spans;
    }
    found
}

/// Byte ranges of the starts of words (runs of letters, digits and `_`) that match one of `terms` (lower-case)
/// in any case, as [`crate::tui::search_worker::query_terms`] makes them; the longest matching term wins.
/// Kept here rather than borrowed from the search index, so the index can change without the reader.
pub fn match_ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek().filter(|(_, c)| is_word(*c)) {
            end = i + c.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        if let Some(len) = terms.iter().filter_map(|t| folded_prefix(word, t)).max() {
            out.push(start..start + len);
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The byte length of the start of `word` that lower-cases to `term`, if it does.
fn folded_prefix(word: &str, term: &str) -> Option<usize> {
    let mut chars = word.char_indices();
    for t in term.chars() {
        let (_, c) = chars.next()?;
        if c.to_lowercase().next().unwrap_or(c) != t {
            return None;
        }
    }
    Some(chars.next().map_or(word.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_occurrence_is_split_out_and_counted_in_reading_order() {
        let mut lines = vec![Line::from("no match here"), Line::from("Mypy and mypy_extensions; not pypy")];
        let matched = Style::new().add_modifier(Modifier::BOLD);
        let found = mark(&mut lines, &["myp".to_owned()], matched, Some(1));
        assert_eq!(found, [1, 1]);
        let texts: Vec<&str> = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Myp", "y and ", "myp", "y_extensions; not pypy"]);
        assert_eq!(lines[1].spans[0].style, matched);
        assert_eq!(lines[1].spans[2].style, matched.add_modifier(Modifier::REVERSED));
    }

    #[test]
    fn words_match_by_their_start_in_any_case() {
        let terms = vec!["über".to_owned(), "py".to_owned()];
        let text = "ÜBERall: PyPI, __main__ and spy";
        let got: Vec<&str> = match_ranges(text, &terms).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["ÜBER", "Py"]);
        assert!(match_ranges("", &terms).is_empty());
    }
}
