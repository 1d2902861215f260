//! The scriptable command line: clap definitions and the commands that print the library.
//!
//! Every command reads the library through the index ([`crate::store::Store`]: a start parses only new or
//! changed files) and writes through [`output`] to any `impl Write`, so tests can capture exactly what a pipe
//! would see.

pub mod index;
pub mod output;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::library::Library;

/// A terminal reader for podcast show notes.
///
/// With no command, opens the reader on the library. Point it at a folder of `.md` show notes, or at a clone
/// of a show-notes repository (a folder with `show_notes/*.md`).
#[derive(Debug, Parser)]
#[command(name = "shownotes", version, about, long_about = None)]
pub struct Cli {
    /// Folder of show notes, or an archive root holding show_notes/ [default: ./episodes]
    #[arg(short = 'L', long, env = "SHOWNOTES_LIBRARY", global = true, value_name = "PATH")]
    pub library: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List episodes: number, title, hosts, segment count
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print one episode: hosts, numbered segments, extras, jokes
    Show {
        /// Episode number
        number: u32,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print every link of an episode with the section it sits in
    Links {
        /// Episode number
        number: u32,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Search everything the notes say: words, "phrases", host: show: year: after: before: in:segments|extras|jokes|links|transcripts
    ///
    /// Case, accents and word endings are forgiven, one typo in a long word is corrected; symbols (C++, 3.13)
    /// and numbers match whole. Exit status 1 when nothing is found.
    Search {
        /// Words to look for
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Show at most this many results
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Report what the index caches (libraries, episodes, size, unreadable files); --rebuild parses everything again
    Index {
        /// Forget the cache and build it again from the notes
        #[arg(long)]
        rebuild: bool,
    },
    /// Write the whole library as JSON or YAML: {"episodes": [...], "errors": [...]}
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Yaml,
}

impl Cli {
    /// The library folder and where that choice came from: the flag or `SHOWNOTES_LIBRARY`, then the config
    /// file's `library:`, then `./episodes`. The CLI and the reader both ask here, so they open the same one.
    pub fn library_path(&self, config: &Config) -> (PathBuf, &'static str) {
        if let Some(p) = &self.library {
            return (p.clone(), "from --library or SHOWNOTES_LIBRARY");
        }
        if let Some(p) = &config.library {
            return (crate::config::expand_home(p), "from `library:` in the config file");
        }
        (PathBuf::from("episodes"), "the default; pass --library <PATH> or set `library:` in the config file")
    }

    /// Load the library this invocation names.
    ///
    /// # Errors
    /// When the library folder itself cannot be read; the message says where the path came from.
    pub fn open_library(&self, config: &Config) -> Result<Library> {
        let (path, source) = self.library_path(config);
        Library::load(&path).with_context(|| format!("cannot open the library {} ({source})", path.display()))
    }
}

/// Print warnings on stderr, each on one clean line.
fn warn(warnings: &[String]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "warning: {}", crate::sanitize::clean_line(w));
    }
}

/// Name every file the library could not read, and why, on stderr.
fn warn_skipped(errors: &[crate::library::FileError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(
            err,
            "warning: skipped {}: {}",
            crate::sanitize::clean_line(&e.file),
            crate::sanitize::clean_line(&e.message)
        );
    }
}

/// Nothing matched a search: said on stderr, exit status 1 (as grep does).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NothingFound(pub String);

/// Run one CLI command, writing its output to `out`.
///
/// # Errors
/// Anything the user must act on: a missing library, an unknown episode, a failed write; [`NothingFound`]
/// when a search found nothing.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<()> {
    if let Command::Completions { shell } = command {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        // clap_complete panics on a write error (a closed pipe): render to memory, then write.
        let mut script = Vec::new();
        clap_complete::generate(*shell, &mut cmd, "shownotes", &mut script);
        return out.write_all(&script).context("could not write the completion script");
    }
    let (config, warnings) = crate::config::load_default();
    // Said before the library opens: a broken config may be why the wrong folder is tried.
    warn(&warnings);
    let (path, source) = cli.library_path(&config);
    let mut store = crate::store::Store::open_default();
    if let Command::Index { rebuild: true } = command {
        store.clear().context("could not clear the index")?;
    }
    let synced = index::sync(&mut store, &path)
        .with_context(|| format!("cannot open the library {} ({source})", path.display()))?;
    warn(&store.take_warnings());
    warn(&synced.warnings);
    warn_skipped(&synced.errors);
    match command {
        Command::List { format } => output::list(&store.summaries(&synced)?, *format, out),
        Command::Show { number, format } => output::show(&find(&store, &synced, *number)?, *format, out),
        Command::Links { number, format } => output::links(&find(&store, &synced, *number)?, *format, out),
        Command::Search { query, format, limit } => {
            return index::search(&store, &synced, &query.join(" "), *format, *limit, out);
        }
        Command::Export { format } => {
            let library = Library {
                root: synced.root.clone(),
                episodes: store.episodes(&synced)?,
                errors: synced.errors.clone(),
                warnings: Vec::new(),
                show: synced.show.clone(),
            };
            output::export(&library, *format, out)
        }
        Command::Index { .. } => index::report(&store, &synced, out),
        Command::Completions { .. } => Ok(()),
    }
    .context("could not write the output")
}

fn find(store: &crate::store::Store, lib: &crate::store::Synced, number: u32) -> Result<crate::model::Episode> {
    if let Some(e) = store.episode(lib, number)? {
        return Ok(e);
    }
    let mut numbers: Vec<u32> = store.summaries(lib)?.iter().filter_map(|s| s.number).collect();
    numbers.dedup();
    if numbers.is_empty() {
        bail!("no episode {number}: the library {} has no episodes", lib.root.display());
    }
    bail!("no episode {number} in {}; it has {} episodes: {}", lib.root.display(), numbers.len(), ranges(&numbers))
}

/// `[1, 2, 3, 5, 7, 8]` → `1-3, 5, 7-8`.
pub fn ranges(numbers: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut iter = numbers.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end = iter.next().unwrap_or(end);
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}-{end}") });
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::Parser;

    use super::Cli;
    use crate::config::Config;

    #[test]
    fn the_flag_beats_the_config_which_beats_the_default() {
        let config = Config { library: Some(PathBuf::from("/from/config")), ..Config::default() };
        let flag = Cli::parse_from(["shownotes", "--library", "/from/flag"]);
        assert_eq!(flag.library_path(&config).0, PathBuf::from("/from/flag"));
        let none = Cli { library: None, command: None };
        assert_eq!(none.library_path(&config).0, PathBuf::from("/from/config"));
        assert_eq!(none.library_path(&Config::default()).0, PathBuf::from("episodes"));
    }

    #[test]
    fn ranges_compress_runs() {
        assert_eq!(super::ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(super::ranges(&[]), "");
    }
}
