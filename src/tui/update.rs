//! `App::update`: the only place the reader's state changes. Takes an [`Action`], may return an [`Effect`].

mod find;
mod history;
mod linknav;
mod links;
pub(crate) mod listing;
mod mouse;
mod nav;
mod prompt;
pub(crate) mod shows;
mod transcript;

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::effect::Effect;

impl App {
    /// Apply one action; the returned effect is for the loop to carry out.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if let Action::Resize { width, height } = action {
            self.resize(width, height);
            return None;
        }
        let effect = self.apply(action);
        // Whatever moved, the Transcript tab asks for the shown episode and follows the selected segment.
        self.sync_transcript();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::TranscriptLoaded(reply) => {
                self.transcript_loaded(reply);
                return None;
            }
            Action::FirstFrame => return None,
            Action::Report(msg) => {
                self.status = Some(msg);
                return None;
            }
            Action::Quit => {
                self.quit = true;
                self.save_place();
                return None;
            }
            Action::Answered(answer) => {
                self.answered(answer);
                return None;
            }
            Action::Suspend => {
                self.suspend = true;
                self.save_place();
                return None;
            }
            Action::Unbound(key) if self.mode != Mode::Search => {
                self.unbound(&key);
                return None;
            }
            Action::Click { column, row } => {
                self.status = None;
                self.click(column, row);
                return None;
            }
            Action::Scroll { column, row, lines } => {
                self.scroll_at(column, row, lines);
                return None;
            }
            _ => self.status = None,
        }
        if !matches!(action, Action::SelectLink(_)) {
            self.link_entry = None;
        }
        match self.mode {
            Mode::Normal => self.normal(action),
            Mode::Filter => {
                self.filter_key(action);
                None
            }
            Mode::Search => self.search_key(action),
            Mode::Help => {
                self.help_key(action);
                None
            }
            Mode::Archive => {
                self.archive_key(action);
                None
            }
            Mode::TranscriptFind => {
                self.transcript_find_key(action);
                None
            }
        }
    }

    /// A key that does nothing where it was pressed: say so briefly, and where the keys are listed.
    fn unbound(&mut self, key: &str) {
        self.status = Some(format!("{key} does nothing here · ? help"));
    }

    /// Left/Right: the next or previous tab of the detail area; focus follows when it was on a tab.
    fn step_tab(&mut self, step: isize) {
        let tabs = crate::tui::ui::body::TABS;
        let at = tabs.iter().position(|p| *p == self.detail).unwrap_or(0);
        let next = (at.cast_signed() + step).rem_euclid(tabs.len().cast_signed()).cast_unsigned();
        self.detail = tabs[next];
        if self.focus.is_detail() {
            self.focus = self.detail;
        }
    }

    fn normal(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::MoveDown => self.move_by(self.focus, 1),
            Action::MoveUp => self.move_by(self.focus, -1),
            Action::PageDown => self.move_by(self.focus, self.page(self.focus)),
            Action::PageUp => self.move_by(self.focus, -self.page(self.focus)),
            Action::Top => self.move_by(self.focus, isize::MIN / 2),
            Action::Bottom => self.move_by(self.focus, isize::MAX / 2),
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::Enter => return self.enter(),
            Action::Back => self.back(),
            // In the Transcript tab a segment's number moves the tab to that segment's moment.
            Action::JumpSegment(n) if self.focus == Pane::Transcript => {
                let to = usize::from(n).saturating_sub(1);
                self.move_by(Pane::Segments, to.cast_signed() - self.sel.segment.cast_signed());
            }
            Action::JumpSegment(n) => self.jump_segment(usize::from(n)),
            Action::SelectLink(n) => self.link_digit(usize::from(n)),
            Action::NextEpisode => self.step_episode(1),
            Action::PrevEpisode => self.step_episode(-1),
            Action::OpenLink => return self.link_effect(Effect::OpenUrl),
            Action::CopyLink => return self.link_effect(Effect::Copy),
            Action::Search => self.open_search(),
            Action::Filter => self.open_filter(),
            Action::NextHit => self.step_match(1),
            Action::PrevHit => self.step_match(-1),
            Action::Help => {
                self.mode = Mode::Help;
                self.sel.help_scroll = 0;
            }
            Action::ArchiveHosts => self.mode = Mode::Archive,
            Action::Zoom => self.toggle_zoom(),
            Action::NextLink => self.step_link(1),
            Action::PrevLink => self.step_link(-1),
            Action::NextTab => self.step_tab(1),
            Action::PrevTab => self.step_tab(-1),
            Action::ToggleStar => self.toggle_star(),
            Action::ToggleRead => self.toggle_read(),
            Action::CycleSort => self.cycle_sort(),
            Action::CycleView => self.cycle_view(),
            Action::CycleShow => self.cycle_show(),
            Action::HistoryBack => self.history(-1),
            Action::HistoryForward => self.history(1),
            Action::FindInTranscript => self.open_transcript_find(),
            Action::NextFound => self.step_found(1),
            Action::PrevFound => self.step_found(-1),
            _ => {}
        }
        None
    }

    fn enter(&mut self) -> Option<Effect> {
        match self.focus {
            Pane::Episodes => {
                if self.episode().is_some_and(|e| !e.segments.is_empty()) {
                    self.focus = Pane::Segments;
                }
            }
            Pane::Hosts => {
                let name = self.episode().and_then(|e| e.hosts.get(self.sel.host)).map(|h| h.name.clone());
                self.highlight_host = if self.highlight_host == name { None } else { name };
            }
            Pane::Segments => self.open_segment(self.sel.segment),
            Pane::Body | Pane::Overview if self.sel.body_link.is_some() => return self.link_effect(Effect::OpenUrl),
            Pane::Body | Pane::Overview => {
                self.status =
                    Some("Type a link's number (or . to step to the next link), then Enter or o to open it.".into());
            }
            Pane::Links | Pane::Extras | Pane::Jokes => return self.link_effect(Effect::OpenUrl),
            Pane::Transcript => {
                self.status = Some("/ finds words in the transcript · 1-9: a segment's moment · Esc: back".into());
            }
        }
        None
    }

    fn back(&mut self) {
        if self.focus == Pane::Transcript && self.transcript_back() {
            return;
        }
        if self.highlight_host.is_some() && matches!(self.focus, Pane::Hosts | Pane::Segments) {
            self.highlight_host = None;
            return;
        }
        // Esc in a result's text returns to the result list, query and selection kept.
        if self.focus.is_detail() && self.sel.body_link.is_none() && !self.nav.terms.is_empty() {
            let query = self.query.clone();
            self.remember();
            self.reopen_results(&query, self.sel.hit);
            return;
        }
        match self.focus {
            Pane::Episodes => {
                if self.nav.host.take().is_some() {
                    self.rebuild_visible();
                } else if !self.filter.is_empty() {
                    self.set_filter(String::new());
                }
            }
            Pane::Hosts | Pane::Segments => self.focus = Pane::Episodes,
            Pane::Body | Pane::Links | Pane::Extras | Pane::Jokes | Pane::Overview | Pane::Transcript => {
                if self.sel.body_link.is_some() {
                    self.sel.body_link = None;
                } else {
                    self.focus = Pane::Segments;
                }
            }
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let all = Pane::ALL;
        let at = all.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = (at.cast_signed() + step).rem_euclid(all.len().cast_signed()).cast_unsigned();
        self.focus = all[next];
        if self.focus.is_detail() {
            self.detail = self.focus;
        }
    }

    /// Show segment `index` of the current episode in the text pane (a place the history returns to), and
    /// remember the episode as read.
    pub(crate) fn open_segment(&mut self, index: usize) {
        let exists = self.episode().is_some_and(|e| index < e.segments.len());
        if exists && (self.sel.segment != index || self.focus != Pane::Body) {
            self.remember();
        }
        self.show_segment(index);
    }

    /// [`App::open_segment`] without a history entry (a search result records its own).
    pub(crate) fn show_segment(&mut self, index: usize) {
        let Some(count) = self.episode().map(|e| e.segments.len()) else { return };
        if index >= count {
            self.status = Some(format!("This episode has {count} segments."));
            return;
        }
        if self.sel.segment != index {
            self.sel.body_scroll = 0;
            self.sel.body_link = None;
        }
        self.nav.terms.clear();
        self.sel.segment = index;
        self.focus = Pane::Body;
        self.detail = Pane::Body;
        self.mark_read();
    }

    fn jump_segment(&mut self, n: usize) {
        self.open_segment(n.saturating_sub(1));
    }

    fn mark_read(&mut self) {
        let Some(n) = self.episode().and_then(|e| e.number) else { return };
        if self.store.is_read(n) {
            return;
        }
        if let Err(e) = self.store.set_read(n, true) {
            self.status = Some(format!("{e}; reading state is kept until you quit"));
        }
        // A save that had to set a damaged state file aside says so, rather than losing it silently.
        if let Some(w) = self.store.take_warnings().into_iter().next() {
            self.status = Some(w);
        }
    }

    fn help_key(&mut self, action: Action) {
        let len = crate::tui::ui::help::lines(self).len();
        let page = self.page_rows(crate::tui::ui::help::area(self.screen()).height.saturating_sub(2));
        let s = &mut self.sel.help_scroll;
        match action {
            Action::MoveDown => *s = s.saturating_add(1).min(len),
            Action::MoveUp => *s = s.saturating_sub(1),
            Action::PageDown => *s = s.saturating_add(page).min(len),
            Action::PageUp => *s = s.saturating_sub(page),
            Action::Top => *s = 0,
            Action::Bottom => *s = len,
            Action::Back | Action::Help => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn archive_key(&mut self, action: Action) {
        let len = self.archive_hosts.len();
        let page = self.page_rows(self.size.1.saturating_sub(3)).cast_signed();
        let step = |sel: &mut usize, d: isize| *sel = nav::step(*sel, d, len);
        match action {
            Action::MoveDown => step(&mut self.sel.archive, 1),
            Action::MoveUp => step(&mut self.sel.archive, -1),
            Action::PageDown => step(&mut self.sel.archive, page),
            Action::PageUp => step(&mut self.sel.archive, -page),
            Action::Top => self.sel.archive = 0,
            Action::Bottom => self.sel.archive = len.saturating_sub(1),
            Action::Back | Action::ArchiveHosts => self.mode = Mode::Normal,
            Action::Enter => {
                if let Some(h) = self.archive_hosts.get(self.sel.archive) {
                    let (name, episodes) = (h.name.clone(), h.episode_indices.clone());
                    self.mode = Mode::Normal;
                    self.focus = Pane::Episodes;
                    self.show_host_episodes(name.clone(), episodes);
                    self.highlight_host = Some(name);
                }
            }
            _ => {}
        }
    }
}
