//! The reader's Transcript tab on a library written at test time: it opens at the selected segment's joined
//! start (marked), follows the segment selection, finds words within itself, says plainly when there is no
//! transcript or a broken one, and loads off the UI thread only after the first frame.

#![allow(clippy::unwrap_used)]

#[path = "support/tui_fixture.rs"]
mod fixture;
#[path = "common/tempdir.rs"]
mod tempdir;
#[path = "support/transcript_fixture.rs"]
mod transcripts;

use fixture::{draw, press, screen};
use ratatui::style::Modifier;
use shownotes::library::Library;
use shownotes::tui::action::Action;
use shownotes::tui::app::{App, Mode, Pane};
use shownotes::tui::effect::Recorder;
use shownotes::tui::keymap::{Context, Keymap};
use shownotes::tui::search_worker::HitKind;
use tempdir::TempDir;

/// The reader on the fixture library (episodes by number: 700, 701, 702), with the folder kept alive.
fn reader(tag: &str) -> (TempDir, App) {
    let dir = TempDir::new(tag);
    transcripts::write_library(dir.path());
    let library = Library::load(dir.path()).unwrap();
    (dir, fixture::app(library))
}

/// Press keys, then let the transcript worker answer.
fn keys(a: &mut App, keys: &str) {
    press(a, keys, &mut Recorder::default());
    a.settle_transcript();
}

/// The screen's rows.
fn rows(a: &mut App) -> Vec<String> {
    screen(&draw(a, 100, 30)).lines().map(str::to_owned).collect()
}

/// The first row of text inside the detail pane (the row under its tab title).
fn first_text_row(rows: &[String]) -> &str {
    let title = rows.iter().position(|r| r.contains("[Transcript]")).expect("the Transcript tab is shown");
    &rows[title + 1]
}

#[test]
fn the_tab_opens_at_the_selected_segments_start_with_the_cue_marked_and_times_in_the_segments_pane() {
    let (_dir, mut a) = reader("tt-open");
    keys(&mut a, "2 l l l l");
    assert_eq!((a.focus, a.detail), (Pane::Transcript, Pane::Transcript));
    assert_eq!(a.transcript.marked, Some(6), "the cue at ~02:40, where segment 2 starts");
    let rows = rows(&mut a);
    let top = first_text_row(&rows);
    assert!(top.contains("▸ [02:40]   Ada: Nice. Over to you, Brook."), "{top}");
    let all = rows.join("\n");
    for time in ["~01:30", "~02:40", "~04:20"] {
        assert!(all.contains(time), "the segments pane shows {time}:\n{all}");
    }
    assert!(all.contains("[1:00:05] Brook: Bonus"), "an hour and more reads h:mm:ss:\n{all}");
    assert!(!all.contains("[2J"), "a terminal escape in a cue never reaches the screen:\n{all}");
    insta::assert_snapshot!("transcript_tab_at_segment_2", all);
}

#[test]
fn the_tab_follows_the_segment_selection_and_keeps_a_scroll_of_its_own() {
    let (_dir, mut a) = reader("tt-follow");
    keys(&mut a, "2 l l l l");
    let at = |a: &mut App| first_text_row(&rows(a)).to_owned();
    keys(&mut a, "<Esc>");
    assert_eq!(a.focus, Pane::Segments);
    keys(&mut a, "j");
    assert_eq!(a.sel.segment, 2);
    assert!(at(&mut a).contains("▸ [04:20]   Ada: Next up, narwhal testing."), "{}", at(&mut a));
    keys(&mut a, "k k");
    assert!(at(&mut a).contains("▸ [01:30]   Brook: Ada, what have you got"), "{}", at(&mut a));
    // In the tab, a segment's number moves it to that segment's moment and the tab keeps the keyboard.
    keys(&mut a, "<Tab> <Tab> <Tab> <Tab> <Tab> <Tab> 3");
    assert_eq!((a.focus, a.sel.segment), (Pane::Transcript, 2));
    assert!(at(&mut a).contains("[04:20]"), "{}", at(&mut a));
    // Scrolling by hand is kept across tabs while the segment stays the same.
    keys(&mut a, "j j j h l");
    assert_eq!(a.detail, Pane::Transcript);
    assert!(at(&mut a).contains("[05:00]"), "{}", at(&mut a));
}

#[test]
fn slash_finds_words_in_the_tab_and_n_steps_through_them_highlighted() {
    let (_dir, mut a) = reader("tt-find");
    keys(&mut a, "2 l l l l");
    keys(&mut a, "/quok");
    assert_eq!(a.mode, Mode::TranscriptFind, "the tab's own prompt, not the global search");
    let status = rows(&mut a).last().cloned().unwrap();
    assert!(status.contains("Find in transcript: quok"), "{status}");
    keys(&mut a, "<Enter>");
    assert_eq!((a.mode, a.transcript.current), (Mode::Normal, 0));
    assert!(a.status.as_deref().is_some_and(|s| s.contains("1 of 4")), "{:?}", a.status);
    keys(&mut a, "n n");
    assert_eq!(a.transcript.current, 2);
    keys(&mut a, "N");
    assert_eq!(a.transcript.current, 1);
    let t = draw(&mut a, 100, 30);
    let text = screen(&t);
    let (y, line) = text.lines().enumerate().find(|(_, l)| l.contains("[02:44]")).unwrap();
    let cells: Vec<char> = line.chars().collect();
    let at = |word: &str, from: usize| {
        let w: Vec<char> = word.chars().collect();
        cells.windows(w.len()).skip(from).position(|c| c == w.as_slice()).map(|x| x + from).unwrap()
    };
    let buf = t.backend().buffer();
    let (first, second) = (at("Quokka", 0), at("Quokka", at("Quokka", 0) + 1));
    let cell = |x: usize| &buf[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())];
    assert_eq!(cell(first).fg, a.theme.matched.fg.unwrap_or_default(), "every match is highlighted");
    assert!(!cell(first).modifier.contains(Modifier::REVERSED));
    assert!(cell(second).modifier.contains(Modifier::REVERSED), "the current (second) match stands out");
    // Esc forgets the words first, then leaves the tab.
    keys(&mut a, "<Esc>");
    assert!(a.transcript.terms.is_empty());
    assert_eq!(a.focus, Pane::Transcript);
    keys(&mut a, "<Esc>");
    assert_eq!(a.focus, Pane::Segments);
}

#[test]
fn episodes_without_or_with_a_broken_transcript_say_so_and_everything_else_works() {
    let (_dir, mut a) = reader("tt-none");
    keys(&mut a, "] 1 l l l l");
    let rows701 = rows(&mut a);
    let top = first_text_row(&rows701);
    assert!(top.contains("transcript transcripts/701-broken.vtt"), "names the file: {top}");
    assert!(rows701.join("\n").contains("WEBVTT"), "and the reason:\n{}", rows701.join("\n"));
    assert!(a.status.as_deref().is_some_and(|s| s.contains("701-broken.vtt")), "{:?}", a.status);
    keys(&mut a, "h h h h");
    assert_eq!(a.detail, Pane::Body);
    assert!(rows(&mut a).join("\n").contains("A note about Broken things"), "the notes still read");
    keys(&mut a, "] l l l l");
    let text = rows(&mut a).join("\n");
    assert!(text.contains("No transcript for episode 702"), "{text}");
    assert!(!text.contains('~'), "no times without a transcript:\n{text}");
}

#[test]
fn a_search_hit_opens_the_tab_at_its_moment_with_the_words_highlighted() {
    let (_dir, mut a) = reader("tt-open-at");
    keys(&mut a, "]]");
    let index = a.library.episodes.iter().position(|e| e.number == Some(700)).unwrap();
    a.open_transcript_at(index, 170.0, vec!["wheels".into()]);
    a.settle_transcript();
    assert_eq!((a.episode_index(), a.focus, a.detail), (Some(index), Pane::Transcript, Pane::Transcript));
    assert_eq!(a.transcript.marked, Some(7), "the cue playing at 2:50 starts at 2:44");
    assert_eq!(a.sel.segment, 1, "the segment playing then is selected");
    let rows = rows(&mut a);
    assert!(first_text_row(&rows).contains("▸ [02:44]   Brook: Quokka packaging"), "{}", first_text_row(&rows));
    keys(&mut a, "n");
    assert_eq!(a.transcript.current, 1, "n steps through the hit's words");
    keys(&mut a, "<");
    assert_eq!(a.episode().and_then(|e| e.number), Some(702), "the history goes back to where the hit was opened");
}

#[test]
fn search_finds_what_was_said_and_the_hit_opens_the_tab_at_its_passage_with_the_words_highlighted() {
    let (_dir, mut a) = reader("tt-search-hit");
    keys(&mut a, "/zebrafish<space>in:transcripts");
    assert!(!a.hits.is_empty() && a.hits.iter().all(|h| h.kind == HitKind::Transcript), "{:?}", a.hits);
    assert_eq!((a.hits[0].episode, a.hits[0].time), (Some(700), Some(90)), "the passage from 01:30");
    let shown = rows(&mut a).join("\n");
    assert!(shown.contains("Transcript ~01:30"), "the result says where it is:\n{shown}");
    keys(&mut a, "<Enter>");
    assert_eq!(
        (a.episode().and_then(|e| e.number), a.focus, a.detail),
        (Some(700), Pane::Transcript, Pane::Transcript)
    );
    assert_eq!(a.transcript.marked, Some(3), "the cue at 01:30, where the passage starts");
    assert_eq!(a.transcript.terms, ["zebrafish"]);
    let t = draw(&mut a, 100, 30);
    let text = screen(&t);
    let (y, line) = text.lines().enumerate().find(|(_, l)| l.contains("[01:34]")).unwrap();
    let x = line.chars().collect::<Vec<_>>().windows(9).position(|w| w.iter().collect::<String>() == "zebrafish");
    let cell = &t.backend().buffer()[(u16::try_from(x.unwrap()).unwrap(), u16::try_from(y).unwrap())];
    assert_eq!(cell.fg, a.theme.matched.fg.unwrap_or_default(), "the words are highlighted");
}

#[test]
fn notes_hits_come_before_transcript_hits_and_both_are_found() {
    let (_dir, mut a) = reader("tt-search-both");
    keys(&mut a, "/narwhal");
    let kinds: Vec<HitKind> = a.hits.iter().map(|h| h.kind).collect();
    let first_transcript = kinds.iter().position(|k| *k == HitKind::Transcript).expect("a transcript hit");
    assert!(first_transcript > 0 && kinds[..first_transcript].iter().all(|k| *k == HitKind::Segment), "{kinds:?}");
    assert_eq!(a.total, a.hits.len());
}

#[test]
fn transcripts_are_asked_for_only_after_the_first_frame_and_only_the_latest_answer_is_used() {
    let dir = TempDir::new("tt-lazy");
    transcripts::write_library(dir.path());
    let library = Library::load(dir.path()).unwrap();
    let mut a = App::new(library, shownotes::state::StateStore::in_memory(), Keymap::default(), Default::default());
    a.update(Action::Resize { width: 100, height: 30 });
    assert_eq!((a.transcript.requested, a.transcript.worker.pending), (None, false), "nothing before the frame");
    a.update(Action::FirstFrame);
    assert!(a.transcript.requested.is_some() && a.transcript.worker.pending);
    // Two requests in a row: the first answer, if it comes, is not used.
    let first = a.transcript.worker.send(0);
    let second = a.transcript.worker.send(2);
    let reply = a.transcript.worker.wait_latest().unwrap();
    assert_eq!((reply.generation, reply.episode_index), (second, 2));
    assert!(first < second);
}

#[test]
fn the_keys_of_the_tab_are_listed_in_help_and_shadow_only_slash_and_n() {
    let (_dir, mut a) = reader("tt-keys");
    keys(&mut a, "?");
    let help: Vec<String> = shownotes::tui::ui::help::lines(&a).iter().map(ToString::to_string).collect();
    let heading = help.iter().position(|l| l == "Transcript").expect("a Transcript group in help");
    let group = help[heading..].join("\n");
    for row in ["find words in the transcript", "next word found", "previous word found"] {
        assert!(group.contains(row), "{row} in help:\n{group}");
    }
    assert!(help.iter().any(|l| l == "Find in transcript"), "the prompt's keys too");
    let map = Keymap::default();
    let mut seen = std::collections::HashSet::new();
    for b in &map.bindings {
        assert!(seen.insert((b.context, b.key)), "{:?} {} is bound twice", b.context, b.key);
        if b.context != Context::Global {
            continue;
        }
        let event = ratatui::crossterm::event::KeyEvent::new(b.key.code, b.key.modifiers);
        let there = map.action(Context::Transcript, event);
        let shadowed = matches!(b.key.to_string().as_str(), "/" | "n" | "N");
        assert_eq!(there.as_ref() != Some(&b.action), shadowed, "{} in the Transcript tab: {there:?}", b.key);
    }
}

#[test]
fn a_resize_keeps_the_same_cue_at_the_top() {
    let (_dir, mut a) = reader("tt-resize");
    keys(&mut a, "2 l l l l");
    assert!(first_text_row(&rows(&mut a)).contains("[02:40]"));
    let narrow = screen(&draw(&mut a, 60, 30));
    let rows: Vec<&str> = narrow.lines().collect();
    let title = rows.iter().position(|r| r.contains("[Transcript]")).expect("the tab at 60 columns");
    assert!(rows[title + 1].contains("[02:40]"), "{}", rows[title + 1]);
}

#[test]
fn on_the_python_bytes_archive_episode_149_opens_near_its_hand_labelled_segment_starts() {
    let Some(corpus) = std::env::var_os("SHOWNOTES_CORPUS") else {
        eprintln!("skipping: set SHOWNOTES_CORPUS to the Python Bytes archive to open a real transcript");
        return;
    };
    let library = Library::load(std::path::Path::new(&corpus)).unwrap();
    let index = library.episodes.iter().position(|e| e.number == Some(149)).unwrap();
    let mut a = fixture::app(library);
    a.open_transcript_at(index, 0.0, Vec::new());
    a.settle_transcript();
    assert!(a.transcript.loaded(index).is_some(), "episode 149's transcript loads: {:?}", a.status);
    let labelled = [15.0, 406.0, 726.0, 1082.0, 1332.0, 1550.0];
    let mut near = 0;
    for (k, want) in labelled.iter().enumerate() {
        keys(&mut a, &format!("{}", k + 1));
        assert_eq!((a.focus, a.sel.segment), (Pane::Transcript, k));
        let cue = a.transcript.marked.expect("a joined segment marks its cue");
        let start = a.transcript.loaded(index).unwrap().transcript.cues[cue].start;
        near += usize::from((start - want).abs() <= 30.0);
    }
    assert!(near >= 5, "{near} of 6 segment cues within 30 s of the hand labels");
    let text = rows(&mut a).join("\n");
    assert!(text.contains("[Transcript]") && text.matches(" ~").count() >= 5, "{text}");
}
