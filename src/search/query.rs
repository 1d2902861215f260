//! What the user typed → a [`Query`] (terms, phrases, filters) → an FTS5 MATCH expression built only from
//! quoted tokens of [`super::text`], so no FTS5 syntax the user writes (`NEAR`, `*`, `^`, `:`, `"`, `-`) ever
//! reaches SQLite as syntax.

use super::text::{analyze_run, english, fold, runs, stem};

/// Queries are cut to this many characters: enough for any search, and bounded work for a pasted essay.
pub const MAX_QUERY_CHARS: usize = 1000;
/// At most this many terms count; the rest are ignored.
pub const MAX_TERMS: usize = 16;

/// Whether the user is still typing: the last word then matches as a prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// A finished query (the CLI, Enter in the reader): every word whole.
    Done,
    /// A keystroke in the reader: the last word matches the start of words.
    Typing,
}

/// One thing every hit must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A folded word of letters or digits; `prefix` when it is the word being typed.
    Word { word: String, prefix: bool },
    /// A run holding symbols, matched whole: `c++`, `.net`, `3.13`, `__init__`, `--no-deps`.
    Symbol(String),
    /// `free-threaded`: the parts in a row, or the joined word.
    Compound { parts: Vec<String>, joined: String },
    /// Tokens in a row: a quoted phrase, or a run of CJK bigrams.
    Phrase(Vec<String>),
}

/// `in:` — which part of the notes to look in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Segments,
    Extras,
    Jokes,
    Links,
    Transcripts,
}

/// The `key:value` filters of a query. Text values are folded; dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// `host:brian`: a presenter whose folded name starts with this.
    pub host: Option<String>,
    /// `show:talk`: the show's folded name contains this.
    pub show: Option<String>,
    pub year: Option<u16>,
    /// `after:2024-01`: dated on or after the start of that period.
    pub after: Option<String>,
    /// `before:2024-01`: dated before the start of that period.
    pub before: Option<String>,
    pub scope: Option<Scope>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub filters: Filters,
    /// Filters that could not be understood, as messages (`year:20x is not a year; ignored`).
    pub notes: Vec<String>,
}

impl Query {
    /// Read a query. Never fails: what is not a filter or a phrase is words, and what is not a word is ignored.
    pub fn parse(text: &str, typing: Typing) -> Self {
        let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
        let mut q = Self::default();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('"') {
                let (phrase, next) = after.split_once('"').unwrap_or((after, ""));
                q.push_phrase(phrase);
                rest = next;
                continue;
            }
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let (piece, next) = rest.split_at(end);
            rest = next.trim_start_matches(char::is_whitespace);
            if !q.filter(piece) {
                q.push_words(piece);
            }
        }
        let ends_in_word = text.chars().last().is_some_and(|c| !c.is_whitespace() && c != '"');
        if typing == Typing::Typing
            && ends_in_word
            && let Some(Term::Word { prefix, .. }) = q.terms.last_mut()
        {
            *prefix = true;
        }
        q.terms.truncate(MAX_TERMS);
        q
    }

    fn filter(&mut self, piece: &str) -> bool {
        let Some((key, value)) = piece.split_once(':') else { return false };
        let key = key.to_ascii_lowercase();
        if value.is_empty() || !matches!(key.as_str(), "host" | "show" | "year" | "after" | "before" | "in") {
            return false;
        }
        let f = &mut self.filters;
        match key.as_str() {
            "host" => f.host = Some(fold(value)),
            "show" => f.show = Some(fold(value)),
            "year" => match value.parse::<u16>() {
                Ok(y) if (1000..=9999).contains(&y) => f.year = Some(y),
                _ => self.notes.push(format!("year:{value} is not a year like 2023; ignored")),
            },
            "after" | "before" => {
                let ok = value.len() >= 4
                    && value.len() <= 10
                    && value.chars().all(|c| c.is_ascii_digit() || c == '-')
                    && value.chars().take(4).all(|c| c.is_ascii_digit());
                if !ok {
                    self.notes.push(format!("{key}:{value} is not a date like 2024-01; ignored"));
                } else if key == "after" {
                    f.after = Some(value.to_owned());
                } else {
                    f.before = Some(value.to_owned());
                }
            }
            _ => match value.to_ascii_lowercase().as_str() {
                "segments" | "segment" => f.scope = Some(Scope::Segments),
                "extras" | "extra" => f.scope = Some(Scope::Extras),
                "jokes" | "joke" => f.scope = Some(Scope::Jokes),
                "links" | "link" => f.scope = Some(Scope::Links),
                "transcripts" | "transcript" => f.scope = Some(Scope::Transcripts),
                _ => self
                    .notes
                    .push(format!("in:{value} is not one of segments, extras, jokes, links, transcripts; ignored")),
            },
        }
        true
    }

    fn push_phrase(&mut self, phrase: &str) {
        let mut tokens = Vec::new();
        for (_, run) in runs(phrase) {
            let t = analyze_run(run);
            tokens.extend(t.symbol);
            tokens.extend(t.words);
        }
        match tokens.len() {
            0 => {}
            1 => self.push_words(phrase),
            _ => self.terms.push(Term::Phrase(tokens)),
        }
    }

    fn push_words(&mut self, piece: &str) {
        for (_, run) in runs(piece) {
            let t = analyze_run(run);
            let term = match (t.symbol, t.joined) {
                (Some(_), Some(joined)) if t.compound => Term::Compound { parts: t.words, joined },
                (Some(symbol), _) => Term::Symbol(symbol),
                (None, _) if t.words.len() > 1 => Term::Phrase(t.words),
                (None, _) => match t.words.into_iter().next() {
                    Some(word) => Term::Word { word, prefix: false },
                    None => continue,
                },
            };
            self.terms.push(term);
        }
    }

    /// True when there is nothing to match and nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters == Filters::default()
    }

    /// The FTS5 MATCH expression, or `None` when the query has no terms (filters only).
    ///
    /// `splits` gives, for a word, two vocabulary words it may be written as (`freethreaded` → `free threaded`).
    pub fn fts_match(&self, splits: &dyn Fn(&str) -> Option<(String, String)>) -> Option<String> {
        let (exact, loose) = match self.filters.scope {
            Some(Scope::Links) => ("lx", "ls"),
            Some(Scope::Transcripts) => ("rx", "rs"),
            _ => ("tx lx bx rx", "ts ls bs rs"),
        };
        let stemmer = english();
        let expr = |t: &Term| match t {
            Term::Word { word, prefix: true } => format!("{{{exact}}} : {}*", quote(word)),
            Term::Word { word, prefix: false } => {
                let mut alts = vec![format!("{{{exact}}} : {}", quote(word))];
                if let Some(s) = stem(&stemmer, word) {
                    alts.push(format!("{{{loose}}} : {}", quote(&s)));
                }
                if let Some((a, b)) = splits(word) {
                    alts.push(format!("{{{exact}}} : {}", quote(&format!("{a} {b}"))));
                }
                format!("({})", alts.join(" OR "))
            }
            Term::Symbol(s) => format!("({{{exact}}} : {} OR {{{loose}}} : {})", quote(s), quote(s)),
            Term::Compound { parts, joined } => {
                let s = stem(&stemmer, joined).unwrap_or_else(|| joined.clone());
                format!(
                    "({{{exact}}} : {} OR {{{exact}}} : {} OR {{{loose}}} : {})",
                    quote(&parts.join(" ")),
                    quote(joined),
                    quote(&s)
                )
            }
            Term::Phrase(tokens) => format!("{{{exact}}} : {}", quote(&tokens.join(" "))),
        };
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < self.terms.len() {
            let t = &self.terms[i];
            // Two words in a row may be written as one (`free threading` ~ `freethreaded`).
            if let (Some(a), Some(b)) = (joinable(t), self.terms.get(i + 1).and_then(joinable)) {
                let joined = format!("{a}{b}");
                let s = stem(&stemmer, &joined).unwrap_or_else(|| joined.clone());
                parts.push(format!(
                    "(({} AND {}) OR {{{exact}}} : {} OR {{{loose}}} : {})",
                    expr(t),
                    expr(&self.terms[i + 1]),
                    quote(&joined),
                    quote(&s)
                ));
                i += 2;
                continue;
            }
            parts.push(expr(t));
            i += 1;
        }
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }

    /// The query with one word replaced (a typo correction), and the corrected query as text for the user.
    pub fn replace_word(&self, from: &str, to: &str) -> Self {
        let mut q = self.clone();
        for t in &mut q.terms {
            if let Term::Word { word, .. } = t
                && word == from
            {
                to.clone_into(word);
            }
        }
        q
    }

    /// Folded words of letters, at least `min_chars` long, that a typo correction may replace.
    pub fn correctable_words(&self, min_chars: usize) -> Vec<String> {
        self.terms
            .iter()
            .filter_map(|t| match t {
                Term::Word { word, prefix: false }
                    if word.chars().count() >= min_chars && word.chars().all(char::is_alphabetic) =>
                {
                    Some(word.clone())
                }
                _ => None,
            })
            .collect()
    }
}

/// A whole word of letters that may join its neighbour.
fn joinable(t: &Term) -> Option<&str> {
    match t {
        Term::Word { word, prefix: false } if word.chars().all(|c| c.is_ascii_lowercase()) => Some(word),
        _ => None,
    }
}

/// An FTS5 string literal: the token between double quotes, inner quotes doubled.
fn quote(token: &str) -> String {
    format!("\"{}\"", token.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_split(_: &str) -> Option<(String, String)> {
        None
    }

    #[test]
    fn fts_syntax_is_quoted_never_passed_through() {
        let q = Query::parse("NEAR(a b) c* ^d e:f \"g -h", Typing::Done);
        let m = q.fts_match(&no_split).expect("terms");
        assert!(m.contains("\"near\""), "{m}");
        assert!(!m.contains("NEAR("), "{m}");
        assert!(Query::parse("!!! ??? ...", Typing::Done).is_empty());
    }

    #[test]
    fn filters_phrases_and_prefix() {
        let q = Query::parse("host:Brian year:2023 in:extras \"free threaded\" pyda", Typing::Typing);
        assert_eq!(q.filters.host.as_deref(), Some("brian"));
        assert_eq!(q.filters.year, Some(2023));
        assert_eq!(q.filters.scope, Some(Scope::Extras));
        assert_eq!(q.terms[0], Term::Phrase(vec!["free".into(), "threaded".into()]));
        assert_eq!(q.terms[1], Term::Word { word: "pyda".into(), prefix: true });
        let q = Query::parse("year:abc C++", Typing::Done);
        assert_eq!(q.notes.len(), 1);
        assert_eq!(q.terms, [Term::Symbol("c++".into())]);
    }
}
