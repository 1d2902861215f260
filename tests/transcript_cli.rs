//! The real binary on a library with transcripts: `transcript`, `show` and `export`, exit codes and output.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use tempdir::TempDir;

const NOTES: &str = "# Placeholder Show 1: Widgets and quux

**Ann #1: [Widgetron renders widgets](https://example.com/widgetron)**

- Widgetron draws gizmos.

**Bob #2: [Quuxify 2.0](https://example.com/quux-ify)**

- Quuxify turns foobar into quux.

**Extras**

Ann:

- Marmalade release

**Joke:** [Knock knock](https://example.com/knock)
";

const TRANSCRIPT: &str = "00:00:00 Welcome to the show, this is episode one.
00:00:10 Ann, kick it off.
00:00:14 Sure. So this week I found widgetron.
00:00:20 <v Ann>Widget tron draws all the gizmos you could want.\x1b[2J
00:01:00 It even renders widgets in the terminal.
00:01:30 Nice. Bob, what have you got for us?
00:01:35 Well, I have quux ify, version two.
00:01:40 It turns a foobar into a quux.
00:02:30 Quuxify is neat.
00:04:00 Do you have any extras?
00:04:05 Marmalade had a release.
00:04:40 Let's do a joke.
00:04:45 Knock knock.
";

fn library(name: &str, transcript: (&str, &[u8])) -> TempDir {
    let dir = TempDir::new(&format!("transcript-cli-{name}"));
    std::fs::write(dir.path().join("001.md"), NOTES).unwrap();
    std::fs::write(dir.path().join("002.md"), NOTES.replace("Show 1", "Show 2")).unwrap();
    std::fs::create_dir(dir.path().join("transcripts")).unwrap();
    std::fs::write(dir.path().join("transcripts").join(transcript.0), transcript.1).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shownotes"))
        .args(args)
        .env("SHOWNOTES_LIBRARY", dir)
        .env("XDG_CONFIG_HOME", dir.join("no-config"))
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn transcript_prints_times_and_speakers_sanitised() {
    let dir = library("text", ("001-widgets.txt", TRANSCRIPT.as_bytes()));
    let o = run(dir.path(), &["transcript", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("[00:00:00] Welcome to the show, this is episode one.\n"), "{text}");
    assert!(text.contains("\n[00:00:20] Ann: Widget tron draws all the gizmos you could want.\n"), "{text}");
    assert!(!text.contains('\x1b'), "control characters reach the terminal: {text:?}");
    assert_eq!(text.lines().count(), 13);
}

#[test]
fn transcript_from_a_segment_in_json_and_vtt() {
    let dir = library("formats", ("001-widgets.txt", TRANSCRIPT.as_bytes()));
    let o = run(dir.path(), &["transcript", "1", "--segment", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("[00:01:30] Nice. Bob, what have you got for us?\n"), "{}", stdout(&o));

    let o = run(dir.path(), &["transcript", "1", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["episode"], 1);
    assert_eq!(v["file"], "transcripts/001-widgets.txt");
    assert_eq!(v["cues"][3]["start"], 20.0);
    assert_eq!(v["cues"][3]["speaker"], "Ann");

    let o = run(dir.path(), &["transcript", "1", "--segment", "2", "--format", "vtt"]);
    let vtt = stdout(&o);
    assert!(
        vtt.starts_with("WEBVTT\n\n00:01:30.000 --> 00:01:35.000\nNice. Bob, what have you got for us?\n"),
        "{vtt}"
    );
    assert!(vtt.ends_with("00:04:45.000 --> 00:04:50.000\nKnock knock.\n"), "{vtt}");
}

#[test]
fn show_and_export_carry_the_joined_starts() {
    let dir = library("show", ("001-widgets.txt", TRANSCRIPT.as_bytes()));
    let o = run(dir.path(), &["show", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("\n~00:10  #1 Ann: Widgetron renders widgets\n"), "{text}");
    assert!(text.contains("\n~01:30  #2 Bob: Quuxify 2.0\n"), "{text}");
    assert!(text.contains("\nExtras  ~04:00\n") && text.contains("\nJokes  ~04:40\n"), "{text}");
    let o = run(dir.path(), &["show", "2"]);
    assert!(!stdout(&o).contains('~'), "no transcript, no times: {}", stdout(&o));

    let o = run(dir.path(), &["export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["episodes"][0]["segments"][1]["start"], 90);
    assert_eq!(v["episodes"][0]["extras"][0]["start"], 240);
    assert!(v["episodes"][1]["segments"][0].get("start").is_none());
}

#[test]
fn a_broken_transcript_is_a_warning_and_the_episode_still_loads() {
    let dir = library("broken", ("001-widgets.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\nhi\n"));
    for args in [&["show", "1"][..], &["export"]] {
        let o = run(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("warning: transcript ")
                && err.contains("001-widgets.vtt")
                && err.contains("line 3: bad timestamp"),
            "{err}"
        );
    }
    assert!(stdout(&run(dir.path(), &["show", "1"])).contains("#1 Ann: Widgetron renders widgets"));
    let o = run(dir.path(), &["transcript", "1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("001-widgets.vtt") && stderr(&o).contains("bad timestamp"), "{}", stderr(&o));
}

#[test]
fn missing_transcripts_and_bad_segments_fail_with_a_reason() {
    let dir = library("missing", ("001-widgets.txt", TRANSCRIPT.as_bytes()));
    let o = run(dir.path(), &["transcript", "2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("episode 2 has no transcript"), "{}", stderr(&o));
    let o = run(dir.path(), &["transcript", "1", "--segment", "3"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("episode 1 has 2 segments; --segment takes 1 to 2"), "{}", stderr(&o));
    let o = run(dir.path(), &["transcript", "9"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no episode 9"), "{}", stderr(&o));
}

#[test]
fn list_does_not_read_transcripts() {
    // A transcript that would warn if read: `list` never opens it.
    let dir = library("list", ("001-widgets.vtt", b"not a transcript"));
    let o = run(dir.path(), &["list"]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
    assert_eq!(stdout(&o).lines().count(), 2);
}
