//! The two prompts: the episode filter (`f`) and search as you type (`/`), and stepping through results.

use crate::tui::action::Action;
use crate::tui::app::{App, FIRST_HITS, Mode};
use crate::tui::effect::Effect;

use super::nav::step;

impl App {
    pub(crate) fn filter_key(&mut self, action: Action) {
        match action {
            Action::Insert(c) => {
                let mut f = self.filter.clone();
                f.push(c);
                self.set_filter(f);
            }
            Action::Backspace => {
                let mut f = self.filter.clone();
                f.pop();
                self.set_filter(f);
            }
            Action::Enter => self.mode = Mode::Normal,
            Action::Back => {
                self.set_filter(String::new());
                self.mode = Mode::Normal;
            }
            Action::MoveDown => self.move_by(crate::tui::app::Pane::Episodes, 1),
            Action::MoveUp => self.move_by(crate::tui::app::Pane::Episodes, -1),
            _ => {}
        }
    }

    /// Show only episodes whose number, title or hosts contain `filter` (any case), keeping the selection.
    pub(crate) fn set_filter(&mut self, filter: String) {
        let current = self.episode_index();
        let needle = filter.to_lowercase();
        self.visible = self
            .library
            .episodes
            .iter()
            .enumerate()
            .filter(|(_, e)| needle.is_empty() || matches_filter(e, &needle))
            .map(|(i, _)| i)
            .collect();
        self.filter = filter;
        let pos = current.and_then(|c| self.visible.iter().position(|&i| i == c));
        if pos != Some(self.sel.episode) || current != self.episode_index() {
            self.sel.episode = pos.unwrap_or(0);
            if self.episode_index() != current {
                self.episode_changed();
            }
        }
    }

    pub(crate) fn search_key(&mut self, action: Action) -> Option<Effect> {
        let page = self.page(crate::tui::app::Pane::Episodes) / 2;
        match action {
            Action::Insert(c) => {
                self.query.push(c);
                self.run_query();
            }
            Action::Backspace => {
                self.query.pop();
                self.run_query();
            }
            Action::MoveDown => self.move_hit(1),
            Action::MoveUp => self.move_hit(-1),
            Action::PageDown => self.move_hit(page),
            Action::PageUp => self.move_hit(-page),
            Action::Enter => {
                if self.hits.is_empty() {
                    self.status = Some("Nothing to open: no segment matches.".into());
                } else {
                    self.mode = Mode::Normal;
                    self.all_hits();
                    self.open_hit();
                }
            }
            Action::Back => self.mode = Mode::Normal,
            Action::OpenLink => return self.link_effect(Effect::OpenUrl),
            Action::CopyLink => return self.link_effect(Effect::Copy),
            _ => {}
        }
        None
    }

    /// Re-run the search for the prompt's text: every keystroke. Only the first results are built here;
    /// the rest wait until the selection gets near them, so typing stays fast on a large archive.
    pub fn run_query(&mut self) {
        // Two lines per result under a border, a prompt and the status line.
        let screenful = (usize::from(self.size.1).saturating_sub(4) / 2 + 1).max(FIRST_HITS);
        self.hits = self.index.query(&self.library, &self.query, Some(screenful));
        self.hits_complete = self.hits.len() < screenful;
        self.sel.hit = 0;
    }

    /// Build every result (for `n`/`N`, and when scrolling past the first ones).
    pub(crate) fn all_hits(&mut self) {
        if !self.hits_complete {
            self.hits = self.index.query(&self.library, &self.query, None);
            self.hits_complete = true;
        }
    }

    pub(crate) fn move_hit(&mut self, delta: isize) {
        if self.sel.hit.saturating_add_signed(delta) + 1 >= self.hits.len() {
            self.all_hits();
        }
        self.sel.hit = step(self.sel.hit, delta, self.hits.len());
    }

    /// Show the selected result's segment in its episode.
    fn open_hit(&mut self) {
        let Some(hit) = self.hits.get(self.sel.hit) else { return };
        let (episode, segment) = (hit.episode_index, hit.segment_index);
        self.show_episode(episode);
        self.open_segment(segment);
        let n = self.hits.len();
        self.status = Some(format!("Result {} of {n} for “{}” · n/N for the others", self.sel.hit + 1, self.query));
    }

    /// `n` / `N`: open the next or previous result, wrapping.
    pub(crate) fn step_hit(&mut self, delta: isize) {
        self.all_hits();
        let len = self.hits.len();
        if len == 0 {
            self.status = Some("No search results: press / to search.".into());
            return;
        }
        self.sel.hit = (self.sel.hit.cast_signed() + delta).rem_euclid(len.cast_signed()).cast_unsigned();
        self.open_hit();
    }
}

fn matches_filter(e: &crate::model::Episode, needle: &str) -> bool {
    e.number.is_some_and(|n| n.to_string().contains(needle))
        || e.display_title().to_lowercase().contains(needle)
        || e.hosts.iter().any(|h| h.name.to_lowercase().contains(needle))
}
