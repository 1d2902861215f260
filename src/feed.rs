//! Following podcasts by their RSS feed: subscribe, update, list, remove, OPML in and out.
//!
//! Each show lives in `<shows_dir>/<slug>/` (the CLI uses `$XDG_DATA_HOME/shownotes/shows`): a `show.yaml`
//! ([`crate::model::Show`] with the feed URL and its HTTP validators) and one markdown file per episode with
//! YAML front matter ([`disk::FrontMatter`]), plus `transcripts/`. Such a folder is an ordinary library.
//! A fetch that fails or is cut off changes no episode file: the feed is read whole and parsed before any write.

pub mod channel;
pub mod date;
pub mod disk;
pub mod extras;
pub mod html;
pub mod http;
pub mod opml;
pub mod pool;
pub mod sync;

use std::fs;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

pub use self::channel::{FeedEpisode, ParseError, ParsedFeed};
use self::http::Fetched;
pub use self::http::{HttpError, HttpOptions, Validators};
pub use self::pool::Progress;
use crate::model::{Show, ShowHost};

/// Where and how to fetch.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder holding one folder per show.
    pub shows_dir: PathBuf,
    pub http: HttpOptions,
    /// Feeds fetched at once.
    pub threads: usize,
    pub progress: Progress,
}

impl Options {
    /// The CLI's defaults for shows under `shows_dir`.
    pub fn new(shows_dir: PathBuf) -> Self {
        Self { shows_dir, http: HttpOptions::default(), threads: 4, progress: Progress::Auto }
    }
}

/// `$XDG_DATA_HOME/shownotes/shows` (usually `~/.local/share/shownotes/shows`).
pub fn default_shows_dir() -> Option<PathBuf> {
    etcetera::choose_base_strategy().ok().map(|s| s.data_dir().join("shownotes").join("shows"))
}

/// Why a feed could not be added or updated. The message is one line naming the feed.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{feed}: {source}")]
    Http { feed: String, source: HttpError },
    #[error("{feed}: {source}")]
    Parse { feed: String, source: ParseError },
    #[error("{feed}: {reason}")]
    File { feed: String, reason: String },
    #[error("{feed}: cannot write the show folder {}: {source}", path.display())]
    Write { feed: String, path: PathBuf, source: std::io::Error },
    #[error("{feed}: already subscribed as {slug}; `shownotes update {slug}` fetches it again")]
    Subscribed { feed: String, slug: String },
    #[error("no subscribed show {0}; `shownotes shows` lists them")]
    UnknownShow(String),
    #[error("{0}")]
    BadShow(String),
}

/// What an add or update did to one show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The show's folder name.
    pub slug: String,
    pub name: String,
    /// The server said 304: nothing was read or written but `updated`.
    pub not_modified: bool,
    pub counts: sync::Counts,
}

/// A subscription as `shownotes shows` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub slug: String,
    pub name: String,
    pub feed: Option<String>,
    pub episodes: usize,
    pub updated: Option<String>,
    pub error: Option<String>,
}

/// Where a feed comes from: an http(s) URL, or a local file (which is read, never fetched).
fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Subscribe to the feed at `source` (URL or file path), naming the show `name` or the feed's title.
///
/// The show folder is built beside the others under a temporary name and renamed into place only when
/// complete, so a failure leaves nothing behind. Chapters and transcripts are fetched for URLs only.
///
/// # Errors
/// [`FeedError`] when the feed cannot be fetched or read, is already subscribed, or the folder cannot be written.
pub fn add(source: &str, name: Option<&str>, options: &Options) -> Result<Outcome, FeedError> {
    let feed_id = feed_id(source);
    if let Some(slug) = subscribed_as(&options.shows_dir, &feed_id) {
        return Err(FeedError::Subscribed { feed: label(source), slug });
    }
    let agent = http::agent(&options.http);
    let (bytes, validators) = match read_source(&agent, options, &feed_id, &Validators::default())? {
        Some(fetched) => fetched,
        None => return Err(http_error(source, HttpError::Status(304))),
    };
    let feed = channel::parse(&bytes).map_err(|source| FeedError::Parse { feed: label(&feed_id), source })?;
    let name = name.map_or_else(|| feed.name.clone(), html::clean_title);
    let write_err = |path: &Path, e| FeedError::Write { feed: label(&feed_id), path: path.to_path_buf(), source: e };
    let slug =
        reserve_slug(&options.shows_dir, &disk::slug(&name, 40)).map_err(|e| write_err(&options.shows_dir, e))?;
    let final_dir = options.shows_dir.join(&slug);
    let tmp_dir = options.shows_dir.join(format!(".{slug}.{}.tmp", std::process::id()));
    if let Err(e) = fs::create_dir(&tmp_dir) {
        let _ = fs::remove_dir(&final_dir);
        return Err(write_err(&final_dir, e));
    }
    let fetcher = is_url(&feed_id).then_some((&agent, &options.http));
    let result = sync::apply(&tmp_dir, &feed, fetcher, sync::Folder::Fresh).and_then(|counts| {
        let show = Show {
            name: Some(name.clone()),
            hosts: feed.hosts.iter().map(|h| ShowHost { name: h.clone(), aliases: Vec::new() }).collect(),
            feed: Some(feed_id.clone()),
            link: feed.link.clone(),
            etag: validators.etag.clone(),
            last_modified: validators.last_modified.clone(),
            updated: Some(date::now_utc()),
            error: None,
            sponsors: Vec::new(),
        };
        disk::write_show(&tmp_dir, &show)?;
        // Replaces the empty folder that reserved the name.
        fs::rename(&tmp_dir, &final_dir)?;
        Ok(counts)
    });
    match result {
        Ok(counts) => Ok(Outcome { slug, name, not_modified: false, counts }),
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp_dir);
            let _ = fs::remove_dir(&final_dir);
            Err(write_err(&final_dir, e))
        }
    }
}

/// Update the named shows (folder name or show name, case-insensitive), or every show when `names` is empty,
/// several at once. Results are in order; one failing feed never stops the others.
pub fn update(names: &[String], options: &Options) -> Vec<Result<Outcome, FeedError>> {
    let dirs = disk::show_dirs(&options.shows_dir);
    let targets: Vec<Result<PathBuf, FeedError>> = if names.is_empty() {
        dirs.into_iter().map(Ok).collect()
    } else {
        names.iter().map(|n| find_show(&dirs, n).ok_or_else(|| FeedError::UnknownShow(label(n)))).collect()
    };
    let agent = http::agent(&options.http);
    let slug_of = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    pool::run(
        &targets,
        options.threads,
        options.progress,
        |t| t.as_ref().map(slug_of).unwrap_or_default(),
        |t| match t {
            Ok(dir) => update_one(dir, &agent, options),
            Err(e) => Err(FeedError::UnknownShow(e.to_string())),
        },
    )
}

fn update_one(dir: &Path, agent: &ureq::Agent, options: &Options) -> Result<Outcome, FeedError> {
    let slug = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut show = disk::read_show(dir).map_err(FeedError::BadShow)?;
    let name = show.name.clone().unwrap_or_else(|| slug.clone());
    let Some(feed_id) = show.feed.clone() else {
        return Err(FeedError::File { feed: slug, reason: "show.yaml names no feed; nothing to update".to_owned() });
    };
    let validators = Validators { etag: show.etag.clone(), last_modified: show.last_modified.clone() };
    let result = read_source(agent, options, &feed_id, &validators).and_then(|fetched| {
        let Some((bytes, new_validators)) = fetched else { return Ok(None) };
        let feed = channel::parse(&bytes).map_err(|source| FeedError::Parse { feed: label(&feed_id), source })?;
        let fetcher = is_url(&feed_id).then_some((agent, &options.http));
        let counts = sync::apply(dir, &feed, fetcher, sync::Folder::Live).map_err(|source| FeedError::Write {
            feed: label(&feed_id),
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Some((feed, new_validators, counts)))
    });
    match &result {
        Ok(fetched) => {
            show.updated = Some(date::now_utc());
            show.error = None;
            if let Some((feed, validators, _)) = fetched {
                record_feed(&mut show, feed, validators);
            }
        }
        Err(e) => show.error = Some(e.to_string()),
    }
    // The error is recorded even though the update failed: `shownotes shows` reports it.
    let saved = disk::write_show(dir, &show);
    let fetched = result?;
    saved.map_err(|source| FeedError::Write { feed: label(&feed_id), path: dir.to_path_buf(), source })?;
    Ok(match fetched {
        None => Outcome { slug, name, not_modified: true, counts: sync::Counts::default() },
        Some((_, _, counts)) => Outcome { slug, name, not_modified: false, counts },
    })
}

/// A good fetch's validators, link and any new hosts into `show` (hosts a person added or aliased are kept).
fn record_feed(show: &mut Show, feed: &ParsedFeed, validators: &Validators) {
    show.etag.clone_from(&validators.etag);
    show.last_modified.clone_from(&validators.last_modified);
    if feed.link.is_some() {
        show.link.clone_from(&feed.link);
    }
    for host in &feed.hosts {
        if !show.hosts.iter().any(|h| &h.name == host || h.aliases.contains(host)) {
            show.hosts.push(ShowHost { name: host.clone(), aliases: Vec::new() });
        }
    }
}

/// The feed's bytes and validators, or `None` for a 304. Files are read (bounded), URLs fetched.
fn read_source(
    agent: &ureq::Agent,
    options: &Options,
    feed_id: &str,
    validators: &Validators,
) -> Result<Option<(Vec<u8>, Validators)>, FeedError> {
    if is_url(feed_id) {
        return match http::get(agent, &options.http, feed_id, validators) {
            Ok(Fetched::NotModified) => Ok(None),
            Ok(Fetched::Body { bytes, validators }) => Ok(Some((bytes, validators))),
            Err(e) => Err(http_error(feed_id, e)),
        };
    }
    let bytes = crate::library::read_bounded(Path::new(feed_id))
        .map_err(|reason| FeedError::File { feed: label(feed_id), reason })?;
    Ok(Some((bytes, Validators::default())))
}

fn http_error(feed: &str, source: HttpError) -> FeedError {
    FeedError::Http { feed: label(feed), source }
}

/// A URL as given; a file as its absolute path, so `update` finds it from any folder.
fn feed_id(source: &str) -> String {
    if is_url(source) {
        return source.trim().to_owned();
    }
    std::path::absolute(source).map_or_else(|_| source.to_owned(), |p| p.to_string_lossy().into_owned())
}

/// A feed or show name made safe for one line of terminal output.
fn label(s: &str) -> String {
    crate::sanitize::visible(s).into_owned()
}

fn subscribed_as(shows_dir: &Path, feed_id: &str) -> Option<String> {
    disk::show_dirs(shows_dir).into_iter().find_map(|dir| {
        let show = disk::read_show(&dir).ok()?;
        if show.feed.as_deref() == Some(feed_id) { Some(dir.file_name()?.to_string_lossy().into_owned()) } else { None }
    })
}

/// Claim a free folder name under `shows_dir` by creating it empty (`base`, `base-2`, …), so two adds running at
/// once never pick the same one. The show is built beside it and renamed over it when complete.
fn reserve_slug(shows_dir: &Path, base: &str) -> std::io::Result<String> {
    let base = if base == "episode" { "show" } else { base };
    fs::create_dir_all(shows_dir)?;
    let mut slug = base.to_owned();
    for n in 2.. {
        match fs::create_dir(shows_dir.join(&slug)) {
            Ok(()) => return Ok(slug),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => slug = format!("{base}-{n}"),
            Err(e) => return Err(e),
        }
    }
    Ok(slug)
}

/// The show folder called `name`, or whose show.yaml `name:` is `name` (case-insensitive).
fn find_show(dirs: &[PathBuf], name: &str) -> Option<PathBuf> {
    let by_slug = dirs.iter().find(|d| d.file_name().is_some_and(|f| f.to_string_lossy().eq_ignore_ascii_case(name)));
    by_slug.cloned().or_else(|| {
        dirs.iter()
            .find(|d| disk::read_show(d).ok().and_then(|s| s.name).is_some_and(|n| n.eq_ignore_ascii_case(name)))
            .cloned()
    })
}

/// Every subscription, by folder name.
pub fn list(shows_dir: &Path) -> Vec<Summary> {
    disk::show_dirs(shows_dir)
        .into_iter()
        .map(|dir| {
            let slug = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let show = disk::read_show(&dir);
            let episodes = fs::read_dir(&dir).map_or(0, |entries| {
                entries.filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "md")).count()
            });
            match show {
                Ok(show) => Summary {
                    name: show.name.unwrap_or_else(|| slug.clone()),
                    slug,
                    feed: show.feed,
                    episodes,
                    updated: show.updated,
                    error: show.error,
                },
                Err(e) => Summary { name: slug.clone(), slug, feed: None, episodes, updated: None, error: Some(e) },
            }
        })
        .collect()
}

/// Unsubscribe: delete the show's folder (its notes and transcripts). Returns the folder removed.
///
/// # Errors
/// [`FeedError::UnknownShow`], or the I/O error of the delete.
pub fn remove(name: &str, shows_dir: &Path) -> Result<PathBuf, FeedError> {
    let dir = find_show(&disk::show_dirs(shows_dir), name).ok_or_else(|| FeedError::UnknownShow(label(name)))?;
    fs::remove_dir_all(&dir).map_err(|source| FeedError::Write { feed: label(name), path: dir.clone(), source })?;
    Ok(dir)
}

/// The subscriptions as an OPML 2.0 document.
pub fn export_opml(shows_dir: &Path) -> String {
    let shows: Vec<Show> = disk::show_dirs(shows_dir).iter().filter_map(|d| disk::read_show(d).ok()).collect();
    let entries: Vec<opml::Entry<'_>> = shows
        .iter()
        .filter_map(|s| {
            let feed = s.feed.as_deref().filter(|f| is_url(f))?;
            Some(opml::Entry { name: s.name.as_deref().unwrap_or(feed), feed, link: s.link.as_deref() })
        })
        .collect();
    opml::export(&entries)
}

/// Subscribe to every feed an OPML file lists, several at once; feeds already subscribed are reported as such.
///
/// # Errors
/// The outer error when the OPML file cannot be read; each feed's own result is in the list.
pub fn import_opml(file: &Path, options: &Options) -> Result<Vec<Result<Outcome, FeedError>>, FeedError> {
    let feed = label(&file.to_string_lossy());
    let bytes = crate::library::read_bounded(file).map_err(|reason| FeedError::File { feed: feed.clone(), reason })?;
    let outlines = opml::read(&bytes).map_err(|reason| FeedError::File { feed, reason })?;
    let mut seen = std::collections::HashSet::new();
    let outlines: Vec<opml::Outline> =
        outlines.into_iter().filter(|o| is_url(&o.url) && seen.insert(o.url.clone())).collect();
    Ok(pool::run(
        &outlines,
        options.threads,
        options.progress,
        |o| o.url.clone(),
        |o| add(&o.url, o.name.as_deref(), options),
    ))
}
