//! Loading the whole corpus into the model, next to a bare pulldown-cmark pass over the same bytes.
//!
//! Needs `SHOWNOTES_CORPUS` (the python_bytes archive root) and, for the `shows` group, `SHOWNOTES_SHOWS` (a
//! folder of show folders); without them the benchmark says why and skips that group.
//! - `bare_pulldown_cmark`: every event of every file, nothing kept (the floor any parser pays).
//! - `parse_episodes`: `parse_episode` over the same in-memory strings, one thread, like for like.
//! - `library_load`: what the user waits for — list, read, decode, parse in parallel, sort, fold hosts.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("SHOWNOTES_CORPUS")?);
    dir.join("show_notes").is_dir().then_some(dir)
}

fn sources(root: &std::path::Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("show_notes"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

/// Every `.md` of every show folder under `SHOWNOTES_SHOWS`.
fn show_sources() -> Option<Vec<String>> {
    let root = PathBuf::from(std::env::var_os("SHOWNOTES_SHOWS")?);
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root).ok()?.filter_map(|e| e.ok().map(|e| e.path())) {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            files.extend(
                rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "md")),
            );
        }
    }
    files.sort();
    Some(files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect())
}

/// The general reading of five other shows against a bare pulldown-cmark pass, one thread each.
fn shows(c: &mut Criterion) {
    let Some(texts) = show_sources() else {
        eprintln!("benches/load: SHOWNOTES_SHOWS is not set to a folder of show folders; skipping the shows group");
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!("shows: {} files, {} KiB", texts.len(), bytes / 1024);
    let mut group = c.benchmark_group("shows");
    group.throughput(criterion::Throughput::Bytes(bytes as u64));
    group.bench_function("bare_pulldown_cmark", |b| {
        b.iter(|| {
            texts.iter().map(|t| pulldown_cmark::Parser::new(black_box(t)).into_offset_iter().count()).sum::<usize>()
        });
    });
    group.bench_function("parse_episodes", |b| {
        b.iter(|| texts.iter().filter_map(|t| shownotes::parse::parse_episode(black_box(t)).ok()).count());
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let Some(root) = corpus() else {
        eprintln!("benches/load: SHOWNOTES_CORPUS is not set to a folder with show_notes/; skipping");
        return;
    };
    let texts = sources(&root);
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!("corpus: {} files, {} KiB", texts.len(), bytes / 1024);
    let mut group = c.benchmark_group("corpus");
    group.throughput(criterion::Throughput::Bytes(bytes as u64));
    group.bench_function("bare_pulldown_cmark", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for t in &texts {
                events += pulldown_cmark::Parser::new(black_box(t)).into_offset_iter().count();
            }
            events
        });
    });
    group.bench_function("parse_episodes", |b| {
        b.iter(|| texts.iter().filter_map(|t| shownotes::parse::parse_episode(black_box(t)).ok()).count());
    });
    group.bench_function("library_load", |b| {
        b.iter(|| shownotes::library::Library::load(black_box(&root)).map(|l| l.episodes.len()).unwrap_or(0));
    });
    group.finish();
}

criterion_group!(benches, load, shows);
criterion_main!(benches);
