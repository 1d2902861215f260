//! Back and forward across episodes, segments and search results, like a browser's history.

use crate::tui::app::{App, Mode, Pane};
use crate::tui::nav_state::{HISTORY_LIMIT, Place};
use crate::tui::prompt_line::PromptLine;

impl App {
    /// Where the reader is now.
    pub(crate) fn here(&self) -> Option<Place> {
        if self.mode == Mode::Search {
            return Some(Place::Results { query: self.query.clone(), hit: self.sel.hit });
        }
        Some(Place::Reading {
            episode: self.episode_index()?,
            segment: self.sel.segment,
            scroll: self.sel.body_scroll,
            detail: self.detail,
            focus: self.focus,
        })
    }

    /// Note the current place before a jump, so back returns to it.
    pub(crate) fn remember(&mut self) {
        self.remember_place(self.here());
    }

    pub(crate) fn remember_place(&mut self, place: Option<Place>) {
        let Some(place) = place else { return };
        if self.nav.back.last() == Some(&place) {
            return;
        }
        self.nav.back.push(place);
        if self.nav.back.len() > HISTORY_LIMIT {
            self.nav.back.remove(0);
        }
        self.nav.forward.clear();
    }

    /// Back (`step` < 0) or forward through the history.
    pub(crate) fn history(&mut self, step: isize) {
        let (from, to) = if step < 0 { (&mut self.nav.back, "back") } else { (&mut self.nav.forward, "forward") };
        let Some(place) = from.pop() else {
            self.status = Some(format!("Nothing further {to} in the history."));
            return;
        };
        if let Some(here) = self.here() {
            let other = if step < 0 { &mut self.nav.forward } else { &mut self.nav.back };
            other.push(here);
        }
        self.go_to(place);
    }

    fn go_to(&mut self, place: Place) {
        match place {
            Place::Reading { episode, segment, scroll, detail, focus } => {
                self.mode = Mode::Normal;
                let terms = std::mem::take(&mut self.nav.terms);
                self.show_episode(episode);
                self.sel.segment = segment;
                self.sel.body_scroll = scroll;
                self.detail = detail;
                self.focus = focus;
                // Returning to the text a result opened keeps its words highlighted.
                if self.nav.back.last().is_some_and(|p| matches!(p, Place::Results { .. })) {
                    self.nav.terms = terms;
                }
            }
            Place::Results { query, hit } => self.reopen_results(&query, hit),
        }
    }

    /// Show the result list for `query` with result `hit` selected, searching again only if the query changed.
    pub(crate) fn reopen_results(&mut self, query: &str, hit: usize) {
        self.mode = Mode::Search;
        self.prompt = PromptLine::new(query);
        if self.query != query || self.hits.is_empty() {
            self.query = query.to_owned();
            self.nav.restore_hit = Some(hit);
            self.send_query();
        } else {
            self.sel.hit = hit.min(self.hits.len().saturating_sub(1));
        }
        self.focus = if self.focus.is_detail() { self.focus } else { Pane::Body };
    }
}
