//! Reading every corpus transcript, and joining each to its notes.
//!
//! Needs `SHOWNOTES_CORPUS` (the python_bytes archive root); without it the benchmark says why and does nothing.
//! - `parse_all`: every transcript file (324 `.txt` + 325 `.vtt`, about 30 MB) from memory to cues, one thread.
//! - `parse_chosen`: only the file discovery picks per episode, one thread.
//! - `join_chosen`: the notes ↔ transcript join of every episode with a transcript (cues already parsed).
//! - `join_library`: what `export` adds — discover, read, parse and join, in parallel.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use shownotes::library::Library;
use shownotes::transcript::{self, Format, Transcript, discover, join};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("SHOWNOTES_CORPUS")?);
    dir.join("transcripts").is_dir().then_some(dir)
}

fn files(root: &Path) -> Vec<(Format, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("transcripts"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| Some((Format::from_path(p)?, std::fs::read_to_string(p).ok()?))).collect()
}

fn bench(c: &mut Criterion) {
    let Some(root) = corpus() else {
        eprintln!("benches/transcript: SHOWNOTES_CORPUS is not set to a folder with transcripts/; skipping");
        return;
    };
    let all = files(&root);
    let bytes: usize = all.iter().map(|(_, t)| t.len()).sum();
    let library = Library::load(&root).expect("corpus loads");
    let found = discover::discover(&root);
    let chosen: Vec<(usize, Format, String)> = library
        .episodes
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let p = found.get(e.number?)?;
            Some((i, Format::from_path(p)?, std::fs::read_to_string(p).ok()?))
        })
        .collect();
    let chosen_bytes: usize = chosen.iter().map(|(_, _, t)| t.len()).sum();
    eprintln!(
        "transcripts: {} files, {} KiB; chosen: {}, {} KiB",
        all.len(),
        bytes / 1024,
        chosen.len(),
        chosen_bytes / 1024
    );
    let parsed: Vec<(usize, Transcript)> =
        chosen.iter().filter_map(|(i, f, t)| Some((*i, Transcript::parse(t, *f).ok()?))).collect();

    let mut group = c.benchmark_group("transcripts");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(bytes as u64));
    group.bench_function("parse_all", |b| {
        b.iter(|| {
            all.iter()
                .filter_map(|(f, t)| Transcript::parse(black_box(t), *f).ok())
                .map(|t| t.cues.len())
                .sum::<usize>()
        });
    });
    group.throughput(criterion::Throughput::Bytes(chosen_bytes as u64));
    group.bench_function("parse_chosen", |b| {
        b.iter(|| chosen.iter().filter_map(|(_, f, t)| Transcript::parse(black_box(t), *f).ok()).count());
    });
    group.bench_function("join_chosen", |b| {
        b.iter(|| {
            parsed.iter().map(|(i, t)| join::starts(&library.episodes[*i], black_box(t)).segments.len()).sum::<usize>()
        });
    });
    group.bench_function("join_library", |b| {
        b.iter_batched(
            || library.clone(),
            |mut l| transcript::join_library(&mut l).len(),
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
