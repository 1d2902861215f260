//! Reading one episode's markdown into an [`Episode`](crate::model::Episode).
//!
//! One pulldown-cmark pass per file ([`walker`]) summarises the top-level blocks; [`assemble`] reads that
//! summary with the section in force to find segments (every era's marker shapes live in [`markers`]), the
//! sponsor, extras and jokes. Before parsing, [`front_matter`] takes off an optional YAML header and
//! [`fences`] repairs code fences the way a reader sees them. Host spellings are folded across the whole
//! library afterwards by [`canonicalize_hosts`].

mod assemble;
mod autolink;
mod chapters;
pub mod dates;
mod extras;
mod fences;
mod front_matter;
mod general;
pub(crate) mod headline;
mod hosts;
mod html;
mod jokes;
mod marker_lines;
mod markers;
mod sections;
mod sponsor;
mod text;
mod walker;

use thiserror::Error;

use crate::model::{Episode, Host, Show, Sponsor};

/// Why a text could not be read as show notes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("is empty: there are no show notes in it (write some markdown, or remove the file)")]
    Empty,
}

/// Parse one episode's notes.
///
/// ```
/// let notes = "# Python Bytes 7\n\nSponsored by Datadog: [pythonbytes.fm/datadog](https://pythonbytes.fm/datadog)\n\n\
///              **Brian #1:** [**Typing at Dropbox**](https://example.com/typing)\n\n- mypy everywhere\n\n\
///              **Extras**\n\nMichael:\n\n- [A course](https://example.com/course)\n";
/// let episode = shownotes::parse::parse_episode(notes).unwrap();
/// assert_eq!(episode.number, Some(7));
/// assert_eq!(episode.segments[0].title, "Typing at Dropbox");
/// assert_eq!(episode.segments[0].host.as_deref(), Some("Brian"));
/// assert_eq!(episode.segments[0].body, "- mypy everywhere");
/// assert_eq!(episode.sponsors[0].name, "Datadog");
/// assert_eq!(episode.extras[0].host.as_deref(), Some("Michael"));
/// ```
///
/// # Errors
/// [`ParseError::Empty`] for a blank document; any other text is an episode, possibly with no segments.
pub fn parse_episode(source: &str) -> Result<Episode, ParseError> {
    parse_notes(source).map(|(episode, _)| episode)
}

/// Parse one episode's notes, with the warnings a reader should hear about (front matter fields of an
/// unexpected type, each skipped while the rest of the header counts).
///
/// # Errors
/// [`ParseError::Empty`] for a blank document.
pub fn parse_notes(source: &str) -> Result<(Episode, Vec<String>), ParseError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    // CRLF read as LF: the same lines, and bodies free of carriage returns.
    let unix: std::borrow::Cow<'_, str> =
        if source.contains("\r\n") { source.replace("\r\n", "\n").into() } else { source.into() };
    let split = front_matter::split(&unix);
    let repaired = fences::repair(split.body);
    let (text, inserted) = marker_lines::free(repaired.text, repaired.inserted);
    let (text, inserted) = html::convert_blocks(text, inserted);
    let text: &str = &text;
    let walk = walker::walk(text);
    let map = assemble::LineMap { text, lines_before: split.lines_before, inserted: &inserted };
    let handles: Vec<String> =
        split.front.as_ref().map(|f| f.guests.iter().map(|p| p.name.clone()).collect()).unwrap_or_default();
    let mut episode = assemble::assemble(text, &walk, &map, &handles);
    let mut warnings = Vec::new();
    if let Some(front) = split.front {
        merge_front(&mut episode, front, &mut warnings);
    }
    Ok((episode, warnings))
}

/// The front matter wins over what the notes' text says, field by field.
fn merge_front(episode: &mut Episode, front: front_matter::FrontMatter, warnings: &mut Vec<String>) {
    if front.title.is_some() {
        episode.title = front.title;
    }
    if front.number.is_some() {
        episode.number = front.number;
    }
    if front.date.is_some() {
        episode.date = front.date;
    }
    if front.show.is_some() {
        episode.show = front.show;
    }
    episode.audio = front.audio;
    let mut seen = std::collections::HashSet::new();
    let mut hosts: Vec<Host> = Vec::new();
    for h in front.hosts.into_iter().map(Host::new).chain(episode.hosts.drain(..)) {
        if seen.insert(h.name.clone()) {
            hosts.push(h);
        }
    }
    episode.hosts = hosts;
    // A heading that names a guest the front matter gives as a handle (`jkalb`) spells the name out.
    for g in front.guests {
        let named = episode
            .guests
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&g.name) || general::handle_matches(&g.name, &p.name));
        if !named {
            episode.guests.push(g);
        }
    }
    let sponsors: Vec<Sponsor> = front
        .sponsors
        .into_iter()
        .filter(|s| !s.eq_ignore_ascii_case("none"))
        .map(|name| Sponsor { name, url: None })
        .collect();
    if !sponsors.is_empty() {
        episode.sponsors = sponsors;
    }
    warnings.extend(front.warnings);
}

/// Fold host spellings across the library into canonical names: `show.yaml` names and aliases first, then
/// obvious typos of a frequent host (`Brain` → `Brian`) and full names used as labels (`Anthony Shaw`).
pub fn canonicalize_hosts(episodes: &mut [Episode], show: &Show) {
    hosts::canonicalize(episodes, show);
}
