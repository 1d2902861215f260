//! Several shows open at once: which folders a command reads, `SHOW/N` addresses, list/search/export across
//! shows. Two small libraries are written at test time; a subscribed show is made with `shownotes add FILE`.

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempdir::TempDir;

/// A home for one test: its own data, config and cache folders, and two libraries `alpha/` and `beta/`.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new(tag: &str) -> Self {
        let dir = TempDir::new(tag);
        let write = |rel: &str, number: u32, title: &str, date: &str, body: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            let text = format!("---\ntitle: {title}\nnumber: {number}\ndate: {date}\n---\n\n{body}\n");
            std::fs::write(path, text).expect("write episode");
        };
        write(
            "alpha/1.md",
            1,
            "Rust Tricks",
            "2024-02-01",
            "Talk about lifetimes.\n\n## Borrow checker\n\nMore lifetimes.",
        );
        write("alpha/2.md", 2, "Async Later", "2024-04-01", "Executors.");
        write("beta/1.md", 1, "Gardening Lifetimes", "2024-03-01", "Perennial lifetimes of plants.");
        write("beta/5.md", 5, "Soil", "2024-01-15", "Compost.");
        Self { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Run in `cwd` with this home's XDG folders and no SHOWNOTES_LIBRARY unless `env` sets it.
    fn run_in(&self, cwd: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shownotes"));
        cmd.args(args)
            .current_dir(cwd)
            .env_remove("SHOWNOTES_LIBRARY")
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run shownotes")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(self.dir.path(), &[], args)
    }

    fn subscribe(&self) {
        let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/small.xml");
        let o = self.run(&["add", feed.to_str().expect("utf-8 path")]);
        assert!(o.status.success(), "{}", err(&o));
    }

    fn config(&self, text: &str) {
        let dir = self.path("config/shownotes");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(dir.join("config.yaml"), text).expect("config");
    }
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BOTH: [&str; 4] = ["-L", "alpha", "--library", "beta"];

fn with_both(args: &[&'static str]) -> Vec<&'static str> {
    BOTH.iter().chain(args).copied().collect()
}

/// The first two columns of each text row: show and number.
fn shows_and_numbers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|l| {
            let mut w = l.split_whitespace();
            (w.next().unwrap_or_default().to_owned(), w.next().unwrap_or_default().to_owned())
        })
        .collect()
}

#[test]
fn repeatable_library_lists_newest_first_across_shows() {
    let home = Home::new("ms-list");
    let o = home.run(&with_both(&["list"]));
    assert!(o.status.success(), "{}", err(&o));
    let rows = shows_and_numbers(&out(&o));
    let want = [("alpha", "2"), ("beta", "1"), ("alpha", "1"), ("beta", "5")];
    assert_eq!(rows, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let o = home.run(&with_both(&["list", "--format", "json"]));
    let rows: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(rows[0]["id"], "alpha/2");
    assert_eq!(rows[1]["library"], "beta");
    assert_eq!(rows[1]["title"], "Gardening Lifetimes");
}

#[test]
fn one_library_lists_as_before() {
    let home = Home::new("ms-one");
    let o = home.run(&["-L", "beta", "list"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "    1  2024-03-01  Gardening Lifetimes  (0 segments)\n    5  2024-01-15  Soil  (0 segments)\n"
    );
    // A show's address works with one show open too.
    let o = home.run(&["-L", "beta", "show", "beta/5"]);
    assert!(out(&o).starts_with("Episode 5: Soil\n"), "{}", err(&o));
}

#[test]
fn episodes_are_addressed_as_show_slash_n_and_an_ambiguous_n_names_its_shows() {
    let home = Home::new("ms-addr");
    let o = home.run(&with_both(&["show", "beta/1"]));
    assert!(out(&o).starts_with("Episode 1: Gardening Lifetimes\n"), "{}", err(&o));
    let o = home.run(&with_both(&["show", "ALPHA/1", "--format", "json"]));
    let e: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(e["title"], "Rust Tricks");
    // Only alpha has 2, only beta has 5: plain numbers are clear.
    assert!(out(&home.run(&with_both(&["show", "2"]))).starts_with("Episode 2: Async Later"));
    assert!(out(&home.run(&with_both(&["links", "5"]))).is_empty());
    let o = home.run(&with_both(&["show", "1"]));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("episode 1 is in 2 shows: alpha/1, beta/1"), "{}", err(&o));
    let o = home.run(&with_both(&["show", "9"]));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no episode 9 in any open show (alpha 1-2; beta 1, 5)"), "{}", err(&o));
    let o = home.run(&with_both(&["show", "gamma/1"]));
    assert!(err(&o).contains("no show gamma is open; the open shows are alpha, beta"), "{}", err(&o));
}

#[test]
fn search_spans_shows_and_show_narrows() {
    let home = Home::new("ms-search");
    let o = home.run(&with_both(&["search", "lifetimes", "--format", "json"]));
    assert!(o.status.success(), "{}", err(&o));
    let r: Value = serde_json::from_slice(&o.stdout).expect("json");
    let mut ids: Vec<&str> =
        r["results"].as_array().expect("results").iter().filter_map(|h| h["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids, ["alpha/1", "beta/1"]);
    let o = home.run(&with_both(&["search", "show:beta", "lifetimes"]));
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with("beta/1 description: Gardening Lifetimes\n"), "{text}");
    assert!(!text.contains("alpha/"), "{text}");
    let o = home.run(&with_both(&["search", "compost", "show:alpha"]));
    assert_eq!(o.status.code(), Some(1), "compost is only in beta");
}

#[test]
fn export_spans_shows_with_each_show_named() {
    let home = Home::new("ms-export");
    let o = home.run(&with_both(&["export"]));
    assert!(o.status.success(), "{}", err(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let got: Vec<(String, u64)> = v["episodes"]
        .as_array()
        .expect("episodes")
        .iter()
        .map(|e| (e["show"].as_str().unwrap_or_default().to_owned(), e["number"].as_u64().unwrap_or_default()))
        .collect();
    let want = [("alpha", 2), ("beta", 1), ("alpha", 1), ("beta", 5)];
    assert_eq!(got, want.map(|(s, n)| (s.to_owned(), n)));
}

#[test]
fn shownotes_library_holds_several_paths() {
    let home = Home::new("ms-env");
    let joined = std::env::join_paths([home.path("alpha"), home.path("beta")]).expect("join");
    let o = home.run_in(home.dir.path(), &[("SHOWNOTES_LIBRARY", joined.to_str().expect("utf-8"))], &["list"]);
    assert_eq!(shows_and_numbers(&out(&o)).len(), 4, "{}", err(&o));
    let o = home.run_in(home.dir.path(), &[("SHOWNOTES_LIBRARY", "/nonexistent/one")], &["list"]);
    assert!(err(&o).contains("/nonexistent/one"), "{}", err(&o));
}

#[test]
fn without_flags_every_subscription_and_configured_library_is_read() {
    let home = Home::new("ms-default");
    std::fs::create_dir_all(home.path("episodes")).expect("mkdir");
    std::fs::copy(home.path("beta/5.md"), home.path("episodes/5.md")).expect("copy");
    // Nothing configured: ./episodes.
    let o = home.run(&["list"]);
    assert_eq!(out(&o), "    5  2024-01-15  Soil  (0 segments)\n", "{}", err(&o));
    // A subscription replaces ./episodes.
    home.subscribe();
    let o = home.run(&["list"]);
    let rows: Vec<String> =
        out(&o).lines().map(|l| l.split_whitespace().nth(1).unwrap_or_default().to_owned()).collect();
    assert_eq!(rows, ["2024-01-01", "2024-01-08", "2024-01-15"], "one show lists as before: {}", out(&o));
    // The config's library and libraries join it; a named entry gives the short name.
    home.config(&format!(
        "library: {}\nlibraries:\n  - {{name: b, path: {}}}\n",
        home.path("alpha").display(),
        home.path("beta").display()
    ));
    let o = home.run(&["list"]);
    assert!(o.status.success(), "{}", err(&o));
    let shows: Vec<String> = shows_and_numbers(&out(&o)).into_iter().map(|(s, n)| format!("{s}/{n}")).collect();
    assert_eq!(shows, ["alpha/2", "b/1", "alpha/1", "b/5", "small-show/3", "small-show/2", "small-show/1"]);
    let o = home.run(&["show", "small/2"]);
    assert!(out(&o).starts_with("Episode 2: Second Wind\n"), "{}", err(&o));
    // A configured folder that is missing is a warning; the others are read.
    home.config(&format!("libraries: [{}, /nonexistent/gone]\n", home.path("alpha").display()));
    let o = home.run(&["list"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("/nonexistent/gone"), "{}", err(&o));
    assert_eq!(shows_and_numbers(&out(&o)).len(), 5);
    // A --library folder that is missing is an error.
    let o = home.run(&["-L", "alpha", "-L", "/nonexistent/flag", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("/nonexistent/flag") && err(&o).contains("--library"), "{}", err(&o));
}
