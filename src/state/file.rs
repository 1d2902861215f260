//! The disk protocol under the state store: atomic replacement, a lock beside the file, and moving bad files aside.
//!
//! Kept apart from the store so the protocol can be read (and watched, step by step, in tests) on its own.

use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A step of [`write_atomic_observed`], announced just after it is done.
///
/// Tests pause a child process at each step and kill it there, to check that no step leaves a torn file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// The temporary file exists beside the target and is still empty.
    TempCreated,
    /// Every byte is in the temporary file, not yet flushed to disk.
    TempWritten,
    /// The temporary file is flushed to disk.
    TempSynced,
    /// The temporary file has replaced the target; the folder is not yet flushed.
    Renamed,
    /// The folder is flushed: the new content survives a power cut.
    DirSynced,
}

/// Write `bytes` to a temporary file beside `path`, flush it, rename it over `path`, then flush the folder.
///
/// A crash at any point leaves either the old file or the new one, never a mix. The temporary file is created
/// with a random name and `create_new`, so two writers never share one.
///
/// # Errors
/// When the folder or file cannot be written; `path` is then untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_observed(path, bytes, &mut |_| {})
}

/// [`write_atomic`], calling `observe` after each [`WriteStep`].
///
/// # Errors
/// As [`write_atomic`]; the temporary file is removed when a step fails.
pub fn write_atomic_observed(path: &Path, bytes: &[u8], observe: &mut dyn FnMut(WriteStep)) -> io::Result<()> {
    let dir = parent(path);
    fs::create_dir_all(dir)?;
    let (tmp, mut file) = create_temp(path)?;
    observe(WriteStep::TempCreated);
    let written = (|| {
        file.write_all(bytes)?;
        observe(WriteStep::TempWritten);
        file.sync_all()?;
        observe(WriteStep::TempSynced);
        drop(file);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    observe(WriteStep::Renamed);
    // Some filesystems cannot fsync a folder; the rename is done either way, so this is best effort.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    observe(WriteStep::DirSynced);
    Ok(())
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.state.json.tmp-`: the prefix of every temporary file written for `path`.
fn temp_prefix(path: &Path) -> String {
    format!(".{}.tmp-", path.file_name().unwrap_or_default().to_string_lossy())
}

fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let dir = parent(path);
    let mut last = None;
    for _ in 0..16 {
        let salt = RandomState::new().hash_one(std::process::id());
        let tmp = dir.join(format!("{}{}-{salt:016x}", temp_prefix(path), std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("could not pick a temporary file name")))
}

/// Remove temporary files left by writers that died mid-write. Only call while holding the lock: a live writer
/// holds it for the whole write, so any temporary file seen under the lock is abandoned.
pub(crate) fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(parent(path)) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// An exclusive lock on `path.lock`, held until dropped; other instances wait for it.
#[derive(Debug)]
pub(crate) struct Lock {
    file: File,
}

impl Lock {
    /// Create (if needed) and lock the lock file beside `path`.
    pub(crate) fn acquire(path: &Path) -> io::Result<Self> {
        let mut name = path.as_os_str().to_owned();
        name.push(".lock");
        let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(PathBuf::from(name))?;
        file.lock()?;
        Ok(Self { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Move `path` to `path.<suffix>`, or `path.<suffix>.1`, `.2`, … so an earlier set-aside file is never replaced.
///
/// # Errors
/// When the file cannot be moved; it is then left where it was.
pub(crate) fn set_aside(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let base = path.as_os_str().to_owned();
    for n in 0..1000u32 {
        let mut name = base.clone();
        name.push(format!(".{suffix}"));
        if n > 0 {
            name.push(format!(".{n}"));
        }
        let aside = PathBuf::from(name);
        // A hard link fails when the target exists, so no earlier file is overwritten even by a racing writer.
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            // No hard links on this filesystem: fall back to a checked rename.
            Err(_) if !aside.exists() => {
                fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(_) => {}
        }
    }
    Err(io::Error::other("a thousand earlier set-aside copies are in the way; delete some"))
}
