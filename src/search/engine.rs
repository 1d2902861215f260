//! Running a query against the index: MATCH, rank (bm25 with field weights, newer episodes first on ties), one
//! typo correction when nothing matched, then the rows and snippets of the hits asked for.

use std::cmp::Ordering;
use std::ops::Range;

use serde::Serialize;

use super::docs::Kind;
use super::query::{Query, Typing};
use super::snippet::Matcher;
use super::typo::{MIN_TYPO_CHARS, Vocabulary};
use crate::store::read::CandidateQuery;
use crate::store::{Candidate, Store, StoreError, Synced};

/// In keystroke mode only this many of the newest matching documents are ranked, so a first letter that
/// matches half the index still answers within a frame.
pub const KEYSTROKE_WINDOW: usize = 400;

/// How a search is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub typing: Typing,
    /// How many hits to build (rows and snippets); `total` still counts them all.
    pub limit: usize,
}

/// A typo correction that was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Results {
    pub results: Vec<Found>,
    /// How many documents matched (in keystroke mode, of the newest [`KEYSTROKE_WINDOW`]).
    pub total: usize,
    /// Set when nothing matched as written and one word was corrected through the index's vocabulary.
    pub corrected: Option<Correction>,
    /// Filters that were not understood, for the user.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// One hit: where it is, and a snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub episode: Option<u32>,
    pub show: Option<String>,
    pub kind: Kind,
    /// 1-based position within its kind in the episode (see [`Kind`]).
    pub ordinal: Option<u32>,
    /// Start in the audio, in seconds, when known.
    pub time: Option<u32>,
    pub title: String,
    pub url: Option<String>,
    /// Plain text around the first match.
    pub snippet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The episode's id in the index ([`Store::episode_by_id`]).
    #[serde(skip)]
    pub episode_id: i64,
    /// Byte ranges of matched words in `snippet`.
    #[serde(skip)]
    pub snippet_matches: Vec<Range<usize>>,
    /// Byte ranges of matched words in `title`.
    #[serde(skip)]
    pub title_matches: Vec<Range<usize>>,
}

/// Search the synced library `lib` for `text`.
///
/// # Errors
/// Only a database failure; no query text can cause one (every token reaches FTS5 quoted).
pub fn search(store: &Store, lib: &Synced, text: &str, opts: Options) -> Result<Results, StoreError> {
    search_libraries(store, &[lib], text, opts)
}

/// Search several synced libraries (shows) of one index as one: their hits ranked together.
///
/// # Errors
/// As [`search`].
pub fn search_libraries(store: &Store, libs: &[&Synced], text: &str, opts: Options) -> Result<Results, StoreError> {
    let query = Query::parse(text, opts.typing);
    let mut out = Results { notes: query.notes.clone(), ..Results::default() };
    if query.is_empty() {
        return Ok(out);
    }
    let mut vocab: Option<Option<Vocabulary>> = None;
    let load =
        |store: &Store| -> Result<Option<Vocabulary>, StoreError> { Ok(Vocabulary::from_bytes(store.vocabulary()?)) };
    let needs_vocab = query.correctable_words(6).iter().any(|w| w.is_ascii());
    if needs_vocab {
        vocab = Some(load(store)?);
    }
    let mut used = query.clone();
    let mut found = candidates(store, libs, &query, vocab.as_ref().and_then(Option::as_ref), opts)?;
    if found.is_empty() {
        let v = match vocab.take() {
            Some(v) => v,
            None => load(store)?,
        };
        if let Some(v) = &v {
            for word in query.correctable_words(MIN_TYPO_CHARS) {
                let Some(fix) = v.correct(&word) else { continue };
                let fixed = query.replace_word(&word, &fix);
                let again = candidates(store, libs, &fixed, Some(v), opts)?;
                if !again.is_empty() {
                    found = again;
                    used = fixed;
                    out.corrected = Some(Correction { from: word, to: fix });
                    break;
                }
            }
        }
    }
    found.sort_by(|a, b| {
        a.rank
            .partial_cmp(&b.rank)
            .unwrap_or(Ordering::Equal)
            .then_with(|| b.date.cmp(&a.date))
            .then(b.number.cmp(&a.number))
    });
    out.total = found.len();
    let ids: Vec<i64> = found.iter().take(opts.limit).map(|c| c.doc).collect();
    let matcher = Matcher::new(&used);
    out.results = store
        .doc_rows(&ids)?
        .into_iter()
        .map(|row| {
            let (snippet, snippet_matches) = matcher.snippet(&row.text);
            let title_matches = matcher.ranges(&row.title);
            Found {
                episode: row.number,
                show: row.show,
                kind: row.kind,
                ordinal: row.ordinal,
                time: row.time,
                title: row.title,
                url: row.url,
                snippet,
                host: row.host,
                date: row.date,
                episode_id: row.episode_id,
                snippet_matches,
                title_matches,
            }
        })
        .collect();
    Ok(out)
}

fn candidates(
    store: &Store,
    libs: &[&Synced],
    query: &Query,
    vocab: Option<&Vocabulary>,
    opts: Options,
) -> Result<Vec<Candidate>, StoreError> {
    let split = |w: &str| vocab.and_then(|v| v.split(w));
    let fts = query.fts_match(&split);
    let newest = (opts.typing == Typing::Typing).then_some(KEYSTROKE_WINDOW);
    let q = CandidateQuery { fts: fts.as_deref(), filters: &query.filters, newest };
    let mut found = Vec::new();
    for lib in libs {
        found.extend(store.candidates(lib, &q)?);
    }
    Ok(found)
}
