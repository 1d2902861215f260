//! Finding and loading a folder of show notes: the only module that touches the filesystem for episodes.
//!
//! A library root is either a plain folder of `.md` files (like `episodes/`) or an archive laid out like the
//! public python_bytes_show_notes repository (`show_notes/*.md`, optional `transcripts/`). One bad file never
//! stops the rest: it becomes a [`FileError`] naming the file and the reason.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use crate::model::{Episode, Show};
use crate::parse;

pub mod file_name;
pub mod merge;

/// Files larger than this are refused rather than parsed: no show notes come close, and it bounds memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Everything loaded from one library root.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Library {
    /// The folder the user named.
    #[serde(skip)]
    pub root: PathBuf,
    /// Episodes sorted by number (episodes without one last, by file name).
    pub episodes: Vec<Episode>,
    /// Files that could not be read or understood.
    pub errors: Vec<FileError>,
    /// Things worth telling the user that did not stop anything (duplicate numbers, a bad show.yaml).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The show's description from `show.yaml`, or the default.
    #[serde(skip)]
    pub show: Show,
}

/// A file that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

/// Why a library as a whole could not be opened.
#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("library folder {0} does not exist: pass --library <PATH> or set SHOWNOTES_LIBRARY")]
    NotFound(PathBuf),
    #[error("library path {0} is not a folder: pass the folder that holds the .md files")]
    NotAFolder(PathBuf),
    #[error("cannot list the library folder {path}: {source}")]
    List {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Library {
    /// Load every episode under `root`, in parallel.
    ///
    /// # Errors
    /// Only when `root` itself cannot be listed; per-file problems land in [`Library::errors`].
    pub fn load(root: &Path) -> Result<Self, LibraryError> {
        let notes_dir = notes_folder(root)?;
        let files = list_markdown(&notes_dir)?;
        let mut warnings = Vec::new();
        let show = load_show(root, &mut warnings);
        let results = parse_all(&files);
        let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let numbers = file_name::numbers(&paths);
        let mut episodes = Vec::new();
        let mut errors = Vec::new();
        for ((path, result), from_name) in files.iter().zip(results).zip(numbers) {
            let file = display_name(root, path);
            match result {
                Ok((mut ep, notes)) => {
                    warnings.extend(notes.into_iter().map(|w| format!("{file}: {w}")));
                    complete(&mut ep, file, path, from_name, &show);
                    episodes.push(ep);
                }
                Err(message) => errors.push(FileError { file, message }),
            }
        }
        parse::canonicalize_hosts(&mut episodes, &show);
        episodes.sort_by(|a, b| (a.number.is_none(), a.number, &a.file).cmp(&(b.number.is_none(), b.number, &b.file)));
        warn_duplicates(&episodes, &mut warnings);
        Ok(Self { root: root.to_path_buf(), episodes, errors, warnings, show })
    }

    /// The episode with this number (the first, when two files share it).
    pub fn episode(&self, number: u32) -> Option<&Episode> {
        self.episodes.iter().find(|e| e.number == Some(number))
    }

    /// The episode a user names: a number, else a file stem or file name (`go-time-100`, `042 - Title.md`),
    /// compared without case.
    pub fn find(&self, key: &str) -> Option<&Episode> {
        let key = key.trim();
        if let Ok(n) = key.trim_start_matches('#').parse::<u32>()
            && let Some(e) = self.episode(n)
        {
            return Some(e);
        }
        self.episodes.iter().find(|e| {
            let path = Path::new(&e.file);
            let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            let name = path.file_name().map(|s| s.to_string_lossy()).unwrap_or_default();
            stem.eq_ignore_ascii_case(key) || name.eq_ignore_ascii_case(key) || e.file.eq_ignore_ascii_case(key)
        })
    }

    /// The episode numbers that exist, for "no episode N" messages.
    pub fn numbers(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.episodes.iter().filter_map(|e| e.number).collect();
        v.dedup();
        v
    }
}

/// What the library adds to one parsed file, wherever it was parsed (here or in the index's sync): the file's
/// name, a number from the file name (`from_name`, judged against the whole folder by
/// [`file_name::numbers`]) or a date from it when the notes give none, and the show's name from show.yaml.
pub(crate) fn complete(ep: &mut Episode, file: String, path: &Path, from_name: Option<u32>, show: &Show) {
    ep.file = file;
    if ep.number.is_none() {
        ep.number = from_name;
    }
    if ep.date.is_none() {
        ep.date = file_name::date(path);
    }
    if ep.show.is_none() {
        ep.show.clone_from(&show.name);
    }
}

/// `show_notes/` under an archive root, else the root itself.
pub(crate) fn notes_folder(root: &Path) -> Result<PathBuf, LibraryError> {
    let meta = fs::metadata(root).map_err(|_| LibraryError::NotFound(root.to_path_buf()))?;
    if !meta.is_dir() {
        return Err(LibraryError::NotAFolder(root.to_path_buf()));
    }
    let nested = root.join("show_notes");
    Ok(if nested.is_dir() { nested } else { root.to_path_buf() })
}

/// Every `*.md` entry of the folder (not recursive), sorted; a README is documentation, not an episode.
pub(crate) fn list_markdown(dir: &Path) -> Result<Vec<PathBuf>, LibraryError> {
    let list_err = |source| LibraryError::List { path: dir.to_path_buf(), source };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(list_err)? {
        let path = entry.map_err(list_err)?.path();
        let is_md = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        let is_readme = path.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("readme"));
        if is_md && !is_readme {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Parse files on every core; each result is the episode or a message saying why the file was refused.
///
/// Each file is parsed under `catch_unwind`, so a parser bug on one file costs that file only (and the results
/// stay aligned with `files`).
pub(crate) fn parse_all(files: &[PathBuf]) -> Vec<Result<Parsed, String>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                (part.len(), scope.spawn(move || part.iter().map(|p| load_file_isolated(p)).collect::<Vec<_>>()))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(len, h)| h.join().unwrap_or_else(|_| vec![Err(CRASHED.to_owned()); len]))
            .collect()
    })
}

const CRASHED: &str = "made the parser crash (a shownotes bug: please report it with this file)";

/// An episode and the warnings its notes raised (front matter fields skipped).
type Parsed = (Episode, Vec<String>);

fn load_file_isolated(path: &Path) -> Result<Parsed, String> {
    std::panic::catch_unwind(|| load_notes(path)).unwrap_or_else(|_| Err(CRASHED.to_owned()))
}

fn load_notes(path: &Path) -> Result<Parsed, String> {
    let bytes = read_bounded(path)?;
    let text = decode(&bytes)?;
    parse::parse_notes(text).map_err(|e| e.to_string())
}

/// Read and parse one file, turning every failure into a reason a person can act on.
///
/// # Errors
/// The reason, as a sentence: unreadable, binary, not UTF-8, too large, or empty.
pub fn load_file(path: &Path) -> Result<Episode, String> {
    load_notes(path).map(|(episode, _)| episode)
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`].
///
/// A FIFO or device named `x.md` (or a link to `/dev/zero`) would block or never end, so only regular files
/// are opened, and the read is capped in case the file grows while it is read.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("is a folder, not a markdown file".to_owned());
    }
    if !meta.is_file() {
        return Err("is not a regular file (a pipe, socket or device); only plain files are read".to_owned());
    }
    let too_big = |len: u64| {
        format!(
            "is {len} bytes, larger than the {} MB limit for show notes; split it or check it is really show notes",
            MAX_FILE_BYTES >> 20
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// UTF-8 text with an optional byte-order mark; binary and other encodings are refused with the reason.
pub fn decode(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.get(..8192).unwrap_or(bytes).contains(&0) {
        return Err("looks binary (contains NUL bytes), not markdown text".to_owned());
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}); convert it with `iconv -f latin1 -t utf-8`",
            e.valid_up_to()
        )
    })
}

fn io_reason(e: &std::io::Error) -> String {
    // ELOOP has no stable ErrorKind: name it so a symlink loop is recognisable.
    if e.raw_os_error() == Some(40) {
        return "is a symbolic link loop".to_owned();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "cannot be read: it vanished or is a dangling link".to_owned(),
        std::io::ErrorKind::PermissionDenied => "cannot be read: permission denied".to_owned(),
        _ => format!("cannot be read: {e}"),
    }
}

/// The path relative to the root, with control characters written as visible escapes so a hostile file name
/// can neither drive the terminal nor hide which file it is.
pub(crate) fn display_name(root: &Path, path: &Path) -> String {
    crate::sanitize::visible(&path.strip_prefix(root).unwrap_or(path).to_string_lossy()).into_owned()
}

/// `show.yaml` at the library root; a broken one is a warning, and the defaults keep working.
pub(crate) fn load_show(root: &Path, warnings: &mut Vec<String>) -> Show {
    let path = root.join("show.yaml");
    if !path.exists() {
        return Show::default();
    }
    let bytes = read_bounded(&path);
    let text = match bytes.as_deref().map_err(Clone::clone).and_then(decode) {
        Ok(text) => text,
        Err(e) => {
            warnings.push(format!("{} {e}; host aliases from it are ignored until it is fixed", path.display()));
            return Show::default();
        }
    };
    match serde_saphyr::from_str::<Show>(text) {
        Ok(show) => show,
        Err(e) => {
            let reason = first_line(&e.to_string());
            warnings.push(format!("{}: {reason}; host aliases from it are ignored until it is fixed", path.display()));
            Show::default()
        }
    }
}

/// serde-saphyr errors carry a multi-line source excerpt after the `line L column C: reason` summary.
pub fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).trim().to_owned()
}

fn warn_duplicates(episodes: &[Episode], warnings: &mut Vec<String>) {
    for pair in episodes.windows(2) {
        if pair[0].number.is_some() && pair[0].number == pair[1].number {
            warnings.push(format!(
                "{} and {} are both episode {}; both are kept",
                pair[0].file,
                pair[1].file,
                pair[0].number.unwrap_or_default()
            ));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_binary_and_latin1_but_takes_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBF# Hi"), Ok("# Hi"));
        assert!(decode(b"a\0b").unwrap_err().contains("binary"));
        assert!(decode(b"caf\xE9").unwrap_err().contains("not UTF-8"));
    }
}
