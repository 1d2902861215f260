//! Markdown (a segment's body, a description, an extra) → styled lines wrapped to a width, every link numbered.
//!
//! Walks pulldown-cmark events with explicit stacks (no recursion, so deep nesting cannot overflow) and keeps
//! list indentation real: a wrapped bullet continues under its text, not under the bullet. Bare URLs and email
//! addresses, HTML `<a href>` and reference links are links too; numbers are the episode's ([`EpisodeLinks`])
//! when given, else first-seen order, and [`Rendered::spots`] says where each one is drawn.

mod inline;
pub mod links;
mod table;
mod wrap;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub use links::EpisodeLinks;
use wrap::Piece;

use crate::tui::theme::Theme;

/// A body ready to draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Link destinations in the order they first appear in this text.
    pub links: Vec<String>,
    /// Where each numbered link (its words and its `[n]`) is drawn.
    pub spots: Vec<LinkSpot>,
}

/// One span of a numbered link on screen: line, span index within the line, columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSpot {
    /// The link's number (1-based, as on screen).
    pub number: usize,
    pub line: usize,
    pub span: usize,
    /// First column of the span and its width in cells.
    pub x: u16,
    pub width: u16,
}

impl Rendered {
    /// Draw link `number` as selected.
    pub fn select(&mut self, number: usize, theme: &Theme) {
        for s in self.spots.iter().filter(|s| s.number == number) {
            if let Some(span) = self.lines.get_mut(s.line).and_then(|l| l.spans.get_mut(s.span)) {
                span.style = span.style.patch(theme.link_selected);
            }
        }
    }

    /// The link drawn at `column` of `line`.
    pub fn link_at(&self, line: usize, column: u16) -> Option<usize> {
        self.spots.iter().find(|s| s.line == line && (s.x..s.x + s.width).contains(&column)).map(|s| s.number)
    }

    /// The first line showing link `number`.
    pub fn line_of(&self, number: usize) -> Option<usize> {
        self.spots.iter().find(|s| s.number == number).map(|s| s.line)
    }
}

/// Options that change how a body is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions<'a> {
    /// The link picked by number (1-based), drawn reversed.
    pub selected_link: Option<usize>,
    /// The episode's numbering and reference definitions; without it links are numbered in order of appearance.
    pub links: Option<&'a EpisodeLinks>,
}

/// The pulldown-cmark extensions the reader draws: GFM tables, strikethrough and task lists.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The link destinations of a text, in the order [`render`] numbers them without an episode.
pub fn links(markdown: &str) -> Vec<String> {
    collect_links(markdown, &EpisodeLinks::default()).into_iter().map(|(url, _)| url).collect()
}

/// Each distinct link of a text with the words it is shown with.
pub(crate) fn collect_links(markdown: &str, ctx: &EpisodeLinks) -> Vec<(String, String)> {
    let theme = Theme::default();
    let mut r = Renderer::new(&theme, 1000, ctx, Output::Links);
    run(&mut r, markdown);
    r.labels
}

/// Render `markdown` to lines at most `width` cells wide.
pub fn render(markdown: &str, width: u16, theme: &Theme, options: RenderOptions<'_>) -> Rendered {
    let empty = EpisodeLinks::default();
    let ctx = options.links.unwrap_or(&empty);
    let mut r = Renderer::new(theme, usize::from(width.max(1)), ctx, Output::Lines);
    run(&mut r, markdown);
    let mut out = Rendered { lines: r.out, links: r.links, spots: r.spots };
    if let Some(n) = options.selected_link {
        out.select(n, theme);
    }
    out
}

fn run(r: &mut Renderer<'_>, markdown: &str) {
    let refs = &r.ctx.refs;
    let mut resolve = |link: BrokenLink<'_>| {
        refs.get(&link.reference.to_lowercase()).map(|url| (CowStr::from(url.clone()), CowStr::from("")))
    };
    let events: Vec<Event<'_>> =
        Parser::new_with_broken_link_callback(markdown, options(), Some(&mut resolve)).collect();
    for event in events {
        r.event(event);
    }
    r.flush();
}

/// One item of a list the notes keep as separate strings (an extra, a joke), drawn as a bullet whether or not
/// the notes wrote one, so every item looks alike.
pub fn render_item(markdown: &str, width: u16, theme: &Theme, options: RenderOptions<'_>) -> Rendered {
    let t = markdown.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let is_list = t.starts_with(['-', '*', '+']) || (digits > 0 && t[digits..].starts_with(['.', ')']));
    if is_list {
        return render(markdown, width, theme, options);
    }
    let mut body = render(markdown, width.saturating_sub(2), theme, options);
    for (i, line) in body.lines.iter_mut().enumerate() {
        line.spans.insert(0, Span::styled(if i == 0 { "• " } else { "  " }, theme.bullet));
    }
    for s in &mut body.spots {
        s.span += 1;
        s.x += 2;
    }
    body
}

/// What a render pass produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Lines,
    /// Only the links and their labels (no wrapping).
    Links,
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
    ctx: &'t EpisodeLinks,
    output: Output,
    width: usize,
    out: Vec<Line<'static>>,
    spots: Vec<LinkSpot>,
    /// Inline text of the block being built.
    spans: Vec<Piece>,
    styles: Vec<Style>,
    lists: Vec<ListLevel>,
    quotes: usize,
    /// The marker (`• `, `3. `) waiting to start the next flushed line.
    marker: Option<String>,
    code: Option<String>,
    links: Vec<String>,
    labels: Vec<(String, String)>,
    blank_before_next: bool,
    inline: inline::State,
    table: Option<table::Table>,
    html: Option<String>,
}

const BULLETS: [&str; 3] = ["•", "◦", "▪"];

impl<'t> Renderer<'t> {
    fn new(theme: &'t Theme, width: usize, ctx: &'t EpisodeLinks, output: Output) -> Self {
        Self {
            theme,
            ctx,
            output,
            width,
            out: Vec::new(),
            spots: Vec::new(),
            spans: Vec::new(),
            styles: Vec::new(),
            lists: Vec::new(),
            quotes: 0,
            marker: None,
            code: None,
            links: Vec::new(),
            labels: Vec::new(),
            blank_before_next: false,
            inline: inline::State::default(),
            table: None,
            html: None,
        }
    }

    fn style(&self) -> Style {
        self.styles.iter().fold(Style::new(), |acc, s| acc.patch(*s))
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
        if let Some(html) = self.html.as_mut() {
            if let Event::Html(t) | Event::Text(t) = &event {
                html.push_str(t);
                return;
            }
            self.html_block();
        }
        if !matches!(event, Event::Text(_)) {
            self.text_done();
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push_text(&t, self.style().patch(self.theme.code)),
            Event::InlineHtml(t) => self.inline_html(&t),
            Event::Html(t) => self.html = Some(t.into_string()),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, self.style().patch(self.theme.dim)),
            Event::FootnoteReference(t) => self.push_text(&format!("[^{t}]"), self.theme.dim),
            Event::SoftBreak => self.push_text(" ", self.style()),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                let rule = "─".repeat(self.width.min(40));
                self.emit(vec![Piece::new(rule, self.theme.dim)]);
                self.blank_before_next = true;
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }, self.theme.bullet),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.flush(),
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
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
            Tag::Item => self.item(),
            Tag::Emphasis => self.styles.push(self.theme.italic),
            Tag::Strong => self.styles.push(self.theme.bold),
            Tag::Strikethrough => self.styles.push(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { link_type, dest_url, .. } => self.link_start(inline::target(link_type, &dest_url)),
            Tag::Image { .. } => self.image_start(),
            Tag::Table(aligns) => {
                self.flush();
                self.table = Some(table::Table::new(aligns));
            }
            Tag::TableHead | Tag::TableRow | Tag::TableCell => self.spans.clear(),
            _ => {}
        }
    }

    fn item(&mut self) {
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
            TagEnd::Link => self.link_end(),
            TagEnd::Image => self.image_end(),
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.spans);
                if let Some(t) = self.table.as_mut() {
                    t.cell(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.row_done(matches!(tag, TagEnd::TableHead));
                }
            }
            TagEnd::Table => self.table_done(),
            _ => {}
        }
    }

    /// The indentation before a line: quote bars, then list indents, then this item's marker on its first line.
    fn prefix(&mut self) -> Vec<Piece> {
        let mut spans = Vec::new();
        if self.quotes > 0 {
            spans.push(Piece::new("│ ".repeat(self.quotes), self.theme.quote));
        }
        let levels = self.lists.len();
        let outer: usize = self.lists.iter().take(levels.saturating_sub(1)).map(|l| l.indent).sum();
        let own = self.lists.last().map_or(0, |l| l.indent);
        match self.marker.take() {
            Some(marker) => {
                spans.push(Piece::new(" ".repeat(outer), Style::new()));
                spans.push(Piece::new(marker, self.theme.bullet));
            }
            None => spans.push(Piece::new(" ".repeat(outer + own), Style::new())),
        }
        // Deep nesting must still leave room for text.
        let budget = self.width / 2;
        let mut used = 0;
        spans.retain_mut(|s| {
            let w = s.text.width();
            if used + w > budget {
                s.text = s.text.chars().take(budget.saturating_sub(used)).collect();
                used = budget;
            } else {
                used += w;
            }
            !s.text.is_empty()
        });
        spans
    }

    fn emit(&mut self, pieces: Vec<Piece>) {
        if self.blank_before_next && !self.out.is_empty() {
            self.out.push(Line::default());
        }
        self.blank_before_next = false;
        let line = self.out.len();
        let mut x = 0u16;
        let mut spans = Vec::with_capacity(pieces.len());
        for (i, p) in pieces.into_iter().enumerate() {
            let width = u16::try_from(p.text.width()).unwrap_or(u16::MAX);
            if let Some(number) = p.link {
                self.spots.push(LinkSpot { number, line, span: i, x, width });
            }
            x = x.saturating_add(width);
            spans.push(Span::styled(p.text, p.style));
        }
        self.out.push(Line::from(spans));
    }

    /// Wrap the pending inline text under the current prefix.
    fn flush(&mut self) {
        self.text_done();
        if self.table.is_some() {
            return;
        }
        if self.output == Output::Links || self.spans.iter().all(|p| p.text.trim().is_empty()) {
            self.spans.clear();
            return;
        }
        let spans = std::mem::take(&mut self.spans);
        let first = self.prefix();
        let rest = self.prefix();
        let first_w: usize = first.iter().map(|s| s.text.width()).sum();
        let rest_w: usize = rest.iter().map(|s| s.text.width()).sum();
        let widths = (self.width.saturating_sub(first_w).max(1), self.width.saturating_sub(rest_w).max(1));
        for (i, line) in wrap::wrap(&spans, widths).into_iter().enumerate() {
            let mut all = if i == 0 { first.clone() } else { rest.clone() };
            all.extend(line);
            self.emit(all);
        }
    }

    fn code_block(&mut self) {
        let code = self.code.take().unwrap_or_default();
        if self.output == Output::Links {
            return;
        }
        let prefix = self.prefix();
        let indent: usize = prefix.iter().map(|s| s.text.width()).sum::<usize>() + 2;
        let avail = self.width.saturating_sub(indent).max(1);
        if !self.out.is_empty() {
            self.blank_before_next = true;
        }
        for raw in code.trim_end_matches('\n').split('\n') {
            let text = crate::sanitize::clean_line(&wrap::expand_tabs(raw, 4)).into_owned();
            for piece in wrap::hard_wrap(&text, avail) {
                let mut spans = prefix.clone();
                spans.push(Piece::new("  ", Style::new()));
                spans.push(Piece::new(piece, self.theme.code_block));
                self.emit(spans);
            }
        }
        self.blank_before_next = true;
    }

    fn table_done(&mut self) {
        let Some(t) = self.table.take() else { return };
        if self.output == Output::Links {
            return;
        }
        let prefix = self.prefix();
        let indent: usize = prefix.iter().map(|s| s.text.width()).sum();
        for mut line in t.layout(self.width.saturating_sub(indent).max(1), self.theme) {
            let mut all = prefix.clone();
            all.append(&mut line);
            self.emit(all);
        }
        self.blank_before_next = true;
    }
}
