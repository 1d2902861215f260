//! Addresses a reader sees as links although the markdown does not mark them: bare `https://…` URLs and email
//! addresses in running text, found by the `linkify` crate (never a hand-written pattern).
//!
//! The walker hands over each run of consecutive text events (markdown splits a URL's text at `_`, `&amp;` and
//! escapes); code spans, code blocks, link texts and image alt texts never reach here.

use std::borrow::Cow;
use std::ops::Range;

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::CowStr;

use super::walker::RawLink;

/// A link found in a run of text: byte range in that text, and the address to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: std::ops::Range<usize>,
    /// `https://…` as written, or `mailto:` + the address.
    pub url: String,
}

/// Finds URLs (only with a scheme: `setup.py` or `Python 3.12` are not links) and email addresses.
pub struct Autolinker {
    finder: LinkFinder,
}

impl Default for Autolinker {
    fn default() -> Self {
        let mut finder = LinkFinder::new();
        finder.kinds(&[LinkKind::Url, LinkKind::Email]);
        finder.url_must_have_scheme(true);
        Self { finder }
    }
}

/// Where links may start in a whole document: every `://` and `@`, found with two memchr scans, so
/// a run of prose is judged by a lookup instead of a scan of its own.
#[derive(Debug, Default)]
pub struct Hints {
    at: Vec<usize>,
}

impl Hints {
    pub fn new(text: &str) -> Self {
        let mut at = Vec::with_capacity(64);
        // `str::find` with one ASCII char is a vectorised memchr; a substring searcher costs more per byte.
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|r| r.find(':')) {
            let colon = from + i;
            if text.as_bytes().get(colon + 1..colon + 3) == Some(b"//") {
                at.push(colon);
            }
            from = colon + 1;
        }
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|r| r.find('@')) {
            at.push(from + i);
            from += i + 1;
        }
        at.sort_unstable();
        Self { at }
    }

    /// Is there a hint inside `range` (source offsets)?
    pub fn any_in(&self, range: &std::ops::Range<usize>) -> bool {
        let i = self.at.partition_point(|&p| p < range.start);
        self.at.get(i).is_some_and(|&p| p < range.end)
    }
}

/// Only web addresses: linkify also accepts `javascript:` or `file:` shapes, which are not for opening.
fn web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An address as people write one (`name.surname+tag@host`): linkify accepts every character RFC 5322 allows
/// before the `@`, which reads `splithost('//127.0.0.1#@evil.com')` as an address.
fn plain_address(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or("");
    !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
}

impl Autolinker {
    /// Every link in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        self.finder
            .links(text)
            .filter_map(|l| {
                let url = match l.kind() {
                    LinkKind::Email if plain_address(l.as_str()) => format!("mailto:{}", l.as_str()),
                    LinkKind::Url if web(l.as_str()) => l.as_str().to_owned(),
                    _ => return None,
                };
                Some(Found { span: l.start()..l.end(), url })
            })
            .collect()
    }
}

/// `user@host` written as an email autolink (`<user@host>`) opens as `mailto:user@host`.
pub fn email_url(address: &str) -> String {
    if address.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:")) {
        address.to_owned()
    } else {
        format!("mailto:{address}")
    }
}

/// Finds bare links in runs of text: linkify, asked only where the document has a `://` or an `@`.
pub struct Finder {
    pub linker: Autolinker,
    pub hints: Hints,
}

/// Consecutive text events outside links, images and code, where bare URLs and email addresses are looked for.
/// Kept as a source range while the text is the source verbatim, so prose costs no copy; a run whose text
/// differs from its source (an escape, an entity) is joined from its pieces.
#[derive(Default)]
pub struct Run {
    range: Range<usize>,
    /// The run's text once it is no longer the source verbatim.
    joined: Option<String>,
    block: usize,
    pub active: bool,
}

impl Run {
    pub fn push(&mut self, source: &str, piece: &CowStr<'_>, at: &Range<usize>, block: usize) {
        let verbatim = matches!(piece, CowStr::Borrowed(_)) && piece.len() == at.len();
        if !self.active {
            *self = Run { range: at.start..at.start, joined: None, block, active: true };
        }
        if self.joined.is_none() && !(verbatim && at.start == self.range.end) {
            self.joined = Some(source.get(self.range.clone()).unwrap_or("").to_owned());
        }
        if let Some(joined) = &mut self.joined {
            joined.push_str(piece);
        }
        self.range.end = at.end;
    }

    /// Record the links of the run, in order, and start a new run.
    pub fn flush<'a>(&mut self, source: &'a str, finder: &Finder, links: &mut Vec<RawLink<'a>>) {
        if !std::mem::take(&mut self.active) || !finder.hints.any_in(&self.range) {
            self.joined = None;
            return;
        }
        let finder = &finder.linker;
        let start = self.range.start;
        let block = self.block;
        if let Some(joined) = self.joined.take() {
            for found in finder.find(&joined) {
                let written = joined.get(found.span.clone()).unwrap_or("").to_owned();
                let offset = start + found.span.start;
                links.push(RawLink { text: Cow::Owned(written), url: Cow::Owned(found.url), block, offset });
            }
        } else if let Some(text) = source.get(self.range.clone()) {
            for found in finder.find(text) {
                let written = text.get(found.span.clone()).unwrap_or("");
                let offset = start + found.span.start;
                links.push(RawLink { text: Cow::Borrowed(written), url: Cow::Owned(found.url), block, offset });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        Autolinker::default().find(text).into_iter().map(|f| f.url).collect()
    }

    #[test]
    fn bare_urls_and_emails() {
        assert_eq!(urls("see https://example.com/a_b, then"), ["https://example.com/a_b"]);
        assert_eq!(urls("write to someone@example.org."), ["mailto:someone@example.org"]);
        assert!(urls("setup.py and Python 3.12: fine").is_empty());
        assert!(urls("javascript:alert(1) ftp://x.example/y").is_empty());
        assert!(urls("splithost('//127.0.0.1#@evil.com/')").is_empty());
    }

    #[test]
    fn email_autolinks_get_a_scheme_once() {
        assert_eq!(email_url("a@b.example"), "mailto:a@b.example");
        assert_eq!(email_url("mailto:a@b.example"), "mailto:a@b.example");
    }
}
