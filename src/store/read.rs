//! Reading the index: episode lists from columns, whole episodes on demand, search candidates and their rows.

use std::fmt::Write as _;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::Serialize;

use super::StoreError;
use crate::library::FileError;
use crate::model::Episode;
use crate::search::docs::Kind;
use crate::search::query::{Filters, Scope};

/// One row of the episode list, read without loading the episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The episode's id in the index ([`super::Store::episode_by_id`]).
    #[serde(skip)]
    pub id: i64,
    pub number: Option<u32>,
    /// The episode title as written, when there is one.
    #[serde(skip)]
    pub title: Option<String>,
    /// What lists show: the title, else the first segment titles.
    #[serde(rename = "title")]
    pub display_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<String>,
    pub file: String,
    pub hosts: Vec<String>,
    pub segments: u32,
    pub links: u32,
    pub extras: u32,
    pub jokes: u32,
}

/// A matching document before ranking: its bm25 rank (lower is better) and the episode's date and number.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub doc: i64,
    pub rank: f64,
    pub date: Option<String>,
    pub number: Option<u32>,
}

/// What [`super::Store::candidates`] looks for.
#[derive(Debug, Clone, Copy)]
pub struct CandidateQuery<'a> {
    /// The FTS5 expression; `None` for a query of filters only (then each episode's description matches).
    pub fts: Option<&'a str>,
    pub filters: &'a Filters,
    /// Keystroke mode: only this many of the newest matching documents are ranked.
    pub newest: Option<usize>,
}

/// A stored document with its episode's list fields: what a hit shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    pub id: i64,
    pub episode_id: i64,
    pub kind: Kind,
    pub ordinal: Option<u32>,
    pub time: Option<u32>,
    pub title: String,
    pub url: Option<String>,
    pub text: String,
    pub host: Option<String>,
    pub number: Option<u32>,
    pub show: Option<String>,
    pub date: Option<String>,
    pub file: String,
    pub episode_title: String,
}

/// What `shownotes index` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheInfo {
    /// Size of the database file and its WAL, in bytes (0 in memory).
    pub bytes: u64,
    pub libraries: Vec<LibraryInfo>,
}

/// One library's share of the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LibraryInfo {
    pub root: String,
    pub episodes: i64,
    pub errors: i64,
    pub documents: i64,
}

impl Summary {
    /// The list row of an episode held in memory (`id` is whatever the caller tracks it by).
    pub fn of(id: i64, e: &Episode) -> Self {
        let n = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            id,
            number: e.number,
            title: e.title.clone(),
            display_title: e.display_title(),
            date: e.date.clone(),
            show: e.show.clone(),
            file: e.file.clone(),
            hosts: e.hosts.iter().map(|h| h.name.clone()).collect(),
            segments: n(e.segments.len()),
            links: n(e.links.len()),
            extras: n(e.extras.len()),
            jokes: n(e.jokes.len()),
        }
    }
}

const SUMMARY_COLUMNS: &str =
    "id, number, title, display_title, date, show, file, segments, links, extras, jokes, hosts";

pub(super) fn summaries(conn: &Connection, lib: i64) -> rusqlite::Result<Vec<Summary>> {
    let sql =
        format!("SELECT {SUMMARY_COLUMNS} FROM episodes WHERE library = ?1 ORDER BY number IS NULL, number, file");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([lib], |r| {
        let hosts: String = r.get(11)?;
        Ok(Summary {
            id: r.get(0)?,
            number: r.get(1)?,
            title: r.get(2)?,
            display_title: r.get(3)?,
            date: r.get(4)?,
            show: r.get(5)?,
            file: r.get(6)?,
            segments: r.get(7)?,
            links: r.get(8)?,
            extras: r.get(9)?,
            jokes: r.get(10)?,
            hosts: serde_json::from_str(&hosts).unwrap_or_default(),
        })
    })?;
    rows.collect()
}

fn decode(body: Option<String>) -> Result<Option<Episode>, StoreError> {
    body.map(|b| serde_json::from_str(&b)).transpose().map_err(Into::into)
}

pub(super) fn episode_by_number(conn: &Connection, lib: i64, number: u32) -> Result<Option<Episode>, StoreError> {
    let body = conn
        .query_row(
            "SELECT body FROM episodes WHERE library = ?1 AND number = ?2 ORDER BY file LIMIT 1",
            rusqlite::params![lib, number],
            |r| r.get(0),
        )
        .optional()?;
    decode(body)
}

pub(super) fn episode_by_id(conn: &Connection, id: i64) -> Result<Option<Episode>, StoreError> {
    let body = conn.query_row("SELECT body FROM episodes WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    decode(body)
}

pub(super) fn episodes(conn: &Connection, lib: i64) -> Result<Vec<Episode>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT body FROM episodes WHERE library = ?1 ORDER BY number IS NULL, number, file")?;
    let bodies = stmt.query_map([lib], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for b in bodies {
        out.push(serde_json::from_str(&b?)?);
    }
    Ok(out)
}

pub(super) fn file_errors(conn: &Connection, lib: i64) -> rusqlite::Result<Vec<FileError>> {
    let mut stmt =
        conn.prepare("SELECT display, error FROM files WHERE library = ?1 AND error IS NOT NULL ORDER BY path")?;
    let rows = stmt.query_map([lib], |r| Ok(FileError { file: r.get(0)?, message: r.get(1)? }))?;
    rows.collect()
}

/// What the parser noted about readable files (front matter fields skipped), one `file: note` line each.
pub(super) fn file_notes(conn: &Connection, lib: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT display, notes FROM files WHERE library = ?1 AND notes != '' ORDER BY path")?;
    let rows = stmt.query_map([lib], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (file, notes) = row?;
        out.extend(notes.split('\n').map(|n| format!("{file}: {n}")));
    }
    Ok(out)
}

pub(super) fn duplicate_warnings(conn: &Connection, lib: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT number, file FROM episodes e WHERE library = ?1 AND number IN
         (SELECT number FROM episodes WHERE library = ?1 AND number IS NOT NULL GROUP BY number HAVING count(*) > 1)
         ORDER BY number, file",
    )?;
    let rows: Vec<(i64, String)> =
        stmt.query_map([lib], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .windows(2)
        .filter(|p| p[0].0 == p[1].0)
        .map(|p| format!("{} and {} are both episode {}; both are kept", p[0].1, p[1].1, p[0].0))
        .collect())
}

pub(super) fn info(conn: &Connection, bytes: u64) -> rusqlite::Result<CacheInfo> {
    let mut stmt = conn.prepare(
        "SELECT l.root,
            (SELECT count(*) FROM episodes e WHERE e.library = l.id),
            (SELECT count(*) FROM files f WHERE f.library = l.id AND f.error IS NOT NULL),
            (SELECT count(*) FROM docs d JOIN episodes e ON e.id = d.episode WHERE e.library = l.id)
         FROM libraries l ORDER BY l.root",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LibraryInfo { root: r.get(0)?, episodes: r.get(1)?, errors: r.get(2)?, documents: r.get(3)? })
    })?;
    Ok(CacheInfo { bytes, libraries: rows.collect::<rusqlite::Result<_>>()? })
}

pub(super) fn vocabulary(conn: &Connection) -> rusqlite::Result<Vec<u8>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = 'vocab'", [], |r| r.get(0)).optional()?.unwrap_or_default())
}

pub(super) fn candidates(conn: &Connection, lib: i64, q: &CandidateQuery<'_>) -> rusqlite::Result<Vec<Candidate>> {
    let mut args: Vec<Value> = Vec::new();
    let mut sql = String::from("SELECT d.id, ");
    match (q.fts, q.newest) {
        (Some(m), Some(n)) => {
            let _ = write!(
                sql,
                "f.r, e.date, e.number FROM (SELECT rowid AS rid, rank AS r FROM fts WHERE fts MATCH ?1 \
                 ORDER BY rowid DESC LIMIT {n}) f JOIN docs d ON d.id = f.rid"
            );
            args.push(Value::Text(m.to_owned()));
        }
        (Some(m), None) => {
            sql.push_str("fts.rank, e.date, e.number FROM fts JOIN docs d ON d.id = fts.rowid");
            args.push(Value::Text(m.to_owned()));
        }
        (None, _) => sql.push_str("0.0, e.date, e.number FROM docs d"),
    }
    sql.push_str(" JOIN episodes e ON e.id = d.episode WHERE e.library = ?");
    args.push(Value::Integer(lib));
    if q.fts.is_some() && q.newest.is_none() {
        sql.push_str(" AND fts MATCH ?1");
    }
    let f = q.filters;
    let mut filter = |clause: &str, v: Value| {
        sql.push_str(clause);
        args.push(v);
    };
    if let Some(h) = &f.host {
        filter(" AND instr(d.host_key, '|' || ?) > 0", Value::Text(h.clone()));
    }
    if let Some(s) = &f.show {
        filter(" AND instr(lower(coalesce(e.show, '')), ?) > 0", Value::Text(s.clone()));
    }
    if let Some(y) = f.year {
        filter(" AND substr(e.date, 1, 4) = ?", Value::Text(y.to_string()));
    }
    if let Some(a) = &f.after {
        filter(" AND e.date >= ?", Value::Text(a.clone()));
    }
    if let Some(b) = &f.before {
        filter(" AND e.date < ?", Value::Text(b.clone()));
    }
    let kind = match f.scope {
        Some(Scope::Segments) => Some(Kind::Segment),
        Some(Scope::Extras) => Some(Kind::Extras),
        Some(Scope::Jokes) => Some(Kind::Joke),
        Some(Scope::Transcripts) => Some(Kind::Transcript),
        Some(Scope::Links) => None,
        None if q.fts.is_none() => Some(Kind::Description),
        None => None,
    };
    if let Some(k) = kind {
        filter(" AND d.kind = ?", Value::Integer(k as i64));
    }
    // `?1` is the MATCH text: number the remaining placeholders after it.
    let sql = renumber(&sql);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok(Candidate { doc: r.get(0)?, rank: r.get(1)?, date: r.get(2)?, number: r.get(3)? })
    })?;
    rows.collect()
}

/// Give every bare `?` an explicit number after the highest numbered one, so `?1` may be used twice.
fn renumber(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = if sql.contains("?1") { 2 } else { 1 };
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' && !chars.peek().is_some_and(char::is_ascii_digit) {
            let _ = write!(out, "{next}");
            next += 1;
        }
    }
    out
}

pub(super) fn doc_rows(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<DocRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.episode, d.kind, d.ordinal, d.time, d.title, d.url, d.text, d.host, e.number, e.show, e.date,
                e.file, e.display_title
         FROM docs d JOIN episodes e ON e.id = d.episode WHERE d.id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let row = stmt
            .query_row([id], |r| {
                Ok(DocRow {
                    id: r.get(0)?,
                    episode_id: r.get(1)?,
                    kind: Kind::from_code(r.get(2)?),
                    ordinal: r.get(3)?,
                    time: r.get(4)?,
                    title: r.get(5)?,
                    url: r.get(6)?,
                    text: r.get(7)?,
                    host: r.get(8)?,
                    number: r.get(9)?,
                    show: r.get(10)?,
                    date: r.get(11)?,
                    file: r.get(12)?,
                    episode_title: r.get(13)?,
                })
            })
            .optional()?;
        out.extend(row);
    }
    Ok(out)
}
