//! Every host of the archive: segment count, how many episodes, and which.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Focus, draw_items, pane_block, truncate};
use crate::sanitize::clean_line;
use crate::tui::app::App;

pub fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    app.archive_hosts
        .iter()
        .map(|h| {
            let name = truncate(&clean_line(&h.name), 22);
            let plural = |n: usize, word: &str| format!("{n:>5} {word}{}", if n == 1 { " " } else { "s" });
            let head = format!("{name:<22}{}{}  ", plural(h.segments, "segment"), plural(h.episodes.len(), "episode"));
            let ranges = crate::cli::ranges(&h.episodes);
            let ranges = truncate(&ranges, width.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str())));
            vec![Line::from(vec![Span::raw(head), Span::styled(ranges, app.theme.dim)])]
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" All hosts ({}) · Enter shows their episodes ", app.archive_hosts.len());
    let block = pane_block(title, Focus::Focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = items(app, usize::from(inner.width));
    if rows.is_empty() {
        Line::styled("No segment of this library names a host.", app.theme.dim).render(inner, buf);
        return;
    }
    draw_items(&rows, Some(app.sel.archive), app.theme.selected, inner, buf);
}
