//! Which transcript file belongs to which episode: `transcripts/` in an archive root, or `NNN*.{txt,vtt,srt,json}`
//! beside the notes, matched by the number the file name starts with.
//!
//! One episode may have several files (`.txt` and `.vtt` of one cut, a `-names` copy with speakers, a
//! `-youtube` cut that starts seconds later). One file is chosen per episode, by one rule applied to every
//! episode so the library is consistent: the podcast's own cut over a YouTube cut, then a `.vtt` (it has end
//! times), `.srt`, `.json`, `.txt`, then a copy with speaker names. Two files are never mixed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Format;

/// The chosen transcript of each episode number, and every candidate that was passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranscriptFiles {
    /// Episode number → the one file to read.
    pub chosen: BTreeMap<u32, PathBuf>,
    /// Episode number → the other files found for it, for a "why not that one" question.
    pub others: BTreeMap<u32, Vec<PathBuf>>,
}

impl TranscriptFiles {
    /// The transcript file of episode `number`, if one was found.
    pub fn get(&self, number: u32) -> Option<&Path> {
        self.chosen.get(&number).map(PathBuf::as_path)
    }
}

/// Look for transcripts of a library root: its `transcripts/` folder, and the folder holding the notes
/// (`show_notes/` in an archive, else the root itself). Folders that do not exist or cannot be listed are
/// skipped: transcripts are optional.
pub fn discover(root: &Path) -> TranscriptFiles {
    let notes = root.join("show_notes");
    let notes = if notes.is_dir() { notes } else { root.to_path_buf() };
    let mut found: BTreeMap<u32, Vec<PathBuf>> = BTreeMap::new();
    for dir in [root.join("transcripts"), notes.join("transcripts"), notes] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if let Some(n) = episode_number(&path)
                && entry.file_type().is_ok_and(|t| !t.is_dir())
            {
                let list = found.entry(n).or_default();
                if !list.contains(&path) {
                    list.push(path);
                }
            }
        }
    }
    let mut files = TranscriptFiles::default();
    for (n, mut list) in found {
        list.sort_by_key(|p| preference(p));
        let mut list = list.into_iter();
        if let Some(best) = list.next() {
            files.chosen.insert(n, best);
        }
        let rest: Vec<PathBuf> = list.collect();
        if !rest.is_empty() {
            files.others.insert(n, rest);
        }
    }
    files
}

/// The episode a transcript file is for: the digits its name starts with (`002_python_bytes.txt` → 2), for
/// files with a transcript extension only.
pub fn episode_number(path: &Path) -> Option<u32> {
    Format::from_path(path)?;
    let name = path.file_name()?.to_str()?;
    let digits = name.split(|c: char| !c.is_ascii_digit()).next()?;
    if digits.is_empty() {
        return None;
    }
    // A name like `2024-10-01.txt` is a date, not an episode; `012` is a padded number.
    let next = name[digits.len()..].chars().next();
    if digits.len() == 4 && next == Some('-') && name[digits.len() + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Sort key: lower is better. (a YouTube cut, format rank, without speaker names, the name itself).
fn preference(path: &Path) -> (bool, u8, bool, String) {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let youtube = name.contains("youtube");
    let rank = match Format::from_path(path) {
        Some(Format::Vtt) => 0,
        Some(Format::Srt) => 1,
        Some(Format::Json) => 2,
        Some(Format::Txt) => 3,
        None => 4,
    };
    (youtube, rank, !name.contains("-names"), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_names() {
        assert_eq!(episode_number(Path::new("002_python_bytes.txt")), Some(2));
        assert_eq!(episode_number(Path::new("473-a-clean-room-rewrite-transcript-youtube.vtt")), Some(473));
        assert_eq!(episode_number(Path::new("149.md")), None);
        assert_eq!(episode_number(Path::new("notes.txt")), None);
        assert_eq!(episode_number(Path::new("2024-10-01.srt")), None);
    }

    #[test]
    fn preference_order() {
        let mut names = vec![
            "473-x-transcript-youtube.vtt",
            "473-x-transcript.txt",
            "473-x.vtt",
            "473-x-names.vtt",
            "473-x.json",
            "473-x.srt",
        ];
        names.sort_by_key(|n| preference(Path::new(n)));
        assert_eq!(
            names,
            [
                "473-x-names.vtt",
                "473-x.vtt",
                "473-x.srt",
                "473-x.json",
                "473-x-transcript.txt",
                "473-x-transcript-youtube.vtt"
            ]
        );
    }
}
