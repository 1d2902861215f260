//! The CLI on a show that is not Python Bytes: episodes named by file stem, list rows with dates and never
//! blank, `show` with date, description, people, sponsors and chapters, and warnings summarised in one line.

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;
use std::process::{Command, Output};

use tempdir::TempDir;

fn shownotes(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shownotes"))
        .args(args)
        .current_dir(dir)
        .env_remove("SHOWNOTES_LIBRARY")
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .env("XDG_CONFIG_HOME", Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/no-such-config-home"))
        .output()
        .expect("run shownotes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CHAPTERED: &str = "---\ntitle: Keyboards\ndate: 2021-06-01\nhosts: [Host Alpha]\nsponsors: [Acme]\n---\n\n\
    We talk about keyboards.\n\n## Timestamps\n\n- 00:01:05 Hello\n- 00:10:00 Switches\n";
const UNTITLED: &str = "- [A link](https://a.example.com/)\n";
const BAD_FRONT: &str = "---\ntitle: [x]\n---\n\nText.\n";

fn library(name: &str) -> TempDir {
    let dir = TempDir::new(&format!("cli-general-{name}"));
    for (file, text) in
        [("show-1.md", CHAPTERED), ("notes-on-things.md", UNTITLED), ("show-2.md", BAD_FRONT), ("show-3.md", BAD_FRONT)]
    {
        std::fs::write(dir.path().join(file), text).expect("write fixture");
    }
    dir
}

#[test]
fn show_prints_date_description_people_sponsors_and_chapters() {
    let dir = library("show");
    let o = shownotes(dir.path(), &["--library", ".", "show", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in
        ["Episode 1: Keyboards", "Date: 2021-06-01", "Sponsor: Acme", "Hosts: Host Alpha", "We talk about keyboards."]
    {
        assert!(text.contains(want), "{want:?} missing from {text}");
    }
    assert!(text.contains("\nChapters\n  0:01:05  Hello\n  0:10:00  Switches\n"), "{text}");
}

#[test]
fn an_unnumbered_episode_is_reached_by_its_file_stem() {
    let dir = library("stem");
    let o = shownotes(dir.path(), &["--library", ".", "links", "notes-on-things"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("https://a.example.com/"), "{}", stdout(&o));
    let missing = shownotes(dir.path(), &["--library", ".", "show", "nothing-here"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("by file stem"), "{}", stderr(&missing));
}

#[test]
fn list_rows_carry_the_date_and_are_never_blank() {
    let dir = library("list");
    let o = shownotes(dir.path(), &["--library", ".", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.lines().any(|l| l.contains("2021-06-01") && l.contains("Keyboards")), "{text}");
    assert!(text.lines().any(|l| l.contains("notes-on-things")), "the stem stands in for a missing title: {text}");
    assert!(text.lines().all(|l| l.split("  ").filter(|p| !p.trim().is_empty()).count() >= 2), "{text}");
}

#[test]
fn warnings_are_one_counted_line_unless_asked_for() {
    let dir = library("warnings");
    let o = shownotes(dir.path(), &["--library", ".", "list"]);
    let err = stderr(&o);
    assert_eq!(err.lines().filter(|l| l.starts_with("warning:")).count(), 1, "{err}");
    assert!(err.contains("2 notes about the library") && err.contains("list --warnings"), "{err}");
    let all = shownotes(dir.path(), &["--library", ".", "list", "--warnings"]);
    let err = stderr(&all);
    assert!(err.contains("show-2.md: front matter field `title`") && err.contains("show-3.md"), "{err}");
}
