//! The typed reading of one episode's show notes: what the parser produces and every front end consumes.
//!
//! Plain data with serde derives and no I/O, so the CLI, the TUI, tests and benchmarks all share one shape.
//! Field names are the public JSON/YAML export format: renaming one is a breaking change.

use serde::{Deserialize, Serialize};

/// One episode, as a reader of its notes would describe it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    /// The show's name (show.yaml, the front matter or the H1 prefix), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show: Option<String>,
    /// Episode number from the heading (`# Python Bytes 149`), the front matter or the file name.
    pub number: Option<u32>,
    /// Title when the notes, a front matter or the file name give one.
    pub title: Option<String>,
    /// The file the episode was read from, relative to the library root.
    pub file: String,
    /// Publication date as ISO 8601 `YYYY-MM-DD`, whatever the source wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Audio URL (the enclosure) from the front matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    /// The markdown before the first section: what the episode is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who paid for the episode, in the order the notes name them; empty when none ("None" means none).
    #[serde(default)]
    pub sponsors: Vec<Sponsor>,
    /// The people presenting segments, canonical names, in order of first appearance.
    pub hosts: Vec<Host>,
    /// Guests the notes name (front matter, a "Guests"/"Featuring" list, a guest-named section).
    #[serde(default)]
    pub guests: Vec<Person>,
    pub segments: Vec<Segment>,
    pub extras: Vec<Extras>,
    pub jokes: Vec<Joke>,
    /// Timestamped chapters, in the order written.
    #[serde(default)]
    pub chapters: Vec<Chapter>,
    /// Every link of the notes in document order, with the section it sits in.
    pub links: Vec<EpisodeLink>,
}

/// A presenter, by canonical name (after alias and typo folding).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Host {
    pub name: String,
}

impl Host {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into() }
    }
}

/// A person named by the notes (a guest), with their page when the notes link one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A timestamped chapter: `00:12:34 Topic`, `[@12:34] - Topic`, `(12:34) Topic`, or a feed's JSON chapters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    /// Start in whole seconds from the beginning of the audio.
    pub start: u32,
    /// The chapter's title, markdown removed.
    pub title: String,
    /// A link written on the chapter's line, other than the in-page `#t=` time anchor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Who paid for the episode: `Sponsored by Datadog: pythonbytes.fm/datadog`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub name: String,
    pub url: Option<String>,
}

/// One news item of the episode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The number as written (`#3` → 3); `None` in eras without numbers.
    pub ordinal: Option<u32>,
    /// Canonical host name; `None` in the host-less era.
    pub host: Option<String>,
    /// Visible heading text, markdown removed, whitespace collapsed.
    pub title: String,
    /// The heading's first link: the article the segment is about.
    pub url: Option<String>,
    /// Every link of the heading and body, in document order.
    pub links: Vec<Link>,
    /// The segment's body as markdown, for rendering.
    pub body: String,
    /// 1-based line of the heading in the source file.
    #[serde(default)]
    pub line: usize,
    /// Approximate start in the audio, in seconds, when a transcript is joined to the notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
}

/// A hyperlink: visible text and destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// A link together with the section of the notes it sits in (a segment title, `Extras`, `Joke`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeLink {
    pub section: String,
    pub text: String,
    pub url: String,
}

/// The extras of one host, or the one unsplit group when the notes do not split them (`host: None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extras {
    pub host: Option<String>,
    /// Each item as markdown.
    pub items: Vec<String>,
    /// Approximate start in the audio, in seconds, when a transcript is joined to the notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
}

/// One joke; a joke told over a question bullet and an answer bullet is one joke.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joke {
    pub title: Option<String>,
    pub url: Option<String>,
    /// The joke as markdown.
    pub body: String,
    /// Approximate start in the audio, in seconds, when a transcript is joined to the notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
}

/// What a library's optional `show.yaml` says about the show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Show {
    pub name: Option<String>,
    pub hosts: Vec<ShowHost>,
    /// Sponsors and the other spellings the notes use for them (`Scout APM`: `[ScoutAPM, Scout]`).
    pub sponsors: Vec<ShowHost>,
    /// The RSS feed the show was subscribed from: an http(s) URL, or a local file for `add FILE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// The show's web page (the channel's `<link>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The feed's last `ETag`, sent back as `If-None-Match`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The feed's last `Last-Modified`, sent back as `If-Modified-Since`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When the feed was last read successfully, UTC ISO 8601 (`2024-05-01T12:00:00Z`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Why the last update failed; cleared by the next good one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A host (or a sponsor) and the other spellings the notes use for them (`MK`, `Brain`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShowHost {
    pub name: String,
    pub aliases: Vec<String>,
}

impl Episode {
    /// The title to show in lists: the episode title, else the first segment titles.
    pub fn display_title(&self) -> String {
        if let Some(t) = self.title.as_deref().filter(|t| !t.is_empty()) {
            return t.to_owned();
        }
        let firsts: Vec<&str> = self.segments.iter().take(2).map(|s| s.title.as_str()).collect();
        firsts.join(" · ")
    }

    /// How many segments each host presented, in host order.
    pub fn host_segment_counts(&self) -> Vec<(&str, usize)> {
        self.hosts
            .iter()
            .map(|h| {
                let n = self.segments.iter().filter(|s| s.host.as_deref() == Some(h.name.as_str())).count();
                (h.name.as_str(), n)
            })
            .collect()
    }
}
