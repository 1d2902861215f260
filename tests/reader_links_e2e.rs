//! The real binary in tmux opening and copying a bare URL of the bundled episode 149: `o` runs `$BROWSER`
//! (a fake script on PATH that records its argument) and `y` reaches tmux's paste buffer with tmux's default
//! settings. Needs tmux; prints why it skips without it.

#[path = "support/tmux.rs"]
#[allow(dead_code)]
mod tmux;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shownotes::library::Library;
use shownotes::tui::markdown::EpisodeLinks;
use tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(30);
const BARE: &str = "https://blog.miguelgrinberg.com/post/setting-up-a-flask-application-in-visual-studio-code";

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(start.elapsed() < DEADLINE, "{} was never written", path.display());
        std::thread::sleep(Duration::from_millis(50)); // polling interval, not synchronisation
    }
}

#[test]
fn o_opens_a_bare_url_with_browser_and_y_fills_the_tmux_buffer() {
    if !Tmux::available("o_opens_a_bare_url_with_browser_and_y_fills_the_tmux_buffer") {
        return;
    }
    let episodes = Path::new(env!("CARGO_MANIFEST_DIR")).join("episodes");
    let library = Library::load(&episodes).expect("the bundled library loads");
    let episode = library.episodes.iter().find(|e| e.number == Some(149)).expect("episode 149");
    let number = EpisodeLinks::of(episode).number(BARE).expect("the bare URL is a numbered link");

    let dir: PathBuf = std::env::temp_dir().join(format!("shownotes-e2e-links-{}", std::process::id()));
    let bin_dir = dir.join("bin");
    std::fs::create_dir_all(&bin_dir).expect("temp dir");
    let record = dir.join("opened");
    let fake = bin_dir.join("fake-browser");
    std::fs::write(&fake, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}'\n", record.display())).expect("script");
    std::process::Command::new("chmod").arg("+x").arg(&fake).status().expect("chmod");

    let t = Tmux::start("links", DEADLINE);
    let bin = std::env::var("SHOWNOTES_E2E_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_shownotes").to_owned());
    t.type_text(&format!(
        "PATH='{b}':$PATH DISPLAY= BROWSER='no-such-browser:fake-browser' XDG_CACHE_HOME='{d}/cache' XDG_CONFIG_HOME='{d}/c' XDG_DATA_HOME='{d}/d' '{bin}' --library '{e}'",
        b = bin_dir.display(),
        d = dir.display(),
        e = episodes.display(),
    ));
    t.keys(&["Enter"]);
    t.wait_for("the episode list", |s| s.contains("Episodes ("));
    t.type_text("1");
    t.wait_for("the segment text", |s| s.contains("[Segment text]"));
    t.type_text(&number.to_string());
    t.wait_for("the picked link", |s| s.contains(&format!("Link [{number}]")));
    t.type_text("o");
    assert_eq!(wait_file(&record), format!("{BARE}\n"), "$BROWSER got the URL as its one argument");
    t.wait_for("the open report", |s| s.contains("Started $BROWSER (fake-browser)"));
    t.type_text("y");
    t.wait_for("the copy report", |s| s.contains("tmux's paste buffer"));
    let buffer = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert_eq!(buffer, BARE, "tmux's buffer holds the link with default settings");
    t.type_text("q");
    let _ = std::fs::remove_dir_all(&dir);
}
