//! The episode header: number and title, then sponsor and date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::sanitize::clean_line;
use crate::tui::app::App;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(e) = app.episode() else { return };
    let show = app.library.show.name.as_deref().unwrap_or("Episode");
    let mut first = vec![Span::styled(
        match e.number {
            Some(n) => format!(" {} {n}", clean_line(show)),
            None => format!(" {}", clean_line(&e.file)),
        },
        app.theme.title,
    )];
    let title = e.display_title();
    if !title.is_empty() {
        first.push(Span::styled(" · ", app.theme.dim));
        first.push(Span::styled(clean_line(&title).into_owned(), app.theme.header));
    }
    if app.is_read(e) {
        first.push(Span::styled("  ✓ read", app.theme.read));
    }
    let mut second = vec![Span::raw(" ")];
    if e.sponsors.is_empty() {
        second.push(Span::styled("No sponsor listed", app.theme.dim));
    }
    for (i, s) in e.sponsors.iter().enumerate() {
        second.push(Span::styled(if i == 0 { "Sponsored by " } else { ", " }, app.theme.dim));
        second.push(Span::styled(clean_line(&s.name).into_owned(), app.theme.bold));
        if let Some(url) = &s.url {
            second.push(Span::styled(format!(" ({})", clean_line(url)), app.theme.dim));
        }
    }
    if let Some(date) = &e.date {
        second.push(Span::styled(format!(" · {}", clean_line(date)), app.theme.dim));
    }
    Line::from(first).render(Rect { height: 1, ..area }, buf);
    if area.height > 1 {
        Line::from(second).render(Rect { y: area.y + 1, height: 1, ..area }, buf);
    }
}
