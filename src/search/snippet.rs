//! Which words of a hit's text the query matched, and a short plain-text snippet around the first of them.

use std::collections::HashSet;
use std::ops::Range;

use rust_stemmers::Stemmer;

use super::query::{Query, Term};
use super::text::{analyze_run, english, runs, stem};

/// Decides, run by run, whether text matches a query (the same folding, stems and symbols as the index).
pub struct Matcher {
    exact: HashSet<String>,
    stems: HashSet<String>,
    prefixes: Vec<String>,
    stemmer: Stemmer,
}

impl Matcher {
    pub fn new(q: &Query) -> Self {
        let stemmer = english();
        let mut m = Self { exact: HashSet::new(), stems: HashSet::new(), prefixes: Vec::new(), stemmer };
        for pair in q.terms.windows(2) {
            if let [Term::Word { word: a, prefix: false }, Term::Word { word: b, prefix: false }] = pair {
                m.exact.insert(format!("{a}{b}"));
            }
        }
        for t in &q.terms {
            match t {
                Term::Word { word, prefix: true } => m.prefixes.push(word.clone()),
                Term::Word { word, prefix: false } => {
                    m.exact.insert(word.clone());
                    m.stems.extend(stem(&m.stemmer, word));
                }
                Term::Symbol(s) => {
                    m.exact.insert(s.clone());
                }
                Term::Compound { parts, joined } => {
                    m.exact.extend(parts.iter().cloned());
                    m.exact.insert(joined.clone());
                }
                Term::Phrase(tokens) => m.exact.extend(tokens.iter().cloned()),
            }
        }
        m
    }

    fn matches(&self, run: &str) -> bool {
        let t = analyze_run(run);
        t.symbol.iter().chain(&t.words).chain(&t.joined).any(|w| {
            self.exact.contains(w)
                || self.prefixes.iter().any(|p| w.starts_with(p.as_str()))
                || stem(&self.stemmer, w).is_some_and(|s| self.stems.contains(&s))
        })
    }

    /// Byte ranges of the matching runs of `text`.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        runs(text).filter(|(_, run)| self.matches(run)).map(|(r, _)| r).collect()
    }

    /// About 160 characters of `text` around the first match (its start when none), on char boundaries,
    /// with `…` where it was cut, and the match ranges inside the snippet.
    pub fn snippet(&self, text: &str) -> (String, Vec<Range<usize>>) {
        const BEFORE: usize = 50;
        const LEN: usize = 160;
        let first = runs(text).find(|(_, run)| self.matches(run)).map_or(0, |(r, _)| r.start);
        let start = text[..first].char_indices().rev().nth(BEFORE).map_or(0, |(i, _)| i);
        // Start at a word boundary when cutting.
        let start = if start == 0 { 0 } else { text[start..first].find(' ').map_or(start, |i| start + i + 1) };
        let end = text[start..].char_indices().nth(LEN).map_or(text.len(), |(i, _)| start + i);
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.push_str(text[start..end].trim());
        if end < text.len() {
            s.push('…');
        }
        let ranges = self.ranges(&s);
        (s, ranges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Typing;

    #[test]
    fn highlights_stems_symbols_and_folded_words() {
        let m = Matcher::new(&Query::parse("dataclasses c++ cafe", Typing::Done));
        let text = "A dataclass in C++ at the Café, not c.";
        let got: Vec<&str> = m.ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["dataclass", "C++", "Café"]);
        let (s, r) = m.snippet(text);
        assert_eq!(&s[r[0].clone()], "dataclass");
    }
}
