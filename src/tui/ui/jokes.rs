//! The episode's jokes, each with its title, text and link.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::body::{ListTab, draw_list_tab};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};
use crate::tui::markdown;

pub fn items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let Some(e) = app.episode() else { return Vec::new() };
    let links = app.episode_links();
    let options = markdown::RenderOptions { selected_link: app.sel.body_link, links: Some(&links) };
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
            lines.extend(markdown::render_item(&joke.body, width, &app.theme, options).lines);
            if let Some(url) = &joke.url {
                lines.push(Line::from(Span::styled(clean_line(url).into_owned(), app.theme.dim)));
            }
            lines
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let tab = ListTab {
        pane: Pane::Jokes,
        rows: items,
        empty: " No jokes in this episode.",
        selected: app.sel.joke,
        unfocused: None,
    };
    draw_list_tab(app, &tab, area, buf);
}
