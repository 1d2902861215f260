//! Feeds: importing the 730-item Giant Bomb feed next to parsing its XML alone, and updating 20 unchanged
//! feeds (all 304s) from a loopback server.
//!
//! Needs `SHOWNOTES_FEEDS` (../shared/corpus/feeds) for the import; the 304 run uses tests/fixtures/feeds.
//! - `xml_only`: the feed file read and `rss::Channel::read_from` over its bytes — the floor any RSS reader pays.
//! - `parse_feed`: the same plus every item's notes converted to markdown.
//! - `import`: `feed::add` of the same file into a new, empty shows folder: read, parse, convert, write 730
//!   files. Each iteration gets a folder of its own (made in the untimed setup, all removed at the end), so no
//!   iteration pays for deleting the one before (on ext4 with `discard` that lands in the next journal commit).
//! - `update_20_unchanged`: `feed::update` of 20 subscriptions whose server answers 304.
//!
//! The shows folders live under the temporary folder: `TMPDIR=/dev/shm` measures tmpfs, the default `/tmp`
//! the disk it is on.

#![allow(clippy::unwrap_used)]

#[path = "../tests/support/http_server.rs"]
mod http_server;
#[path = "../tests/common/tempdir.rs"]
mod tempdir;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use shownotes::feed::{self, Options, Progress};

fn giantbomb() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("SHOWNOTES_FEEDS")?).join("giantbomb-podcast.rss");
    path.is_file().then_some(path)
}

fn import(c: &mut Criterion) {
    let Some(path) = giantbomb() else {
        eprintln!("benches/feed: SHOWNOTES_FEEDS is not set to the corpus feeds folder; skipping the import");
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    let mut group = c.benchmark_group("giantbomb_730");
    group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
    group.bench_function("xml_only", |b| {
        b.iter(|| black_box(rss::Channel::read_from(&std::fs::read(&path).unwrap()[..]).unwrap()));
    });
    group.bench_function("parse_feed", |b| b.iter(|| black_box(feed::channel::parse(&bytes).unwrap())));
    let tmp = tempdir::TempDir::new("bench-import");
    let source = path.to_string_lossy().into_owned();
    let mut n = 0;
    group.bench_function("import", |b| {
        b.iter_batched(
            || {
                n += 1;
                let mut options = Options::new(tmp.path().join(format!("shows-{n}")));
                options.progress = Progress::Hidden;
                std::fs::create_dir(&options.shows_dir).unwrap();
                options
            },
            |options| {
                let outcome = feed::add(&source, None, &options).unwrap();
                assert_eq!(outcome.counts.new, 730);
                black_box(outcome)
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn update_unchanged(c: &mut Criterion) {
    let xml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds/small.xml")).unwrap();
    let server = http_server::Server::start();
    let tmp = tempdir::TempDir::new("bench-304");
    let mut options = Options::new(tmp.path().join("shows"));
    options.progress = Progress::Hidden;
    for i in 0..20 {
        let url = server.route(&format!("/feed{i}.xml"), http_server::Route::xml_with_etag(xml.clone(), "\"same\""));
        feed::add(&url, Some(&format!("show {i}")), &options).unwrap();
    }
    c.bench_function("update_20_unchanged", |b| {
        b.iter(|| {
            let results = feed::update(&[], &options);
            assert!(results.iter().all(|r| r.as_ref().is_ok_and(|o| o.not_modified)));
            black_box(results)
        });
    });
}

criterion_group!(benches, import, update_unchanged);
criterion_main!(benches);
