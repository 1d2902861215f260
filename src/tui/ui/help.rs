//! The help overlay: every binding of the key table, grouped by where it works.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{Focus, pane_block};
use crate::tui::app::App;
use crate::tui::keymap::Context;

/// The overlay's lines, generated from the key table.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut current: Option<Context> = None;
    for (context, keys, desc) in app.keymap.help_rows() {
        if current != Some(context) {
            if current.is_some() {
                out.push(Line::default());
            }
            out.push(Line::styled(context.title(), app.theme.heading));
            current = Some(context);
        }
        out.push(Line::from(vec![Span::styled(format!("  {keys:<18} "), app.theme.status_key), Span::raw(desc)]));
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse: click selects and focuses a pane; the wheel scrolls.", app.theme.dim));
    out
}

/// The overlay's rectangle: centred, most of the screen.
pub fn area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(70);
    let h = screen.height.saturating_sub(2);
    Rect::new(screen.x + (screen.width - w) / 2, screen.y + (screen.height - h) / 2, w, h)
}

pub fn draw(app: &App, screen: Rect, buf: &mut Buffer) {
    let area = area(screen);
    Clear.render(area, buf);
    let block = pane_block(" Keys · j/k scroll · Esc closes ", Focus::Focused, &app.theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = lines(app);
    let height = usize::from(inner.height);
    let scroll = app.sel.help_scroll.min(lines.len().saturating_sub(height));
    for (y, line) in (inner.y..).zip(lines.iter().skip(scroll).take(height)) {
        line.render(Rect::new(inner.x + 1, y, inner.width.saturating_sub(1), 1), buf);
    }
}
