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
use super::text::{collapse, first_source_line, is_typo_of, label_words, plain_line};
use super::walker::{Block, BlockKind, Opening, RawLink, Walk};
use crate::model::{Episode, EpisodeLink, Host, Link, Segment, Sponsor};

mod chapters;
mod extras_jokes;
mod general;
mod heading;
mod lines;

use heading::{
    bare_url, clean_title, link_only, literal_link_target, main_topic, strip_literal_links, title_and_url, valid_url,
};
use lines::LineCursor;
pub use lines::LineMap;

/// Fuzzy matching (typos, initials) looks at this many of an episode's hosts: real episodes have a handful,
/// and the bound keeps hostile notes with thousands of names linear.
const MAX_KNOWN: usize = 32;

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
    /// A general section that is not a segment (sponsors, people, chapters, boilerplate, description).
    Typed(std::rc::Rc<str>, crate::parse::general::Kind),
}

struct Draft {
    segment: Segment,
    body_start: usize,
    body_end: usize,
    first_block: usize,
    end_block: usize,
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
    // `[Talk Show #3: …](url)`: a marker's shape inside a link's plain text is the link's label.
    if b.opening == Opening::PlainLink {
        return None;
    }
    let line = first_line(b);
    if let Some(m) = parse_marker(line) {
        return Some(m);
    }
    if b.opening == Opening::Strong { parse_countdown(line) } else { None }
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
    /// No numbered markers: headings open sections (see [`general`]).
    general: bool,
    found: general::Found,
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
            let found = link_only(next, &self.walk.links)
                .map(|(_, u)| u)
                .or_else(|| bare_url(&next.text).filter(|u| block_text(self.text, b).contains(u.as_str())));
            if found.is_some() {
                url = found;
                body_line += 1;
            }
        }
        if url.is_none()
            && let Some(line) = b.lines.get(title_line)
        {
            // Read off visible text, so dropped markup (`<a>`, escapes) could splice a URL that was never
            // written: keep it only when the notes hold it verbatim.
            url = bare_url(&title)
                .or_else(|| literal_link_target(&line.text))
                .filter(|u| block_text(self.text, b).contains(u.as_str()));
        }
        let body_start = b.lines.get(body_line).map_or(b.range.end, |l| l.start);
        let mut ordinal = m.ordinal.number();
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

    fn section_name(&self, section: &Section) -> String {
        match section {
            Section::Intro => "Intro".to_owned(),
            Section::Segment(i) => self.drafts.get(*i).map(|d| d.segment.title.clone()).unwrap_or_default(),
            Section::Extras => "Extras".to_owned(),
            Section::Jokes => "Jokes".to_owned(),
            Section::Sponsor => "Sponsor".to_owned(),
            Section::Other(n) | Section::Typed(n, _) => n.to_string(),
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
                Ordinal::Number(_) | Ordinal::Unnumbered => self.start_segment(i, b, m),
                Ordinal::PreShow => self.section = Section::Other("Pre-show".into()),
            }
            return;
        }
        if self.general && self.general_block(i, b) {
            return;
        }
        let line = first_line(b);
        let lined = matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_));
        if link_items
            && b.kind == BlockKind::Paragraph
            && !self.in_link_run(i)
            && self.has_body_after(i)
            && matches!(&self.section, Section::Intro | Section::Segment(_) | Section::Other(_))
            && !matches!(&self.section, Section::Other(n) if !matches!(label_words(n).as_str(), "news items" | "news"))
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
                // `Links:` or `News:` inside a segment is a lead-in to its own list; as a heading (or a bare
                // `Links` line) it is the trailing list of every link, or the news-items era's heading.
                let generic = matches!(&h, Heading::Other(n) if matches!(label_words(n).as_str(), "links" | "news"));
                let lead_in = generic
                    && !matches!(b.kind, BlockKind::Heading(_))
                    && line.contains(':')
                    && matches!(self.section, Section::Segment(_));
                let other_ok = rest_empty && !lead_in;
                if !matches!(h, Heading::Other(_)) || other_ok || always {
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
    let label = b.found.labels.get(&l.block).map(ToString::to_string);
    EpisodeLink {
        section: label.or_else(|| b.sections.get(l.block).map(|sec| b.section_name(sec))).unwrap_or_default(),
        text: collapse(&l.text),
        url: l.url.trim().to_owned(),
    }
}

/// Build the episode from one walk over `text`.
///
/// `handles` are the front matter's guest names or handles, so a heading naming a guest is read as one.
pub fn assemble<'a>(text: &'a str, walk: &'a Walk<'a>, map: &LineMap<'_>, handles: &[String]) -> Episode {
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
    let link_items = !markers.iter().flatten().any(|m| m.ordinal.is_item());
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
        general: link_items,
        found: general::Found { handles: handles.to_vec(), ..general::Found::default() },
    };
    for (i, block) in blocks.iter().enumerate() {
        if Some(i) != title_block {
            b.block(i, block, markers.get(i).and_then(Option::as_ref), link_items);
        }
        b.sections.push(b.section.clone());
    }
    let mut episode = Episode::default();
    if let Some(t) = title_block.and_then(|i| blocks.get(i)) {
        let h = crate::parse::headline::read(first_line(t));
        (episode.number, episode.title, episode.show) = (h.number, h.title, h.show);
    }
    // Segment links are the episode's links of the segment's blocks, in the same order.
    let mut valid_before = Vec::with_capacity(walk.links.len() + 1);
    let mut links = Vec::with_capacity(walk.links.len());
    for l in &walk.links {
        valid_before.push(links.len());
        if valid_url(&l.url) && !l.url.trim_start().starts_with('#') {
            links.push(episode_link(&b, l));
        }
    }
    valid_before.push(links.len());
    episode.links = links;
    let mut segments = Vec::with_capacity(b.drafts.len());
    let mut cursor = LineCursor::default();
    let mut seen_hosts: HashSet<String> = HashSet::new();
    for (index, d) in b.drafts.into_iter().enumerate() {
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
        // A heading with nothing under it (or only "None") introduces no content.
        let empty = s.links.is_empty()
            && s.url.is_none()
            && (s.body.is_empty() || (s.body.len() <= 12 && label_words(&s.body) == "none"));
        if !(empty && b.found.heading_drafts.contains(&index)) {
            segments.push(s);
        }
    }
    episode.segments = segments;
    episode.sponsors = b.sponsor.into_iter().collect();
    b.found.fill(&mut episode, link_items);
    episode.chapters = chapters::chapters(text, walk);
    general::sponsor_from_chapters(&mut episode);
    episode.extras = b.extras.finish();
    episode.jokes = jokes::finish(b.jokes, &b.known);
    episode
}
