//! The index cache under faults: every one gives the right answer (or one warning), never a panic or a stale hit.

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;

use shownotes::search::engine::{Options, search};
use shownotes::search::query::Typing;
use shownotes::store::{Location, Store};
use tempdir::TempDir;

fn note(n: u32, word: &str) -> String {
    format!("# Python Bytes {n}\n\n**Brian #1:** [Talk about {word}](https://example.com/{n})\n\nAll about {word}.\n")
}

fn library(tag: &str) -> TempDir {
    let dir = TempDir::new(tag);
    std::fs::write(dir.path().join("1.md"), note(1, "walrus")).expect("write");
    std::fs::write(dir.path().join("2.md"), note(2, "narwhal")).expect("write");
    dir
}

/// Episode numbers of the hits for `word`, after a sync.
fn hits(store: &mut Store, lib: &Path, word: &str) -> Vec<u32> {
    let synced = store.sync(lib, &|_| {}).expect("sync");
    let r = search(store, &synced, word, Options { typing: Typing::Done, limit: 10 }).expect("search");
    r.results.iter().filter_map(|h| h.episode).collect()
}

fn built_cache(lib: &Path, cache: &Path) {
    let mut store = Store::open(cache);
    assert_eq!(hits(&mut store, lib, "walrus"), [1]);
    assert!(store.take_warnings().is_empty());
}

#[test]
fn a_warm_start_parses_only_changed_files_and_drops_deleted_ones() {
    let lib = library("faults-warm");
    let cache = TempDir::new("faults-warm-cache");
    let path = cache.path().join("index.sqlite");
    built_cache(lib.path(), &path);
    let mut store = Store::open(&path);
    std::fs::remove_file(lib.path().join("2.md")).expect("rm");
    std::fs::write(lib.path().join("1.md"), note(1, "dugong")).expect("rewrite");
    let synced = store.sync(lib.path(), &|_| {}).expect("sync");
    assert_eq!((synced.stats.parsed, synced.stats.removed), (1, 1));
    assert!(hits(&mut store, lib.path(), "walrus").is_empty(), "no stale hit");
    assert!(hits(&mut store, lib.path(), "narwhal").is_empty(), "a deleted file drops out");
    assert_eq!(hits(&mut store, lib.path(), "dugong"), [1]);
}

#[test]
fn a_file_rewritten_within_the_clock_tick_is_read_again() {
    let lib = library("faults-racy");
    let cache = TempDir::new("faults-racy-cache");
    let mut store = Store::open(&cache.path().join("index.sqlite"));
    assert_eq!(hits(&mut store, lib.path(), "walrus"), [1]);
    // Same size, same second: the stat may not tell; a fresh mtime is never trusted.
    std::fs::write(lib.path().join("1.md"), note(1, "wombat")).expect("rewrite");
    assert_eq!(hits(&mut store, lib.path(), "wombat"), [1]);
}

#[test]
fn truncated_and_garbage_caches_are_rebuilt_with_one_warning() {
    let lib = library("faults-damaged");
    for damage in ["truncate", "garbage"] {
        let cache = TempDir::new("faults-damaged-cache");
        let path = cache.path().join("index.sqlite");
        built_cache(lib.path(), &path);
        let bytes = std::fs::read(&path).expect("read cache");
        let _ = std::fs::remove_file(cache.path().join("index.sqlite-wal"));
        match damage {
            "truncate" => std::fs::write(&path, &bytes[..bytes.len() / 3]).expect("truncate"),
            _ => std::fs::write(&path, vec![0x5a; bytes.len()]).expect("garbage"),
        }
        let mut store = Store::open(&path);
        assert_eq!(hits(&mut store, lib.path(), "narwhal"), [2], "{damage}");
        let warnings = store.take_warnings();
        assert!(warnings.len() <= 1, "{damage}: {warnings:?}");
        if damage == "garbage" {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert_eq!(store.location(), &Location::File(path.clone()), "rebuilt in place");
        }
    }
}

#[test]
fn a_cache_of_another_version_is_rebuilt() {
    let lib = library("faults-version");
    let cache = TempDir::new("faults-version-cache");
    let path = cache.path().join("index.sqlite");
    built_cache(lib.path(), &path);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "user_version", 999).expect("set version");
    drop(conn);
    let mut store = Store::open(&path);
    let warnings = store.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("another version"), "{warnings:?}");
    assert_eq!(hits(&mut store, lib.path(), "walrus"), [1]);
}

#[test]
fn an_unwritable_cache_works_from_memory_with_one_warning() {
    let lib = library("faults-unwritable");
    let cache = TempDir::new("faults-unwritable-cache");
    // The cache folder is a file: nothing can be created under it, whoever runs the test.
    let blocker = cache.path().join("not-a-folder");
    std::fs::write(&blocker, "x").expect("write");
    let mut store = Store::open(&blocker.join("index.sqlite"));
    assert_eq!(store.location(), &Location::Memory);
    assert_eq!(store.take_warnings().len(), 1);
    assert_eq!(hits(&mut store, lib.path(), "walrus"), [1]);
}

#[test]
fn a_cache_deleted_while_running_still_answers() {
    let lib = library("faults-deleted");
    let cache = TempDir::new("faults-deleted-cache");
    let path = cache.path().join("index.sqlite");
    let mut store = Store::open(&path);
    assert_eq!(hits(&mut store, lib.path(), "walrus"), [1]);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(lib.path().join("3.md"), note(3, "walrus")).expect("write");
    assert_eq!(hits(&mut store, lib.path(), "walrus"), [3, 1]);
    let mut next = Store::open(&path);
    assert_eq!(hits(&mut next, lib.path(), "walrus"), [3, 1], "the next start builds a new file");
}

#[test]
fn two_writers_at_once_both_get_the_right_answer() {
    let lib = library("faults-writers");
    let cache = TempDir::new("faults-writers-cache");
    let path = cache.path().join("index.sqlite");
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..3)
            .map(|_| {
                s.spawn(|| {
                    let mut store = Store::open(&path);
                    (hits(&mut store, lib.path(), "narwhal"), store.take_warnings())
                })
            })
            .collect();
        for r in runs {
            let (got, warnings) = r.join().expect("no panic");
            assert_eq!(got, [2]);
            assert!(warnings.len() <= 1, "{warnings:?}");
        }
    });
}

#[test]
fn a_read_only_library_is_never_written() {
    let lib = library("faults-readonly");
    let cache = TempDir::new("faults-readonly-cache");
    let before: Vec<_> = std::fs::read_dir(lib.path()).expect("ls").filter_map(Result::ok).map(|e| e.path()).collect();
    let _ = std::process::Command::new("chmod").arg("a-w").arg(lib.path()).status();
    let mut store = Store::open(&cache.path().join("index.sqlite"));
    assert_eq!(hits(&mut store, lib.path(), "walrus"), [1]);
    let after: Vec<_> = std::fs::read_dir(lib.path()).expect("ls").filter_map(Result::ok).map(|e| e.path()).collect();
    assert_eq!(before.len(), after.len(), "nothing written beside the notes");
}

#[test]
fn a_rebuild_forgets_and_reads_everything_again() {
    let lib = library("faults-rebuild");
    let cache = TempDir::new("faults-rebuild-cache");
    let path = cache.path().join("index.sqlite");
    built_cache(lib.path(), &path);
    let mut store = Store::open(&path);
    store.clear().expect("clear");
    let synced = store.sync(lib.path(), &|_| {}).expect("sync");
    assert_eq!(synced.stats.parsed, 2);
}
