//! Key sequences → state: the reader's behaviour without a terminal.

#[path = "support/tui_fixture.rs"]
mod fixture;

use fixture::{app, library, press};
use shownotes::tui::action::Action;
use shownotes::tui::app::{Mode, Pane};
use shownotes::tui::effect::{Effect, Recorder};
use shownotes::tui::search_worker::HitKind;

fn run(keys: &str) -> (shownotes::tui::app::App, Recorder) {
    let mut a = app(library());
    let mut r = Recorder::default();
    press(&mut a, keys, &mut r);
    (a, r)
}

#[test]
fn tab_cycles_every_pane_and_wraps_and_shift_tab_goes_back() {
    let mut a = app(library());
    let mut r = Recorder::default();
    let mut seen = vec![a.focus];
    for _ in 1..Pane::ALL.len() + 1 {
        press(&mut a, "<Tab>", &mut r);
        seen.push(a.focus);
    }
    assert_eq!(seen, [Pane::ALL.to_vec(), vec![Pane::Episodes]].concat());
    press(&mut a, "<shift-tab>", &mut r);
    assert_eq!(a.focus, Pane::Transcript);
    assert_eq!(a.detail, Pane::Transcript, "the detail area shows the focused tab");
    press(&mut a, "<shift-tab>", &mut r);
    assert_eq!((a.focus, a.detail), (Pane::Jokes, Pane::Jokes));
    press(&mut a, "<shift-tab><shift-tab><shift-tab>", &mut r);
    assert_eq!((a.focus, a.detail), (Pane::Body, Pane::Body));
}

#[test]
fn moving_clamps_at_both_ends() {
    let (a, _) = run("jjjjj");
    assert_eq!(a.sel.episode, 2);
    let (a, _) = run("G k");
    assert_eq!(a.sel.episode, 1);
    let (a, _) = run("G g <Up>");
    assert_eq!(a.sel.episode, 0);
    let (a, _) = run("<Down><pgdn>");
    assert_eq!(a.sel.episode, 2);
}

#[test]
fn brackets_step_episodes_and_wrap_at_both_ends() {
    let (a, _) = run("[");
    assert_eq!(a.episode().and_then(|e| e.number), Some(12), "[ on the first wraps to the last");
    let (a, _) = run("[ ]");
    assert_eq!(a.episode().and_then(|e| e.number), Some(10), "] on the last wraps to the first");
    let (a, _) = run("]]]]");
    assert_eq!(a.episode().and_then(|e| e.number), Some(11));
}

#[test]
fn enter_walks_from_episode_to_segment_text_and_marks_it_read() {
    let (a, _) = run("<Enter>");
    assert_eq!(a.focus, Pane::Segments);
    assert!(!a.store.is_read(10), "choosing an episode is not reading it");
    let (a, _) = run("<Enter>j<Enter>");
    assert_eq!((a.focus, a.sel.segment), (Pane::Body, 1));
    assert!(a.store.is_read(10));
    let (a, _) = run("<Enter>j<Enter><Esc><Esc>");
    assert_eq!(a.focus, Pane::Episodes);
}

#[test]
fn digits_jump_to_a_segment_and_say_when_there_is_none() {
    let (a, _) = run("3");
    assert_eq!((a.focus, a.sel.segment), (Pane::Body, 2));
    let (a, _) = run("9");
    assert_eq!(a.sel.segment, 0);
    assert_eq!(a.status.as_deref(), Some("This episode has 3 segments."));
}

#[test]
fn search_selects_the_matching_segment_and_n_steps_through_results() {
    let (a, _) = run("/orm");
    assert_eq!(a.mode, Mode::Search);
    assert_eq!(a.hits.len(), 1);
    let (a, _) = run("/orm<Enter>");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.episode().and_then(|e| e.number), Some(11));
    assert_eq!(a.segment().map(|s| s.title.as_str()), Some("ORM async"));
    assert_eq!(a.focus, Pane::Body);
    assert!(a.store.is_read(11));

    let (a, _) = run("/mypy");
    let titles: Vec<&str> = a.hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Dropbox type checking"]);
    let (mut a, mut r) = run("/t<Enter>");
    let total = a.hits.len();
    assert!(total >= 2, "{total}");
    let first = (a.sel.episode, a.sel.segment);
    let in_text = a.text_matches().len();
    assert!(in_text >= 2, "{in_text}");
    for _ in 1..in_text {
        press(&mut a, "n", &mut r);
    }
    assert_eq!((a.sel.hit, a.sel.text_match), (0, in_text - 1), "n steps through the matches in the text first");
    press(&mut a, "n", &mut r);
    assert_eq!((a.sel.hit, a.sel.text_match), (1, 0), "then on to the next result");
    press(&mut a, "N", &mut r);
    assert_eq!((a.sel.hit, a.sel.text_match), (0, in_text - 1), "N goes back to the last match of the previous");
    for _ in 0..in_text {
        press(&mut a, "N", &mut r);
    }
    assert_eq!(a.sel.hit, total - 1, "N before the first wraps to the last");
    press(&mut a, "n", &mut r);
    assert_eq!((a.sel.episode, a.sel.segment), first);
}

#[test]
fn prompts_type_letters_that_are_keys_elsewhere() {
    let (a, _) = run("/qjk");
    assert_eq!((a.mode, a.query.as_str(), a.quit), (Mode::Search, "qjk", false));
    let (a, _) = run("/abc<Backspace><Esc>");
    assert_eq!((a.mode, a.query.as_str()), (Mode::Normal, "ab"));
}

#[test]
fn filter_narrows_the_list_and_esc_clears_it() {
    let (a, _) = run("f12<Enter>");
    assert_eq!(a.visible, [2]);
    assert_eq!(a.episode().and_then(|e| e.number), Some(12));
    let (a, _) = run("fapis<Enter>");
    assert_eq!(a.visible, [2], "titles match too");
    let (a, _) = run("f12<Enter><Esc>");
    assert_eq!(a.visible, [0, 1, 2]);
    assert_eq!(a.episode().and_then(|e| e.number), Some(12), "the selection survives clearing");
    let (a, _) = run("fzzz<Esc>");
    assert_eq!((a.visible.len(), a.mode), (3, Mode::Normal));
}

#[test]
fn o_opens_and_y_copies_the_segment_link_and_say_so() {
    let (a, r) = run("o");
    assert_eq!(r.done, [Effect::OpenUrl("https://dropbox.tech/mypy".into())]);
    assert_eq!(a.status.as_deref(), Some("Started the browser on https://dropbox.tech/mypy"));
    let (a, r) = run("2y");
    assert_eq!(r.done, [Effect::Copy("https://example.com/flask".into())]);
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("Sent to the terminal's clipboard (OSC 52): ")));
}

#[test]
fn headless_open_shows_the_url_instead() {
    let mut a = app(library());
    let mut r = Recorder { headless: true, ..Recorder::default() };
    press(&mut a, "o", &mut r);
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("No browser") && status.contains("https://dropbox.tech/mypy"), "{status}");
}

#[test]
fn unsafe_schemes_are_refused_without_an_effect() {
    let mut lib = library();
    lib.episodes[0].segments[0].url = Some("file:///etc/passwd".into());
    let mut a = app(lib);
    let mut r = Recorder::default();
    press(&mut a, "o y", &mut r);
    assert!(r.done.is_empty());
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("not opening file:")), "{:?}", a.status);
}

#[test]
fn numbered_body_links_and_the_links_pane_choose_what_opens() {
    // Numbers are the episode's: the text shows mypy-lang.org as [n] with the Links tab's n.
    let (a, _) = run("1");
    let n = a.episode_links().number("https://mypy-lang.org").expect("the body's link is numbered");
    let (a, r) = run(&format!("1 {n} o"));
    assert_eq!(a.sel.body_link, Some(n));
    assert_eq!(r.done, [Effect::OpenUrl("https://mypy-lang.org".into())]);
    let (_, r) = run(&format!("1 {n} <Enter>"));
    assert_eq!(r.done, [Effect::OpenUrl("https://mypy-lang.org".into())], "Enter opens the picked link too");
    let (a, _) = run("1 9 9");
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("Links are numbered 1–")), "{:?}", a.status);
    let f = a.episode_links().number("https://example.com/flask").expect("numbered");
    let (a, r) = run(&format!("<Tab><Tab><Tab><Tab><Tab> {f} <Enter>"));
    assert_eq!(a.sel.link + 1, f, "a number typed in the Links tab selects that row");
    assert_eq!(r.done, [Effect::OpenUrl("https://example.com/flask".into())]);
    let (_, r) = run("<shift-tab><shift-tab><shift-tab> j y");
    assert_eq!(r.done, [Effect::Copy("https://www.gitbook.com/".into())]);
}

#[test]
fn choosing_a_host_highlights_them_and_the_archive_view_lists_everyone() {
    let (a, _) = run("<Tab><Enter>");
    assert_eq!(a.highlight_host.as_deref(), Some("Brian Okken"));
    let (a, _) = run("<Tab><Enter><Esc>");
    assert_eq!(a.highlight_host, None);
    let (a, _) = run("H");
    assert_eq!(a.mode, Mode::Archive);
    let brian = &a.archive_hosts[0];
    assert_eq!((brian.name.as_str(), brian.segments, brian.episodes.clone()), ("Brian Okken", 3, vec![10, 12]));
    let (a, _) = run("Hj<Enter>");
    assert_eq!(a.visible, [0, 1], "Michael's episodes");
    assert_eq!(a.highlight_host.as_deref(), Some("Michael Kennedy"));
}

#[test]
fn help_opens_and_closes_and_quit_works_from_normal_mode() {
    let (a, _) = run("?");
    assert_eq!(a.mode, Mode::Help);
    let (a, _) = run("?j<Esc>");
    assert_eq!((a.mode, a.quit), (Mode::Normal, false));
    assert!(run("q").0.quit);
    assert!(run("<ctrl-c>").0.quit);
    assert!(run("/x<ctrl-c>").0.quit, "ctrl-c quits from a prompt too");
}

#[test]
fn mouse_click_focuses_and_selects_and_wheel_scrolls() {
    let mut a = app(library());
    a.update(Action::Click { column: 5, row: 3 });
    assert_eq!((a.focus, a.sel.episode), (Pane::Episodes, 2));
    // Segments pane starts at row 2 (after the 2-line header); its first row is 3.
    let seg = shownotes::tui::ui::layout::layout(ratatui::layout::Rect::new(0, 0, 100, 30)).expect("fits").segments;
    a.update(Action::Click { column: seg.x + 3, row: seg.y + 1 });
    assert_eq!((a.focus, a.sel.segment), (Pane::Body, 0));
    a.update(Action::Scroll { column: 2, row: 2, lines: -3 });
    assert_eq!(a.sel.episode, 0);
}

#[test]
fn config_remaps_keys_and_reports_bad_entries() {
    let keys = [("J".to_owned(), "move_down".to_owned()), ("ctrl-x".to_owned(), "explode".to_owned())];
    let (map, warnings) = shownotes::tui::keymap::from_config(&keys.into_iter().collect());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("explode"));
    let mut a = app(library());
    a.keymap = map;
    press(&mut a, "J", &mut Recorder::default());
    assert_eq!(a.sel.episode, 1);
}

#[test]
fn resize_to_nothing_and_back_keeps_state_valid() {
    let mut a = app(library());
    press(&mut a, "3 G", &mut Recorder::default());
    for (w, h) in [(1, 1), (0, 0), (20, 5), (200, 50), (50, 12)] {
        a.update(Action::Resize { width: w, height: h });
        press(&mut a, "j k G g <pgdn> <Tab>", &mut Recorder::default());
    }
    assert_eq!(a.size, (50, 12));
}

#[test]
fn the_result_count_is_exact_from_the_first_keystroke() {
    let seg = |i: u32| fixture::segment(i, "Brian Okken", &format!("python news {i}"), "https://x.example", "text");
    let mut lib = library();
    lib.episodes[0].segments = (1..=60).map(seg).collect();
    let mut a = app(lib);
    let mut r = Recorder::default();
    press(&mut a, "/python", &mut r);
    // The 60 segments, and each episode's extras ("Speaking at PDX Python"): search covers extras too.
    assert_eq!(a.hits.len(), 63, "every result, not the first screenful");
    assert_eq!(a.hits.iter().filter(|h| h.kind == HitKind::Extra).count(), 3);
    let screen = fixture::screen(&fixture::draw(&mut a, 100, 30));
    assert!(screen.contains("Search · 63 results"), "{screen}");
    press(&mut a, "<Enter>N", &mut r);
    assert_eq!(a.sel.hit, 62, "N from the first result wraps to the true last one");
}

#[test]
fn a_misspelt_word_is_corrected_and_the_results_title_says_so() {
    let mut a = app(library());
    press(&mut a, "/multiprocesing", &mut Recorder::default());
    assert_eq!(a.corrected, Some(("multiprocesing".to_owned(), "multiprocessing".to_owned())));
    assert_eq!(a.hits.first().map(|h| h.title.as_str()), Some("Multiprocessing"));
    let screen = fixture::screen(&fixture::draw(&mut a, 120, 30));
    assert!(screen.contains("no results for multiprocesing; showing multiprocessing"), "{screen}");
    press(&mut a, "<Enter>", &mut Recorder::default());
    assert_eq!(a.nav.terms, ["multiprocessing"], "the corrected word is highlighted in the text");
}

#[test]
fn every_kind_of_hit_opens_its_own_tab() {
    let mut a = app(library());
    press(&mut a, "/snake", &mut Recorder::default());
    assert_eq!(a.hits.first().map(|h| h.kind), Some(HitKind::Joke));
    press(&mut a, "<Enter>", &mut Recorder::default());
    assert_eq!((a.focus, a.detail), (Pane::Jokes, Pane::Jokes));
    let mut a = app(library());
    press(&mut a, "/gitbook", &mut Recorder::default());
    assert_eq!(a.hits.len(), 3, "each episode's extras of Michael");
    press(&mut a, "<Enter>", &mut Recorder::default());
    assert_eq!((a.focus, a.detail, a.sel.extra), (Pane::Extras, Pane::Extras, 1), "Michael's item is the second");
    let mut a = app(library());
    press(&mut a, "/datadog", &mut Recorder::default());
    assert_eq!(a.hits.first().map(|h| h.kind), Some(HitKind::Description), "sponsors are indexed with the intro");
    press(&mut a, "<Enter>", &mut Recorder::default());
    assert_eq!((a.focus, a.detail), (Pane::Overview, Pane::Overview));
}

#[test]
fn clicking_a_tab_title_shows_that_tab() {
    let mut a = app(library());
    let detail = shownotes::tui::ui::layout::layout(ratatui::layout::Rect::new(0, 0, 100, 30)).expect("fits").detail;
    let screen = fixture::screen(&fixture::draw(&mut a, 100, 30));
    let title_row: String =
        screen.lines().nth(usize::from(detail.y)).unwrap_or_default().chars().skip(usize::from(detail.x)).collect();
    let col = title_row.find("Extras").map(|b| title_row[..b].chars().count()).expect("Extras tab");
    a.update(Action::Click { column: detail.x + u16::try_from(col).expect("col") + 1, row: detail.y });
    assert_eq!((a.focus, a.detail), (Pane::Extras, Pane::Extras));
}

#[test]
fn a_state_file_damaged_while_reading_is_set_aside_and_the_status_line_says_so() {
    let dir = std::env::temp_dir().join(format!("shownotes-tui-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("state.json");
    let (store, warnings) = shownotes::state::StateStore::open(path.clone());
    assert!(warnings.is_empty());
    let mut a = app(library());
    a.store = store;
    std::fs::write(&path, b"{ not json").expect("damage the file");
    let mut r = Recorder::default();
    press(&mut a, "<Enter>j<Enter>", &mut r);
    assert!(a.store.is_read(10));
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("corrupt"), "{status}");
    assert!(
        std::fs::read_dir(&dir).expect("list").any(|e| e
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .contains("corrupt"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
