//! Links by number and by step: multi-digit entry, `.`/`,` from link to link, a click on a link, and zoom.

use ratatui::layout::Rect;

use crate::sanitize::clean_line;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::ui::{self, layout};

impl App {
    /// Whether the text has the whole screen now.
    pub fn zoomed(&self) -> bool {
        self.zoom && self.mode == Mode::Normal
    }

    /// Where every pane sits in `area`, with the zoom applied.
    pub fn areas(&self, area: Rect) -> Option<layout::Areas> {
        let a = layout::layout(area)?;
        Some(if self.zoomed() { layout::zoomed(a) } else { a })
    }

    pub(crate) fn toggle_zoom(&mut self) {
        self.zoom = !self.zoom;
        if self.zoom && !self.focus.is_detail() {
            self.focus = self.detail;
        }
        self.clamp();
    }

    /// One digit of a link number: `1` `2` selects link 12 when there is one, else link 2.
    pub(crate) fn link_digit(&mut self, digit: usize) {
        let total = self.episode_links().links.len();
        let longer = self.link_entry.map(|n| n * 10 + digit).filter(|n| *n <= total);
        let n = longer.unwrap_or(digit);
        self.link_entry = Some(n);
        if total == 0 {
            self.status = Some("This episode has no links.".into());
        } else if n == 0 || n > total {
            self.status = Some(format!("Links are numbered 1–{total}."));
        } else {
            self.pick_link(n);
        }
    }

    /// Select link `n` of the episode: a row in the Links tab, else the link drawn in the text.
    pub(crate) fn pick_link(&mut self, n: usize) {
        let links = self.episode_links();
        let Some(link) = links.get(n) else { return };
        if self.focus == Pane::Links {
            self.sel.link = n - 1;
        } else {
            self.sel.body_link = Some(n);
            self.scroll_to_link(n);
        }
        self.status = Some(format!("Link [{n}]: {} — o opens it, y copies it", clean_line(&link.url)));
    }

    fn text_lines(&self, pane: Pane) -> Option<std::rc::Rc<crate::tui::markdown::Rendered>> {
        let width = ui::body::text_area(self, self.pane_area(pane)).width;
        match pane {
            Pane::Body => Some(ui::body::rendered(self, width)),
            Pane::Overview => Some(ui::overview::rendered(self, width)),
            _ => None,
        }
    }

    fn scroll_to_link(&mut self, n: usize) {
        let Some(line) = self.text_lines(self.focus).and_then(|t| t.line_of(n)) else { return };
        let height = usize::from(ui::body::text_area(self, self.pane_area(self.focus)).height);
        let scroll = if self.focus == Pane::Body { &mut self.sel.body_scroll } else { &mut self.overview_scroll };
        if line < *scroll || line >= *scroll + height {
            *scroll = line.saturating_sub(height / 3);
        }
        self.move_by(self.focus, 0);
    }

    /// Each link number the extras or jokes show, in order, with the index of the item that shows it.
    fn item_links(&self, pane: Pane) -> Vec<(usize, usize)> {
        let Some(e) = self.episode() else { return Vec::new() };
        let links = self.episode_links();
        let texts: Vec<(Option<&str>, &str)> = match pane {
            Pane::Extras => e.extras.iter().flat_map(|x| x.items.iter()).map(|t| (None, t.as_str())).collect(),
            Pane::Jokes => e.jokes.iter().map(|j| (j.url.as_deref(), j.body.as_str())).collect(),
            _ => return Vec::new(),
        };
        let mut out = Vec::new();
        for (item, (url, text)) in texts.into_iter().enumerate() {
            let found = crate::tui::markdown::collect_links(text, &links).into_iter().map(|(u, _)| u);
            for u in found.chain(url.map(str::to_owned)) {
                if let Some(n) = links.number(&u) {
                    out.push((n, item));
                }
            }
        }
        out
    }

    /// `.` / `,`: the next or previous link in the order the text (or the extras, or the jokes) shows them.
    pub(crate) fn step_link(&mut self, step: isize) {
        let items = self.item_links(self.focus);
        let spots: Vec<usize> = match self.text_lines(self.focus) {
            Some(text) => text.spots.iter().map(|s| s.number).collect(),
            None if matches!(self.focus, Pane::Extras | Pane::Jokes) => items.iter().map(|(n, _)| *n).collect(),
            None => {
                self.status = Some("Links are stepped through in the text: open a segment first.".into());
                return;
            }
        };
        let mut order: Vec<usize> = Vec::new();
        for n in spots {
            if !order.contains(&n) {
                order.push(n);
            }
        }
        if order.is_empty() {
            self.status = Some("This text has no links.".into());
            return;
        }
        let at = self.sel.body_link.and_then(|n| order.iter().position(|x| *x == n));
        let next = match at {
            Some(i) => i.saturating_add_signed(step).min(order.len() - 1),
            None if step > 0 => 0,
            None => order.len() - 1,
        };
        self.pick_link(order[next]);
        // In the extras and jokes the item holding the link is selected, so the list shows it.
        if let Some(&(_, item)) = items.iter().find(|(n, _)| *n == order[next]) {
            match self.focus {
                Pane::Extras => self.sel.extra = item,
                Pane::Jokes => self.sel.joke = item,
                _ => {}
            }
        }
    }

    /// A click in the text: select the link under the pointer.
    pub(crate) fn click_text(&mut self, pane: Pane, area: Rect, column: u16, row: u16) {
        let inner = ui::body::text_area(self, area);
        let Some(text) = self.text_lines(pane) else { return };
        if column < inner.x || row < inner.y {
            return;
        }
        let scroll = if pane == Pane::Body { self.sel.body_scroll } else { self.overview_scroll };
        let scroll = scroll.min(ui::body::max_scroll(text.lines.len(), usize::from(inner.height)));
        let line = scroll + usize::from(row - inner.y);
        if let Some(n) = text.link_at(line, column - inner.x) {
            self.pick_link(n);
        }
    }
}
