//! Which library folders a command reads, and the short name each is addressed by (`pb/149`).
//!
//! With `--library` (repeatable) or `SHOWNOTES_LIBRARY` (several paths joined by the OS path separator, `:` on
//! Unix) exactly those folders; otherwise every subscribed show (`$XDG_DATA_HOME/shownotes/shows/<slug>/`), then
//! the config's `library:` and `libraries:`, and `./episodes` only when none of these names anything. The CLI
//! and the reader both ask [`roots`], so they open the same shows in the same order.

use std::path::{Path, PathBuf};

use crate::config::{Config, LibraryEntry, expand_home};

/// One library folder to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The short name episodes are addressed by (`pb` in `pb/149`): the config's `name:`, else the folder's
    /// name (a subscribed show's slug). Unique among the roots of one run.
    pub name: String,
    pub path: PathBuf,
    /// Where the folder came from, for error messages.
    pub origin: Origin,
}

/// Where a root came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--library` or `SHOWNOTES_LIBRARY`: a folder that cannot be read is an error.
    Flag,
    /// A subscribed show.
    Subscription,
    /// The config's `library:` or `libraries:`.
    Config,
    /// `./episodes`, because nothing else was configured.
    Default,
}

impl Origin {
    /// The words appended to "cannot open the library PATH (…)".
    pub fn source(self) -> &'static str {
        match self {
            Self::Flag => "from --library or SHOWNOTES_LIBRARY",
            Self::Subscription => "a subscribed show; `shownotes shows` lists them",
            Self::Config => "from `library:` in the config file",
            Self::Default => "the default; pass --library <PATH> or set `library:` in the config file",
        }
    }
}

/// The paths `SHOWNOTES_LIBRARY` names (split with [`std::env::split_paths`]; empty parts skipped).
pub fn env_paths(value: Option<&std::ffi::OsStr>) -> Vec<PathBuf> {
    value.map(|v| std::env::split_paths(v).filter(|p| !p.as_os_str().is_empty()).collect()).unwrap_or_default()
}

/// The ordered roots of one run. `flag`: the `--library`/`SHOWNOTES_LIBRARY` paths (exactly these when any);
/// `shows_dir`: the folder of subscriptions (`None` when there is no data folder). The same folder named twice
/// is read once.
pub fn roots(flag: &[PathBuf], config: &Config, shows_dir: Option<&Path>) -> Vec<Root> {
    let mut found: Vec<(Option<String>, PathBuf, Origin)> = Vec::new();
    if flag.is_empty() {
        let subscribed = shows_dir.map(crate::feed::disk::show_dirs).unwrap_or_default();
        found.extend(subscribed.into_iter().map(|p| (None, p, Origin::Subscription)));
        found.extend(config.library.iter().map(|p| (None, expand_home(p), Origin::Config)));
        found.extend(config.libraries.iter().map(|entry| match entry {
            LibraryEntry::Path(p) => (None, expand_home(p), Origin::Config),
            LibraryEntry::Named { name, path } => (Some(name.clone()), expand_home(path), Origin::Config),
        }));
        if found.is_empty() {
            found.push((None, PathBuf::from("episodes"), Origin::Default));
        }
    } else {
        found.extend(flag.iter().map(|p| (None, p.clone(), Origin::Flag)));
    }
    let mut out: Vec<Root> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for (name, path, origin) in found {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical.clone());
        let base = name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| folder_name(&path, &canonical));
        let mut name = base.clone();
        let mut n = 2;
        while out.iter().any(|r| r.name.eq_ignore_ascii_case(&name)) {
            name = format!("{base}-{n}");
            n += 1;
        }
        out.push(Root { name, path, origin });
    }
    out
}

/// A folder's last component (`.` and `..` resolved), without `/`, which separates it from the episode.
fn folder_name(path: &Path, canonical: &Path) -> String {
    let name = path
        .file_name()
        .or_else(|| canonical.file_name())
        .map(|n| n.to_string_lossy().replace('/', "-"))
        .unwrap_or_default();
    if name.is_empty() || name == "." || name == ".." { "library".to_owned() } else { name }
}

/// Which of the open shows `wanted` names: a short name, else a show name (`show.yaml`), compared without
/// case; else the one short name or show name that starts with it. `shows` holds (short name, show name).
pub fn pick(shows: &[(&str, Option<&str>)], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let exact = |s: &str| s.to_lowercase() == wanted;
    if let Some(i) = shows.iter().position(|(short, _)| exact(short)) {
        return Some(i);
    }
    if let Some(i) = shows.iter().position(|(_, name)| name.is_some_and(exact)) {
        return Some(i);
    }
    let starts = |s: &str| s.to_lowercase().starts_with(&wanted);
    let prefixed: Vec<usize> =
        (0..shows.len()).filter(|&i| starts(shows[i].0) || shows[i].1.is_some_and(starts)).collect();
    match prefixed.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// `pb/149` → `Some(("pb", "149"))`: a show name before the first `/`, when there is one.
pub fn split_address(key: &str) -> Option<(&str, &str)> {
    key.trim().split_once('/').filter(|(show, rest)| !show.is_empty() && !rest.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_is_exact_and_names_are_unique() {
        let config = Config { library: Some(PathBuf::from("/from/config")), ..Config::default() };
        let r =
            roots(&[PathBuf::from("/a/notes"), PathBuf::from("/b/notes"), PathBuf::from("/a/notes")], &config, None);
        let names: Vec<&str> = r.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["notes", "notes-2"]);
        assert!(r.iter().all(|r| r.origin == Origin::Flag));
    }

    #[test]
    fn config_then_default() {
        let config = Config {
            library: Some(PathBuf::from("/x/old")),
            libraries: vec![LibraryEntry::Named { name: "pb".into(), path: PathBuf::from("/x/python") }],
            ..Config::default()
        };
        let r = roots(&[], &config, Some(Path::new("/nonexistent/shows")));
        let got: Vec<(&str, &Path)> = r.iter().map(|r| (r.name.as_str(), r.path.as_path())).collect();
        assert_eq!(got, [("old", Path::new("/x/old")), ("pb", Path::new("/x/python"))]);
        let r = roots(&[], &Config::default(), None);
        assert_eq!((r[0].name.as_str(), r[0].origin, r.len()), ("episodes", Origin::Default, 1));
    }

    #[test]
    fn picks_by_short_name_show_name_or_unique_prefix() {
        let shows = [("pb", Some("Python Bytes")), ("talk", Some("Talk Python")), ("tests", None)];
        assert_eq!(pick(&shows, "PB"), Some(0));
        assert_eq!(pick(&shows, "talk python"), Some(1));
        assert_eq!(pick(&shows, "py"), Some(0));
        assert_eq!(pick(&shows, "t"), None);
        assert_eq!(pick(&shows, "nope"), None);
        assert_eq!(split_address("pb/149"), Some(("pb", "149")));
        assert_eq!(split_address("149"), None);
        assert_eq!(env_paths(Some(std::ffi::OsStr::new("/a::/b"))), [PathBuf::from("/a"), PathBuf::from("/b")]);
    }
}
