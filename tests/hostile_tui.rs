//! The hostile library drawn by the reader into a `TestBackend`: every episode, segment and tab, at a roomy and
//! a cramped size. No cell may hold a character a terminal would interpret, and every row must add up to exactly
//! the screen width (wide and zero-width characters keep the layout aligned).

#![allow(clippy::unwrap_used)]

#[path = "support/tui_fixture.rs"]
mod fixture;
#[allow(dead_code)]
#[path = "hostile/fixtures.rs"]
mod fixtures;
#[path = "common/tempdir.rs"]
mod tempdir;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shownotes::library::Library;
use shownotes::tui::action::Action;
use shownotes::tui::app::{App, Pane};
use unicode_width::UnicodeWidthStr;

/// Every case except the 16 MB file (its size is the hostile part, covered by tests/hostile.rs).
fn hostile_library(dir: &std::path::Path) -> Library {
    let cases: Vec<_> = fixtures::cases().into_iter().filter(|c| c.file != b"108-huge.md").collect();
    fixtures::build(dir, &cases);
    Library::load(dir).unwrap()
}

/// Problems in one frame: interpreted characters, and rows whose cells do not add up to the screen width.
fn frame_problems(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let width = usize::from(buf.area.width);
    let mut problems = Vec::new();
    for y in 0..buf.area.height {
        let mut columns = 0;
        let mut hidden = 0; // cells covered by the previous wide character
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| shownotes::sanitize::is_unsafe(c)) {
                problems.push(format!("row {y} col {x}: {c:?} in cell {symbol:?}"));
            }
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            let w = symbol.width();
            if w > 2 {
                problems.push(format!("row {y} col {x}: cell {symbol:?} is {w} columns wide"));
            }
            columns += w;
            hidden = w.saturating_sub(1);
        }
        if columns != width {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            problems.push(format!("row {y} is {columns} columns, not {width}: {row:?}"));
        }
    }
    problems
}

fn check(app: &mut App, size: (u16, u16), problems: &mut Vec<String>) {
    app.update(Action::Resize { width: size.0, height: size.1 });
    let t = fixture::draw(app, size.0, size.1);
    let file = app.episode().map(|e| e.file.clone()).unwrap_or_default();
    problems.extend(frame_problems(&t).into_iter().map(|p| format!("{file} {:?} {size:?}: {p}", app.focus)));
}

#[test]
fn hostile_notes_draw_without_control_characters_and_stay_aligned() {
    let dir = tempdir::TempDir::new("hostile-tui");
    let library = hostile_library(dir.path());
    let episodes = library.episodes.len();
    assert!(episodes >= 13, "{episodes} episodes loaded");
    let mut app = fixture::app(library);
    let mut problems = Vec::new();
    let mut frames = 0;
    for _ in 0..episodes {
        for size in [(100, 30), (41, 12)] {
            let segments = app.episode().map_or(0, |e| e.segments.len());
            for i in 0..segments {
                app.focus = Pane::Segments;
                app.sel.segment = i;
                app.update(Action::Enter);
                check(&mut app, size, &mut problems);
                frames += 1;
            }
            for tab in [Pane::Links, Pane::Extras, Pane::Jokes] {
                app.focus = tab;
                app.detail = tab;
                check(&mut app, size, &mut problems);
                frames += 1;
            }
            app.focus = Pane::Episodes;
            app.detail = Pane::Body;
        }
        app.update(Action::NextEpisode);
    }
    eprintln!("{frames} frames of the hostile library checked");
    problems.truncate(20);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn frame_check_catches_controls_and_misalignment() {
    // The checker itself: a bidi override in a cell (ratatui's own debug assertion already refuses C0/C1 controls),
    // and a lone combining mark (no column: the row falls short).
    let mut t = Terminal::new(TestBackend::new(6, 2)).unwrap();
    t.draw(|f| {
        let buf = f.buffer_mut();
        buf[(0, 0)].set_symbol("\u{202e}");
        buf[(0, 1)].set_symbol("\u{301}");
    })
    .unwrap();
    let problems = frame_problems(&t);
    assert!(problems.iter().any(|p| p.contains("'\\u{202e}'")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("row 1 is 5 columns")), "{problems:?}");
}
