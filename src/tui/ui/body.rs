//! The selected segment's text as styled markdown, under its title; also the tab bar of the detail area.

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{Focus, pane_block};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Pane};
use crate::tui::cache::TextKey;
use crate::tui::markdown::{self, EpisodeLinks, LinkSpot, RenderOptions, Rendered};

/// The tabs of the detail area, in order.
pub const TABS: [Pane; 6] = [Pane::Overview, Pane::Body, Pane::Links, Pane::Extras, Pane::Jokes, Pane::Transcript];

/// How much a tab label says, from most to least, until the labels fit the pane's title row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Every tab with its count: `Links (17)`.
    Counts,
    /// Only the shown tab keeps its count.
    ShownCount,
    /// No counts.
    NoCounts,
    /// The other tabs cut to their first letters: `Link…`.
    Short,
    /// The other tabs by their initial: `L`.
    Initial,
}

/// Each tab's label as drawn in the title (the shown one in brackets, so it is marked without colour too);
/// counts, then the other tabs' names, are shortened until the row fits the pane.
pub fn tab_labels(app: &App, shown: Pane) -> Vec<(Pane, String)> {
    let room = usize::from(app.pane_area(shown).width).saturating_sub(2);
    let fits = |labels: &[(Pane, String)]| {
        let used: usize = labels.iter().map(|(_, l)| unicode_width::UnicodeWidthStr::width(l.as_str()) + 3).sum();
        used.saturating_sub(1) <= room
    };
    let mut labels = Vec::new();
    for detail in [Detail::Counts, Detail::ShownCount, Detail::NoCounts, Detail::Short, Detail::Initial] {
        labels = labels_at(app, shown, detail);
        if fits(&labels) {
            break;
        }
    }
    labels
}

fn labels_at(app: &App, shown: Pane, detail: Detail) -> Vec<(Pane, String)> {
    TABS.into_iter()
        .map(|pane| {
            let count = app.episode().map(|e| match pane {
                Pane::Links => app.episode_links().links.len(),
                Pane::Extras => e.extras.iter().map(|x| x.items.len()).sum(),
                Pane::Jokes => e.jokes.len(),
                _ => 0,
            });
            let label = match count {
                Some(n) if n > 0 && (detail == Detail::Counts || pane == shown && detail == Detail::ShownCount) => {
                    format!("{} ({n})", pane.title())
                }
                _ if pane != shown && detail == Detail::Short => super::truncate(pane.title(), 5),
                _ if pane != shown && detail == Detail::Initial => pane.title().chars().take(1).collect(),
                _ => pane.title().to_owned(),
            };
            (pane, if pane == shown { format!("[{label}]") } else { label })
        })
        .collect()
}

/// Where a tab label sits on the title row, as columns after the pane's left edge.
pub fn tab_at(app: &App, column_in_pane: u16) -> Option<Pane> {
    let mut x = 2usize; // the corner and the leading space
    for (pane, label) in tab_labels(app, app.detail) {
        let w = unicode_width::UnicodeWidthStr::width(label.as_str());
        if (x..x + w).contains(&usize::from(column_in_pane)) {
            return Some(pane);
        }
        x += w + 3; // " │ "
    }
    None
}

/// The detail pane's frame, its title listing the tabs with the shown one marked.
pub fn detail_block(app: &App, shown: Pane) -> Block<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, (pane, label)) in tab_labels(app, shown).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", app.theme.dim));
        }
        spans.push(Span::styled(label, if pane == shown { app.theme.tab_active } else { app.theme.tab }));
    }
    spans.push(Span::raw(" "));
    pane_block(Line::from(spans), Focus::of(app, shown), &app.theme)
}

/// The text area inside a detail pane: one column of margin each side reads better than text on the border.
pub fn detail_inner(area: Rect) -> Rect {
    let inner = crate::tui::ui::layout::inner(area);
    Rect { x: inner.x.saturating_add(1), width: inner.width.saturating_sub(2), ..inner }
}

/// What a listing tab (links, extras, jokes) shows: its rows for a width, the line for an empty episode, and
/// how the selection looks when the tab is not focused (`None`: not shown).
pub struct ListTab {
    pub pane: Pane,
    pub rows: fn(&App, u16) -> Vec<Vec<Line<'static>>>,
    pub empty: &'static str,
    pub selected: usize,
    pub unfocused: Option<ratatui::style::Style>,
}

/// Draw a listing tab: the tab block, then the rows with the selection, or a line saying there is nothing.
pub fn draw_list_tab(app: &App, tab: &ListTab, area: Rect, buf: &mut Buffer) {
    let inner = detail_inner(area);
    detail_block(app, tab.pane).render(area, buf);
    let rows = (tab.rows)(app, inner.width);
    if rows.is_empty() {
        Line::styled(tab.empty, app.theme.dim).render(inner, buf);
        return;
    }
    let style = if Focus::of(app, tab.pane) == Focus::Focused { Some(app.theme.selected) } else { tab.unfocused };
    super::draw_items(&rows, style.map(|_| tab.selected), style.unwrap_or_default(), inner, buf);
}

/// The segment's text as drawn: [`plain`] with the search words highlighted, when a search opened it.
pub fn rendered(app: &App, width: u16) -> Rc<Rendered> {
    let plain = plain(app, width);
    if app.nav.terms.is_empty() {
        return plain;
    }
    let mut marked = (*plain).clone();
    super::body_matches::mark(&mut marked.lines, &app.nav.terms, app.theme.matched, Some(app.sel.text_match));
    Rc::new(marked)
}

/// The segment's title, host and link, then its body, at `width` cells (cached per episode, segment, width;
/// the search highlight is laid over it per frame, so stepping through matches never re-renders the text).
pub fn plain(app: &App, width: u16) -> Rc<Rendered> {
    let (Some(episode), Some(_)) = (app.episode_index(), app.segment()) else { return Rc::default() };
    let key = TextKey { episode, segment: Some(app.sel.segment), width };
    app.cached_text(key, |links| build(app, width, links))
}

fn build(app: &App, width: u16, links: &EpisodeLinks) -> Rendered {
    let Some(s) = app.segment() else { return Rendered::default() };
    let mut out = markdown::render(&heading_markdown(s), width, &app.theme, RenderOptions::default());
    out.links.clear();
    out.spots.clear();
    for line in &mut out.lines {
        for span in &mut line.spans {
            span.style = app.theme.heading.patch(span.style);
        }
    }
    let mut meta = Vec::new();
    if let Some(host) = &s.host {
        meta.push(Span::styled(clean_line(host).into_owned(), app.theme.initials));
    }
    if let Some(url) = &s.url {
        if !meta.is_empty() {
            meta.push(Span::styled(" · ", app.theme.dim));
        }
        let line = out.lines.len();
        push_url(app, links, UrlAt { spans: &mut meta, spots: &mut out.spots, line, width }, url);
    }
    if !meta.is_empty() {
        out.lines.push(Line::from(meta));
    }
    out.lines.push(Line::default());
    let body = app.render_markdown(&s.body, width, links);
    if body.lines.is_empty() {
        out.lines.push(Line::styled("(The notes say nothing more about this one.)", app.theme.dim));
    }
    let offset = out.lines.len();
    out.spots.extend(body.spots.into_iter().map(|mut spot| {
        spot.line += offset;
        spot
    }));
    out.lines.extend(body.lines);
    out.links = body.links;
    out
}

/// A line being built outside the markdown, where a link is added: its spans, the text's spots, its index.
pub struct UrlAt<'a> {
    pub spans: &'a mut Vec<Span<'static>>,
    pub spots: &'a mut Vec<LinkSpot>,
    pub line: usize,
    /// The text's width in cells: the URL is cut to what is left of it.
    pub width: u16,
}

/// A link the notes give outside the markdown (a segment's own, a sponsor's) as `url [n]` with the episode's
/// number, its spots recorded so typing the number, `.`/`,` and a click reach it like any link of the text.
pub fn push_url(app: &App, links: &EpisodeLinks, at: UrlAt<'_>, url: &str) {
    let number = links.number(url);
    let tag = number.map(|n| format!(" [{n}]")).unwrap_or_default();
    let used: usize = at.spans.iter().map(Span::width).sum();
    let room = usize::from(at.width).saturating_sub(used + tag.len());
    let shown = super::truncate(&clean_line(url), room);
    let cells = |t: &str| u16::try_from(unicode_width::UnicodeWidthStr::width(t)).unwrap_or(u16::MAX);
    let mut x = u16::try_from(used).unwrap_or(u16::MAX);
    for (text, style) in [(shown, app.theme.link), (tag, app.theme.link_number)] {
        if let Some(number) = number.filter(|_| !text.is_empty()) {
            let width = cells(&text);
            at.spots.push(LinkSpot { number, line: at.line, span: at.spans.len(), x, width });
            x = x.saturating_add(width);
        }
        if !text.is_empty() {
            at.spans.push(Span::styled(text, style));
        }
    }
}

/// Where text is set inside a detail pane: its inner area, no wider than the reading width.
pub fn text_area(app: &App, area: Rect) -> Rect {
    let inner = detail_inner(area);
    Rect { width: inner.width.min(app.reading_width.max(20)), ..inner }
}

/// Draw `text` from line `scroll`, the selected link marked, with a position counter on the border.
pub fn draw_text(app: &App, text: &Rendered, scroll: usize, area: Rect, inner: Rect, buf: &mut Buffer) {
    let height = usize::from(inner.height);
    let scroll = scroll.min(max_scroll(text.lines.len(), height));
    for (y, (i, line)) in (inner.y..).zip(text.lines.iter().enumerate().skip(scroll).take(height)) {
        let mut line = line.clone();
        if let Some(n) = app.sel.body_link {
            for spot in text.spots.iter().filter(|s| s.number == n && s.line == i) {
                if let Some(span) = line.spans.get_mut(spot.span) {
                    span.style = span.style.patch(app.theme.link_selected);
                }
            }
        }
        line.render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    if text.lines.len() > height {
        let pos = format!(" {}/{} ", (scroll + height).min(text.lines.len()), text.lines.len());
        let x = area.right().saturating_sub(u16::try_from(pos.len()).unwrap_or(0) + 1);
        buf.set_string(x, area.bottom().saturating_sub(1), pos, app.theme.dim);
    }
}

/// The title as a markdown paragraph, escaped so it renders literally.
fn heading_markdown(s: &crate::model::Segment) -> String {
    let n = s.ordinal.map(|n| format!("#{n} ")).unwrap_or_default();
    let mut t = String::with_capacity(s.title.len() + 4);
    for c in format!("{n}{}", s.title).chars() {
        if c.is_ascii_punctuation() {
            t.push('\\');
        }
        t.push(c);
    }
    t
}

/// The last first-line that still fills the pane, so scrolling stops at the end of the text.
pub fn max_scroll(total: usize, height: usize) -> usize {
    total.saturating_sub(height)
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    detail_block(app, Pane::Body).render(area, buf);
    let inner = text_area(app, area);
    if app.segment().is_none() {
        Line::styled(" Pick a segment to read it here.", app.theme.dim).render(inner, buf);
        return;
    }
    let text = rendered(app, inner.width);
    draw_text(app, &text, app.sel.body_scroll, area, inner, buf);
}
