//! The on-disk index: one SQLite file (`$XDG_CACHE_HOME/shownotes/index.sqlite`) for every library, holding
//! parsed episodes keyed by file path, size, modification time and [`PARSER_VERSION`], and an FTS5 index over
//! every part a reader sees. The only module that speaks SQL.
//!
//! A start stats the files and parses only new or changed ones ([`Store::sync`]); a hit never re-reads a file.
//! The cache is never a reason to fail: a damaged file, one of another version, or one that cannot be written
//! is rebuilt, or the store works in memory for this run, with one warning ([`Store::take_warnings`]).

mod memory;
pub mod read;
pub mod schema;
pub mod sync;
pub mod transcripts;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use thiserror::Error;

pub use read::{CacheInfo, Candidate, DocRow, Summary};
pub use sync::{Progress, SyncStats, Synced};
pub use transcripts::TranscriptStats;

use crate::library::LibraryError;
use crate::search::docs::Doc;
use schema::OpenFault;

/// Bump whenever parsing changes what an episode reads as: every cached episode is then parsed again.
pub const PARSER_VERSION: i64 = 2;

/// What can go wrong talking to the index. The CLI and the reader rarely see these: [`Store`] falls back to
/// an in-memory index itself.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error("the index database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a cached episode could not be read back: {0}")]
    Json(#[from] serde_json::Error),
}

/// Where the index lives for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    /// No usable file: the index is built in memory and lost at exit.
    Memory,
}

/// An open index. Not `Sync`: the reader gives its worker thread its own `Store`.
pub struct Store {
    conn: Connection,
    location: Location,
    warnings: Vec<String>,
}

impl Store {
    /// `$XDG_CACHE_HOME/shownotes/index.sqlite` (or the platform's cache folder).
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        etcetera::choose_base_strategy().ok().map(|s| s.cache_dir().join("shownotes").join("index.sqlite"))
    }

    /// The index at the default path, or in memory (with a warning) when there is no usable cache folder.
    pub fn open_default() -> Self {
        match Self::default_path() {
            Some(path) => Self::open(&path),
            None => Self::memory(vec!["no cache folder (HOME is not set); the index is kept in memory".to_owned()]),
        }
    }

    /// The index at `path`: created when missing, rebuilt when damaged or of another version, and replaced by
    /// an in-memory index (with a warning) when it cannot be written or another process keeps it locked.
    pub fn open(path: &Path) -> Self {
        match schema::open_file(path) {
            Ok(conn) => Self { conn, location: Location::File(path.to_path_buf()), warnings: Vec::new() },
            Err(fault) => Self::recover(path, &fault),
        }
    }

    fn recover(path: &Path, fault: &OpenFault) -> Self {
        let shown = path.display();
        let why = match fault {
            OpenFault::Version(v) => format!("was written by another version of shownotes (schema {v})"),
            OpenFault::Damaged(e) => format!("is damaged ({e})"),
            OpenFault::Busy => {
                return Self::memory(vec![format!(
                    "the index {shown} is busy (another shownotes is writing it); searching without it this time"
                )]);
            }
            OpenFault::Unwritable(e) => {
                return Self::memory(vec![format!(
                    "the index {shown} cannot be written ({e}); working from memory this time"
                )]);
            }
        };
        if let Err(e) = schema::remove_files(path) {
            return Self::memory(vec![format!(
                "the index {shown} {why} and cannot be removed ({e}); working from memory"
            )]);
        }
        let warning = format!("the index {shown} {why}; rebuilt it");
        match schema::open_file(path) {
            Ok(conn) => Self { conn, location: Location::File(path.to_path_buf()), warnings: vec![warning] },
            Err(_) => {
                Self::memory(vec![format!("the index {shown} {why} and could not be rebuilt; working from memory")])
            }
        }
    }

    fn memory(warnings: Vec<String>) -> Self {
        match schema::open_memory() {
            Ok(conn) => Self { conn, location: Location::Memory, warnings },
            // An in-memory SQLite database failing to open means no memory at all: nothing sensible remains.
            Err(e) => panic!("cannot create an in-memory SQLite database: {e}"),
        }
    }

    /// An empty in-memory index (tests, and the fallback).
    pub fn in_memory() -> Self {
        Self::memory(Vec::new())
    }

    /// Where the index lives this run.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Warnings about the cache itself (rebuilt, bypassed), each said once: the caller prints them.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Bring the cached copy of the library at `root` up to date and describe it.
    ///
    /// `progress` is called as files are parsed and indexed (a cold build of a big library takes seconds).
    /// A database failure switches to an in-memory index (one warning) and syncs again, so the answer is never
    /// stale.
    ///
    /// # Errors
    /// Only when the library folder itself cannot be listed ([`StoreError::Library`]).
    pub fn sync(&mut self, root: &Path, progress: &dyn Fn(Progress)) -> Result<Synced, StoreError> {
        match sync::run(&mut self.conn, root, progress) {
            Err(StoreError::Sqlite(e)) => {
                self.fall_back(&e);
                sync::run(&mut self.conn, root, progress)
            }
            other => other,
        }
    }

    /// Drop everything cached (for `shownotes index --rebuild`); the next sync parses every file again.
    ///
    /// # Errors
    /// When the database cannot be written.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        write::clear(&mut self.conn).map_err(Into::into)
    }

    fn fall_back(&mut self, e: &rusqlite::Error) {
        let place = match &self.location {
            Location::File(p) => p.display().to_string(),
            Location::Memory => "in memory".to_owned(),
        };
        let why = match OpenFault::of(e) {
            OpenFault::Busy => "is busy (another shownotes is writing it)".to_owned(),
            OpenFault::Unwritable(m) => format!("cannot be written ({m})"),
            OpenFault::Damaged(m) => format!("failed ({m})"),
            OpenFault::Version(v) => format!("is of schema {v}"),
        };
        if let Location::File(p) = &self.location
            && matches!(OpenFault::of(e), OpenFault::Damaged(_))
        {
            let _ = schema::remove_files(p);
        }
        let mut next = Self::memory(Vec::new());
        self.warnings.push(format!("the index {place} {why}; working from memory this time"));
        std::mem::swap(&mut self.conn, &mut next.conn);
        self.location = Location::Memory;
    }

    /// The episode list of a synced library, sorted by number (episodes without one last, by file), read from
    /// columns alone.
    ///
    /// # Errors
    /// A database failure.
    pub fn summaries(&self, lib: &Synced) -> Result<Vec<Summary>, StoreError> {
        read::summaries(&self.conn, lib.id).map_err(Into::into)
    }

    /// The whole episode with this number (the first by file name when two share it).
    ///
    /// # Errors
    /// A database failure, or a cached body that no longer reads as an episode.
    pub fn episode(&self, lib: &Synced, number: u32) -> Result<Option<crate::model::Episode>, StoreError> {
        read::episode_by_number(&self.conn, lib.id, number)
    }

    /// The whole episode with this id (from a [`Summary`] or a hit).
    ///
    /// # Errors
    /// As [`Store::episode`].
    pub fn episode_by_id(&self, id: i64) -> Result<Option<crate::model::Episode>, StoreError> {
        read::episode_by_id(&self.conn, id)
    }

    /// Every episode of the library, in list order (for `export` and the reader's whole-library views).
    ///
    /// # Errors
    /// As [`Store::episode`].
    pub fn episodes(&self, lib: &Synced) -> Result<Vec<crate::model::Episode>, StoreError> {
        read::episodes(&self.conn, lib.id)
    }

    /// Replace the documents of one kind of an episode (the transcript join adds `Kind::Transcript` passages
    /// this way). They are dropped again when the episode's file changes and is parsed anew.
    ///
    /// # Errors
    /// When the database cannot be written.
    pub fn replace_docs(
        &mut self,
        episode_id: i64,
        kind: crate::search::docs::Kind,
        docs: &[Doc],
    ) -> Result<(), StoreError> {
        write::replace_docs(&mut self.conn, episode_id, kind, docs).map_err(Into::into)
    }

    /// What the cache holds, per library, and its size on disk.
    ///
    /// # Errors
    /// A database failure.
    pub fn info(&self) -> Result<CacheInfo, StoreError> {
        let bytes = match &self.location {
            Location::File(p) => ["", "-wal"]
                .iter()
                .filter_map(|s| std::fs::metadata(format!("{}{s}", p.display())).ok())
                .map(|m| m.len())
                .sum(),
            Location::Memory => 0,
        };
        read::info(&self.conn, bytes).map_err(Into::into)
    }

    /// Documents matching an FTS5 expression (built by [`crate::search::query::Query::fts_match`]) in a library,
    /// with the query's filters, unordered: the caller ranks them.
    ///
    /// # Errors
    /// A database failure.
    pub fn candidates(&self, lib: &Synced, q: &read::CandidateQuery<'_>) -> Result<Vec<Candidate>, StoreError> {
        read::candidates(&self.conn, lib.id, q).map_err(Into::into)
    }

    /// The stored rows of these documents, in the order asked.
    ///
    /// # Errors
    /// A database failure.
    pub fn doc_rows(&self, ids: &[i64]) -> Result<Vec<DocRow>, StoreError> {
        read::doc_rows(&self.conn, ids).map_err(Into::into)
    }

    /// The bytes of the index's vocabulary (see [`crate::search::typo::Vocabulary`]); empty when none.
    ///
    /// # Errors
    /// A database failure.
    pub fn vocabulary(&self) -> Result<Vec<u8>, StoreError> {
        read::vocabulary(&self.conn).map_err(Into::into)
    }
}
