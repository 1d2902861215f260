//! Other podcasts' notes against their hand-checked readings (`SHOWNOTES_SHOWS`, one folder per show with
//! `expected.json`), scored field by field the way `../shared/tools/score-shows` scores them, with the same
//! bars. Without `SHOWNOTES_SHOWS` the test says why it skips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use shownotes::library::Library;
use shownotes::model::Episode;
use unicode_normalization::UnicodeNormalization;

const BARS: [(&str, f64); 10] = [
    ("number", 0.95),
    ("title", 0.95),
    ("date", 0.95),
    ("description", 0.85),
    ("people", 0.85),
    ("sponsors", 0.90),
    ("segments", 0.90),
    ("chapters", 0.95),
    ("links", 0.98),
    ("sections", 0.90),
];

/// Case, punctuation and spacing forgiven, as the scorer does.
fn norm(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_digit() || c.is_ascii_lowercase() || ('\u{c0}'..='\u{ffff}').contains(c))
        .collect()
}

fn text(v: &Value) -> String {
    v.as_str().map(norm).unwrap_or_default()
}

fn f1<T: Eq + std::hash::Hash + Clone>(truth: &[T], got: &[T]) -> f64 {
    if truth.is_empty() && got.is_empty() {
        return 1.0;
    }
    let mut pool: HashMap<T, usize> = HashMap::new();
    for t in truth {
        *pool.entry(t.clone()).or_default() += 1;
    }
    let mut hit = 0usize;
    for g in got {
        if let Some(n) = pool.get_mut(g).filter(|n| **n > 0) {
            *n -= 1;
            hit += 1;
        }
    }
    if hit == 0 {
        return 0.0;
    }
    let (p, r) = (hit as f64 / got.len() as f64, hit as f64 / truth.len() as f64);
    2.0 * p * r / (p + r)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(text).collect()).unwrap_or_default()
}

fn url(u: &str) -> &str {
    u.trim().trim_end_matches('/')
}

/// Per-field scores of one episode against its reading.
fn score(e: &Episode, t: &Value) -> [f64; 10] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let number = b(e.number.map(u64::from) == t["number"].as_u64() && t["number"].is_null() == e.number.is_none());
    let title = b(norm(e.title.as_deref().unwrap_or("")) == text(&t["title"]));
    let date = b(e.date.as_deref().map(|d| d.get(..10).unwrap_or(d)) == t["date"].as_str());
    let want = text(&t["description"]);
    let got = norm(e.description.as_deref().unwrap_or(""));
    let head: String = want.chars().take(30).collect();
    let description = b((want.is_empty() && got.is_empty()) || (!want.is_empty() && got.starts_with(&head)));
    let mut people_t = strings(&t["hosts"]);
    people_t.extend(strings(&t["guests"]));
    let people_g: Vec<String> =
        e.hosts.iter().map(|h| norm(&h.name)).chain(e.guests.iter().map(|g| norm(&g.name))).collect();
    let sponsors = b(e.sponsors.iter().map(|s| norm(&s.name)).collect::<Vec<_>>() == strings(&t["sponsors"]));
    let seg_t: Vec<String> = t["segments"].as_array().unwrap().iter().map(|s| text(&s["title"])).collect();
    let seg_g: Vec<String> = e.segments.iter().map(|s| norm(&s.title)).collect();
    let ch_t: Vec<(u64, String)> = t["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["start"].as_u64().unwrap_or(0), text(&c["title"])))
        .collect();
    let ch_g: Vec<(u64, String)> = e.chapters.iter().map(|c| (u64::from(c.start), norm(&c.title))).collect();
    let mut pool: HashMap<&str, Vec<&str>> = HashMap::new();
    for l in e.links.iter().filter(|l| !l.url.starts_with('#')).rev() {
        pool.entry(url(&l.url)).or_default().push(&l.section);
    }
    let (mut found, mut placed) = (0usize, 0usize);
    let truth_links = t["links"].as_array().unwrap();
    for l in truth_links {
        let Some(section) = pool.get_mut(url(l["url"].as_str().unwrap_or(""))).and_then(Vec::pop) else { continue };
        found += 1;
        let want = text(&l["section"]);
        let opening = ["", "intro", "introduction", "description", "overview", "episode", "notes"];
        placed += usize::from(if want.is_empty() {
            opening.contains(&norm(section).as_str())
        } else {
            norm(section) == want
        });
    }
    let links = if truth_links.is_empty() { 1.0 } else { found as f64 / truth_links.len() as f64 };
    let sections = if found == 0 { 1.0 } else { placed as f64 / found as f64 };
    [
        number,
        title,
        date,
        description,
        f1(&people_t, &people_g),
        sponsors,
        f1(&seg_t, &seg_g),
        f1(&ch_t, &ch_g),
        links,
        sections,
    ]
}

fn shows() -> Option<Vec<PathBuf>> {
    let root = PathBuf::from(std::env::var_os("SHOWNOTES_SHOWS")?);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("SHOWNOTES_SHOWS is a readable folder")
        .filter_map(|d| d.ok().map(|d| d.path()))
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    Some(dirs)
}

fn figures(dir: &Path) -> [f64; 10] {
    let library = Library::load(dir).expect("the show's folder loads");
    let truth: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let by_file: HashMap<&str, &Episode> = library.episodes.iter().map(|e| (e.file.as_str(), e)).collect();
    let mut sums = [0.0; 10];
    for t in &truth {
        let file = t["file"].as_str().unwrap();
        let e = by_file.get(file).unwrap_or_else(|| panic!("{}: {file} was not loaded", dir.display()));
        for (sum, s) in sums.iter_mut().zip(score(e, t)) {
            *sum += s;
        }
    }
    sums.map(|s| s / truth.len() as f64)
}

#[test]
fn every_show_meets_every_bar() {
    let Some(dirs) = shows() else {
        eprintln!("tests/shows: SHOWNOTES_SHOWS is not set (point it at ../shared/corpus/shows); skipping");
        return;
    };
    assert!(!dirs.is_empty(), "SHOWNOTES_SHOWS holds no show folder with expected.json");
    let mut short = Vec::new();
    for dir in &dirs {
        let figs = figures(dir);
        let name = dir.file_name().unwrap().to_string_lossy();
        eprintln!(
            "{name}: {}",
            BARS.iter().zip(figs).map(|((k, _), v)| format!("{k} {v:.2}")).collect::<Vec<_>>().join(" ")
        );
        for ((field, bar), v) in BARS.iter().zip(figs) {
            if v < *bar {
                short.push(format!("{name} {field} {v:.2} < {bar}"));
            }
        }
    }
    assert!(short.is_empty(), "bars not met: {short:?}");
}
