//! Where the reader is going and has been: list order and views, back/forward history, words to highlight.
//!
//! Kept apart from [`crate::tui::app::App`]'s pane selections so each concern stays small; only
//! [`crate::tui::app::App::update`] changes it.

use crate::tui::app::{Pane, Selection};

/// The order of the episode list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Latest date first (then highest number): what a listener opens the reader for.
    #[default]
    Newest,
    /// Earliest date first (then lowest number).
    Oldest,
    /// By episode number, lowest first.
    Number,
}

impl SortOrder {
    /// The next order for the sort key: newest → oldest → number → newest.
    pub fn next(self) -> Self {
        match self {
            Self::Newest => Self::Oldest,
            Self::Oldest => Self::Number,
            Self::Number => Self::Newest,
        }
    }

    /// The name in state.json and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Number => "number",
        }
    }

    /// The order [`SortOrder::name`] names, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Newest, Self::Oldest, Self::Number].into_iter().find(|s| s.name() == name)
    }
}

/// Which episodes the list shows besides the text filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListView {
    #[default]
    All,
    /// Episodes without a read mark.
    Unread,
    /// Starred episodes.
    Starred,
}

impl ListView {
    /// The next view for the view key: all → unread → starred → all.
    pub fn next(self) -> Self {
        match self {
            Self::All => Self::Unread,
            Self::Unread => Self::Starred,
            Self::Starred => Self::All,
        }
    }

    /// The name shown in the list's title.
    pub fn name(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Unread => "unread",
            Self::Starred => "starred",
        }
    }
}

/// A place the history can return to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// An episode (index into the library) with what was shown of it.
    Reading { episode: usize, segment: usize, scroll: usize, detail: Pane, focus: Pane },
    /// The search results for `query`, with result `hit` selected.
    Results { query: String, hit: usize },
}

/// The reader's navigation state.
#[derive(Debug, Clone, Default)]
pub struct NavState {
    /// The episode list's order.
    pub sort: SortOrder,
    /// Every, unread or starred episodes.
    pub view: ListView,
    /// The show names of the open shows, when more than one is open (for the show key).
    pub shows: Vec<String>,
    /// List only this show's episodes (one of `shows`); `None` lists every show.
    pub show: Option<String>,
    /// Show only this host's episodes (from the all-hosts view): their exact episodes, not a text match.
    pub host: Option<(String, Vec<usize>)>,
    /// Places to go back to, the latest last.
    pub back: Vec<Place>,
    /// Places gone back from, the latest last; cleared by a new jump.
    pub forward: Vec<Place>,
    /// The words of the search that opened this text, highlighted in it; empty when not reading a result.
    pub terms: Vec<String>,
    /// The episode and selections when the filter prompt opened, restored by Esc when nothing matches.
    pub filter_anchor: Option<(Option<usize>, Selection)>,
    /// The result to select when the pending search answers (results reopened from the history).
    pub restore_hit: Option<usize>,
}

/// The most history entries kept each way.
pub const HISTORY_LIMIT: usize = 200;
