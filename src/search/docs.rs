//! The searchable documents of an episode: one per segment, extras group, joke, chapter, the intro, and (added
//! later by the transcript join) one per transcript passage.

use serde::{Deserialize, Serialize};

use super::text::{Streams, english, plain_text};
use crate::model::Episode;

/// Where in an episode a document (and so a hit) sits. The number is what the index stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A news item; `ordinal` is its 1-based position in [`Episode::segments`].
    Segment = 1,
    /// The episode title and the text before the first segment (guests, sponsors, hosts are indexed with it).
    Description = 2,
    /// One host's extras (or the one unsplit group); `ordinal` is the 1-based position in [`Episode::extras`].
    Extras = 3,
    /// `ordinal` is the 1-based position in [`Episode::jokes`].
    Joke = 4,
    /// `ordinal` is the 1-based position in [`Episode::chapters`]; `time` is its start.
    Chapter = 5,
    /// A passage of the transcript; `time` is its start in seconds.
    Transcript = 6,
}

impl Kind {
    /// The stored number back to a kind (unknown numbers read as a description).
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Segment,
            3 => Self::Extras,
            4 => Self::Joke,
            5 => Self::Chapter,
            6 => Self::Transcript,
            _ => Self::Description,
        }
    }

    /// The JSON name: `segment`, `description`, `extras`, `joke`, `chapter`, `transcript`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Segment => "segment",
            Self::Description => "description",
            Self::Extras => "extras",
            Self::Joke => "joke",
            Self::Chapter => "chapter",
            Self::Transcript => "transcript",
        }
    }
}

/// One searchable piece of an episode, as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub kind: Kind,
    /// 1-based position within its kind's list in the episode (see [`Kind`]); `None` for the description.
    pub ordinal: Option<u32>,
    /// Start in the audio, in seconds, when known.
    pub time: Option<u32>,
    /// What a hit shows as its title (plain text).
    pub title: String,
    /// Whether `title` is the reader's words (indexed with title weight) or a label like `Extras`.
    pub title_indexed: bool,
    pub url: Option<String>,
    /// The presenter of a segment or extras group, when named.
    pub host: Option<String>,
    /// Link texts, indexed with their own weight.
    pub link_text: String,
    /// Plain text of the body: indexed, and where snippets come from.
    pub text: String,
    /// Indexed with the body but never shown (hosts, guests and sponsors of the description).
    pub extra: String,
}

impl Doc {
    /// A transcript passage starting at `time` seconds, for the transcript join to add with the store.
    pub fn transcript(time: u32, text: &str) -> Self {
        Self {
            kind: Kind::Transcript,
            ordinal: None,
            time: Some(time),
            title: String::new(),
            title_indexed: false,
            url: None,
            host: None,
            link_text: String::new(),
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            extra: String::new(),
        }
    }

    fn new(kind: Kind, ordinal: usize, title: String, text: String) -> Self {
        Self {
            kind,
            ordinal: u32::try_from(ordinal + 1).ok(),
            time: None,
            title_indexed: !title.is_empty(),
            title,
            url: None,
            host: None,
            link_text: String::new(),
            text,
            extra: String::new(),
        }
    }
}

/// The token streams of one document, one pair per weighted field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocStreams {
    pub title: Streams,
    pub links: Streams,
    pub body: Streams,
}

impl DocStreams {
    /// Analyse a document into its streams; transcripts go to the body pair here and the store files them in
    /// the transcript columns.
    pub fn of(doc: &Doc) -> Self {
        let stemmer = english();
        let mut s = Self::default();
        if doc.title_indexed {
            s.title.add(&stemmer, &doc.title);
        }
        s.links.add(&stemmer, &doc.link_text);
        s.body.add(&stemmer, &doc.text);
        s.body.add(&stemmer, &doc.extra);
        if let Some(h) = &doc.host {
            s.body.add(&stemmer, h);
        }
        s
    }
}

/// Text indexed per episode, in bytes: real notes are a few kilobytes; a pathological file (megabytes of
/// segments) is searchable in its first mebibyte and costs bounded time and space.
pub const MAX_INDEXED_BYTES: usize = 1 << 20;

/// Every document of an episode except transcript passages. `intro` (markdown) stands in for the description
/// when the parser read none.
pub fn episode_docs(e: &Episode, intro: Option<&str>) -> Vec<Doc> {
    let mut docs = Vec::with_capacity(e.segments.len() + e.extras.len() + e.jokes.len() + e.chapters.len() + 1);
    let mut intro = Doc::new(
        Kind::Description,
        0,
        e.title.clone().unwrap_or_default(),
        e.description.as_deref().or(intro).map(plain_text).unwrap_or_default(),
    );
    intro.ordinal = None;
    if e.title.is_none() {
        // Shown like the episode list shows it, but not indexed: the segment titles have their own documents.
        intro.title = e.display_title();
        intro.title_indexed = false;
    }
    let people = e.hosts.iter().map(|h| h.name.as_str()).chain(e.guests.iter().map(|g| g.name.as_str()));
    let sponsors = e.sponsors.iter().map(|s| s.name.as_str());
    intro.extra = people.chain(sponsors).collect::<Vec<_>>().join(" · ");
    docs.push(intro);
    for (i, s) in e.segments.iter().enumerate() {
        let mut d = Doc::new(Kind::Segment, i, s.title.clone(), plain_text(&s.body));
        d.url.clone_from(&s.url);
        d.host.clone_from(&s.host);
        d.time = s.start;
        d.link_text = s.links.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" · ");
        docs.push(d);
    }
    for (i, x) in e.extras.iter().enumerate() {
        let title = x.host.as_deref().map_or_else(|| "Extras".to_owned(), |h| format!("Extras: {h}"));
        let text = x.items.iter().map(|item| plain_text(item)).collect::<Vec<_>>().join(" · ");
        let mut d = Doc::new(Kind::Extras, i, title, text);
        d.title_indexed = false;
        d.host.clone_from(&x.host);
        d.time = x.start;
        docs.push(d);
    }
    for (i, j) in e.jokes.iter().enumerate() {
        let mut d = Doc::new(Kind::Joke, i, j.title.clone().unwrap_or_default(), plain_text(&j.body));
        if d.title.is_empty() {
            "Joke".clone_into(&mut d.title);
        }
        d.url.clone_from(&j.url);
        d.time = j.start;
        docs.push(d);
    }
    for (i, c) in e.chapters.iter().enumerate() {
        let mut d = Doc::new(Kind::Chapter, i, c.title.clone(), String::new());
        d.url.clone_from(&c.url);
        d.time = Some(c.start);
        docs.push(d);
    }
    let mut budget = MAX_INDEXED_BYTES;
    docs.retain(|d| {
        let size = d.title.len() + d.text.len() + d.link_text.len() + d.extra.len();
        budget = budget.saturating_sub(size);
        budget > 0
    });
    docs
}
