//! The help overlay: every binding of the key table, grouped by where it works.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::{Focus, pane_block};
use crate::tui::app::App;
use crate::tui::keymap::Context;

/// Contexts and the (keys, description, config action name) rows they share.
type Group = (Vec<Context>, Vec<(String, &'static str, String)>);

/// Column widths of a row: keys, description, action name.
const KEYS: usize = 12;
const DESC: usize = 40;
const NAME: usize = 15;
/// A row's width with its indent and gaps: `  keys desc name`.
const ROW: u16 = (2 + KEYS + 1 + DESC + 1 + NAME) as u16;

/// The overlay's lines, generated from the key table; each context gets one heading however the table orders
/// its rows, and contexts with identical keys share it.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let mut groups: Vec<Group> = Vec::new();
    for (context, keys, desc, name) in app.keymap.help_rows() {
        match groups.iter_mut().find(|(contexts, _)| contexts.first() == Some(&context)) {
            Some((_, rows)) => rows.push((keys, desc, name)),
            None => groups.push((vec![context], vec![(keys, desc, name)])),
        }
    }
    let mut merged: Vec<Group> = Vec::new();
    for (contexts, rows) in groups {
        match merged.iter_mut().find(|(_, r)| *r == rows) {
            Some((cs, _)) => cs.extend(contexts),
            None => merged.push((contexts, rows)),
        }
    }
    let mut out = Vec::new();
    for (contexts, rows) in merged {
        if !out.is_empty() {
            out.push(Line::default());
        }
        let title: Vec<&str> = contexts.iter().map(|c| c.title()).collect();
        out.push(Line::styled(title.join(" & "), app.theme.heading));
        for (keys, desc, name) in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<KEYS$} "), app.theme.status_key),
                Span::raw(format!("{desc:<DESC$} ")),
                Span::styled(name, app.theme.dim),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse: a click focuses, the wheel scrolls.", app.theme.dim));
    out.push(Line::styled("Remap in the config file:", app.theme.dim));
    out.push(Line::styled("  keys: { \"ctrl-n\": move_down }  (names as listed)", app.theme.dim));
    out
}

/// Two columns of whole rows need this many cells (borders and margins included); narrower screens get one
/// scrolling column.
const TWO_COLUMNS: u16 = 2 * (ROW + 1) + 2;

/// The overlay's rectangle: centred, as wide as its rows need and the screen allows.
pub fn area(screen: Rect) -> Rect {
    let max = if screen.width >= TWO_COLUMNS + 4 { TWO_COLUMNS } else { ROW + 3 };
    let w = screen.width.saturating_sub(4).min(max);
    let h = screen.height.saturating_sub(2);
    Rect::new(screen.x + (screen.width - w) / 2, screen.y + (screen.height - h) / 2, w, h)
}

pub fn draw(app: &App, screen: Rect, buf: &mut Buffer) {
    let area = area(screen);
    Clear.render(area, buf);
    let lines = lines(app);
    let inner = Block::bordered().inner(area);
    let height = usize::from(inner.height);
    if inner.width >= TWO_COLUMNS - 2 && lines.len() <= 2 * height {
        pane_block(" Keys · Esc closes ", Focus::Focused, &app.theme).render(area, buf);
        let half = inner.width / 2;
        let (left, right) = lines.split_at(height.min(lines.len()));
        let right = right.strip_prefix(&[Line::default()]).unwrap_or(right);
        for (x, column) in [(inner.x + 1, left), (inner.x + 1 + half, right)] {
            for (y, line) in (inner.y..).zip(column) {
                line.render(Rect::new(x, y, half.saturating_sub(1), 1), buf);
            }
        }
        return;
    }
    pane_block(" Keys · j/k scroll · Esc closes ", Focus::Focused, &app.theme).render(area, buf);
    let scroll = app.sel.help_scroll.min(lines.len().saturating_sub(height));
    for (y, line) in (inner.y..).zip(lines.iter().skip(scroll).take(height)) {
        line.render(Rect::new(inner.x + 1, y, inner.width.saturating_sub(1), 1), buf);
    }
}
