//! Inline pieces of the renderer: plain text with its bare links, markdown and HTML links, images, HTML blocks.

use std::collections::HashMap;

use pulldown_cmark::{LinkType, Parser};
use ratatui::style::Style;

use super::links::{Bare, Tag, bare_links, html_tag};
use super::wrap::Piece;
use super::{Output, Renderer};
use crate::sanitize::clean_line;

/// The link or image being read, and text not yet searched for bare links.
#[derive(Debug, Default)]
pub struct State {
    pending: String,
    pending_style: Style,
    link: Option<OpenLink>,
    image: Option<Image>,
    /// Distinct links seen, and positions of those the episode did not number.
    seen: HashMap<String, ()>,
    extra: HashMap<String, usize>,
    /// HTML blocks inside converted HTML are not converted again.
    html_depth: usize,
}

#[derive(Debug)]
struct OpenLink {
    url: String,
    number: usize,
    label: String,
    /// `spans.len()` when the link opened, to see whether it showed any words.
    first_piece: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Image {
    /// Inside a link: the alt text is the link's label.
    InLink,
    /// On its own: drawn as `[image: alt]`; the index of its opening piece.
    Alone(usize),
}

/// Where a markdown link points: `<user@host>` autolinks open as `mailto:`.
pub fn target(kind: LinkType, dest: &str) -> String {
    if kind == LinkType::Email && !dest.to_ascii_lowercase().starts_with("mailto:") {
        format!("mailto:{dest}")
    } else {
        dest.to_owned()
    }
}

impl Renderer<'_> {
    pub(super) fn push_text(&mut self, text: &str, style: Style) {
        let text = clean_line(text);
        let link = self.inline.link.as_mut().map(|l| {
            l.label.push_str(&text);
            l.number
        });
        match self.spans.last_mut() {
            Some(p) if p.style == style && p.link == link && !p.glue => p.text.push_str(&text),
            _ => self.spans.push(Piece { text: text.into_owned(), style, link, glue: false }),
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        if self.inline.pending.is_empty() {
            self.inline.pending_style = self.style();
        }
        self.inline.pending.push_str(text);
    }

    /// Search the text gathered since the last markup for bare URLs and emails, and add it.
    pub(super) fn text_done(&mut self) {
        if self.inline.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.inline.pending);
        let style = self.inline.pending_style;
        if self.inline.link.is_some() || self.inline.image.is_some() {
            self.push_text(&text, style);
            return;
        }
        for part in bare_links(&text) {
            match part {
                Bare::Text(t) => self.push_text(t, style),
                Bare::Link { url, shown } => {
                    let number = self.number(&url);
                    self.label(&url, shown);
                    let shown = clean_line(shown).into_owned();
                    self.spans.push(Piece {
                        text: shown,
                        style: style.patch(self.theme.link),
                        link: Some(number),
                        glue: true,
                    });
                    self.spans.push(Piece {
                        text: format!(" [{number}]"),
                        style: self.theme.link_number,
                        link: Some(number),
                        glue: false,
                    });
                }
            }
        }
    }

    /// The number `url` is shown with: the episode's, else one after the episode's last.
    fn number(&mut self, url: &str) -> usize {
        if !self.inline.seen.contains_key(url) {
            self.inline.seen.insert(url.to_owned(), ());
            self.links.push(url.to_owned());
        }
        if let Some(n) = self.ctx.number(url) {
            return n;
        }
        let next = self.inline.extra.len();
        let pos = *self.inline.extra.entry(url.to_owned()).or_insert(next);
        self.ctx.links.len() + pos + 1
    }

    fn label(&mut self, url: &str, label: &str) {
        if self.output == Output::Links && !self.labels.iter().any(|(u, _)| u == url) {
            self.labels.push((url.to_owned(), label.trim().to_owned()));
        }
    }

    pub(super) fn link_start(&mut self, url: String) {
        if self.inline.link.is_some() {
            return;
        }
        let number = self.number(&url);
        self.inline.link = Some(OpenLink { url, number, label: String::new(), first_piece: self.spans.len() });
        self.styles.push(self.theme.link);
    }

    pub(super) fn link_end(&mut self) {
        let Some(link) = self.inline.link.take() else { return };
        self.styles.pop();
        let mut label = link.label.trim().to_owned();
        if label.is_empty() {
            label.clone_from(&link.url);
            let shown = clean_line(&link.url).into_owned();
            let style = self.style().patch(self.theme.link);
            self.spans.truncate(link.first_piece);
            self.spans.push(Piece { text: shown, style, link: Some(link.number), glue: true });
        }
        self.label(&link.url, &label);
        let n = link.number;
        self.spans.push(Piece { text: format!(" [{n}]"), style: self.theme.link_number, link: Some(n), glue: false });
    }

    pub(super) fn image_start(&mut self) {
        if self.inline.link.is_some() {
            self.inline.image = Some(Image::InLink);
            return;
        }
        self.inline.image = Some(Image::Alone(self.spans.len()));
        self.push_text(" [image: ", self.theme.dim);
        self.styles.push(self.theme.dim);
    }

    pub(super) fn image_end(&mut self) {
        match self.inline.image.take() {
            Some(Image::Alone(at)) => {
                self.styles.pop();
                if self.spans.len() <= at + 1 && self.spans.get(at).is_some_and(|p| p.text == " [image: ") {
                    self.spans.truncate(at);
                    self.push_text(" [image] ", self.theme.dim);
                } else {
                    self.push_text("] ", self.theme.dim);
                }
            }
            Some(Image::InLink) | None => {}
        }
    }

    pub(super) fn inline_html(&mut self, html: &str) {
        match html_tag(html) {
            Tag::LinkStart(url) => self.link_start(url),
            Tag::LinkEnd => self.link_end(),
            Tag::Break => self.flush(),
            Tag::Image(alt) if self.inline.link.is_some() => self.push_text(&alt, self.style()),
            Tag::Image(alt) if alt.trim().is_empty() => self.push_text(" [image] ", self.theme.dim),
            Tag::Image(alt) => self.push_text(&format!(" [image: {}] ", alt.trim()), self.theme.dim),
            Tag::Other => {}
        }
    }

    /// An HTML block, read as the markdown it means (htmd); tags inside the result are dropped, not shown.
    pub(super) fn html_block(&mut self) {
        let Some(html) = self.html.take() else { return };
        if self.inline.html_depth > 0 {
            self.push_text(&strip_tags(&html), self.style());
            return;
        }
        let markdown = htmd::convert(&html).unwrap_or_else(|_| strip_tags(&html));
        self.inline.html_depth += 1;
        for event in Parser::new_ext(&markdown, super::options()) {
            self.event(event);
        }
        self.text_done();
        self.inline.html_depth -= 1;
        self.flush();
    }
}

/// Text with every `<…>` tag and comment removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
