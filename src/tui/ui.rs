//! Drawing: `impl Widget for &App`, a pure function of state. One small module per pane.

pub mod archive;
pub mod body;
pub mod body_matches;
pub mod episodes;
pub mod extras;
pub mod header;
pub mod help;
pub mod hosts;
pub mod jokes;
pub mod layout;
pub mod links;
pub mod overview;
pub mod search;
pub mod segments;
pub mod status;
pub mod transcript;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, Mode, Pane};
use crate::tui::theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = self.areas(area) else {
            too_small(area, buf, &self.theme);
            return;
        };
        if self.zoomed() {
            draw_detail(self, areas.detail, buf);
            status::draw(self, areas.status, buf);
            return;
        }
        episodes::draw(self, areas.episodes, buf);
        match self.mode {
            Mode::Search => search::draw(self, areas.right, buf),
            Mode::Archive => archive::draw(self, areas.right, buf),
            _ => {
                header::draw(self, areas.header, buf);
                hosts::draw(self, areas.hosts, buf);
                segments::draw(self, areas.segments, buf);
                draw_detail(self, areas.detail, buf);
            }
        }
        status::draw(self, areas.status, buf);
        if self.mode == Mode::Help {
            help::draw(self, area, buf);
        }
    }
}

fn draw_detail(app: &App, area: Rect, buf: &mut Buffer) {
    match app.detail {
        Pane::Links => links::draw(app, area, buf),
        Pane::Extras => extras::draw(app, area, buf),
        Pane::Jokes => jokes::draw(app, area, buf),
        Pane::Overview => overview::draw(app, area, buf),
        Pane::Transcript => transcript::draw(app, area, buf),
        _ => body::draw(app, area, buf),
    }
}

/// One line saying how big the terminal must be, shortened until it fits.
fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (w, h) = (layout::MIN_WIDTH, layout::MIN_HEIGHT);
    let candidates = [
        format!("Terminal too small ({}×{}): enlarge to at least {w}×{h}", area.width, area.height),
        format!("Too small: need {w}×{h}"),
        format!("Too small ({w}×{h})"),
        format!("{w}×{h}"),
    ];
    let fit = candidates.iter().find(|c| c.width() <= usize::from(area.width)).map_or("", String::as_str);
    if area.height > 0 {
        buf.set_stringn(area.x, area.y, fit, usize::from(area.width), theme.message);
    }
}

/// A bordered pane with its title; the focused pane's border stands out.
pub fn pane_block<'a>(title: impl Into<Line<'a>>, focused: Focus, theme: &Theme) -> Block<'a> {
    let (border, kind) = match focused {
        Focus::Focused => (theme.border_focused, BorderType::Thick),
        Focus::Unfocused => (theme.border, BorderType::Plain),
    };
    Block::bordered().border_style(border).border_type(kind).title(title.into().style(theme.title))
}

/// Whether a pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Focused,
    Unfocused,
}

impl Focus {
    pub fn of(app: &App, pane: Pane) -> Self {
        if app.mode == Mode::Normal && app.focus == pane { Self::Focused } else { Self::Unfocused }
    }
}

/// The first line of each item to show so the selected item is in view.
pub fn list_offset(items: &[Vec<Line<'_>>], selected: Option<usize>, height: usize) -> usize {
    let Some(sel) = selected.filter(|&s| s < items.len()) else { return 0 };
    let start: usize = items[..sel].iter().map(Vec::len).sum();
    layout::offset(start, items[sel].len(), height)
}

/// Which item is drawn at `row` (0-based inside the pane) for this selection.
pub fn item_at(items: &[Vec<Line<'_>>], selected: Option<usize>, height: usize, row: usize) -> Option<usize> {
    let mut line = list_offset(items, selected, height) + row;
    for (i, item) in items.iter().enumerate() {
        if line < item.len() {
            return Some(i);
        }
        line -= item.len();
    }
    None
}

/// Draw items of one or more lines inside `area`, highlighting the selected one across its lines.
pub fn draw_items(items: &[Vec<Line<'_>>], selected: Option<usize>, highlight: Style, area: Rect, buf: &mut Buffer) {
    let height = usize::from(area.height);
    let skip = list_offset(items, selected, height);
    let rows =
        items.iter().enumerate().flat_map(|(i, lines)| lines.iter().map(move |l| (i, l))).skip(skip).take(height);
    for (y, (i, line)) in (area.y..).zip(rows) {
        let row = Rect::new(area.x, y, area.width, 1);
        if Some(i) == selected {
            buf.set_style(row, highlight);
            // The row's colours win over the text's (a grey read title on a grey bar is unreadable); a span
            // with its own background (a search match) keeps its readable pair.
            let on_row = |s: &Span<'_>| if s.style.bg.is_some() { s.style } else { s.style.patch(highlight) };
            let spans = line.spans.iter().map(|s| Span::styled(s.content.clone(), on_row(s)));
            Line::from(spans.collect::<Vec<_>>()).render(row, buf);
            continue;
        }
        line.render(row, buf);
    }
}

/// Cut a plain string to `width` cells, ending in `…` when it was longer.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` as spans with the byte ranges in `matches` styled as matches; bad ranges are ignored.
pub fn highlighted(text: &str, matches: &[std::ops::Range<usize>], base: Style, matched: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in matches {
        let (Some(before), Some(hit)) = (text.get(at..r.start), text.get(r.clone())) else { continue };
        if !before.is_empty() {
            spans.push(Span::styled(crate::sanitize::clean_line(before).into_owned(), base));
        }
        spans.push(Span::styled(crate::sanitize::clean_line(hit).into_owned(), matched));
        at = r.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        spans.push(Span::styled(crate::sanitize::clean_line(rest).into_owned(), base));
    }
    spans
}
