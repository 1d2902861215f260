//! Search results in use: queries go to the worker, answers come back; Enter lands on the first match in the
//! text, and `n`/`N` step through the matches, then on to the next or previous result.

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::nav_state::Place;
use crate::tui::search_worker::{Answer, HitKind, SearchBackend, SearchWorker, query_terms};
use crate::tui::ui;

/// Which match of a result's text to land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Land {
    First,
    Last,
}

/// Lines of context kept above a match the text is scrolled to.
const CONTEXT_ABOVE: usize = 2;

impl App {
    /// Answer searches with another backend (tests; a different index), built on the worker thread by `make`.
    pub fn set_search_backend<B: SearchBackend>(&mut self, make: impl FnOnce() -> B + Send + 'static) {
        self.search = SearchWorker::spawn(make);
        self.clear_hits();
    }

    /// Send the prompt's query to the worker (an empty one just clears the results).
    pub(crate) fn send_query(&mut self) {
        if query_terms(&self.query).is_empty() {
            self.search.cancel();
            self.clear_hits();
            return;
        }
        self.search.send(&self.query);
    }

    /// An answer from the worker: shown only when it answers the latest query.
    pub(crate) fn answered(&mut self, answer: Answer) {
        if answer.generation != self.search.latest || answer.query != self.query {
            return;
        }
        // A second answer to the same query only makes its count exact: the selection stays.
        let again = std::mem::replace(&mut self.search.shown, answer.generation) == answer.generation;
        self.hits = answer.hits;
        self.total = answer.total.max(self.hits.len());
        self.corrected = answer.corrected;
        let hit = if again { self.sel.hit } else { self.nav.restore_hit.take().unwrap_or(0) };
        self.sel.hit = hit.min(self.hits.len().saturating_sub(1));
    }

    fn clear_hits(&mut self) {
        self.hits.clear();
        (self.total, self.corrected, self.sel.hit) = (0, None, 0);
    }

    /// Wait for the latest query's answer and apply it (before Enter or `n` acts on results still coming).
    pub fn settle_search(&mut self) {
        if let Some(answer) = self.search.wait_latest() {
            self.update(Action::Answered(answer));
        }
    }

    /// Enter on a result: remember the list in the history, then open it at its first match.
    pub(crate) fn open_selected_hit(&mut self) {
        self.settle_search();
        if self.hits.is_empty() {
            self.status = Some("Nothing to open: no segment matches.".into());
            return;
        }
        self.remember_place(Some(Place::Results { query: self.query.clone(), hit: self.sel.hit }));
        self.mode = Mode::Normal;
        self.open_hit(Land::First);
    }

    /// Show the selected result in its episode, scrolled to a match with the search words highlighted.
    pub(crate) fn open_hit(&mut self, land: Land) {
        let Some(hit) = self.hits.get(self.sel.hit).cloned() else { return };
        if hit.kind == HitKind::Transcript {
            let at = f64::from(hit.time.unwrap_or(0));
            self.open_transcript_at(hit.episode_index, at, hit.terms);
            self.status = Some(format!(
                "Result {} of {} for “{}” · the transcript at {} · n/N: next/previous result · Esc: the results",
                self.sel.hit + 1,
                self.total,
                self.query,
                crate::transcript::short_time(hit.time.unwrap_or(0))
            ));
            return;
        }
        self.show_episode(hit.episode_index);
        match hit.kind {
            HitKind::Segment => self.show_segment(hit.segment_index),
            HitKind::Extra => {
                (self.focus, self.detail, self.sel.extra) = (Pane::Extras, Pane::Extras, hit.segment_index);
            }
            HitKind::Joke => (self.focus, self.detail, self.sel.joke) = (Pane::Jokes, Pane::Jokes, hit.segment_index),
            HitKind::Description | HitKind::Chapter | HitKind::Transcript => {
                (self.focus, self.detail, self.overview_scroll) = (Pane::Overview, Pane::Overview, 0);
            }
        }
        self.nav.terms = hit.terms;
        let count = self.text_matches().len();
        self.sel.text_match = match land {
            Land::First => 0,
            Land::Last => count.saturating_sub(1),
        };
        self.scroll_to_match();
        let n = self.total;
        self.status = Some(format!(
            "Result {} of {n} for “{}” · n/N: next/previous match · Esc: the results",
            self.sel.hit + 1,
            self.query
        ));
    }

    /// The rendered line of every occurrence of the search words in the text, in reading order.
    pub fn text_matches(&self) -> Vec<usize> {
        if self.nav.terms.is_empty() {
            return Vec::new();
        }
        // The width the text is drawn at (the reading width caps it), so match lines are the drawn lines.
        let width = ui::body::text_area(self, self.pane_area(Pane::Body)).width;
        let mut lines = ui::body::plain(self, width).lines.clone();
        ui::body_matches::mark(&mut lines, &self.nav.terms, ratatui::style::Style::new(), None)
    }

    /// Scroll the text so the current match shows, a little below the top.
    fn scroll_to_match(&mut self) {
        let Some(&line) = self.text_matches().get(self.sel.text_match) else { return };
        self.sel.body_scroll = line.saturating_sub(CONTEXT_ABOVE);
        self.move_by(Pane::Body, 0);
    }

    /// `n` / `N`: the next or previous match in the text, then the next or previous result.
    pub(crate) fn step_match(&mut self, delta: isize) {
        if self.nav.terms.is_empty() || self.detail != Pane::Body {
            self.step_hit(delta);
            return;
        }
        let count = self.text_matches().len();
        match self.sel.text_match.checked_add_signed(delta) {
            Some(next) if next < count => {
                self.sel.text_match = next;
                self.focus = Pane::Body;
                self.scroll_to_match();
                self.status = Some(format!(
                    "Match {} of {count} in this text · result {} of {}",
                    next + 1,
                    self.sel.hit + 1,
                    self.hits.len()
                ));
            }
            _ => self.step_hit(delta),
        }
    }

    /// Open the next or previous result, wrapping.
    pub(crate) fn step_hit(&mut self, delta: isize) {
        self.settle_search();
        let len = self.hits.len();
        if len == 0 {
            self.status = Some("No search results: press / to search.".into());
            return;
        }
        self.sel.hit = (self.sel.hit.cast_signed() + delta).rem_euclid(len.cast_signed()).cast_unsigned();
        self.open_hit(if delta < 0 { Land::Last } else { Land::First });
    }
}
