//! Reading a segment heading line: its title (visible text, markup and stray junk removed), its address, the
//! episode number of the top heading, and the small text rules around labels and literal markdown.

use crate::parse::sections::split_label;
use crate::parse::text::label_words;
use crate::parse::walker::{Line, RawLink};

/// A usable link target: not empty, not a bare `http://` placeholder.
pub fn valid_url(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() {
        return false;
    }
    // A byte scan for `://`: cheaper than a substring searcher for these short strings.
    match u.as_bytes().windows(3).position(|w| w == b"://") {
        Some(i) => !u.get(i + 3..).unwrap_or("").trim_matches('/').is_empty(),
        None => true,
    }
}

/// Junk between a marker and the title link (a stray `Ï`, a bare `(https://…)`) that a reader skips.
fn is_junk(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || (t.chars().count() <= 2 && t.chars().all(char::is_alphabetic))
        || (t.contains("://") && !t.contains(' '))
}

/// Markdown that reached the visible text literally (inside a code span, behind an escaped `[`, or a link
/// whose target has spaces) still reads as its text: `[**pluginlib**](https://…)` → `pluginlib`.
pub fn strip_literal_links(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(']') || !s.contains("](") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find("](") else { break };
        let target = after.get(close + 2..).unwrap_or("");
        let Some(end) = target.find(')') else { break };
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push_str(after.get(..close).unwrap_or(""));
        rest = target.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Markdown after a `Michael:` label on its first line (`- **Bob**: Be sure …` → `Be sure …`), so an item
/// filed under its host does not repeat the name; nested lines are kept.
pub fn after_label(md: &str) -> &str {
    let first_end = md.find('\n').unwrap_or(md.len());
    match md.get(..first_end).and_then(|l| l.find([':', '：'])) {
        Some(i) => {
            let colon = md.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
            md.get(i + colon..).unwrap_or(md).trim_start_matches(['*', '_', ' ', '\t']).trim_start_matches(['\r', '\n'])
        }
        None => md,
    }
}

/// `**Main topic**: AMA questions from the audience. Use …`: an episode with one unnumbered item, titled by
/// the first sentence after the label.
pub fn main_topic(line: &str) -> Option<String> {
    let (label, rest) = split_label(line);
    let words = label_words(label);
    if words != "main topic" && words != "topic" {
        return None;
    }
    let rest = line.get(rest?..)?.trim();
    let sentence = rest.find(". ").map_or(rest, |i| rest.get(..i).unwrap_or(rest));
    let title = clean_title(sentence.trim_end_matches('.'));
    (!title.is_empty()).then_some(title)
}

/// The text is one bare `http(s)://` address.
pub fn bare_url(text: &str) -> Option<String> {
    let t = text.trim();
    ((t.starts_with("http://") || t.starts_with("https://")) && !t.contains(char::is_whitespace) && valid_url(t))
        .then(|| t.to_owned())
}

/// The target of the first literal `[text](http…)` left in visible text.
pub fn literal_link_target(text: &str) -> Option<String> {
    let open = text.find("](")?;
    let target = text.get(open + 2..)?;
    let end = target.find(')')?;
    let url = target.get(..end)?.trim();
    (url.starts_with("http") && !url.contains(char::is_whitespace) && valid_url(url)).then(|| url.to_owned())
}

pub fn clean_title(s: &str) -> String {
    crate::parse::text::collapse_cow(&strip_literal_links(s))
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '*'))
        .to_owned()
}

/// Title and url of a segment heading line after its marker.
pub fn title_and_url(line: &Line, from: usize, links: &[RawLink<'_>]) -> (String, Option<String>) {
    // Only the first valid link after the marker matters.
    let first_after =
        line.links.iter().find(|l| l.span.end > from && links.get(l.link).is_some_and(|r| valid_url(&r.url)));
    let mut start = from.min(line.text.len());
    if let Some(first) = first_after
        && first.span.start > start
        && line.text.get(start..first.span.start).is_some_and(|between| is_junk(&strip_literal_links(between)))
    {
        start = first.span.start;
    }
    let title = clean_title(line.text.get(start..).unwrap_or(""));
    let url = first_after.and_then(|l| links.get(l.link)).map(|r| r.url.trim().to_owned());
    (title, url)
}

/// The line is nothing but a link (`[**Title**](url)`): its text and target.
pub fn link_only(line: &Line, links: &[RawLink<'_>]) -> Option<(String, String)> {
    let l = line.links.first()?;
    let raw = links.get(l.link)?;
    let before = line.text.get(..l.span.start)?;
    let after = line.text.get(l.span.end..)?;
    (before.trim().is_empty() && after.trim().is_empty() && valid_url(&raw.url))
        .then(|| (clean_title(&raw.text), raw.url.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_off_items() {
        assert_eq!(after_label("- **Bob**: Be sure to visit"), "Be sure to visit");
        assert_eq!(after_label("Michael: [x](https://y.example)"), "[x](https://y.example)");
        assert_eq!(after_label("- Brian: \n\t- nested"), "\t- nested");
    }

    #[test]
    fn main_topic_is_titled_by_its_first_sentence() {
        let title = main_topic("Main topic: AMA questions from the audience. Use the search.");
        assert_eq!(title.as_deref(), Some("AMA questions from the audience"));
        assert_eq!(main_topic("Extras: things"), None);
    }

    #[test]
    fn urls_and_titles() {
        assert!(!valid_url("http://"));
        assert!(valid_url("https://a.example/x"));
        assert_eq!(clean_title("`[**pluginlib**](https://x.example)` rocks"), "`pluginlib` rocks");
        let bare = bare_url(" https://github.com/facebook/Lifeguard ");
        assert_eq!(bare.as_deref(), Some("https://github.com/facebook/Lifeguard"));
        assert!(is_junk("Ï"));
        assert!(!is_junk("“"));
    }
}
