//! The reader with several shows open: one list newest first across shows with each row's show, and `S`
//! switching the list between every show and each one.

#[path = "common/tempdir.rs"]
mod tempdir;

#[path = "support/tui_fixture.rs"]
mod fixture;

use clap::Parser;
use fixture::{draw, newest_first, press, screen};
use shownotes::library::Library;
use shownotes::library::merge::merge;
use shownotes::model::Episode;
use shownotes::tui::effect::Recorder;

fn ep(number: u32, date: &str, title: &str) -> Episode {
    Episode {
        number: Some(number),
        date: Some(date.into()),
        title: Some(title.into()),
        file: format!("{number}.md"),
        ..Episode::default()
    }
}

fn two_shows() -> Library {
    let alpha = Library {
        episodes: vec![ep(1, "2024-02-01", "Rust Tricks"), ep(2, "2024-04-01", "Async Later")],
        ..Library::default()
    };
    let mut beta =
        Library { episodes: vec![ep(1, "2024-03-01", "Gardening"), ep(5, "2024-01-15", "Soil")], ..Library::default() };
    beta.show.name = Some("Beta Show".into());
    merge(vec![("alpha".into(), alpha), ("beta".into(), beta)])
}

/// (show, number) of the listed episodes, top to bottom.
fn listed(app: &shownotes::tui::app::App) -> Vec<(String, u32)> {
    app.visible
        .iter()
        .map(|&i| {
            let e = &app.library.episodes[i];
            (e.show.clone().unwrap_or_default(), e.number.unwrap_or_default())
        })
        .collect()
}

fn pairs(v: &[(&str, u32)]) -> Vec<(String, u32)> {
    v.iter().map(|(s, n)| ((*s).to_owned(), *n)).collect()
}

#[test]
fn s_cycles_the_list_between_every_show_and_each_one() {
    let mut app = newest_first(two_shows());
    let every = pairs(&[("alpha", 2), ("Beta Show", 1), ("alpha", 1), ("Beta Show", 5)]);
    assert_eq!(listed(&app), every);
    let mut r = Recorder::default();
    press(&mut app, "S", &mut r);
    assert_eq!(listed(&app), pairs(&[("alpha", 2), ("alpha", 1)]));
    assert_eq!(app.status.as_deref(), Some("Showing alpha (S for the next show)."));
    press(&mut app, "j S", &mut r);
    assert_eq!(listed(&app), pairs(&[("Beta Show", 1), ("Beta Show", 5)]));
    press(&mut app, "S", &mut r);
    assert_eq!(listed(&app), every);
    // The episode selected in the last show's list stays selected in the list of every show.
    assert_eq!(app.episode().map(|e| (e.show.as_deref(), e.number)), Some((Some("Beta Show"), Some(1))));
}

#[test]
fn each_row_names_its_show_while_every_show_is_listed() {
    let mut app = newest_first(two_shows());
    let text = screen(&draw(&mut app, 100, 12));
    assert!(text.contains("   2 alpha     Async Later"), "{text}");
    assert!(text.contains("   1 Beta Show Gardening"), "{text}");
    let mut r = Recorder::default();
    press(&mut app, "S S", &mut r);
    let text = screen(&draw(&mut app, 100, 12));
    assert!(text.contains("Episodes 2/4 · Beta Show"), "{text}");
    assert!(text.contains("   1 Gardening"), "{text}");
}

#[test]
fn one_show_has_no_switch() {
    let mut app = newest_first(Library { episodes: vec![ep(1, "2024-01-01", "Only")], ..Library::default() });
    let mut r = Recorder::default();
    press(&mut app, "S", &mut r);
    assert_eq!(app.visible.len(), 1);
    assert!(app.status.as_deref().is_some_and(|s| s.starts_with("Only one show is open")), "{:?}", app.status);
}

#[test]
fn the_reader_opens_every_library_named() {
    let dir = tempdir::TempDir::new("ms-reader");
    for (show, n, date) in [("one", 3, "2024-05-01"), ("two", 3, "2024-06-01")] {
        std::fs::create_dir_all(dir.path().join(show)).expect("mkdir");
        let text = format!("---\ntitle: Ep {n} of {show}\nnumber: {n}\ndate: {date}\n---\n\nNotes.\n");
        std::fs::write(dir.path().join(show).join(format!("{n}.md")), text).expect("write");
    }
    let (a, b) = (dir.path().join("one"), dir.path().join("two"));
    let cli = shownotes::cli::Cli::parse_from([
        "shownotes",
        "-L",
        a.to_str().expect("utf-8"),
        "-L",
        b.to_str().expect("utf-8"),
    ]);
    let library = cli.open_library(&shownotes::config::Config::default()).expect("open both");
    let got: Vec<(Option<&str>, Option<&str>)> =
        library.episodes.iter().map(|e| (e.show.as_deref(), e.title.as_deref())).collect();
    assert_eq!(got, [(Some("two"), Some("Ep 3 of two")), (Some("one"), Some("Ep 3 of one"))]);
}
