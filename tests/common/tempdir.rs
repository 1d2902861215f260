//! A temporary folder for one test, removed when dropped (no extra crate: std is enough).

use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new(tag: &str) -> Self {
        let salt = RandomState::new().hash_one(tag);
        let path = std::env::temp_dir().join(format!("shownotes-{tag}-{}-{salt:016x}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create temp dir");
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A test may have made parts read-only; give write access back so the folder can be removed.
        let _ = std::process::Command::new("chmod").arg("-R").arg("u+rwx").arg(&self.path).status();
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
