//! The bottom line: a message when there is one, the filter prompt, else the keys for the focused pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::sanitize::clean_line;
use crate::tui::app::{App, Mode};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let line = if let Some(msg) = &app.status {
        Line::styled(format!(" {}", clean_line(msg)), app.theme.message)
    } else if app.mode == Mode::Filter {
        Line::from(vec![
            Span::styled(" Filter: ", app.theme.prompt),
            Span::raw(clean_line(&app.filter).into_owned()),
            Span::styled("▏", app.theme.prompt),
            Span::styled("  Enter keeps · Esc clears", app.theme.dim),
        ])
    } else {
        hints(app)
    };
    line.style(app.theme.status).render(area, buf);
}

fn hints(app: &App) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, (keys, desc)) in app.keymap.hints(app.context()).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", app.theme.dim));
        }
        spans.push(Span::styled(keys, app.theme.status_key));
        spans.push(Span::raw(format!(" {desc}")));
    }
    Line::from(spans)
}
