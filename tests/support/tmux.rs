//! A private tmux server for end-to-end tests: run the real binary in a real terminal and read its screen.
//!
//! Each test names its own server (`-L`), so tests run in parallel without seeing each other; the server is
//! killed when the value drops. Screens are polled with a deadline, never waited for with a fixed sleep.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    deadline: Duration,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
        let _ = std::fs::remove_dir_all(self.cache_home());
    }
}

impl Tmux {
    /// Whether tmux can run here; prints why the test skips when it cannot.
    pub fn available(test: &str) -> bool {
        let ok = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipping {test}: tmux is not installed (apt-get install tmux)");
        }
        ok
    }

    /// A server named after `name` with one session `main` running `sh` in a 120×40 pane. The shell's
    /// `XDG_CACHE_HOME` is a folder of this server's own, so a reader started without one set never touches
    /// the user's index.
    pub fn start(name: &str, deadline: Duration) -> Self {
        let t = Self { socket: format!("shownotes-{name}-{}", std::process::id()), deadline };
        let cache = format!("XDG_CACHE_HOME={}", t.cache_home().display());
        t.ok(&["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", "main", "-e", &cache, "sh"]);
        t
    }

    /// The cache folder the server's shell starts with.
    pub fn cache_home(&self) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("{}-cache", self.socket))
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("run tmux")
    }

    /// Run a tmux command that must succeed.
    pub fn ok(&self, args: &[&str]) {
        let out = self.cmd(args);
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Press keys by tmux name (`Enter`, `C-c`, `j`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend(keys);
        self.ok(&args);
    }

    /// Type text literally.
    pub fn type_text(&self, text: &str) {
        self.ok(&["send-keys", "-t", "main", "-l", text]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "main"]).stdout).into_owned()
    }

    /// A tmux format of the pane (`#{alternate_on}`, `#{pane_title}`).
    pub fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.cmd(&["display-message", "-p", "-t", "main", f]).stdout).trim().to_owned()
    }

    /// Poll the screen until `ok` holds, failing with the last screen at the deadline.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(start.elapsed() < self.deadline, "timed out waiting for {what}; the screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50)); // polling interval, not synchronisation
        }
    }
}
