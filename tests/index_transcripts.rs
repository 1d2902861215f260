//! Transcript passages in the index (issue 10): indexed once, again when the file changes, dropped when it
//! goes; found with kind `transcript` and a time, narrowed by `in:transcripts`, ranked under notes hits.

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;
use std::time::{Duration, SystemTime};

use shownotes::search::docs::Kind;
use shownotes::search::engine::{Options, Results, search};
use shownotes::search::query::Typing;
use shownotes::store::Store;
use tempdir::TempDir;

const NOTES_1: &str = "---\ntitle: \"Gardening with Python\"\ndate: 2024-01-01\n---\n# Python Bytes 1\n\n\
**Brian #1:** [Trowel](https://example.com/trowel)\n\nA trowel for your packages.\n\n\
**Michael #2:** [Compost](https://example.com/compost)\n\nCompost piles of wheels.\n";

const NOTES_2: &str = "---\ntitle: \"Kitchen tools\"\ndate: 2024-02-01\n---\n# Python Bytes 2\n\n\
**Brian #1:** [Lasagna layers](https://example.com/layers)\n\nLayered architecture, like a lasagna.\n";

/// A transcript of `minutes` minutes, one line every ten seconds; `word` said once at 00:01:40.
fn transcript(minutes: u32, word: &str) -> String {
    let mut s = String::new();
    for t in (0..minutes * 60).step_by(10) {
        let said = if t == 100 { word } else { "and then we talked about packaging" };
        s.push_str(&format!("{:02}:{:02}:{:02} {said}\n", t / 3600, t / 60 % 60, t % 60));
    }
    s
}

/// Give a file a settled modification time, `age` in the past (a fresh file is not trusted to be final).
fn age(path: &Path, age: Duration) {
    let f = std::fs::File::options().write(true).open(path).expect("open");
    f.set_modified(SystemTime::now() - age).expect("set mtime");
}

struct Fixture {
    dir: TempDir,
    _cache: TempDir,
    store: Store,
}

fn fixture() -> Fixture {
    let dir = TempDir::new("transcript-index");
    std::fs::write(dir.path().join("1.md"), NOTES_1).expect("write");
    std::fs::write(dir.path().join("2.md"), NOTES_2).expect("write");
    std::fs::create_dir_all(dir.path().join("transcripts")).expect("mkdir");
    let t1 = dir.path().join("transcripts/001-gardening.txt");
    std::fs::write(&t1, transcript(5, "we made lasagna with my kids")).expect("write");
    age(&t1, Duration::from_secs(3600));
    for f in ["1.md", "2.md"] {
        age(&dir.path().join(f), Duration::from_secs(3600));
    }
    let cache = TempDir::new("transcript-index-cache");
    let store = Store::open(&cache.path().join("index.sqlite"));
    Fixture { dir, _cache: cache, store }
}

fn find(store: &Store, lib: &shownotes::store::Synced, q: &str) -> Results {
    search(store, lib, q, Options { typing: Typing::Done, limit: 20 }).expect("search")
}

#[test]
fn passages_are_indexed_once_and_again_when_the_file_changes() {
    let mut f = fixture();
    let lib = f.store.sync(f.dir.path(), &|_| {}).expect("sync");
    assert_eq!(f.store.transcript_passages(&lib).expect("count"), 0, "sync alone never reads transcripts");

    let first = f.store.index_transcripts(&lib).expect("index");
    assert_eq!((first.files, first.indexed, first.passages), (1, 1, 10), "5 minutes in 30-second passages");
    assert_eq!(f.store.transcript_passages(&lib).expect("count"), 10);

    let again = f.store.index_transcripts(&lib).expect("index");
    assert_eq!((again.indexed, again.passages), (0, 0), "an unchanged transcript is not read again");
    assert_eq!(f.store.transcript_passages(&lib).expect("count"), 10);

    let t1 = f.dir.path().join("transcripts/001-gardening.txt");
    std::fs::write(&t1, transcript(2, "a different word: ratatouille")).expect("rewrite");
    age(&t1, Duration::from_secs(1800));
    let changed = f.store.index_transcripts(&lib).expect("index");
    assert_eq!((changed.indexed, changed.passages), (1, 4));
    assert_eq!(f.store.transcript_passages(&lib).expect("count"), 4, "the old passages are replaced");
    assert_eq!(find(&f.store, &lib, "ratatouille").total, 1);
    assert!(find(&f.store, &lib, "kids").results.is_empty(), "nothing of the old transcript is left");

    std::fs::remove_file(&t1).expect("remove");
    let gone = f.store.index_transcripts(&lib).expect("index");
    assert_eq!((gone.files, gone.removed), (0, 1));
    assert_eq!(f.store.transcript_passages(&lib).expect("count"), 0);
}

#[test]
fn notes_that_change_keep_their_transcript_searchable() {
    let mut f = fixture();
    let lib = f.store.sync(f.dir.path(), &|_| {}).expect("sync");
    f.store.index_transcripts(&lib).expect("index");
    let notes = f.dir.path().join("1.md");
    std::fs::write(&notes, NOTES_1.replace("trowel", "spade")).expect("rewrite");
    age(&notes, Duration::from_secs(600));
    let lib = f.store.sync(f.dir.path(), &|_| {}).expect("sync");
    // The episode was parsed anew (its passages went with its old row): they come back.
    let stats = f.store.index_transcripts(&lib).expect("index");
    assert_eq!(stats.indexed, 1);
    assert_eq!(find(&f.store, &lib, "kids").total, 1);
}

#[test]
fn a_transcript_hit_has_its_time_and_in_transcripts_narrows_to_them() {
    let mut f = fixture();
    let lib = f.store.sync(f.dir.path(), &|_| {}).expect("sync");
    f.store.index_transcripts(&lib).expect("index");

    let kids = find(&f.store, &lib, "kids");
    assert_eq!(kids.total, 1);
    let hit = &kids.results[0];
    assert_eq!((hit.kind, hit.episode, hit.time), (Kind::Transcript, Some(1), Some(90)), "the passage from 1:30");
    assert!(hit.snippet.contains("kids"), "{}", hit.snippet);

    // `lasagna` is in episode 2's notes and episode 1's transcript: the notes hit ranks first.
    let both = find(&f.store, &lib, "lasagna");
    let kinds: Vec<(Kind, Option<u32>)> = both.results.iter().map(|h| (h.kind, h.episode)).collect();
    assert_eq!(kinds, [(Kind::Segment, Some(2)), (Kind::Transcript, Some(1))]);

    let only = find(&f.store, &lib, "lasagna in:transcripts");
    let kinds: Vec<Kind> = only.results.iter().map(|h| h.kind).collect();
    assert_eq!(kinds, [Kind::Transcript]);
}

#[test]
fn a_broken_transcript_is_one_warning_and_is_not_read_again_until_it_changes() {
    let mut f = fixture();
    let t2 = f.dir.path().join("transcripts/002-kitchen.txt");
    std::fs::write(&t2, "this is not a timed line\n").expect("write");
    age(&t2, Duration::from_secs(3600));
    let lib = f.store.sync(f.dir.path(), &|_| {}).expect("sync");
    let first = f.store.index_transcripts(&lib).expect("index");
    assert_eq!(first.warnings.len(), 1, "{:?}", first.warnings);
    assert!(first.warnings[0].contains("002-kitchen.txt"), "{:?}", first.warnings);
    assert_eq!(first.indexed, 1, "the good transcript is indexed");
    let again = f.store.index_transcripts(&lib).expect("index");
    assert!(again.warnings.is_empty() && again.indexed == 0);
}
