//! Property tests: arbitrary text and mutated real notes through the parser, sanitizer, search and CLI writers.
//!
//! Never a panic, and the parse keeps its promises: segments in source order, ordinals as written (`#N` on the
//! heading's line), every link URL present in the source, nothing the terminal would interpret in text output.
//!
//! The default run takes `PROPTEST_CASES` cases per property (256 unless set), so CI stays fast. The big run is
//! `cargo test --release --test props -- --ignored --nocapture` (`SHOWNOTES_BIG_CASES`, default 100,000 per
//! property). Mutated notes come from `$SHOWNOTES_CORPUS/show_notes/*.md` when set, else tests/fixtures/*.md and
//! episodes/*.md.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use shownotes::cli::output;
use shownotes::cli::{Format, ListFormat};
use shownotes::library::Library;
use shownotes::model::Episode;
use shownotes::parse::parse_episode;
use shownotes::sanitize;
use shownotes::search::SearchIndex;

/// Markdown fragments that steer the parser into its interesting paths: host markers, headings, links, lists,
/// fences, front matter, escapes and hostile terminal sequences.
const TOKENS: &[&str] = &[
    "# Python Bytes 12\n",
    "## ",
    "### ",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "~~~",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "- ",
    "* ",
    "1. ",
    "  ",
    "\t",
    "> ",
    "[",
    "]",
    "(",
    ")",
    "](",
    "](https://a.b/c)",
    "<https://x.y>",
    "https://p.q/r ",
    "#1",
    "#2:",
    "#10 ",
    "**Brian #1:** ",
    "**Michael #2:** ",
    "Michael: ",
    "**Extras**\n",
    "Extras:\n",
    "**Joke:** ",
    "Jokes:\n",
    "Sponsored by X: ",
    "---\n",
    "title: t\n",
    "episode: 5\n",
    "<!--",
    "-->",
    "<a href=\"h\">",
    "</a>",
    "&amp;",
    "&#35;",
    "\\",
    "\\#",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[ref]: https://r.s\n",
    "[x][ref]",
    "![i](j)",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\u{9b}",
    "\u{202e}",
    "\u{200d}",
    "e\u{301}",
    "全",
    "👩‍💻",
    "\u{feff}",
    "\0",
];

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 .:/#-]{0,12}",
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => markdownish(), 1 => any::<String>()]
}

/// Real notes to mutate: the corpus when `SHOWNOTES_CORPUS` is set, else the committed fixtures and sample.
fn seeds() -> Vec<String> {
    let mut dirs = Vec::new();
    if let Ok(corpus) = std::env::var("SHOWNOTES_CORPUS") {
        dirs.push(Path::new(&corpus).join("show_notes"));
    } else {
        eprintln!("SHOWNOTES_CORPUS is unset: mutating tests/fixtures and episodes/ only");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        dirs.extend([root.join("tests/fixtures"), root.join("episodes")]);
    }
    let mut seeds: Vec<String> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seed notes found in {dirs:?}");
    seeds
}

/// One edit to a real file, positions given as fractions of its length so they fit any seed.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, f64),
    Duplicate(f64, f64),
    Truncate(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0.0..1.0, markdownish()).prop_map(|(at, s)| Edit::Insert(at, s)),
        2 => (0.0..1.0, 0.0..0.05).prop_map(|(at, len)| Edit::Delete(at, len)),
        1 => (0.0..1.0, 0.0..0.05).prop_map(|(at, len)| Edit::Duplicate(at, len)),
        1 => (0.0..1.0).prop_map(Edit::Truncate),
    ]
}

/// The char boundary at or before `fraction` of `s`.
fn at(s: &str, fraction: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let mut i = ((s.len() as f64) * fraction) as usize;
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        match e {
            Edit::Insert(f, text) => s.insert_str(at(&s, *f), text),
            Edit::Delete(f, len) => {
                let (a, b) = (at(&s, *f), at(&s, (*f + *len).min(1.0)));
                s.replace_range(a..b.max(a), "");
            }
            Edit::Duplicate(f, len) => {
                let (a, b) = (at(&s, *f), at(&s, (*f + *len).min(1.0)));
                let piece = s[a..b.max(a)].to_owned();
                s.insert_str(b.max(a), &piece);
            }
            Edit::Truncate(f) => s.truncate(at(&s, f.max(0.5))),
        }
    }
    s
}

fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (proptest::sample::select(seeds), proptest::collection::vec(edit(), 1..6)).prop_map(|(s, e)| apply(s, &e))
}

/// The source with markdown backslash escapes and the common entities undone, as the parser sees URLs.
fn unescaped(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
}

/// `#` then digits (spaces allowed between) whose value is `n`, somewhere in `line`.
fn ordinal_written(line: &str, n: u32) -> bool {
    line.match_indices('#').any(|(i, _)| {
        let digits: String = line[i + 1..].trim_start().chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<u32>().ok() == Some(n)
    })
}

fn no_controls(what: &str, text: &str, allowed: &[char]) -> Result<(), TestCaseError> {
    if let Some(c) = text.chars().find(|&c| sanitize::is_unsafe(c) && !allowed.contains(&c)) {
        return Err(TestCaseError::fail(format!("{what}: control character {c:?} in {text:?}")));
    }
    Ok(())
}

fn check_episode(source: &str, ep: &Episode) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = source.split('\n').collect();
    let mut last = 0;
    for s in &ep.segments {
        prop_assert!(s.line >= last, "segment {:?} at line {} comes after line {last}", s.title, s.line);
        last = s.line;
        if let Some(n) = s.ordinal {
            let line = s.line.checked_sub(1).and_then(|i| lines.get(i)).copied().unwrap_or_default();
            prop_assert!(ordinal_written(line, n), "ordinal {n} not written as #{n} on line {}: {line:?}", s.line);
        }
    }
    let plain = unescaped(source);
    let urls = ep
        .segments
        .iter()
        .flat_map(|s| s.links.iter().map(|l| &l.url).chain(s.url.as_ref()))
        .chain(ep.links.iter().map(|l| &l.url))
        .chain(ep.sponsor.iter().filter_map(|s| s.url.as_ref()))
        .chain(ep.jokes.iter().filter_map(|j| j.url.as_ref()));
    for url in urls {
        prop_assert!(source.contains(url.as_str()) || plain.contains(url.as_str()), "link {url:?} not in the source");
    }
    Ok(())
}

fn check_writers(ep: &Episode, query: &str) -> Result<(), TestCaseError> {
    let mut out = Vec::new();
    output::show(ep, Format::Text, &mut out).unwrap();
    no_controls("show", &String::from_utf8(out).unwrap(), &['\n'])?;
    let mut out = Vec::new();
    output::links(ep, ListFormat::Text, &mut out).unwrap();
    no_controls("links", &String::from_utf8(out).unwrap(), &['\n', '\t'])?;
    for format in [Format::Json, Format::Yaml] {
        let mut out = Vec::new();
        output::show(ep, format, &mut out).unwrap();
        no_controls(&format!("show {format:?}"), &String::from_utf8(out).unwrap(), &['\n'])?;
    }
    let library = Library { episodes: vec![ep.clone()], ..Library::default() };
    let mut out = Vec::new();
    output::list(&library, ListFormat::Text, &mut out).unwrap();
    no_controls("list", &String::from_utf8(out).unwrap(), &['\n'])?;
    let index = SearchIndex::build(&library);
    let hits = index.query(&library, query, Some(20));
    for h in &hits {
        for r in h.snippet_matches.iter().chain(&h.title_matches) {
            let text = if h.snippet_matches.contains(r) { &h.snippet } else { &h.title };
            prop_assert!(text.get(r.clone()).is_some(), "match range {r:?} is not inside {text:?}");
        }
    }
    let mut out = Vec::new();
    output::search(&hits, ListFormat::Text, &mut out).unwrap();
    no_controls("search", &String::from_utf8(out).unwrap(), &['\n'])
}

fn check_source(source: &str, query: &str) -> Result<(), TestCaseError> {
    check_sanitize(source)?;
    let Ok(ep) = parse_episode(source) else { return Ok(()) };
    check_episode(source, &ep)?;
    check_writers(&ep, query)
}

fn check_sanitize(s: &str) -> Result<(), TestCaseError> {
    let clean = sanitize::clean(s);
    no_controls("clean", &clean, &['\n'])?;
    prop_assert_eq!(sanitize::clean(&clean), clean.clone(), "clean is not idempotent");
    let line = sanitize::clean_line(s);
    no_controls("clean_line", &line, &[])?;
    no_controls("visible", &sanitize::visible(s), &[])?;
    for cols in [0, 1, 7, 40] {
        prop_assert!(sanitize::width(&sanitize::truncate(&line, cols)) <= cols, "truncate({line:?}, {cols}) too wide");
        prop_assert_eq!(sanitize::width(&sanitize::fit(&line, cols)), cols, "fit({:?}, {})", line, cols);
    }
    Ok(())
}

/// Run `check` over `cases` values of `strategy`, printing the count and time so they can be quoted.
fn run<S: Strategy>(name: &str, cases: u32, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let start = Instant::now();
    let result = runner.run(&strategy, check);
    eprintln!("{name}: {cases} cases in {:.1}s", start.elapsed().as_secs_f64());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

fn default_cases() -> u32 {
    Config::default().cases // PROPTEST_CASES, else 256
}

fn big_cases() -> u32 {
    std::env::var("SHOWNOTES_BIG_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000)
}

#[test]
fn arbitrary_text_never_breaks_anything() {
    run("arbitrary text", default_cases(), (arbitrary_text(), "[a-z ]{0,8}"), |(s, q)| check_source(&s, &q));
}

#[test]
fn mutated_notes_never_break_anything() {
    run("mutated notes", default_cases(), (mutated(seeds()), "[a-z ]{0,8}"), |(s, q)| check_source(&s, &q));
}

#[test]
fn unmutated_seeds_keep_the_invariants() {
    for seed in seeds() {
        check_source(&seed, "python").unwrap();
    }
}

#[test]
#[ignore = "big run: cargo test --release --test props -- --ignored --nocapture"]
fn big_run_arbitrary_text() {
    run("arbitrary text (big run)", big_cases(), (arbitrary_text(), "[a-z ]{0,8}"), |(s, q)| check_source(&s, &q));
}

#[test]
#[ignore = "big run: cargo test --release --test props -- --ignored --nocapture"]
fn big_run_mutated_notes() {
    run("mutated notes (big run)", big_cases(), (mutated(seeds()), "[a-z ]{0,8}"), |(s, q)| check_source(&s, &q));
}
