//! Hostile show notes against the real binary: every command finishes without a panic in bounded time, every
//! readable episode loads, every unreadable file is named with a reason, and no control character from the
//! notes reaches stdout or stderr.
//!
//! The fixture folder is built at test time (tests/hostile/fixtures.rs). Run with `-- --nocapture` to see the
//! table of cases, outcomes and times.

#![allow(clippy::unwrap_used)]

#[path = "hostile/fixtures.rs"]
mod fixtures;
#[path = "common/tempdir.rs"]
mod tempdir;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use fixtures::{Case, Expect};
use tempdir::TempDir;

/// Generous: a debug build under a loaded machine. Only a hang trips this; times are printed, not asserted.
const HANG_DEADLINE: Duration = Duration::from_secs(120);

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Run the real binary on `library` with output in files (no pipe can fill up), killing it at the deadline.
fn run(library: &Path, scratch: &Path, args: &[&str]) -> Run {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shownotes"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("SHOWNOTES_LIBRARY")
        .env("XDG_CACHE_HOME", scratch.join("cache"))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`shownotes {}` on {} hung past {HANG_DEADLINE:?}", args.join(" "), library.display());
        }
        std::thread::sleep(Duration::from_millis(5)); // polling interval, not synchronisation
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    Run { status, stdout, stderr, elapsed }
}

/// Characters a terminal would interpret: C0/C1 controls, DEL, and bidirectional overrides (an independent
/// list, so a hole in `sanitize` is not mirrored here).
fn interpreted(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every interpreted character in `text` other than those in `allowed`, with its byte offset.
fn controls_in(text: &str, allowed: &[char]) -> Vec<(usize, char)> {
    text.char_indices().filter(|&(_, c)| interpreted(c) && !allowed.contains(&c)).take(5).collect()
}

/// How a file name is shown: invalid UTF-8 replaced, control characters written as `\u{1b}` escapes.
fn shown_name(name: &[u8]) -> String {
    String::from_utf8_lossy(name)
        .chars()
        .map(|c| if interpreted(c) { format!("\\u{{{:x}}}", u32::from(c)) } else { c.to_string() })
        .collect()
}

/// Which episodes to `show`: each run loads the whole library, so the big shared one shows a few.
#[derive(Clone, Copy)]
enum Show {
    All,
    Only(&'static [u32]),
}

impl Show {
    fn includes(self, n: u32) -> bool {
        match self {
            Show::All => true,
            Show::Only(list) => list.contains(&n),
        }
    }
}

/// Checks every command on one library; returns a line for the table and pushes failures.
struct Checker<'a> {
    library: &'a Path,
    scratch: &'a Path,
    failures: Vec<String>,
}

impl Checker<'_> {
    fn command(&mut self, what: &str, args: &[&str], allowed: &[char]) -> Run {
        let r = run(self.library, self.scratch, args);
        let cmd = format!("{what}: `shownotes {}`", args.join(" "));
        if !r.status.success() {
            self.failures.push(format!("{cmd} exited {} — stderr: {}", r.status, r.stderr.trim()));
        }
        if r.stderr.contains("panicked") {
            self.failures.push(format!("{cmd} panicked: {}", r.stderr.trim()));
        }
        let bad = controls_in(&r.stdout, allowed);
        if !bad.is_empty() {
            self.failures.push(format!("{cmd}: control characters on stdout {bad:?}"));
        }
        let bad = controls_in(&r.stderr, &['\n']);
        if !bad.is_empty() {
            self.failures.push(format!("{cmd}: control characters on stderr {bad:?}"));
        }
        r
    }

    /// export, list and show for one set of cases; returns the outcome and times for the table.
    fn check(&mut self, what: &str, cases: &[&Case], show: Show) -> String {
        let export = self.command(what, &["export", "--format", "json"], &['\n']);
        let json: serde_json::Value = serde_json::from_str(&export.stdout).unwrap_or_else(|e| {
            self.failures.push(format!("{what}: export is not JSON ({e})"));
            serde_json::Value::Null
        });
        let episodes: BTreeSet<String> = json["episodes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["file"].as_str().unwrap_or_default().to_owned())
            .collect();
        let errors: Vec<(String, String)> = json["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                (e["file"].as_str().unwrap_or_default().to_owned(), e["message"].as_str().unwrap_or_default().into())
            })
            .collect();
        let list = self.command(what, &["list"], &['\n']);
        let mut outcome = Vec::new();
        let mut show_times = Vec::new();
        for case in cases {
            let file = shown_name(&case.file);
            match case.expect {
                Expect::Loads(n) => {
                    if !episodes.contains(&file) {
                        self.failures.push(format!("{what}: {file:?} did not load (errors: {errors:?})"));
                    }
                    if !list.stdout.lines().any(|l| l.trim_start().starts_with(&format!("{n} "))) {
                        self.failures.push(format!("{what}: `list` has no row for episode {n}"));
                    }
                    if show.includes(n) {
                        let shown = self.command(what, &["show", &n.to_string()], &['\n']);
                        if !shown.stdout.starts_with(&format!("Episode {n}")) {
                            self.failures.push(format!("{what}: `show {n}` printed {:?}…", shown.stdout.get(..80)));
                        }
                        show_times.push(shown.elapsed);
                    }
                    let segments = json["episodes"]
                        .as_array()
                        .and_then(|a| a.iter().find(|e| e["file"] == file.as_str()))
                        .and_then(|e| e["segments"].as_array().map(Vec::len))
                        .unwrap_or_default();
                    outcome.push(format!("loaded #{n} ({segments} segments)"));
                }
                Expect::Refused(reason) => {
                    match errors.iter().find(|(f, _)| *f == file) {
                        Some((_, message)) if message.contains(reason) => outcome.push(format!("refused: {message}")),
                        Some((_, message)) => {
                            self.failures.push(format!("{what}: {file:?} refused as {message:?}, expected {reason:?}"));
                        }
                        None => self.failures.push(format!("{what}: {file:?} not in errors ({errors:?})")),
                    }
                    if !export.stderr.contains(&shown_name(&case.file)) {
                        self.failures.push(format!("{what}: stderr does not name {file:?}: {}", export.stderr));
                    }
                }
            }
        }
        let show = show_times.iter().map(|t| format!("{:.2}s", t.as_secs_f64())).collect::<Vec<_>>().join("+");
        format!(
            "export {:.2}s, list {:.2}s, show {} — {}",
            export.elapsed.as_secs_f64(),
            list.elapsed.as_secs_f64(),
            if show.is_empty() { "-".into() } else { show },
            outcome.join("; ")
        )
    }
}

#[test]
fn each_hostile_case_alone() {
    let cases = fixtures::cases();
    let scratch = TempDir::new("hostile-scratch");
    let mut failures = Vec::new();
    let mut table = Vec::new();
    for case in &cases {
        let dir = TempDir::new("hostile-case");
        fixtures::build(dir.path(), std::slice::from_ref(case));
        let mut checker = Checker { library: dir.path(), scratch: scratch.path(), failures: Vec::new() };
        let line = checker.check(case.name, &[case], Show::All);
        table.push(format!("{:<58} {line}", case.name));
        failures.append(&mut checker.failures);
    }
    eprintln!("\nhostile cases, one library each ({}):\n{}", build_kind(), table.join("\n"));
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn whole_hostile_library() {
    let cases = fixtures::cases();
    let dir = TempDir::new("hostile-all");
    let scratch = TempDir::new("hostile-all-scratch");
    fixtures::build(dir.path(), &cases);
    let mut checker = Checker { library: dir.path(), scratch: scratch.path(), failures: Vec::new() };
    let all: Vec<&Case> = cases.iter().collect();
    let line = checker.check("whole library", &all, Show::Only(&[106, 111, 114, 119]));

    let export = checker.command("whole library", &["export", "--format", "json"], &['\n']);
    if !export.stderr.contains("both episode 111") {
        checker.failures.push(format!("no warning about two files numbered 111: {}", export.stderr));
    }
    checker.command("whole library", &["links", "106"], &['\n', '\t']);
    checker.command("whole library", &["search", "pwned"], &['\n']);
    // serde-saphyr escapes every C0/C1 control but writes bidi overrides raw (they reorder, they do not drive the
    // terminal); known limitation of the YAML writer, so only those are allowed through here.
    let bidi = [
        '\n', '\t', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}',
    ];
    checker.command("whole library", &["show", "106", "--format", "yaml"], &bidi);
    eprintln!("\nwhole hostile library ({}): {line}", build_kind());
    assert!(checker.failures.is_empty(), "{} failures:\n{}", checker.failures.len(), checker.failures.join("\n"));
}

fn build_kind() -> &'static str {
    if cfg!(debug_assertions) { "debug build" } else { "release build" }
}

#[test]
fn hostile_show_yaml_is_a_warning_not_a_failure() {
    let laughs = {
        let mut y =
            String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..12 {
            let p = i - 1;
            y.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        y.push_str("name: *a11\n");
        y
    };
    type Make<'a> = &'a dyn Fn(&Path);
    let kinds: [(&str, Make); 4] = [
        ("billion laughs", &|p| std::fs::write(p, &laughs).unwrap()),
        ("link to /dev/zero", &|p| std::os::unix::fs::symlink("/dev/zero", p).unwrap()),
        ("escape sequences", &|p| {
            std::fs::write(p, "name: \"\\e]0;pwned\\a\"\nhosts: [{name: \"\\e[2J\"}]\n").unwrap()
        }),
        ("binary", &|p| std::fs::write(p, [0xff_u8, 0, 0xfe, 0x1b, 0x9b]).unwrap()),
    ];
    let mut failures = Vec::new();
    for (what, make) in kinds {
        let dir = TempDir::new("hostile-yaml");
        let scratch = TempDir::new("hostile-yaml-scratch");
        std::fs::write(dir.path().join("200.md"), fixtures::episode(200, "fine")).unwrap();
        make(&dir.path().join("show.yaml"));
        let mut checker = Checker { library: dir.path(), scratch: scratch.path(), failures: Vec::new() };
        let list = checker.command(what, &["list"], &['\n']);
        if !list.stdout.trim_start().starts_with("200 ") {
            checker.failures.push(format!("{what}: episode 200 not listed: {:?}", list.stdout));
        }
        eprintln!("show.yaml {what}: list {:.2}s, stderr: {}", list.elapsed.as_secs_f64(), list.stderr.trim());
        failures.append(&mut checker.failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
