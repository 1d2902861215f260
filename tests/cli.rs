//! The real binary, run as a user would: exit codes, stdout and stderr of every command.

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use tempdir::TempDir;

fn shownotes(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shownotes"))
        .args(args)
        .current_dir(dir)
        .env_remove("SHOWNOTES_LIBRARY")
        // No user config: a `library:` in the developer's own config must not change what these tests read.
        .env("XDG_CONFIG_HOME", repo().join("tests/fixtures/no-such-config-home"))
        .env("XDG_CACHE_HOME", cache_home())
        .output()
        .expect("run shownotes")
}

/// One index cache for this test process (the tests share it, as processes on one machine do).
fn cache_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("shownotes-cli-cache-{}", std::process::id()))
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh library folder holding `files`, removed when the test ends.
fn temp_library(name: &str, files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new(&format!("cli-{name}"));
    for (file, bytes) in files {
        std::fs::write(dir.path().join(file), bytes).expect("write fixture");
    }
    dir
}

#[test]
fn show_prints_the_seed_episode_readably() {
    let o = shownotes(repo(), &["show", "149"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Episode 149\nFile: 149.md\n"), "{text}");
    assert!(text.contains("Sponsor: Datadog"), "{text}");
    assert!(text.contains("Hosts: Brian (3), Michael (3)"), "{text}");
    assert!(text.contains("#1 Brian: Dropbox: Our journey to type checking 4 million lines of Python"), "{text}");
    assert!(text.contains("#6 Michael: Memory management in Python"), "{text}");
    assert!(text.contains("\nExtras\n  Brian:"), "{text}");
    assert!(text.contains("\nJokes\n"), "{text}");
    assert!(text.contains("\n  1. What do you call a 3.14 foot long snake? A π-thon\n"), "{text}");
    assert!(text.contains("\n  4. Why didn't the `<div />` get invited"), "four jokes are numbered: {text}");
}

#[test]
fn show_json_has_the_model_fields() {
    let o = shownotes(repo(), &["show", "149", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(e["number"], 149);
    assert_eq!(e["hosts"], serde_json::json!(["Brian", "Michael"]));
    assert_eq!(e["sponsors"][0]["name"], "Datadog");
    let segs = e["segments"].as_array().expect("segments");
    assert_eq!(segs.len(), 6);
    let ordinals: Vec<u64> = segs.iter().map(|s| s["ordinal"].as_u64().expect("ordinal")).collect();
    assert_eq!(ordinals, [1, 2, 3, 4, 5, 6]);
    assert_eq!(segs[3]["url"], "https://github.com/encode/orm");
    let extras: Vec<&str> =
        e["extras"].as_array().expect("extras").iter().map(|x| x["host"].as_str().expect("host")).collect();
    assert_eq!(extras, ["Brian", "Michael"]);
    assert_eq!(e["jokes"].as_array().expect("jokes").len(), 4);
}

#[test]
fn show_yaml_round_trips_to_the_same_episode() {
    let yaml = shownotes(repo(), &["show", "149", "--format", "yaml"]);
    let json = shownotes(repo(), &["show", "149", "--format", "json"]);
    assert!(yaml.status.success(), "{}", stderr(&yaml));
    let from_yaml: shownotes::model::Episode = serde_saphyr::from_str(&stdout(&yaml)).expect("yaml parses");
    let from_json: shownotes::model::Episode = serde_json::from_slice(&json.stdout).expect("json parses");
    assert_eq!(from_yaml, from_json);
    assert_eq!(from_yaml.segments.len(), 6);
}

#[test]
fn list_prints_number_title_hosts_and_count() {
    let o = shownotes(repo(), &["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("149"), "{text}");
    assert!(text.contains("[Brian, Michael]"), "{text}");
    assert!(text.contains("(6 segments)"), "{text}");
    let o = shownotes(repo(), &["list", "--format", "json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(rows[0]["number"], 149);
    assert_eq!(rows[0]["segments"], 6);
}

#[test]
fn links_names_the_section_of_each_link() {
    let o = shownotes(repo(), &["links", "149"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.lines().any(|l| l.contains("https://github.com/encode/databases") && l.starts_with("ORM - async ORM\t")),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("Extras\t") && l.contains("gitbook")), "{text}");
}

#[test]
fn search_finds_mypy_in_the_dropbox_segment() {
    let o = shownotes(repo(), &["search", "mypy", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let first = &v["results"][0];
    assert_eq!(first["episode"], 149);
    assert_eq!(first["ordinal"], 1);
    assert_eq!(first["host"], "Brian");
    assert!(first["snippet"].as_str().expect("snippet").to_lowercase().contains("mypy"));
    let none = shownotes(repo(), &["search", "mypy", "zzzunfound"]);
    assert_eq!(none.status.code(), Some(1), "nothing found exits 1, as grep does");
    assert_eq!(stdout(&none), "");
    assert!(stderr(&none).contains("no results for mypy zzzunfound"), "{}", stderr(&none));
}

#[test]
fn export_json_and_yaml_hold_episodes_and_errors() {
    let dir = temp_library(
        "export",
        &[("1.md", b"# Python Bytes 1\n\n**Brian #1:** [A](https://a.example)\n\n- x\n"), ("2.md", b"\0\x01binary")],
    );
    let o = shownotes(dir.path(), &["--library", ".", "export", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["episodes"][0]["segments"][0]["title"], "A");
    assert_eq!(v["errors"][0]["file"], "2.md");
    assert!(v["errors"][0]["message"].as_str().expect("message").contains("binary"));
    assert!(stderr(&o).contains("2.md"), "stderr names the skipped file");
    let y = shownotes(dir.path(), &["--library", ".", "export", "--format", "yaml"]);
    assert!(y.status.success(), "{}", stderr(&y));
    assert!(stdout(&y).contains("episodes:"), "{}", stdout(&y));
    assert!(stdout(&y).contains("errors:"), "{}", stdout(&y));
}

#[test]
fn unknown_episode_exits_1_and_lists_the_numbers() {
    let o = shownotes(repo(), &["show", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no episode 999"), "{}", stderr(&o));
    assert!(stderr(&o).contains("149"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(shownotes(repo(), &["show"]).status.code(), Some(2));
    assert_eq!(shownotes(repo(), &["export", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(shownotes(repo(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_missing_library_says_how_to_choose_one() {
    let o = shownotes(repo(), &["--library", "/nonexistent/shownotes", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--library"), "{}", stderr(&o));
    let env = Command::new(env!("CARGO_BIN_EXE_shownotes"))
        .args(["list"])
        .env("SHOWNOTES_LIBRARY", "/nonexistent/from-env")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&env.stderr).contains("/nonexistent/from-env"));
}

#[test]
fn plain_text_output_strips_terminal_controls_from_notes() {
    let notes = "# Python Bytes 7\n\n**Brian #1:** [Evil \x1b]0;pwned\x07title\x1b[2J](https://e.example)\n\n- body \u{9b}31m red\n";
    let dir = temp_library("controls", &[("7.md", notes.as_bytes())]);
    for args in [&["show", "7"][..], &["list"], &["links", "7"], &["search", "evil"]] {
        let mut full = vec!["--library", "."];
        full.extend_from_slice(args);
        let o = shownotes(dir.path(), &full);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{args:?} leaked a control: {out:?}");
    }
}

#[test]
fn completions_are_generated() {
    let o = shownotes(repo(), &["completions", "bash"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("shownotes"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_shownotes"))
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("read");
    assert!(status.success(), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
}

#[test]
fn the_config_file_names_the_library_for_every_command() {
    let home = TempDir::new("cli-config");
    let config = home.path().join("shownotes");
    std::fs::create_dir_all(&config).expect("config dir");
    let library = repo().join("episodes");
    std::fs::write(config.join("config.yaml"), format!("library: {}\n", library.display())).expect("config");
    let elsewhere = TempDir::new("cli-config-cwd");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shownotes"))
            .args(args)
            .current_dir(elsewhere.path())
            .env_remove("SHOWNOTES_LIBRARY")
            .env("XDG_CONFIG_HOME", home.path())
            .env("XDG_CACHE_HOME", cache_home())
            .output()
            .expect("run shownotes")
    };
    let o = run(&["show", "149", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(e["number"], 149);
    std::fs::write(config.join("config.yaml"), "libary: typo\n").expect("config");
    let o = run(&["list"]);
    assert_eq!(o.status.code(), Some(1), "./episodes does not exist here");
    assert!(stderr(&o).contains("config.yaml") && stderr(&o).contains("line 1"), "{}", stderr(&o));
}
