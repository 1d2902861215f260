//! Switching the episode list between every open show and each one (`S`), when several shows are open.

use crate::library::Library;
use crate::tui::app::App;

/// The distinct show names of a library's episodes, in order of first appearance; empty when there are fewer
/// than two (one show needs no switch).
pub fn shows_of(library: &Library) -> Vec<String> {
    let mut shows: Vec<String> = Vec::new();
    for name in library.episodes.iter().filter_map(|e| e.show.as_deref()) {
        if !shows.iter().any(|s| s == name) {
            shows.push(name.to_owned());
        }
    }
    if shows.len() < 2 { Vec::new() } else { shows }
}

impl App {
    /// Every show → the first show → … → the last → every show again, keeping the selected episode when it
    /// is still listed.
    pub(crate) fn cycle_show(&mut self) {
        if self.nav.shows.is_empty() {
            self.status = Some("Only one show is open: `--library` more folders, or subscribe to more feeds.".into());
            return;
        }
        let next = match &self.nav.show {
            None => 0,
            Some(current) => self.nav.shows.iter().position(|s| s == current).map_or(0, |i| i + 1),
        };
        self.nav.show = self.nav.shows.get(next).cloned();
        self.rebuild_visible();
        let shown = self
            .nav
            .show
            .as_deref()
            .map_or_else(|| "every show".to_owned(), |s| crate::sanitize::clean_line(s).into_owned());
        self.status = Some(format!("Showing {shown} (S for the next show)."));
    }
}
