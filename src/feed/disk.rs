//! A subscribed show on disk: `show.yaml`, one `NNN-slug.md` per episode with YAML front matter, and
//! `transcripts/`. Stored episodes are matched to feed items (guid, then audio URL, then title and date), so a
//! file keeps its name for life; every write into a subscribed show goes to a temporary file that is renamed into
//! place (a new show is built whole in a temporary folder, then that folder is renamed).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::channel::FeedEpisode;
use crate::model::{Chapter, Person, Show};

/// The front matter of an episode file written from a feed. Read back by the general parser
/// (title, number, date, hosts, guests, audio, chapters); the rest lets the next update recognise the episode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The enclosure URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// The episode's web page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Person>,
    /// From the item's `podcast:chapters` JSON; start in seconds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<Chapter>,
    /// The fetched transcript, relative to the show folder (`transcripts/057-slug.srt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
}

/// An episode file already in the show folder.
#[derive(Debug, Clone)]
pub struct Stored {
    pub file: String,
    pub front: FrontMatter,
    pub content: String,
}

/// Where each feed item goes: its file name and the stored episode it matched, if any.
#[derive(Debug, Clone)]
pub struct Placement {
    pub file: String,
    pub stored: Option<usize>,
}

/// Every `*.md` in `dir` with a front matter this module can read; other files are left alone.
pub fn read_stored(dir: &Path) -> std::io::Result<Vec<Stored>> {
    let mut stored = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "md") || !path.is_file() {
            continue;
        }
        let Some(file) = path.file_name().map(|f| f.to_string_lossy().into_owned()) else { continue };
        let Ok(content) = fs::read_to_string(&path) else { continue };
        if let Some(front) = front_matter(&content) {
            stored.push(Stored { file, front, content });
        }
    }
    stored.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(stored)
}

fn front_matter(content: &str) -> Option<FrontMatter> {
    let rest = content.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    serde_saphyr::from_str(&rest[..=end]).ok()
}

/// Match feed items to stored episodes — guid, then enclosure URL, then title and date, each stored file used
/// once (so duplicate guids land in separate files) — and name the new ones.
pub fn place(stored: &[Stored], episodes: &[FeedEpisode]) -> Vec<Placement> {
    let mut by_guid: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_audio: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_title: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, s) in stored.iter().enumerate() {
        if let Some(g) = &s.front.guid {
            by_guid.entry(g).or_default().push(i);
        }
        if let Some(a) = &s.front.audio {
            by_audio.entry(a).or_default().push(i);
        }
        by_title.entry((&s.front.title, s.front.date.as_deref())).or_default().push(i);
    }
    let mut used = vec![false; stored.len()];
    let mut names: HashSet<String> = stored.iter().map(|s| s.file.clone()).collect();
    episodes
        .iter()
        .map(|ep| {
            let mut take = |found: Option<&Vec<usize>>| {
                let i = found?.iter().copied().find(|i| !used[*i])?;
                used[i] = true;
                Some(i)
            };
            let hit = ep
                .guid
                .as_deref()
                .and_then(|g| take(by_guid.get(g)))
                .or_else(|| ep.audio.as_deref().and_then(|a| take(by_audio.get(a))))
                .or_else(|| take(by_title.get(&(ep.title.as_str(), ep.date.as_deref()))));
            match hit {
                Some(i) => Placement { file: stored[i].file.clone(), stored: Some(i) },
                None => Placement { file: new_name(ep, &mut names), stored: None },
            }
        })
        .collect()
}

/// `057-episode-title.md`, else `2021-10-08-episode-title.md`, else `episode-title.md`; `-2`, `-3` when taken.
fn new_name(ep: &FeedEpisode, taken: &mut HashSet<String>) -> String {
    let slug = slug(&ep.title, 50);
    let stem = match (ep.number, &ep.date) {
        (Some(n), _) => format!("{n:03}-{slug}"),
        (None, Some(d)) => format!("{d}-{slug}"),
        (None, None) => slug,
    };
    let mut name = format!("{stem}.md");
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}-{n}.md");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

/// Lower-case letters and digits joined by single dashes, at most `max` bytes: a file or folder name that is
/// safe on every filesystem and easy to type. `"episode"` when nothing is left.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if out.len() + c.len_utf8() > max {
                break;
            }
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "episode".to_owned() } else { out }
}

/// The whole episode file: front matter, a blank line, the notes.
pub fn render(front: &FrontMatter, notes: &str) -> String {
    let yaml = serde_saphyr::to_string(front).unwrap_or_default();
    let notes = notes.trim_end();
    let mut out = String::with_capacity(yaml.len() + notes.len() + 12);
    out.push_str("---\n");
    out.push_str(&yaml);
    if !yaml.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("---\n\n");
    out.push_str(notes);
    out.push('\n');
    out
}

/// Create `path`, which must not exist yet, and write `bytes` in one call: for a folder nobody reads until it
/// is complete (a new show built under a temporary name and renamed into place).
///
/// # Errors
/// The I/O error of the create (`AlreadyExists` included) or the write.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    fs::OpenOptions::new().write(true).create_new(true).open(path)?.write_all(bytes)
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so a reader sees the
/// old file or the new one, never half of one. No fsync: a 730-episode import would pay one per file (seconds
/// on a disk), and a file lost to a power cut is fetched again by the next update.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `show.yaml` of a show folder.
///
/// # Errors
/// A message naming the file when it cannot be read or is not a show description.
pub fn read_show(dir: &Path) -> Result<Show, String> {
    let path = dir.join("show.yaml");
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_saphyr::from_str(&text)
        .map_err(|e| format!("{}: {}", path.display(), crate::library::first_line(&e.to_string())))
}

/// Write `show.yaml` atomically.
///
/// # Errors
/// The I/O error of the write.
pub fn write_show(dir: &Path, show: &Show) -> std::io::Result<()> {
    let yaml = serde_saphyr::to_string(show).map_err(std::io::Error::other)?;
    write_atomic(&dir.join("show.yaml"), yaml.as_bytes())
}

/// The folders under `shows_dir` that hold a `show.yaml`, sorted by name.
pub fn show_dirs(shows_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(shows_dir) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.join("show.yaml").is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    dirs.sort();
    dirs
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ep(title: &str, guid: Option<&str>, audio: Option<&str>) -> FeedEpisode {
        FeedEpisode {
            title: title.into(),
            guid: guid.map(Into::into),
            audio: audio.map(Into::into),
            number: Some(1),
            ..FeedEpisode::default()
        }
    }

    fn stored(file: &str, e: &FeedEpisode) -> Stored {
        let front = FrontMatter {
            title: e.title.clone(),
            guid: e.guid.clone(),
            audio: e.audio.clone(),
            ..FrontMatter::default()
        };
        Stored { file: file.into(), content: render(&front, ""), front }
    }

    #[test]
    fn matches_by_guid_then_audio_then_title_and_names_new_ones_uniquely() {
        let a = ep("A", Some("g1"), Some("http://x/a.mp3"));
        let b = ep("B", None, Some("http://x/b.mp3"));
        let c = ep("C", None, None);
        let on_disk = vec![stored("001-a.md", &a), stored("001-b.md", &b), stored("001-c.md", &c)];
        let renamed = FeedEpisode { title: "A (fixed)".into(), ..a.clone() };
        let dup = ep("Dup", Some("g1"), None);
        let placed = place(&on_disk, &[renamed, b, c, dup, ep("A", None, None)]);
        let files: Vec<_> = placed.iter().map(|p| (p.file.as_str(), p.stored)).collect();
        assert_eq!(
            files,
            [
                ("001-a.md", Some(0)),
                ("001-b.md", Some(1)),
                ("001-c.md", Some(2)),
                ("001-dup.md", None),
                ("001-a-2.md", None)
            ]
        );
    }

    #[test]
    fn front_matter_round_trips_hostile_titles() {
        let front = FrontMatter {
            title: "Colons: \"quotes\" # and - dashes".into(),
            number: Some(7),
            chapters: vec![Chapter { start: 61, title: "Intro: yes".into(), url: None }],
            ..FrontMatter::default()
        };
        let text = render(&front, "Notes *here*.");
        assert_eq!(front_matter(&text), Some(front));
        assert!(text.ends_with("\n\nNotes *here*.\n"));
        assert_eq!(slug("Ünïcode & Friends: 42!", 50), "ünïcode-friends-42");
        assert_eq!(slug("!!!", 50), "episode");
    }
}
