//! The user's config file: library paths, theme colours and key remaps, from the XDG config folder.
//!
//! `$XDG_CONFIG_HOME/shownotes/config.yaml` (usually `~/.config/shownotes/config.yaml`). Every field is
//! optional. A file that cannot be read or understood becomes a warning naming the line, and the defaults
//! keep working: a typo in a colour must never stop the reader from opening.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::Deserialize;

/// What the config file may say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The library folder used when neither `--library` nor `SHOWNOTES_LIBRARY` is given (kept beside
    /// `libraries:`, read first).
    pub library: Option<PathBuf>,
    /// More library folders read with the subscribed shows: each a path, or `{name: pb, path: ~/notes}` to give
    /// the short name episodes are addressed by (`pb/149`).
    pub libraries: Vec<LibraryEntry>,
    pub theme: ThemeConfig,
    /// Key → action name (`"ctrl-n": move_down`), applied everywhere.
    pub keys: BTreeMap<String, String>,
    /// The widest the reader sets text, in cells (default 100).
    pub reading_width: Option<u16>,
}

/// One entry of `libraries:`: a folder, or a folder with the short name to address its episodes by.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum LibraryEntry {
    Path(PathBuf),
    Named { name: String, path: PathBuf },
}

/// Colour names (`cyan`, `#ff8800`, `208`) for the few colours the theme is built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeConfig {
    pub accent: Option<String>,
    pub highlight: Option<String>,
    pub link: Option<String>,
    pub code: Option<String>,
    pub selection: Option<String>,
}

/// Where the config file lives: `$XDG_CONFIG_HOME/shownotes/config.yaml`.
pub fn default_path() -> Option<PathBuf> {
    etcetera::choose_base_strategy().ok().map(|s| s.config_dir().join("shownotes").join("config.yaml"))
}

/// Where the reading state lives: `$XDG_DATA_HOME/shownotes/state.json`.
pub fn state_path() -> Option<PathBuf> {
    etcetera::choose_base_strategy().ok().map(|s| s.data_dir().join("shownotes").join("state.json"))
}

/// The user's config from [`default_path`], or the defaults when there is no config folder.
pub fn load_default() -> (Config, Vec<String>) {
    default_path().map(|p| load(&p)).unwrap_or_default()
}

/// Read the config at `path`; a missing file is the defaults, a broken one the defaults plus a warning.
pub fn load(path: &Path) -> (Config, Vec<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), Vec::new()),
        Err(e) => return (Config::default(), vec![format!("cannot read {}: {e}; using defaults", path.display())]),
    };
    match parse(&text) {
        Ok(config) => (config, Vec::new()),
        Err(e) => (Config::default(), vec![format!("{}: {e}; using the defaults until it is fixed", path.display())]),
    }
}

/// Parse config text; the error names the line and column.
///
/// # Errors
/// The YAML parser's message, which includes the position.
pub fn parse(text: &str) -> Result<Config, String> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    // The first line says where and what; the rest is a source excerpt that does not fit a status line.
    serde_saphyr::from_str::<Config>(text)
        .map_err(|e| crate::sanitize::clean_line(&crate::library::first_line(&e.to_string())).into_owned())
}

/// `~/x` → `$HOME/x`, so a config can name a folder the way people type it.
pub fn expand_home(path: &Path) -> PathBuf {
    match path.strip_prefix("~") {
        Ok(rest) => etcetera::home_dir().map_or_else(|_| path.to_path_buf(), |home| home.join(rest)),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field() {
        let c =
            parse("library: ~/notes\ntheme:\n  accent: magenta\nkeys:\n  ctrl-n: move_down\n").expect("valid config");
        assert_eq!(c.library, Some(PathBuf::from("~/notes")));
        assert_eq!(c.theme.accent.as_deref(), Some("magenta"));
        assert_eq!(c.keys.get("ctrl-n").map(String::as_str), Some("move_down"));
    }

    #[test]
    fn libraries_are_paths_or_named_paths() {
        let c = parse("libraries:\n  - ~/a\n  - {name: pb, path: /b}\n").expect("valid config");
        assert_eq!(
            c.libraries,
            [
                LibraryEntry::Path(PathBuf::from("~/a")),
                LibraryEntry::Named { name: "pb".into(), path: PathBuf::from("/b") }
            ]
        );
    }

    #[test]
    fn a_bad_file_names_the_line() {
        let e = parse("library: x\ntheme:\n  acent: red\n").expect_err("unknown field");
        assert!(e.starts_with("line 3 column 3: unknown field `acent`"), "{e}");
        let e = parse("library: x\nkeys: [\n").expect_err("broken yaml");
        assert!(e.contains('2') || e.contains('3'), "{e}");
    }
}
