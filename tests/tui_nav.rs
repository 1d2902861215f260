//! Search that lands on the words, where you left off, and keys: action sequences → state, and drawn Buffers.

#![allow(clippy::unwrap_used)]

#[path = "support/tui_fixture.rs"]
mod fixture;
#[path = "common/tempdir.rs"]
mod tempdir;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use fixture::{app, draw, library, newest_first, press, screen, segment};
use ratatui::style::Modifier;
use shownotes::library::Library;
use shownotes::model::{Episode, Host};
use shownotes::state::StateStore;
use shownotes::tui::action::Action;
use shownotes::tui::app::{App, Mode, Pane};
use shownotes::tui::effect::Recorder;
use shownotes::tui::keymap::{Context, Keymap};
use shownotes::tui::nav_state::SortOrder;
use shownotes::tui::search_worker::{Hits, SearchBackend, SearchWorker};
use shownotes::tui::theme::Theme;
use tempdir::TempDir;

fn run(keys: &str) -> App {
    let mut a = app(library());
    press(&mut a, keys, &mut Recorder::default());
    a
}

/// Episode 10 gets a fourth segment of 300 bullets; the word `zanzibar` is only in bullets 250 and 260.
fn long_library() -> Library {
    let mut lib = library();
    let body: String = (1..=300)
        .map(|i| {
            let word = if i == 250 || i == 260 { " about zanzibar" } else { "" };
            format!("- bullet number {i}{word}\n")
        })
        .collect();
    lib.episodes[0].segments.push(segment(4, "Brian Okken", "A long one", "https://example.com/long", &body));
    lib
}

#[test]
fn enter_on_a_result_lands_on_the_first_match_deep_in_a_long_segment_highlighted() {
    let mut a = app(long_library());
    let mut r = Recorder::default();
    press(&mut a, "/zanzibar<Enter>", &mut r);
    assert_eq!((a.mode, a.focus, a.sel.segment), (Mode::Normal, Pane::Body, 3));
    assert!(a.sel.body_scroll > 200, "scrolled to the match, not the top: {}", a.sel.body_scroll);
    let t = draw(&mut a, 100, 30);
    let text = screen(&t);
    let (y, line) = text.lines().enumerate().find(|(_, l)| l.contains("bullet number 250 about zanzibar")).unwrap();
    let x = line.chars().collect::<Vec<_>>().windows(8).position(|w| w.iter().collect::<String>() == "zanzibar");
    let cell = &t.backend().buffer()[(u16::try_from(x.unwrap()).unwrap(), u16::try_from(y).unwrap())];
    assert!(cell.modifier.contains(Modifier::REVERSED), "the current match stands out: {cell:?}");
    assert_eq!(cell.fg, a.theme.matched.fg.unwrap_or(cell.fg));
    let other = text.lines().position(|l| l.contains("bullet number 260 about zanzibar")).unwrap();
    let line = text.lines().nth(other).unwrap();
    let x = line.chars().collect::<Vec<_>>().windows(8).position(|w| w.iter().collect::<String>() == "zanzibar");
    let cell = &t.backend().buffer()[(u16::try_from(x.unwrap()).unwrap(), u16::try_from(other).unwrap())];
    assert!(!cell.modifier.contains(Modifier::REVERSED) && a.theme.matched.fg.is_none_or(|fg| cell.fg == fg));

    let before = a.sel.body_scroll;
    press(&mut a, "n", &mut r);
    assert_eq!((a.sel.hit, a.sel.text_match), (0, 1), "n goes to the second match in the text");
    assert!(a.sel.body_scroll >= before);
}

#[test]
fn esc_returns_to_the_results_with_query_and_selection_and_slash_reopens_the_query() {
    let mut a = run("/t<Down><Enter>");
    assert_eq!((a.mode, a.sel.hit), (Mode::Normal, 1));
    let hits = a.hits.len();
    press(&mut a, "<Esc>", &mut Recorder::default());
    assert_eq!((a.mode, a.query.as_str(), a.sel.hit, a.hits.len()), (Mode::Search, "t", 1, hits));
    press(&mut a, "<Esc>", &mut Recorder::default());
    assert_eq!(a.mode, Mode::Normal);
    press(&mut a, "/", &mut Recorder::default());
    assert_eq!((a.mode, a.prompt.text.as_str(), a.prompt.cursor, a.sel.hit), (Mode::Search, "t", 1, 1));
    press(&mut a, "ype", &mut Recorder::default());
    assert_eq!(a.query, "type", "the reopened query is edited, not replaced");
}

/// A backend that holds its first answer until the test lets it go, and records what it answered.
struct Gate {
    hold: Mutex<Option<mpsc::Receiver<()>>>,
    started: Option<mpsc::Sender<()>>,
    answered: Arc<Mutex<Vec<String>>>,
}

impl SearchBackend for Gate {
    fn search(&mut self, query: &str) -> Hits {
        if let Some(rx) = self.hold.lock().unwrap().take() {
            if let Some(started) = &self.started {
                let _ = started.send(());
            }
            let _ = rx.recv();
        }
        self.answered.lock().unwrap().push(query.to_owned());
        Hits::default()
    }
}

#[test]
fn typing_never_waits_for_search_and_only_the_latest_query_is_answered_and_shown() {
    let (release, hold) = mpsc::channel();
    let answered = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&answered);
    let (started_tx, started) = mpsc::channel();
    let mut worker =
        SearchWorker::spawn(move || Gate { hold: Mutex::new(Some(hold)), started: Some(started_tx), answered: log });
    worker.send("p");
    started.recv().unwrap();
    // The worker is stuck on "p"; these keystrokes queue up without anyone waiting.
    for q in ["py", "pyt", "pyth"] {
        worker.send(q);
    }
    assert!(worker.try_latest().is_none());
    release.send(()).unwrap();
    let latest = worker.wait_latest().unwrap();
    assert_eq!((latest.query.as_str(), latest.generation), ("pyth", 4));
    assert_eq!(*answered.lock().unwrap(), ["p", "pyth"], "queries replaced while waiting are skipped");

    // In the reader: keystrokes return at once while the worker is held, and a stale answer is dropped.
    let (release, hold) = mpsc::channel();
    let mut a = app(library());
    a.set_search_backend(move || Gate { hold: Mutex::new(Some(hold)), started: None, answered: Arc::default() });
    for c in ['/', 'o', 'r', 'm'] {
        a.update(if c == '/' { Action::Search } else { Action::Insert(c) });
    }
    assert_eq!((a.query.as_str(), a.search.pending), ("orm", true));
    let stale = shownotes::tui::search_worker::Answer {
        generation: a.search.latest - 1,
        query: "or".into(),
        ..Default::default()
    };
    a.hits = vec![];
    a.update(Action::Answered(stale));
    assert!(a.search.pending, "an answer to an older keystroke is not the answer");
    release.send(()).unwrap();
    a.settle_search();
    assert!(!a.search.pending);
}

#[test]
fn prompts_edit_like_a_shell_line_and_f_reopens_the_filter_selected() {
    let a = run("/type<space>hints<ctrl-w>checks");
    assert_eq!(a.query, "type checks");
    let a = run("/mypy<Left><Left><Backspace>X<ctrl-e>!<ctrl-a>>");
    assert_eq!(a.query, ">mXpy!");
    let a = run("/abc<space>def<Left><Left><ctrl-u>");
    assert_eq!((a.query.as_str(), a.prompt.cursor), ("ef", 0));
    let a = run("/abc<Home>1<End>2");
    assert_eq!(a.query, "1abc2");
    let a = run("f12<Enter>f11");
    assert_eq!(a.filter, "11", "typing replaces the old filter");
    let a = run("f12<Enter>f<Right>1");
    assert_eq!(a.filter, "121", "moving first keeps it for editing");
}

#[test]
fn esc_on_a_filter_with_no_match_keeps_the_selection_where_it_was() {
    let a = run("j <Enter> 2 <Tab> fzzz<Esc>");
    assert_eq!(a.episode().and_then(|e| e.number), Some(11));
    assert_eq!(a.filter, "");
    let a2 = run("j <Enter> 2 <Tab>");
    assert_eq!((a.sel.segment, a.sel.episode), (a2.sel.segment, a2.sel.episode));
}

#[test]
fn the_filter_matches_file_names_and_dates() {
    let mut lib = library();
    lib.episodes[1].file = "2019-bonus-special.md".into();
    lib.episodes[2].date = Some("2021-03-04".into());
    let mut a = app(lib);
    press(&mut a, "fbonus<Enter>", &mut Recorder::default());
    assert_eq!(a.visible, [1]);
    press(&mut a, "f2021-03<Enter>", &mut Recorder::default());
    assert_eq!(a.visible, [2]);
}

#[test]
fn remaps_with_ctrl_and_alt_work_in_every_mode_and_unbound_keys_say_so() {
    let keys = [("alt-j".to_owned(), "move_down".to_owned()), ("ctrl-n".to_owned(), "quit".to_owned())];
    let (map, warnings) = shownotes::tui::keymap::from_config(&keys.into_iter().collect());
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut a = app(library());
    a.keymap = map;
    press(&mut a, "/t<alt-j>", &mut Recorder::default());
    assert_eq!((a.mode, a.sel.hit, a.query.as_str()), (Mode::Search, 1, "t"), "alt-j moves in the result list");
    press(&mut a, "<ctrl-n>", &mut Recorder::default());
    assert!(a.quit, "a remap overrides the search list's own ctrl-n");

    let a = run("x");
    assert_eq!(a.status.as_deref(), Some("x does nothing here · ? help"));
    let a = run("<F7>");
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("F7 does nothing")), "{:?}", a.status);
}

#[test]
fn at_80x24_every_pane_keeps_help_and_quit_in_the_hint_line() {
    for keys in ["", "<Tab>", "<Tab><Tab>", "3", "3<Right>", "3<Right><Right>", "3<Left>"] {
        let mut a = run(keys);
        a.status = None;
        let text = screen(&draw(&mut a, 80, 24));
        let hints = text.lines().last().unwrap();
        assert!(hints.contains("? help") && hints.contains("q quit"), "{:?} after {keys:?}: {hints}", a.focus);
    }
}

#[test]
fn left_right_and_h_l_switch_tabs() {
    let a = run("3<Right>");
    assert_eq!((a.detail, a.focus), (Pane::Links, Pane::Links));
    let a = run("3ll");
    assert_eq!(a.detail, Pane::Extras);
    let a = run("3h");
    assert_eq!(a.detail, Pane::Overview, "the Overview tab comes before the text");
    let a = run("3hh");
    assert_eq!(a.detail, Pane::Transcript, "left from the first tab wraps to the last");
    let a = run("<Right>");
    assert_eq!(
        (a.detail, a.focus),
        (Pane::Body, Pane::Episodes),
        "from a list the tab changes (Overview → text), focus stays"
    );
}

#[test]
fn the_help_overlay_names_each_bindings_config_action() {
    let mut a = run("?");
    a.update(Action::Resize { width: 200, height: 120 });
    let lines: Vec<String> = shownotes::tui::ui::help::lines(&a)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for name in ["move_down", "archive_hosts", "toggle_star", "history_back", "suspend", "delete_word", "next_tab"] {
        assert!(lines.iter().any(|l| l.trim_end().ends_with(name)), "{name} missing:\n{}", lines.join("\n"));
    }
}

fn michaels() -> Library {
    let seg = |n, host: &str, title: &str| segment(n, host, title, "https://example.com", "text");
    let ep = |number: u32, title: &str, hosts: &[&str], segments| Episode {
        number: Some(number),
        title: Some(title.into()),
        file: format!("{number}.md"),
        hosts: hosts.iter().map(|h| Host::new(*h)).collect(),
        segments,
        ..Episode::default()
    };
    Library {
        episodes: vec![
            ep(1, "Welcome", &["Michael Kennedy"], vec![seg(1, "Michael Kennedy", "Intro")]),
            ep(2, "Guest: Michael Foord", &["Michael Foord"], vec![seg(1, "Michael Foord", "Mock")]),
            ep(3, "We talk about Michael Foord's mock", &["Brian Okken"], vec![seg(1, "Brian Okken", "mock")]),
            ep(4, "Both", &["Michael Kennedy", "Michael Foord"], vec![seg(1, "Michael Foord", "Testing")]),
        ],
        ..Library::default()
    }
}

#[test]
fn a_hosts_episode_list_is_exactly_their_episodes_and_shared_first_names_stay_apart() {
    let mut a = app(michaels());
    let names: Vec<&str> = a.archive_hosts.iter().map(|h| h.name.as_str()).collect();
    assert!(names.contains(&"Michael Foord") && names.contains(&"Michael Kennedy"), "{names:?}");
    let foord = a.archive_hosts.iter().position(|h| h.name == "Michael Foord").unwrap();
    press(&mut a, "H", &mut Recorder::default());
    for _ in 0..foord {
        press(&mut a, "j", &mut Recorder::default());
    }
    press(&mut a, "<Enter>", &mut Recorder::default());
    let shown: Vec<Option<u32>> = a.visible.iter().map(|&i| a.library.episodes[i].number).collect();
    assert_eq!(shown, [Some(2), Some(4)], "not episode 3, whose title names him, nor Michael Kennedy's 1");
    press(&mut a, "<Esc>", &mut Recorder::default());
    assert_eq!(a.visible.len(), 4);
}

#[test]
fn the_list_starts_with_the_newest_episode_and_s_cycles_the_order() {
    let mut lib = library();
    lib.episodes[0].date = Some("2019-01-01".into());
    lib.episodes[1].date = Some("2021-06-01".into());
    lib.episodes[2].date = Some("2020-01-01".into());
    let mut a = newest_first(lib);
    let order = |a: &App| a.visible.iter().map(|&i| a.library.episodes[i].number.unwrap()).collect::<Vec<_>>();
    assert_eq!(order(&a), [11, 12, 10]);
    assert_eq!(a.episode().and_then(|e| e.number), Some(11), "the newest is selected");
    press(&mut a, "s", &mut Recorder::default());
    assert_eq!((a.nav.sort, order(&a)), (SortOrder::Oldest, vec![10, 12, 11]));
    press(&mut a, "s", &mut Recorder::default());
    assert_eq!((a.nav.sort, order(&a)), (SortOrder::Number, vec![10, 11, 12]));
    press(&mut a, "s", &mut Recorder::default());
    assert_eq!(a.nav.sort, SortOrder::Newest);
    assert_eq!(a.episode().and_then(|e| e.number), Some(11), "sorting keeps the selected episode");
}

fn app_with_state(path: &std::path::Path, height: u16) -> App {
    let (store, warnings) = StateStore::open(path.to_path_buf());
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut a = App::new(library(), store, Keymap::default(), Theme::default());
    a.update(Action::Resize { width: 100, height });
    a
}

#[test]
fn star_unread_and_their_views_are_kept_in_state_json() {
    let dir = TempDir::new("tui-star");
    let path = dir.path().join("state.json");
    let mut a = app_with_state(&path, 30);
    // Newest first: 12, 11, 10.
    press(&mut a, "* j <Enter><Enter> u", &mut Recorder::default());
    assert!(a.store.is_starred(12));
    assert!(!a.store.is_read(11), "u after reading marks it unread again");
    press(&mut a, "<Esc><Esc> j <Enter><Enter>", &mut Recorder::default());
    assert!(a.store.is_read(10));
    let on_disk: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(on_disk["starred"], serde_json::json!([12]));
    assert_eq!(on_disk["read"], serde_json::json!([10]));

    let mut b = app_with_state(&path, 30);
    press(&mut b, "<Esc><Esc>g", &mut Recorder::default());
    let shown = |a: &App| a.visible.iter().map(|&i| a.library.episodes[i].number.unwrap()).collect::<Vec<_>>();
    press(&mut b, "v", &mut Recorder::default());
    assert_eq!(shown(&b), [12, 11], "unread view");
    press(&mut b, "v", &mut Recorder::default());
    assert_eq!(shown(&b), [12], "starred view");
    press(&mut b, "*", &mut Recorder::default());
    assert!(!b.store.is_starred(12));
    press(&mut b, "v", &mut Recorder::default());
    assert_eq!(shown(&b).len(), 3);
}

#[test]
fn reopening_resumes_the_episode_segment_tab_and_scroll() {
    let dir = TempDir::new("tui-resume");
    let path = dir.path().join("state.json");
    let mut a = app_with_state(&path, 14);
    press(&mut a, "G 1 j s <Right> <Left>", &mut Recorder::default());
    let (episode, scroll) = (a.episode().and_then(|e| e.number), a.sel.body_scroll);
    assert!(scroll > 0);
    press(&mut a, "<Right>q", &mut Recorder::default());
    assert_eq!(episode, Some(10));

    let b = app_with_state(&path, 14);
    assert_eq!(b.episode().and_then(|e| e.number), Some(10));
    assert_eq!((b.sel.segment, b.sel.body_scroll, b.detail, b.nav.sort), (0, scroll, Pane::Links, SortOrder::Oldest));
}

#[test]
fn back_and_forward_cross_episodes_segments_and_search_results() {
    let mut a = run("2 ] 3");
    assert_eq!((a.episode().and_then(|e| e.number), a.sel.segment), (Some(11), 0));
    press(&mut a, "<", &mut Recorder::default());
    assert_eq!((a.episode().and_then(|e| e.number), a.sel.segment), (Some(10), 1), "3 had no segment 3 to go to");
    let mut a = run("2 <Esc> 3 ] /orm<Enter>");
    let at = |a: &mut App, keys: &str| {
        press(a, keys, &mut Recorder::default());
        (a.mode, a.episode().and_then(|e| e.number), a.sel.segment)
    };
    assert_eq!(at(&mut a, ""), (Mode::Normal, Some(11), 0));
    assert_eq!(at(&mut a, "<"), (Mode::Search, Some(11), 0), "back to the result list");
    assert_eq!(a.query, "orm");
    assert_eq!(at(&mut a, "<alt-left>").0, Mode::Normal);
    assert_eq!(at(&mut a, "<"), (Mode::Normal, Some(10), 2), "then segment 3 of episode 10");
    assert_eq!(at(&mut a, "<"), (Mode::Normal, Some(10), 1));
    assert_eq!(at(&mut a, ">"), (Mode::Normal, Some(10), 2));
    assert_eq!(at(&mut a, ">>"), (Mode::Search, Some(11), 0), "forward to the results again");
    assert_eq!(at(&mut a, "<alt-right>"), (Mode::Normal, Some(11), 0), "and to the result's text");
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend_and_saves_the_place() {
    let a = run("<ctrl-z>");
    assert!(a.suspend);
    let a = run("/abc<ctrl-z>");
    assert!(a.suspend, "from a prompt too");
    assert_eq!(Keymap::default().action(Context::Search, fixture::parse_keys("<ctrl-z>")[0]), Some(Action::Suspend));
}

#[test]
fn screens_of_a_result_opened_deep_in_a_long_segment_and_of_the_starred_view() {
    let mut a = app(long_library());
    press(&mut a, "/zanzibar<Enter>", &mut Recorder::default());
    insta::assert_snapshot!("result_opened_deep_in_a_long_segment", draw(&mut a, 100, 30).backend());
    let mut a = app(library());
    press(&mut a, "* j * v v", &mut Recorder::default());
    let t = draw(&mut a, 100, 30);
    insta::assert_snapshot!("starred_view", t.backend());
    let text = screen(&t);
    assert!(text.contains("Episodes 2/3 · starred") && text.contains("★  10"), "{text}");
}

#[test]
fn esc_on_the_results_closes_search_so_esc_in_the_text_does_not_reopen_them() {
    let mut a = run("/t<Down><Enter>");
    press(&mut a, "<Esc>", &mut Recorder::default());
    assert_eq!(a.mode, Mode::Search, "the first Esc returns to the results");
    press(&mut a, "<Esc>", &mut Recorder::default());
    assert_eq!(a.mode, Mode::Normal, "the second closes them");
    press(&mut a, "<Esc>", &mut Recorder::default());
    assert_eq!((a.mode, a.focus), (Mode::Normal, Pane::Segments), "a third goes back as anywhere, not to the results");
    press(&mut a, "/", &mut Recorder::default());
    assert_eq!((a.mode, a.prompt.text.as_str()), (Mode::Search, "t"), "/ still reopens the last query");
}

#[test]
fn a_result_lands_on_its_match_when_the_reading_width_is_narrower_than_the_pane() {
    // Bullets of ~130 columns: one line in a 150-column pane, two at the 100-column reading width.
    let filler = "words that fill the line ".repeat(5);
    let body: String = (1..=300)
        .map(|i| {
            let word = if i == 200 || i == 260 { "zanzibar" } else { "plain" };
            format!("- bullet {i} {filler}{word} end\n")
        })
        .collect();
    let mut lib = library();
    lib.episodes[0].segments.push(segment(4, "Brian Okken", "A long one", "https://example.com/long", &body));
    let mut a = app(lib);
    a.update(Action::Resize { width: 200, height: 50 });
    let mut r = Recorder::default();
    press(&mut a, "/zanzibar<Enter>", &mut r);
    for (step, bullet) in [("", "bullet 200 "), ("n", "bullet 260 ")] {
        press(&mut a, step, &mut r);
        let t = draw(&mut a, 200, 50);
        let text = screen(&t);
        let shown = text.lines().position(|l| l.contains(bullet));
        let mark = text.lines().position(|l| l.contains("zanzibar"));
        assert!(shown.is_some() && mark.is_some(), "the match after {bullet:?} is on screen:\n{text}");
    }
}

#[test]
fn the_drawn_help_overlay_lists_each_context_once_with_every_action_name_in_full() {
    let mut a = run("?");
    let text = screen(&draw(&mut a, 200, 60));
    assert_eq!(text.matches("Everywhere").count(), 1, "one Everywhere heading:\n{text}");
    assert_eq!(text.matches("Filter prompt & Search").count(), 1, "one prompt heading:\n{text}");
    for name in ["copy_link", "select_link", "zoom", "history_forward", "delete_to_start", "cycle_view", "next_link"] {
        assert!(text.contains(&format!(" {name} ")), "{name} shown in full at 200x60:\n{text}");
    }
    assert!(text.contains("copy the link to the clipboard "), "descriptions are not cut:\n{text}");
    // At 80x24 the overlay scrolls in one column, and the names it shows are whole.
    let text = screen(&draw(&mut a, 80, 24));
    for name in ["move_down", "jump_segment", "next_episode", "copy_link"] {
        assert!(text.contains(&format!(" {name} ")), "{name} shown in full at 80x24:\n{text}");
    }
}
