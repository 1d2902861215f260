//! The general vocabulary of show notes, for episodes without Python Bytes markers: which headings open a
//! section, and what a section's heading says it holds (sponsors, people, chapters, boilerplate, the
//! episode's description, or a segment a reader would navigate to).

use super::text::label_words;
use super::walker::{Block, BlockKind, Opening};

/// What a section holds, judged on its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `About this episode`, `Summary`: the description, not a segment.
    Description,
    /// `Sponsors`, `Sponsored by`, `Brought to you by`: each item names a sponsor.
    Sponsors,
    /// `Netlify - Sponsor`: the heading names the sponsor; its body is the pitch.
    SponsorNamed,
    /// `Hosts`, `Your hosts`, `Panel`.
    Hosts,
    /// `Guests`, `Featuring`, `Special guest`.
    Guests,
    /// `Chapters`, `Timestamps`.
    Chapters,
    /// Tags, credits, subscribe and social blocks: links kept, not a segment.
    Boilerplate,
    /// Anything else: a segment.
    Segment,
}

const BOILERPLATE: [&str; 22] = [
    "tags",
    "tag",
    "credits",
    "credit",
    "subscribe",
    "social",
    "socials",
    "follow us",
    "follow",
    "find us",
    "connect",
    "contact",
    "support",
    "support the show",
    "patreon",
    "music",
    "theme music",
    "hit us up",
    "tweet us",
    "where to find us",
    "listen",
    "keywords",
];

const PEOPLE_HOSTS: [&str; 6] = ["hosts", "host", "your hosts", "your host", "panel", "panelists"];
const PEOPLE_GUESTS: [&str; 6] = ["guests", "guest", "featuring", "special guest", "special guests", "our guest"];
const DESCRIPTION: [&str; 6] =
    ["about this episode", "about", "summary", "description", "episode summary", "about the episode"];
const CHAPTERS: [&str; 6] = ["chapters", "timestamps", "time stamps", "chapter markers", "chapter", "timestamp"];

/// The kind of section a heading opens.
pub fn kind_of(title: &str) -> Kind {
    let w = label_words(title);
    let w = w.as_str();
    if DESCRIPTION.contains(&w) {
        return Kind::Description;
    }
    if w.starts_with("sponsor")
        || w.starts_with("brought to you by")
        || w == "our sponsors"
        || w == "thanks to our sponsors"
    {
        return Kind::Sponsors;
    }
    if w.ends_with(" sponsor") && title.contains(['-', '–', '—', ':', '|']) {
        return Kind::SponsorNamed;
    }
    if PEOPLE_HOSTS.contains(&w) {
        return Kind::Hosts;
    }
    if PEOPLE_GUESTS.contains(&w) || w.starts_with("featuring") || w.starts_with("guest ") {
        return Kind::Guests;
    }
    if CHAPTERS.contains(&w) || w.starts_with("chapters") || w.starts_with("timestamps") {
        return Kind::Chapters;
    }
    let first_two: String = w.split(' ').take(2).collect::<Vec<_>>().join(" ");
    if BOILERPLATE.contains(&w)
        || BOILERPLATE.contains(&first_two.as_str())
        || w.starts_with("subscribe")
        || w.starts_with("follow us")
        || w.starts_with("connect with")
        || w.starts_with("tweet us")
        || w.starts_with("hit us up")
    {
        return Kind::Boilerplate;
    }
    Kind::Segment
}

/// The sponsor a `Name - Sponsor` heading names.
pub fn named_sponsor(title: &str) -> Option<String> {
    let cut = title.rfind(['-', '–', '—', ':', '|'])?;
    let name = title.get(..cut)?.trim().trim_matches(['*', '_']).trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A block that opens a section in an episode without markers: a heading of level 2–6 (closed ATX included,
/// the parser drops the closing marks), or a bold line standing alone.
pub fn opens_section(text: &str, b: &Block) -> bool {
    match b.kind {
        BlockKind::Heading(level) => level >= 2,
        BlockKind::Paragraph => {
            if b.opening != Opening::Strong || b.lines.len() != 1 {
                return false;
            }
            let src = text.get(b.range.clone()).unwrap_or("").trim();
            let whole =
                (src.starts_with("**") && src.ends_with("**")) || (src.starts_with("__") && src.ends_with("__"));
            whole
                && src.chars().nth(120).is_none()
                && !src.get(2..src.len().saturating_sub(2)).is_some_and(|m| m.contains("**"))
        }
        _ => false,
    }
}

fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// The people a heading names when it is nothing but names: `Ann Example`, `Ann Example and Bo Sample`.
pub fn names_in(title: &str) -> Vec<String> {
    let t = title.trim();
    let parts: Vec<&str> = t.split(" and ").flat_map(|p| p.split(" & ")).flat_map(|p| p.split(", ")).collect();
    let mut names = Vec::new();
    for p in parts {
        let words: Vec<&str> = p.split_whitespace().collect();
        if !(2..=4).contains(&words.len()) || !words.iter().all(|w| capitalised(w)) {
            return Vec::new();
        }
        names.push(words.join(" "));
    }
    names
}

/// Does this front matter handle (`jkalb`, `@jkalb`) stand for this name (`Jon Kalb`)?
pub fn handle_matches(handle: &str, name: &str) -> bool {
    let h: String = handle.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
        .collect();
    let Some(last) = words.last() else { return false };
    let whole: String = words.concat();
    h == whole || (last.chars().count() >= 3 && h.contains(last.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("About this episode"), Kind::Description);
        assert_eq!(kind_of("Sponsored by"), Kind::Sponsors);
        assert_eq!(kind_of("Sponsors"), Kind::Sponsors);
        assert_eq!(kind_of("Acme — Sponsor"), Kind::SponsorNamed);
        assert_eq!(kind_of("Your hosts"), Kind::Hosts);
        assert_eq!(kind_of("Featuring"), Kind::Guests);
        assert_eq!(kind_of("Timestamps"), Kind::Chapters);
        assert_eq!(kind_of("Tags"), Kind::Boilerplate);
        assert_eq!(kind_of("Tweet us your tasty treats!"), Kind::Boilerplate);
        assert_eq!(kind_of("Show Notes"), Kind::Segment);
        assert_eq!(kind_of("Links"), Kind::Segment);
        assert_eq!(named_sponsor("Acme Cloud - Sponsor").as_deref(), Some("Acme Cloud"));
    }

    #[test]
    fn names_and_handles() {
        assert_eq!(names_in("Ann Example and Bo Sample"), vec!["Ann Example".to_owned(), "Bo Sample".to_owned()]);
        assert!(names_in("Show notes").is_empty());
        assert!(names_in("Links").is_empty());
        assert!(handle_matches("aexample", "Ann Example"));
        assert!(!handle_matches("bsample", "Ann Example"));
    }
}
