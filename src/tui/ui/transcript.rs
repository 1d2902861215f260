//! The Transcript tab: the episode's cues with their times and speakers, wrapped under a time column, the
//! moment it opened at marked, the words found in it highlighted.

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::body::{detail_block, text_area};
use crate::sanitize::clean_line;
use crate::transcript::{Transcript, short_time, whole_seconds};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use crate::tui::transcript_view::{LayoutKey, TranscriptLayout};
use crate::tui::transcript_worker::Outcome;

/// Cells left of the text for the mark of the cue the tab opened at (`▸ `).
const GUTTER: u16 = 2;

/// `[12:05]` or `[1:02:05]`.
pub fn time_label(seconds: f64) -> String {
    format!("[{}]", short_time(whole_seconds(seconds)))
}

/// Where the cues are set inside the tab (right of the gutter).
pub fn text_rect(app: &App, area: Rect) -> Rect {
    let r = text_area(app, area);
    Rect { x: r.x.saturating_add(GUTTER), width: r.width.saturating_sub(GUTTER), ..r }
}

/// The width the cues are wrapped to for the current terminal size.
pub fn text_width(app: &App) -> u16 {
    text_rect(app, app.pane_area(Pane::Transcript)).width
}

/// The shown episode's transcript laid out at `width` (kept between frames); `None` when it is not loaded.
pub fn layout(app: &App, width: u16) -> Option<Rc<TranscriptLayout>> {
    let episode = app.episode_index()?;
    let loaded = app.transcript.loaded(episode)?;
    let key = LayoutKey { episode, loaded: std::sync::Arc::as_ptr(loaded), width };
    if let Some((k, l)) = app.transcript.cache.borrow().as_ref()
        && *k == key
    {
        return Some(Rc::clone(l));
    }
    let made = Rc::new(build(&loaded.transcript, width, &app.theme));
    *app.transcript.cache.borrow_mut() = Some((key, Rc::clone(&made)));
    Some(made)
}

/// Each cue as `[mm:ss] Speaker: text`, the text wrapped under itself, the time column as wide as the
/// longest time.
pub fn build(transcript: &Transcript, width: u16, theme: &Theme) -> TranscriptLayout {
    let column = transcript.cues.iter().map(|c| time_label(c.start).width()).max().unwrap_or(0) + 1;
    let wrap_width = usize::from(width).saturating_sub(column).max(8);
    let mut out = TranscriptLayout::default();
    for (i, cue) in transcript.cues.iter().enumerate() {
        out.first_line.push(out.lines.len());
        let speaker = cue.speaker.as_deref().map(|s| format!("{}: ", clean_line(s))).filter(|s| s.trim() != ":");
        // The speaker takes the start of the first line; the text wraps around it.
        let speaker = speaker.map(|s| super::truncate(&s, wrap_width / 2));
        let indent = " ".repeat(speaker.as_deref().map_or(0, UnicodeWidthStr::width));
        let text = clean_line(&cue.text);
        let options = textwrap::Options::new(wrap_width).initial_indent(&indent).break_words(true);
        let mut wrapped = textwrap::wrap(&text, options);
        if wrapped.is_empty() {
            wrapped.push(std::borrow::Cow::Borrowed(""));
        }
        for (n, part) in wrapped.into_iter().enumerate() {
            let mut spans = Vec::with_capacity(3);
            if n == 0 {
                spans.push(Span::styled(format!("{:<column$}", time_label(cue.start)), theme.link_number));
                if let Some(s) = &speaker {
                    spans.push(Span::styled(s.clone(), theme.initials));
                }
            } else {
                spans.push(Span::raw(" ".repeat(column)));
            }
            let part = if n == 0 { part.get(indent.len()..).unwrap_or(&part).to_owned() } else { part.into_owned() };
            out.text_from.push(spans.len());
            spans.push(Span::raw(part));
            out.lines.push(Line::from(spans));
            out.line_cue.push(i);
        }
    }
    out
}

/// The line of every occurrence of the found words in the spoken text (times and names are not searched), in
/// reading order.
pub fn occurrences(layout: &TranscriptLayout, terms: &[String]) -> Vec<usize> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (y, line) in layout.lines.iter().enumerate() {
        let from = layout.text_from.get(y).copied().unwrap_or(0);
        for span in line.spans.iter().skip(from) {
            let n = super::body_matches::match_ranges(&span.content, terms).len();
            out.extend(std::iter::repeat_n(y, n));
        }
    }
    out
}

/// The found words on line `y` styled, occurrence `current` (counted over the whole text) reversed.
fn marked_line(app: &App, layout: &TranscriptLayout, y: usize, found: &[usize]) -> Line<'static> {
    let mut line = layout.lines[y].clone();
    let view = &app.transcript;
    if view.terms.is_empty() {
        return line;
    }
    let from = layout.text_from.get(y).copied().unwrap_or(0).min(line.spans.len());
    let before = found.partition_point(|&l| l < y);
    let current = view.current.checked_sub(before);
    let mut text = [Line::from(line.spans.split_off(from))];
    super::body_matches::mark(&mut text, &view.terms, app.theme.matched, current);
    let [text] = text;
    line.spans.extend(text.spans);
    line
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    detail_block(app, Pane::Transcript).render(area, buf);
    let inner = text_rect(app, area);
    let Some(episode) = app.episode_index() else {
        message(app, " Pick an episode to read its transcript.", text_area(app, area), buf);
        return;
    };
    let text = match app.transcript.outcome(episode) {
        None => " Loading the transcript…".to_owned(),
        Some(Outcome::Missing(why)) => format!(" {why}"),
        Some(Outcome::Broken(why)) => format!(" {why}"),
        Some(Outcome::Loaded(_)) => String::new(),
    };
    let Some(layout) = layout(app, inner.width).filter(|_| text.is_empty()) else {
        message(app, &text, text_area(app, area), buf);
        return;
    };
    let height = usize::from(inner.height);
    let scroll = app.transcript.scroll.min(layout.lines.len().saturating_sub(1));
    let found = occurrences(&layout, &app.transcript.terms);
    for (y, i) in (inner.y..).zip((scroll..layout.lines.len()).take(height)) {
        marked_line(app, &layout, i, &found).render(Rect::new(inner.x, y, inner.width, 1), buf);
        let cue = layout.line_cue[i];
        if app.transcript.marked == Some(cue) && layout.first_line.get(cue) == Some(&i) {
            buf.set_string(inner.x.saturating_sub(GUTTER), y, "▸", app.theme.link_selected);
        }
    }
    footer(app, &layout, scroll, height, area, buf);
}

/// The file's name on the bottom border, left; the position in the text, right.
fn footer(app: &App, layout: &TranscriptLayout, scroll: usize, height: usize, area: Rect, buf: &mut Buffer) {
    let bottom = area.bottom().saturating_sub(1);
    let name = app
        .episode_index()
        .and_then(|i| app.transcript.loaded(i))
        .and_then(|l| l.path.file_name().map(|n| n.to_string_lossy().into_owned()));
    let pos = format!(" {}/{} ", (scroll + height).min(layout.lines.len()), layout.lines.len());
    let pos_w = u16::try_from(pos.len()).unwrap_or(0);
    if let Some(name) = name {
        let room = usize::from(area.width.saturating_sub(pos_w + 6));
        let name = format!(" {} ", super::truncate(&clean_line(&name), room));
        buf.set_string(area.x + 2, bottom, name, app.theme.dim);
    }
    if layout.lines.len() > height {
        buf.set_string(area.right().saturating_sub(pos_w + 1), bottom, pos, app.theme.dim);
    }
}

/// A message in place of the cues, wrapped to the tab.
fn message(app: &App, text: &str, inner: Rect, buf: &mut Buffer) {
    let lines = textwrap::wrap(text, usize::from(inner.width).max(8));
    for (y, line) in (inner.y..inner.bottom()).zip(lines) {
        Line::styled(line.into_owned(), app.theme.dim).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Cue;

    fn cue(start: f64, speaker: Option<&str>, text: &str) -> Cue {
        Cue { start, end: None, speaker: speaker.map(str::to_owned), text: text.to_owned() }
    }

    #[test]
    fn cues_wrap_under_their_text_and_times_share_one_column() {
        let t = Transcript {
            cues: vec![
                cue(5.0, Some("Ada"), "one two three four five six"),
                cue(3725.0, None, "late\u{1b}]0;title\u{7} words"),
            ],
        };
        let l = build(&t, 30, &Theme::default());
        let text: Vec<String> = l.lines.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["[00:05]   Ada: one two three", "          four five six", "[1:02:05] late words"]);
        assert_eq!((l.first_line, l.line_cue, l.text_from), (vec![0, 2], vec![0, 0, 1], vec![2, 1, 1]));
    }

    #[test]
    fn only_spoken_words_are_found() {
        let t = Transcript { cues: vec![cue(0.0, Some("Ada"), "ada said ada"), cue(60.0, None, "01 and ada")] };
        let l = build(&t, 60, &Theme::default());
        assert_eq!(occurrences(&l, &["ada".to_owned()]), [0, 0, 1]);
        assert_eq!(occurrences(&l, &["01".to_owned()]), [1], "the time column is not searched");
        assert!(occurrences(&l, &[]).is_empty());
    }
}
