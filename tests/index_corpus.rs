//! Relevance over the real notes (`SHOWNOTES_CORPUS`): for each kind of query a person asks, the episode they
//! mean is among the first three hits.

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::PathBuf;

use shownotes::search::engine::{Options, search};
use shownotes::search::query::Typing;
use shownotes::store::Store;
use tempdir::TempDir;

/// (kind, query, episode expected in the top 3). Written from reading the notes, not from the results.
const QUERIES: &[(&str, &str, u32)] = &[
    ("inflection", "walrus operators", 299),
    ("inflection", "pytest fixture", 341),
    ("inflection", "optimizing rust extensions", 401),
    ("typo", "pydantc", 343),
    ("typo", "pipdeptre", 457),
    ("typo", "rapidfuz", 236),
    ("body word", "Donghee", 452),
    ("body word", "levenshtein", 236),
    ("body word", "tribalism", 190),
    ("extras", "in:extras firefox", 205),
    ("joke", "in:jokes difficult programming languages", 206),
    ("intro", "Ashley Anderson", 293),
    ("intro", "Cristian Medina", 83),
    ("intro", "Matt Harrison", 74),
    ("phrase", "\"type checking 4 million lines\"", 149),
    ("phrase", "\"distributed sqlite\"", 440),
    ("symbol", "c++ fuzzy", 236),
    ("symbol", ".NET 5", 209),
    ("symbol", "3.13 stdlib modules", 340),
    ("multi-word", "async orm", 149),
    ("multi-word", "sql ide terminal", 367),
    ("multi-word", "free-threaded compatibility checker", 452),
];

#[test]
fn the_meant_episode_is_in_the_top_three() {
    let Some(root) = std::env::var_os("SHOWNOTES_CORPUS").map(PathBuf::from) else {
        eprintln!("SHOWNOTES_CORPUS is not set: skipping the relevance test over the real notes");
        return;
    };
    let cache = TempDir::new("corpus-relevance");
    let mut store = Store::open(&cache.path().join("index.sqlite"));
    let lib = store.sync(&root, &|_| {}).expect("sync the corpus");
    let mut misses = Vec::new();
    for (kind, q, expected) in QUERIES {
        let r = search(&store, &lib, q, Options { typing: Typing::Done, limit: 3 }).expect("search");
        let top: Vec<u32> = r.results.iter().filter_map(|h| h.episode).collect();
        if !top.contains(expected) {
            misses.push(format!("{kind}: {q:?} wanted {expected}, got {top:?}"));
        }
    }
    eprintln!("{} of {} queries missed:\n{}", misses.len(), QUERIES.len(), misses.join("\n"));
    // The bar of issue 9: at least 95% of the queries put the meant episode in the top three.
    assert!(misses.len() * 20 <= QUERIES.len(), "too many misses:\n{}", misses.join("\n"));
}
