//! The reading state survives: atomic writes, merging between instances, bad files set aside, read-only folders,
//! and a writer killed between any two steps of the write protocol.

#![allow(clippy::unwrap_used)]

#[path = "common/tempdir.rs"]
mod tempdir;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use shownotes::state::{Change, STATE_VERSION, StateStore, WriteStep};
use tempdir::TempDir;

fn set(items: &[u32]) -> BTreeSet<u32> {
    items.iter().copied().collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn marks_round_trip_and_leave_no_temporary_files() {
    let dir = TempDir::new("state-roundtrip");
    let path = dir.path().join("data/state.json");
    let (mut store, warnings) = StateStore::open(path.clone());
    assert!(warnings.is_empty(), "{warnings:?}");
    store.set_read(3, true).unwrap();
    store.set_starred(9, true).unwrap();
    store.set_read(4, true).unwrap();
    store.set_read(4, false).unwrap();

    let on_disk: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(on_disk["version"], STATE_VERSION);
    assert_eq!(on_disk["read"], serde_json::json!([3]));
    assert_eq!(on_disk["starred"], serde_json::json!([9]));
    assert_eq!(names(&dir.path().join("data")), ["state.json", "state.json.lock"]);

    let (again, warnings) = StateStore::open(path);
    assert!(warnings.is_empty());
    assert!(again.is_read(3) && !again.is_read(4) && again.is_starred(9));
}

#[test]
fn corrupt_file_is_moved_aside_without_replacing_an_earlier_one() {
    let dir = TempDir::new("state-corrupt");
    let path = dir.path().join("state.json");
    fs::write(dir.path().join("state.json.corrupt"), "earlier").unwrap();
    fs::write(&path, "{ not json").unwrap();

    let (mut store, warnings) = StateStore::open(path.clone());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("is corrupt") && warnings[0].contains("state.json.corrupt.1"), "{}", warnings[0]);
    assert_eq!(fs::read_to_string(dir.path().join("state.json.corrupt")).unwrap(), "earlier");
    assert_eq!(fs::read_to_string(dir.path().join("state.json.corrupt.1")).unwrap(), "{ not json");
    assert!(!path.exists());
    assert_eq!(store.state().read, set(&[]));

    store.set_read(1, true).unwrap();
    assert!(StateStore::open(path).0.is_read(1));
}

#[test]
fn future_version_is_moved_aside_not_misread() {
    let dir = TempDir::new("state-future");
    let path = dir.path().join("state.json");
    let future = format!(r#"{{"version": {}, "read": [1, 2], "bookmarks": {{}}}}"#, STATE_VERSION + 1);
    fs::write(&path, &future).unwrap();

    let (store, warnings) = StateStore::open(path.clone());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("newer shownotes"), "{}", warnings[0]);
    assert!(!store.is_read(1));
    assert_eq!(fs::read_to_string(dir.path().join("state.json.newer")).unwrap(), future);
}

#[test]
fn file_corrupted_between_saves_is_set_aside_and_marks_kept() {
    let dir = TempDir::new("state-corrupt-later");
    let path = dir.path().join("state.json");
    let (mut store, _) = StateStore::open(path.clone());
    store.set_read(1, true).unwrap();
    fs::write(&path, [0xff, 0x00, 0x13]).unwrap();
    store.set_read(2, true).unwrap();
    let warnings = store.take_warnings();
    assert!(warnings.len() == 1 && warnings[0].contains("state.json.corrupt"), "{warnings:?}");
    assert_eq!(fs::read(dir.path().join("state.json.corrupt")).unwrap(), [0xff, 0x00, 0x13]);
    assert_eq!(StateStore::open(path).0.state().read, set(&[1, 2]));
}

#[test]
fn two_instances_merge_marks_and_unmarks() {
    let dir = TempDir::new("state-merge");
    let path = dir.path().join("state.json");
    let (mut a, _) = StateStore::open(path.clone());
    let (mut b, _) = StateStore::open(path.clone());
    a.set_read(5, true).unwrap();
    a.set_starred(6, true).unwrap();
    b.set_read(7, true).unwrap(); // b never saw 5: it must not drop it
    assert_eq!(b.state().read, set(&[5, 7]), "a save picks up the other instance's marks");
    a.set_read(5, false).unwrap(); // a unread must not be undone by b's stale view
    b.set_starred(6, false).unwrap();
    b.set_starred(8, true).unwrap();

    let (fresh, _) = StateStore::open(path);
    assert_eq!(fresh.state().read, set(&[7]));
    assert_eq!(fresh.state().starred, set(&[8]));
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = TempDir::new("state-concurrent");
    let path = dir.path().join("state.json");
    let threads: Vec<_> = (0..4u32)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let (mut store, _) = StateStore::open(path);
                for i in 0..25 {
                    store.set_read(t * 100 + i, true).unwrap();
                    store.set_starred(t * 100 + i, i % 2 == 0).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let (store, warnings) = StateStore::open(path);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(store.state().read.len(), 100);
    assert_eq!(store.state().starred.len(), 52);
}

#[test]
fn unwritable_data_folder_keeps_marks_in_memory_with_a_warning() {
    let dir = TempDir::new("state-notdir");
    // A file where the data folder should be: no folder can be created, whoever runs the test (even root).
    fs::write(dir.path().join("data"), "a file").unwrap();
    let (mut store, warnings) = StateStore::open(dir.path().join("data/state.json"));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("only until you quit"), "{}", warnings[0]);
    assert!(store.path().is_none());
    store.set_read(4, true).unwrap();
    assert!(store.is_read(4));
    assert_eq!(fs::read_to_string(dir.path().join("data")).unwrap(), "a file");
}

#[test]
fn read_only_data_folder_reads_existing_marks_and_keeps_new_ones_in_memory() {
    let dir = TempDir::new("state-readonly");
    let data = dir.path().join("data");
    let path = data.join("state.json");
    StateStore::open(path.clone()).0.set_read(1, true).unwrap();
    fs::remove_file(data.join("state.json.lock")).unwrap();
    Command::new("chmod").arg("a-w").arg(&data).status().unwrap();
    if fs::write(data.join("probe"), "").is_ok() {
        eprintln!("skipped: permissions are not enforced for this user (root?); the not-a-folder test covers it");
        return;
    }
    let before = fs::read(&path).unwrap();
    let (mut store, warnings) = StateStore::open(path.clone());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(store.is_read(1), "existing marks are still read");
    store.set_starred(2, true).unwrap();
    assert!(store.is_starred(2));
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Not a test on its own: the child process of [`killed_writer_leaves_old_or_new_file_never_a_mix`].
/// It saves a change and stops at the step named in the environment, until it is killed.
#[test]
fn child_writer_process() {
    let (Ok(path), Ok(step)) = (std::env::var("SHOWNOTES_TEST_STATE_FILE"), std::env::var("SHOWNOTES_TEST_STEP"))
    else {
        return;
    };
    let (mut store, _) = StateStore::open(PathBuf::from(path));
    store.record(Change::Read(2));
    store.record(Change::Star(3));
    let _ = store.save_observed(&mut |s| {
        if format!("{s:?}") == step {
            // libtest has already printed `test child_writer_process ... ` without a newline.
            println!("\nPAUSED {s:?}");
            loop {
                std::thread::park();
            }
        }
    });
    println!("FINISHED without pausing");
}

/// Wait (with a deadline) for the child to print a line starting with `prefix`.
fn wait_for_line(child: &mut std::process::Child, prefix: &str, deadline: Duration) -> String {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let end = Instant::now() + deadline;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.starts_with(prefix) => return line,
            Ok(_) => {}
            Err(e) => {
                let _ = child.kill();
                panic!("child never printed {prefix:?}: {e}");
            }
        }
    }
}

#[test]
fn killed_writer_leaves_old_or_new_file_never_a_mix() {
    let steps = [WriteStep::TempCreated, WriteStep::TempWritten, WriteStep::TempSynced, WriteStep::Renamed];
    for step in steps {
        let dir = TempDir::new("state-kill");
        let path = dir.path().join("state.json");
        StateStore::open(path.clone()).0.set_read(1, true).unwrap();
        let old = fs::read(&path).unwrap();

        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_writer_process", "--nocapture", "--test-threads=1"])
            .env("SHOWNOTES_TEST_STATE_FILE", &path)
            .env("SHOWNOTES_TEST_STEP", format!("{step:?}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let line = wait_for_line(&mut child, "PAUSED", Duration::from_secs(60));
        assert_eq!(line, format!("PAUSED {step:?}"));
        child.kill().unwrap();
        child.wait().unwrap();

        let temps = names(dir.path()).into_iter().filter(|n| n.contains(".tmp-")).count();
        assert_eq!(temps, usize::from(step != WriteStep::Renamed), "temporary file left at {step:?}");
        let now = fs::read(&path).unwrap();
        // The dead child held the lock; the kernel released it, so opening must not wait. Check in a thread.
        let (tx, rx) = mpsc::channel();
        let p = path.clone();
        std::thread::spawn(move || tx.send(StateStore::open(p)).unwrap());
        let (store, warnings) = rx.recv_timeout(Duration::from_secs(30)).expect("open after kill hung on the lock");
        assert!(warnings.is_empty(), "{step:?}: {warnings:?}");
        if step == WriteStep::Renamed {
            assert_eq!((store.state().read.clone(), store.state().starred.clone()), (set(&[1, 2]), set(&[3])));
        } else {
            assert_eq!(now, old, "state file changed before the rename at {step:?}");
            assert_eq!((store.state().read.clone(), store.state().starred.clone()), (set(&[1]), set(&[])));
        }
        assert!(names(dir.path()).iter().all(|n| !n.contains(".tmp-")), "stale temporary file not cleaned");
        eprintln!("killed at {step:?}: file intact ({} bytes)", now.len());
    }
}

#[test]
fn the_resume_place_round_trips_and_older_files_without_it_still_load() {
    let dir = TempDir::new("state-resume");
    let path = dir.path().join("state.json");
    fs::write(&path, r#"{"version":1,"read":[3],"starred":[]}"#).unwrap();
    let (mut store, warnings) = StateStore::open(path.clone());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!((store.state().read.clone(), store.state().resume.clone()), (set(&[3]), None));
    let place = shownotes::state::Resume {
        file: "149.md".into(),
        segment: 2,
        tab: "links".into(),
        scroll: 40,
        sort: "oldest".into(),
        pane: "links".into(),
    };
    store.change(Change::Resume(place.clone())).unwrap();
    let (again, _) = StateStore::open(path);
    assert_eq!(again.state().resume.as_ref(), Some(&place));
    assert!(again.is_read(3), "the marks are kept beside it");
}
