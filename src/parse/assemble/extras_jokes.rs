//! The extras and jokes sections of the walk: host labels (`Michael:`, `MK:`, a label glued to a list item)
//! split the extras; list items, code blocks, pictures and paragraphs become joke units.

use super::heading::{after_label, clean_title, strip_literal_links, valid_url};
use super::{Builder, block_text};
use crate::parse::hosts::{LabelUse, label_host};
use crate::parse::jokes::{JokeGroup, Unit, UnitKind};
use crate::parse::sections::split_label;
use crate::parse::text::{collapse, first_source_line, plain_line, prefix};
use crate::parse::walker::{Block, BlockKind, Line};

impl Builder<'_> {
    /// A line of the extras: a host label (with or without an item after it) or an item.
    pub(super) fn extras_line(&mut self, text: &str, markdown: &str) {
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

    pub(super) fn extras_block(&mut self, b: &Block, skip_first_line: bool) {
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
                        Some(h) => self.extras.item_for(Some(h), &crate::parse::text::item_markdown(after_label(md))),
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

    pub(super) fn joke_block(&mut self, b: &Block) {
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
                    units.push(Unit {
                        kind: UnitKind::Distinct,
                        text,
                        body: crate::parse::text::item_markdown(&md),
                        link,
                    });
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
    pub(super) fn joined_links(&self, line: &Line, from: usize) -> Vec<(String, String)> {
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
}
