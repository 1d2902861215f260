//! The scriptable command line: clap definitions and the commands that print the library.
//!
//! Every command reads the library through the index ([`crate::store::Store`]: a start parses only new or
//! changed files) and writes through [`output`] to any `impl Write`, so tests can capture exactly what a pipe
//! would see.

pub mod feeds;
pub mod index;
pub mod multi;
pub mod output;
pub mod transcript;

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
    /// Folder of show notes, or an archive root holding show_notes/; repeat for several shows. Else
    /// SHOWNOTES_LIBRARY (paths joined by ':'), else every subscribed show plus the config's libraries, else
    /// ./episodes
    #[arg(short = 'L', long, global = true, value_name = "PATH")]
    pub library: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List episodes: number, date, title (or file stem), hosts, segment count
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Print every warning about the library (duplicate numbers, front matter fields skipped) on stderr
        #[arg(long)]
        warnings: bool,
    },
    /// Print one episode: date, description, people, sponsors, chapters, segments, extras, jokes
    Show {
        /// Episode number, or the file's stem (`go-time-100`) for an episode without one
        episode: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print every link of an episode with the section it sits in
    Links {
        /// Episode number, or the file's stem
        episode: String,
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
    /// Print an episode's transcript: `[hh:mm:ss] Speaker: text` lines, JSON cues, or WebVTT
    Transcript {
        /// Episode number, or file stem for an episode without one
        episode: String,
        /// Start at this segment's (approximate) start: 1 is the first segment of the notes
        #[arg(long, value_name = "K")]
        segment: Option<usize>,
        #[arg(long, value_enum, default_value_t = TranscriptFormat::Text)]
        format: TranscriptFormat,
    },
    /// Report what the index caches (libraries, episodes, size, unreadable files); --rebuild parses everything again
    Index {
        /// Forget the cache and build it again from the notes
        #[arg(long)]
        rebuild: bool,
    },
    /// Write the whole library as JSON or YAML: {"episodes": [...], "errors": [...]}; `opml`: the subscriptions
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// Subscribe to a podcast's RSS feed (a URL, or a feed file, which fetches nothing)
    Add {
        /// Feed URL (http/https) or path to a feed file
        source: String,
        /// Name the show (default: the feed's title)
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        net: feeds::NetArgs,
    },
    /// Fetch new episodes of every subscribed show, or of the shows named
    Update {
        /// Show folder names or show names [default: all]
        shows: Vec<String>,
        #[command(flatten)]
        net: feeds::NetArgs,
    },
    /// List subscribed shows: name, episodes, last update, last error
    Shows {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Unsubscribe from a show and delete its stored episodes
    Remove {
        /// Show folder name or show name
        show: String,
    },
    /// Subscribe to every feed of an OPML file
    Import {
        /// The OPML file
        file: PathBuf,
        #[command(flatten)]
        net: feeds::NetArgs,
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
pub enum TranscriptFormat {
    Text,
    Json,
    Vtt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Yaml,
    /// The subscribed feeds as OPML (no library is read)
    Opml,
}

impl Cli {
    /// The folders named on the command line, else in `SHOWNOTES_LIBRARY`; empty when neither names any.
    pub fn library_paths(&self) -> Vec<PathBuf> {
        if self.library.is_empty() {
            crate::shows::env_paths(std::env::var_os("SHOWNOTES_LIBRARY").as_deref())
        } else {
            self.library.clone()
        }
    }

    /// The library folders this invocation reads, in order, with their short names (see [`crate::shows`]).
    /// The CLI and the reader both ask here, so they open the same ones.
    pub fn roots(&self, config: &Config) -> Vec<crate::shows::Root> {
        crate::shows::roots(&self.library_paths(), config, crate::feed::default_shows_dir().as_deref())
    }

    /// Load the library this invocation names; several shows are merged into one
    /// ([`crate::library::merge::merge`]). A subscribed or configured show that cannot be read is a warning in
    /// the result when others can.
    ///
    /// # Errors
    /// When a folder named by `--library` (or the only one) cannot be read; the message says where the path
    /// came from.
    pub fn open_library(&self, config: &Config) -> Result<Library> {
        let roots = self.roots(config);
        let open = |r: &crate::shows::Root| {
            Library::load(&r.path)
                .with_context(|| format!("cannot open the library {} ({})", r.path.display(), r.origin.source()))
        };
        if let [only] = roots.as_slice() {
            return open(only);
        }
        let mut parts = Vec::new();
        let mut skipped = Vec::new();
        for root in &roots {
            match open(root) {
                Ok(library) => parts.push((root.name.clone(), library)),
                Err(e) if root.origin != crate::shows::Origin::Flag => skipped.push(format!("{e:#}")),
                Err(e) => return Err(e),
            }
        }
        if parts.is_empty() {
            bail!("no library could be opened: {}", skipped.join("; "));
        }
        let mut library = crate::library::merge::merge(parts);
        library.warnings.extend(skipped);
        Ok(library)
    }

    /// The library named by the options or the config, read from the index (only new or changed files are
    /// parsed), with the cache's own warnings.
    ///
    /// # Errors
    /// When the library folder cannot be listed, naming where its path came from.
    /// Several shows are merged as [`Cli::open_library`] does.
    pub fn open_cached_library(&self, config: &Config) -> Result<(Library, Vec<String>)> {
        if let [only] = self.roots(config).as_slice() {
            return index::load_library(&only.path).with_context(|| {
                format!("cannot open the library {} ({})", only.path.display(), only.origin.source())
            });
        }
        Ok((self.open_library(config)?, Vec::new()))
    }
}

/// The library's warnings on stderr: one alone as it is, several as one line with a count (every one with
/// `list --warnings`), so a large archive does not bury each command's output.
fn warn_library(warnings: &[String], all: bool) {
    if all || warnings.len() <= 1 {
        return warn(warnings);
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "warning: {} notes about the library (duplicate episode numbers, front matter fields skipped); \
         `shownotes list --warnings` prints them all",
        warnings.len()
    );
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
    if let Some(result) = feeds::run(command, out) {
        return result;
    }
    let (config, warnings) = crate::config::load_default();
    // Said before the library opens: a broken config may be why the wrong folder is tried.
    warn(&warnings);
    let roots = cli.roots(&config);
    let mut store = crate::store::Store::open_default();
    if let Command::Index { rebuild: true } = command {
        store.clear().context("could not clear the index")?;
    }
    let [root] = roots.as_slice() else { return multi::run(&mut store, &roots, command, out) };
    let (path, source) = (&root.path, root.origin.source());
    let synced = index::sync(&mut store, path)
        .with_context(|| format!("cannot open the library {} ({source})", path.display()))?;
    warn(&store.take_warnings());
    let all = matches!(command, Command::List { warnings: true, .. });
    warn_library(&synced.warnings, all);
    warn_skipped(&synced.errors);
    // Everything but `list`, `search` and `index` wants whole episodes: read them from the cache once.
    let whole = || -> Result<Library> {
        Ok(Library {
            root: synced.root.clone(),
            episodes: store.episodes(&synced)?,
            errors: synced.errors.clone(),
            warnings: Vec::new(),
            show: synced.show.clone(),
        })
    };
    match command {
        Command::List { format, .. } => output::list(&store.summaries(&synced)?, *format, out),
        Command::Show { episode, format } => {
            let library = whole()?;
            output::show(&transcript::joined(&library, find(&library, &root.name, episode)?), *format, out)
        }
        Command::Transcript { episode, segment, format } => {
            let library = whole()?;
            return transcript::run(&library, find(&library, &root.name, episode)?, *segment, *format, out);
        }
        Command::Links { episode, format } => {
            let library = whole()?;
            output::links(find(&library, &root.name, episode)?, *format, out)
        }
        Command::Search { query, format, limit } => {
            // Transcripts join the index here, never in `list`: new or changed ones only, after the first time.
            match store.index_transcripts(&synced) {
                Ok(stats) => warn(&stats.warnings),
                Err(e) => warn(&[format!("transcripts could not be indexed ({e}); searching the notes only")]),
            }
            return index::search(&store, &synced, &query.join(" "), *format, *limit, out);
        }
        Command::Export { format } => {
            let mut library = whole()?;
            warn(&crate::transcript::join_library(&mut library));
            output::export(&library, *format, out)
        }
        Command::Index { .. } => {
            let transcripts = store.index_transcripts(&synced).context("could not index the transcripts")?;
            warn(&transcripts.warnings);
            index::report(&store, synced.stats, out)?;
            let passages = store.transcript_passages(&synced)?;
            writeln!(
                out,
                "transcripts: {} episodes, {passages} passages; {} read this run",
                transcripts.files, transcripts.indexed
            )
        }
        _ => Ok(()),
    }
    .context("could not write the output")
}

/// The episode `key` names in `library` (short name `name`): a number or file stem, or `NAME/KEY`.
///
/// # Errors
/// No such episode: the message lists the numbers there are.
pub(crate) fn find<'l>(library: &'l Library, name: &str, key: &str) -> Result<&'l crate::model::Episode> {
    if let Some(e) = library.find(key) {
        return Ok(e);
    }
    if let Some((show, rest)) = crate::shows::split_address(key)
        && show.eq_ignore_ascii_case(name)
        && let Some(e) = library.find(rest)
    {
        return Ok(e);
    }
    let key = crate::sanitize::clean_line(key);
    if library.episodes.is_empty() {
        bail!("no episode {key}: the library {} has no episodes", library.root.display());
    }
    let numbers = library.numbers();
    let unnumbered = library.episodes.iter().filter(|e| e.number.is_none()).count();
    let others = if unnumbered > 0 {
        format!("; {unnumbered} more have no number: name them by file stem (see `shownotes list`)")
    } else {
        String::new()
    };
    bail!(
        "no episode {key} in {}; it has {} numbered episodes: {}{others}",
        library.root.display(),
        numbers.len(),
        ranges(&numbers)
    )
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
        let flag = Cli::parse_from(["shownotes", "--library", "/from/flag", "-L", "/second"]);
        let paths: Vec<PathBuf> = flag.library.clone();
        assert_eq!(paths, [PathBuf::from("/from/flag"), PathBuf::from("/second")]);
        let from = |cli: &Cli, config: &Config| -> Vec<PathBuf> {
            crate::shows::roots(&cli.library, config, None).into_iter().map(|r| r.path).collect()
        };
        assert_eq!(from(&flag, &config), paths);
        let none = Cli { library: Vec::new(), command: None };
        assert_eq!(from(&none, &config), [PathBuf::from("/from/config")]);
        assert_eq!(from(&none, &Config::default()), [PathBuf::from("episodes")]);
    }

    #[test]
    fn ranges_compress_runs() {
        assert_eq!(super::ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(super::ranges(&[]), "");
    }
}
