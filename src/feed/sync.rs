//! Bringing one show folder up to date with a parsed feed: place items, fetch missing chapters and
//! transcripts, rewrite only the episode files whose text changed.

use std::fs;
use std::path::Path;

use super::channel::{FeedEpisode, ParsedFeed};
use super::disk::{self, FrontMatter, Placement, Stored};
use super::extras;
use super::http::{self, Fetched, HttpOptions, Validators};
use crate::model::Chapter;

/// How to fetch chapters and transcripts, or `None` to fetch nothing (`add FILE`).
pub type Fetcher<'a> = Option<(&'a ureq::Agent, &'a HttpOptions)>;

/// What one sync changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Episode files written for the first time.
    pub new: usize,
    /// Stored episode files rewritten because the feed changed them.
    pub changed: usize,
    /// Episode files in the folder afterwards (kept ones included).
    pub episodes: usize,
    /// Transcripts and chapter files fetched.
    pub fetched: usize,
    /// Chapters or transcripts that could not be fetched, summarised in a line or two.
    pub warnings: Vec<String>,
}

/// How episode files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// A folder nobody reads yet (`add` builds the show under a temporary name, then renames the folder):
    /// files are written directly, nothing is read first.
    Fresh,
    /// A subscribed show: stored episodes are matched and each write is a temporary file and a rename.
    Live,
}

/// Write `feed` into the show folder `dir`.
///
/// # Errors
/// The I/O error of a folder that cannot be listed or a file that cannot be written.
pub fn apply(dir: &Path, feed: &ParsedFeed, fetcher: Fetcher<'_>, folder: Folder) -> std::io::Result<Counts> {
    let stored = if folder == Folder::Fresh { Vec::new() } else { disk::read_stored(dir)? };
    let placements = disk::place(&stored, &feed.episodes);
    let mut counts = Counts::default();
    let mut failures: Vec<String> = Vec::new();
    // Chapters and transcripts are fetched here, one item after another; rendering and writing the episode
    // files (most of an import) then runs on a few threads.
    let mut jobs: Vec<Job<'_>> = Vec::with_capacity(feed.episodes.len());
    for (ep, placement) in feed.episodes.iter().zip(&placements) {
        let previous = placement.stored.map(|i| &stored[i]);
        let chapters = chapters_for(ep, previous, fetcher, &mut counts, &mut failures);
        let transcript = transcript_for(dir, ep, placement, previous, fetcher, &mut counts, &mut failures)?;
        let front = FrontMatter {
            title: ep.title.clone(),
            number: ep.number,
            date: ep.date.clone(),
            audio: ep.audio.clone(),
            guid: ep.guid.clone(),
            link: ep.link.clone(),
            hosts: ep.hosts.clone(),
            guests: ep.guests.clone(),
            chapters,
            transcript,
        };
        let path = dir.join(&placement.file);
        jobs.push(Job { path, front, notes: &ep.notes, previous: previous.map(|p| p.content.as_str()) });
    }
    let written = super::pool::map(&jobs, super::pool::cpu_threads(), || (), |(), job| job.run(folder));
    for result in written {
        match result? {
            Written::Unchanged => {}
            Written::Changed => counts.changed += 1,
            Written::New => counts.new += 1,
        }
    }
    counts.episodes = stored.len() + counts.new;
    if let Some(first) = failures.first() {
        counts
            .warnings
            .push(format!("{} chapter or transcript files could not be fetched (first: {first})", failures.len()));
    }
    Ok(counts)
}

/// One episode file to render and, when its text is new, write.
struct Job<'a> {
    path: std::path::PathBuf,
    front: FrontMatter,
    notes: &'a str,
    /// The stored file's text, when the item matched one.
    previous: Option<&'a str>,
}

enum Written {
    Unchanged,
    Changed,
    New,
}

impl Job<'_> {
    fn run(&self, folder: Folder) -> std::io::Result<Written> {
        let content = disk::render(&self.front, self.notes);
        match (self.previous, folder) {
            (Some(old), _) if old == content => return Ok(Written::Unchanged),
            // Nobody reads a fresh folder until it is renamed into place: one plain write, no temporary file.
            (_, Folder::Fresh) => disk::write_new(&self.path, content.as_bytes())?,
            (_, Folder::Live) => disk::write_atomic(&self.path, content.as_bytes())?,
        }
        Ok(if self.previous.is_some() { Written::Changed } else { Written::New })
    }
}

fn chapters_for(
    ep: &FeedEpisode,
    previous: Option<&Stored>,
    fetcher: Fetcher<'_>,
    counts: &mut Counts,
    failures: &mut Vec<String>,
) -> Vec<Chapter> {
    if let Some(p) = previous.filter(|p| !p.front.chapters.is_empty()) {
        return p.front.chapters.clone();
    }
    let (Some(url), Some((agent, options))) = (&ep.chapters_url, fetcher) else { return Vec::new() };
    match fetch(agent, options, url).and_then(|bytes| extras::parse_chapters(&bytes)) {
        Ok(chapters) => {
            counts.fetched += 1;
            chapters
        }
        Err(e) => {
            failures.push(format!("{}: {e}", crate::sanitize::clean_line(url)));
            Vec::new()
        }
    }
}

fn transcript_for(
    dir: &Path,
    ep: &FeedEpisode,
    placement: &Placement,
    previous: Option<&Stored>,
    fetcher: Fetcher<'_>,
    counts: &mut Counts,
    failures: &mut Vec<String>,
) -> std::io::Result<Option<String>> {
    if let Some(kept) = previous.and_then(|p| p.front.transcript.clone()).filter(|t| dir.join(t).is_file()) {
        return Ok(Some(kept));
    }
    let (Some((url, ext)), Some((agent, options))) = (extras::pick_transcript(&ep.transcripts), fetcher) else {
        return Ok(None);
    };
    let stem = placement.file.strip_suffix(".md").unwrap_or(&placement.file);
    let relative = format!("transcripts/{stem}.{ext}");
    match fetch(agent, options, url) {
        Ok(bytes) => {
            fs::create_dir_all(dir.join("transcripts"))?;
            disk::write_atomic(&dir.join(&relative), &bytes)?;
            counts.fetched += 1;
            Ok(Some(relative))
        }
        Err(e) => {
            failures.push(format!("{}: {e}", crate::sanitize::clean_line(url)));
            Ok(None)
        }
    }
}

fn fetch(agent: &ureq::Agent, options: &HttpOptions, url: &str) -> Result<Vec<u8>, String> {
    match http::get(agent, options, url, &Validators::default()) {
        Ok(Fetched::Body { bytes, .. }) => Ok(bytes),
        Ok(Fetched::NotModified) => Err("answered 304 to an unconditional request".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}
