//! The single pulldown-cmark pass: top-level blocks with their source ranges, the visible text of each line
//! of a paragraph or heading, the direct items of a list, and every link in document order.
//!
//! Everything later (markers, sections, extras, jokes) reads this summary, so the markdown is parsed once per
//! file and bodies are slices of the source. Nesting is tracked with a counter, never with recursion.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::autolink::{Autolinker, Finder, Hints, Run, email_url};
use super::html::{InlineTag, inline_tag};

/// What a top-level block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    List,
    Code,
    Quote,
    Html,
    Rule,
    Other,
}

/// The first inline thing of a paragraph: a bold or linked opening reads as a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Strong,
    Emphasis,
    /// A link whose text starts bold (`[**Brian #1: Title**](url)`) or that holds no text.
    Link,
    /// A link whose text starts as plain words (`[Talk Show #3: …](url)`): a label, never a marker.
    PlainLink,
    Text,
    Nothing,
}

/// A link's place on a line of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineLink {
    /// Index into [`Walk::links`].
    pub link: usize,
    /// Byte range of the link's text within [`Line::text`].
    pub span: Range<usize>,
}

/// One line of a paragraph or heading, as a reader sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line<'a> {
    /// Borrowed from the source while the line is one piece of text.
    pub text: Cow<'a, str>,
    /// Source offset where the line starts (for a heading or first line: the block start).
    pub start: usize,
    pub links: Vec<LineLink>,
}

/// A direct item of a top-level list. Its text is read from the source when needed (extras labels, jokes),
/// so the many items of segment bodies cost no allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub range: Range<usize>,
    pub images: usize,
}

/// Lines of a paragraph whose visible text is kept: marker, title and the address line under it. Later lines
/// keep only their start; whoever needs them reads the source.
pub const TEXT_LINES: usize = 3;

/// One top-level block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub range: Range<usize>,
    pub opening: Opening,
    /// Paragraph and heading lines; empty for other kinds.
    pub lines: Vec<Line<'a>>,
    pub items: Vec<Item>,
    /// Indexes into [`Walk::links`] of the links inside this block.
    pub links: Range<usize>,
    pub images: usize,
}

/// A link anywhere in the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink<'a> {
    /// Borrowed from the source while the text is one piece; owned once pieces are joined.
    pub text: Cow<'a, str>,
    pub url: Cow<'a, str>,
    pub block: usize,
    /// Source offset of the link, to tell which list item it sits in.
    pub offset: usize,
}

/// The summary of one parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk<'a> {
    pub blocks: Vec<Block<'a>>,
    pub links: Vec<RawLink<'a>>,
}

fn kind_of(tag: &Tag) -> BlockKind {
    match tag {
        Tag::Heading { level, .. } => BlockKind::Heading(*level as u8),
        Tag::Paragraph => BlockKind::Paragraph,
        Tag::List(_) => BlockKind::List,
        Tag::CodeBlock(_) => BlockKind::Code,
        Tag::BlockQuote(_) => BlockKind::Quote,
        Tag::HtmlBlock => BlockKind::Html,
        _ => BlockKind::Other,
    }
}

/// State while inside one top-level block.
struct Open<'a> {
    block: Block<'a>,
    depth: usize,
    /// Links being read: (index into links, start of its text in the current line).
    link_stack: Vec<(usize, usize)>,
    image_depth: usize,
    /// Inline `<a href>` links still open (a stray `</a>` closes nothing).
    html_links: usize,
    /// Inside a code span or block: no bare URLs there.
    code: bool,
    /// Alt text of images inside the innermost open link: its label when it has no words of its own.
    alt: String,
}

impl<'a> Open<'a> {
    fn lined(&self) -> bool {
        matches!(self.block.kind, BlockKind::Paragraph | BlockKind::Heading(_))
    }

    fn push_text(&mut self, s: &CowStr<'a>, links: &mut [RawLink<'a>]) {
        // An image's alt text is not part of the line a reader sees as a title; it labels the link around it
        // when that link has no words of its own (`[![logo](img.png)](https://home)`).
        if self.image_depth > 0 {
            if !self.link_stack.is_empty() {
                self.alt.push_str(s);
            }
            return;
        }
        for &(li, _) in &self.link_stack {
            if let Some(l) = links.get_mut(li) {
                append(&mut l.text, s);
            }
        }
        if self.lined()
            && self.block.lines.len() <= TEXT_LINES
            && let Some(line) = self.block.lines.last_mut()
        {
            append(&mut line.text, s);
        }
    }

    fn open_link(&mut self, url: Cow<'a, str>, block: usize, offset: usize, links: &mut Vec<RawLink<'a>>) {
        let index = links.len();
        links.push(RawLink { text: Cow::Borrowed(""), url, block, offset });
        let at = self.block.lines.last().map_or(0, |l| l.text.len());
        self.link_stack.push((index, at));
        self.alt.clear();
    }

    fn close_link(&mut self, links: &mut [RawLink<'a>]) {
        let alt = std::mem::take(&mut self.alt);
        if let Some(&(index, _)) = self.link_stack.last()
            && let Some(l) = links.get_mut(index)
            && l.text.trim().is_empty()
            && !alt.trim().is_empty()
        {
            l.text = Cow::Owned(alt);
        }
        if let Some((index, at)) = self.link_stack.pop()
            && self.lined()
            && let Some(line) = self.block.lines.last_mut()
        {
            let end = line.text.len();
            line.links.push(LineLink { link: index, span: at.min(end)..end });
        }
    }

    fn line_break(&mut self, at: usize) {
        if self.lined() {
            // A link spanning the break keeps its text on the line where it started.
            self.block.lines.push(Line { text: Cow::Borrowed(""), start: at, links: Vec::new() });
            for entry in &mut self.link_stack {
                entry.1 = 0;
            }
        }
    }
}

/// Append without allocating while the text is a single borrowed piece; once pieces are joined, one
/// allocation with room for a few more pieces instead of a copy and a regrowth.
fn append<'a>(to: &mut Cow<'a, str>, piece: &CowStr<'a>) {
    match to {
        Cow::Borrowed("") => {
            *to = match piece {
                CowStr::Borrowed(b) => Cow::Borrowed(*b),
                other => Cow::Owned(other.to_string()),
            };
        }
        Cow::Borrowed(b) => {
            let mut joined = String::with_capacity((b.len() + piece.len()) * 2);
            joined.push_str(b);
            joined.push_str(piece);
            *to = Cow::Owned(joined);
        }
        Cow::Owned(s) => s.push_str(piece),
    }
}

fn cow<'a>(s: CowStr<'a>) -> Cow<'a, str> {
    match s {
        CowStr::Borrowed(b) => Cow::Borrowed(b),
        other => Cow::Owned(other.to_string()),
    }
}

/// Parse `text` once and summarise it.
pub fn walk(text: &str) -> Walk<'_> {
    // Sized from the corpus (about three blocks and four links per KiB) so most files never regrow them.
    let guess = text.len() / 256 + 8;
    let mut walk = Walk { blocks: Vec::with_capacity(guess), links: Vec::with_capacity(guess) };
    let mut open: Option<Open> = None;
    // One link stack for the whole walk, handed from block to block.
    let mut spare_stack: Vec<(usize, usize)> = Vec::new();
    let finder = Finder { linker: Autolinker::default(), hints: Hints::new(text) };
    let mut run = Run::default();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        let is_text = matches!(event, Event::Text(_));
        if !is_text && run.active {
            run.flush(text, &finder, &mut walk.links);
        }
        let Some(cur) = open.as_mut() else {
            match event {
                Event::Start(tag) => {
                    let kind = kind_of(&tag);
                    let mut lines = Vec::new();
                    let mut items = Vec::new();
                    match kind {
                        BlockKind::Paragraph | BlockKind::Heading(_) => {
                            lines.reserve(TEXT_LINES + 1);
                            lines.push(Line { text: Cow::Borrowed(""), start: range.start, links: Vec::new() });
                        }
                        BlockKind::List => items.reserve(8),
                        _ => {}
                    }
                    open = Some(Open {
                        block: Block {
                            kind,
                            range: range.clone(),
                            opening: Opening::Nothing,
                            lines,
                            items,
                            links: walk.links.len()..walk.links.len(),
                            images: 0,
                        },
                        depth: 1,
                        link_stack: std::mem::take(&mut spare_stack),
                        image_depth: 0,
                        html_links: 0,
                        code: kind == BlockKind::Code,
                        alt: String::new(),
                    });
                }
                Event::Rule => walk.blocks.push(Block {
                    kind: BlockKind::Rule,
                    range: range.clone(),
                    opening: Opening::Nothing,
                    lines: Vec::new(),
                    items: Vec::new(),
                    links: walk.links.len()..walk.links.len(),
                    images: 0,
                }),
                _ => {}
            }
            continue;
        };
        let block_index = walk.blocks.len();
        match event {
            Event::Start(tag) => {
                if cur.lined() && cur.block.opening == Opening::Nothing && cur.depth == 1 {
                    cur.block.opening = match tag {
                        Tag::Strong => Opening::Strong,
                        Tag::Emphasis => Opening::Emphasis,
                        Tag::Link { .. } => Opening::Link,
                        _ => Opening::Text,
                    };
                }
                match tag {
                    Tag::Item if cur.depth == 1 && cur.block.kind == BlockKind::List => {
                        cur.block.items.push(Item { range: range.clone(), images: 0 });
                    }
                    Tag::Link { link_type, dest_url, .. } => {
                        let url =
                            if link_type == LinkType::Email { Cow::Owned(email_url(&dest_url)) } else { cow(dest_url) };
                        cur.open_link(url, block_index, range.start, &mut walk.links);
                    }
                    Tag::CodeBlock(_) => cur.code = true,
                    Tag::Image { .. } => {
                        cur.image_depth += 1;
                        cur.block.images += 1;
                        if let Some(item) = cur.block.items.last_mut() {
                            item.images += 1;
                        }
                    }
                    _ => {}
                }
                cur.depth += 1;
            }
            Event::End(tag_end) => {
                cur.depth -= 1;
                match tag_end {
                    TagEnd::Link => cur.close_link(&mut walk.links),
                    TagEnd::CodeBlock => cur.code = false,
                    TagEnd::Image => cur.image_depth = cur.image_depth.saturating_sub(1),
                    _ => {}
                }
                if cur.depth == 0 {
                    if let Some(mut done) = open.take() {
                        done.block.links.end = walk.links.len();
                        walk.blocks.push(done.block);
                        spare_stack = done.link_stack;
                        spare_stack.clear();
                    }
                    continue;
                }
            }
            Event::Text(s) | Event::Code(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
                if cur.lined() && cur.block.opening == Opening::Nothing && !s.trim().is_empty() {
                    cur.block.opening = Opening::Text;
                }
                // The first words of the line, straight inside the opening link.
                if cur.block.opening == Opening::Link
                    && cur.depth == 2
                    && cur.link_stack.len() == 1
                    && cur.block.lines.len() == 1
                    && cur.block.lines.first().is_some_and(|l| l.text.trim().is_empty())
                    && !s.trim().is_empty()
                {
                    cur.block.opening = Opening::PlainLink;
                }
                if cur.block.kind != BlockKind::Code && (cur.lined() || !cur.link_stack.is_empty()) {
                    cur.push_text(&s, &mut walk.links);
                }
                if is_text && !cur.code && cur.link_stack.is_empty() && cur.image_depth == 0 {
                    run.push(text, &s, &range, block_index);
                }
            }
            Event::InlineHtml(tag) => match inline_tag(&tag) {
                InlineTag::LinkOpen(url) => {
                    cur.open_link(Cow::Owned(url), block_index, range.start, &mut walk.links);
                    cur.html_links += 1;
                }
                InlineTag::LinkClose if cur.html_links > 0 => {
                    cur.html_links -= 1;
                    cur.close_link(&mut walk.links);
                }
                InlineTag::Break => {
                    if cur.lined() || !cur.link_stack.is_empty() {
                        cur.push_text(&CowStr::Borrowed(" "), &mut walk.links);
                    }
                    cur.line_break(range.end);
                }
                InlineTag::LinkClose | InlineTag::Other => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                if cur.lined() || !cur.link_stack.is_empty() {
                    cur.push_text(&CowStr::Borrowed(" "), &mut walk.links);
                }
                cur.line_break(range.end);
            }
            _ => {}
        }
    }
    run.flush(text, &finder, &mut walk.links);
    if let Some(mut done) = open.take() {
        done.block.links.end = walk.links.len();
        walk.blocks.push(done.block);
    }
    walk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_lines_and_links() {
        let w = walk("**Brian #1:** [**Title**](https://a.example)\nsecond line\n\n- one\n- two [x](u)\n");
        assert_eq!(w.blocks.len(), 2);
        let p = &w.blocks[0];
        assert_eq!(p.opening, Opening::Strong);
        assert_eq!(p.lines.len(), 2);
        assert_eq!(p.lines[0].text, "Brian #1: Title ");
        assert_eq!(p.lines[0].links[0].span, 10..15);
        assert_eq!(p.lines[1].text, "second line");
        let l = &w.blocks[1];
        assert_eq!(l.items.len(), 2);
        assert_eq!(w.links[1].url, "u");
        assert_eq!(w.links[1].block, 1);
    }

    fn urls<'a>(w: &'a Walk<'_>) -> Vec<(&'a str, &'a str)> {
        w.links.iter().map(|l| (l.text.as_ref(), l.url.as_ref())).collect()
    }

    #[test]
    fn bare_urls_and_emails_are_links_but_not_in_code() {
        let w = walk(
            "See https://a.example/x_y_z, `https://code.example` and <me@b.example>.\n\n```\nhttps://c.example\n```\n",
        );
        assert_eq!(
            urls(&w),
            [("https://a.example/x_y_z", "https://a.example/x_y_z"), ("me@b.example", "mailto:me@b.example")]
        );
        assert_eq!(w.blocks[0].links, 0..2);
        assert!(w.blocks[0].lines[0].links.len() == 1, "only the marked-up link sits on the line");
    }

    #[test]
    fn an_image_inside_a_link_labels_it_and_stays_out_of_the_line() {
        let w = walk(
            "## ![rocket](r.png) Launch [![logo](img.png)](https://home.example) [![x](y.png) Go](https://g.example)\n\n![alone](a.png)\n",
        );
        assert_eq!(urls(&w), [("logo", "https://home.example"), (" Go", "https://g.example")]);
        assert_eq!(w.blocks[0].lines[0].text.trim(), "Launch   Go");
    }

    #[test]
    fn inline_html_links_and_breaks() {
        let w = walk("Read <a href=\"https://h.example/?a=1&amp;b=2\">the post</a><br>next line\n");
        assert_eq!(urls(&w), [("the post", "https://h.example/?a=1&b=2")]);
        let lines: Vec<&str> = w.blocks[0].lines.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(lines, ["Read the post ", "next line"]);
        assert_eq!(w.blocks[0].lines[0].links[0].span, 5..13);
    }

    #[test]
    fn a_plain_link_opening_is_a_label() {
        assert_eq!(walk("[Talk Show #3: x](https://t.example)\n").blocks[0].opening, Opening::PlainLink);
        assert_eq!(walk("[**Brian #3: x**](https://t.example)\n").blocks[0].opening, Opening::Link);
        assert_eq!(walk("[](https://t.example) **Brian #3:** x\n").blocks[0].opening, Opening::Link);
    }

    #[test]
    fn escaped_bare_urls_read_as_seen() {
        let w = walk("see https://a.example/x\\_y and more\n");
        assert_eq!(urls(&w), [("https://a.example/x_y", "https://a.example/x_y")]);
    }

    #[test]
    fn bold_split_mid_word_reads_as_the_word() {
        let w = walk("**B****rian #****3:** [Title](https://t.example)\n");
        assert_eq!(crate::parse::text::collapse(&w.blocks[0].lines[0].text), "Brian #3: Title");
    }
}
