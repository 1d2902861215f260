//! The episode's jokes, each with its title, text and link.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::body::detail_block;
use super::{Focus, draw_items};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};
use crate::tui::markdown;

pub fn items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let Some(e) = app.episode() else { return Vec::new() };
    e.jokes
        .iter()
        .enumerate()
        .map(|(i, joke)| {
            let mut lines = Vec::new();
            if i > 0 {
                lines.push(Line::default());
            }
            if let Some(t) = &joke.title {
                lines.push(Line::styled(clean_line(t).into_owned(), app.theme.heading));
            }
            lines.extend(markdown::render_item(&joke.body, width, &app.theme));
            if let Some(url) = &joke.url {
                lines.push(Line::from(Span::styled(clean_line(url).into_owned(), app.theme.dim)));
            }
            lines
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let block = detail_block(app, Pane::Jokes);
    let inner = super::body::detail_inner(area);
    block.render(area, buf);
    let rows = items(app, inner.width);
    if rows.is_empty() {
        Line::styled(" No jokes in this episode.", app.theme.dim).render(inner, buf);
        return;
    }
    let focus = Focus::of(app, Pane::Jokes);
    let selected = (focus == Focus::Focused).then_some(app.sel.joke);
    draw_items(&rows, selected, app.theme.selected, inner, buf);
}
