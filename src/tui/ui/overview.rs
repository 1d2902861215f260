//! The Overview tab, first of the detail area: the episode's date, people, sponsors, description and chapters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::body::{detail_block, draw_text, text_area};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};
use crate::tui::cache::TextKey;
use crate::tui::markdown::{EpisodeLinks, Rendered};

/// `75` → `1:15`, `3725` → `1:02:05`.
pub fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// The overview at `width`, from the cache.
pub fn rendered(app: &App, width: u16) -> std::rc::Rc<Rendered> {
    let Some(episode) = app.episode_index() else { return std::rc::Rc::default() };
    app.cached_text(TextKey { episode, segment: None, width }, |links| build(app, width, links))
}

fn field(label: &str, value: String, app: &App) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{label:<10}"), app.theme.dim), Span::raw(clean_line(&value).into_owned())])
}

fn build(app: &App, width: u16, links: &EpisodeLinks) -> Rendered {
    let Some(e) = app.episode() else { return Rendered::default() };
    let mut lines = Vec::new();
    let title = e.display_title();
    if !title.trim().is_empty() {
        lines.push(Line::styled(clean_line(&title).into_owned(), app.theme.heading));
    }
    if let Some(date) = &e.date {
        lines.push(field("Date", date.clone(), app));
    }
    let names = |v: Vec<&str>| v.join(", ");
    if !e.hosts.is_empty() {
        lines.push(field("Hosts", names(e.hosts.iter().map(|h| h.name.as_str()).collect()), app));
    }
    if !e.guests.is_empty() {
        lines.push(field("Guests", names(e.guests.iter().map(|g| g.name.as_str()).collect()), app));
    }
    for (i, s) in e.sponsors.iter().enumerate() {
        let text = match &s.url {
            Some(url) => format!("{} ({url})", s.name),
            None => s.name.clone(),
        };
        lines.push(field(if i == 0 { "Sponsors" } else { "" }, text, app));
    }
    let mut out = Rendered { lines, ..Rendered::default() };
    if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
        out.lines.push(Line::default());
        let body = app.render_markdown(d, width, links);
        let offset = out.lines.len();
        out.spots.extend(body.spots.into_iter().map(|mut s| {
            s.line += offset;
            s
        }));
        out.links = body.links;
        out.lines.extend(body.lines);
    }
    if !e.chapters.is_empty() {
        out.lines.push(Line::default());
        out.lines.push(Line::styled("Chapters", app.theme.heading));
        let w = e.chapters.iter().map(|c| clock(c.start).len()).max().unwrap_or(0);
        for c in &e.chapters {
            out.lines.push(Line::from(vec![
                Span::styled(format!("{:>w$}  ", clock(c.start)), app.theme.link_number),
                Span::raw(clean_line(&c.title).into_owned()),
            ]));
        }
    }
    if out.lines.is_empty() {
        out.lines.push(Line::styled("The notes give no overview of this episode.", app.theme.dim));
    }
    out
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    detail_block(app, Pane::Overview).render(area, buf);
    let inner = text_area(app, area);
    if app.episode().is_none() {
        Line::styled("Pick an episode.", app.theme.dim).render(inner, buf);
        return;
    }
    let text = rendered(app, inner.width);
    draw_text(app, &text, app.overview_scroll, area, inner, buf);
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn clocks() {
        assert_eq!(clock(75), "1:15");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(clock(0), "0:00");
    }
}
