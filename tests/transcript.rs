//! Transcript formats, broken transcripts, discovery rules and the join, on small fixtures of our own
//! (`tests/fixtures/transcripts/`).

#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use shownotes::model::{Episode, Extras, Joke, Segment};
use shownotes::transcript::{self, Format, Transcript, TranscriptError, discover, join};
use tempdir::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts").join(name)
}

fn load(name: &str) -> Result<Transcript, TranscriptError> {
    transcript::load(&fixture(name))
}

#[test]
fn txt_lines_voices_and_continuations() {
    let t = load("good.txt").unwrap();
    let got: Vec<(f64, Option<&str>, &str)> =
        t.cues.iter().map(|c| (c.start, c.speaker.as_deref(), c.text.as_str())).collect();
    assert_eq!(
        got,
        [
            (0.0, None, "Welcome to the Placeholder Show, episode one."),
            (4.0, Some("Ann Example"), "I am Ann."),
            (6.0, None, "And this line wraps onto a second line."),
            (3723.0, None, "The end."),
        ]
    );
    assert!(t.cues.iter().all(|c| c.end.is_none()));
}

#[test]
fn vtt_ids_settings_notes_styles_entities_and_voice_tags() {
    let t = load("good.vtt").unwrap();
    let got: Vec<(f64, Option<f64>, Option<&str>, &str)> =
        t.cues.iter().map(|c| (c.start, c.end, c.speaker.as_deref(), c.text.as_str())).collect();
    assert_eq!(
        got,
        [
            (1.0, Some(4.5), Some("Ann Example"), "Hello & welcome"),
            (5.0, Some(8.0), Some("Ann Example"), "Doubled tag"),
            (9.0, Some(12.0), Some("Ann Example"), "Closed"),
            (9.0, Some(12.0), Some("Bob Sample"), "and unclosed <3"),
            (13.0, Some(14.0), None, "Styled text \u{263a}"),
        ]
    );
}

#[test]
fn srt_with_crlf_and_markup() {
    let t = load("good.srt").unwrap();
    let got: Vec<(f64, Option<f64>, &str)> = t.cues.iter().map(|c| (c.start, c.end, c.text.as_str())).collect();
    assert_eq!(got, [(1.0, Some(2.5), "First subtitle"), (3.0, Some(5.0), "Second one over two lines")]);
}

#[test]
fn podcasting_json_segments() {
    let t = load("good.json").unwrap();
    let got: Vec<(f64, Option<f64>, Option<&str>, &str)> =
        t.cues.iter().map(|c| (c.start, c.end, c.speaker.as_deref(), c.text.as_str())).collect();
    assert_eq!(
        got,
        [
            (0.5, Some(2.25), Some("Ann Example"), "Hello there."),
            (2.25, Some(4.0), Some("Bob Sample"), "Hi Ann."),
            (4.0, None, None, "Nobody in particular."),
        ]
    );
}

#[test]
fn broken_transcripts_say_why() {
    assert_eq!(load("bad_timestamp.txt"), Err(TranscriptError::BadTimestamp { line: 2, found: "00:75:00".into() }));
    assert_eq!(load("bad_timestamp.vtt"), Err(TranscriptError::BadTimestamp { line: 3, found: "00:00:0x.000".into() }));
    assert!(matches!(load("no_timing.srt"), Err(TranscriptError::BadLine { line: 1, .. })));
    assert_eq!(load("binary.vtt"), Err(TranscriptError::Binary));
    assert_eq!(load("empty.txt"), Err(TranscriptError::Empty));
    assert_eq!(load("latin1.txt"), Err(TranscriptError::NotUtf8(12)));
    assert_eq!(load("no_header.vtt"), Err(TranscriptError::NotVtt));
    assert!(matches!(load("bad.json"), Err(TranscriptError::BadJson(_))));
    assert!(matches!(load("missing.vtt"), Err(TranscriptError::Read(m)) if m.contains("vanished")));
    let e = load("bad_timestamp.txt").unwrap_err();
    let warning = transcript::warning(&fixture("bad_timestamp.txt"), &e);
    assert!(
        warning.contains("bad_timestamp.txt") && warning.contains("line 2") && !warning.contains('\n'),
        "{warning}"
    );
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,400}", fmt in 0..4usize) {
        let format = [Format::Txt, Format::Vtt, Format::Srt, Format::Json][fmt];
        let _ = Transcript::parse(&text, format);
    }

    #[test]
    fn transcript_shaped_text_never_panics(
        lines in prop::collection::vec("([0-9:.,]{0,14}( --> [0-9:.,]{0,14})?)?[ <>/&;v#xa-z]{0,20}", 0..20),
        fmt in 0..4usize,
    ) {
        let format = [Format::Txt, Format::Vtt, Format::Srt, Format::Json][fmt];
        let _ = Transcript::parse(&format!("WEBVTT\n\n{}", lines.join("\n")), format);
        let _ = Transcript::parse(&lines.join("\n"), format);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = Transcript::from_bytes(&bytes, Format::Vtt);
        let _ = Transcript::from_bytes(&bytes, Format::Txt);
    }
}

/// A folder holding `files` (path relative to it, contents).
fn tree(name: &str, files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new(name);
    for (file, text) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn chosen(files: &discover::TranscriptFiles, n: u32) -> Option<String> {
    files.get(n).map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
}

#[test]
fn discovery_by_number_prefix_prefers_one_cut() {
    let dir = tree(
        "transcripts-discover",
        &[
            ("show_notes/001.md", "# 1"),
            ("transcripts/001-intro.txt", ""),
            ("transcripts/001-intro.vtt", ""),
            ("transcripts/002_placeholder_show.txt", ""),
            ("transcripts/012-clean-transcript-youtube.vtt", ""),
            ("transcripts/012-clean-transcript.txt", ""),
            ("transcripts/013-names.vtt", ""),
            ("transcripts/013.vtt", ""),
            ("transcripts/notes.txt", ""),
            ("transcripts/2024-01-05.vtt", ""),
            ("show_notes/014-beside.srt", ""),
            ("show_notes/015.json", ""),
            ("show_notes/016.md.bak", ""),
        ],
    );
    let files = discover::discover(dir.path());
    assert_eq!(chosen(&files, 1).as_deref(), Some("001-intro.vtt"), "a .vtt with end times over the .txt of one cut");
    assert_eq!(chosen(&files, 2).as_deref(), Some("002_placeholder_show.txt"));
    assert_eq!(chosen(&files, 12).as_deref(), Some("012-clean-transcript.txt"), "the podcast's cut, not YouTube's");
    assert_eq!(chosen(&files, 13).as_deref(), Some("013-names.vtt"), "the copy with speaker names");
    assert_eq!(chosen(&files, 14).as_deref(), Some("014-beside.srt"));
    assert_eq!(chosen(&files, 15).as_deref(), Some("015.json"));
    assert_eq!(files.chosen.len(), 6, "{:?}", files.chosen);
    assert_eq!(files.others[&12].len(), 1);
}

#[test]
fn discovery_in_a_flat_folder_and_an_empty_one() {
    let dir = tree("transcripts-flat", &[("7.md", "# 7"), ("007.vtt", ""), ("readme.txt", "")]);
    let files = discover::discover(dir.path());
    assert_eq!(chosen(&files, 7).as_deref(), Some("007.vtt"));
    assert_eq!(files.chosen.len(), 1);
    assert!(discover::discover(&dir.path().join("nowhere")).chosen.is_empty());
}

fn segment(host: &str, title: &str, url: &str, body: &str) -> Segment {
    Segment {
        host: Some(host.to_owned()),
        title: title.to_owned(),
        url: Some(url.to_owned()),
        links: vec![shownotes::model::Link { text: title.to_owned(), url: url.to_owned() }],
        body: body.to_owned(),
        ..Segment::default()
    }
}

/// Notes of three segments, extras and a joke, and a transcript that talks about them in order.
fn placeholder_episode() -> (Episode, Transcript) {
    let episode = Episode {
        number: Some(1),
        segments: vec![
            segment("Ann", "Widgetron renders widgets", "https://example.com/widgetron", "- Widgetron draws gizmos."),
            segment("Bob", "Quuxify 2.0", "https://example.com/quux-ify", "- Quuxify turns foobar into quux."),
            segment("Ann", "Zebrafish sorting", "https://example.com/zebrafish", "- Sorting zebrafish by stripes."),
        ],
        extras: vec![Extras { host: Some("Ann".into()), items: vec!["Marmalade release".into()], start: None }],
        jokes: vec![Joke { title: Some("Knock knock".into()), body: "Who is there".into(), ..Joke::default() }],
        ..Episode::default()
    };
    let lines = [
        (0, "Welcome to the show, this is episode one."),
        (10, "Ann, kick it off."),
        (14, "Sure. So this week I found widgetron."),
        (20, "Widget tron draws all the gizmos you could want."),
        (60, "It even renders widgets in the terminal."),
        (90, "Nice. Bob, what have you got for us?"),
        (95, "Well, I have quux ify, version two."),
        (100, "It turns a foobar into a quux."),
        (150, "Quuxify is neat."),
        (170, "Over to you, Ann."),
        (175, "I was reading about zebra fish."),
        (180, "Sorting zebrafish by their stripes."),
        (240, "Do you have any extras?"),
        (245, "Marmalade had a release."),
        (280, "Let's do a joke."),
        (285, "Knock knock. Who is there."),
    ];
    let cues =
        lines.iter().map(|&(s, t)| transcript::Cue { start: f64::from(s), text: t.into(), ..Default::default() });
    (episode, Transcript { cues: cues.collect() })
}

#[test]
fn join_places_each_section_at_its_hand_off() {
    let (mut episode, t) = placeholder_episode();
    let starts = join::starts(&episode, &t);
    assert_eq!(starts.segments, [Some(10.0), Some(90.0), Some(170.0)]);
    assert_eq!((starts.extras, starts.joke), (Some(240.0), Some(280.0)));
    join::apply(&mut episode, &starts);
    assert_eq!(episode.segments.iter().map(|s| s.start).collect::<Vec<_>>(), [Some(10), Some(90), Some(170)]);
    assert_eq!((episode.extras[0].start, episode.jokes[0].start), (Some(240), Some(280)));
}

#[test]
fn join_leaves_unmentioned_sections_and_tiny_transcripts_alone() {
    let (episode, t) = placeholder_episode();
    let short = Transcript { cues: t.cues[..2].to_vec() };
    assert_eq!(join::starts(&episode, &short).segments, [None, None, None]);
    let off_topic = Transcript {
        cues: (0..40)
            .map(|i| transcript::Cue { start: f64::from(i * 5), text: "nothing relevant".into(), ..Default::default() })
            .collect(),
    };
    assert_eq!(join::starts(&episode, &off_topic).segments, [None, None, None]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn join_never_panics_and_keeps_the_notes_order(
        words in prop::collection::vec(prop::sample::select(vec![
            "widgetron", "widget", "tron", "quux", "ify", "quuxify", "zebrafish", "zebra", "fish", "extras",
            "joke", "what have you got for us", "speaking of", "Ann", "Bob", "welcome", "episode", "the", "knock",
        ]), 0..120),
        gaps in prop::collection::vec(0.0f64..40.0, 120),
    ) {
        let (episode, _) = placeholder_episode();
        let mut start = 0.0;
        let cues = words.iter().zip(&gaps).map(|(w, g)| {
            start += g;
            transcript::Cue { start, text: (*w).to_owned(), ..Default::default() }
        }).collect();
        let t = Transcript { cues };
        let starts = join::starts(&episode, &t);
        prop_assert_eq!(starts.segments.len(), 3);
        let all: Vec<f64> = starts.segments.iter().chain([&starts.extras, &starts.joke]).flatten().copied().collect();
        prop_assert!(all.windows(2).all(|w| w[0] <= w[1]), "starts out of order: {:?}", starts);
        prop_assert!(all.iter().all(|&s| s >= 0.0 && s <= start));
    }
}
