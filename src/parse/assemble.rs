//! Turning the walker's block summary into an [`Episode`]: one pass over the top-level blocks with the
//! section in force (intro, a segment, extras, jokes, sponsor, a non-segment block), cutting segment bodies
//! as slices of the source.

use std::collections::HashSet;

use super::extras::ExtrasBuilder;
use super::hosts::{LabelUse, label_host};
use super::jokes::{self, JokeGroup, Unit, UnitKind};
use super::markers::{Marker, NameCertainty, Ordinal, parse_countdown, parse_marker};
use super::sections::{Heading, classify, heading_like, split_label};
use super::sponsor::{sponsor_name, sponsor_phrase};
use super::text::{collapse, first_source_line, is_typo_of, label_words, plain_line, prefix};
use super::walker::{Block, BlockKind, Line, Opening, RawLink, Walk};
use crate::model::{Episode, EpisodeLink, Host, Link, Segment, Sponsor};

/// Fuzzy matching (typos, initials) looks at this many of an episode's hosts: real episodes have a handful,
/// and the bound keeps hostile notes with thousands of names linear.
const MAX_KNOWN: usize = 32;

/// Maps byte offsets of the parsed text to 1-based lines of the original file.
pub struct LineMap<'a> {
    pub text: &'a str,
    /// Lines taken by a front matter above `text`.
    pub lines_before: usize,
    /// Newlines added by the fence repair (offsets in `text`).
    pub inserted: &'a [usize],
}

/// Newlines in `s`, eight bytes at a time (exact: a byte is flagged only when it equals `\n`).
fn count_newlines(s: &str) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let bytes = s.as_bytes();
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder().iter().filter(|&&b| b == b'\n').count();
    let mut n = 0usize;
    for chunk in chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ NL;
        let zero_high = !(((x & LOW7) + LOW7) | x | LOW7);
        n += zero_high.count_ones() as usize;
    }
    n + tail
}

/// A position already counted, so ascending lookups scan the text once.
#[derive(Default)]
struct LineCursor {
    offset: usize,
    newlines: usize,
}

impl LineMap<'_> {
    fn line(&self, cursor: &mut LineCursor, offset: usize) -> usize {
        if offset < cursor.offset {
            *cursor = LineCursor::default();
        }
        let span = self.text.get(cursor.offset..offset).unwrap_or("");
        cursor.newlines += count_newlines(span);
        cursor.offset = offset;
        let added = self.inserted.partition_point(|&p| p < offset);
        1 + self.lines_before + cursor.newlines - added.min(cursor.newlines)
    }
}

/// Does the line start with these words, ignoring case and markup (`**Connect with the hosts**`)?
fn starts_like(line: &str, words: &str) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#'));
    let first = words.chars().next().unwrap_or(' ');
    t.chars().next().is_some_and(|c| c.eq_ignore_ascii_case(&first))
        && label_words(super::text::prefix(t, 60)).starts_with(words)
}

/// Which section a block sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Section {
    Intro,
    Segment(usize),
    Extras,
    Jokes,
    Sponsor,
    /// Shared: every block of the section records it.
    Other(std::rc::Rc<str>),
}

struct Draft {
    segment: Segment,
    body_start: usize,
    body_end: usize,
    first_block: usize,
    end_block: usize,
}

/// A usable link target: not empty, not a bare `http://` placeholder.
fn valid_url(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() {
        return false;
    }
    match u.split_once("://") {
        Some((_, rest)) => !rest.trim_matches('/').is_empty(),
        None => true,
    }
}

fn block_text<'t>(text: &'t str, b: &Block) -> &'t str {
    text.get(b.range.clone()).unwrap_or("")
}

fn first_line<'b>(b: &'b Block<'_>) -> &'b str {
    b.lines.first().map_or("", |l| l.text.as_ref())
}

/// The marker a block opens with, if any (the episode title heading never is one).
fn marker_of(b: &Block) -> Option<Marker> {
    match b.kind {
        BlockKind::Paragraph | BlockKind::Heading(_) => {}
        _ => return None,
    }
    let line = first_line(b);
    if let Some(m) = parse_marker(line) {
        return Some(m);
    }
    if b.opening == Opening::Strong { parse_countdown(line) } else { None }
}

/// Episode number (and title) from the top heading: `Python Bytes 149`, `PB 485`, `#460: Title`.
fn number_and_title(heading: &str) -> (Option<u32>, Option<String>) {
    let t = heading.trim();
    if let Some(rest) = t.strip_prefix('#') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u32>() {
            let after = rest.get(digits.len()..).unwrap_or("");
            let title = after.trim_start_matches([':', ' ', '-', '–', '—']).trim();
            return (Some(n), (!title.is_empty()).then(|| collapse(title)));
        }
    }
    let Some(pos) = t.find(|c: char| c.is_ascii_digit()) else { return (None, None) };
    if t.get(..pos).is_some_and(|before| before.split_whitespace().count() > 4) {
        return (None, None);
    }
    let digits: String = t.get(pos..).unwrap_or("").chars().take_while(char::is_ascii_digit).collect();
    let n = digits.parse::<u32>().ok();
    let after = t.get(pos + digits.len()..).unwrap_or("").trim_start_matches([':', ' ', '-', '–', '—']).trim();
    (n, (!after.is_empty()).then(|| collapse(after)))
}

/// Junk between a marker and the title link (a stray `Ï`, a bare `(https://…)`) that a reader skips.
fn is_junk(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || (t.chars().count() <= 2 && t.chars().all(char::is_alphabetic))
        || (t.contains("://") && !t.contains(' '))
}

/// Markdown that reached the visible text literally (inside a code span, behind an escaped `[`, or a link
/// whose target has spaces) still reads as its text: `[**pluginlib**](https://…)` → `pluginlib`.
fn strip_literal_links(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(']') || !s.contains("](") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find("](") else { break };
        let target = after.get(close + 2..).unwrap_or("");
        let Some(end) = target.find(')') else { break };
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push_str(after.get(..close).unwrap_or(""));
        rest = target.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Markdown after a `Michael:` label on its first line (`- **Bob**: Be sure …` → `Be sure …`), so an item
/// filed under its host does not repeat the name; nested lines are kept.
fn after_label(md: &str) -> &str {
    let first_end = md.find('\n').unwrap_or(md.len());
    match md.get(..first_end).and_then(|l| l.find([':', '：'])) {
        Some(i) => {
            let colon = md.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
            md.get(i + colon..).unwrap_or(md).trim_start_matches(['*', '_', ' ', '\t']).trim_start_matches(['\r', '\n'])
        }
        None => md,
    }
}

/// `**Main topic**: AMA questions from the audience. Use …`: an episode with one unnumbered item, titled by
/// the first sentence after the label.
fn main_topic(line: &str) -> Option<String> {
    let (label, rest) = split_label(line);
    let words = label_words(label);
    if words != "main topic" && words != "topic" {
        return None;
    }
    let rest = line.get(rest?..)?.trim();
    let sentence = rest.find(". ").map_or(rest, |i| rest.get(..i).unwrap_or(rest));
    let title = clean_title(sentence.trim_end_matches('.'));
    (!title.is_empty()).then_some(title)
}

/// The text is one bare `http(s)://` address.
fn bare_url(text: &str) -> Option<String> {
    let t = text.trim();
    ((t.starts_with("http://") || t.starts_with("https://")) && !t.contains(char::is_whitespace) && valid_url(t))
        .then(|| t.to_owned())
}

/// The target of the first literal `[text](http…)` left in visible text.
fn literal_link_target(text: &str) -> Option<String> {
    let open = text.find("](")?;
    let target = text.get(open + 2..)?;
    let end = target.find(')')?;
    let url = target.get(..end)?.trim();
    (url.starts_with("http") && !url.contains(char::is_whitespace) && valid_url(url)).then(|| url.to_owned())
}

fn clean_title(s: &str) -> String {
    collapse(&strip_literal_links(s))
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '*'))
        .to_owned()
}

/// Title and url of a segment heading line after its marker.
fn title_and_url(line: &Line, from: usize, links: &[RawLink<'_>]) -> (String, Option<String>) {
    let after: Vec<_> = line
        .links
        .iter()
        .filter(|l| l.span.end > from && links.get(l.link).is_some_and(|r| valid_url(&r.url)))
        .collect();
    let mut start = from.min(line.text.len());
    if let Some(first) = after.first()
        && first.span.start > start
        && line.text.get(start..first.span.start).is_some_and(|between| is_junk(&strip_literal_links(between)))
    {
        start = first.span.start;
    }
    let title = clean_title(line.text.get(start..).unwrap_or(""));
    let url = after.first().and_then(|l| links.get(l.link)).map(|r| r.url.trim().to_owned());
    (title, url)
}

/// The line is nothing but a link (`[**Title**](url)`): its text and target.
fn link_only(line: &Line, links: &[RawLink<'_>]) -> Option<(String, String)> {
    let l = line.links.first()?;
    let raw = links.get(l.link)?;
    let before = line.text.get(..l.span.start)?;
    let after = line.text.get(l.span.end..)?;
    (before.trim().is_empty() && after.trim().is_empty() && valid_url(&raw.url))
        .then(|| (clean_title(&raw.text), raw.url.trim().to_owned()))
}

struct Builder<'a> {
    text: &'a str,
    walk: &'a Walk<'a>,
    /// Hosts the episode's certain markers name, in order (at most [`MAX_KNOWN`], for fuzzy matching).
    known: Vec<String>,
    /// Every certain marker host, lower case, for exact lookups.
    known_lower: HashSet<String>,
    drafts: Vec<Draft>,
    section: Section,
    /// The section each block sits in, for naming the section of every link.
    sections: Vec<Section>,
    extras: ExtrasBuilder,
    jokes: Vec<JokeGroup>,
    sponsor: Option<Sponsor>,
    sponsor_pending: bool,
}

impl Builder<'_> {
    fn close_segment(&mut self, at: usize, block: usize) {
        if let Section::Segment(i) = self.section
            && let Some(d) = self.drafts.get_mut(i)
        {
            d.body_end = at.max(d.body_start);
            d.end_block = block;
        }
    }

    fn is_known(&self, name: &str) -> bool {
        self.known_lower.contains(&name.to_lowercase()) || self.known.iter().any(|k| is_typo_of(name, k))
    }

    fn resolve_host(&self, m: &Marker) -> (Option<String>, usize) {
        match (&m.host, m.certainty) {
            (Some(h), NameCertainty::Certain) => (Some(h.clone()), m.len),
            (Some(h), NameCertainty::IfKnown) => {
                if self.is_known(h) {
                    (Some(h.clone()), m.len)
                } else {
                    (None, m.len_without_name)
                }
            }
            (Some(h), NameCertainty::OnlyIfKnown) => (self.is_known(h).then(|| h.clone()), m.len),
            (None, _) => (None, m.len),
        }
    }

    fn start_segment(&mut self, i: usize, b: &Block, m: &Marker) {
        let (host, title_from) = self.resolve_host(m);
        let Some(line0) = b.lines.first() else { return };
        let (mut title, mut url) = title_and_url(line0, title_from, &self.walk.links);
        let mut title_line = 0;
        if title.is_empty()
            && let Some(line1) = b.lines.get(1)
        {
            (title, url) = title_and_url(line1, 0, &self.walk.links);
            title_line = 1;
        }
        let mut body_line = title_line + 1;
        // The article's address on the line under the title, as a link or as bare text.
        if url.is_none()
            && let Some(next) = b.lines.get(title_line + 1)
        {
            let found = link_only(next, &self.walk.links).map(|(_, u)| u).or_else(|| bare_url(&next.text));
            if found.is_some() {
                url = found;
                body_line += 1;
            }
        }
        if url.is_none()
            && let Some(line) = b.lines.get(title_line)
        {
            url = bare_url(&title).or_else(|| literal_link_target(&line.text));
        }
        let body_start = b.lines.get(body_line).map_or(b.range.end, |l| l.start);
        let mut ordinal = match m.ordinal {
            Ordinal::Number(n) => Some(n),
            Ordinal::PreShow => None,
        };
        // `#44` after `#3`: a doubled keystroke, read as 4.
        if let (Some(n), Some(prev)) = (ordinal, self.drafts.last().and_then(|d| d.segment.ordinal)) {
            let digits = n.to_string();
            let first = digits.chars().next().and_then(|c| c.to_digit(10));
            if n >= 10 && digits.chars().all(|c| digits.starts_with(c)) && first == Some(prev + 1) {
                ordinal = first;
            }
        }
        self.push_draft(i, Segment { ordinal, host, title, url, ..Segment::default() }, body_start);
    }

    fn push_draft(&mut self, i: usize, segment: Segment, body_start: usize) {
        self.drafts.push(Draft {
            segment,
            body_start,
            body_end: self.text.len(),
            first_block: i,
            end_block: usize::MAX,
        });
        self.section = Section::Segment(self.drafts.len() - 1);
    }

    fn sponsor_block(&mut self, b: &Block, phrase_end: usize) {
        if self.sponsor.is_some() {
            return;
        }
        let line = first_line(b);
        let links = self.walk.links.get(b.links.clone()).unwrap_or(&[]);
        let url = links.iter().find(|l| valid_url(&l.url)).map(|l| l.url.trim().to_owned());
        let name = sponsor_name(line.get(phrase_end..).unwrap_or(""))
            .or_else(|| b.lines.get(1).and_then(|l| sponsor_name(&l.text)))
            .or_else(|| links.first().map(|l| clean_title(&l.text)).filter(|s| !s.is_empty()));
        match name {
            Some(name) => self.sponsor = Some(Sponsor { name, url }),
            None => self.sponsor_pending = true,
        }
    }

    /// A line of the extras: a host label (with or without an item after it) or an item.
    fn extras_line(&mut self, text: &str, markdown: &str) {
        let (label, rest) = split_label(text);
        let rest_text = rest.and_then(|r| text.get(r..)).unwrap_or("").trim();
        let usage = if rest_text.is_empty() { LabelUse::Standalone } else { LabelUse::Prefix };
        let candidate = if rest.is_some() || label.split_whitespace().count() <= 2 { Some(label) } else { None };
        match candidate.and_then(|l| label_host(l, &self.known, usage)) {
            Some(host) if rest_text.is_empty() => self.extras.label(host),
            Some(host) => {
                self.extras.label(host.clone());
                self.extras.item_for(Some(host), after_label(markdown));
            }
            None => self.extras.item(markdown),
        }
    }

    /// A `Michael:` line swallowed into the end of a list item (a lazy continuation line): a reader sees a
    /// new label. Returns the item without it and the host it names.
    fn split_trailing_label<'t>(&self, md: &'t str) -> (&'t str, Option<String>) {
        let mut offset = 0;
        for (k, line) in md.split_inclusive('\n').enumerate() {
            let t = line.trim().trim_matches(['*', '_']);
            if k > 0
                && t.len() <= 40
                && let Some(label) = t.strip_suffix(':').or_else(|| t.strip_suffix(":**"))
                && label.split_whitespace().count() <= 2
                && let Some(host) = label_host(label, &self.known, LabelUse::Standalone)
            {
                return (md.get(..offset).unwrap_or(md), Some(host));
            }
            offset += line.len();
        }
        (md, None)
    }

    fn extras_block(&mut self, b: &Block, skip_first_line: bool) {
        let text = self.text;
        match b.kind {
            BlockKind::Paragraph | BlockKind::Heading(_) => {
                let lines = &b.lines[usize::from(skip_first_line).min(b.lines.len())..];
                for (k, line) in lines.iter().enumerate() {
                    let end = lines.get(k + 1).map_or(b.range.end, |l| l.start);
                    let md = text.get(line.start.max(b.range.start)..end).unwrap_or("");
                    self.extras_line(&plain_line(prefix(first_source_line(md), 80)), md);
                }
            }
            BlockKind::List => {
                for item in &b.items {
                    let md = text.get(item.range.clone()).unwrap_or("");
                    let first = plain_line(prefix(first_source_line(md), 80));
                    if first.is_empty() && !md.trim().contains('\n') {
                        continue;
                    }
                    let (md, next_label) = self.split_trailing_label(md);
                    let (label, rest) = split_label(&first);
                    let host = rest.and_then(|_| label_host(label, &self.known, LabelUse::Prefix));
                    match host {
                        Some(h) => self.extras.item_for(Some(h), &super::text::item_markdown(after_label(md))),
                        None => self.extras.item(md),
                    }
                    if let Some(h) = next_label {
                        self.extras.label(h);
                    }
                }
            }
            BlockKind::Rule => {}
            _ => self.extras.item(block_text(text, b)),
        }
    }

    fn joke_block(&mut self, b: &Block) {
        if self.jokes.is_empty() {
            self.jokes.push(JokeGroup::default());
        }
        let text = self.text;
        let links = &self.walk.links;
        let first_link = |r: std::ops::Range<usize>| {
            links
                .get(r)
                .and_then(|ls| ls.iter().find(|l| valid_url(&l.url)))
                .map(|l| (clean_title(&l.text), l.url.to_string()))
        };
        let mut units = Vec::new();
        match b.kind {
            BlockKind::List => {
                // Links and items are both in source order: one cursor walks the links once.
                let mut next_link = b.links.start;
                for item in &b.items {
                    let md = text.get(item.range.clone()).unwrap_or("").trim().to_owned();
                    while links.get(next_link).is_some_and(|l| l.offset < item.range.start) && next_link < b.links.end {
                        next_link += 1;
                    }
                    let inside = (next_link < b.links.end
                        && links.get(next_link).is_some_and(|l| item.range.contains(&l.offset)))
                    .then_some(next_link);
                    let link = inside.and_then(|li| first_link(li..li + 1));
                    let text = collapse(&strip_literal_links(&plain_line(&md)));
                    units.push(Unit { kind: UnitKind::Distinct, text, body: super::text::item_markdown(&md), link });
                }
            }
            BlockKind::Code => {
                units.push(Unit {
                    kind: UnitKind::Distinct,
                    text: String::new(),
                    body: block_text(text, b).to_owned(),
                    link: None,
                });
            }
            BlockKind::Rule | BlockKind::Html => {}
            _ => {
                let body = block_text(text, b).trim().to_owned();
                let t = collapse(&strip_literal_links(&plain_line(&body)));
                if b.images > 0 {
                    for _ in 0..b.images {
                        units.push(Unit {
                            kind: UnitKind::Distinct,
                            text: String::new(),
                            body: body.clone(),
                            link: None,
                        });
                    }
                } else {
                    units.push(Unit { kind: UnitKind::Paragraph, text: t, body, link: first_link(b.links.clone()) });
                }
            }
        }
        if let Some(g) = self.jokes.last_mut() {
            g.units.extend(units);
        }
    }

    /// The heading's links after `from` that are listed together (`[one](…) & [two](…)`): each names a joke.
    fn joined_links(&self, line: &Line, from: usize) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for ll in line.links.iter().filter(|ll| ll.span.end > from) {
            let Some(r) = self.walk.links.get(ll.link).filter(|r| valid_url(&r.url)) else { continue };
            if let Some(end) = prev_end {
                let between = line.text.get(end..ll.span.start).unwrap_or("x").trim();
                if !matches!(between, "&" | "and" | "," | "+" | "/" | "|" | "") {
                    break;
                }
            }
            prev_end = Some(ll.span.end);
            out.push((clean_title(&r.text), r.url.trim().to_owned()));
        }
        out
    }

    fn section_name(&self, section: &Section) -> String {
        match section {
            Section::Intro => "Intro".to_owned(),
            Section::Segment(i) => self.drafts.get(*i).map(|d| d.segment.title.clone()).unwrap_or_default(),
            Section::Extras => "Extras".to_owned(),
            Section::Jokes => "Jokes".to_owned(),
            Section::Sponsor => "Sponsor".to_owned(),
            Section::Other(n) => n.to_string(),
        }
    }

    /// A heading opening extras, jokes or another non-segment section.
    fn heading(&mut self, i: usize, b: &Block, h: Heading) {
        let line = first_line(b);
        let (label, rest) = split_label(line);
        let rest_text = rest.and_then(|r| line.get(r..)).unwrap_or("").trim();
        self.close_segment(b.range.start, i);
        match h {
            Heading::Extras { label: words } => {
                self.section = Section::Extras;
                // `Extra Eric:` / `Extra (michael):` name the host of what follows.
                let host = words
                    .split_once(' ')
                    .map(|(_, who)| who)
                    .filter(|who| who.split(' ').count() <= 2)
                    .and_then(|who| label_host(&super::text::capitalise(who), &self.known, LabelUse::Standalone));
                let host = host.filter(|_| label_words(label).starts_with("extra"));
                self.extras.start_section(host);
                if !rest_text.is_empty() {
                    let md = self.text.get(b.range.clone()).unwrap_or("");
                    self.extras.item(md);
                }
                self.extras_block(b, true);
            }
            Heading::Jokes => {
                self.section = Section::Jokes;
                let line0 = b.lines.first();
                let (title, url) = match line0 {
                    Some(l) => title_and_url(l, rest.unwrap_or(l.text.len()), &self.walk.links),
                    None => (String::new(), None),
                };
                let from = rest.unwrap_or(line.len());
                let heading_links = line0.map(|l| self.joined_links(l, from)).unwrap_or_default();
                let mut group = JokeGroup {
                    title: (!title.is_empty()).then_some(title.clone()),
                    url,
                    heading_links,
                    units: Vec::new(),
                };
                if group.url.is_none() && !title.is_empty() && b.lines.len() == 1 && title.ends_with('?') {
                    group.units.push(Unit {
                        kind: UnitKind::Paragraph,
                        text: title,
                        body: line.to_owned(),
                        link: None,
                    });
                }
                if let Some(second) = b.lines.get(1) {
                    let body = self.text.get(second.start..b.range.end).unwrap_or("").trim().to_owned();
                    let text = collapse(&strip_literal_links(&plain_line(&body)));
                    group.units.push(Unit { kind: UnitKind::Paragraph, text, body, link: None });
                }
                self.jokes.push(group);
            }
            Heading::Other(name) => self.section = Section::Other(name.into()),
        }
    }

    fn block(&mut self, i: usize, b: &Block, marker: Option<&Marker>, link_items: bool) {
        if let Some(m) = marker {
            self.close_segment(b.range.start, i);
            match m.ordinal {
                Ordinal::Number(_) => self.start_segment(i, b, m),
                Ordinal::PreShow => self.section = Section::Other("Pre-show".into()),
            }
            return;
        }
        let line = first_line(b);
        let lined = matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_));
        if link_items
            && b.kind == BlockKind::Paragraph
            && matches!(&self.section, Section::Intro | Section::Segment(_) | Section::Other(_))
            && !matches!(&self.section, Section::Other(n) if label_words(n) != "news items" && label_words(n) != "news")
            && let Some(line0) = b.lines.first()
            && let Some((title, url)) = link_only(line0, &self.walk.links)
        {
            self.close_segment(b.range.start, i);
            let body_start = b.lines.get(1).map_or(b.range.end, |l| l.start);
            self.push_draft(i, Segment { title, url: Some(url), ..Segment::default() }, body_start);
            return;
        }
        if link_items
            && b.kind == BlockKind::Paragraph
            && b.opening == Opening::Strong
            && matches!(&self.section, Section::Intro | Section::Segment(_) | Section::Other(_))
            && let Some(title) = main_topic(line)
        {
            self.close_segment(b.range.start, i);
            let url = b.lines.first().and_then(|l| l.links.first()).and_then(|l| self.walk.links.get(l.link));
            let url = url.filter(|l| valid_url(&l.url)).map(|l| l.url.trim().to_owned());
            let body_start = b.lines.get(1).map_or(b.range.end, |l| l.start);
            self.push_draft(i, Segment { title, url, ..Segment::default() }, body_start);
            return;
        }
        if lined && let Some(end) = sponsor_phrase(line) {
            self.close_segment(b.range.start, i);
            self.section = Section::Sponsor;
            self.sponsor_block(b, end);
            return;
        }
        if lined && heading_like(b) || b.kind == BlockKind::Paragraph {
            let always = starts_like(line, "join us on youtube") || starts_like(line, "connect with the hosts");
            if (always || heading_like(b))
                && let Some(h) = classify(line)
            {
                let (_, rest) = split_label(line);
                let rest_empty = rest.and_then(|r| line.get(r..)).is_none_or(|r| r.trim().is_empty());
                if !matches!(h, Heading::Other(_)) || rest_empty || always {
                    self.heading(i, b, h);
                    return;
                }
            }
        }
        match self.section {
            Section::Extras => self.extras_block(b, false),
            Section::Jokes => self.joke_block(b),
            Section::Sponsor if self.sponsor_pending && (lined || b.kind == BlockKind::List) => {
                let first_item = b.items.first().map(|it| {
                    collapse(&strip_literal_links(&plain_line(first_source_line(
                        self.text.get(it.range.clone()).unwrap_or(""),
                    ))))
                });
                let line = if lined { line } else { first_item.as_deref().unwrap_or("") };
                if let Some(name) = sponsor_name(line) {
                    let url = self.walk.links.get(b.links.clone()).and_then(|ls| ls.first()).map(|l| l.url.to_string());
                    self.sponsor = Some(Sponsor { name, url });
                    self.sponsor_pending = false;
                }
            }
            _ => {}
        }
    }
}

fn link_of(l: &EpisodeLink) -> Link {
    Link { text: l.text.clone(), url: l.url.clone() }
}

fn episode_link(b: &Builder<'_>, l: &RawLink<'_>) -> EpisodeLink {
    EpisodeLink {
        section: b.sections.get(l.block).map(|sec| b.section_name(sec)).unwrap_or_default(),
        text: collapse(&l.text),
        url: l.url.trim().to_owned(),
    }
}

/// Build the episode from one walk over `text`.
pub fn assemble<'a>(text: &'a str, walk: &'a Walk<'a>, map: &LineMap<'_>) -> Episode {
    let blocks = &walk.blocks;
    let title_block = blocks.iter().take(8).position(|b| b.kind == BlockKind::Heading(1));
    let markers: Vec<Option<Marker>> =
        blocks.iter().enumerate().map(|(i, b)| if Some(i) == title_block { None } else { marker_of(b) }).collect();
    let mut known: Vec<String> = Vec::new();
    let mut known_lower: HashSet<String> = HashSet::new();
    for m in markers.iter().flatten() {
        if let (Some(h), NameCertainty::Certain, Ordinal::Number(_)) = (&m.host, m.certainty, m.ordinal)
            && known_lower.insert(h.to_lowercase())
            && known.len() < MAX_KNOWN
        {
            known.push(h.clone());
        }
    }
    // `Michael 4:` without a `#` is a marker only for a host the episode's other markers name.
    let markers: Vec<Option<Marker>> = markers
        .into_iter()
        .map(|m| {
            m.filter(|m| {
                m.certainty != NameCertainty::OnlyIfKnown
                    || m.host.as_deref().is_some_and(|h| known_lower.contains(&h.to_lowercase()))
            })
        })
        .collect();
    let link_items = !markers.iter().flatten().any(|m| matches!(m.ordinal, Ordinal::Number(_)));
    let mut b = Builder {
        text,
        walk,
        known,
        known_lower,
        drafts: Vec::new(),
        section: Section::Intro,
        sections: Vec::with_capacity(blocks.len()),
        extras: ExtrasBuilder::default(),
        jokes: Vec::new(),
        sponsor: None,
        sponsor_pending: false,
    };
    for (i, block) in blocks.iter().enumerate() {
        if Some(i) != title_block {
            b.block(i, block, markers.get(i).and_then(Option::as_ref), link_items);
        }
        b.sections.push(b.section.clone());
    }
    let mut episode = Episode::default();
    if let Some(t) = title_block.and_then(|i| blocks.get(i)) {
        (episode.number, episode.title) = number_and_title(first_line(t));
    }
    episode.links = walk.links.iter().filter(|l| valid_url(&l.url)).map(|l| episode_link(&b, l)).collect();
    // Segment links are the episode's links of the segment's blocks, in the same order.
    let mut valid_before = Vec::with_capacity(walk.links.len() + 1);
    let mut count = 0;
    for l in &walk.links {
        valid_before.push(count);
        count += usize::from(valid_url(&l.url));
    }
    valid_before.push(count);
    let mut segments = Vec::with_capacity(b.drafts.len());
    let mut cursor = LineCursor::default();
    let mut seen_hosts: HashSet<String> = HashSet::new();
    for d in b.drafts {
        let mut s = d.segment;
        s.body = text.get(d.body_start..d.body_end).unwrap_or("").trim().to_owned();
        s.line = blocks.get(d.first_block).map_or(0, |blk| map.line(&mut cursor, blk.range.start));
        let end_block = d.end_block.min(blocks.len());
        let first_link = blocks.get(d.first_block).map_or(0, |blk| blk.links.start);
        let end_link = end_block.checked_sub(1).and_then(|e| blocks.get(e)).map_or(first_link, |blk| blk.links.end);
        let from = valid_before.get(first_link).copied().unwrap_or(0);
        let to = valid_before.get(end_link).copied().unwrap_or(from).max(from);
        s.links = episode.links.get(from..to).unwrap_or(&[]).iter().map(link_of).collect();
        if let Some(h) = &s.host
            && seen_hosts.insert(h.clone())
        {
            episode.hosts.push(Host::new(h.clone()));
        }
        segments.push(s);
    }
    episode.segments = segments;
    episode.sponsor = b.sponsor;
    episode.extras = b.extras.finish();
    episode.jokes = jokes::finish(b.jokes, &b.known);
    episode
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_count_matches_naive() {
        let s = "a\nbb\n\n\u{e9}\n0123456789\n\n\n\n\nxyz\n";
        assert_eq!(count_newlines(s), s.bytes().filter(|&b| b == b'\n').count());
        assert_eq!(count_newlines(""), 0);
        assert_eq!(count_newlines("\u{a0a}\n"), 1);
    }

    #[test]
    fn episode_numbers_from_headings() {
        assert_eq!(number_and_title("Python Bytes 149"), (Some(149), None));
        assert_eq!(number_and_title("PB 485"), (Some(485), None));
        assert_eq!(number_and_title("#460: Title here"), (Some(460), Some("Title here".into())));
        assert_eq!(number_and_title("Python Bytes Episode 7"), (Some(7), None));
    }

    #[test]
    fn labels_come_off_items() {
        assert_eq!(after_label("- **Bob**: Be sure to visit"), "Be sure to visit");
        assert_eq!(after_label("Michael: [x](https://y.example)"), "[x](https://y.example)");
        assert_eq!(after_label("- Brian: \n\t- nested"), "\t- nested");
    }

    #[test]
    fn main_topic_is_titled_by_its_first_sentence() {
        assert_eq!(
            main_topic("Main topic: AMA questions from the audience. Use the search.").as_deref(),
            Some("AMA questions from the audience")
        );
        assert_eq!(main_topic("Extras: things"), None);
    }

    #[test]
    fn urls_and_titles() {
        assert!(!valid_url("http://"));
        assert!(valid_url("https://a.example/x"));
        assert_eq!(clean_title("`[**pluginlib**](https://x.example)` rocks"), "`pluginlib` rocks");
        assert_eq!(
            bare_url(" https://github.com/facebook/Lifeguard "),
            Some("https://github.com/facebook/Lifeguard".into())
        );
        assert!(is_junk("Ï"));
        assert!(!is_junk("“"));
    }
}
