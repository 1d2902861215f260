//! The episode list: number, the show (when several are listed), title (or first segment titles), hosts'
//! initials, a read marker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{Focus, draw_items, pane_block, truncate};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane, initials};
use crate::tui::nav_state::ListView;

/// One line per visible episode, `width` cells wide.
pub fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    items_in(app, width, 0..app.visible.len())
}

/// The rows of `range` of the list only: a frame builds what fits, not all 300 episodes.
fn items_in(app: &App, width: usize, range: std::ops::Range<usize>) -> Vec<Vec<Line<'static>>> {
    // Every show listed at once: each row names its show, in a column as wide as the longest name (at most 14).
    let show_w = if app.nav.show.is_none() {
        app.nav.shows.iter().map(|s| clean_line(s).width()).max().unwrap_or(0).min(SHOW_WIDTH)
    } else {
        0
    };
    app.visible
        .get(range)
        .unwrap_or_default()
        .iter()
        .filter_map(|&i| app.library.episodes.get(i))
        .map(|e| {
            let read = app.is_read(e);
            let starred = e.number.is_some_and(|n| app.store.is_starred(n));
            let marker = if starred {
                "★"
            } else if read {
                "✓"
            } else {
                " "
            };
            let number = e.number.map_or_else(|| "   ?".to_owned(), |n| format!("{n:>4}"));
            let hosts: Vec<String> = e.hosts.iter().map(|h| initials(&h.name)).collect();
            let hosts = clean_line(&hosts.join(" ")).into_owned();
            let show = if show_w == 0 {
                String::new()
            } else {
                let name = truncate(&clean_line(e.show.as_deref().unwrap_or_default()), show_w);
                format!("{name}{} ", " ".repeat(show_w.saturating_sub(name.width())))
            };
            let title_w = width.saturating_sub(6 + show.width() + hosts.width() + usize::from(!hosts.is_empty()));
            let shown = e.display_title();
            let shown = if shown.trim().is_empty() { e.file.clone() } else { shown };
            let title = truncate(&clean_line(&shown), title_w);
            let pad = title_w.saturating_sub(title.width());
            let title_style = if read { app.theme.read } else { ratatui::style::Style::new() };
            vec![Line::from(vec![
                Span::styled(marker, app.theme.read),
                Span::styled(number, app.theme.dim),
                Span::raw(" "),
                Span::styled(show, app.theme.dim),
                Span::styled(title, title_style),
                Span::raw(" ".repeat(pad + 1)),
                Span::styled(hosts, app.theme.initials),
            ])]
        })
        .collect()
}

/// The widest the show column of the list grows, in cells.
const SHOW_WIDTH: usize = 14;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let total = app.library.episodes.len();
    let title = list_title(app, total);
    let focus = Focus::of(app, Pane::Episodes);
    let block = pane_block(title, focus, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let first = super::layout::offset(app.sel.episode, 1, usize::from(inner.height));
    let rows = items_in(app, usize::from(inner.width), first..app.visible.len().min(first + usize::from(inner.height)));
    if rows.is_empty() {
        let msg = if total == 0 { "No episodes in this library." } else { "No episode matches the filter." };
        Line::styled(msg, app.theme.dim).render(inner, buf);
        return;
    }
    let style = if focus == Focus::Focused { app.theme.selected } else { app.theme.selected_unfocused };
    draw_items(&rows, app.sel.episode.checked_sub(first), style, inner, buf);
}

/// `Episodes (300)`, or how many of them show and why: the filter, the view, the host.
fn list_title(app: &App, total: usize) -> String {
    let mut why: Vec<String> = Vec::new();
    if !app.filter.is_empty() {
        why.push(clean_line(&app.filter).into_owned());
    }
    if app.nav.view != ListView::All {
        why.push(app.nav.view.name().to_owned());
    }
    if let Some(show) = &app.nav.show {
        why.push(clean_line(show).into_owned());
    }
    if let Some((host, _)) = &app.nav.host {
        why.push(clean_line(host).into_owned());
    }
    if why.is_empty() {
        return format!(" Episodes ({total}) ");
    }
    format!(" Episodes {}/{total} · {} ", app.visible.len(), why.join(" · "))
}
