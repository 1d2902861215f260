//! Writing episodes, documents and their FTS rows; deleting them; the vocabulary kept for typo corrections.

use rusqlite::{Connection, Transaction, params};

use super::sync::{FileStamp, Parsed, Progress, Stage};
use super::{PARSER_VERSION, StoreError};
use crate::model::Episode;
use crate::search::docs::{Doc, DocStreams, Kind, episode_docs};
use crate::search::text::fold;
use crate::search::typo::Vocabulary;

/// An episode made ready for the database off the writer's thread.
struct Prepared {
    body: String,
    display_title: String,
    links: usize,
    hosts: String,
    host_key: String,
    docs: Vec<(Doc, DocStreams)>,
}

/// `|brian okken|michael kennedy|`: folded names between bars, so `host:brian` is a substring test.
pub(super) fn host_key<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::from("|");
    for n in names {
        key.push_str(&fold(n));
        key.push('|');
    }
    key
}

fn prepare(e: &Episode, intro: Option<&str>) -> Result<Prepared, serde_json::Error> {
    let docs = episode_docs(e, intro).into_iter().map(|d| {
        let s = DocStreams::of(&d);
        (d, s)
    });
    Ok(Prepared {
        body: serde_json::to_string(e)?,
        display_title: e.display_title(),
        links: e.links.len(),
        hosts: serde_json::to_string(&e.hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>())?,
        host_key: host_key(e.hosts.iter().map(|h| h.name.as_str())),
        docs: docs.collect(),
    })
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Map `f` over `items` on every core, keeping the order.
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(items.len().max(1));
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// Insert parsed files (episodes and their documents, or the reason a file was refused).
pub(super) fn insert_parsed(
    tx: &Transaction<'_>,
    lib: i64,
    stamps: &[FileStamp<'_>],
    parsed: Vec<Parsed>,
    progress: &dyn Fn(Progress),
) -> Result<(), StoreError> {
    let total = parsed.len();
    let mut done = 0;
    let mut file_stmt = tx.prepare(
        "INSERT INTO files(library, path, size, mtime, parser, error, display, seg_names, other_names, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut ep_stmt = tx.prepare(
        "INSERT INTO episodes(id, library, number, title, display_title, date, show, file, segments, links, extras,
         jokes, hosts, host_key, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for batch in parsed.chunks(256) {
        let ready = par_map(batch, |p| p.result.as_ref().ok().map(|e| prepare(e, p.intro.as_deref())));
        for (p, ready) in batch.iter().zip(ready) {
            let s = &stamps[p.stat_index];
            // A body that cannot be serialised (it always can) is recorded as the file's error, with no names.
            let (ready, error, names) = match ready {
                Some(Ok(r)) => (Some(r), None, true),
                Some(Err(e)) => (None, Some(e.to_string()), false),
                None => (None, p.result.as_ref().err().cloned(), true),
            };
            let (seg_names, other_names, notes) = if names {
                (p.seg_names.as_str(), p.other_names.as_str(), p.notes.join("\n"))
            } else {
                ("", "", String::new())
            };
            file_stmt.execute(params![
                lib,
                s.key,
                s.size,
                s.mtime,
                PARSER_VERSION,
                error,
                s.display,
                seg_names,
                other_names,
                notes
            ])?;
            let id = tx.last_insert_rowid();
            let (Some(r), Ok(e)) = (ready, p.result.as_ref()) else { continue };
            ep_stmt.execute(params![
                id,
                lib,
                e.number,
                e.title,
                r.display_title,
                e.date,
                e.show,
                e.file,
                count(e.segments.len()),
                count(r.links),
                count(e.extras.len()),
                count(e.jokes.len()),
                r.hosts,
                r.host_key,
                r.body
            ])?;
            for (doc, streams) in &r.docs {
                insert_doc(tx, id, doc, streams, &r.host_key)?;
            }
        }
        done += batch.len();
        progress(Progress { stage: Stage::Indexing, done, total });
    }
    Ok(())
}

pub(super) fn insert_doc(
    tx: &Connection,
    episode: i64,
    doc: &Doc,
    s: &DocStreams,
    episode_hosts: &str,
) -> rusqlite::Result<()> {
    let key = doc.host.as_deref().map_or_else(|| episode_hosts.to_owned(), |h| host_key(std::iter::once(h)));
    tx.prepare_cached(
        "INSERT INTO docs(episode, kind, ordinal, time, title, url, text, host, host_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        episode,
        doc.kind as i64,
        doc.ordinal,
        doc.time,
        doc.title,
        doc.url,
        doc.text,
        doc.host,
        key
    ])?;
    let id = tx.last_insert_rowid();
    let (body, transcript) = if doc.kind == Kind::Transcript { (None, Some(&s.body)) } else { (Some(&s.body), None) };
    tx.prepare_cached(
        "INSERT INTO fts(rowid, tx, ts, lx, ls, bx, bs, rx, rs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        s.title.exact,
        s.title.loose,
        s.links.exact,
        s.links.loose,
        body.map(|b| &b.exact),
        body.map(|b| &b.loose),
        transcript.map(|b| &b.exact),
        transcript.map(|b| &b.loose),
    ])?;
    Ok(())
}

/// Remove a file's row, its episode and every document of it.
pub(super) fn delete_file(tx: &Connection, file_id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE episode = ?1)")?.execute([file_id])?;
    tx.prepare_cached("DELETE FROM docs WHERE episode = ?1")?.execute([file_id])?;
    tx.prepare_cached("DELETE FROM episodes WHERE id = ?1")?.execute([file_id])?;
    tx.prepare_cached("DELETE FROM files WHERE id = ?1")?.execute([file_id])?;
    Ok(())
}

/// Rebuild the typo vocabulary from the FTS index's own terms (`fts5vocab`): words as written (the exact
/// columns), so a correction is never a bare stem.
pub(super) fn rebuild_vocabulary(tx: &Connection) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare(
        "SELECT term, sum(doc) FROM vocab WHERE col IN ('tx', 'lx', 'bx', 'rx') GROUP BY term ORDER BY term",
    )?;
    let terms = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut pairs = Vec::new();
    for t in terms {
        let (term, docs) = t?;
        pairs.push((term, u64::try_from(docs).unwrap_or(0)));
    }
    let bytes = Vocabulary::build(pairs);
    tx.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('vocab', ?1)", [bytes])?;
    Ok(())
}

/// Forget everything cached.
pub(super) fn clear(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "INSERT INTO fts(fts) VALUES ('delete-all');
         DELETE FROM docs; DELETE FROM episodes; DELETE FROM files; DELETE FROM libraries; DELETE FROM meta;",
    )?;
    tx.commit()
}

/// Replace one kind of document of an episode.
pub(super) fn replace_docs(conn: &mut Connection, episode: i64, kind: Kind, docs: &[Doc]) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let hosts: String = tx.query_row("SELECT host_key FROM episodes WHERE id = ?1", [episode], |r| r.get(0))?;
    tx.execute(
        "DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE episode = ?1 AND kind = ?2)",
        params![episode, kind as i64],
    )?;
    tx.execute("DELETE FROM docs WHERE episode = ?1 AND kind = ?2", params![episode, kind as i64])?;
    for d in docs {
        insert_doc(&tx, episode, d, &DocStreams::of(d), &hosts)?;
    }
    rebuild_vocabulary(&tx)?;
    tx.commit()
}
