//! The episode's segments: number, host and title; the selected one is the text shown below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Focus, draw_items, pane_block, truncate};
use unicode_width::UnicodeWidthStr;

use crate::sanitize::clean_line;
use crate::transcript::{short_time, whole_seconds};
use crate::tui::app::{App, Pane};

pub fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    let Some(e) = app.episode() else { return Vec::new() };
    let index = app.episode_index().unwrap_or_default();
    e.segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // Once the transcript is joined, each segment's approximate start closes its row: `~12:34`.
            let start = app.transcript.segment_start(index, i).map(whole_seconds).or(s.start);
            let time = start.map(|t| format!(" ~{} ", short_time(t))).unwrap_or_default();
            let number = s.ordinal.unwrap_or(u32::try_from(i + 1).unwrap_or(u32::MAX));
            let host: String = s.host.as_deref().and_then(|h| h.split_whitespace().next()).unwrap_or("").to_owned();
            let host = truncate(&clean_line(&host), 8);
            let chosen = s.host.is_some() && s.host == app.highlight_host;
            let title_style = if chosen { app.theme.host_highlight } else { Style::new() };
            let title = truncate(&clean_line(&s.title), width.saturating_sub(13 + time.width()));
            let pad = width.saturating_sub(12 + title.width() + time.width());
            let mut spans = vec![
                Span::styled(format!("{number:>2} "), app.theme.dim),
                Span::styled(format!("{host:<8} "), if chosen { app.theme.host_highlight } else { app.theme.initials }),
                Span::styled(title, title_style),
            ];
            if !time.is_empty() {
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(time, app.theme.dim));
            }
            vec![Line::from(spans)]
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let focus = Focus::of(app, Pane::Segments);
    let count = app.episode().map_or(0, |e| e.segments.len());
    let block = pane_block(format!(" Segments ({count}) "), focus, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = items(app, usize::from(inner.width));
    if rows.is_empty() {
        Line::styled(" This episode has no segments.", app.theme.dim).render(inner, buf);
        return;
    }
    let style = if focus == Focus::Focused { app.theme.selected } else { app.theme.selected_unfocused };
    draw_items(&rows, Some(app.sel.segment), style, inner, buf);
}
