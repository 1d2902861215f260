//! Where each pane sits for a terminal size: one pure function shared by drawing and mouse hit-testing.

use ratatui::layout::Rect;

/// Below this the layout cannot show its panes; a one-line message is drawn instead.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// The rectangles of one frame (panes include their borders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub episodes: Rect,
    /// Everything right of the episode list (used by search results and the hosts view).
    pub right: Rect,
    pub header: Rect,
    pub hosts: Rect,
    pub segments: Rect,
    /// The tabbed pane: segment text, links, extras or jokes.
    pub detail: Rect,
    pub status: Rect,
}

/// The layout for `area`, or `None` when it is too small.
pub fn layout(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let main_h = area.height - 1;
    let status = Rect::new(area.x, area.y + main_h, area.width, 1);
    let list_w = (area.width * 32 / 100).clamp(22, 48);
    let episodes = Rect::new(area.x, area.y, list_w, main_h);
    let right = Rect::new(area.x + list_w, area.y, area.width - list_w, main_h);
    let header = Rect::new(right.x, right.y, right.width, 2);
    let strip_h = ((main_h - 2) / 3).clamp(4, 10);
    let hosts_w = (right.width / 3).clamp(16, 30);
    let hosts = Rect::new(right.x, right.y + 2, hosts_w, strip_h);
    let segments = Rect::new(right.x + hosts_w, right.y + 2, right.width - hosts_w, strip_h);
    let detail_y = right.y + 2 + strip_h;
    let detail = Rect::new(right.x, detail_y, right.width, main_h - 2 - strip_h);
    Some(Areas { episodes, right, header, hosts, segments, detail, status })
}

/// The same frame with the detail pane over everything but the status line (the zoom key).
pub fn zoomed(a: Areas) -> Areas {
    let full = Rect::new(a.episodes.x, a.episodes.y, a.episodes.width + a.right.width, a.episodes.height);
    let none = Rect::new(full.x, full.y, 0, 0);
    Areas { episodes: none, right: full, header: none, hosts: none, segments: none, detail: full, status: a.status }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(r.x.saturating_add(1), r.y.saturating_add(1), r.width.saturating_sub(2), r.height.saturating_sub(2))
}

/// The first row to show so that rows `[start, start+len)` of a list are visible in `height` rows.
pub fn offset(start: usize, len: usize, height: usize) -> usize {
    let end = start + len;
    if end <= height { 0 } else { (end - height).min(start) }
}
