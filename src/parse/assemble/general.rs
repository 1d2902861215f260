//! The general reading inside the block pass, for episodes without Python Bytes markers: headings open
//! sections, typed sections fill sponsors, people and the description, label lines name their list's links.

use std::collections::HashMap;
use std::rc::Rc;

use super::heading::{clean_title, strip_literal_links, title_and_url, valid_url};
use super::{Builder, Section, first_line};
use crate::model::{Episode, Host, Person, Segment, Sponsor};
use crate::parse::dates;
use crate::parse::general::{Kind, handle_matches, kind_of, named_sponsor, names_in, opens_section};
use crate::parse::sections::{Heading, classify};
use crate::parse::sponsor::{sponsor_name, sponsor_phrase, sponsor_within};
use crate::parse::text::{collapse, first_source_line, label_words, plain_line};
use crate::parse::walker::{Block, BlockKind, Item};

/// What the general reading found besides segments.
#[derive(Debug, Default)]
pub struct Found {
    pub sponsors: Vec<Sponsor>,
    /// A sponsors section said "None".
    pub hosts: Vec<Person>,
    pub guests: Vec<Person>,
    /// Intro prose paragraphs, markdown removed.
    pub description: Vec<String>,
    pub date: Option<String>,
    /// Link sections overriding the section in force, by block: the list under a label line.
    pub labels: HashMap<usize, Rc<str>>,
    /// Front matter guest handles (`jkalb`), to recognise a guest-named heading.
    pub handles: Vec<String>,
    /// Drafts opened by a heading: dropped when nothing sits under them.
    pub heading_drafts: std::collections::HashSet<usize>,
    /// Level of the heading that opened the section in force (a bold line counts as 7).
    pub level: u8,
}

impl Found {
    /// Put what the general reading found into the episode. Its sponsors replace the marker reading's only in
    /// an episode without markers (`general`).
    pub fn fill(&mut self, episode: &mut Episode, general: bool) {
        if general && !self.sponsors.is_empty() {
            episode.sponsors = std::mem::take(&mut self.sponsors);
        }
        episode.hosts.extend(self.hosts.drain(..).map(|p| Host::new(p.name)));
        episode.guests = std::mem::take(&mut self.guests);
        episode.date = self.date.take();
        episode.description = (!self.description.is_empty()).then(|| self.description.join("\n\n"));
    }
}

/// `Brought to you by Acme` on a chapter line names the sponsor when nothing else did; "None" and repeats go.
pub fn sponsor_from_chapters(episode: &mut Episode) {
    if episode.sponsors.is_empty() {
        episode.sponsors.extend(episode.chapters.iter().filter_map(|c| sponsor_within(&c.title)).take(1));
    }
    let mut names = std::collections::HashSet::new();
    episode.sponsors.retain(|s| label_words(&s.name) != "none" && names.insert(label_words(&s.name)));
}

/// Visible text of a source slice's first line: bullet, emphasis and link markup removed.
pub fn visible(src: &str) -> String {
    collapse(&strip_literal_links(&plain_line(first_source_line(src))))
}

fn is_none(text: &str) -> bool {
    matches!(label_words(text).as_str(), "none" | "n a" | "no sponsors" | "no sponsor" | "nobody")
}

impl Builder<'_> {
    fn item_src(&self, it: &Item) -> &str {
        self.text.get(it.range.clone()).unwrap_or("")
    }

    /// The first usable link inside an item: (text, url).
    fn item_link(&self, b: &Block, it: &Item) -> Option<(String, String)> {
        let links = self.walk.links.get(b.links.clone())?;
        links
            .iter()
            .find(|l| it.range.contains(&l.offset) && valid_url(&l.url) && !l.url.starts_with('#'))
            .map(|l| (clean_title(&l.text), l.url.trim().to_owned()))
    }

    /// Handle a block in an episode without markers. True when the block was consumed here.
    pub(super) fn general_block(&mut self, i: usize, b: &Block) -> bool {
        if opens_section(self.text, b) {
            let level = if let BlockKind::Heading(l) = b.kind { l } else { 7 };
            // A deeper heading inside extras or jokes (`### Brian` under `## Our news`) belongs to them.
            if matches!(self.section, Section::Extras | Section::Jokes) && level > self.found.level {
                return false;
            }
            self.found.level = level;
            return self.general_heading(i, b);
        }
        if b.kind == BlockKind::Paragraph
            && b.lines.len() == 1
            && b.links.is_empty()
            && self.walk.blocks.get(i + 1).is_some_and(|n| n.kind == BlockKind::List)
        {
            let t = clean_title(first_line(b).trim_end());
            if first_line(b).trim_end().ends_with(':') && !t.is_empty() && t.chars().nth(60).is_none() {
                self.found.labels.insert(i + 1, t.into());
            }
        }
        match &self.section {
            Section::Typed(_, kind) => {
                let kind = *kind;
                self.typed_block(b, kind);
                true
            }
            Section::Intro => {
                self.intro_block(b);
                false
            }
            _ => false,
        }
    }

    fn intro_block(&mut self, b: &Block) {
        match b.kind {
            BlockKind::List => {
                for it in &b.items {
                    if self.found.date.is_none() {
                        self.found.date = dates::date_line(&plain_line(first_source_line(self.item_src(it))));
                    }
                }
            }
            BlockKind::Paragraph => {
                let line = first_line(b);
                if let Some(d) = dates::date_line(line) {
                    self.found.date.get_or_insert(d);
                    return;
                }
                if self.is_link_para(b)
                    || sponsor_phrase(line).is_some()
                    || crate::parse::chapters::parse_line(line).is_some()
                {
                    return;
                }
                self.push_prose(b);
            }
            _ => {}
        }
    }

    /// A paragraph's words, markdown removed, added to the description.
    fn push_prose(&mut self, b: &Block) {
        let src = self.text.get(b.range.clone()).unwrap_or("");
        let prose = collapse(&strip_literal_links(&src.replace(['*', '_'], "")));
        if !prose.is_empty() {
            self.found.description.push(prose);
        }
    }

    fn general_heading(&mut self, i: usize, b: &Block) -> bool {
        let line = first_line(b);
        if let Some(h) = classify(line) {
            let generic =
                matches!(&h, Heading::Other(n) if matches!(label_words(n).as_str(), "links" | "news" | "news items"));
            if !generic {
                self.heading(i, b, h);
                return true;
            }
        }
        let Some(line0) = b.lines.first() else { return false };
        let (title, url) = title_and_url(line0, 0, &self.walk.links);
        if title.is_empty() {
            return false;
        }
        self.close_segment(b.range.start, i);
        let kind = kind_of(&title);
        let name: Rc<str> = title.as_str().into();
        match kind {
            Kind::Segment => {
                let names = names_in(&title);
                if !names.is_empty() && self.names_guests(i, &names) {
                    for n in names {
                        self.add_person(Kind::Guests, Person { name: n, url: None });
                    }
                    if self.only_link_lists_after(i) {
                        self.section = Section::Typed(name, Kind::Boilerplate);
                        return true;
                    }
                }
                self.push_draft(i, Segment { title, url, ..Segment::default() }, b.range.end);
                self.found.heading_drafts.insert(self.drafts.len() - 1);
            }
            Kind::SponsorNamed => {
                if let Some(n) = named_sponsor(&title) {
                    self.found.sponsors.push(Sponsor { name: n, url });
                }
                self.section = Section::Typed(name, kind);
            }
            Kind::Sponsors => {
                if let Some(n) = sponsor_phrase(&title).and_then(|at| sponsor_name(title.get(at..).unwrap_or(""))) {
                    self.found.sponsors.push(Sponsor { name: n, url });
                }
                self.section = Section::Typed(name, kind);
            }
            _ => self.section = Section::Typed(name, kind),
        }
        true
    }

    /// A name-shaped heading names guests when a front matter handle stands for it or the prose under it
    /// starts with the name.
    fn names_guests(&self, i: usize, names: &[String]) -> bool {
        let by_handle = names.iter().any(|n| self.found.handles.iter().any(|h| handle_matches(h, n)));
        let next = self.walk.blocks.get(i + 1).filter(|n| n.kind == BlockKind::Paragraph);
        let by_prose = next
            .is_some_and(|n| names.first().is_some_and(|name| first_line(n).trim_start().starts_with(name.as_str())));
        by_handle || by_prose
    }

    /// Until the next section: nothing but lists whose every item holds a link (a guest's socials).
    fn only_link_lists_after(&self, i: usize) -> bool {
        let blocks = self.walk.blocks.get(i + 1..).unwrap_or(&[]);
        blocks
            .iter()
            .take_while(|n| !opens_section(self.text, n))
            .all(|n| n.kind == BlockKind::List && n.items.iter().all(|it| self.item_link(n, it).is_some()))
    }

    fn add_person(&mut self, kind: Kind, p: Person) {
        let list = if kind == Kind::Hosts { &mut self.found.hosts } else { &mut self.found.guests };
        if !p.name.is_empty() && !list.iter().any(|q| q.name.eq_ignore_ascii_case(&p.name)) {
            list.push(p);
        }
    }

    fn typed_block(&mut self, b: &Block, kind: Kind) {
        match (kind, b.kind) {
            (Kind::Description, BlockKind::Paragraph) => self.push_prose(b),
            (Kind::Sponsors, BlockKind::List) => {
                for it in &b.items {
                    let text = visible(self.item_src(it));
                    if let Some(s) = self.sponsor_of(&text, self.item_link(b, it)) {
                        self.found.sponsors.push(s);
                    }
                }
            }
            (Kind::Sponsors, BlockKind::Paragraph) => {
                let link = b.lines.first().and_then(|l| l.links.first()).and_then(|l| self.walk.links.get(l.link));
                let link = link.filter(|l| valid_url(&l.url)).map(|l| (clean_title(&l.text), l.url.trim().to_owned()));
                if let Some(s) = self.sponsor_of(first_line(b), link) {
                    self.found.sponsors.push(s);
                }
            }
            (Kind::Hosts | Kind::Guests, BlockKind::List) => {
                for it in &b.items {
                    let text = visible(self.item_src(it));
                    let (name, url) = match self.item_link(b, it) {
                        Some((t, u)) if !t.is_empty() => (t, Some(u)),
                        _ => (person_text(&text), None),
                    };
                    let guest = url.as_deref().is_some_and(|u| u.contains("/guests/") || u.contains("/guest/"));
                    let kind = if guest { Kind::Guests } else { kind };
                    self.add_person(kind, Person { name, url });
                }
            }
            _ => {}
        }
    }

    fn sponsor_of(&self, text: &str, link: Option<(String, String)>) -> Option<Sponsor> {
        let text = text.trim();
        if text.is_empty() || is_none(text) {
            return None;
        }
        let url = link.as_ref().map(|(_, u)| u.clone());
        if let Some(at) = sponsor_phrase(text) {
            return sponsor_name(text.get(at..).unwrap_or("")).map(|name| Sponsor { name, url });
        }
        let linked_first = link.as_ref().filter(|(t, _)| !t.is_empty() && text.starts_with(t.as_str()));
        match linked_first {
            Some((t, _)) => Some(Sponsor { name: t.clone(), url }),
            None => sponsor_name(text).map(|name| Sponsor { name, url }),
        }
    }
}

/// A person's name from an item's text: the words before a dash, colon or bracket.
fn person_text(text: &str) -> String {
    let end = text.find([':', '(', '–', '—', ',']).or_else(|| text.find(" - ")).unwrap_or(text.len());
    text.get(..end).unwrap_or(text).trim().to_owned()
}

impl Builder<'_> {
    /// A paragraph that is one link and nothing else (checked without building its title).
    fn is_link_para(&self, b: &Block) -> bool {
        use crate::parse::walker::Opening;
        if b.kind != BlockKind::Paragraph
            || b.lines.len() != 1
            || !matches!(b.opening, Opening::Link | Opening::PlainLink)
        {
            return false;
        }
        let Some(line) = b.lines.first() else { return false };
        let Some(l) = line.links.first() else { return false };
        let outside = line.text.get(..l.span.start).unwrap_or("x").trim().is_empty()
            && line.text.get(l.span.end..).unwrap_or("x").trim().is_empty();
        outside && self.walk.links.get(l.link).is_some_and(|r| valid_url(&r.url))
    }

    /// A link-only paragraph opens a segment only when content follows it (a list, prose), not a rule, a
    /// heading or the end of the notes.
    pub(super) fn has_body_after(&self, i: usize) -> bool {
        self.walk.blocks.get(i + 1).is_some_and(|n| match n.kind {
            BlockKind::List | BlockKind::Quote | BlockKind::Code => true,
            BlockKind::Paragraph => !opens_section(self.text, n),
            _ => false,
        })
    }

    /// Consecutive link-only paragraphs are one run of links, not a segment each.
    pub(super) fn in_link_run(&self, i: usize) -> bool {
        let blocks = &self.walk.blocks;
        i.checked_sub(1).and_then(|j| blocks.get(j)).is_some_and(|p| self.is_link_para(p))
            || blocks.get(i + 1).is_some_and(|n| self.is_link_para(n))
    }
}
