//! Search through the on-disk index, over a small library written by the test: every behaviour of issue 9.

#[path = "common/tempdir.rs"]
mod tempdir;

use shownotes::search::docs::{Doc, Kind};
use shownotes::search::engine::{Options, Results, search};
use shownotes::search::query::Typing;
use shownotes::store::{Store, Synced};
use tempdir::TempDir;

fn episode(
    n: u32,
    date: &str,
    title: &str,
    intro: &str,
    segments: &[(&str, &str, &str)],
    extras: &str,
    joke: &str,
) -> String {
    let mut s = format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n# Python Bytes {n}\n\n{intro}\n\n");
    for (i, (host, head, body)) in segments.iter().enumerate() {
        s.push_str(&format!("**{host} #{}:** [{head}](https://example.com/{n}/{i})\n\n{body}\n\n", i + 1));
    }
    if !extras.is_empty() {
        s.push_str(&format!("**Extras**\n\nBrian:\n\n{extras}\n\n"));
    }
    if !joke.is_empty() {
        s.push_str(&format!("**Joke:** {joke}\n"));
    }
    s
}

struct Fixture {
    _dir: TempDir,
    _cache: TempDir,
    store: Store,
    lib: Synced,
}

fn library() -> Fixture {
    let dir = TempDir::new("search-lib");
    let files = [
        episode(
            1,
            "2020-03-01",
            "Dataclasses everywhere",
            "Special guest Zoe\u{308} Quinn joins us.",
            &[
                (
                    "Brian",
                    "Dataclasses in depth",
                    "Using a dataclass for config; see [the docs](https://docs.example) today.",
                ),
                ("Michael", "Free-threaded Python builds", "The GIL may go away: free-threaded builds of 3.13."),
            ],
            "- A new café opened near the office.",
            "Why did the developer quit? Too much coffee and not enough sleep.",
        ),
        episode(
            2,
            "2023-06-01",
            "Typing and pydantic",
            "Sponsored by nobody.",
            &[
                ("Michael", "Pydantic v2 released", "Rewritten core, faster validation."),
                ("Brian", "PEP 8 and you", "Style guides matter. Also PEP 8000 is not a thing."),
                (
                    "Brian",
                    "C++ and C# interop",
                    "Calling C++ from Python, and .NET from C# with pythonnet; add py.typed.",
                ),
            ],
            "- Try `pip install --no-deps` for speed.",
            "",
        ),
        episode(
            3,
            "2024-02-01",
            "Freethreaded futures",
            "We talk about the freethreaded interpreter.",
            &[
                ("Brian", "PEP 8000 governance", "The governance PEPs, a series."),
                ("Michael", "東京のPython会議", "東京都で開かれたPyCon JPの報告。"),
                ("Michael", "Dunder methods", "What `__init__` really does."),
            ],
            "",
            "",
        ),
    ];
    for (i, text) in files.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{}.md", i + 1)), text).expect("write fixture");
    }
    let cache = TempDir::new("search-cache");
    let mut store = Store::open(&cache.path().join("index.sqlite"));
    let lib = store.sync(dir.path(), &|_| {}).expect("sync");
    assert!(lib.errors.is_empty(), "{:?}", lib.errors);
    Fixture { _dir: dir, _cache: cache, store, lib }
}

fn find(f: &Fixture, q: &str) -> Results {
    search(&f.store, &f.lib, q, Options { typing: Typing::Done, limit: 20 }).expect("search")
}

fn episodes(r: &Results) -> Vec<u32> {
    r.results.iter().filter_map(|h| h.episode).collect()
}

#[test]
fn stems_meet_and_case_and_diacritics_fold() {
    let f = library();
    let a = episodes(&find(&f, "dataclasses"));
    let b = episodes(&find(&f, "DATACLASS"));
    assert_eq!(a.first(), Some(&1));
    assert_eq!(b.first(), Some(&1));
    let cafe = find(&f, "cafe");
    assert_eq!(cafe.results.first().map(|h| h.kind), Some(Kind::Extras), "{cafe:?}");
    assert!(cafe.results[0].snippet.contains("café"));
    assert_eq!(episodes(&find(&f, "zoe")), [1], "an NFD-written name is found by its plain letters");
}

#[test]
fn hyphenated_and_joined_forms_meet() {
    let f = library();
    for q in ["free-threaded", "free threaded", "freethreaded", "free threading"] {
        let got = episodes(&find(&f, q));
        assert!(got.contains(&1) && got.contains(&3), "{q}: {got:?}");
    }
}

#[test]
fn one_typo_is_corrected_and_reported() {
    let f = library();
    let r = find(&f, "pydantc");
    assert_eq!(episodes(&r).first(), Some(&2));
    let c = r.corrected.expect("a correction");
    assert_eq!((c.from.as_str(), c.to.as_str()), ("pydantc", "pydantic"));
    assert!(find(&f, "pydantic").corrected.is_none());
    assert_eq!(find(&f, "pyd").total, 0, "short words are not corrected");
}

#[test]
fn symbols_and_numbers_are_whole_words() {
    let f = library();
    assert_eq!(episodes(&find(&f, "C++")), [2]);
    assert_eq!(episodes(&find(&f, "c#")), [2]);
    assert_eq!(episodes(&find(&f, ".NET")), [2]);
    assert_eq!(episodes(&find(&f, "py.typed")), [2]);
    assert_eq!(episodes(&find(&f, "--no-deps")), [2]);
    assert_eq!(episodes(&find(&f, "__init__")), [3]);
    assert_eq!(episodes(&find(&f, "3.13")), [1]);
    let pep8 = find(&f, "pep 8");
    assert_eq!(pep8.results.first().map(|h| h.title.as_str()), Some("PEP 8 and you"));
    assert!(!pep8.results.iter().any(|h| h.title == "PEP 8000 governance"), "{pep8:?}");
}

#[test]
fn cjk_is_found_inside_runs() {
    let f = library();
    assert_eq!(episodes(&find(&f, "東京")), [3]);
    assert_eq!(episodes(&find(&f, "京都")), [3], "a word inside a longer run");
}

#[test]
fn phrases_are_exact() {
    let f = library();
    assert_eq!(episodes(&find(&f, "\"not enough sleep\"")), [1]);
    assert!(find(&f, "\"sleep enough\"").results.is_empty());
}

#[test]
fn extras_jokes_intros_and_filters() {
    let f = library();
    let coffee = find(&f, "coffee");
    assert_eq!(coffee.results.first().map(|h| h.kind), Some(Kind::Joke));
    assert_eq!(find(&f, "quinn").results.first().map(|h| h.kind), Some(Kind::Description));
    assert_eq!(episodes(&find(&f, "pep host:brian year:2024")), [3]);
    assert_eq!(episodes(&find(&f, "pep after:2024-01")), [3]);
    assert_eq!(episodes(&find(&f, "pep before:2024")), [2]);
    assert!(find(&f, "coffee in:segments").results.is_empty());
    assert_eq!(find(&f, "docs in:links").results.first().map(|h| h.episode), Some(Some(1)));
    let hit = &find(&f, "pydantic").results[0];
    assert_eq!((hit.kind, hit.ordinal), (Kind::Segment, Some(1)));
    assert_eq!(hit.url.as_deref(), Some("https://example.com/2/0"));
}

#[test]
fn titles_outrank_bodies_and_newer_breaks_ties() {
    let f = library();
    let r = find(&f, "governance");
    assert_eq!(r.results[0].title, "PEP 8000 governance");
    let r = find(&f, "pep");
    let firsts: Vec<u32> = episodes(&r);
    assert_eq!(firsts.first(), Some(&3), "equal title matches: the newest first: {firsts:?}");
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let f = library();
    let typing = |q: &str| search(&f.store, &f.lib, q, Options { typing: Typing::Typing, limit: 20 }).expect("search");
    assert!(episodes(&typing("pydan")).iter().all(|&e| e == 2));
    assert!(!typing("pydan").results.is_empty());
    assert!(typing("pydan ").results.is_empty(), "a finished word is whole");
    assert!(!typing("p").results.is_empty(), "the first letter answers");
}

#[test]
fn fts_syntax_and_junk_never_reach_sqlite() {
    let f = library();
    let long = "near ".repeat(2000);
    for q in
        ["NEAR(a b)", "py*", "^start", "col:x", "\"unbalanced", "-x", "a AND OR NOT", "!!!", "{tx}: a", long.as_str()]
    {
        let r = search(&f.store, &f.lib, q, Options { typing: Typing::Done, limit: 5 });
        assert!(r.is_ok(), "{q}: {r:?}");
    }
}

#[test]
fn snippets_are_plain_text_with_highlights() {
    let f = library();
    let hit = &find(&f, "docs today").results[0];
    assert!(hit.snippet.contains("see the docs today"), "{}", hit.snippet);
    assert!(!hit.snippet.contains("]("));
    for r in &hit.snippet_matches {
        let word = hit.snippet[r.clone()].to_lowercase();
        assert!(word == "docs" || word == "today", "{word}");
    }
}

#[test]
fn transcript_passages_can_be_added_and_found_with_their_time() {
    let mut f = library();
    let id = f.store.summaries(&f.lib).expect("list")[0].id;
    let passages = [Doc::transcript(754, "and that is why we love walruses")];
    f.store.replace_docs(id, Kind::Transcript, &passages).expect("add");
    let r = find(&f, "walruses in:transcripts");
    assert_eq!(r.results.first().map(|h| (h.kind, h.time, h.episode)), Some((Kind::Transcript, Some(754), Some(1))));
}
