//! Search beside the UI: a plain worker thread answers queries over a channel, so typing never waits.
//!
//! The reader talks to search only through [`SearchBackend`] (one query in, every hit out, best first), so the
//! index behind it can change without touching the reader. Each query carries a generation number; the worker
//! skips queries that a newer one has already replaced, and the reader drops answers that are not for its latest
//! query: the latest keystroke wins.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::library::Library;
use crate::search::SearchIndex;

/// What a hit points at; the reader opens the matching tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A numbered topic of the notes.
    Segment,
    /// An extras item (opens the Extras tab).
    Extra,
    /// A joke (opens the Jokes tab).
    Joke,
}

/// One result as the reader shows and opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderHit {
    /// Index into `Library::episodes`.
    pub episode_index: usize,
    /// Episode number, when the notes give one.
    pub episode: Option<u32>,
    /// Index into the episode's segments (or extras items, or jokes, by `kind`).
    pub segment_index: usize,
    /// The segment's own number (`#3`), when it has one.
    pub ordinal: Option<u32>,
    /// What the hit points at: a segment, an extras item or a joke.
    pub kind: HitKind,
    /// Who presented it, as the notes name them.
    pub host: Option<String>,
    /// The segment's (or item's) title, as written in the notes.
    pub title: String,
    /// The link `o`/`y` act on while the result is selected.
    pub url: Option<String>,
    /// Plain text around the first match.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet`.
    pub snippet_matches: Vec<Range<usize>>,
    /// Byte ranges of matched words in `title`.
    pub title_matches: Vec<Range<usize>>,
    /// The query's words, lower-cased: a word of the text matches when it starts with one of them.
    pub terms: Vec<String>,
}

/// Something that can answer a query with every hit, best first.
pub trait SearchBackend: Send + 'static {
    /// Every hit for `query` (free text as typed), best first; an empty list when nothing matches or the query
    /// has no words.
    fn search(&self, query: &str) -> Vec<ReaderHit>;
}

/// The lower-cased words of a query, as the backends match them (prefixes of words of the text).
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect())
        .collect()
}

/// Today's in-memory index over the library.
#[derive(Debug)]
pub struct IndexBackend {
    library: Arc<Library>,
    index: SearchIndex,
}

impl IndexBackend {
    /// Index every segment of `library` (costs about as much as a full query; done on the worker thread).
    pub fn new(library: Arc<Library>) -> Self {
        let index = SearchIndex::build(&library);
        Self { library, index }
    }
}

impl SearchBackend for IndexBackend {
    fn search(&self, query: &str) -> Vec<ReaderHit> {
        let terms = query_terms(query);
        self.index
            .query(&self.library, query, None)
            .into_iter()
            .map(|h| ReaderHit {
                episode_index: h.episode_index,
                episode: h.episode,
                segment_index: h.segment_index,
                ordinal: h.ordinal,
                kind: HitKind::Segment,
                host: h.host,
                title: h.title,
                url: h.url,
                snippet: h.snippet,
                snippet_matches: h.snippet_matches,
                title_matches: h.title_matches,
                terms: terms.clone(),
            })
            .collect()
    }
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The generation of the query this answers.
    pub generation: u64,
    /// The query as sent.
    pub query: String,
    /// Every hit, best first.
    pub hits: Vec<ReaderHit>,
}

/// The reader's end of the worker: send queries, collect answers.
#[derive(Debug)]
pub struct SearchWorker {
    queries: Sender<(u64, String)>,
    answers: Receiver<Answer>,
    /// The generation of the latest query sent.
    pub latest: u64,
    /// Whether the latest query's answer has not arrived yet.
    pub pending: bool,
}

impl SearchWorker {
    /// Start a worker thread that builds its backend with `make` (off the UI thread) and then answers queries.
    pub fn spawn<B: SearchBackend>(make: impl FnOnce() -> B + Send + 'static) -> Self {
        let (queries, inbox) = mpsc::channel::<(u64, String)>();
        let (outbox, answers) = mpsc::channel();
        let spawned = std::thread::Builder::new().name("search".into()).spawn(move || {
            let backend = make();
            while let Ok(mut next) = inbox.recv() {
                // Only the newest waiting query matters: answering older ones would make typing wait.
                while let Ok(newer) = inbox.try_recv() {
                    next = newer;
                }
                let (generation, query) = next;
                let hits = backend.search(&query);
                if outbox.send(Answer { generation, query, hits }).is_err() {
                    return;
                }
            }
        });
        // Without a thread the channel is closed and every query answers as "nothing found" (see `recv`).
        drop(spawned);
        Self { queries, answers, latest: 0, pending: false }
    }

    /// Ask for `query`; returns its generation.
    pub fn send(&mut self, query: &str) -> u64 {
        // Answers not yet collected are for older queries now: drop them so they cannot pile up.
        while self.answers.try_recv().is_ok() {}
        self.latest += 1;
        self.pending = self.queries.send((self.latest, query.to_owned())).is_ok();
        self.latest
    }

    /// Forget the query in flight (the prompt was emptied): its answer will be dropped.
    pub fn cancel(&mut self) {
        self.latest += 1;
        self.pending = false;
    }

    /// The answer to the latest query if it has arrived; older answers are dropped on the way.
    pub fn try_latest(&mut self) -> Option<Answer> {
        loop {
            match self.answers.try_recv() {
                Ok(a) if a.generation == self.latest => {
                    self.pending = false;
                    return Some(a);
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.pending = false;
                    return None;
                }
            }
        }
    }

    /// Block until the latest query is answered (tests, and `n` before any answer has come).
    pub fn wait_latest(&mut self) -> Option<Answer> {
        if !self.pending {
            return None;
        }
        while let Ok(a) = self.answers.recv() {
            if a.generation == self.latest {
                self.pending = false;
                return Some(a);
            }
        }
        self.pending = false;
        None
    }

    /// The next answer of any generation, blocking (for tests of "latest wins").
    pub fn recv_any(&mut self) -> Option<Answer> {
        self.answers.recv().ok()
    }
}
