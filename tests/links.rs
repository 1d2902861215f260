//! The opener gets the URL as exactly one argument, untouched by any shell, and refused links never reach it.
//!
//! A fake `xdg-open` on PATH records its arguments; PATH is changed only in a child process (this test binary,
//! re-invoked), never in the test process itself.

#![allow(clippy::unwrap_used)]

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tempdir::TempDir;

/// Not a test on its own: the child of [`opener_gets_the_url_as_one_argument`]; opens the URL in its environment.
#[test]
fn child_open_process() {
    let Ok(url) = std::env::var("SHOWNOTES_TEST_OPEN_URL") else { return };
    match shownotes::links::open(&url) {
        Ok(()) => println!("\nOPENED"),
        Err(e) => println!("\nREFUSED {e}"),
    }
}

fn open_in_child(fake_bin: &Path, url: &str) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_open_process", "--nocapture", "--test-threads=1"])
        .env("SHOWNOTES_TEST_OPEN_URL", url)
        .env("PATH", fake_bin)
        .env_remove("WSL_DISTRO_NAME")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    stdout.lines().find(|l| l.starts_with("OPENED") || l.starts_with("REFUSED")).unwrap_or_default().to_owned()
}

/// Wait for the detached opener to write its record, with a deadline.
fn wait_for(path: &Path) -> Option<String> {
    let end = Instant::now() + Duration::from_secs(30);
    while Instant::now() < end {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with("END\n")
        {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(10)); // polling interval, not synchronisation
    }
    None
}

fn fake_opener(dir: &Path, record: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let script = format!(
        "#!/bin/sh\n{{ printf '%s\\n' \"$#\"; for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done; printf 'END\\n'; }} > '{}'\n",
        record.display()
    );
    for name in ["xdg-open", "gio", "gnome-open", "kde-open"] {
        let p = dir.join(name);
        std::fs::write(&p, &script).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn opener_gets_the_url_as_one_argument() {
    let dir = TempDir::new("links-open");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let record = dir.path().join("record");
    fake_opener(&bin, &record);
    let url = "https://example.com/?q=$(touch${IFS}pwned)&x=`id`;y='z'|w\"v\"";
    assert_eq!(open_in_child(&bin, url), "OPENED");
    let seen = wait_for(&record).expect("the fake opener never ran");
    assert_eq!(seen, format!("1\n[{url}]\nEND\n"));
    assert!(!Path::new("pwned").exists() && !dir.path().join("pwned").exists());
}

#[test]
fn refused_links_never_reach_the_opener() {
    let dir = TempDir::new("links-refuse");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let record = dir.path().join("record");
    fake_opener(&bin, &record);
    for url in ["-oProxyCommand=touch /tmp/x", "file:///etc/passwd", "javascript:alert(1)", "https://a.b/\x1b[2J"] {
        let result = open_in_child(&bin, url);
        assert!(result.starts_with("REFUSED not opening"), "{url:?} → {result:?}");
    }
    assert!(!record.exists(), "the opener ran for a refused link");
}
