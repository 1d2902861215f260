//! What the reader remembers between runs: which episodes were read or starred.
//!
//! Stored as JSON at the XDG data path and written atomically (temporary file in the same folder, then rename),
//! so a crash mid-write leaves the old file intact. A file that cannot be understood is moved aside, never lost.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The version this build writes; a newer file is moved aside rather than misread.
pub const STATE_VERSION: u32 = 1;

/// The remembered state itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadState {
    pub version: u32,
    pub read: BTreeSet<u32>,
    pub starred: BTreeSet<u32>,
}

/// Why state could not be saved.
#[derive(Debug, Error)]
pub enum StateError {
    #[error("cannot save reading state to {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The state and where it lives; `path: None` keeps it in memory only.
#[derive(Debug, Default)]
pub struct StateStore {
    path: Option<PathBuf>,
    state: ReadState,
}

impl StateStore {
    /// Open the state file, returning warnings for anything that had to be set aside.
    pub fn open(path: PathBuf) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let state = match fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<ReadState>(&bytes) {
                Ok(s) if s.version <= STATE_VERSION => s,
                Ok(s) => {
                    warnings
                        .push(set_aside(&path, &format!("was written by a newer shownotes (version {})", s.version)));
                    ReadState::default()
                }
                Err(e) => {
                    warnings.push(set_aside(&path, &format!("is corrupt ({e})")));
                    ReadState::default()
                }
            },
            Err(_) => ReadState::default(),
        };
        (Self { path: Some(path), state }, warnings)
    }

    /// A store that never touches the disk (tests, or a data folder that cannot be written).
    pub fn in_memory() -> Self {
        Self::default()
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

    /// Mark an episode read or unread and save.
    ///
    /// # Errors
    /// When the file cannot be written; the change is kept in memory.
    pub fn set_read(&mut self, episode: u32, read: bool) -> Result<(), StateError> {
        if read {
            self.state.read.insert(episode)
        } else {
            self.state.read.remove(&episode)
        };
        self.save()
    }

    /// Star or unstar an episode and save.
    ///
    /// # Errors
    /// When the file cannot be written; the change is kept in memory.
    pub fn set_starred(&mut self, episode: u32, starred: bool) -> Result<(), StateError> {
        if starred {
            self.state.starred.insert(episode)
        } else {
            self.state.starred.remove(&episode)
        };
        self.save()
    }

    /// Write the state atomically.
    ///
    /// # Errors
    /// When the folder or file cannot be written.
    pub fn save(&mut self) -> Result<(), StateError> {
        let Some(path) = &self.path else { return Ok(()) };
        self.state.version = STATE_VERSION;
        let json = serde_json::to_vec_pretty(&self.state).unwrap_or_default();
        write_atomic(path, &json).map_err(|source| StateError::Write { path: path.clone(), source })
    }
}

/// Write `bytes` to a temporary file beside `path`, flush it to disk, then rename it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp =
        dir.join(format!(".{}.tmp-{}", path.file_name().unwrap_or_default().to_string_lossy(), std::process::id()));
    let mut f = fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    fs::rename(&tmp, path)
}

fn set_aside(path: &Path, why: &str) -> String {
    let aside = path.with_extension("corrupt");
    match fs::rename(path, &aside) {
        Ok(()) => format!("{} {why}; moved it to {} and started fresh", path.display(), aside.display()),
        Err(e) => format!("{} {why}, and it could not be moved aside ({e}); starting fresh", path.display()),
    }
}
