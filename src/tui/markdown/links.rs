//! One number per link per episode, and the small readers for links that are not markdown links: bare URLs and
//! email addresses (linkify), HTML `<a href>`/`<br>`/`<img>` tags, and reference definitions kept elsewhere in
//! the episode.
//!
//! Numbers come from the rendered episode (description, segments, extras, jokes, then any parsed link the text
//! does not show), so `[7]` in the text, row 7 of the Links tab and `7` then `o` are the same link.

use std::collections::HashMap;

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::Parser;

use crate::model::Episode;

/// A link with its episode-wide number (its index + 1 in [`EpisodeLinks::links`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedLink {
    pub url: String,
    /// The words shown for it (its label, or the URL itself).
    pub text: String,
    /// Where it sits: the segment title, `Overview`, `Extras`, `Jokes`, or the parser's section.
    pub section: String,
}

/// Every link of an episode, numbered, and the reference definitions its texts share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EpisodeLinks {
    pub links: Vec<NumberedLink>,
    index: HashMap<String, usize>,
    /// Lowercased reference label → destination, from every text of the episode.
    pub refs: HashMap<String, String>,
}

impl EpisodeLinks {
    /// The number (1-based) the episode gives `url`.
    pub fn number(&self, url: &str) -> Option<usize> {
        self.index.get(url).map(|i| i + 1)
    }

    pub fn get(&self, number: usize) -> Option<&NumberedLink> {
        self.links.get(number.checked_sub(1)?)
    }

    fn add(&mut self, url: &str, text: &str, section: &str) {
        if self.index.contains_key(url) {
            return;
        }
        self.index.insert(url.to_owned(), self.links.len());
        self.links.push(NumberedLink { url: url.to_owned(), text: text.to_owned(), section: section.to_owned() });
    }

    /// Number every link of `episode` in reading order.
    pub fn of(episode: &Episode) -> Self {
        let mut texts: Vec<(&str, String)> = Vec::new();
        if let Some(d) = &episode.description {
            texts.push((d, "Overview".to_owned()));
        }
        for s in &episode.segments {
            texts.push((&s.body, s.title.clone()));
        }
        for item in episode.extras.iter().flat_map(|x| x.items.iter()) {
            texts.push((item, "Extras".to_owned()));
        }
        for j in &episode.jokes {
            texts.push((&j.body, "Jokes".to_owned()));
        }
        let mut out = Self::default();
        for (text, _) in &texts {
            let parser = Parser::new_ext(text, super::options());
            let defs: Vec<(String, String)> =
                parser.reference_definitions().iter().map(|(k, v)| (k.to_lowercase(), v.dest.to_string())).collect();
            out.refs.extend(defs);
        }
        // The parser's links are in document order: each text's links are merged in where the parser has
        // them, so a sponsor link before the first segment keeps its place and bare URLs slot in between.
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (i, l) in episode.links.iter().enumerate() {
            position.entry(l.url.as_str()).or_insert(i);
        }
        let mut next = 0;
        let heading_urls = episode.segments.iter().map(|s| s.url.as_deref().map(|u| (u, s.title.as_str())));
        let mut headings: Vec<Option<(&str, &str)>> = vec![None; usize::from(episode.description.is_some())];
        headings.extend(heading_urls);
        for (i, (text, section)) in texts.iter().enumerate() {
            let mut found = super::collect_links(text, &out);
            if let Some((url, title)) = headings.get(i).copied().flatten() {
                found.insert(0, (url.to_owned(), title.to_owned()));
            }
            for (url, label) in found {
                if let Some(&k) = position.get(url.as_str())
                    && k >= next
                {
                    for l in &episode.links[next..k] {
                        out.add(&l.url, &l.text, &l.section);
                    }
                    next = k + 1;
                }
                let section = position.get(url.as_str()).map_or(section.as_str(), |&k| &episode.links[k].section);
                out.add(&url, &label, section);
            }
        }
        for l in episode.links.get(next..).unwrap_or_default() {
            out.add(&l.url, &l.text, &l.section);
        }
        out
    }
}

/// A piece of plain text: words, or a URL/email found in them (its target and the text shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bare<'t> {
    Text(&'t str),
    Link { url: String, shown: &'t str },
}

/// Split text into words and the bare `http(s)://` URLs and email addresses in it (as `mailto:`).
pub fn bare_links(text: &str) -> Vec<Bare<'_>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url, LinkKind::Email]);
    finder
        .spans(text)
        .map(|span| match span.kind() {
            Some(LinkKind::Url) if is_web(span.as_str()) => {
                Bare::Link { url: span.as_str().to_owned(), shown: span.as_str() }
            }
            Some(LinkKind::Email) => Bare::Link { url: format!("mailto:{}", span.as_str()), shown: span.as_str() },
            _ => Bare::Text(span.as_str()),
        })
        .collect()
}

fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// What an inline HTML tag means to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    LinkStart(String),
    LinkEnd,
    Break,
    Image(String),
    /// Any other tag or a comment: not shown.
    Other,
}

/// Read one inline HTML tag (`<a href="…">`, `</a>`, `<br/>`, `<img alt="…">`).
pub fn html_tag(html: &str) -> Tag {
    let t = html.trim();
    let name: String = t
        .trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "a" => attribute(t, "href").map_or(Tag::Other, Tag::LinkStart),
        "/a" => Tag::LinkEnd,
        "br" | "br/" => Tag::Break,
        "img" => Tag::Image(attribute(t, "alt").unwrap_or_default()),
        _ => Tag::Other,
    }
}

/// The value of `name="…"` (or `'…'`, or bare) in a tag, entities `&amp;` undone.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest.len() + 1;
        let value = tag[value_at..].trim_start();
        let v = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
        };
        return Some(v.replace("&amp;", "&"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(
            html_tag(r#"<a class="x" href="https://a.example/?b=1&amp;c=2">"#),
            Tag::LinkStart("https://a.example/?b=1&c=2".into())
        );
        assert_eq!(html_tag("</A>"), Tag::LinkEnd);
        assert_eq!(html_tag("<br />"), Tag::Break);
        assert_eq!(html_tag("<img src=x.png alt='logo'>"), Tag::Image("logo".into()));
        assert_eq!(html_tag("<span>"), Tag::Other);
    }

    #[test]
    fn finds_bare_urls_and_emails() {
        let parts = bare_links("see https://example.com/x, or mail me@example.org.");
        let links: Vec<_> = parts
            .iter()
            .filter_map(|p| match p {
                Bare::Link { url, .. } => Some(url.as_str()),
                Bare::Text(_) => None,
            })
            .collect();
        assert_eq!(links, ["https://example.com/x", "mailto:me@example.org"]);
    }
}
