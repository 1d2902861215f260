//! The episode's top heading read as a person reads it: `SSH 79: Home Lab` is show `SSH`, number 79, title
//! `Home Lab`; `# Python Bytes 149` is a number alone; `Rust 1.36 Is Out` and `Part 2` are titles with digits.

/// What the top heading says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headline {
    pub number: Option<u32>,
    pub title: Option<String>,
    /// The words before the number (`SSH`, `Python Bytes`), episode words (`Episode`, `Ep.`) removed.
    pub show: Option<String>,
}

/// Words that make the number after them part of a title, not the episode's number (`Part 2`, `Vol 3`).
pub const TITLE_WORDS: [&str; 10] = ["part", "pt", "vol", "volume", "chapter", "season", "top", "version", "v", "day"];
const EPISODE_WORDS: [&str; 6] = ["episode", "ep", "ep.", "no.", "no", "#"];

fn separated(after: &str) -> bool {
    let a = after.trim_start();
    after.is_empty()
        || a.is_empty()
        || a.starts_with([':', '-', '–', '—', '|', '·', '/'])
        || (after.starts_with('.') && after.get(1..).is_some_and(|r| r.starts_with(' ')))
}

fn clean(s: &str) -> Option<String> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '·' | '/')).trim();
    // A title written with leading dashes keeps them; only the separator after the number goes.
    let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("– ")).or_else(|| t.strip_prefix("— ")).unwrap_or(t).trim();
    (!t.is_empty()).then(|| super::text::collapse(t))
}

/// Read the top heading's visible text.
pub fn read(heading: &str) -> Headline {
    let t = heading.trim();
    let whole = Headline { number: None, title: clean(t), show: None };
    let Some(pos) = t.find(|c: char| c.is_ascii_digit()) else { return whole };
    let prefix = t.get(..pos).unwrap_or("");
    let digits: String = t.get(pos..).unwrap_or("").chars().take_while(char::is_ascii_digit).collect();
    let after = t.get(pos + digits.len()..).unwrap_or("");
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let last = words.last().map(|w| w.to_ascii_lowercase()).unwrap_or_default();
    let glued = prefix.ends_with(|c: char| c.is_alphanumeric() || matches!(c, '.' | ',' | '$' | '-'));
    let Ok(n) = digits.parse::<u32>() else { return whole };
    let year = digits.len() == 4 && (1900..=2100).contains(&n);
    if words.len() > 4 || glued || year || TITLE_WORDS.contains(&last.as_str()) || !separated(after) {
        return whole;
    }
    let show_words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !EPISODE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .map(|w| w.trim_end_matches(['#', ':', '-']))
        .filter(|w| !w.is_empty())
        .collect();
    Headline { number: Some(n), title: clean(after), show: (!show_words.is_empty()).then(|| show_words.join(" ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nt(h: &str) -> (Option<u32>, Option<String>) {
        let r = read(h);
        (r.number, r.title)
    }

    #[test]
    fn numbers_titles_and_shows() {
        assert_eq!(nt("Python Bytes 149"), (Some(149), None));
        assert_eq!(nt("PB 485"), (Some(485), None));
        assert_eq!(nt("#460: Title here"), (Some(460), Some("Title here".into())));
        assert_eq!(nt("Python Bytes Episode 7"), (Some(7), None));
        assert_eq!(nt("SSH 79: Home Lab"), (Some(79), Some("Home Lab".into())));
        assert_eq!(read("SSH 79: Home Lab").show.as_deref(), Some("SSH"));
        assert_eq!(read("Episode 12").show, None);
        assert_eq!(nt("Rust 1.36 Is Out"), (None, Some("Rust 1.36 Is Out".into())));
        assert_eq!(nt("Part 2"), (None, Some("Part 2".into())));
        assert_eq!(nt("Looking Back at 2020"), (None, Some("Looking Back at 2020".into())));
        assert_eq!(nt("Top 10 Tools"), (None, Some("Top 10 Tools".into())));
        assert_eq!(nt("Plain title"), (None, Some("Plain title".into())));
    }
}
