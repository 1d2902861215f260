//! Every episode and segment of the real corpus drawn in every detail tab: no panic, no control character on
//! screen. Needs `SHOWNOTES_CORPUS`; prints why it skips otherwise.

#[path = "support/tui_fixture.rs"]
mod fixture;

use shownotes::library::Library;
use shownotes::tui::action::Action;
use shownotes::tui::app::Pane;

#[test]
fn every_segment_of_the_corpus_draws_cleanly() {
    let Some(corpus) = std::env::var_os("SHOWNOTES_CORPUS") else {
        eprintln!("skipping: set SHOWNOTES_CORPUS to the corpus folder to draw every episode");
        return;
    };
    let library = Library::load(std::path::Path::new(&corpus)).expect("corpus loads");
    let episodes = library.episodes.len();
    assert!(episodes > 300, "{episodes}");
    let mut app = fixture::app(library);
    let mut frames = 0;
    for _ in 0..episodes {
        let segments = app.episode().map_or(0, |e| e.segments.len());
        for i in 0..segments {
            app.focus = Pane::Segments;
            app.sel.segment = i;
            app.update(Action::Enter);
            assert_eq!((app.focus, app.sel.segment), (Pane::Body, i));
            check(&mut app);
            frames += 1;
        }
        for tab in [Pane::Links, Pane::Extras, Pane::Jokes] {
            app.focus = tab;
            app.detail = tab;
            check(&mut app);
        }
        app.focus = Pane::Episodes;
        app.detail = Pane::Body;
        app.update(Action::NextEpisode);
    }
    assert!(frames > 1000, "{frames}");
}

fn check(app: &mut shownotes::tui::app::App) {
    let t = fixture::draw(app, 100, 30);
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(shownotes::sanitize::is_unsafe),
            "{:?} in {:?}",
            cell.symbol(),
            app.episode().map(|e| &e.file)
        );
    }
}
