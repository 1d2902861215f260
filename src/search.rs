//! Search: "the episode where they talked about X".
//!
//! The index-backed engine lives in the submodules: [`query`] (text → [`query::Query`] → FTS5 MATCH from
//! quoted tokens), [`text`] (folding, stems, symbols, CJK bigrams), [`docs`] (what of an episode is searchable),
//! [`typo`] (corrections through the index's vocabulary), [`snippet`] and [`engine`] ([`engine::search`]).
//!
//! Below is the older in-memory index over segments, kept for the reader until it moves to the store:
//! Built once per library as an inverted index of folded (lower-cased) words, so a query costs a few range
//! scans of a sorted vocabulary instead of a pass over megabytes of text: fast enough to re-run on every
//! keystroke. Every query word must match the start of some word in the segment (so `myp` finds `mypy`);
//! title matches rank first, then host, link text and body.

pub mod docs;
pub mod engine;
pub mod query;
pub mod snippet;
pub mod text;
pub mod typo;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Serialize;

use crate::library::Library;
use crate::model::Episode;

/// Where in a segment a word was found; the values are the ranking weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Field {
    Title = 1,
    Host = 2,
    LinkText = 4,
    Body = 8,
}

/// One segment of one episode that matched every query word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Index into [`Library::episodes`].
    #[serde(skip)]
    pub episode_index: usize,
    /// Index into that episode's segments.
    #[serde(skip)]
    pub segment_index: usize,
    pub episode: Option<u32>,
    pub ordinal: Option<u32>,
    pub host: Option<String>,
    pub title: String,
    pub url: Option<String>,
    /// A short plain-text excerpt around the first match (the title when only the title matched).
    pub snippet: String,
    /// Byte ranges of matched words inside `snippet`, for highlighting.
    #[serde(skip)]
    pub snippet_matches: Vec<Range<usize>>,
    /// Byte ranges of matched words inside `title`.
    #[serde(skip)]
    pub title_matches: Vec<Range<usize>>,
    #[serde(skip)]
    pub score: u32,
}

/// A searchable view of one library.
#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Folded word → (doc id, fields it occurs in).
    vocab: BTreeMap<String, Vec<(u32, u8)>>,
}

#[derive(Debug)]
struct Doc {
    episode_index: usize,
    segment_index: usize,
    /// Plain text of the body (markdown removed), for snippets.
    text: String,
}

/// Lower-case one char without changing char counts, so positions in folded text map back to the original.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Words are runs of alphanumerics (and `_`, so `__main__` stays one word), as slices of `text`: lazy and
/// allocation-free, since snippets and highlights scan whole bodies on every keystroke.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

fn folded(word: &str) -> String {
    word.chars().map(fold).collect()
}

/// The byte length of the start of `word` that folds to `term`, if it does.
fn folded_prefix(word: &str, term: &str) -> Option<usize> {
    let mut chars = word.char_indices();
    for t in term.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != t {
            return None;
        }
    }
    Some(chars.next().map_or(word.len(), |(i, _)| i))
}

impl SearchIndex {
    /// Index every segment of every episode.
    pub fn build(library: &Library) -> Self {
        let mut index = Self::default();
        let mut postings: HashMap<String, Vec<(u32, u8)>> = HashMap::new();
        for (ei, episode) in library.episodes.iter().enumerate() {
            for (si, segment) in episode.segments.iter().enumerate() {
                let id = u32::try_from(index.docs.len()).unwrap_or(u32::MAX);
                let text = plain_text(&segment.body);
                let mut add = |t: &str, field: Field| {
                    for (_, w) in words(t) {
                        let list = postings.entry(folded(w)).or_default();
                        match list.last_mut() {
                            Some((d, f)) if *d == id => *f |= field as u8,
                            _ => list.push((id, field as u8)),
                        }
                    }
                };
                add(&segment.title, Field::Title);
                add(segment.host.as_deref().unwrap_or(""), Field::Host);
                for link in &segment.links {
                    add(&link.text, Field::LinkText);
                }
                add(&text, Field::Body);
                index.docs.push(Doc { episode_index: ei, segment_index: si, text });
            }
        }
        index.vocab = postings.into_iter().collect();
        index
    }

    /// How many segments are indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Segments matching every word of `query`, best first; `limit` caps the hits built.
    pub fn query(&self, library: &Library, query: &str, limit: Option<usize>) -> Vec<Hit> {
        let terms: Vec<String> = words(query).map(|(_, w)| folded(w)).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut matched: Option<HashMap<u32, u32>> = None;
        for term in &terms {
            let mut this: HashMap<u32, u8> = HashMap::new();
            for (word, list) in self.vocab.range(term.clone()..) {
                if !word.starts_with(term.as_str()) {
                    break;
                }
                for &(d, f) in list {
                    *this.entry(d).or_default() |= f;
                }
            }
            matched = Some(match matched {
                None => this.into_iter().map(|(d, f)| (d, weight(f))).collect(),
                Some(prev) => prev.into_iter().filter_map(|(d, s)| this.get(&d).map(|&f| (d, s + weight(f)))).collect(),
            });
        }
        let mut ranked: Vec<(u32, u32)> = matched.unwrap_or_default().into_iter().map(|(d, s)| (s, d)).collect();
        ranked.sort_by(|a, b| {
            let ea = &self.docs[a.1 as usize];
            let eb = &self.docs[b.1 as usize];
            b.0.cmp(&a.0)
                .then_with(|| library.episodes[eb.episode_index].number.cmp(&library.episodes[ea.episode_index].number))
                .then(ea.segment_index.cmp(&eb.segment_index))
        });
        ranked
            .into_iter()
            .take(limit.unwrap_or(usize::MAX))
            .map(|(score, d)| self.hit(library, &self.docs[d as usize], &terms, score))
            .collect()
    }

    fn hit(&self, library: &Library, doc: &Doc, terms: &[String], score: u32) -> Hit {
        let episode: &Episode = &library.episodes[doc.episode_index];
        let segment = &episode.segments[doc.segment_index];
        let (snippet, snippet_matches) = snippet(&doc.text, terms);
        Hit {
            episode_index: doc.episode_index,
            segment_index: doc.segment_index,
            episode: episode.number,
            ordinal: segment.ordinal,
            host: segment.host.clone(),
            title: segment.title.clone(),
            url: segment.url.clone(),
            title_matches: match_ranges(&segment.title, terms),
            snippet,
            snippet_matches,
            score,
        }
    }
}

/// Title matches dominate: one title word outranks any number of body words.
fn weight(fields: u8) -> u32 {
    let mut w = 0;
    if fields & Field::Title as u8 != 0 {
        w += 1000;
    }
    if fields & Field::Host as u8 != 0 {
        w += 100;
    }
    if fields & Field::LinkText as u8 != 0 {
        w += 10;
    }
    if fields & Field::Body as u8 != 0 {
        w += 1;
    }
    w
}

/// Byte ranges in `text` of words starting with any of `terms`.
pub fn match_ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    words(text)
        .filter_map(|(start, word)| {
            let len = terms.iter().filter_map(|t| folded_prefix(word, t)).max()?;
            Some(start..start + len)
        })
        .collect()
}

/// About 120 characters of `text` around the first match, on char boundaries, with its match ranges.
fn snippet(text: &str, terms: &[String]) -> (String, Vec<Range<usize>>) {
    const BEFORE: usize = 40;
    const LEN: usize = 120;
    let first = words(text)
        .find_map(|(start, word)| terms.iter().any(|t| folded_prefix(word, t).is_some()).then_some(start))
        .unwrap_or(0);
    let start = text[..first].char_indices().rev().nth(BEFORE).map_or(0, |(i, _)| i);
    let end = text[start..].char_indices().nth(LEN).map_or(text.len(), |(i, _)| start + i);
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(text[start..end].trim());
    if end < text.len() {
        s.push('…');
    }
    let ranges = match_ranges(&s, terms);
    (s, ranges)
}

/// The readable text of a markdown body on one line: markup dropped, whitespace collapsed.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Segment;

    fn lib() -> Library {
        let seg = |title: &str, body: &str| Segment { title: title.into(), body: body.into(), ..Segment::default() };
        Library {
            episodes: vec![
                Episode {
                    number: Some(1),
                    segments: vec![seg("Typing at Dropbox", "They use **mypy** a lot.")],
                    ..Episode::default()
                },
                Episode { number: Some(2), segments: vec![seg("mypy 1.0 released", "Fast.")], ..Episode::default() },
            ],
            ..Library::default()
        }
    }

    #[test]
    fn title_matches_rank_first_and_prefixes_match() {
        let lib = lib();
        let index = SearchIndex::build(&lib);
        let hits = index.query(&lib, "MYP", None);
        assert_eq!(hits.iter().map(|h| h.episode).collect::<Vec<_>>(), vec![Some(2), Some(1)]);
        assert_eq!(&hits[1].snippet[hits[1].snippet_matches[0].clone()], "myp");
        assert!(index.query(&lib, "mypy nothing", None).is_empty());
        assert_eq!(index.query(&lib, "dropbox mypy", None).len(), 1);
    }

    #[test]
    fn highlights_cover_the_matched_prefix_in_any_case() {
        let terms = vec!["über".to_owned(), "py".to_owned()];
        let text = "ÜBERall: PyPI, __main__ and spy";
        let got: Vec<&str> = match_ranges(text, &terms).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["ÜBER", "Py"]);
        assert_eq!(
            words("a_b c").map(|(i, w)| (i, w.to_owned())).collect::<Vec<_>>(),
            [(0, "a_b".to_owned()), (4, "c".to_owned())]
        );
    }
}
