//! Which section a heading-like block opens: extras (`Extras`, `Our news`, `Follow ups`), jokes (`Joke:`),
//! a sponsor block, or a non-segment block (`Connect with the hosts`, `Join us on YouTube`, `Links`).

use super::text::label_words;
use super::walker::{Block, BlockKind, Opening};

/// A section a heading opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    /// `Extras`, `Our news`, `Extra Eric:`: the label part (the words before the colon, lower case).
    Extras {
        label: String,
    },
    Jokes,
    /// `Connect with the hosts`, `Show intro`, `Links`, `News items`: not segments; named for link sections.
    Other(String),
}

/// The label of a heading line and the byte offset where any text after its colon starts.
pub fn split_label(text: &str) -> (&str, Option<usize>) {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    // A colon after more than 60 characters makes no label, so only the first 61 characters are searched.
    match t.char_indices().take(61).find(|&(_, c)| c == ':' || c == '：') {
        Some((i, c)) if t.get(..i).is_some() => {
            let after = lead + i + c.len_utf8();
            (t.get(..i).unwrap_or(t), Some(after))
        }
        _ => (t, None),
    }
}

/// A block a reader would take for a heading: an ATX heading, or a short paragraph line that is bold or ends
/// with a colon.
pub fn heading_like(block: &Block) -> bool {
    match block.kind {
        BlockKind::Heading(level) => level >= 2,
        BlockKind::Paragraph => {
            let Some(first) = block.lines.first() else { return false };
            let t = first.text.trim();
            let short = t.chars().nth(80).is_none();
            let bold = matches!(block.opening, Opening::Strong | Opening::Emphasis);
            (bold && t.chars().nth(300).is_none())
                || short
                    && (t.ends_with(':')
                        || t.contains(':')
                        || (block.lines.len() == 1 && t.split_whitespace().count() <= 6))
        }
        _ => false,
    }
}

fn is_jokes(words: &str) -> bool {
    words.starts_with("joke")
        || (words.bytes().filter(|&b| b == b' ').count() <= 2 && words.split(' ').any(|w| w == "joke" || w == "jokes"))
}

fn is_extras(words: &str) -> bool {
    let n = words.bytes().filter(|&b| b == b' ').count() + 1;
    if n > 6 {
        return false;
    }
    let news = words.contains("news")
        && (words.contains("our news")
            || words.contains("personal news")
            || words.contains("other news")
            || words.contains("news from us"));
    words == "extra"
        || words.starts_with("extra ")
        || words.starts_with("extras")
        || news
        || words.starts_with("follow up")
        || words.starts_with("followup")
        || words.starts_with("follow ups")
}

const OTHER: [&str; 8] = [
    "connect with the hosts",
    "connect with",
    "join us on youtube",
    "show intro",
    "intro",
    "links",
    "news items",
    "news",
];

/// The section this heading-like line opens, judged on its label (text before any colon).
pub fn classify(line: &str) -> Option<Heading> {
    let (label, _) = split_label(line);
    let words = label_words(label);
    if words.is_empty() {
        return None;
    }
    if is_jokes(&words) {
        return Some(Heading::Jokes);
    }
    if is_extras(&words) {
        return Some(Heading::Extras { label: words });
    }
    // The label's words start the line's words, so only a label starting `j` or `c` can be either phrase.
    if words.starts_with(['j', 'c']) {
        let whole = label_words(super::text::prefix(line, 80));
        if whole.starts_with("join us on youtube") {
            return Some(Heading::Other("Join us on YouTube".to_owned()));
        }
        if whole.starts_with("connect with the hosts") {
            return Some(Heading::Other("Connect with the hosts".to_owned()));
        }
    }
    OTHER.iter().any(|o| words == *o).then(|| Heading::Other(label.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_headings() {
        for h in ["Extras", "Extras:", "Our news", "Our personal news", "Follow ups", "Extra Eric:", "Other news"] {
            assert!(matches!(classify(h), Some(Heading::Extras { .. })), "{h}");
        }
        assert_eq!(classify("Extra, extra, extra, read all about it and much more today"), None);
    }

    #[test]
    fn joke_headings() {
        for h in ["Joke", "Jokes:", "Joke: The 0.1x Engineer", "Extra Joke: Song", "“Joke”:", "Second joke:"] {
            assert_eq!(classify(h), Some(Heading::Jokes), "{h}");
        }
    }

    #[test]
    fn other_blocks() {
        assert_eq!(classify("Connect with the hosts"), Some(Heading::Other("Connect with the hosts".into())));
        assert!(matches!(classify("Join us on YouTube at pythonbytes.fm/live to be part"), Some(Heading::Other(_))));
        assert_eq!(classify("Main topic"), None);
    }
}
