//! What a file name says about its episode: a number when the name clearly is one (`149.md`,
//! `go-time-100.md`, `episode-001.md`, `042 - Title.md`), and a date written in it (`2020-05-01-notes.md`).
//!
//! A number after words counts only when the words are the folder's usual prefix (most of its names share
//! it) or say "episode": `go-time-the-changelog-354.md` among `go-time-N.md` is another show's number.
//! A date, a year, a version (`rust-1.36`) or a part (`part-2`) is never the number.

use std::collections::HashMap;
use std::path::Path;

use crate::parse::headline::TITLE_WORDS;

const EPISODE_WORDS: [&str; 5] = ["episode", "ep", "e", "no", "show"];

/// The stem split into (prefix, number) when its number is in a place an episode number goes.
pub fn parts(stem: &str) -> Option<(String, u32)> {
    if crate::parse::dates::find_iso(stem).is_some() {
        return None;
    }
    // Leading digits: `149`, `042 - Title`, `469-commands`.
    let lead: String = stem.chars().take_while(char::is_ascii_digit).collect();
    if !lead.is_empty() {
        let after = stem.get(lead.len()..).unwrap_or("");
        let separated = after.is_empty() || after.starts_with([' ', '-', '_']);
        let year = lead.len() == 4 && lead.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
        return (separated && !year).then(|| lead.parse().ok().map(|n| (String::new(), n))).flatten();
    }
    // Trailing digits after a separator: `go-time-100`, `episode-001`.
    let digits: String =
        stem.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let prefix = stem.get(..stem.len() - digits.len()).unwrap_or("");
    if !prefix.ends_with(['-', '_', ' ']) {
        return None;
    }
    let last_word =
        prefix.trim_end_matches(['-', '_', ' ']).rsplit(['-', '_', ' ']).next().unwrap_or("").to_ascii_lowercase();
    if TITLE_WORDS.contains(&last_word.as_str()) || last_word.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n = digits.parse().ok()?;
    Some((prefix.to_ascii_lowercase(), n))
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The number each file's name gives, judged against the whole folder's names.
pub fn numbers(paths: &[&Path]) -> Vec<Option<u32>> {
    let all: Vec<Option<(String, u32)>> = paths.iter().map(|p| parts(&stem(p))).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (prefix, _) in all.iter().flatten() {
        *counts.entry(prefix.as_str()).or_default() += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    all.iter()
        .map(|p| {
            let (prefix, n) = p.as_ref()?;
            let words = prefix.trim_matches(['-', '_', ' ']);
            let ok = prefix.is_empty()
                || EPISODE_WORDS.contains(&words)
                || counts.get(prefix.as_str()).is_some_and(|&c| c >= 2 || c == top);
            ok.then_some(*n)
        })
        .collect()
}

/// A `YYYY-MM-DD` date written in the file name.
pub fn date(path: &Path) -> Option<String> {
    crate::parse::dates::find_iso(&stem(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_numbers_only() {
        assert_eq!(parts("go-time-100"), Some(("go-time-".into(), 100)));
        assert_eq!(parts("042 - Title"), Some((String::new(), 42)));
        assert_eq!(parts("149"), Some((String::new(), 149)));
        assert_eq!(parts("2020-05-01-notes"), None);
        assert_eq!(parts("2019"), None);
        assert_eq!(parts("talk-part-2"), None);
        assert_eq!(parts("rust-1.36"), None);
        assert_eq!(parts("clh-s4e3"), None);
        assert_eq!(parts("5G-networks"), None);
    }

    #[test]
    fn an_odd_prefix_among_the_folder_is_not_a_number() {
        let names = ["a/show-1.md", "a/show-2.md", "a/show-3.md", "a/show-other-354.md", "a/episode-9.md"];
        let paths: Vec<&Path> = names.iter().map(Path::new).collect();
        assert_eq!(numbers(&paths), vec![Some(1), Some(2), Some(3), None, Some(9)]);
        assert_eq!(numbers(&[Path::new("my-show-12.md")]), vec![Some(12)]);
        assert_eq!(date(Path::new("2020-05-01-notes.md")).as_deref(), Some("2020-05-01"));
    }
}
