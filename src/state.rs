//! What the reader remembers between runs: which episodes were read or starred, and where reading stopped.
//!
//! Stored as JSON at the XDG data path. Every save takes a lock beside the file, re-reads it, replays this
//! instance's changes (a list of [`Change`]s, so an unstar merges as well as a star) and writes atomically
//! ([`file::write_atomic`]): two readers open at once never lose each other's marks, and a crash mid-write leaves
//! the old file. A file that cannot be understood is moved aside under a fresh name, never lost; a folder that
//! cannot be written leaves the marks in memory for the session, with a warning.

pub mod file;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use file::{WriteStep, write_atomic, write_atomic_observed};

/// The version this build writes; a newer file is moved aside rather than misread.
pub const STATE_VERSION: u32 = 1;

/// The remembered state itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadState {
    pub version: u32,
    pub read: BTreeSet<u32>,
    pub starred: BTreeSet<u32>,
    /// Where the reader was when it last closed; absent in files written before it was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resume: Option<Resume>,
}

/// Where reading stopped, to open there next time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resume {
    /// The episode's file name (stable when numbers are missing or repeat), as `Episode::file`.
    pub file: String,
    /// Index of the segment shown (0-based).
    pub segment: usize,
    /// The tab shown: `body`, `links`, `extras` or `jokes`.
    pub tab: String,
    /// First line of the text shown (rendered lines, 0-based).
    pub scroll: usize,
    /// The episode list's order: `newest`, `oldest` or `number`.
    pub sort: String,
    /// The pane that had the keyboard: `episodes`, `hosts`, `segments` or the tab's name.
    pub pane: String,
}

/// One mark the user set or cleared; saving replays these over what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read(u32),
    Unread(u32),
    Star(u32),
    Unstar(u32),
    /// Remember where reading stopped (the last one saved wins).
    Resume(Resume),
}

impl ReadState {
    /// Apply one change.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Read(n) => self.read.insert(n),
            Change::Unread(n) => self.read.remove(&n),
            Change::Star(n) => self.starred.insert(n),
            Change::Unstar(n) => self.starred.remove(&n),
            Change::Resume(r) => {
                self.resume = Some(r);
                true
            }
        };
    }
}

/// Why state could not be saved.
#[derive(Debug, Error)]
pub enum StateError {
    #[error("cannot save reading state to {path}: {source}; your marks are kept until you quit")]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The state and where it lives; `path: None` keeps it in memory only.
#[derive(Debug, Default)]
pub struct StateStore {
    path: Option<PathBuf>,
    state: ReadState,
    /// Changes not yet on disk, in the order they were made.
    pending: Vec<Change>,
    /// Problems met while saving (a file set aside), for the front end to show.
    warnings: Vec<String>,
}

/// What reading the state file found.
enum Loaded {
    Missing,
    Good(ReadState),
    /// Not understood: the reason, and the suffix to set it aside under.
    Bad(String, &'static str),
}

impl StateStore {
    /// Open the state file, returning warnings for anything that had to be set aside or given up.
    ///
    /// A folder that cannot be written still has its state file read (when there is one), but the store
    /// then keeps changes in memory only.
    pub fn open(path: PathBuf) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let dir = file::parent(&path).to_path_buf();
        let lock = fs::create_dir_all(&dir).and_then(|()| file::Lock::acquire(&path));
        let lock = match lock {
            Ok(lock) => lock,
            Err(e) => {
                warnings.push(format!(
                    "cannot write to the data folder {} ({e}); read and starred marks will last only until you quit \
                     — make the folder writable or set XDG_DATA_HOME to keep them",
                    dir.display()
                ));
                let state = match load(&path) {
                    Loaded::Good(s) => s,
                    Loaded::Missing => ReadState::default(),
                    Loaded::Bad(why, _) => {
                        warnings.push(format!("{} {why}; starting fresh", path.display()));
                        ReadState::default()
                    }
                };
                return (Self { state, ..Self::default() }, warnings);
            }
        };
        file::remove_stale_temps(&path);
        let state = match load(&path) {
            Loaded::Good(s) => s,
            Loaded::Missing => ReadState::default(),
            Loaded::Bad(why, suffix) => {
                warnings.push(set_aside(&path, &why, suffix));
                ReadState::default()
            }
        };
        drop(lock);
        (Self { path: Some(path), state, ..Self::default() }, warnings)
    }

    /// A store that never touches the disk (tests, or a data folder that cannot be written).
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The file this store saves to; `None` when it keeps state in memory only.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn state(&self) -> &ReadState {
        &self.state
    }

    pub fn is_read(&self, episode: u32) -> bool {
        self.state.read.contains(&episode)
    }

    pub fn is_starred(&self, episode: u32) -> bool {
        self.state.starred.contains(&episode)
    }

    /// Warnings from saves since the last call (a state file that had to be set aside).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Mark an episode read or unread and save.
    ///
    /// # Errors
    /// When the file cannot be written; the change is kept in memory and retried on the next save.
    pub fn set_read(&mut self, episode: u32, read: bool) -> Result<(), StateError> {
        self.change(if read { Change::Read(episode) } else { Change::Unread(episode) })
    }

    /// Star or unstar an episode and save.
    ///
    /// # Errors
    /// When the file cannot be written; the change is kept in memory and retried on the next save.
    pub fn set_starred(&mut self, episode: u32, starred: bool) -> Result<(), StateError> {
        self.change(if starred { Change::Star(episode) } else { Change::Unstar(episode) })
    }

    /// Apply one change and save.
    ///
    /// # Errors
    /// As [`StateStore::save`].
    pub fn change(&mut self, change: Change) -> Result<(), StateError> {
        self.record(change);
        self.save()
    }

    /// Apply one change in memory only; the next [`StateStore::save`] writes it (to batch many marks in one write).
    pub fn record(&mut self, change: Change) {
        self.state.apply(change.clone());
        self.pending.push(change);
    }

    /// Merge this instance's changes into the file on disk, under the lock, and pick up other instances' marks.
    ///
    /// # Errors
    /// When the folder or file cannot be written; the changes stay pending for the next save.
    pub fn save(&mut self) -> Result<(), StateError> {
        self.save_observed(&mut |_| {})
    }

    /// [`StateStore::save`], calling `observe` after each step of the atomic write (tests kill a process there).
    ///
    /// # Errors
    /// As [`StateStore::save`].
    pub fn save_observed(&mut self, observe: &mut dyn FnMut(WriteStep)) -> Result<(), StateError> {
        let Some(path) = self.path.clone() else { return Ok(()) };
        let err = |source| StateError::Write { path: path.clone(), source };
        let lock = file::Lock::acquire(&path).map_err(err)?;
        file::remove_stale_temps(&path);
        let mut merged = match load(&path) {
            Loaded::Good(s) => s,
            Loaded::Missing => ReadState::default(),
            Loaded::Bad(why, suffix) => {
                self.warnings.push(set_aside(&path, &why, suffix));
                // What this instance last saw is the best record left of the marks.
                self.state.clone()
            }
        };
        for change in &self.pending {
            merged.apply(change.clone());
        }
        merged.version = STATE_VERSION;
        let json = serde_json::to_vec_pretty(&merged).map_err(|e| err(e.into()))?;
        file::write_atomic_observed(&path, &json, observe).map_err(err)?;
        drop(lock);
        self.state = merged;
        self.pending.clear();
        Ok(())
    }
}

fn load(path: &Path) -> Loaded {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => return Loaded::Missing,
        Err(e) => return Loaded::Bad(format!("cannot be read ({e})"), "unreadable"),
    };
    match serde_json::from_slice::<ReadState>(&bytes) {
        Ok(s) if s.version <= STATE_VERSION => Loaded::Good(s),
        Ok(s) => Loaded::Bad(format!("was written by a newer shownotes (version {})", s.version), "newer"),
        Err(e) => Loaded::Bad(format!("is corrupt ({e})"), "corrupt"),
    }
}

fn set_aside(path: &Path, why: &str, suffix: &str) -> String {
    match file::set_aside(path, suffix) {
        Ok(aside) => format!("{} {why}; moved it to {} and started fresh", path.display(), aside.display()),
        Err(e) => format!("{} {why}, and it could not be moved aside ({e}); starting fresh", path.display()),
    }
}
