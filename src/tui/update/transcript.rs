//! The Transcript tab in use: ask the worker for the shown episode's transcript, place the tab at the selected
//! segment's moment (and keep following the selection), find words in it, open it at a moment.

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::prompt_line::PromptLine;
use crate::tui::search_worker::query_terms;
use crate::tui::transcript_worker::{Outcome, Reply};
use crate::tui::ui;

use super::prompt::edit_of;

/// Lines of context kept above a found word the tab is scrolled to.
const CONTEXT_ABOVE: usize = 2;

impl App {
    /// Open the Transcript tab of episode `episode_index` (of `Library::episodes`) at `seconds`, the cue playing
    /// then at the top and marked, `terms` (lower-cased words, as [`query_terms`] makes them) highlighted: what a
    /// search hit in a transcript opens. The transcript loads in the background if it is not there yet.
    pub fn open_transcript_at(&mut self, episode_index: usize, seconds: f64, terms: Vec<String>) {
        if episode_index >= self.library.episodes.len() {
            return;
        }
        self.remember();
        self.mode = Mode::Normal;
        self.show_episode(episode_index);
        (self.focus, self.detail) = (Pane::Transcript, Pane::Transcript);
        self.transcript.pending_at = Some((episode_index, seconds.max(0.0)));
        self.transcript.terms = terms;
        self.transcript.current = 0;
        self.sync_transcript();
    }

    /// Wait for the shown episode's transcript and apply it (tests; the reader itself never waits).
    pub fn settle_transcript(&mut self) {
        self.sync_transcript();
        if let Some(reply) = self.transcript.worker.wait_latest() {
            self.update(Action::TranscriptLoaded(reply));
        }
    }

    /// After every change: ask for the shown episode's transcript if it is not known, and place the tab at the
    /// selected segment's moment when the selection moved (or at a pending moment, once it can).
    pub(crate) fn sync_transcript(&mut self) {
        let Some(episode) = self.episode_index() else { return };
        let view = &mut self.transcript;
        let (known, loaded) = (view.outcome(episode).is_some(), view.loaded(episode).is_some());
        // Placing the tab wraps the whole transcript: done only while the tab is shown, so browsing other tabs
        // never pays for it; showing the tab places it then.
        if loaded && self.detail == Pane::Transcript {
            self.follow(episode);
        } else if !known && (view.requested != Some(episode) || !view.worker.pending) {
            view.requested = Some(episode);
            view.worker.send(episode);
        }
    }

    /// A transcript answer: kept if it is for the latest request; the tab is placed when it is for this episode.
    pub(crate) fn transcript_loaded(&mut self, reply: Reply) {
        if reply.generation != self.transcript.worker.latest {
            return;
        }
        self.transcript.requested = None;
        let shown = self.episode_index() == Some(reply.episode_index);
        if let (Outcome::Broken(why), true) = (&reply.outcome, shown && self.detail == Pane::Transcript) {
            self.status = Some(why.clone());
        }
        self.transcript.remember(reply.episode_index, reply.outcome);
        if shown && self.detail == Pane::Transcript {
            self.follow(reply.episode_index);
        }
    }

    /// Place the tab for `episode`: at a pending moment, else at the selected segment's start when the
    /// selection is not the one the tab was last placed for.
    fn follow(&mut self, episode: usize) {
        if let Some((e, seconds)) = self.transcript.pending_at
            && e == episode
        {
            self.transcript.pending_at = None;
            if let Some(segment) = self.segment_playing_at(episode, seconds) {
                self.sel.segment = segment;
            }
            self.transcript.followed = Some((episode, self.sel.segment));
            self.place_at(seconds, true);
            return;
        }
        let here = (episode, self.sel.segment);
        if self.transcript.followed == Some(here) {
            return;
        }
        self.transcript.followed = Some(here);
        let own = self.transcript.segment_start(episode, self.sel.segment);
        // A segment the join could not place opens at the nearest placed one before it (or the top), unmarked.
        let before = (0..self.sel.segment).rev().find_map(|s| self.transcript.segment_start(episode, s));
        match own {
            Some(seconds) => self.place_at(seconds, true),
            None => self.place_at(before.unwrap_or(0.0), false),
        }
    }

    /// The last segment starting at or before `seconds`.
    fn segment_playing_at(&self, episode: usize, seconds: f64) -> Option<usize> {
        let starts = &self.transcript.loaded(episode)?.starts.segments;
        starts.iter().enumerate().filter(|(_, s)| s.is_some_and(|s| s <= seconds)).map(|(i, _)| i).next_back()
    }

    /// Scroll so the cue playing at `seconds` is the top line, marked when `mark`.
    fn place_at(&mut self, seconds: f64, mark: bool) {
        let Some(episode) = self.episode_index() else { return };
        let Some(cue) = self.transcript.loaded(episode).map(|l| l.transcript.cue_at(seconds)) else { return };
        let Some(layout) = ui::transcript::layout(self, ui::transcript::text_width(self)) else { return };
        self.transcript.scroll = layout.first_line.get(cue).copied().unwrap_or(0);
        self.transcript.marked = mark.then_some(cue);
    }

    /// A new terminal size; the Transcript tab keeps the same cue at its top though the text wraps anew.
    pub(crate) fn resize(&mut self, width: u16, height: u16) {
        let top = (self.detail == Pane::Transcript)
            .then(|| ui::transcript::layout(self, ui::transcript::text_width(self)))
            .flatten()
            .and_then(|l| l.line_cue.get(self.transcript.scroll).copied());
        self.size = (width, height);
        self.clamp();
        if let Some(cue) = top
            && let Some(layout) = ui::transcript::layout(self, ui::transcript::text_width(self))
        {
            self.transcript.scroll = layout.first_line.get(cue).copied().unwrap_or(0);
        }
    }

    /// Lines the tab can scroll through (the last line may reach the top).
    pub(crate) fn transcript_len(&self) -> usize {
        ui::transcript::layout(self, ui::transcript::text_width(self)).map_or(0, |l| l.lines.len())
    }

    /// The line of every occurrence of the found words.
    fn found(&self) -> Vec<usize> {
        let layout = ui::transcript::layout(self, ui::transcript::text_width(self));
        layout.map(|l| ui::transcript::occurrences(&l, &self.transcript.terms)).unwrap_or_default()
    }

    /// `/` in the tab: the find prompt, holding the last words.
    pub(crate) fn open_transcript_find(&mut self) {
        let Some(episode) = self.episode_index() else { return };
        if self.transcript.loaded(episode).is_none() {
            let loading = self.transcript.outcome(episode).is_none();
            self.status = Some(
                if loading { "The transcript is still loading…" } else { "No transcript to find words in." }.into(),
            );
            return;
        }
        self.mode = Mode::TranscriptFind;
        self.transcript.find_anchor = self.transcript.scroll;
        self.prompt = PromptLine::new(&self.transcript.query);
    }

    /// A key in the find prompt: typing finds as you type from where the prompt opened.
    pub(crate) fn transcript_find_key(&mut self, action: Action) {
        if let Some(edit) = edit_of(&action) {
            if self.prompt.apply(edit) {
                self.set_transcript_query(self.prompt.text.clone());
            }
            return;
        }
        match action {
            Action::Enter => {
                self.mode = Mode::Normal;
                self.found_status();
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.transcript.scroll = self.transcript.find_anchor;
                self.set_transcript_query(String::new());
            }
            Action::NextFound | Action::MoveDown => self.step_found(1),
            Action::PrevFound | Action::MoveUp => self.step_found(-1),
            _ => {}
        }
    }

    fn set_transcript_query(&mut self, query: String) {
        self.transcript.terms = query_terms(&query);
        self.transcript.query = query;
        let found = self.found();
        let anchor = self.transcript.find_anchor;
        self.transcript.current = found.iter().position(|&l| l >= anchor).unwrap_or(0);
        if let Some(&line) = found.get(self.transcript.current) {
            self.transcript.scroll = line.saturating_sub(CONTEXT_ABOVE);
        }
    }

    /// `n` / `N` in the tab: the next or previous found word, wrapping; with nothing found, the search results.
    pub(crate) fn step_found(&mut self, delta: isize) {
        if self.transcript.terms.is_empty() {
            self.step_match(delta);
            return;
        }
        let found = self.found();
        if found.is_empty() {
            self.found_status();
            return;
        }
        let len = found.len().cast_signed();
        self.transcript.current = (self.transcript.current.cast_signed() + delta).rem_euclid(len).cast_unsigned();
        self.transcript.scroll = found[self.transcript.current].saturating_sub(CONTEXT_ABOVE);
        self.found_status();
    }

    fn found_status(&mut self) {
        if self.transcript.terms.is_empty() {
            return;
        }
        let count = self.found().len();
        let words = crate::sanitize::clean_line(&self.transcript.query).into_owned();
        self.status = Some(match count {
            0 => format!("No “{words}” in this transcript."),
            n => format!("“{words}”: {} of {n} in this transcript · n/N: next/previous", self.transcript.current + 1),
        });
    }

    /// Esc in the tab: forget the found words first, then leave as from any tab.
    pub(crate) fn transcript_back(&mut self) -> bool {
        if self.transcript.terms.is_empty() {
            return false;
        }
        self.transcript.terms.clear();
        self.transcript.query.clear();
        true
    }
}
