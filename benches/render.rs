//! How long the reader takes to draw and to answer a search keystroke.
//!
//! - `frame_200x50`: one full frame of a typical episode (149, its first segment open, in the corpus when
//!   `SHOWNOTES_CORPUS` is set, else the seed library) into a ratatui `TestBackend`. Goal: ≤ 1 ms.
//! - `search_keystroke`: typing one more letter of a query over the whole corpus (`SHOWNOTES_CORPUS`), i.e.
//!   re-running the search; `search_keystroke_and_frame` adds the redraw. Goal: ≤ 1 ms.
//! - `frame_table_40_rows_200x50`: a frame of a segment holding a 40-row GFM table. Goal: ≤ 2 ms.
//! - `keypress_in_20000_bullets_200x50`: a key (scroll down) and its frame inside a 2.5 MB segment of 20,000
//!   bullets; the wrapped text is cached per episode, segment and width. Goal: ≤ 2 ms.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shownotes::library::Library;
use shownotes::state::StateStore;
use shownotes::tui::action::Action;
use shownotes::tui::app::App;
use shownotes::tui::keymap::Keymap;
use shownotes::tui::theme::Theme;

fn app(library: Library, width: u16, height: u16) -> App {
    let mut app = App::new(library, StateStore::in_memory(), Keymap::default(), Theme::default());
    app.update(Action::Resize { width, height });
    app
}

fn frame(c: &mut Criterion) {
    // The whole corpus when it is there (a long episode list, as in real use), else the seed episode alone.
    let root = std::env::var_os("SHOWNOTES_CORPUS")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("episodes"), std::path::PathBuf::from);
    let library = Library::load(&root).expect("the library loads");
    let index = library.episodes.iter().position(|e| e.number == Some(149)).unwrap_or(0);
    let mut app = app(library, 200, 50);
    for _ in 0..index {
        app.update(Action::MoveDown);
    }
    app.update(Action::JumpSegment(1));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test terminal");
    c.bench_function("frame_200x50", |b| {
        b.iter(|| {
            // A fresh buffer each time, so the whole frame is drawn and diffed rather than skipped.
            terminal.clear().expect("clear");
            terminal.draw(|f| f.render_widget(black_box(&app), f.area())).expect("draw");
        });
    });
}

fn keystroke(c: &mut Criterion) {
    let Some(corpus) = std::env::var_os("SHOWNOTES_CORPUS") else {
        eprintln!("search_keystroke skipped: set SHOWNOTES_CORPUS to the corpus folder to measure it");
        return;
    };
    let library = Library::load(Path::new(&corpus)).expect("the corpus loads");
    let mut app = app(library, 200, 50);
    app.update(Action::Search);
    for ch in "typ".chars() {
        app.update(Action::Insert(ch));
    }
    // Only the keystroke is timed; deleting the letter again (another search) is not.
    c.bench_function("search_keystroke", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                black_box(app.update(Action::Insert('i')));
                total += start.elapsed();
                app.update(Action::Backspace);
            }
            total
        });
    });
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test terminal");
    c.bench_function("search_keystroke_and_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                app.update(Action::Insert('i'));
                terminal.draw(|f| f.render_widget(black_box(&app), f.area())).expect("draw");
                total += start.elapsed();
                app.update(Action::Backspace);
            }
            total
        });
    });
}

/// One episode whose first segment is `body`.
fn synthetic(body: String) -> Library {
    let mut library = Library::default();
    library.episodes.push(shownotes::model::Episode {
        number: Some(1),
        file: "1.md".into(),
        segments: vec![shownotes::model::Segment { title: "Big".into(), body, ..shownotes::model::Segment::default() }],
        ..shownotes::model::Episode::default()
    });
    library
}

fn big_text(c: &mut Criterion) {
    // A 40-row table, drawn whole each frame.
    let mut table = String::from("| # | Project | Notes |\n|---|---|---|\n");
    for i in 0..40 {
        table.push_str(&format!("| {i} | project-{i} | a note about https://example.com/{i} and more words |\n"));
    }
    let mut table_app = app(synthetic(table), 200, 50);
    table_app.update(Action::JumpSegment(1));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test terminal");
    c.bench_function("frame_table_40_rows_200x50", |b| {
        b.iter(|| {
            terminal.clear().expect("clear");
            terminal.draw(|f| f.render_widget(black_box(&table_app), f.area())).expect("draw");
        });
    });
    // A 2.5 MB segment of 20,000 bullets: a keypress (scroll) and its frame.
    let mut bullets = String::new();
    for i in 0..20_000 {
        bullets.push_str(&format!("* item {i}: [a link](https://example.com/{i}) {}\n", "words ".repeat(16)));
    }
    let mut big = app(synthetic(bullets), 200, 50);
    big.update(Action::JumpSegment(1));
    c.bench_function("keypress_in_20000_bullets_200x50", |b| {
        b.iter(|| {
            big.update(Action::MoveDown);
            terminal.draw(|f| f.render_widget(black_box(&big), f.area())).expect("draw");
        });
    });
}

criterion_group!(benches, frame, keystroke, big_text);
criterion_main!(benches);
