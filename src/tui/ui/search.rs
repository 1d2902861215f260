//! Search as you type: the prompt, then each result with the matched words highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Focus, draw_items, highlighted, pane_block, truncate};
use crate::sanitize::clean_line;
use crate::tui::app::App;
use crate::tui::search_worker::{HitKind, ReaderHit};

/// Two lines per result: episode, host and title; then the snippet.
pub fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    items_in(app, width, 0..app.hits.len())
}

/// The lines of results `range` only: a frame builds what fits on screen, not every result.
fn items_in(app: &App, width: usize, range: std::ops::Range<usize>) -> Vec<Vec<Line<'static>>> {
    app.hits
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(|h| {
            let number = h.episode.map_or_else(|| "  ?".to_owned(), |n| format!("{n:>3}"));
            let host = h.host.as_deref().and_then(|h| h.split_whitespace().next()).unwrap_or("");
            let host = truncate(&clean_line(host), 8);
            let mut first = vec![
                Span::styled(format!("{number} "), app.theme.link_number),
                Span::styled(format!("{host:<8} "), app.theme.initials),
            ];
            if let Some(tag) = tag(h) {
                first.push(Span::styled(tag, app.theme.dim));
            }
            first.extend(highlighted(&h.title, &h.title_matches, app.theme.bold, app.theme.matched));
            let mut second = vec![Span::raw("             ")];
            second.extend(highlighted(&h.snippet, &h.snippet_matches, app.theme.dim, app.theme.matched));
            vec![clip(first, width), clip(second, width)]
        })
        .collect()
}

/// Where a hit that is not a segment, an extras item or a transcript passage (their titles say so) sits.
fn tag(h: &ReaderHit) -> Option<String> {
    let time = h.time.map(|t| format!(" ~{}", crate::transcript::short_time(t))).unwrap_or_default();
    match h.kind {
        HitKind::Joke => Some("joke · ".to_owned()),
        HitKind::Description => Some("intro · ".to_owned()),
        HitKind::Chapter => Some(format!("chapter{time} · ")),
        HitKind::Segment | HitKind::Extra | HitKind::Transcript => None,
    }
}

/// Keep a line within `width` cells (the buffer clips too, but this keeps the `…` visible).
fn clip(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let w = s.width();
        if used + w > width {
            out.push(Span::styled(truncate(&s.content, width.saturating_sub(used)), s.style));
            break;
        }
        used += w;
        out.push(s);
    }
    Line::from(out)
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let count = match app.total {
        _ if app.search.pending => " · searching…".to_owned(),
        0 => String::new(),
        1 => " · 1 result".to_owned(),
        n => format!(" · {n} results"),
    };
    let count = match &app.corrected {
        Some((typed, used)) if !app.search.pending => {
            format!("{count} · no results for {}; showing {}", clean_line(typed), clean_line(used))
        }
        _ => count,
    };
    let block = pane_block(format!(" Search{count} "), Focus::Focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let mut prompt = vec![Span::styled("/ ", app.theme.prompt)];
    prompt.extend(app.prompt.spans(Style::new(), app.theme.prompt));
    let prompt = Line::from(prompt);
    prompt.render(Rect { height: 1, ..inner }, buf);
    let list = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    // Every result is two lines, so the first one on screen follows from the selection alone.
    let height = usize::from(list.height);
    let first = super::layout::offset(app.sel.hit * 2, 2, height) / 2;
    let rows = items_in(app, usize::from(list.width), first..app.hits.len().min(first + height / 2 + 2));
    if rows.is_empty() {
        let msg = if app.query.trim().is_empty() {
            "Type words to find them in the notes (titles, text, links, hosts, extras, jokes) and transcripts."
        } else {
            "Nothing has all these words."
        };
        Line::styled(msg, app.theme.dim).render(list, buf);
        return;
    }
    draw_items(&rows, app.sel.hit.checked_sub(first), app.theme.selected.patch(Style::new()), list, buf);
}
