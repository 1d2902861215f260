//! What the Transcript tab knows: the answers the worker gave, where the tab is scrolled, which cue is the
//! moment it opened at, and the words being found in it.
//!
//! Changed only by [`crate::tui::app::App::update`] (update/transcript.rs); drawn by ui/transcript.rs.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::library::Library;
use crate::tui::transcript_worker::{Loaded, Outcome, TranscriptWorker};

/// How many episodes' answers are kept (moving back to an episode shows its times at once).
const KEEP: usize = 8;

/// Wrapped lines of one transcript for one width, with where each cue starts.
#[derive(Debug, Default)]
pub struct TranscriptLayout {
    pub lines: Vec<ratatui::text::Line<'static>>,
    /// Index into `lines` of each cue's first line.
    pub first_line: Vec<usize>,
    /// The cue each line belongs to.
    pub line_cue: Vec<usize>,
    /// Per line, the index of the first span of spoken text (the time and speaker come before it).
    pub text_from: Vec<usize>,
}

/// What the layout was made for: the episode, the answer (by identity) and the width in cells.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutKey {
    pub episode: usize,
    pub loaded: *const Loaded,
    pub width: u16,
}

/// The Transcript tab's state.
#[derive(Debug)]
pub struct TranscriptView {
    pub worker: TranscriptWorker,
    /// Answers kept, the latest last: (episode index, outcome).
    known: Vec<(usize, Outcome)>,
    /// The episode whose answer is awaited.
    pub requested: Option<usize>,
    /// First line shown.
    pub scroll: usize,
    /// The cue the tab opened at (the segment's start, or a search hit's moment), marked on screen.
    pub marked: Option<usize>,
    /// The (episode, segment) the tab was last placed for; when the selection differs, the tab follows it.
    pub followed: Option<(usize, usize)>,
    /// A moment (episode, seconds) to open at as soon as that episode's transcript is there.
    pub pending_at: Option<(usize, f64)>,
    /// The words found in the tab, lower-cased (highlighted; `n`/`N` step through them).
    pub terms: Vec<String>,
    /// The find prompt's text.
    pub query: String,
    /// Which occurrence of `terms` is current (0-based, reading order).
    pub current: usize,
    /// The first line shown when the find prompt opened (Esc goes back there).
    pub find_anchor: usize,
    /// Wrapped lines kept between frames.
    pub(crate) cache: RefCell<Option<(LayoutKey, Rc<TranscriptLayout>)>>,
}

impl TranscriptView {
    pub fn new(library: Arc<Library>) -> Self {
        Self {
            worker: TranscriptWorker::new(library),
            known: Vec::new(),
            requested: None,
            scroll: 0,
            marked: None,
            followed: None,
            pending_at: None,
            terms: Vec::new(),
            query: String::new(),
            current: 0,
            find_anchor: 0,
            cache: RefCell::new(None),
        }
    }

    /// What is known of episode `index`'s transcript; `None` while it has not been asked for or is loading.
    pub fn outcome(&self, index: usize) -> Option<&Outcome> {
        self.known.iter().rev().find(|(i, _)| *i == index).map(|(_, o)| o)
    }

    /// Episode `index`'s transcript, when it was read and joined.
    pub fn loaded(&self, index: usize) -> Option<&Arc<Loaded>> {
        match self.outcome(index)? {
            Outcome::Loaded(l) => Some(l),
            Outcome::Missing(_) | Outcome::Broken(_) => None,
        }
    }

    /// Approximate start (seconds) of segment `segment` of episode `index`, once the join is known.
    pub fn segment_start(&self, index: usize, segment: usize) -> Option<f64> {
        self.loaded(index)?.starts.segments.get(segment).copied().flatten()
    }

    /// Keep an answer (the oldest goes when too many are kept).
    pub(crate) fn remember(&mut self, index: usize, outcome: Outcome) {
        self.known.retain(|(i, _)| *i != index);
        if self.known.len() >= KEEP {
            self.known.remove(0);
        }
        self.known.push((index, outcome));
    }
}
