//! A segment's markdown body → styled lines wrapped to a width, with every link underlined and numbered.
//!
//! Walks pulldown-cmark events with explicit stacks (no recursion, so deep nesting cannot overflow) and keeps
//! list indentation real: a wrapped bullet continues under its text, not under the bullet. Numbers are given
//! in document order, the same order [`links`] returns, so `3` then `o` opens the link shown as `[3]`.

mod wrap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::sanitize::clean_line;
use crate::tui::theme::Theme;

/// A body ready to draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Link destinations in the order they are numbered on screen (`[1]` is `links[0]`).
    pub links: Vec<String>,
}

/// Options that change how a body is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// The link picked by number (1-based), drawn reversed.
    pub selected_link: Option<usize>,
}

/// The link destinations of a body, numbered as [`render`] numbers them.
pub fn links(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// Render `markdown` to lines at most `width` cells wide.
pub fn render(markdown: &str, width: u16, theme: &Theme, options: RenderOptions) -> Rendered {
    let mut r = Renderer::new(theme, usize::from(width.max(1)), options);
    for event in Parser::new(markdown) {
        r.event(event);
    }
    r.flush();
    Rendered { lines: r.out, links: r.links }
}

/// One item of a list the notes keep as separate strings (an extra, a joke), drawn as a bullet whether or not
/// the notes wrote one, so every item looks alike.
pub fn render_item(markdown: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let t = markdown.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let is_list = t.starts_with(['-', '*', '+']) || (digits > 0 && t[digits..].starts_with(['.', ')']));
    if is_list {
        return render(markdown, width, theme, RenderOptions::default()).lines;
    }
    let body = render(markdown, width.saturating_sub(2), theme, RenderOptions::default());
    let mut lines = body.lines;
    for (i, line) in lines.iter_mut().enumerate() {
        line.spans.insert(0, Span::styled(if i == 0 { "• " } else { "  " }, theme.bullet));
    }
    lines
}

/// One level of list nesting.
struct ListLevel {
    /// Next number of an ordered list; `None` for bullets.
    next: Option<u64>,
    /// Width of this level's marker, so wrapped lines align with the item text.
    indent: usize,
}

struct Renderer<'t> {
    theme: &'t Theme,
    width: usize,
    options: RenderOptions,
    out: Vec<Line<'static>>,
    /// Inline text of the block being built.
    spans: Vec<(String, Style)>,
    styles: Vec<Style>,
    lists: Vec<ListLevel>,
    quotes: usize,
    /// The marker (`• `, `3. `) waiting to start the next flushed line.
    marker: Option<String>,
    code: Option<String>,
    links: Vec<String>,
    blank_before_next: bool,
}

const BULLETS: [&str; 3] = ["•", "◦", "▪"];

impl<'t> Renderer<'t> {
    fn new(theme: &'t Theme, width: usize, options: RenderOptions) -> Self {
        Self {
            theme,
            width,
            options,
            out: Vec::new(),
            spans: Vec::new(),
            styles: Vec::new(),
            lists: Vec::new(),
            quotes: 0,
            marker: None,
            code: None,
            links: Vec::new(),
            blank_before_next: false,
        }
    }

    fn style(&self) -> Style {
        self.styles.iter().fold(Style::new(), |acc, s| acc.patch(*s))
    }

    fn push_text(&mut self, text: &str, style: Style) {
        let text = clean_line(text);
        match self.spans.last_mut() {
            Some((t, s)) if *s == style => t.push_str(&text),
            _ => self.spans.push((text.into_owned(), style)),
        }
    }

    fn end_block(&mut self) {
        self.flush();
        if self.lists.is_empty() {
            self.blank_before_next = true;
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some(code) = self.code.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.code_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push_text(&t, self.style()),
            Event::Code(t) => self.push_text(&t, self.style().patch(self.theme.code)),
            Event::InlineHtml(t) | Event::Html(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(t.trim_end_matches('\n'), self.style().patch(self.theme.dim));
            }
            Event::FootnoteReference(t) => self.push_text(&format!("[^{t}]"), self.theme.dim),
            Event::SoftBreak => self.push_text(" ", self.style()),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                let rule = "─".repeat(self.width.min(40));
                self.emit(vec![Span::styled(rule, self.theme.dim)]);
                self.blank_before_next = true;
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }, self.theme.bullet),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.flush(),
            Tag::Heading { .. } => {
                self.flush();
                self.styles.push(self.theme.heading);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
                self.styles.push(self.theme.quote);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(ListLevel { next: start, indent: 2 });
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len();
                if let Some(level) = self.lists.last_mut() {
                    let marker = match level.next.as_mut() {
                        Some(n) => {
                            let m = format!("{n}. ");
                            *n += 1;
                            m
                        }
                        None => format!("{} ", BULLETS[depth.saturating_sub(1) % BULLETS.len()]),
                    };
                    level.indent = marker.width();
                    self.marker = Some(marker);
                }
            }
            Tag::Emphasis => self.styles.push(self.theme.italic),
            Tag::Strong => self.styles.push(self.theme.bold),
            Tag::Strikethrough => self.styles.push(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push(dest_url.into_string());
                let selected = self.options.selected_link == Some(self.links.len());
                self.styles.push(if selected { self.theme.link_selected } else { self.theme.link });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.end_block(),
            TagEnd::Heading(_) => {
                self.styles.pop();
                self.end_block();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.styles.pop();
                self.quotes = self.quotes.saturating_sub(1);
                self.blank_before_next = self.lists.is_empty();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                self.blank_before_next = self.lists.is_empty();
            }
            TagEnd::Item => self.flush(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.styles.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.styles.pop();
                let n = self.links.len();
                self.push_text(&format!(" [{n}]"), self.theme.link_number);
            }
            _ => {}
        }
    }

    /// The indentation before a line: quote bars, then list indents, then this item's marker on its first line.
    fn prefix(&mut self) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        if self.quotes > 0 {
            spans.push(Span::styled("│ ".repeat(self.quotes), self.theme.quote));
        }
        let levels = self.lists.len();
        let outer: usize = self.lists.iter().take(levels.saturating_sub(1)).map(|l| l.indent).sum();
        let own = self.lists.last().map_or(0, |l| l.indent);
        match self.marker.take() {
            Some(marker) => {
                spans.push(Span::raw(" ".repeat(outer)));
                spans.push(Span::styled(marker, self.theme.bullet));
            }
            None => spans.push(Span::raw(" ".repeat(outer + own))),
        }
        // Deep nesting must still leave room for text.
        let budget = self.width / 2;
        let mut used = 0;
        spans.retain_mut(|s| {
            let w = s.content.width();
            if used + w > budget {
                let keep: String = s.content.chars().take(budget.saturating_sub(used)).collect();
                used = budget;
                s.content = keep.into();
            } else {
                used += w;
            }
            !s.content.is_empty()
        });
        spans
    }

    fn emit(&mut self, spans: Vec<Span<'static>>) {
        if self.blank_before_next && !self.out.is_empty() {
            self.out.push(Line::default());
        }
        self.blank_before_next = false;
        self.out.push(Line::from(spans));
    }

    /// Wrap the pending inline text under the current prefix.
    fn flush(&mut self) {
        if self.spans.iter().all(|(t, _)| t.trim().is_empty()) {
            self.spans.clear();
            return;
        }
        let spans = std::mem::take(&mut self.spans);
        let first = self.prefix();
        let rest = self.prefix();
        let first_w: usize = first.iter().map(|s| s.content.width()).sum();
        let rest_w: usize = rest.iter().map(|s| s.content.width()).sum();
        let widths = (self.width.saturating_sub(first_w).max(1), self.width.saturating_sub(rest_w).max(1));
        for (i, line) in wrap::wrap(&spans, widths).into_iter().enumerate() {
            let mut all = if i == 0 { first.clone() } else { rest.clone() };
            all.extend(line.into_iter().map(|(t, s)| Span::styled(t, s)));
            self.emit(all);
        }
    }

    fn code_block(&mut self) {
        let code = self.code.take().unwrap_or_default();
        let prefix = self.prefix();
        let indent: usize = prefix.iter().map(|s| s.content.width()).sum::<usize>() + 2;
        let avail = self.width.saturating_sub(indent).max(1);
        if !self.out.is_empty() {
            self.blank_before_next = true;
        }
        for raw in code.trim_end_matches('\n').split('\n') {
            let text = crate::sanitize::clean_line(raw).into_owned();
            for piece in wrap::hard_wrap(&text, avail) {
                let mut spans = prefix.clone();
                spans.push(Span::raw("  "));
                spans.push(Span::styled(piece, self.theme.code_block));
                self.emit(spans);
            }
        }
        self.blank_before_next = true;
    }
}
