//! RSS 2.0 bytes → a [`ParsedFeed`]: the channel and its items read with the `rss` crate, the `itunes:` and
//! `podcast:` namespaces through its extension maps, notes converted to markdown.

use std::collections::BTreeMap;

use rss::extension::Extension;
use rss::{Channel, Item};

use super::{date, html, pool};
use crate::model::Person;

/// What a feed says about the show and its episodes, ready to be written as markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The channel title, one clean line.
    pub name: String,
    /// The show's web page (`<link>`), when absolute.
    pub link: Option<String>,
    /// Hosts from the channel's `podcast:person role="host"`, else its `itunes:author`.
    pub hosts: Vec<String>,
    /// Items in feed order (usually newest first).
    pub episodes: Vec<FeedEpisode>,
}

/// One `<item>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedEpisode {
    pub title: String,
    /// `itunes:episode`, else a number the title gives (`Episode 57: …`, `#57`, `Show 598: …`).
    pub number: Option<u32>,
    /// `pubDate` as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The enclosure URL.
    pub audio: Option<String>,
    pub guid: Option<String>,
    /// The item's web page.
    pub link: Option<String>,
    /// `podcast:person role="host"` of the item, else of the channel, else `itunes:author`.
    pub hosts: Vec<String>,
    /// `podcast:person role="guest"` of the item.
    pub guests: Vec<Person>,
    /// The notes as markdown (`content:encoded`, else `description`, else `itunes:summary`).
    pub notes: String,
    /// `podcast:transcript` links: (url, MIME type as written).
    pub transcripts: Vec<(String, String)>,
    /// `podcast:chapters` JSON link.
    pub chapters_url: Option<String>,
}

/// Why bytes are not a feed shownotes can read. Each message is one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("is an HTML page, not an RSS feed (look for the feed link on that page)")]
    Html,
    #[error("is not RSS 2.0 (no <rss> element){0}")]
    NotRss(&'static str),
    #[error("is malformed XML: {0}")]
    Malformed(String),
    #[error("ends before its channel is complete (a cut-off download?)")]
    Truncated,
    #[error("has no episodes (no <item> elements)")]
    NoItems,
    #[error("declares the encoding {0} in its XML prolog but cannot be read as that; it should be UTF-8")]
    Encoding(String),
    #[error("is not UTF-8 and declares no other encoding in its XML prolog")]
    NotUtf8,
}

/// Parse a whole feed.
///
/// # Errors
/// [`ParseError`] when the bytes are HTML, not RSS, malformed, cut off, or list no items.
pub fn parse(bytes: &[u8]) -> Result<ParsedFeed, ParseError> {
    let head = String::from_utf8_lossy(bytes.get(..1024).unwrap_or(bytes)).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(ParseError::Html);
    }
    let channel = Channel::read_from(bytes).map_err(|e| match e {
        rss::Error::InvalidStartTag if head.contains("<feed") => ParseError::NotRss("; Atom feeds are not supported"),
        rss::Error::InvalidStartTag => ParseError::NotRss(""),
        rss::Error::Eof => ParseError::Truncated,
        other => {
            let message = other.to_string();
            match declared_encoding(head) {
                _ if !message.contains("decode") && !matches!(other, rss::Error::Utf8(_)) => {
                    ParseError::Malformed(crate::sanitize::clean_line(&message).into_owned())
                }
                Some(label) if !label.eq_ignore_ascii_case("utf-8") => {
                    ParseError::Encoding(crate::sanitize::clean_line(&label).into_owned())
                }
                _ => ParseError::NotUtf8,
            }
        }
    })?;
    if channel.items().is_empty() {
        return Err(ParseError::NoItems);
    }
    Ok(read_channel(&channel))
}

/// The `encoding="…"` of an `<?xml …?>` prolog (`head` is lower-cased).
fn declared_encoding(head: &str) -> Option<String> {
    let prolog = &head[..head.find("?>")?];
    let rest = &prolog[prolog.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_owned())
}

fn read_channel(channel: &Channel) -> ParsedFeed {
    let prefixes = podcast_prefixes(channel.namespaces());
    let link = absolute(channel.link());
    let persons = people(channel.extensions(), &prefixes);
    let mut hosts: Vec<String> =
        persons.iter().filter(|(role, _)| role == "host").map(|(_, p)| p.name.clone()).collect();
    if hosts.is_empty() {
        hosts.extend(channel.itunes_ext().and_then(|i| i.author()).map(html::clean_title).filter(|a| !a.is_empty()));
    }
    let ctx = Context { link: link.as_deref(), hosts: &hosts, prefixes: &prefixes };
    // Converting the notes is most of the work after the XML: items go to a few threads, each with a converter.
    let episodes = pool::map(channel.items(), pool::cpu_threads(), html::converter, |converter, item| {
        read_item(item, &ctx, converter)
    });
    let name = html::clean_title(channel.title());
    ParsedFeed { name, link, hosts, episodes }
}

struct Context<'a> {
    link: Option<&'a str>,
    hosts: &'a [String],
    prefixes: &'a [String],
}

fn read_item(item: &Item, ctx: &Context<'_>, converter: &htmd::HtmlToMarkdown) -> FeedEpisode {
    let itunes = item.itunes_ext();
    let link = item.link().and_then(|l| match ctx.link {
        Some(base) => absolute(&html::resolve(l, base)),
        None => absolute(l),
    });
    let base = link.as_deref().or(ctx.link);
    let date = item
        .pub_date()
        .and_then(date::iso_day)
        .or_else(|| item.dublin_core_ext().and_then(|dc| dc.dates().first()).and_then(|d| date::iso_day(d)));
    let raw_title = item.title().or_else(|| itunes.and_then(|i| i.subtitle())).unwrap_or_default();
    let mut title = html::clean_title(raw_title);
    if title.is_empty() {
        title = date.as_ref().map_or_else(|| "Untitled episode".to_owned(), |d| format!("Episode of {d}"));
    }
    let number =
        itunes.and_then(|i| i.episode()).and_then(|n| n.trim().parse().ok()).or_else(|| number_in_title(&title));
    let persons = people(item.extensions(), ctx.prefixes);
    let mut hosts: Vec<String> = persons.iter().filter(|(r, _)| r == "host").map(|(_, p)| p.name.clone()).collect();
    if hosts.is_empty() {
        hosts = ctx.hosts.to_vec();
    }
    let guests = persons.into_iter().filter(|(r, _)| r == "guest").map(|(_, p)| p).collect();
    let notes_html =
        item.content().or(item.description()).or_else(|| itunes.and_then(|i| i.summary())).unwrap_or_default();
    let resolve = |u: &str| base.map_or_else(|| u.trim().to_owned(), |b| html::resolve(u, b));
    let transcripts = podcast_tags(item.extensions(), ctx.prefixes, "transcript")
        .filter_map(|e| Some((resolve(e.attrs().get("url")?), e.attrs().get("type").cloned().unwrap_or_default())))
        .collect();
    let chapters_url = podcast_tags(item.extensions(), ctx.prefixes, "chapters")
        .find_map(|e| e.attrs().get("url"))
        .map(|u| resolve(u));
    FeedEpisode {
        title,
        number,
        date,
        audio: item.enclosure().map(|e| resolve(e.url())).filter(|u| !u.is_empty()),
        guid: item.guid().map(|g| g.value().trim().to_owned()).filter(|g| !g.is_empty()),
        notes: html::to_markdown(notes_html, base, converter),
        link: link.clone(),
        hosts,
        guests,
        transcripts,
        chapters_url,
    }
}

/// `Episode 57: …`, `Ep. 57`, `#57`, `No. 57`, `Giant Bombcast 598: …`, `57: …`, `57 - …` → 57.
pub fn number_in_title(title: &str) -> Option<u32> {
    let lower = title.to_ascii_lowercase();
    for marker in ["episode ", "episode", "ep. ", "ep.", "ep ", "#", "no. "] {
        if let Some(i) = lower.find(marker) {
            let boundary = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric();
            if let Some(n) = leading_number(&lower[i + marker.len()..]).filter(|_| boundary) {
                return Some(n);
            }
        }
    }
    let mut rest = lower.as_str();
    let mut offset = 0;
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let start = offset + i;
        let digits = lower[start..].bytes().take_while(u8::is_ascii_digit).count();
        let after = lower[start + digits..].trim_start_matches(' ');
        let before_ok = start == 0 || lower.as_bytes()[start - 1] == b' ';
        let colon = after.starts_with(':') && !after[1..].starts_with(|c: char| c.is_ascii_digit());
        if before_ok && (colon || (start == 0 && after.starts_with("- "))) {
            return lower[start..start + digits].parse().ok();
        }
        offset = start + digits;
        rest = &lower[offset..];
    }
    None
}

fn leading_number(s: &str) -> Option<u32> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn absolute(url: &str) -> Option<String> {
    let url = url.trim();
    (url.starts_with("http://") || url.starts_with("https://")).then(|| url.to_owned())
}

/// The prefixes bound to the Podcasting 2.0 namespace (usually just `podcast`).
fn podcast_prefixes(namespaces: &BTreeMap<String, String>) -> Vec<String> {
    let mut found: Vec<String> = namespaces
        .iter()
        .filter(|(_, uri)| uri.contains("podcastindex") || uri.contains("Podcastindex-org/podcast-namespace"))
        .map(|(prefix, _)| prefix.clone())
        .collect();
    if !found.iter().any(|p| p == "podcast") {
        found.push("podcast".to_owned());
    }
    found
}

fn podcast_tags<'a>(
    map: &'a rss::extension::ExtensionMap,
    prefixes: &'a [String],
    name: &'a str,
) -> impl Iterator<Item = &'a Extension> + 'a {
    prefixes.iter().filter_map(move |p| map.get(p)?.get(name)).flatten()
}

/// `podcast:person` tags as (lower-case role, person); the role defaults to `host` as the namespace says.
fn people(map: &rss::extension::ExtensionMap, prefixes: &[String]) -> Vec<(String, Person)> {
    podcast_tags(map, prefixes, "person")
        .filter_map(|e| {
            let name = html::clean_title(e.value().unwrap_or_default());
            let role = e.attrs().get("role").map_or_else(|| "host".to_owned(), |r| r.trim().to_ascii_lowercase());
            let url = e.attrs().get("href").and_then(|u| absolute(u));
            (!name.is_empty()).then_some((role, Person { name, url }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_titles() {
        assert_eq!(number_in_title("Episode 57: Rebel Rubes"), Some(57));
        assert_eq!(number_in_title("Ep. 12 - Hello"), Some(12));
        assert_eq!(number_in_title("Giant Bombcast 598: Dark"), Some(598));
        assert_eq!(number_in_title("#149 Python"), Some(149));
        assert_eq!(number_in_title("42 - The answer"), Some(42));
        assert_eq!(number_in_title("Live at 10:30 tonight"), None);
        assert_eq!(number_in_title("Top 10 games"), None);
    }

    #[test]
    fn refuses_html_and_empty_feeds() {
        assert_eq!(parse(b"<!DOCTYPE html><html><body>hi</body></html>"), Err(ParseError::Html));
        assert_eq!(parse(b"<rss version=\"2.0\"><channel><title>x</title></channel></rss>"), Err(ParseError::NoItems));
        assert!(matches!(
            parse(b"<rss><channel><item><title>x</title></item>"),
            Err(ParseError::Truncated | ParseError::Malformed(_))
        ));
        assert!(matches!(parse(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"), Err(ParseError::NotRss(_))));
    }
}
