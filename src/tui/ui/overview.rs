//! The Overview tab, first of the detail area: the episode's date, people, sponsors, description and chapters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::body::{UrlAt, detail_block, draw_text, push_url, text_area};
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

/// Width of the label column (`Sponsors  `).
const LABEL: usize = 10;

/// `Hosts     Brian, Michael`, wrapped under its value when it is longer than the width.
fn field(label: &str, value: &str, width: u16, app: &App) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(LABEL).max(1);
    let value = clean_line(value);
    textwrap::wrap(&value, room)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let label = if i == 0 { label } else { "" };
            Line::from(vec![Span::styled(format!("{label:<LABEL$}"), app.theme.dim), Span::raw(part.into_owned())])
        })
        .collect()
}

fn build(app: &App, width: u16, links: &EpisodeLinks) -> Rendered {
    let Some(e) = app.episode() else { return Rendered::default() };
    let mut out = Rendered::default();
    let title = e.display_title();
    if !title.trim().is_empty() {
        for part in textwrap::wrap(&clean_line(&title), usize::from(width.max(1))) {
            out.lines.push(Line::styled(part.into_owned(), app.theme.heading));
        }
    }
    if let Some(date) = &e.date {
        out.lines.extend(field("Date", date, width, app));
    }
    let names = |v: Vec<&str>| v.join(", ");
    if !e.hosts.is_empty() {
        out.lines.extend(field("Hosts", &names(e.hosts.iter().map(|h| h.name.as_str()).collect()), width, app));
    }
    if !e.guests.is_empty() {
        out.lines.extend(field("Guests", &names(e.guests.iter().map(|g| g.name.as_str()).collect()), width, app));
    }
    for (i, s) in e.sponsors.iter().enumerate() {
        let mut line = field(if i == 0 { "Sponsors" } else { "" }, &s.name, width, app);
        // The sponsor's link goes on the name's last line, with the number the Links tab gives it.
        let at_line = out.lines.len() + line.len().saturating_sub(1);
        if let (Some(url), Some(last)) = (&s.url, line.last_mut()) {
            last.spans.push(Span::raw("  "));
            push_url(app, links, UrlAt { spans: &mut last.spans, spots: &mut out.spots, line: at_line, width }, url);
        }
        out.lines.extend(line);
    }
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
