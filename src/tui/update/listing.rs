//! The episode list: which episodes show (filter text, unread/starred view, one host's episodes), in which
//! order; star and read marks; and where reading resumes next time.

use std::cmp::Reverse;

use crate::model::Episode;
use crate::state::{Change, Resume};
use crate::tui::app::{App, Pane};
use crate::tui::nav_state::{ListView, SortOrder};

impl App {
    /// Recompute `visible` from the filter, the view, the host and the sort order, keeping the selected episode
    /// selected when it still shows.
    pub(crate) fn rebuild_visible(&mut self) {
        let current = self.episode_index();
        let needle = self.filter.to_lowercase();
        let host = self.nav.host.as_ref().map(|(_, episodes)| episodes);
        let mut visible: Vec<usize> = self
            .library
            .episodes
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                (needle.is_empty() || matches_filter(e, &needle))
                    && host.is_none_or(|h| h.contains(i))
                    && self.nav.show.as_ref().is_none_or(|s| e.show.as_ref() == Some(s))
                    && match self.nav.view {
                        ListView::All => true,
                        ListView::Unread => !self.is_read(e),
                        ListView::Starred => e.number.is_some_and(|n| self.store.is_starred(n)),
                    }
            })
            .map(|(i, _)| i)
            .collect();
        let episodes = &self.library.episodes;
        let date_number = |i: &usize| (episodes[*i].date.clone(), episodes[*i].number);
        match self.nav.sort {
            SortOrder::Newest => visible.sort_by_key(|i| Reverse(date_number(i))),
            SortOrder::Oldest => visible.sort_by_key(date_number),
            SortOrder::Number => visible.sort_by_key(|i| (episodes[*i].number.is_none(), episodes[*i].number)),
        }
        self.visible = visible;
        let pos = current.and_then(|c| self.visible.iter().position(|&i| i == c));
        if pos != Some(self.sel.episode) || current != self.episode_index() {
            self.sel.episode = pos.unwrap_or(0);
            if self.episode_index() != current {
                self.episode_changed();
            }
        }
    }

    /// Sort the episode list, keeping the selected episode selected.
    pub fn set_sort(&mut self, sort: SortOrder) {
        self.nav.sort = sort;
        self.rebuild_visible();
    }

    pub(crate) fn cycle_sort(&mut self) {
        self.nav.sort = self.nav.sort.next();
        self.rebuild_visible();
        self.status = Some(format!("Episodes sorted by {}.", self.nav.sort.name()));
    }

    pub(crate) fn cycle_view(&mut self) {
        self.nav.view = self.nav.view.next();
        self.rebuild_visible();
        let shown = match self.nav.view {
            ListView::All => "every episode",
            ListView::Unread => "unread episodes only",
            ListView::Starred => "starred episodes only",
        };
        self.status = Some(format!("Showing {shown} (v for the next view)."));
    }

    /// Show exactly the episodes of one host (from the all-hosts view).
    pub(crate) fn show_host_episodes(&mut self, name: String, episodes: Vec<usize>) {
        self.filter.clear();
        self.nav.host = Some((name, episodes));
        self.rebuild_visible();
    }

    pub(crate) fn toggle_star(&mut self) {
        let Some(n) = self.episode().and_then(|e| e.number) else {
            self.status = Some("Only numbered episodes can be starred.".into());
            return;
        };
        let star = !self.store.is_starred(n);
        let change = if star { Change::Star(n) } else { Change::Unstar(n) };
        self.save_change(
            change,
            if star { format!("Starred episode {n}.") } else { format!("Unstarred episode {n}.") },
        );
    }

    pub(crate) fn toggle_read(&mut self) {
        let Some(n) = self.episode().and_then(|e| e.number) else {
            self.status = Some("Only numbered episodes keep a read mark.".into());
            return;
        };
        let read = !self.store.is_read(n);
        let change = if read { Change::Read(n) } else { Change::Unread(n) };
        self.save_change(change, format!("Episode {n} marked {}.", if read { "read" } else { "unread" }));
    }

    /// Record and save one change, saying how it went; the list may lose the episode (unread/starred views)
    /// only when it is rebuilt, so the selection does not jump under the user.
    fn save_change(&mut self, change: Change, done: String) {
        self.status = Some(match self.store.change(change) {
            Ok(()) => done,
            Err(e) => e.to_string(),
        });
        if let Some(w) = self.store.take_warnings().into_iter().next() {
            self.status = Some(w);
        }
    }

    /// Where reading is now, for the next start.
    pub fn place_to_resume(&self) -> Option<Resume> {
        let e = self.episode()?;
        Some(Resume {
            file: e.file.clone(),
            segment: self.sel.segment,
            tab: pane_name(self.detail).to_owned(),
            scroll: self.sel.body_scroll,
            sort: self.nav.sort.name().to_owned(),
            pane: pane_name(self.focus).to_owned(),
        })
    }

    /// Save where reading is (on quit, on suspend, after the loop ends); problems go to the status line.
    pub fn save_place(&mut self) {
        let Some(resume) = self.place_to_resume() else { return };
        if self.store.state().resume.as_ref() == Some(&resume) {
            return;
        }
        if let Err(e) = self.store.change(Change::Resume(resume)) {
            self.status = Some(e.to_string());
        }
    }

    /// Open where the last session stopped (state.json's `resume`), if that episode is still in the library.
    pub(crate) fn resume(&mut self) {
        let Some(r) = self.store.state().resume.clone() else { return };
        if let Some(sort) = SortOrder::from_name(&r.sort) {
            self.nav.sort = sort;
            self.rebuild_visible();
        }
        let Some(index) = self.library.episodes.iter().position(|e| e.file == r.file) else { return };
        let Some(pos) = self.visible.iter().position(|&i| i == index) else { return };
        self.sel.episode = pos;
        self.episode_changed();
        let segments = self.episode().map_or(0, |e| e.segments.len());
        if r.segment < segments {
            self.sel.segment = r.segment;
            self.sel.body_scroll = r.scroll;
        }
        self.detail = pane_named(&r.tab).filter(|p| p.is_detail()).unwrap_or(Pane::Body);
        self.focus = pane_named(&r.pane).unwrap_or(self.detail);
        if self.focus.is_detail() {
            self.focus = self.detail;
        }
    }
}

/// A pane's name in state.json.
fn pane_name(pane: Pane) -> &'static str {
    match pane {
        Pane::Episodes => "episodes",
        Pane::Hosts => "hosts",
        Pane::Segments => "segments",
        Pane::Overview => "overview",
        Pane::Body => "body",
        Pane::Links => "links",
        Pane::Extras => "extras",
        Pane::Jokes => "jokes",
        Pane::Transcript => "transcript",
    }
}

fn pane_named(name: &str) -> Option<Pane> {
    Pane::ALL.into_iter().find(|p| pane_name(*p) == name)
}

/// Whether an episode's number, title, hosts, file name or date contain `needle` (already lower-case).
pub(crate) fn matches_filter(e: &Episode, needle: &str) -> bool {
    e.number.is_some_and(|n| n.to_string().contains(needle))
        || e.display_title().to_lowercase().contains(needle)
        || e.hosts.iter().any(|h| h.name.to_lowercase().contains(needle))
        || e.file.to_lowercase().contains(needle)
        || e.date.as_deref().is_some_and(|d| d.contains(needle))
}
