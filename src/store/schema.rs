//! The index database's tables, its one schema version number, and opening a file that may be missing,
//! damaged, from another version or locked.
//!
//! There are no migrations: the cache can always be rebuilt from the notes, so a file of another version is
//! deleted and built again.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

/// Bump on any change to the tables below: a file of another version is rebuilt.
pub const SCHEMA_VERSION: i64 = 3;

/// How long a write waits for another process's write before the store works in memory instead.
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

/// Column weights for bm25, in the order of the FTS columns: titles, link texts, bodies, transcripts, each as
/// exact words then stems, so an exact word (which matches both) outranks a stem.
pub const BM25_WEIGHTS: &str = "bm25(10.0, 8.0, 4.0, 3.0, 1.0, 0.6, 0.4, 0.2)";

const TABLES: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE libraries(
    id INTEGER PRIMARY KEY,
    root TEXT NOT NULL UNIQUE,
    show_stamp TEXT NOT NULL DEFAULT '',
    host_map TEXT NOT NULL DEFAULT '{}',
    warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    library INTEGER NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    parser INTEGER NOT NULL,
    error TEXT,
    display TEXT NOT NULL,
    seg_names TEXT NOT NULL DEFAULT '',
    other_names TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE(library, path)
);
CREATE TABLE episodes(
    id INTEGER PRIMARY KEY,
    library INTEGER NOT NULL,
    number INTEGER,
    title TEXT,
    display_title TEXT NOT NULL,
    date TEXT,
    show TEXT,
    file TEXT NOT NULL,
    segments INTEGER NOT NULL,
    links INTEGER NOT NULL,
    extras INTEGER NOT NULL,
    jokes INTEGER NOT NULL,
    hosts TEXT NOT NULL,
    host_key TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX episodes_by_number ON episodes(library, number, file);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY,
    episode INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    ordinal INTEGER,
    time INTEGER,
    title TEXT NOT NULL,
    url TEXT,
    text TEXT NOT NULL,
    host TEXT,
    host_key TEXT NOT NULL
);
CREATE INDEX docs_by_episode ON docs(episode, kind);
CREATE VIRTUAL TABLE fts USING fts5(
    tx, ts, lx, ls, bx, bs, rx, rs,
    content = '', contentless_delete = 1, prefix = '1 2 3',
    tokenize = \"unicode61 remove_diacritics 0 tokenchars '+#._-'\"
);
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'col');
CREATE TABLE transcripts(
    episode INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    passages INTEGER NOT NULL,
    error TEXT
);
CREATE TRIGGER transcripts_follow_episodes AFTER DELETE ON episodes BEGIN
    DELETE FROM transcripts WHERE episode = old.id;
END;
";

/// Why a database file could not be used as it is.
#[derive(Debug)]
pub enum OpenFault {
    /// Written by another schema version (the number found).
    Version(i64),
    /// Not a database, or damaged.
    Damaged(String),
    /// Another process holds the write lock.
    Busy,
    /// The folder or file cannot be created or written.
    Unwritable(String),
}

impl OpenFault {
    /// Map an SQLite error to the fault the user is told about.
    pub fn of(e: &rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            Some(
                ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::PermissionDenied
                | ErrorCode::DiskFull
                | ErrorCode::SystemIoFailure,
            ) => Self::Unwritable(e.to_string()),
            _ => Self::Damaged(e.to_string()),
        }
    }
}

/// Open (creating when missing) the database at `path`, checked for its version and set up for WAL.
pub fn open_file(path: &Path) -> Result<Connection, OpenFault> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| OpenFault::Unwritable(format!("{}: {e}", dir.display())))?;
    }
    let conn = Connection::open(path).map_err(|e| OpenFault::of(&e))?;
    conn.busy_timeout(BUSY_WAIT).map_err(|e| OpenFault::of(&e))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| OpenFault::of(&e))?;
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(|e| OpenFault::of(&e))?;
    if tables > 0 && version != SCHEMA_VERSION {
        return Err(OpenFault::Version(version));
    }
    conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| OpenFault::of(&e))?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| OpenFault::of(&e))?;
    if tables == 0 {
        create(&conn).map_err(|e| OpenFault::of(&e))?;
    }
    Ok(conn)
}

/// An empty index in memory, for when no file can be used.
pub fn open_memory() -> rusqlite::Result<Connection> {
    let conn = Connection::open_in_memory()?;
    create(&conn)?;
    Ok(conn)
}

/// Create every table in one transaction (a second process creating at the same time waits, then finds them).
fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if tables == 0 {
        let result = conn.execute_batch(TABLES).and_then(|()| {
            conn.execute("INSERT INTO fts(fts, rank) VALUES ('rank', ?1)", [BM25_WEIGHTS])?;
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)
        });
        if let Err(e) = result {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    conn.execute_batch("COMMIT")
}

/// Delete a database file and its WAL and shared-memory companions.
pub fn remove_files(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}
