//! The CLI's side of the index: syncing with a progress bar on a terminal, `search`, and `index`'s report.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{ListFormat, NothingFound, output};
use crate::sanitize::clean_line;
use crate::search::engine::{self, Options};
use crate::search::query::Typing;
use crate::store::sync::Stage;
use crate::store::{Location, Progress, Store, StoreError, SyncStats, Synced};

/// Builds of fewer files than this finish in a moment: no bar.
const BAR_FROM_FILES: usize = 200;

/// Sync the library, drawing a progress bar on stderr when it is a terminal and the build is big.
///
/// # Errors
/// When the library folder cannot be listed.
pub fn sync(store: &mut Store, root: &Path) -> Result<Synced, StoreError> {
    let bar: RefCell<Option<ProgressBar>> = RefCell::new(None);
    let terminal = std::io::stderr().is_terminal();
    let progress = |p: Progress| {
        if !terminal || p.total < BAR_FROM_FILES {
            return;
        }
        let mut slot = bar.borrow_mut();
        let b = slot.get_or_insert_with(|| {
            let b = ProgressBar::with_draw_target(Some(p.total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{msg:9} {bar:40} {pos}/{len} files") {
                b.set_style(style);
            }
            b
        });
        b.set_length(p.total as u64);
        b.set_message(match p.stage {
            Stage::Parsing => "reading",
            Stage::Indexing => "indexing",
        });
        b.set_position(p.done as u64);
    };
    let result = store.sync(root, &progress);
    if let Some(b) = bar.borrow_mut().take() {
        b.finish_and_clear();
    }
    result
}

/// The whole library from the index (only new or changed files are parsed): what the reader opens on.
/// Returns the library and the cache's own warnings (rebuilt, bypassed).
///
/// # Errors
/// When the library folder cannot be listed, or the cache cannot be read back.
pub fn load_library(root: &Path) -> Result<(crate::library::Library, Vec<String>), StoreError> {
    let mut store = Store::open_default();
    let synced = sync(&mut store, root)?;
    let episodes = store.episodes(&synced)?;
    let warnings = store.take_warnings();
    let library = crate::library::Library {
        root: synced.root,
        episodes,
        errors: synced.errors,
        warnings: synced.warnings,
        show: synced.show,
    };
    Ok((library, warnings))
}

/// `shownotes search`: hits on `out`; a correction, how many more, and "nothing found" on stderr.
///
/// # Errors
/// [`NothingFound`] when nothing matched; a failed write.
pub fn search(
    store: &Store,
    lib: &Synced,
    query: &str,
    format: ListFormat,
    limit: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let results = engine::search(store, lib, query, Options { typing: Typing::Done, limit })?;
    let mut err = std::io::stderr().lock();
    for n in &results.notes {
        let _ = writeln!(err, "warning: {}", clean_line(n));
    }
    if results.total == 0 {
        return Err(NothingFound(format!("no results for {}", clean_line(query.trim()))).into());
    }
    if let Some(c) = &results.corrected {
        let _ = writeln!(err, "no results for {}; showing {}", clean_line(&c.from), clean_line(&c.to));
    }
    output::search(&results, format, out).context("could not write the output")?;
    let more = results.total.saturating_sub(results.results.len());
    if more > 0 && format == ListFormat::Text {
        let _ = writeln!(err, "{more} more; pass --limit {} to see them all", results.total);
    }
    Ok(())
}

/// `shownotes index`: where the cache is, how big, what it holds per library, and what this run's sync did.
///
/// # Errors
/// A failed write or database read.
pub fn report(store: &Store, stats: SyncStats, out: &mut dyn Write) -> std::io::Result<()> {
    let place = match store.location() {
        Location::File(p) => p.display().to_string(),
        Location::Memory => "in memory (no usable cache file)".to_owned(),
    };
    let info = store.info().map_err(std::io::Error::other)?;
    writeln!(out, "index: {}", clean_line(&place))?;
    writeln!(out, "size: {:.1} MiB", info.bytes as f64 / 1_048_576.0)?;
    for l in &info.libraries {
        writeln!(
            out,
            "library {}: {} episodes, {} documents, {} unreadable files",
            clean_line(&l.root),
            l.episodes,
            l.documents,
            l.errors
        )?;
    }
    let s = stats;
    writeln!(out, "this run: {} files, {} parsed, {} removed", s.files, s.parsed, s.removed)
}
