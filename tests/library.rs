//! Library loading through the API: folder layouts, ordering, per-file errors and warnings.

#![allow(clippy::unwrap_used)]

#[path = "common/tempdir.rs"]
mod tempdir;

use std::path::Path;

use shownotes::library::{Library, LibraryError};
use tempdir::TempDir;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn episode(n: u32) -> String {
    format!("# Python Bytes {n}\n\n**Michael #1:** [Topic {n}](https://example.com/{n})\n\n- body\n")
}

#[test]
fn an_archive_root_reads_show_notes_and_sorts_by_number() {
    let tmp = TempDir::new("lib-archive");
    let root = tmp.path();
    let notes = root.join("show_notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::create_dir_all(root.join("transcripts")).unwrap();
    write(&notes, "10.md", &episode(10));
    write(&notes, "9.md", &episode(9));
    write(&notes, "README.md", "# About these notes\n");
    write(root, "README.md", "# Not an episode\n");
    let lib = Library::load(root).unwrap();
    assert_eq!(lib.episodes.iter().map(|e| e.number).collect::<Vec<_>>(), [Some(9), Some(10)]);
    assert_eq!(lib.episodes[0].file, "show_notes/9.md");
    assert!(lib.errors.is_empty(), "{:?}", lib.errors);
}

#[test]
fn the_file_name_numbers_an_episode_without_a_heading_number() {
    let tmp = TempDir::new("lib-filename");
    let root = tmp.path();
    write(root, "ep-042.md", "**Brian #1:** [T](https://t.example)\n");
    let lib = Library::load(root).unwrap();
    assert_eq!(lib.episodes[0].number, Some(42));
}

#[test]
fn bad_files_become_errors_and_the_rest_loads() {
    let tmp = TempDir::new("lib-bad");
    let root = tmp.path();
    write(root, "1.md", &episode(1));
    write(root, "2.md", "");
    std::fs::write(root.join("3.md"), b"caf\xe9 au lait").unwrap();
    std::fs::write(root.join("4.md"), b"\x00\x01\x02\xff").unwrap();
    std::fs::create_dir_all(root.join("x.md")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop.md", root.join("loop.md")).unwrap();
    let lib = Library::load(root).unwrap();
    assert_eq!(lib.episodes.len(), 1);
    let reason = |file: &str| lib.errors.iter().find(|e| e.file == file).map(|e| e.message.clone()).unwrap_or_default();
    assert!(reason("2.md").contains("empty"), "{:?}", lib.errors);
    assert!(reason("3.md").contains("not UTF-8"), "{:?}", lib.errors);
    assert!(reason("4.md").contains("binary"), "{:?}", lib.errors);
    assert!(reason("x.md").contains("folder"), "{:?}", lib.errors);
    #[cfg(unix)]
    assert!(reason("loop.md").contains("link loop"), "{:?}", lib.errors);
}

#[test]
fn two_files_with_one_number_are_both_kept_with_a_warning() {
    let tmp = TempDir::new("lib-dupes");
    let root = tmp.path();
    write(root, "a.md", &episode(5));
    write(root, "b.md", &episode(5));
    let lib = Library::load(root).unwrap();
    assert_eq!(lib.episodes.len(), 2);
    assert!(
        lib.warnings.iter().any(|w| w.contains("a.md") && w.contains("b.md") && w.contains("episode 5")),
        "{:?}",
        lib.warnings
    );
}

#[test]
fn a_broken_show_yaml_is_a_warning_naming_the_line() {
    let tmp = TempDir::new("lib-showyaml");
    let root = tmp.path();
    write(root, "1.md", &episode(1));
    write(root, "show.yaml", "name: X\nhosts:\n  - name: [unclosed\n");
    let lib = Library::load(root).unwrap();
    assert_eq!(lib.episodes.len(), 1);
    assert!(lib.warnings.iter().any(|w| w.contains("show.yaml") && w.contains("line")), "{:?}", lib.warnings);
}

#[test]
fn a_missing_or_non_folder_root_is_an_error() {
    assert!(matches!(Library::load(Path::new("/nonexistent/shownotes")), Err(LibraryError::NotFound(_))));
    let tmp = TempDir::new("lib-file-root");
    let root = tmp.path();
    write(root, "1.md", &episode(1));
    assert!(matches!(Library::load(&root.join("1.md")), Err(LibraryError::NotAFolder(_))));
}

#[test]
fn show_yaml_sponsors_fold_their_aliases_and_unknown_fields_still_warn() {
    let tmp = TempDir::new("lib-sponsors");
    let root = tmp.path();
    write(root, "1.md", "# Python Bytes 1\n\nSponsored by ScoutAPM: [scout](https://scout.example)\n");
    write(root, "2.md", "# Python Bytes 2\n\nSponsored by Scout: [scout](https://scout.example)\n");
    write(root, "show.yaml", "name: X\nsponsors:\n  - name: Scout APM\n    aliases: [Scout]\n");
    let lib = Library::load(root).unwrap();
    assert!(lib.warnings.is_empty(), "{:?}", lib.warnings);
    let names: Vec<&str> = lib.episodes.iter().flat_map(|e| e.sponsors.iter().map(|s| s.name.as_str())).collect();
    assert_eq!(names, ["Scout APM", "Scout APM"]);
    write(root, "show.yaml", "name: X\nsponsor:\n  - name: Scout APM\n");
    let lib = Library::load(root).unwrap();
    assert!(lib.warnings.iter().any(|w| w.contains("show.yaml")), "{:?}", lib.warnings);
}
