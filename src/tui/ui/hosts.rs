//! The episode's hosts with how many segments each presented; the chosen host's segments are highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{Focus, draw_items, pane_block, truncate};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};

pub fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    let Some(e) = app.episode() else { return Vec::new() };
    e.host_segment_counts()
        .into_iter()
        .map(|(name, count)| {
            let chosen = app.highlight_host.as_deref() == Some(name);
            let count = count.to_string();
            let name = truncate(&clean_line(name), width.saturating_sub(count.width() + 3));
            let pad = width.saturating_sub(name.width() + count.width() + 2);
            let style = if chosen { app.theme.host_highlight } else { ratatui::style::Style::new() };
            vec![Line::from(vec![
                Span::styled(if chosen { "▶" } else { " " }, app.theme.host_highlight),
                Span::styled(name, style),
                Span::raw(" ".repeat(pad + 1)),
                Span::styled(count, app.theme.dim),
            ])]
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let focus = Focus::of(app, Pane::Hosts);
    let block = pane_block(" Hosts ", focus, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = items(app, usize::from(inner.width));
    if rows.is_empty() {
        Line::styled(" none named", app.theme.dim).render(inner, buf);
        return;
    }
    let style = if focus == Focus::Focused { app.theme.selected } else { app.theme.selected_unfocused };
    let selected = (focus == Focus::Focused).then_some(app.sel.host);
    draw_items(&rows, selected, style, inner, buf);
}
