//! The real binary in a real terminal (tmux), on the corpus: search and jump, and the terminal restored on
//! every way out (q, Ctrl-C, SIGTERM, SIGHUP).
//!
//! Needs `SHOWNOTES_CORPUS` and tmux; each test prints why it skips when either is missing. Every test uses
//! its own tmux server (`-L`), so they run in parallel without seeing each other.

#[path = "support/tmux.rs"]
mod tmux;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use shownotes::tui::search_worker::{HitKind, SearchBackend};
use shownotes::tui::store_backend::{Cache, StoreBackend, Transcripts};

use tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(30);

/// The shared tmux harness plus a scratch folder for the reader's config, data and pid.
struct Reader {
    tmux: Tmux,
    dir: PathBuf,
}

impl Drop for Reader {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl std::ops::Deref for Reader {
    type Target = Tmux;
    fn deref(&self) -> &Tmux {
        &self.tmux
    }
}

impl Reader {
    /// A shell in a 120×40 pane with its own config and data folders, or `None` (and why) to skip.
    fn start(name: &str) -> Option<(Self, PathBuf)> {
        let Some(corpus) = std::env::var_os("SHOWNOTES_CORPUS").map(PathBuf::from) else {
            eprintln!("skipping {name}: set SHOWNOTES_CORPUS to the corpus folder to run the tmux tests");
            return None;
        };
        if !Tmux::available(name) {
            return None;
        }
        let dir = std::env::temp_dir().join(format!("shownotes-e2e-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Some((Self { tmux: Tmux::start(name, DEADLINE), dir }, corpus))
    }

    /// Run the reader in the pane's shell; afterwards the shell prints the terminal modes and a marker.
    fn launch(&self, corpus: &Path) {
        // `.ci/run` points SHOWNOTES_E2E_BIN at the release build it just made: the binary people run.
        let bin = std::env::var("SHOWNOTES_E2E_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_shownotes").to_owned());
        let pid = self.dir.join("pid");
        let line = format!(
            "DISPLAY= WAYLAND_DISPLAY= BROWSER= XDG_CACHE_HOME='{d}/cache' XDG_CONFIG_HOME='{d}/config' XDG_DATA_HOME='{d}/data' sh -c 'echo $$ > \"{p}\"; exec \"{bin}\" --library \"{c}\"'; stty -a; echo READER-EXITED-$((40+2))",
            d = self.dir.display(),
            p = pid.display(),
            c = corpus.display(),
        );
        self.type_text(&line);
        self.keys(&["Enter"]);
        self.wait_for("the episode list", |s| s.contains("Episodes ("));
        assert_eq!(self.format("#{alternate_on}"), "1", "the reader uses the alternate screen");
    }

    fn reader_pid(&self) -> String {
        std::fs::read_to_string(self.dir.join("pid")).expect("pid file").trim().to_owned()
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill").arg(format!("-{signal}")).arg(self.reader_pid()).status().expect("kill");
        assert!(status.success());
    }

    /// After the reader exits: the shell's `stty -a` shows a cooked, echoing terminal; no alternate screen, no mouse.
    fn assert_restored(&self) {
        let screen = self.wait_for("the reader to exit", |s| s.contains("READER-EXITED-42"));
        let modes: Vec<&str> = screen.split_whitespace().collect();
        assert!(modes.contains(&"icanon") && !modes.contains(&"-icanon"), "canonical mode is back:\n{screen}");
        assert!(modes.contains(&"echo") && !modes.contains(&"-echo"), "echo is back:\n{screen}");
        assert_eq!(self.format("#{alternate_on}"), "0", "the alternate screen is left");
        assert_eq!(self.format("#{mouse_any_flag}"), "0", "mouse capture is released");
    }
}

#[test]
fn search_then_enter_shows_that_segment() {
    let Some((t, corpus)) = Reader::start("search") else { return };
    let library = std::sync::Arc::new(shownotes::library::Library::load(&corpus).expect("corpus loads"));
    // The reader's own backend over an index in memory: its first answer, from the notes, as the reader shows.
    let mut backend = StoreBackend::new(library, Cache::Memory, Transcripts::AfterFirstAnswer);
    let hit = backend.search("mypy").hits.into_iter().next().expect("the corpus mentions mypy");
    assert_eq!(hit.kind, HitKind::Segment);
    let number = hit.episode.expect("numbered episode");
    let title_start: String = hit.title.chars().take(30).collect();

    t.launch(&corpus);
    t.type_text("/mypy");
    t.wait_for("search results", |s| s.contains("/ mypy") && s.contains("result"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the segment text", |s| s.contains(&format!(" {number} ·")) && s.contains("[Segment text"));
    assert!(screen.contains(title_start.split_whitespace().next().unwrap_or("")), "{screen}");

    // No DISPLAY and no $BROWSER: `o` still tries the platform opener and says what happened in one sentence;
    // `y` inside tmux goes through `tmux load-buffer`.
    t.type_text("o");
    t.wait_for("the open report", |s| s.contains("No browser could be started") || s.contains("Started the system"));
    t.type_text("y");
    t.wait_for("the copy confirmation", |s| s.contains("tmux's paste buffer"));
    t.keys(&["q"]);
    t.assert_restored();

    // Opening the segment marked its episode read, at the XDG data path.
    let state = std::fs::read_to_string(t.dir.join("data/shownotes/state.json")).expect("state written");
    let state: serde_json::Value = serde_json::from_str(&state).expect("state is JSON");
    assert!(state["read"].as_array().is_some_and(|r| r.contains(&serde_json::json!(number))), "{state}");
}

#[test]
fn q_restores_the_terminal() {
    let Some((t, corpus)) = Reader::start("quit") else { return };
    t.launch(&corpus);
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let Some((t, corpus)) = Reader::start("ctrlc") else { return };
    t.launch(&corpus);
    t.keys(&["C-c"]);
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let Some((t, corpus)) = Reader::start("sigterm") else { return };
    t.launch(&corpus);
    t.signal("TERM");
    t.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let Some((t, corpus)) = Reader::start("sighup") else { return };
    t.launch(&corpus);
    t.signal("HUP");
    t.assert_restored();
}

#[test]
fn a_resize_storm_down_to_1x1_never_kills_the_reader() {
    let Some((t, corpus)) = Reader::start("resize") else { return };
    t.launch(&corpus);
    t.type_text("3");
    for (w, h) in [(1, 1), (20, 5), (200, 60), (2, 40), (49, 11), (1, 1), (80, 3), (120, 40)] {
        assert!(t.cmd(&["resize-window", "-t", "main", "-x", &w.to_string(), "-y", &h.to_string()]).status.success());
    }
    t.wait_for("the full layout again", |s| s.contains("Episodes (") && s.contains("[Segment text"));
    t.keys(&["q"]);
    t.assert_restored();
}

/// True once the process has exited (gone, or a zombie nobody reaped).
fn exited(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_or(true, |stat| stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')))
}

#[test]
fn a_vanished_terminal_ends_the_reader_instead_of_spinning() {
    let Some((t, corpus)) = Reader::start("hangup") else { return };
    t.launch(&corpus);
    let pid = t.reader_pid();
    assert!(!exited(&pid));
    // Closing the window hangs the terminal up under the reader, as a closed terminal or a dropped SSH link does.
    assert!(t.cmd(&["kill-server"]).status.success());
    let start = Instant::now();
    while !exited(&pid) {
        if start.elapsed() > DEADLINE {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("the reader (pid {pid}) was still running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
