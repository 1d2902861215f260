//! Transcripts beside the UI: a plain worker thread finds, reads and joins an episode's transcript and reports
//! over a channel, so neither the first frame nor a keypress waits for a file.
//!
//! The thread starts on the first request. It looks for transcript files once ([`discover::discover`] over the
//! library root), then answers each request with the episode's transcript and its join to the notes. Requests
//! carry a generation number; the worker skips requests a newer one has replaced, and the reader drops answers
//! that are not for its latest request: only the episode on screen matters.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::library::Library;
use crate::transcript::discover::{self, TranscriptFiles};
use crate::transcript::{self, Transcript, join};

/// An episode's transcript as read and joined.
#[derive(Debug)]
pub struct Loaded {
    /// The file it was read from.
    pub path: PathBuf,
    pub transcript: Transcript,
    /// Approximate starts of the episode's segments, extras and joke (seconds).
    pub starts: join::Starts,
}

/// What the worker found for one episode.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Read and joined.
    Loaded(Arc<Loaded>),
    /// No transcript file belongs to the episode; the text says so plainly.
    Missing(String),
    /// The file could not be read or parsed: one line naming the file and the reason.
    Broken(String),
}

/// The answer to one request.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The generation of the request this answers.
    pub generation: u64,
    /// Index into `Library::episodes`.
    pub episode_index: usize,
    pub outcome: Outcome,
}

// Actions compare by value; a loaded transcript compares by identity (the same answer), which is all the
// reader needs and keeps `Action: Eq`.
impl PartialEq for Reply {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.episode_index == other.episode_index
            && match (&self.outcome, &other.outcome) {
                (Outcome::Loaded(a), Outcome::Loaded(b)) => Arc::ptr_eq(a, b),
                (Outcome::Missing(a), Outcome::Missing(b)) | (Outcome::Broken(a), Outcome::Broken(b)) => a == b,
                _ => false,
            }
    }
}

impl Eq for Reply {}

/// The channel ends, once the thread runs.
#[derive(Debug)]
struct Channel {
    requests: Sender<(u64, usize)>,
    replies: Receiver<Reply>,
}

/// The reader's end of the worker: ask for an episode's transcript, collect the answer.
#[derive(Debug)]
pub struct TranscriptWorker {
    library: Arc<Library>,
    channel: Option<Channel>,
    /// The generation of the latest request sent.
    pub latest: u64,
    /// Whether the latest request's answer has not arrived yet.
    pub pending: bool,
}

impl TranscriptWorker {
    /// A worker for `library`; no thread runs until the first [`TranscriptWorker::send`].
    pub fn new(library: Arc<Library>) -> Self {
        Self { library, channel: None, latest: 0, pending: false }
    }

    /// Ask for the transcript of episode `episode_index` (of `Library::episodes`); returns the generation.
    pub fn send(&mut self, episode_index: usize) -> u64 {
        let library = Arc::clone(&self.library);
        let channel = self.channel.get_or_insert_with(|| spawn(library));
        while channel.replies.try_recv().is_ok() {}
        self.latest += 1;
        self.pending = channel.requests.send((self.latest, episode_index)).is_ok();
        self.latest
    }

    /// The answer to the latest request if it has arrived; older answers are dropped on the way.
    pub fn try_latest(&mut self) -> Option<Reply> {
        let channel = self.channel.as_ref()?;
        loop {
            match channel.replies.try_recv() {
                Ok(r) if r.generation == self.latest => {
                    self.pending = false;
                    return Some(r);
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

    /// Block until the latest request is answered (tests; nothing in the reader waits).
    pub fn wait_latest(&mut self) -> Option<Reply> {
        if !self.pending {
            return None;
        }
        let channel = self.channel.as_ref()?;
        while let Ok(r) = channel.replies.recv() {
            if r.generation == self.latest {
                self.pending = false;
                return Some(r);
            }
        }
        self.pending = false;
        None
    }
}

fn spawn(library: Arc<Library>) -> Channel {
    let (requests, inbox) = mpsc::channel::<(u64, usize)>();
    let (outbox, replies) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("transcripts".into()).spawn(move || {
        let mut files: Option<TranscriptFiles> = None;
        while let Ok(mut next) = inbox.recv() {
            // Only the newest waiting request matters: the reader has moved on from the others.
            while let Ok(newer) = inbox.try_recv() {
                next = newer;
            }
            let (generation, episode_index) = next;
            let files = files.get_or_insert_with(|| find_files(&library));
            let outcome = load(&library, files, episode_index);
            if outbox.send(Reply { generation, episode_index, outcome }).is_err() {
                return;
            }
        }
    });
    // Without a thread the channel is closed: requests fail and the tab says the transcript is not there.
    drop(spawned);
    Channel { requests, replies }
}

/// Transcript files of the library's root; a library made in memory (no root) has none.
fn find_files(library: &Library) -> TranscriptFiles {
    if library.root.as_os_str().is_empty() {
        return TranscriptFiles::default();
    }
    discover::discover(&library.root)
}

/// Read and join one episode's transcript.
pub fn load(library: &Library, files: &TranscriptFiles, episode_index: usize) -> Outcome {
    let Some(episode) = library.episodes.get(episode_index) else {
        return Outcome::Missing("No such episode.".into());
    };
    let Some(number) = episode.number else {
        return Outcome::Missing("No transcript: this episode has no number to match a transcript file by.".into());
    };
    let Some(path) = files.get(number) else {
        return Outcome::Missing(format!(
            "No transcript for episode {number}: none found beside the notes (transcripts/{number}*.txt, .vtt, \
             .srt or .json)."
        ));
    };
    match transcript::load(path) {
        Ok(t) => {
            let starts = join::starts(episode, &t);
            Outcome::Loaded(Arc::new(Loaded { path: path.to_path_buf(), transcript: t, starts }))
        }
        // Named from the library's root: `transcripts/701-x.vtt` says more on one line than a temp path.
        Err(e) => Outcome::Broken(transcript::warning(path.strip_prefix(&library.root).unwrap_or(path), &e)),
    }
}
