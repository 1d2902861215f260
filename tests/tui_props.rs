//! Any key sequence at any terminal size: never a panic, and selections always point at something.

#[path = "support/tui_fixture.rs"]
mod fixture;

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use shownotes::tui::action::Action;
use shownotes::tui::effect::Recorder;

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "<pgdn>",
    "<pgup>",
    "<Tab>",
    "<shift-tab>",
    "<Enter>",
    "<Esc>",
    "1",
    "3",
    "9",
    "[",
    "]",
    "o",
    "y",
    "/",
    "f",
    "n",
    "N",
    "?",
    "H",
    "m",
    "<Backspace>",
    "x",
];

/// What a user can do: press a key (through the keymap, like the real loop), or use the mouse or resize.
#[derive(Debug, Clone)]
enum Input {
    Key(&'static str),
    Other(Action),
}

fn event() -> impl Strategy<Value = Input> {
    prop_oneof![
        6 => (0..KEYS.len()).prop_map(|i| Input::Key(KEYS[i])),
        1 => (0u16..120, 0u16..40).prop_map(|(column, row)| Input::Other(Action::Click { column, row })),
        1 => (0u16..120, 0u16..40, -3i8..=3)
            .prop_map(|(column, row, lines)| Input::Other(Action::Scroll { column, row, lines })),
        1 => (0u16..160, 0u16..60).prop_map(|(width, height)| Input::Other(Action::Resize { width, height })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_use_never_panics_and_keeps_selections_valid(events in prop::collection::vec(event(), 1..60)) {
        let mut app = fixture::app(fixture::library());
        let mut recorder = Recorder::default();
        for e in events {
            match e {
                Input::Key(keys) => fixture::press(&mut app, keys, &mut recorder),
                Input::Other(action) => {
                    app.update(action);
                }
            }
            let area = Rect::new(0, 0, app.size.0, app.size.1);
            let mut buf = Buffer::empty(area);
            (&app).render(area, &mut buf);
            prop_assert!(app.visible.is_empty() || app.sel.episode < app.visible.len());
            let e = app.episode();
            let segments = e.map_or(0, |e| e.segments.len());
            prop_assert!(app.sel.segment < segments.max(1));
            prop_assert!(app.sel.hit < app.hits.len().max(1));
        }
    }
}
