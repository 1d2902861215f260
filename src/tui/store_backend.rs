//! The reader's search over the on-disk index ([`crate::search::engine`]): the worker thread opens its own
//! [`Store`] (a store is not `Sync`), syncs the library into it, and on the first query also indexes the
//! library's transcripts, so neither costs the first frame.

use std::collections::HashMap;
use std::sync::Arc;

use crate::library::Library;
use crate::search::docs::Kind;
use crate::search::engine::{self, Found, Options};
use crate::search::query::{Query, Typing};
use crate::search::typo::Vocabulary;
use crate::store::read::CandidateQuery;
use crate::store::{Store, Synced};
use crate::tui::search_worker::{HitKind, Hits, ReaderHit, SearchBackend, query_terms};

/// How many hits of a query the reader builds (rows and snippets); the count shown is of all of them.
pub const READER_LIMIT: usize = 200;

/// Search through the index.
pub struct StoreBackend {
    library: Arc<Library>,
    store: Store,
    /// `None` when the library could not be synced: every query then finds nothing.
    synced: Option<Synced>,
    /// Episode id in the index → index into `Library::episodes`.
    episodes: HashMap<i64, usize>,
    /// Whether the transcripts have been brought into the index this run.
    transcripts: bool,
    /// What went wrong with the cache or the transcripts, for the status line.
    pub warnings: Vec<String>,
}

impl StoreBackend {
    /// Open the index at its default place (the user's cache folder) and sync `library`'s folder into it; a
    /// library with no folder (built in memory) is indexed in memory.
    pub fn open(library: Arc<Library>) -> Self {
        if library.root.as_os_str().is_empty() {
            let mut store = Store::in_memory();
            let synced = store.load_library("memory", &library).ok();
            return Self::with(library, store, synced);
        }
        Self::open_in(Store::open_default(), library)
    }

    /// Sync `library`'s folder into `store` and search it.
    pub fn open_in(mut store: Store, library: Arc<Library>) -> Self {
        let synced = store.sync(&library.root, &|_| {}).ok();
        Self::with(library, store, synced)
    }

    fn with(library: Arc<Library>, mut store: Store, synced: Option<Synced>) -> Self {
        let mut warnings = store.take_warnings();
        let by_file: HashMap<&str, usize> =
            library.episodes.iter().enumerate().map(|(i, e)| (e.file.as_str(), i)).collect();
        let summaries = synced.as_ref().map(|s| store.summaries(s)).transpose().unwrap_or_else(|e| {
            warnings.push(format!("the index could not be read ({e}); search finds nothing"));
            None
        });
        let episodes =
            summaries.unwrap_or_default().iter().filter_map(|s| Some((s.id, *by_file.get(s.file.as_str())?))).collect();
        Self { library, store, synced, episodes, transcripts: false, warnings }
    }

    /// Bring the transcripts into the index, once per run (the first search pays for a cold build).
    fn index_transcripts(&mut self) {
        if std::mem::replace(&mut self.transcripts, true) {
            return;
        }
        let Some(synced) = &self.synced else { return };
        match self.store.index_transcripts(synced) {
            Ok(stats) => self.warnings.extend(stats.warnings),
            Err(e) => self.warnings.push(format!("transcripts could not be indexed ({e}); searching the notes")),
        }
    }

    fn reader_hit(&self, f: Found, terms: &[String]) -> Option<ReaderHit> {
        let episode_index = *self.episodes.get(&f.episode_id)?;
        let episode = self.library.episodes.get(episode_index)?;
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
}

impl SearchBackend for StoreBackend {
    fn search(&mut self, query: &str) -> Hits {
        self.index_transcripts();
        let Some(synced) = &self.synced else { return Hits::default() };
        let run = |typing| engine::search(&self.store, synced, query, Options { typing, limit: READER_LIMIT });
        // As typed, the last word is a prefix; when that finds nothing, whole words may be corrected.
        let mut typing = Typing::Typing;
        let mut results = run(typing).unwrap_or_default();
        if results.total == 0 {
            typing = Typing::Done;
            results = run(typing).unwrap_or_default();
        }
        let mut terms = query_terms(query);
        let corrected = results.corrected.map(|c| {
            for t in &mut terms {
                if *t == c.from {
                    t.clone_from(&c.to);
                }
            }
            (c.from, c.to)
        });
        let exact = typing == Typing::Done || results.total == 0;
        let total = results.total;
        let hits = results.results.into_iter().filter_map(|f| self.reader_hit(f, &terms)).collect();
        Hits { hits, total, exact, corrected }
    }

    /// Every document matching the query as typed, not only the newest ones keystroke mode ranks.
    fn count(&mut self, query: &str) -> Option<usize> {
        let synced = self.synced.as_ref()?;
        let q = Query::parse(query, Typing::Typing);
        let vocab = self.store.vocabulary().ok().and_then(Vocabulary::from_bytes);
        let split = |w: &str| vocab.as_ref().and_then(|v| v.split(w));
        let fts = q.fts_match(&split);
        let found =
            self.store.candidates(synced, &CandidateQuery { fts: fts.as_deref(), filters: &q.filters, newest: None });
        found.ok().map(|c| c.len())
    }
}
