//! Moving selections: list lengths per pane, paging, episode stepping with wrap-around, clamping.

use ratatui::layout::Rect;

use crate::tui::app::{App, Pane};
use crate::tui::ui::{self, layout};

/// `sel + delta`, kept inside `0..len`.
pub fn step(sel: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    sel.saturating_add_signed(delta).min(len - 1)
}

impl App {
    pub(crate) fn screen(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// The pane's rectangle for the current terminal size.
    pub(crate) fn pane_area(&self, pane: Pane) -> Rect {
        let Some(a) = self.areas(self.screen()) else { return Rect::default() };
        match pane {
            Pane::Episodes => a.episodes,
            Pane::Hosts => a.hosts,
            Pane::Segments => a.segments,
            Pane::Body | Pane::Links | Pane::Extras | Pane::Jokes | Pane::Overview | Pane::Transcript => a.detail,
        }
    }

    pub(crate) fn page_rows(&self, height: u16) -> usize {
        usize::from(height.saturating_sub(1)).max(1)
    }

    /// A screenful of the pane, in rows.
    pub(crate) fn page(&self, pane: Pane) -> isize {
        self.page_rows(layout::inner(self.pane_area(pane)).height).cast_signed()
    }

    /// How many selectable rows the pane has (for the text pane: how far it can scroll).
    pub(crate) fn pane_len(&self, pane: Pane) -> usize {
        let inner = if pane.is_detail() {
            ui::body::detail_inner(self.pane_area(pane))
        } else {
            layout::inner(self.pane_area(pane))
        };
        let Some(e) = self.episode() else { return if pane == Pane::Episodes { self.visible.len() } else { 0 } };
        match pane {
            Pane::Episodes => self.visible.len(),
            Pane::Hosts => e.hosts.len(),
            Pane::Segments => e.segments.len(),
            Pane::Body | Pane::Overview => {
                let width = ui::body::text_area(self, self.pane_area(pane)).width;
                let lines = if pane == Pane::Body {
                    ui::body::rendered(self, width).lines.len()
                } else {
                    ui::overview::rendered(self, width).lines.len()
                };
                ui::body::max_scroll(lines, usize::from(inner.height)) + 1
            }
            Pane::Links => self.episode_links().links.len(),
            Pane::Extras => e.extras.iter().map(|x| x.items.len()).sum(),
            Pane::Jokes => e.jokes.len(),
            Pane::Transcript => self.transcript_len(),
        }
    }

    /// Move the pane's selection (or scroll) by `delta` rows.
    pub(crate) fn move_by(&mut self, pane: Pane, delta: isize) {
        let len = self.pane_len(pane);
        let sel = &mut self.sel;
        match pane {
            Pane::Episodes => {
                let next = step(sel.episode, delta, len);
                if next != sel.episode {
                    sel.episode = next;
                    self.episode_changed();
                }
            }
            Pane::Hosts => sel.host = step(sel.host, delta, len),
            Pane::Segments => {
                let next = step(sel.segment, delta, len);
                if next != sel.segment {
                    sel.segment = next;
                    sel.body_scroll = 0;
                    sel.body_link = None;
                    self.nav.terms.clear();
                }
            }
            Pane::Body => sel.body_scroll = step(sel.body_scroll, delta, len),
            Pane::Links => sel.link = step(sel.link, delta, len),
            Pane::Extras => sel.extra = step(sel.extra, delta, len),
            Pane::Jokes => sel.joke = step(sel.joke, delta, len),
            Pane::Overview => self.overview_scroll = step(self.overview_scroll, delta, len),
            Pane::Transcript => self.transcript.scroll = step(self.transcript.scroll, delta, len),
        }
    }

    /// Forget per-episode selections when another episode is shown.
    pub(crate) fn episode_changed(&mut self) {
        let keep = (self.sel.episode, self.sel.hit, self.sel.archive);
        self.sel = crate::tui::app::Selection { episode: keep.0, hit: keep.1, archive: keep.2, ..Default::default() };
        self.overview_scroll = 0;
        self.nav.terms.clear();
        self.transcript.terms.clear();
        self.transcript.query.clear();
        if let Some(host) = &self.highlight_host
            && !self.episode().is_some_and(|e| e.hosts.iter().any(|h| &h.name == host))
        {
            self.highlight_host = None;
        }
    }

    /// Next or previous episode of the (filtered) list, wrapping around at either end.
    pub(crate) fn step_episode(&mut self, delta: isize) {
        let len = self.visible.len();
        if len == 0 {
            return;
        }
        let next = (self.sel.episode.cast_signed() + delta).rem_euclid(len.cast_signed()).cast_unsigned();
        self.remember();
        self.sel.episode = next;
        self.episode_changed();
    }

    /// Show the episode at `index` of the library, clearing a filter or view that hides it.
    pub(crate) fn show_episode(&mut self, index: usize) {
        if !self.visible.contains(&index) {
            self.nav.host = None;
            self.nav.view = crate::tui::nav_state::ListView::All;
            self.set_filter(String::new());
        }
        if let Some(pos) = self.visible.iter().position(|&i| i == index)
            && pos != self.sel.episode
        {
            self.sel.episode = pos;
            self.episode_changed();
        }
    }

    /// Keep selections valid after the data or the size changed.
    pub(crate) fn clamp(&mut self) {
        self.sel.episode = self.sel.episode.min(self.visible.len().saturating_sub(1));
        for pane in [Pane::Hosts, Pane::Segments, Pane::Links, Pane::Extras, Pane::Jokes, Pane::Body, Pane::Overview] {
            self.move_by(pane, 0);
        }
    }
}
