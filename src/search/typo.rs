//! The index's own vocabulary as an fst map (term → number of documents), for one-typo corrections through a
//! Levenshtein automaton and for splitting a joined word (`freethreaded`) into two indexed words.

use fst::automaton::Levenshtein;
use fst::{IntoStreamer, Map, MapBuilder, Streamer};

/// Words shorter than this are never corrected: too many neighbours one edit away.
pub const MIN_TYPO_CHARS: usize = 5;

/// The vocabulary of an index, loaded from the bytes the store keeps.
pub struct Vocabulary {
    map: Map<Vec<u8>>,
}

impl Vocabulary {
    /// Build from `(term, documents)` pairs in byte order (as `fts5vocab` returns them); terms that are not
    /// all letters, or shorter than three characters, are left out. Returns the bytes to store.
    pub fn build(terms: impl IntoIterator<Item = (String, u64)>) -> Vec<u8> {
        let mut builder = MapBuilder::memory();
        let mut last = String::new();
        for (term, docs) in terms {
            if term.chars().count() < 3 || !term.chars().all(char::is_alphabetic) || term <= last {
                continue;
            }
            if builder.insert(&term, docs).is_err() {
                continue;
            }
            last = term;
        }
        builder.into_inner().unwrap_or_default()
    }

    /// Read stored bytes; `None` when they are not a vocabulary (an empty index, or damage).
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Self> {
        Map::new(bytes).ok().map(|map| Self { map })
    }

    /// How many documents hold `term` (0 when none).
    pub fn docs(&self, term: &str) -> u64 {
        self.map.get(term).unwrap_or(0)
    }

    /// The indexed word one edit from `word` held by the most documents, when `word` itself is not indexed.
    pub fn correct(&self, word: &str) -> Option<String> {
        if word.chars().count() < MIN_TYPO_CHARS || self.docs(word) > 0 {
            return None;
        }
        let automaton = Levenshtein::new(word, 1).ok()?;
        let mut stream = self.map.search(automaton).into_stream();
        let mut best: Option<(u64, String)> = None;
        while let Some((term, docs)) = stream.next() {
            if best.as_ref().is_none_or(|(d, _)| docs > *d) {
                best = Some((docs, String::from_utf8_lossy(term).into_owned()));
            }
        }
        best.map(|(_, t)| t)
    }

    /// `freethreaded` → (`free`, `threaded`) when both halves are indexed words of three letters or more
    /// (the split whose rarer half is most common wins).
    pub fn split(&self, word: &str) -> Option<(String, String)> {
        if word.len() < 6 || !word.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        (3..=word.len() - 3)
            .filter_map(|i| {
                let (a, b) = word.split_at(i);
                let n = self.docs(a).min(self.docs(b));
                (n >= 2).then(|| (n, a.to_owned(), b.to_owned()))
            })
            .max_by_key(|(n, _, _)| *n)
            .map(|(_, a, b)| (a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        let terms = [("free", 9), ("pydantic", 5), ("pydantical", 1), ("threaded", 4), ("x1", 3)];
        Vocabulary::from_bytes(Vocabulary::build(terms.map(|(t, n)| (t.to_owned(), n)))).expect("vocab")
    }

    #[test]
    fn corrects_one_typo_in_long_words_only() {
        let v = vocab();
        assert_eq!(v.correct("pydantc").as_deref(), Some("pydantic"));
        assert_eq!(v.correct("pydantic"), None);
        assert_eq!(v.correct("fre"), None);
        assert_eq!(v.split("freethreaded"), Some(("free".into(), "threaded".into())));
        assert_eq!(v.split("pydantic"), None);
    }
}
