//! The real corpus: every episode under `$SHOWNOTES_CORPUS` loads, and the reading matches the hand-checked
//! `expected.json` with the same bars as `score-corpus` (segment F1, titles, hosts, urls, jokes, sponsor,
//! extras hosts). Skips, saying why, when `SHOWNOTES_CORPUS` is unset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use serde::Deserialize;
use shownotes::library::Library;
use shownotes::model::Episode;

#[derive(Deserialize)]
struct Truth {
    file: String,
    number: u32,
    hosts: Vec<String>,
    sponsor: Option<String>,
    segments: Vec<TruthSegment>,
    extras_hosts: Vec<String>,
    joke_count: usize,
}

#[derive(Deserialize)]
struct TruthSegment {
    host: Option<String>,
    ordinal: Option<u32>,
    title: String,
    url: Option<String>,
}

fn corpus() -> Option<PathBuf> {
    match std::env::var_os("SHOWNOTES_CORPUS") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            eprintln!("skipping: set SHOWNOTES_CORPUS to the python_bytes corpus folder to run the corpus checks");
            None
        }
    }
}

/// Forgiving comparison: lower-case letters and digits only (any non-ASCII letter kept), as score-corpus does.
fn norm(s: Option<&str>) -> String {
    s.unwrap_or("")
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphanumeric() || (*c as u32 >= 0xC0 && !c.is_whitespace() && c.is_alphanumeric()))
        .collect()
}

fn first(s: Option<&str>) -> String {
    norm(s.and_then(|s| s.split_whitespace().next()))
}

fn url(u: Option<&str>) -> &str {
    u.unwrap_or("").trim().trim_end_matches('/')
}

#[derive(Default, Debug)]
struct Tally {
    truth_segments: usize,
    found: usize,
    extra: usize,
    titles: usize,
    hosts: usize,
    urls: usize,
    episodes: usize,
    jokes: usize,
    sponsors: usize,
    extras: usize,
    misses: Vec<String>,
}

fn score(t: &Truth, e: &Episode, tally: &mut Tally) {
    let mut used = vec![false; e.segments.len()];
    for ts in &t.segments {
        tally.truth_segments += 1;
        let free = |i: &usize| !used[*i];
        let by_title = (0..e.segments.len())
            .filter(free)
            .find(|&i| !norm(Some(&ts.title)).is_empty() && norm(Some(&e.segments[i].title)) == norm(Some(&ts.title)));
        let by_url = || {
            ts.url.as_ref().and_then(|u| {
                (0..e.segments.len()).filter(free).find(|&i| url(e.segments[i].url.as_deref()) == url(Some(u)))
            })
        };
        let by_ordinal =
            || ts.ordinal.and_then(|n| (0..e.segments.len()).filter(free).find(|&i| e.segments[i].ordinal == Some(n)));
        let Some(i) = by_title.or_else(by_url).or_else(by_ordinal) else {
            tally.misses.push(format!("{}: no segment for {:?}", t.file, ts.title));
            continue;
        };
        used[i] = true;
        let s = &e.segments[i];
        tally.found += 1;
        if norm(Some(&s.title)) == norm(Some(&ts.title)) {
            tally.titles += 1;
        } else {
            tally.misses.push(format!("{}: title {:?} != {:?}", t.file, s.title, ts.title));
        }
        tally.urls += usize::from(url(s.url.as_deref()) == url(ts.url.as_deref()));
        tally.hosts += usize::from(first(s.host.as_deref()) == first(ts.host.as_deref()));
    }
    tally.extra += used.iter().filter(|u| !**u).count();
    tally.jokes += usize::from(e.jokes.len() == t.joke_count);
    let sponsor = e.sponsors.first().map(|s| s.name.as_str());
    let sponsor_ok = norm(sponsor) == norm(t.sponsor.as_deref()) || (t.sponsor.is_none() && sponsor.is_none());
    tally.sponsors += usize::from(sponsor_ok);
    let got: Vec<String> = e.extras.iter().filter_map(|x| x.host.as_deref()).map(|h| first(Some(h))).collect();
    let want: Vec<String> = t.extras_hosts.iter().map(|h| first(Some(h))).collect();
    tally.extras += usize::from(got == want);
    let hosts: Vec<String> = e.hosts.iter().map(|h| first(Some(&h.name))).collect();
    let want_hosts: Vec<String> = t.hosts.iter().map(|h| first(Some(h))).collect();
    if hosts != want_hosts {
        tally.misses.push(format!("{}: hosts {hosts:?} != {want_hosts:?}", t.file));
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

#[test]
fn every_episode_loads_and_matches_the_hand_checked_reading() {
    let Some(root) = corpus() else { return };
    let library = Library::load(&root).expect("corpus folder opens");
    assert!(library.errors.is_empty(), "files that did not load: {:?}", library.errors);
    assert_eq!(library.episodes.len(), 311, "every episode of the corpus loads");

    let truth: Vec<Truth> =
        serde_json::from_str(&std::fs::read_to_string(root.join("expected.json")).expect("expected.json")).unwrap();
    let mut tally = Tally::default();
    for t in &truth {
        match library.episodes.iter().find(|e| e.number == Some(t.number)) {
            Some(e) => {
                tally.episodes += 1;
                score(t, e, &mut tally);
            }
            None => tally.misses.push(format!("{}: episode missing", t.file)),
        }
    }
    let recall = ratio(tally.found, tally.truth_segments);
    let precision = ratio(tally.found, tally.found + tally.extra);
    let f1 = 2.0 * recall * precision / (recall + precision).max(1e-9);
    let n = truth.len();
    let figures = [
        ("segment F1", f1, 0.995),
        ("titles", ratio(tally.titles, tally.found), 0.99),
        ("hosts", ratio(tally.hosts, tally.found), 0.995),
        ("urls", ratio(tally.urls, tally.found), 0.99),
        ("jokes", ratio(tally.jokes, n), 0.90),
        ("sponsor", ratio(tally.sponsors, n), 0.95),
        ("extras hosts", ratio(tally.extras, n), 0.95),
    ];
    eprintln!("corpus misses:\n  {}", tally.misses.join("\n  "));
    for (name, value, bar) in figures {
        eprintln!("{name}: {value:.3} (bar {bar})");
    }
    assert_eq!(tally.episodes, n, "every hand-checked episode is found by number");
    let below: Vec<String> = figures
        .iter()
        .filter(|(_, value, bar)| value < bar)
        .map(|(name, value, bar)| format!("{name} {value:.3} < {bar}"))
        .collect();
    assert!(below.is_empty(), "below the bar: {below:?}");
}
