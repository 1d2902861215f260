//! Mouse: a click focuses the pane under it and selects the row; the wheel scrolls the pane under it.

use ratatui::layout::{Position, Rect};

use crate::tui::app::{App, Mode, Pane};
use crate::tui::ui::{self, layout};

impl App {
    /// The pane under a screen cell, and the row inside its border.
    fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let a = self.areas(self.screen())?;
        let p = Position::new(column, row);
        let detail = if self.detail.is_detail() { self.detail } else { Pane::Overview };
        [(Pane::Episodes, a.episodes), (Pane::Hosts, a.hosts), (Pane::Segments, a.segments), (detail, a.detail)]
            .into_iter()
            .find(|(_, r)| r.contains(p))
    }

    pub(crate) fn click(&mut self, column: u16, row: u16) {
        match self.mode {
            Mode::Help => {
                self.mode = Mode::Normal;
                return;
            }
            Mode::Search => return self.click_hit(column, row),
            Mode::Archive | Mode::Filter | Mode::TranscriptFind => self.mode = Mode::Normal,
            Mode::Normal => {}
        }
        let Some((mut pane, area)) = self.pane_at(column, row) else { return };
        if pane.is_detail()
            && row == area.y
            && let Some(tab) = ui::body::tab_at(self, column - area.x)
        {
            pane = tab;
        }
        self.focus = pane;
        if pane.is_detail() {
            self.detail = pane;
        }
        let inner = if pane.is_detail() { ui::body::detail_inner(area) } else { layout::inner(area) };
        if row < inner.y || row >= inner.bottom() {
            return;
        }
        let r = usize::from(row - inner.y);
        let h = usize::from(inner.height);
        let w = inner.width;
        let pick = |items: &[Vec<ratatui::text::Line<'_>>], sel: usize| ui::item_at(items, Some(sel), h, r);
        match pane {
            Pane::Episodes => {
                if let Some(i) = pick(&ui::episodes::items(self, usize::from(w)), self.sel.episode)
                    && i != self.sel.episode
                {
                    self.sel.episode = i;
                    self.episode_changed();
                }
            }
            Pane::Hosts => {
                if let Some(i) = pick(&ui::hosts::items(self, usize::from(w)), self.sel.host) {
                    self.sel.host = i;
                }
            }
            Pane::Segments => {
                if let Some(i) = pick(&ui::segments::items(self, usize::from(w)), self.sel.segment) {
                    self.open_segment(i);
                }
            }
            Pane::Links => {
                if let Some(i) = pick(&ui::links::items(self, usize::from(w)), self.sel.link) {
                    self.sel.link = i;
                }
            }
            Pane::Extras => {
                if let Some(i) = pick(&ui::extras::items(self, w), self.sel.extra) {
                    self.sel.extra = i;
                }
            }
            Pane::Jokes => {
                if let Some(i) = pick(&ui::jokes::items(self, w), self.sel.joke) {
                    self.sel.joke = i;
                }
            }
            Pane::Body | Pane::Overview => self.click_text(pane, area, column, row),
            Pane::Transcript => {}
        }
    }

    fn click_hit(&mut self, column: u16, row: u16) {
        let Some(a) = layout::layout(self.screen()) else { return };
        let list = layout::inner(a.right);
        let list = Rect { y: list.y + 1, height: list.height.saturating_sub(1), ..list };
        if !list.contains(Position::new(column, row)) {
            return;
        }
        let items = ui::search::items(self, usize::from(list.width));
        if let Some(i) = ui::item_at(&items, Some(self.sel.hit), usize::from(list.height), usize::from(row - list.y)) {
            self.sel.hit = i;
        }
    }

    pub(crate) fn scroll_at(&mut self, column: u16, row: u16, lines: i8) {
        if self.mode == Mode::Search {
            self.sel.hit = super::nav::step(self.sel.hit, isize::from(lines.signum()), self.hits.len());
            return;
        }
        if self.mode != Mode::Normal {
            return;
        }
        if let Some((pane, _)) = self.pane_at(column, row) {
            self.move_by(pane, isize::from(lines));
        }
    }
}
