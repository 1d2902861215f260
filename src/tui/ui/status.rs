//! The bottom line: a message when there is one, the filter prompt, else the keys for the focused pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::sanitize::clean_line;
use crate::tui::app::{App, Mode};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let line = if let Some(msg) = &app.status {
        Line::styled(format!(" {}", clean_line(msg)), app.theme.message)
    } else if app.mode == Mode::Filter {
        let mut spans = vec![Span::styled(" Filter: ", app.theme.prompt)];
        spans.extend(app.prompt.spans(ratatui::style::Style::new(), app.theme.prompt));
        spans.push(Span::styled("  Enter keeps · Esc clears", app.theme.dim));
        Line::from(spans)
    } else if app.mode == Mode::TranscriptFind {
        let mut spans = vec![Span::styled(" Find in transcript: ", app.theme.prompt)];
        spans.extend(app.prompt.spans(ratatui::style::Style::new(), app.theme.prompt));
        spans.push(Span::styled("  ↓/↑ next/previous · Enter keeps · Esc clears", app.theme.dim));
        Line::from(spans)
    } else {
        hints(app, usize::from(area.width))
    };
    line.style(app.theme.status).render(area, buf);
}

/// The pane's key hints that fit the width: the pane's own are dropped from the end first, then `Tab pane` and
/// `/ search`; the last two (`? help`, `q quit`) are always kept.
fn hints(app: &App, width: usize) -> Line<'static> {
    let mut hints = app.keymap.hints(app.context());
    let cost = |h: &[(String, &str)]| h.iter().map(|(k, d)| k.width() + d.width() + 4).sum::<usize>() + 1;
    let shared = if hints.last().is_some_and(|(_, d)| *d == "quit") { 4 } else { 2 };
    while cost(&hints) > width && hints.len() > 2 {
        let at = if hints.len() > shared { hints.len() - shared - 1 } else { hints.len() - 3 };
        hints.remove(at);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (keys, desc)) in hints.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", app.theme.dim));
        }
        spans.push(Span::styled(keys, app.theme.status_key));
        spans.push(Span::raw(format!(" {desc}")));
    }
    Line::from(spans)
}
