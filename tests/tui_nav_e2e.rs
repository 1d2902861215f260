//! The real binary in tmux on a library made at test time: Ctrl-Z and a SIGTSTP give the shell back and `fg`
//! redraws the reader; search → Enter lands on the highlighted match deep in a long segment.
//!
//! Needs tmux (each test prints why it skips without it); no corpus. `.ci/run` points SHOWNOTES_E2E_BIN at the
//! release binary.

#![allow(clippy::unwrap_used)]

#[path = "common/tempdir.rs"]
mod tempdir;
#[path = "support/tmux.rs"]
mod tmux;

use std::process::Command;
use std::time::Duration;

use tempdir::TempDir;
use tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(30);

/// The word only bullet 350 of the long segment holds.
const DEEP_WORD: &str = "quetzalcoatl";

/// Two episodes in the usual shape; episode 901's second segment has 400 bullets.
fn write_library(dir: &std::path::Path) {
    let short = "# Episode 900\n\n**Host A #1:** [**First topic**](https://example.com/one)\n\n- A short note.\n";
    std::fs::write(dir.join("900.md"), short).unwrap();
    let mut long = String::from(
        "# Episode 901\n\n**Host A #1:** [**Opening**](https://example.com/a)\n\n- Nothing to see.\n\n\
         **Host B #2:** [**The long one**](https://example.com/b)\n\n",
    );
    for i in 1..=400 {
        let extra = if i == 350 { format!(" mentions {DEEP_WORD} here") } else { String::new() };
        long.push_str(&format!("- Bullet {i}{extra}\n"));
    }
    std::fs::write(dir.join("901.md"), long).unwrap();
}

struct Session {
    tmux: Tmux,
    dir: TempDir,
}

/// A shell in tmux running the reader on a fresh library; `None` (and why) when tmux is missing.
fn start(name: &str) -> Option<Session> {
    start_in(name, None)
}

/// [`start`], inside `shell` (run from tmux's `sh`) when given.
fn start_in(name: &str, shell: Option<&str>) -> Option<Session> {
    if !Tmux::available(name) {
        return None;
    }
    let dir = TempDir::new(&format!("e2e-{name}"));
    let library = dir.path().join("episodes");
    std::fs::create_dir_all(&library).unwrap();
    write_library(&library);
    let tmux = Tmux::start(name, DEADLINE);
    if let Some(shell) = shell {
        tmux.type_text(&format!("{shell}; echo SHELL-ENDED"));
        tmux.keys(&["Enter"]);
    }
    let bin = std::env::var("SHOWNOTES_E2E_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_shownotes").to_owned());
    // One simple command, so that when it stops the shell gives its prompt back (a list would run on).
    let line = format!(
        "XDG_CACHE_HOME='{d}/cache' XDG_CONFIG_HOME='{d}/config' XDG_DATA_HOME='{d}/data' sh -c 'echo $$ > \"{d}/pid\"; exec \"{bin}\" --library \"{l}\"'",
        d = dir.path().display(),
        l = library.display(),
    );
    tmux.type_text(&line);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the episode list", |s| s.contains("Episodes (2)"));
    Some(Session { tmux, dir })
}

impl Session {
    /// Back at the shell: prompt shown, alternate screen left, mouse released, terminal cooked.
    fn assert_at_the_shell(&self) {
        let screen = self.tmux.wait_for("the shell prompt", |s| s.contains("Stopped") && !s.contains("Episodes (2)"));
        assert_eq!(self.tmux.format("#{alternate_on}"), "0", "the alternate screen is left:\n{screen}");
        assert_eq!(self.tmux.format("#{mouse_any_flag}"), "0", "mouse capture is released");
        assert_eq!(self.tmux.format("#{cursor_flag}"), "1", "the cursor shows");
        self.tmux.type_text("stty -a; echo AT-SHELL-$((40+2))");
        self.tmux.keys(&["Enter"]);
        let screen = self.tmux.wait_for("the shell to answer", |s| s.contains("AT-SHELL-42"));
        let modes: Vec<&str> = screen.split_whitespace().collect();
        assert!(modes.contains(&"icanon") && modes.contains(&"echo"), "a cooked terminal:\n{screen}");
    }

    /// `fg`: the reader takes the terminal again and redraws every cell.
    fn resume(&self) {
        self.tmux.type_text("clear; fg");
        self.tmux.keys(&["Enter"]);
        let screen = self.tmux.wait_for("the reader redrawn", |s| s.contains("Episodes (2)") && s.contains("q quit"));
        assert!(!screen.contains("AT-SHELL-42"), "the shell's text is painted over:\n{screen}");
        assert_eq!(self.tmux.format("#{alternate_on}"), "1");
        assert_ne!(self.tmux.format("#{mouse_any_flag}"), "0", "the mouse is captured again");
    }

    fn quit(&self) {
        self.tmux.keys(&["q"]);
        self.tmux.wait_for("the reader to exit", |s| !s.contains("Episodes (2)"));
    }
}

#[test]
fn ctrl_z_gives_the_shell_back_and_fg_redraws_the_reader() {
    let Some(s) = start("ctrlz") else { return };
    s.tmux.keys(&["j"]);
    s.tmux.keys(&["C-z"]);
    s.assert_at_the_shell();
    s.resume();
    s.tmux.keys(&["C-z"]);
    s.assert_at_the_shell();
    s.resume();
    s.quit();
}

#[test]
fn sigtstp_from_outside_suspends_the_same_way() {
    let Some(s) = start("tstp") else { return };
    let pid = std::fs::read_to_string(s.dir.path().join("pid")).unwrap();
    let status = Command::new("kill").args(["-TSTP", pid.trim()]).status().unwrap();
    assert!(status.success());
    s.assert_at_the_shell();
    s.resume();
    s.quit();
}

#[test]
fn search_then_enter_lands_on_the_highlighted_match_deep_in_a_long_segment() {
    let Some(s) = start("deepmatch") else { return };
    s.tmux.type_text(&format!("/{DEEP_WORD}"));
    s.tmux.wait_for("the result", |sc| sc.contains("1 result"));
    s.tmux.keys(&["Enter"]);
    let screen = s.tmux.wait_for("the match in the text", |sc| {
        sc.contains("[Segment text")
            && sc.contains("Result 1 of 1")
            && sc.contains(&format!("Bullet 350 mentions {DEEP_WORD}"))
    });
    assert!(!screen.contains("Bullet 1 ") && !screen.contains("Bullet 2 "), "scrolled past the start:\n{screen}");
    // With escapes: the word is drawn in its own style, unlike the words around it.
    let styled = String::from_utf8_lossy(&s.tmux.cmd(&["capture-pane", "-p", "-e", "-t", "main"]).stdout).into_owned();
    let line = styled.lines().find(|l| l.contains(DEEP_WORD)).unwrap_or_else(|| panic!("{styled:?}"));
    let before = &line[..line.find(DEEP_WORD).unwrap()];
    let sgr = before.strip_suffix('m').map(|b| b.trim_end_matches(|c: char| c.is_ascii_digit() || c == ';'));
    assert!(sgr.is_some_and(|b| b.ends_with("\u{1b}[")), "a style change right before the word: {line:?}");
    s.quit();
}

#[test]
fn a_stop_from_outside_then_fg_takes_the_terminal_back_and_repaints() {
    // bash puts its own terminal modes back for its prompt (dash would leave the reader's raw mode in place, so
    // nothing typed at it would run), and gives the job its modes again on `fg`.
    if !Command::new("bash").arg("--version").output().is_ok_and(|o| o.status.success()) {
        eprintln!("skipping a_stop_from_outside_then_fg_takes_the_terminal_back_and_repaints: no bash");
        return;
    }
    let Some(s) = start_in("stopcont", Some("PS1='bash$ ' bash --norc --noprofile")) else { return };
    let pid = std::fs::read_to_string(s.dir.path().join("pid")).unwrap();
    assert!(Command::new("kill").args(["-STOP", pid.trim()]).status().unwrap().success());
    s.tmux.wait_for("the shell", |sc| sc.contains("Stopped"));
    s.tmux.type_text("echo SHELL-WAS-HERE; fg");
    s.tmux.keys(&["Enter"]);
    s.tmux.wait_for("the reader repainted", |sc| sc.contains("Episodes (2)") && !sc.contains("SHELL-WAS-HERE"));
    s.tmux.keys(&["j"]);
    s.tmux.wait_for("keys reach the reader again", |sc| sc.contains("Episode 900"));
    s.quit();
}
