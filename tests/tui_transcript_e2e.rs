//! The real binary in tmux on a library with transcripts, written at test time: the Transcript tab opens at the
//! selected segment's cue, the segments pane shows the joined times, and `/` finds words in the tab.
//!
//! Needs tmux (the test prints why it skips without it); no corpus. `.ci/run` points SHOWNOTES_E2E_BIN at the
//! release binary.

#![allow(clippy::unwrap_used)]

#[path = "common/tempdir.rs"]
mod tempdir;
#[path = "support/tmux.rs"]
mod tmux;
#[path = "support/transcript_fixture.rs"]
mod transcripts;

use std::time::Duration;

use tempdir::TempDir;
use tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(30);

#[test]
fn the_transcript_tab_opens_at_the_selected_segments_cue() {
    if !Tmux::available("the_transcript_tab_opens_at_the_selected_segments_cue") {
        return;
    }
    let dir = TempDir::new("e2e-transcript");
    let library = dir.path().join("show");
    std::fs::create_dir_all(&library).unwrap();
    transcripts::write_library(&library);
    let tmux = Tmux::start("transcript", DEADLINE);
    let bin = std::env::var("SHOWNOTES_E2E_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_shownotes").to_owned());
    let line = format!(
        "XDG_CACHE_HOME='{d}/cache' XDG_CONFIG_HOME='{d}/config' XDG_DATA_HOME='{d}/data' '{bin}' --library '{l}'; echo READER-ENDED",
        d = dir.path().display(),
        l = library.display(),
    );
    tmux.type_text(&line);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the episode list", |s| s.contains("Episodes (3)"));
    // Newest first: 702, 701, 700. The last is the one with a joined transcript.
    tmux.keys(&["G"]);
    tmux.wait_for("episode 700's joined times", |s| s.contains("Episode 700") && s.contains("~02:40"));
    tmux.keys(&["2"]);
    tmux.wait_for("segment 2's text", |s| s.contains("#2 Quokka packaging"));
    tmux.keys(&["l", "l", "l", "l"]);
    let screen = tmux.wait_for("the Transcript tab at segment 2's cue", |s| {
        s.contains("[Transcript]") && s.contains("▸ [02:40]   Ada: Nice. Over to you, Brook.")
    });
    assert!(screen.contains("~01:30") && screen.contains("~04:20"), "{screen}");
    let top = screen.lines().skip_while(|l| !l.contains("[Transcript]")).nth(1).unwrap_or_default();
    assert!(top.contains("▸ [02:40]"), "the segment's cue is the tab's top line:\n{screen}");
    tmux.type_text("/quokka");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the words found", |s| s.contains("“quokka”: 1 of 4 in this transcript"));
    tmux.keys(&["q"]);
    tmux.wait_for("the shell again", |s| s.contains("READER-ENDED"));
    assert_eq!(tmux.format("#{alternate_on}"), "0", "the terminal is given back");
}
