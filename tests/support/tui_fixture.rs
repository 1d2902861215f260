//! Hand-built libraries and helpers shared by the TUI tests (included with `#[path]`).
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shownotes::library::Library;
use shownotes::model::{Episode, EpisodeLink, Extras, Host, Joke, Link, Segment, Sponsor};
use shownotes::state::StateStore;
use shownotes::tui::action::Action;
use shownotes::tui::app::App;
use shownotes::tui::effect::{self, Recorder};
use shownotes::tui::keymap::Keymap;
use shownotes::tui::store_backend::{Cache, StoreBackend, Transcripts};
use shownotes::tui::theme::Theme;

pub fn segment(ordinal: u32, host: &str, title: &str, url: &str, body: &str) -> Segment {
    Segment {
        ordinal: Some(ordinal),
        host: Some(host.to_owned()),
        title: title.to_owned(),
        url: Some(url.to_owned()),
        links: vec![Link { text: title.to_owned(), url: url.to_owned() }],
        body: body.to_owned(),
        line: 1,
        start: None,
    }
}

/// Three small episodes with two hosts, in the shape of the Python Bytes notes.
pub fn library() -> Library {
    let brian = "Brian Okken";
    let michael = "Michael Kennedy";
    let ep = |number: u32, segments: Vec<Segment>| Episode {
        number: Some(number),
        title: None,
        file: format!("{number}.md"),
        sponsors: vec![Sponsor { name: "Datadog".into(), url: Some("https://pythonbytes.fm/datadog".into()) }],
        hosts: [brian, michael]
            .into_iter()
            .filter(|h| segments.iter().any(|s| s.host.as_deref() == Some(*h)))
            .map(Host::new)
            .collect(),
        links: segments
            .iter()
            .map(|s| EpisodeLink {
                section: s.title.clone(),
                text: s.title.clone(),
                url: s.url.clone().unwrap_or_default(),
            })
            .collect(),
        segments,
        extras: vec![
            Extras {
                host: Some(brian.into()),
                items: vec!["Speaking at [PDX Python](https://pdxpython.org)".into()],
                start: None,
            },
            Extras {
                host: Some(michael.into()),
                items: vec!["[Gitbook](https://www.gitbook.com/)".into()],
                start: None,
            },
        ],
        jokes: vec![Joke {
            title: None,
            url: None,
            body: "What do you call a 3.14 foot long snake? A π-thon".into(),
            start: None,
        }],
        ..Episode::default()
    };
    Library {
        episodes: vec![
            ep(
                10,
                vec![
                    segment(1, brian, "Dropbox type checking", "https://dropbox.tech/mypy", BODY),
                    segment(2, michael, "Flask in VS Code", "https://example.com/flask", "- Video\n- Post"),
                    segment(3, brian, "Multiprocessing", "https://example.com/mp", "Threads *or* processes."),
                ],
            ),
            ep(11, vec![segment(1, michael, "ORM async", "https://github.com/encode/orm", "Uses `databases`.")]),
            ep(12, vec![segment(1, brian, "Getting started with APIs", "https://dataquest.io/api", "GET it.")]),
        ],
        ..Library::default()
    }
}

pub const BODY: &str = "- Continuing saga, a **cool** write up about [mypy](https://mypy-lang.org).\n- Benefits\n    - Type checker finds *subtle* bugs.\n    - Refactoring with `mypy` is easier.\n\n> Types are documentation.\n\n```\npip install mypy\n```\n";

/// The reader on `library` at 100×30, listing episodes by number from the top (10, 11, 12) so that key
/// sequences read in library order; the default newest-first order has its own tests.
pub fn app(library: Library) -> App {
    let mut app = newest_first(library);
    app.set_sort(shownotes::tui::nav_state::SortOrder::Number);
    app.update(Action::Top);
    app
}

/// The reader as it starts for a user: newest episode first.
pub fn newest_first(library: Library) -> App {
    let mut app = App::new(library, StateStore::in_memory(), Keymap::default(), Theme::default());
    // Search indexes the library in memory: a test never touches the user's index.
    let for_search = std::sync::Arc::clone(&app.library);
    app.set_search_backend(move || StoreBackend::new(for_search, Cache::Memory, Transcripts::BeforeFirstAnswer));
    app.update(Action::Resize { width: 100, height: 30 });
    app
}

/// Press keys as the loop would, carrying out effects into `recorder`.
pub fn press(app: &mut App, keys: &str, recorder: &mut Recorder) {
    for key in parse_keys(keys) {
        let action = shownotes::tui::to_action(app, &ratatui::crossterm::event::Event::Key(key));
        if let Some(action) = action
            && let Some(e) = app.update(action)
        {
            let report = effect::perform(&e, recorder);
            app.update(Action::Report(report));
        }
        // The search worker answers each keystroke; waiting for it here keeps key sequences deterministic.
        app.settle_search();
    }
}

/// `"j j <Tab> <Enter> /mypy"`: words in angle brackets are named keys, other characters are typed.
pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let key = shownotes::tui::keymap::Key::parse(name).expect("known key name");
            out.push(KeyEvent::new(key.code, key.modifiers));
            rest = &rest[end + 1..];
            continue;
        }
        if c != ' ' {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Draw the app into a test terminal of this size.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
    terminal
}

/// The screen as plain text lines.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
