//! The extras, grouped by host, each item wrapped to the pane width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::body::{ListTab, draw_list_tab};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};
use crate::tui::markdown;

/// Each extras item (flattened across hosts) as lines; a host's name heads their first item.
pub fn items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let Some(e) = app.episode() else { return Vec::new() };
    let mut out = Vec::new();
    let links = app.episode_links();
    let options = markdown::RenderOptions { selected_link: app.sel.body_link, links: Some(&links) };
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
            lines.extend(markdown::render_item(item, width, &app.theme, options).lines);
            out.push(lines);
        }
    }
    out
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let tab = ListTab {
        pane: Pane::Extras,
        rows: items,
        empty: " No extras in this episode.",
        selected: app.sel.extra,
        unfocused: None,
    };
    draw_list_tab(app, &tab, area, buf);
}
