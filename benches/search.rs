//! The index at scale: the real notes copied 150 times (about 46,000 episodes, each copy with its own numbers).
//!
//! Needs `SHOWNOTES_CORPUS`; without it the benchmark says why and does nothing. The copy is built once under
//! `target/bench-corpus` (kept for whole-process runs with hyperfine: `shownotes -L target/bench-corpus …`), and
//! the index under `target/bench-cache`.
//! - `warm_sync`: open the index and stat every file (what every command pays first);
//! - `search_word`: a whole-word query ranked over the whole index;
//! - `keystroke_*`: a reader keystroke, first letter included;
//! - `list`: the episode list from columns.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use shownotes::search::engine::{Options, search};
use shownotes::search::query::Typing;
use shownotes::store::Store;

const COPIES: u32 = 150;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("SHOWNOTES_CORPUS")?);
    dir.join("show_notes").is_dir().then_some(dir)
}

/// `# Python Bytes 149` → `# Python Bytes 3149` for copy 3: every copy gets its own numbers and file names.
fn renumber(text: &str, number: u32, copy: u32) -> String {
    let new = number + copy * 1000;
    match text.find(&format!(" {number}\n")) {
        Some(at) if text[..at].lines().count() <= 1 => {
            format!("{} {new}\n{}", &text[..at], &text[at + format!(" {number}\n").len()..])
        }
        _ => text.to_owned(),
    }
}

/// Build the 150-fold copy once; returns its root.
pub fn build_copy(source: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let notes = root.join("show_notes");
    let done = root.join(".complete");
    if done.exists() {
        return root;
    }
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&notes).expect("create the bench corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(source.join("show_notes"))
        .expect("read corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let numbers = shownotes::library::file_name::numbers(&paths);
    for (path, number) in files.iter().zip(numbers) {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let Some(number) = number else { continue };
        for copy in 0..COPIES {
            let n = number + copy * 1000;
            std::fs::write(notes.join(format!("{n:06}.md")), renumber(&text, number, copy)).expect("write copy");
        }
    }
    std::fs::write(&done, "").expect("mark complete");
    root
}

fn bench(c: &mut Criterion) {
    let Some(source) = corpus() else {
        eprintln!("benches/search: SHOWNOTES_CORPUS is not set to a folder with show_notes/; skipping");
        return;
    };
    let root = build_copy(&source);
    let cache = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-cache/index.sqlite");
    let mut store = Store::open(&cache);
    let start = std::time::Instant::now();
    let lib = store.sync(&root, &|_| {}).expect("sync");
    eprintln!("sync of {} files: {:?} ({} parsed)", lib.stats.files, start.elapsed(), lib.stats.parsed);
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("warm_sync", |b| {
        b.iter(|| {
            let mut s = Store::open(&cache);
            s.sync(black_box(&root), &|_| {}).map(|l| l.stats.files).unwrap_or(0)
        });
    });
    let run = |q: &str, typing: Typing| {
        search(&store, &lib, black_box(q), Options { typing, limit: 20 }).map(|r| r.total).unwrap_or(0)
    };
    group.bench_function("search_word", |b| b.iter(|| run("pydantic", Typing::Done)));
    group.bench_function("search_common_word", |b| b.iter(|| run("python", Typing::Done)));
    group.bench_function("search_two_words", |b| b.iter(|| run("async database", Typing::Done)));
    for q in ["p", "py", "pyd", "pydantic v"] {
        group.bench_function(format!("keystroke_{}", q.replace(' ', "_")), |b| b.iter(|| run(q, Typing::Typing)));
    }
    group.bench_function("list", |b| b.iter(|| store.summaries(&lib).map(|s| s.len()).unwrap_or(0)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
