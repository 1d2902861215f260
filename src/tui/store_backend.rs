//! The reader's search over the on-disk index ([`crate::search::engine`]): the worker thread opens its own
//! [`Store`] (a store is not `Sync`), syncs the library into it, and on the first query also indexes the
//! library's transcripts, so neither costs the first frame.

use std::collections::HashMap;
use std::sync::Arc;

use crate::library::Library;
use crate::search::docs::Kind;
use crate::search::engine::{self, Found, Options};
use crate::search::query::{Query, Term, Typing};
use crate::search::typo::Vocabulary;
use crate::store::read::CandidateQuery;
use crate::store::{Store, Synced};
use crate::tui::search_worker::{HitKind, Hits, ReaderHit, SearchBackend};

/// How many hits of a query the reader builds (rows and snippets); the count shown is of all of them.
pub const READER_LIMIT: usize = 200;

/// Which index the backend opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cache {
    /// The user's index file ([`Store::open_default`]); a library with no folder is indexed in memory.
    Default,
    /// A fresh index in memory (tests; nothing outside the library folder is touched).
    Memory,
}

/// When the library's transcripts join the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transcripts {
    /// After the first answer, while no newer query waits: the first answer comes from the notes at once
    /// (a cold build of hundreds of transcripts takes seconds), and a second answer adds what was said.
    AfterFirstAnswer,
    /// Before the first answer (small libraries, tests: every answer is complete).
    BeforeFirstAnswer,
}

/// Search through the index. Nothing is opened or read until the first query.
pub struct StoreBackend {
    library: Arc<Library>,
    cache: Cache,
    timing: Transcripts,
    /// Whether the transcripts have been brought into the index this run.
    transcripts_done: bool,
    open: Option<Opened>,
    /// What went wrong with the cache or the transcripts, for the status line.
    pub warnings: Vec<String>,
}

/// The index once opened and synced.
struct Opened {
    store: Store,
    /// `None` when the library could not be synced: every query then finds nothing.
    synced: Option<Synced>,
    /// Episode id in the index → index into `Library::episodes`.
    episodes: HashMap<i64, usize>,
}

impl StoreBackend {
    /// A backend for `library` over the index `cache`, opened on the first query (on the worker thread).
    pub fn new(library: Arc<Library>, cache: Cache, timing: Transcripts) -> Self {
        Self { library, cache, timing, transcripts_done: false, open: None, warnings: Vec::new() }
    }

    /// Open the index and sync the library into it (once).
    fn open(&mut self) {
        if self.open.is_none() {
            let opened = self.opened();
            self.open = Some(opened);
        }
    }

    /// Bring the library's transcripts into the index (once per run; new or changed files only).
    fn index_transcripts(&mut self) {
        if std::mem::replace(&mut self.transcripts_done, true) {
            return;
        }
        let Some(Opened { store, synced: Some(synced), .. }) = &mut self.open else { return };
        match store.index_transcripts(synced) {
            Ok(stats) => self.warnings.extend(stats.warnings),
            Err(e) => self.warnings.push(format!("transcripts could not be indexed ({e}); searching the notes")),
        }
    }

    /// The hits for `query`, and whether they are final (the count exact, the transcripts in).
    fn run(&self, query: &str) -> Hits {
        let Some(Opened { store, synced: Some(synced), episodes }) = &self.open else { return Hits::default() };
        let run = |typing| engine::search(store, synced, query, Options { typing, limit: READER_LIMIT });
        // As typed, the last word is a prefix; when that finds nothing, whole words may be corrected.
        let mut typing = Typing::Typing;
        let mut results = run(typing).unwrap_or_default();
        if results.total == 0 {
            typing = Typing::Done;
            results = run(typing).unwrap_or_default();
        }
        let mut terms = highlight_terms(query);
        let corrected = results.corrected.map(|c| {
            for t in &mut terms {
                if *t == c.from {
                    t.clone_from(&c.to);
                }
            }
            (c.from, c.to)
        });
        // Keystroke mode ranks only the newest matches: its count is a lower bound.
        let exact = self.transcripts_done && (typing == Typing::Done || results.total == 0);
        let total = results.total;
        let hits = results.results.into_iter().filter_map(|f| reader_hit(&self.library, episodes, f, &terms)).collect();
        Hits { hits, total, exact, corrected }
    }

    /// Every document matching the query as typed, not only the newest ones keystroke mode ranks.
    fn count(&self, query: &str) -> Option<usize> {
        let Some(Opened { store, synced: Some(synced), .. }) = &self.open else { return None };
        let q = Query::parse(query, Typing::Typing);
        let vocab = store.vocabulary().ok().and_then(Vocabulary::from_bytes);
        let split = |w: &str| vocab.as_ref().and_then(|v| v.split(w));
        let fts = q.fts_match(&split);
        let found =
            store.candidates(synced, &CandidateQuery { fts: fts.as_deref(), filters: &q.filters, newest: None });
        found.ok().map(|c| c.len())
    }

    fn opened(&mut self) -> Opened {
        let library = &self.library;
        let in_memory = library.root.as_os_str().is_empty();
        let mut store = match self.cache {
            Cache::Default if !in_memory => Store::open_default(),
            _ => Store::in_memory(),
        };
        let synced = if in_memory { store.load_library("memory", library) } else { store.sync(&library.root, &|_| {}) };
        let synced = synced.map_err(|e| self.warnings.push(format!("search cannot index the library ({e})"))).ok();
        self.warnings.extend(store.take_warnings());
        let by_file: HashMap<&str, usize> =
            library.episodes.iter().enumerate().map(|(i, e)| (e.file.as_str(), i)).collect();
        let summaries = synced.as_ref().map(|s| store.summaries(s)).transpose();
        let summaries = summaries.unwrap_or_else(|e| {
            self.warnings.push(format!("the index could not be read ({e}); search finds nothing"));
            None
        });
        let episodes =
            summaries.unwrap_or_default().iter().filter_map(|s| Some((s.id, *by_file.get(s.file.as_str())?))).collect();
        Opened { store, synced, episodes }
    }
}

/// The words of a query the text is highlighted with (filters such as `in:transcripts` left out).
fn highlight_terms(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in Query::parse(query, Typing::Typing).terms {
        match t {
            Term::Word { word, .. } | Term::Symbol(word) => out.push(word),
            Term::Compound { parts, .. } | Term::Phrase(parts) => out.extend(parts),
        }
    }
    out
}

/// A hit of the engine as the reader opens it; `None` for an episode the reader does not list.
fn reader_hit(library: &Library, episodes: &HashMap<i64, usize>, f: Found, terms: &[String]) -> Option<ReaderHit> {
    let episode_index = *episodes.get(&f.episode_id)?;
    let episode = library.episodes.get(episode_index)?;
    let at = f.ordinal.map_or(0, |o| o.saturating_sub(1) as usize);
    let (kind, segment_index, ordinal) = match f.kind {
        Kind::Segment => (HitKind::Segment, at, episode.segments.get(at).and_then(|s| s.ordinal)),
        Kind::Extras => (HitKind::Extra, episode.extras.iter().take(at).map(|x| x.items.len()).sum(), None),
        Kind::Joke => (HitKind::Joke, at, None),
        Kind::Description => (HitKind::Description, 0, None),
        Kind::Chapter => (HitKind::Chapter, at, None),
        Kind::Transcript => (HitKind::Transcript, 0, None),
    };
    let title = if f.kind == Kind::Transcript {
        format!("Transcript ~{}", crate::transcript::short_time(f.time.unwrap_or(0)))
    } else {
        f.title
    };
    Some(ReaderHit {
        episode_index,
        episode: f.episode,
        segment_index,
        ordinal,
        kind,
        time: f.time,
        host: f.host,
        title,
        url: f.url,
        snippet: f.snippet,
        snippet_matches: f.snippet_matches,
        title_matches: if f.kind == Kind::Transcript { Vec::new() } else { f.title_matches },
        terms: terms.to_vec(),
    })
}

impl SearchBackend for StoreBackend {
    fn search(&mut self, query: &str) -> Hits {
        self.open();
        if self.timing == Transcripts::BeforeFirstAnswer {
            self.index_transcripts();
        }
        self.run(query)
    }

    /// With the transcripts in (indexed now if they were not) and the count exact.
    fn refine(&mut self, query: &str, first: &Hits) -> Option<Hits> {
        let again = !self.transcripts_done;
        self.index_transcripts();
        let mut better = if again { self.run(query) } else { first.clone() };
        if !better.exact {
            better.total = self.count(query).unwrap_or(better.total).max(better.hits.len());
            better.exact = true;
        }
        (better != *first).then_some(better)
    }
}
