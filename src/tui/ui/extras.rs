//! The extras, grouped by host, each item wrapped to the pane width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::body::detail_block;
use super::{Focus, draw_items};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};
use crate::tui::markdown::{self, RenderOptions};

/// Each extras item (flattened across hosts) as lines; a host's name heads their first item.
pub fn items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let Some(e) = app.episode() else { return Vec::new() };
    let mut out = Vec::new();
    for group in &e.extras {
        for (i, item) in group.items.iter().enumerate() {
            let mut lines = Vec::new();
            if i == 0 {
                if !out.is_empty() {
                    lines.push(Line::default());
                }
                let who = group.host.as_deref().map_or_else(|| "Extras".to_owned(), |h| clean_line(h).into_owned());
                lines.push(Line::styled(format!("{who}:"), app.theme.heading));
            }
            // Most eras write each item as a bullet already; give the others one so all items look alike.
            if is_list_item(item) {
                lines.extend(markdown::render(item, width, &app.theme, RenderOptions::default()).lines);
            } else {
                let md = markdown::render(item, width.saturating_sub(2), &app.theme, RenderOptions::default());
                for (j, mut line) in md.lines.into_iter().enumerate() {
                    line.spans.insert(0, Span::styled(if j == 0 { "• " } else { "  " }, app.theme.bullet));
                    lines.push(line);
                }
            }
            out.push(lines);
        }
    }
    out
}

fn is_list_item(markdown: &str) -> bool {
    let t = markdown.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    t.starts_with(['-', '*', '+']) || (digits > 0 && t[digits..].starts_with(['.', ')']))
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let block = detail_block(app, Pane::Extras);
    let inner = super::body::detail_inner(area);
    block.render(area, buf);
    let rows = items(app, inner.width);
    if rows.is_empty() {
        Line::styled(" No extras in this episode.", app.theme.dim).render(inner, buf);
        return;
    }
    let focus = Focus::of(app, Pane::Extras);
    let selected = (focus == Focus::Focused).then_some(app.sel.extra);
    draw_items(&rows, selected, app.theme.selected, inner, buf);
}
