//! Transcript passages in the index: each episode whose transcript file (found by
//! [`crate::transcript::discover`]) is new or changed since the last time — judged by path, size and
//! modification time, kept in the `transcripts` table — has its passages of about [`PASSAGE_SECONDS`] indexed
//! as [`Kind::Transcript`] documents with their start times.
//!
//! Never part of [`Store::sync`]: reading two million words is for the first search, not for `list` or the
//! reader's first frame.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, Synced, write};
use crate::search::docs::{Doc, DocStreams, Kind};
use crate::transcript::{self, discover};

/// Seconds of speech per indexed passage: a hit opens the transcript at most this far before the words.
pub const PASSAGE_SECONDS: f64 = 30.0;

/// A transcript modified this recently may change again within the clock's granularity: it is indexed, but
/// read again next time.
const SETTLE: Duration = Duration::from_secs(2);

/// What [`Store::index_transcripts`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranscriptStats {
    /// Episodes of the library with a transcript file.
    pub files: usize,
    /// Transcripts read and indexed this time (new or changed).
    pub indexed: usize,
    /// Passages written this time.
    pub passages: usize,
    /// Episodes whose transcript file went away: their passages were dropped.
    pub removed: usize,
    /// One line per transcript that could not be read, naming the file and the reason (its episode keeps
    /// its notes in the index; the file is not read again until it changes).
    pub warnings: Vec<String>,
}

/// A transcript to (re)index.
struct Job {
    episode: i64,
    path: PathBuf,
    size: i64,
    mtime: i64,
}

/// A transcript file's stamp as last indexed.
struct Known {
    path: String,
    size: i64,
    mtime: i64,
}

impl Store {
    /// Index the transcript passages of the synced library `lib`: only new or changed transcript files are
    /// read (in parallel); passages of a transcript that went away are dropped. Call after [`Store::sync`];
    /// the passages of an episode whose notes changed are dropped with it and indexed again here.
    ///
    /// # Errors
    /// A database failure (the notes stay searchable; the caller may warn and go on).
    pub fn index_transcripts(&mut self, lib: &Synced) -> Result<TranscriptStats, StoreError> {
        let mut stats = TranscriptStats::default();
        if lib.root.as_os_str().is_empty() {
            return Ok(stats);
        }
        let files = discover::discover(&lib.root);
        let known = known(&self.conn, lib.id)?;
        let mut live = HashSet::new();
        let mut jobs = Vec::new();
        for (episode, number) in numbered(&self.conn, lib.id)? {
            let Some(path) = files.get(number) else { continue };
            stats.files += 1;
            live.insert(episode);
            let (size, mtime) = stamp(path);
            let same = known
                .get(&episode)
                .is_some_and(|k| k.mtime != 0 && k.mtime == mtime && k.size == size && Path::new(&k.path) == path);
            if !same {
                jobs.push(Job { episode, path: path.to_path_buf(), size, mtime });
            }
        }
        let gone: Vec<i64> = known.keys().filter(|id| !live.contains(*id)).copied().collect();
        stats.removed = gone.len();
        if jobs.is_empty() && gone.is_empty() {
            return Ok(stats);
        }
        let read = write::par_map(&jobs, |j| passages(&j.path));
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in gone {
            drop_passages(&tx, id)?;
            tx.execute("DELETE FROM transcripts WHERE episode = ?1", [id])?;
        }
        for (job, result) in jobs.iter().zip(read) {
            drop_passages(&tx, job.episode)?;
            let Some(hosts) = tx
                .query_row("SELECT host_key FROM episodes WHERE id = ?1", [job.episode], |r| r.get::<_, String>(0))
                .optional()?
            else {
                continue;
            };
            let (count, error) = match result {
                Ok(docs) => {
                    for (doc, streams) in &docs {
                        write::insert_doc(&tx, job.episode, doc, streams, &hosts)?;
                    }
                    stats.indexed += 1;
                    stats.passages += docs.len();
                    (docs.len(), None)
                }
                Err(why) => {
                    let shown = job.path.strip_prefix(&lib.root).unwrap_or(&job.path);
                    let line = transcript::warning(shown, &why);
                    stats.warnings.push(line.clone());
                    (0, Some(line))
                }
            };
            tx.execute(
                "INSERT OR REPLACE INTO transcripts(episode, path, size, mtime, passages, error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    job.episode,
                    job.path.to_string_lossy(),
                    job.size,
                    job.mtime,
                    i64::try_from(count).unwrap_or(i64::MAX),
                    error
                ],
            )?;
        }
        write::rebuild_vocabulary(&tx)?;
        tx.commit()?;
        Ok(stats)
    }

    /// How many transcript passages the index holds for the library `lib` (for `shownotes index` and tests).
    ///
    /// # Errors
    /// A database failure.
    pub fn transcript_passages(&self, lib: &Synced) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM docs d JOIN episodes e ON e.id = d.episode WHERE e.library = ?1 AND d.kind = ?2",
            params![lib.id, Kind::Transcript as i64],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// Read a transcript and cut it into analysed passages (off the writer's thread).
fn passages(path: &Path) -> Result<Vec<(Doc, DocStreams)>, transcript::TranscriptError> {
    let t = transcript::load(path)?;
    Ok(t.passages(PASSAGE_SECONDS)
        .iter()
        .map(|p| {
            let doc = Doc::transcript(transcript::whole_seconds(p.start), &p.text);
            let streams = DocStreams::of(&doc);
            (doc, streams)
        })
        .collect())
}

fn drop_passages(tx: &Connection, episode: i64) -> rusqlite::Result<()> {
    let kind = Kind::Transcript as i64;
    tx.prepare_cached("DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE episode = ?1 AND kind = ?2)")?
        .execute(params![episode, kind])?;
    tx.prepare_cached("DELETE FROM docs WHERE episode = ?1 AND kind = ?2")?.execute(params![episode, kind])?;
    Ok(())
}

fn known(conn: &Connection, lib: i64) -> rusqlite::Result<HashMap<i64, Known>> {
    let mut stmt = conn.prepare(
        "SELECT t.episode, t.path, t.size, t.mtime FROM transcripts t JOIN episodes e ON e.id = t.episode
         WHERE e.library = ?1",
    )?;
    let rows =
        stmt.query_map([lib], |r| Ok((r.get(0)?, Known { path: r.get(1)?, size: r.get(2)?, mtime: r.get(3)? })))?;
    rows.collect()
}

/// Every episode of the library with a number (transcripts are matched by number), first by file when two
/// share one.
fn numbered(conn: &Connection, lib: i64) -> rusqlite::Result<Vec<(i64, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT id, number FROM episodes WHERE library = ?1 AND number IS NOT NULL AND id IN
         (SELECT min(id) FROM episodes WHERE library = ?1 AND number IS NOT NULL GROUP BY number)",
    )?;
    let rows = stmt.query_map([lib], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Size in bytes and modification time in nanoseconds (0 when too recent to trust, or unknown).
fn stamp(path: &Path) -> (i64, i64) {
    std::fs::metadata(path).map_or((-1, 0), |m| {
        let size = i64::try_from(m.len()).unwrap_or(i64::MAX);
        let mtime = m.modified().map_or(0, |t| {
            let settled = SystemTime::now().duration_since(t).is_ok_and(|age| age >= SETTLE);
            let ns = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(0));
            if settled { ns } else { 0 }
        });
        (size, mtime)
    })
}
