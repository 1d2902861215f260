//! Whole-screen snapshots of the seed episode (episodes/149.md) at 100×30: each pane focused, the help
//! overlay, search results for `mypy`, the all-hosts view, and a 20×5 terminal. Text only: colours are
//! asserted on buffers in tui_widgets.rs.

#[path = "support/tui_fixture.rs"]
mod fixture;

use std::path::Path;

use shownotes::library::Library;
use shownotes::tui::effect::Recorder;

/// The seed library after `keys`, drawn at `width`×`height`.
fn screen_after(keys: &str, width: u16, height: u16) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("episodes");
    let library = Library::load(&root).expect("the seed episodes load");
    assert_eq!(library.episodes.first().and_then(|e| e.number), Some(149));
    let mut app = fixture::app(library);
    fixture::press(&mut app, keys, &mut Recorder::default());
    fixture::draw(&mut app, width, height)
}

macro_rules! snapshot {
    ($name:ident, $keys:expr) => {
        snapshot!($name, $keys, 100, 30);
    };
    ($name:ident, $keys:expr, $w:expr, $h:expr) => {
        #[test]
        fn $name() {
            let terminal = screen_after($keys, $w, $h);
            insta::assert_snapshot!(stringify!($name), terminal.backend());
        }
    };
}

snapshot!(episodes_pane, "");
snapshot!(hosts_pane, "<Tab>");
snapshot!(hosts_pane_highlighting_michael, "<Tab>j<Enter>");
snapshot!(segments_pane, "<Tab><Tab>jj");
snapshot!(body_pane_first_segment, "1");
snapshot!(body_pane_scrolled_with_link_selected, "6 <pgdn> 1");
snapshot!(links_pane, "<Tab><Tab><Tab><Tab><Tab>");
snapshot!(extras_pane, "<Tab><Tab><Tab><Tab><Tab><Tab>");
snapshot!(jokes_pane, "<shift-tab><shift-tab>");
snapshot!(help_overlay, "?");
snapshot!(search_results_mypy, "/mypy");
snapshot!(search_result_opened, "/mypy<Enter>");
snapshot!(all_hosts_view, "H");
snapshot!(filter_prompt, "f14");
snapshot!(tiny_terminal_20x5, "", 20, 5);
