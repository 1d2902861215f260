//! The reader on the hostile library in a real terminal (tmux): walking every episode never clears the screen,
//! retitles the pane or writes the clipboard, and every screen row keeps its width in tmux's own measure.
//!
//! Needs tmux; prints why it skips when it is missing. Uses its own tmux server (`-L`).

#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "hostile/fixtures.rs"]
mod fixtures;
#[path = "common/tempdir.rs"]
mod tempdir;
#[path = "support/tmux.rs"]
mod tmux;

use std::time::Duration;

use tmux::Tmux;
use unicode_width::UnicodeWidthStr;

const DEADLINE: Duration = Duration::from_secs(60);
const WIDTH: usize = 120;

/// Rows that tmux drew at a width other than the screen's, in unicode-width's measure (ratatui's).
fn misaligned(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.ends_with(['│', '┐', '┘', '┤']) && l.width() != WIDTH)
        .map(|l| format!("{} columns: {l}", l.width()))
        .collect()
}

#[test]
fn hostile_notes_never_clear_retitle_or_copy_in_a_real_terminal() {
    if !Tmux::available("hostile_notes_never_clear_retitle_or_copy_in_a_real_terminal") {
        return;
    }
    let dir = tempdir::TempDir::new("hostile-e2e");
    let library = dir.path().join("library");
    std::fs::create_dir(&library).unwrap();
    let cases: Vec<_> = fixtures::cases().into_iter().filter(|c| c.file != b"108-huge.md").collect();
    fixtures::build(&library, &cases);
    // In the order the reader lists them: newest first (date, then number).
    let mut episodes = shownotes::library::Library::load(&library).unwrap().episodes;
    episodes.sort_by_key(|e| std::cmp::Reverse((e.date.clone(), e.number)));
    let numbers: Vec<u32> = episodes.iter().filter_map(|e| e.number).collect();

    let t = Tmux::start("hostile", DEADLINE);
    t.ok(&["set-option", "-g", "set-clipboard", "on"]); // an OSC 52 that got through would make a tmux buffer
    t.ok(&["select-pane", "-t", "main", "-T", "KEEP-THIS-TITLE"]);
    let line = format!(
        "DISPLAY= WAYLAND_DISPLAY= BROWSER= XDG_CACHE_HOME='{d}/cache' XDG_CONFIG_HOME='{d}/config' XDG_DATA_HOME='{d}/data' '{bin}' --library '{lib}'; echo READER-EXITED-$((40+2))",
        d = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_shownotes"),
        lib = library.display(),
    );
    t.type_text(&line);
    t.keys(&["Enter"]);
    t.wait_for("the episode list", |s| s.contains("Episodes ("));

    let mut problems = Vec::new();
    let mut first = true;
    for n in &numbers {
        if !first {
            t.keys(&["j"]);
        }
        first = false;
        let screen = t.wait_for(&format!("episode {n}"), |s| s.contains(&format!(" {n} ·")));
        problems.extend(misaligned(&screen).into_iter().map(|p| format!("episode {n}: {p}")));
        if !screen.contains("Episodes (") {
            problems.push(format!("episode {n}: the screen was cleared:\n{screen}"));
        }
    }
    let title = t.format("#{pane_title}");
    let buffers = String::from_utf8_lossy(&t.cmd(&["list-buffers"]).stdout).into_owned();
    t.keys(&["q"]);
    t.wait_for("the reader to exit", |s| s.contains("READER-EXITED-42"));

    assert!(!title.contains("pwned"), "the notes retitled the pane: {title:?}");
    assert!(buffers.trim().is_empty(), "the notes wrote the clipboard (OSC 52): {buffers}");
    eprintln!("walked {} hostile episodes in tmux; pane title {title:?}", numbers.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
