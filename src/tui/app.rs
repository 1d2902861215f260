//! The reader's whole state: the library, what is focused and selected, the open prompt or overlay.
//!
//! Fields change only in [`App::update`] (update.rs); drawing reads them through `&App`.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::library::Library;
use crate::model::Episode;
use crate::state::StateStore;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::nav_state::NavState;
use crate::tui::prompt_line::PromptLine;
use crate::tui::search_worker::{ReaderHit, SearchWorker};
use crate::tui::store_backend::{Cache, StoreBackend, Transcripts};
use crate::tui::theme::Theme;
use crate::tui::transcript_view::TranscriptView;

/// The panes that can hold focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Episodes,
    Hosts,
    Segments,
    Body,
    Links,
    Extras,
    Jokes,
    /// The episode's description, date, people, sponsors and chapters.
    Overview,
    /// The episode's transcript, at the selected segment's moment.
    Transcript,
}

impl Pane {
    pub const ALL: [Self; 9] = [
        Self::Episodes,
        Self::Hosts,
        Self::Segments,
        Self::Overview,
        Self::Body,
        Self::Links,
        Self::Extras,
        Self::Jokes,
        Self::Transcript,
    ];

    pub fn context(self) -> Context {
        match self {
            Self::Episodes => Context::Episodes,
            Self::Hosts => Context::Hosts,
            Self::Segments => Context::Segments,
            Self::Body => Context::Body,
            Self::Links => Context::Links,
            Self::Extras => Context::Extras,
            Self::Jokes => Context::Jokes,
            Self::Overview => Context::Overview,
            Self::Transcript => Context::Transcript,
        }
    }

    pub fn title(self) -> &'static str {
        self.context().title()
    }

    /// The panes that share the lower right area as tabs.
    pub fn is_detail(self) -> bool {
        matches!(self, Self::Overview | Self::Body | Self::Links | Self::Extras | Self::Jokes | Self::Transcript)
    }
}

/// What takes the keyboard besides the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Filter,
    Search,
    Help,
    Archive,
    /// The find prompt of the Transcript tab.
    TranscriptFind,
}

/// One host across the whole archive, for the `H` view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostSummary {
    pub name: String,
    pub segments: usize,
    pub episodes: Vec<u32>,
    /// Indices into `Library::episodes` of every episode they present a segment of (or are listed as host in).
    pub episode_indices: Vec<usize>,
}

/// Which rows are selected, and how far text is scrolled, per pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Index into [`App::visible`].
    pub episode: usize,
    pub host: usize,
    pub segment: usize,
    pub link: usize,
    pub extra: usize,
    pub joke: usize,
    /// First body line shown.
    pub body_scroll: usize,
    /// Link of the body picked by number (1-based as on screen), for `o`/`y`.
    pub body_link: Option<usize>,
    pub hit: usize,
    pub archive: usize,
    pub help_scroll: usize,
    /// Which occurrence of the search words in the text `n`/`N` last went to (0-based).
    pub text_match: usize,
}

/// The reader.
#[derive(Debug)]
pub struct App {
    pub library: Arc<Library>,
    /// Search runs on this worker thread; answers arrive through [`App::poll_search`].
    pub search: SearchWorker,
    pub store: StateStore,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Pane,
    /// The detail tab showing in the lower right (Overview, Body, Links, Extras, Jokes or Transcript).
    pub detail: Pane,
    pub mode: Mode,
    pub sel: Selection,
    /// Episode indices passing the filter, in the chosen sort order.
    pub visible: Vec<usize>,
    pub filter: String,
    pub query: String,
    /// The best results for `query`, best first.
    pub hits: Vec<ReaderHit>,
    /// How many results `query` has in all (the count shown).
    pub total: usize,
    /// `(typed, used)` when nothing matched as typed and a word was corrected.
    pub corrected: Option<(String, String)>,
    /// The host whose segments are highlighted.
    pub highlight_host: Option<String>,
    pub archive_hosts: Vec<HostSummary>,
    /// A message for the status line, until the next key.
    pub status: Option<String>,
    /// Terminal size, for mouse hit-testing and paging.
    pub size: (u16, u16),
    pub quit: bool,
    /// Rendered text and link numbers kept between frames.
    pub cache: crate::tui::cache::RenderCache,
    /// The text pane has the whole screen.
    pub zoom: bool,
    /// The widest the text is set, in cells (config `reading_width`, default [`READING_WIDTH`]).
    pub reading_width: u16,
    /// The link number being typed digit by digit in the detail panes.
    pub link_entry: Option<usize>,
    /// First line of the Overview tab shown.
    pub overview_scroll: usize,
    /// The line being edited in the open prompt (filter or search).
    pub prompt: PromptLine,
    /// Sort order, list views, history, the words highlighted in the text: see [`NavState`].
    pub nav: NavState,
    /// Set by Ctrl-Z: the loop hands the terminal back to the shell and stops the process.
    pub suspend: bool,
    /// The Transcript tab: answers of its worker thread, scroll, marked moment, found words.
    pub transcript: TranscriptView,
}

/// The default maximum width of text, in cells.
pub const READING_WIDTH: u16 = 100;

impl App {
    pub fn new(library: Library, store: StateStore, keymap: Keymap, theme: Theme) -> Self {
        let library = Arc::new(library);
        let for_search = Arc::clone(&library);
        let search =
            SearchWorker::spawn(move || StoreBackend::new(for_search, Cache::Default, Transcripts::AfterFirstAnswer));
        let visible = (0..library.episodes.len()).collect();
        let archive_hosts = archive_hosts(&library);
        let transcript = TranscriptView::new(Arc::clone(&library));
        let mut app = Self {
            library,
            search,
            store,
            keymap,
            theme,
            focus: Pane::Episodes,
            detail: Pane::Overview,
            mode: Mode::Normal,
            sel: Selection::default(),
            visible,
            filter: String::new(),
            query: String::new(),
            hits: Vec::new(),
            total: 0,
            corrected: None,
            highlight_host: None,
            archive_hosts,
            status: None,
            size: (80, 24),
            quit: false,
            cache: crate::tui::cache::RenderCache::default(),
            zoom: false,
            reading_width: READING_WIDTH,
            link_entry: None,
            overview_scroll: 0,
            prompt: PromptLine::default(),
            nav: NavState::default(),
            suspend: false,
            transcript,
        };
        app.nav.shows = crate::tui::update::shows::shows_of(&app.library);
        app.rebuild_visible();
        // The list opens at its top (the newest episode) unless the last session is resumed.
        app.sel.episode = 0;
        app.resume();
        app
    }

    /// The key context: the open prompt or overlay, else the focused pane.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Normal => self.focus.context(),
            Mode::Filter => Context::Filter,
            Mode::Search => Context::Search,
            Mode::Help => Context::Help,
            Mode::Archive => Context::Archive,
            Mode::TranscriptFind => Context::TranscriptFind,
        }
    }

    /// Index into `library.episodes` of the episode on the right.
    pub fn episode_index(&self) -> Option<usize> {
        self.visible.get(self.sel.episode).copied()
    }

    pub fn episode(&self) -> Option<&Episode> {
        self.episode_index().and_then(|i| self.library.episodes.get(i))
    }

    pub fn segment(&self) -> Option<&crate::model::Segment> {
        self.episode().and_then(|e| e.segments.get(self.sel.segment))
    }

    pub fn is_read(&self, episode: &Episode) -> bool {
        episode.number.is_some_and(|n| self.store.is_read(n))
    }
}

/// Every host of the library with their segment count and episodes, most segments first.
pub fn archive_hosts(library: &Library) -> Vec<HostSummary> {
    let mut by_name: BTreeMap<&str, HostSummary> = BTreeMap::new();
    for (index, episode) in library.episodes.iter().enumerate() {
        for segment in &episode.segments {
            let Some(host) = segment.host.as_deref() else { continue };
            let entry = by_name.entry(host).or_insert_with(|| HostSummary {
                name: host.to_owned(),
                segments: 0,
                episodes: Vec::new(),
                episode_indices: Vec::new(),
            });
            entry.segments += 1;
            if let Some(n) = episode.number
                && entry.episodes.last() != Some(&n)
            {
                entry.episodes.push(n);
            }
            if entry.episode_indices.last() != Some(&index) {
                entry.episode_indices.push(index);
            }
        }
    }
    let mut hosts: Vec<HostSummary> = by_name.into_values().collect();
    for h in &mut hosts {
        h.episodes.sort_unstable();
        h.episodes.dedup();
        h.episode_indices.dedup();
    }
    hosts.sort_by(|a, b| b.segments.cmp(&a.segments).then_with(|| a.name.cmp(&b.name)));
    hosts
}

/// `Brian Okken` → `BO`; `Michael` → `M`.
pub fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_alphanumeric()).collect()
}
