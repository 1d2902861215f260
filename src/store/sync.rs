//! Bringing one library's cached copy up to date: stat every file, parse the new and changed ones in
//! parallel, drop the deleted ones, and write it all in one transaction.
//!
//! Host names are folded across the whole library (`parse::canonicalize_hosts`), so a cached episode depends on
//! the others: each file row keeps the raw host spellings it had, the library row keeps the spelling → name map,
//! and when a new file changes that map for an old one, the whole library is parsed again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{PARSER_VERSION, StoreError, write};
use crate::library::{self, FileError};
use crate::model::{Episode, Host, Segment, Show};

/// Files per batch: progress is reported, and memory bounded, per batch.
const BATCH: usize = 512;

/// A file modified this recently may change again within the clock's granularity: its mtime is not trusted,
/// so the next start reads it again.
const SETTLE: Duration = Duration::from_secs(2);

/// Which part of a build is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Parsing,
    Indexing,
}

/// How far a build has come: `done` of `total` files in `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncStats {
    /// Markdown files in the library.
    pub files: usize,
    /// Files read and parsed this time (new, changed, or everything after a host-name change).
    pub parsed: usize,
    /// Cached files that no longer exist.
    pub removed: usize,
}

/// A library whose cached copy is current: what every read of the store takes.
#[derive(Debug, Clone)]
pub struct Synced {
    /// The library's row in the index.
    pub id: i64,
    /// The folder the user named.
    pub root: PathBuf,
    /// `show.yaml`, or the default.
    pub show: Show,
    /// Files that could not be read or understood (remembered, so they are not read again until they change).
    pub errors: Vec<FileError>,
    /// A bad `show.yaml`, duplicate episode numbers.
    pub warnings: Vec<String>,
    pub stats: SyncStats,
}

struct Stat {
    path: PathBuf,
    key: String,
    display: String,
    size: i64,
    mtime: i64,
}

/// What every parsed file of one sync shares.
#[derive(Clone, Copy)]
struct ParseContext<'a> {
    from_names: &'a [Option<u32>],
    show: &'a Show,
}

struct Row {
    id: i64,
    fresh: bool,
    seg_names: String,
    other_names: String,
}

/// A parsed file: the episode (raw host spellings recorded before folding) or why it was refused.
pub(super) struct Parsed {
    pub stat_index: usize,
    pub result: Result<Episode, String>,
    /// The text before the first segment when the parser gave no description (see [`intro_of`]).
    pub intro: Option<String>,
    pub seg_names: String,
    pub other_names: String,
    /// What the parser said about the file without refusing it (a front matter field skipped).
    pub notes: Vec<String>,
}

/// Sync the library at `root` (see [`super::Store::sync`]).
pub fn run(conn: &mut Connection, root: &Path, progress: &dyn Fn(Progress)) -> Result<Synced, StoreError> {
    let notes = library::notes_folder(root)?;
    let paths = library::list_markdown(&notes)?;
    let mut warnings = Vec::new();
    let show = library::load_show(root, &mut warnings);
    let show_stamp = stamp_text(&root.join("show.yaml"));
    let root_key = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()).to_string_lossy().into_owned();
    let stats: Vec<Stat> = paths.iter().map(|p| stat(root, p)).collect();

    let lib = conn
        .query_row("SELECT id, show_stamp, host_map FROM libraries WHERE root = ?1", [&root_key], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .optional()?;
    let show_changed = lib.as_ref().is_none_or(|(_, s, _)| *s != show_stamp);
    let old_map: BTreeMap<String, String> =
        lib.as_ref().and_then(|(_, _, m)| serde_json::from_str(m).ok()).unwrap_or_default();
    let rows = match &lib {
        Some((id, _, _)) => load_rows(conn, *id, &stats)?,
        None => HashMap::new(),
    };
    let todo: Vec<usize> =
        (0..stats.len()).filter(|&i| show_changed || !rows.get(&stats[i].key).is_some_and(|r| r.fresh)).collect();
    let live: BTreeSet<&str> = stats.iter().map(|s| s.key.as_str()).collect();
    let gone: Vec<i64> = rows.iter().filter(|(k, _)| !live.contains(k.as_str())).map(|(_, r)| r.id).collect();
    let mut sync_stats = SyncStats { files: stats.len(), parsed: todo.len(), removed: gone.len() };

    if let (Some((id, _, _)), true, true) = (&lib, todo.is_empty(), gone.is_empty()) {
        return finish(conn, *id, root, show, warnings, sync_stats);
    }

    let paths: Vec<&Path> = stats.iter().map(|s| s.path.as_path()).collect();
    let from_names = library::file_name::numbers(&paths);
    let ctx = ParseContext { from_names: &from_names, show: &show };
    let mut parsed = parse(&stats, &todo, &ctx, progress);
    let kept: Vec<&Row> = stats
        .iter()
        .enumerate()
        .filter(|(i, _)| todo.binary_search(i).is_err())
        .filter_map(|(_, s)| rows.get(&s.key))
        .collect();
    let mut map = fold_hosts(&kept, &mut parsed, &show);
    let moved = kept.iter().any(|r| {
        names(&r.seg_names)
            .chain(names(&r.other_names))
            .any(|n| old_map.get(&n.to_lowercase()) != map.get(&n.to_lowercase()))
    });
    let mut drop_ids: Vec<i64> = gone;
    if moved {
        // A new spelling folds an old episode's names differently: read everything again.
        let all: Vec<usize> = (0..stats.len()).collect();
        parsed = parse(&stats, &all, &ctx, progress);
        map = fold_hosts(&[], &mut parsed, &show);
        sync_stats.parsed = all.len();
        drop_ids.extend(rows.values().map(|r| r.id));
    } else {
        drop_ids.extend(todo.iter().filter_map(|&i| rows.get(&stats[i].key)).map(|r| r.id));
    }

    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let lib_id = match &lib {
        Some((id, _, _)) => *id,
        None => {
            tx.execute("INSERT INTO libraries(root) VALUES (?1)", [&root_key])?;
            tx.last_insert_rowid()
        }
    };
    for id in drop_ids {
        write::delete_file(&tx, id)?;
    }
    write::insert_parsed(&tx, lib_id, &stats_view(&stats), parsed, progress)?;
    let map_json = serde_json::to_string(&map)?;
    tx.execute(
        "UPDATE libraries SET show_stamp = ?1, host_map = ?2 WHERE id = ?3",
        params![show_stamp, map_json, lib_id],
    )?;
    write::rebuild_vocabulary(&tx)?;
    tx.commit()?;
    finish(conn, lib_id, root, show, warnings, sync_stats)
}

/// What the writer needs to know of each stat: path key, name shown, size and trusted mtime.
pub(super) struct FileStamp<'a> {
    pub key: &'a str,
    pub display: &'a str,
    pub size: i64,
    pub mtime: i64,
}

fn stats_view(stats: &[Stat]) -> Vec<FileStamp<'_>> {
    stats.iter().map(|s| FileStamp { key: &s.key, display: &s.display, size: s.size, mtime: s.mtime }).collect()
}

fn finish(
    conn: &Connection,
    id: i64,
    root: &Path,
    show: Show,
    mut warnings: Vec<String>,
    stats: SyncStats,
) -> Result<Synced, StoreError> {
    let errors = super::read::file_errors(conn, id)?;
    warnings.extend(super::read::file_notes(conn, id)?);
    warnings.extend(super::read::duplicate_warnings(conn, id)?);
    Ok(Synced { id, root: root.to_path_buf(), show, errors, warnings, stats })
}

fn load_rows(conn: &Connection, lib: i64, stats: &[Stat]) -> rusqlite::Result<HashMap<String, Row>> {
    let now: HashMap<&str, (i64, i64)> = stats.iter().map(|s| (s.key.as_str(), (s.size, s.mtime))).collect();
    let mut stmt =
        conn.prepare("SELECT id, path, size, mtime, parser, seg_names, other_names FROM files WHERE library = ?1")?;
    let rows = stmt.query_map([lib], |r| {
        let path: String = r.get(1)?;
        let (size, mtime, parser): (i64, i64, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
        let fresh = parser == PARSER_VERSION && mtime != 0 && now.get(path.as_str()) == Some(&(size, mtime));
        Ok((path, Row { id: r.get(0)?, fresh, seg_names: r.get(5)?, other_names: r.get(6)? }))
    })?;
    rows.collect()
}

fn stat(root: &Path, path: &Path) -> Stat {
    let (size, mtime) = fs::metadata(path).map_or((-1, 0), |m| {
        let size = i64::try_from(m.len()).unwrap_or(i64::MAX);
        (size, m.modified().map_or(0, trusted_mtime))
    });
    Stat {
        path: path.to_path_buf(),
        // Relative to the root: the same library named by another path (relative, via a link) keeps its rows.
        key: path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned(),
        display: library::display_name(root, path),
        size,
        mtime,
    }
}

/// Nanoseconds since the epoch, or 0 ("read it again next time") for a time too recent to trust.
fn trusted_mtime(t: SystemTime) -> i64 {
    let settled = SystemTime::now().duration_since(t).is_ok_and(|age| age >= SETTLE);
    let ns = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(0));
    if settled { ns } else { 0 }
}

fn stamp_text(path: &Path) -> String {
    fs::metadata(path).map_or_else(
        |_| String::new(),
        |m| {
            format!(
                "{}:{}",
                m.len(),
                m.modified().map_or(0, |t| { t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()) })
            )
        },
    )
}

fn names(joined: &str) -> impl Iterator<Item = &str> {
    joined.split('\n').filter(|n| !n.is_empty())
}

/// Parse the files at `which` (indices into `stats`) in parallel, batch by batch.
/// `from_names` holds each file's number as its name gives it, judged against the whole folder.
fn parse(stats: &[Stat], which: &[usize], ctx: &ParseContext<'_>, progress: &dyn Fn(Progress)) -> Vec<Parsed> {
    let ParseContext { from_names, show } = *ctx;
    let mut out = Vec::with_capacity(which.len());
    for batch in which.chunks(BATCH) {
        let loaded = write::par_map(batch, |&i| load(&stats[i].path));
        for (&i, (result, intro, notes)) in batch.iter().zip(loaded) {
            let result = result.map(|mut ep| {
                let from_name = from_names.get(i).copied().flatten();
                library::complete(&mut ep, stats[i].display.clone(), &stats[i].path, from_name, show);
                ep
            });
            let (seg_names, other_names) = result.as_ref().map(raw_names).unwrap_or_default();
            out.push(Parsed { stat_index: i, result, intro, seg_names, other_names, notes });
        }
        progress(Progress { stage: Stage::Parsing, done: out.len(), total: which.len() });
    }
    out
}

/// Read and parse one file (a parser panic costs this file only), with the intro text for the index and what
/// the parser noted about the file.
fn load(path: &Path) -> (Result<Episode, String>, Option<String>, Vec<String>) {
    let read = || -> Result<(Episode, Option<String>, Vec<String>), String> {
        let bytes = library::read_bounded(path)?;
        let text = library::decode(&bytes)?;
        let (ep, notes) = crate::parse::parse_notes(text).map_err(|e| e.to_string())?;
        let intro = intro_of(text, &ep);
        Ok((ep, intro, notes))
    };
    match std::panic::catch_unwind(read) {
        Ok(Ok((ep, intro, notes))) => (Ok(ep), intro, notes),
        Ok(Err(e)) => (Err(e), None, Vec::new()),
        Err(_) => (
            Err("made the parser crash (a shownotes bug: please report it with this file)".to_owned()),
            None,
            Vec::new(),
        ),
    }
}

/// The markdown between the front matter / title heading and the first segment: who is on the show, what it
/// is about. Only for the index; the episode itself keeps what the parser read.
fn intro_of(text: &str, ep: &Episode) -> Option<String> {
    if ep.description.is_some() {
        return None;
    }
    let stop = ep.segments.first().map_or(usize::MAX, |s| s.line.saturating_sub(1));
    let mut lines = text.lines().enumerate().peekable();
    if lines.peek().is_some_and(|(_, l)| l.trim() == "---") {
        lines.next();
        for (_, l) in lines.by_ref() {
            if matches!(l.trim(), "---" | "...") {
                break;
            }
        }
    }
    let mut intro = String::new();
    for (i, line) in lines {
        if i >= stop || intro.len() > 4000 || (stop == usize::MAX && line.starts_with("##")) {
            break;
        }
        if !line.starts_with("# ") {
            intro.push_str(line);
            intro.push('\n');
        }
    }
    let intro = intro.trim();
    (!intro.is_empty()).then(|| intro.to_owned())
}

/// The distinct host spellings of segments, and every other name the folding may rename, one per line.
fn raw_names(e: &Episode) -> (String, String) {
    let mut seg: Vec<&str> = Vec::new();
    for s in &e.segments {
        if let Some(h) = s.host.as_deref().filter(|h| !seg.iter().any(|x| x.eq_ignore_ascii_case(h))) {
            seg.push(h);
        }
    }
    let mut other: BTreeSet<&str> = e.hosts.iter().map(|h| h.name.as_str()).collect();
    other.extend(e.extras.iter().filter_map(|x| x.host.as_deref()));
    (seg.join("\n"), other.into_iter().collect::<Vec<_>>().join("\n"))
}

/// Fold host names over the kept episodes (from their recorded spellings) and the new ones (in place), and
/// return the folding as a map from lower-cased spelling to name.
fn fold_hosts(kept: &[&Row], parsed: &mut [Parsed], show: &Show) -> BTreeMap<String, String> {
    let mut all: Vec<Episode> = kept
        .iter()
        .map(|r| Episode {
            segments: names(&r.seg_names).map(|n| Segment { host: Some(n.to_owned()), ..Segment::default() }).collect(),
            ..Episode::default()
        })
        .collect();
    let mut spellings: BTreeSet<String> = BTreeSet::new();
    for r in kept {
        spellings.extend(names(&r.seg_names).chain(names(&r.other_names)).map(str::to_owned));
    }
    for p in parsed.iter() {
        spellings.extend(names(&p.seg_names).chain(names(&p.other_names)).map(str::to_owned));
    }
    let fresh_at = all.len();
    let slots: Vec<usize> = (0..parsed.len()).filter(|&i| parsed[i].result.is_ok()).collect();
    for &i in &slots {
        if let Ok(e) = parsed[i].result.as_mut() {
            all.push(std::mem::take(e));
        }
    }
    let names_at = all.len();
    all.extend(spellings.iter().map(|n| Episode { hosts: vec![Host::new(n.clone())], ..Episode::default() }));
    crate::parse::canonicalize_hosts(&mut all, show);
    let map = spellings
        .iter()
        .zip(&all[names_at..])
        .map(|(n, e)| (n.to_lowercase(), e.hosts.first().map_or_else(|| n.clone(), |h| h.name.clone())))
        .collect();
    for (k, &i) in slots.iter().enumerate() {
        if let Ok(ep) = parsed[i].result.as_mut() {
            *ep = std::mem::take(&mut all[fresh_at + k]);
        }
    }
    map
}
