//! Every link of the episode, numbered, with its text, address and the section it sits in.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::body::{ListTab, draw_list_tab};
use super::truncate;
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};

pub fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    if app.episode().is_none() {
        return Vec::new();
    }
    app.episode_links()
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let number = format!("{:>3} ", i + 1);
            let section = if l.section == l.text { String::new() } else { truncate(&clean_line(&l.section), 24) };
            let text_w = width.saturating_sub(number.width() + section.width() + 3);
            let text = truncate(&clean_line(&l.text), text_w);
            let url = truncate(&clean_line(&l.url), width.saturating_sub(number.width()));
            vec![
                Line::from(vec![
                    Span::styled(number.clone(), app.theme.link_number),
                    Span::styled(text, app.theme.link),
                    Span::styled(format!("  {section}"), app.theme.dim),
                ]),
                Line::from(vec![Span::raw(" ".repeat(number.width())), Span::styled(url, app.theme.dim)]),
            ]
        })
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let tab = ListTab {
        pane: Pane::Links,
        rows: |app, width| items(app, usize::from(width)),
        empty: " No links in this episode.",
        selected: app.sel.link,
        unfocused: Some(app.theme.selected_unfocused),
    };
    draw_list_tab(app, &tab, area, buf);
}
