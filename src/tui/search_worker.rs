//! Search beside the UI: a plain worker thread answers queries over a channel, so typing never waits.
//!
//! The reader talks to search only through [`SearchBackend`] (one query in, every hit out, best first), so the
//! index behind it can change without touching the reader. Each query carries a generation number; the worker
//! skips queries that a newer one has already replaced, and the reader drops answers that are not for its latest
//! query: the latest keystroke wins.

use std::ops::Range;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

/// What a hit points at; the reader opens the matching tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A numbered topic of the notes.
    Segment,
    /// An extras item (opens the Extras tab).
    Extra,
    /// A joke (opens the Jokes tab).
    Joke,
    /// The episode's title and the text before the first segment (opens the Overview tab).
    Description,
    /// A chapter title (opens the Overview tab, where chapters are listed).
    Chapter,
    /// A passage of the transcript (opens the Transcript tab at [`ReaderHit::time`]).
    Transcript,
}

/// One result as the reader shows and opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderHit {
    /// Index into `Library::episodes`.
    pub episode_index: usize,
    /// Episode number, when the notes give one.
    pub episode: Option<u32>,
    /// Index into the episode's segments (or flattened extras items, or jokes, or chapters, by `kind`).
    pub segment_index: usize,
    /// The segment's own number (`#3`), when it has one.
    pub ordinal: Option<u32>,
    /// What the hit points at: a segment, an extras item, a joke, the description, a chapter, a transcript.
    pub kind: HitKind,
    /// Start in the audio, in seconds, when known (always for a transcript passage).
    pub time: Option<u32>,
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

/// A backend's answer to one query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// The best hits, best first (at most what the backend builds; `total` counts them all).
    pub hits: Vec<ReaderHit>,
    /// How many hits there are in all.
    pub total: usize,
    /// Whether this is the final answer; when not, [`SearchBackend::refine`] gives a better one (an exact
    /// count, or hits from transcripts indexed since).
    pub exact: bool,
    /// `(typed, used)` when nothing matched as typed and one word was corrected.
    pub corrected: Option<(String, String)>,
}

impl From<Vec<ReaderHit>> for Hits {
    fn from(hits: Vec<ReaderHit>) -> Self {
        Self { total: hits.len(), hits, exact: true, corrected: None }
    }
}

/// Something that can answer a query with its best hits, best first.
pub trait SearchBackend: Send + 'static {
    /// The hits for `query` (free text as typed, the last word being typed); none when nothing matches or the
    /// query has no words.
    fn search(&mut self, query: &str) -> Hits;

    /// A better answer to `query` than `first` (which was not [`Hits::exact`]), or `None` when it stands; asked
    /// only while no newer query waits.
    fn refine(&mut self, _query: &str, _first: &Hits) -> Option<Hits> {
        None
    }
}

/// The lower-cased words of a query, as the backends match them (prefixes of words of the text).
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect())
        .collect()
}

/// The answer to one query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// The generation of the query this answers.
    pub generation: u64,
    /// The query as sent.
    pub query: String,
    /// The best hits, best first.
    pub hits: Vec<ReaderHit>,
    /// How many hits there are in all (a second answer of the same generation may make it exact).
    pub total: usize,
    /// `(typed, used)` when a word was corrected.
    pub corrected: Option<(String, String)>,
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
    /// The generation of the answer the reader shows (a later answer of it only refines the count).
    pub shown: u64,
}

impl SearchWorker {
    /// Start a worker thread that builds its backend with `make` (off the UI thread) and then answers queries.
    pub fn spawn<B: SearchBackend>(make: impl FnOnce() -> B + Send + 'static) -> Self {
        let (queries, inbox) = mpsc::channel::<(u64, String)>();
        let (outbox, answers) = mpsc::channel();
        let spawned = std::thread::Builder::new().name("search".into()).spawn(move || {
            let mut backend = make();
            let mut waiting = None;
            loop {
                let mut next = match waiting.take() {
                    Some(n) => n,
                    None => match inbox.recv() {
                        Ok(n) => n,
                        Err(_) => return,
                    },
                };
                // Only the newest waiting query matters: answering older ones would make typing wait.
                while let Ok(newer) = inbox.try_recv() {
                    next = newer;
                }
                let (generation, query) = next;
                let found = backend.search(&query);
                let answer = Answer {
                    generation,
                    query,
                    hits: found.hits.clone(),
                    total: found.total,
                    corrected: found.corrected.clone(),
                };
                if outbox.send(answer.clone()).is_err() {
                    return;
                }
                if found.exact {
                    continue;
                }
                // A better answer costs more than the first: only while no newer query waits.
                match inbox.try_recv() {
                    Ok(newer) => waiting = Some(newer),
                    Err(TryRecvError::Disconnected) => return,
                    Err(TryRecvError::Empty) => {
                        let Some(better) = backend.refine(&answer.query, &found) else { continue };
                        let Answer { generation, query, .. } = answer;
                        let (hits, total, corrected) = (better.hits, better.total, better.corrected);
                        if outbox.send(Answer { generation, query, hits, total, corrected }).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        // Without a thread the channel is closed and every query answers as "nothing found" (see `recv`).
        drop(spawned);
        Self { queries, answers, latest: 0, pending: false, shown: 0 }
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
