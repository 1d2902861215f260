//! Indexing episodes already held in memory (a library built by hand, as the reader's tests do, or one with no
//! folder behind it), so such a library is searched by the same engine as one synced from disk.

use rusqlite::TransactionBehavior;

use super::sync::{FileStamp, Parsed, SyncStats};
use super::{Store, StoreError, Synced, write};
use crate::library::Library;

impl Store {
    /// Put `library`'s episodes into this index as one library named `name` (replacing what it held under
    /// that name), each keyed by its `file`, and describe it like [`Store::sync`] does. Meant for
    /// [`Store::in_memory`]: nothing is read from disk.
    ///
    /// # Errors
    /// A database failure.
    pub fn load_library(&mut self, name: &str, library: &Library) -> Result<Synced, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old: Option<i64> = rusqlite::OptionalExtension::optional(tx.query_row(
            "SELECT id FROM libraries WHERE root = ?1",
            [name],
            |r| r.get(0),
        ))?;
        if let Some(id) = old {
            let files: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM files WHERE library = ?1")?;
                let rows = stmt.query_map([id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for f in files {
                write::delete_file(&tx, f)?;
            }
            tx.execute("DELETE FROM libraries WHERE id = ?1", [id])?;
        }
        tx.execute("INSERT INTO libraries(root) VALUES (?1)", [name])?;
        let lib = tx.last_insert_rowid();
        let stamps: Vec<FileStamp<'_>> =
            library.episodes.iter().map(|e| FileStamp { key: &e.file, display: &e.file, size: 0, mtime: 0 }).collect();
        let parsed: Vec<Parsed> = library
            .episodes
            .iter()
            .enumerate()
            .map(|(i, e)| Parsed {
                stat_index: i,
                result: Ok(e.clone()),
                intro: None,
                seg_names: String::new(),
                other_names: String::new(),
                notes: Vec::new(),
            })
            .collect();
        write::insert_parsed(&tx, lib, &stamps, parsed, &|_| {})?;
        write::rebuild_vocabulary(&tx)?;
        tx.commit()?;
        let files = library.episodes.len();
        Ok(Synced {
            id: lib,
            root: library.root.clone(),
            show: library.show.clone(),
            errors: library.errors.clone(),
            warnings: Vec::new(),
            stats: SyncStats { files, parsed: files, removed: 0 },
        })
    }
}
