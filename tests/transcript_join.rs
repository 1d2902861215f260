//! The notes ↔ transcript join scored on the hand-labelled segment starts of the dev episodes
//! (`segment_starts.json` in `SHOWNOTES_CORPUS`): at least 90% of starts within 30 seconds.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::PathBuf;

use shownotes::library::Library;
use shownotes::transcript;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("SHOWNOTES_CORPUS")?);
    dir.join("segment_starts.json").is_file().then_some(dir)
}

#[test]
fn join_places_nine_in_ten_segment_starts_within_30_seconds() {
    let Some(root) = corpus() else {
        eprintln!("SHOWNOTES_CORPUS is not set to the python_bytes archive; skipping the join score");
        return;
    };
    let labels: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("segment_starts.json")).unwrap()).unwrap();
    let mut library = Library::load(&root).unwrap();
    let files = transcript::discover::discover(&root);
    let (mut good, mut total) = (0, 0);
    for (number, ep) in labels["episodes"].as_object().unwrap() {
        let n: u32 = number.parse().unwrap();
        let episode = library.episodes.iter_mut().find(|e| e.number == Some(n)).unwrap();
        let t = transcript::load(files.get(n).unwrap()).unwrap();
        let starts = transcript::join::starts(episode, &t);
        for (k, want) in ep["segments"].as_array().unwrap().iter().enumerate() {
            let want = want.as_f64().unwrap();
            let got = starts.segments.get(k).copied().flatten();
            let ok = got.is_some_and(|g| (g - want).abs() <= 30.0);
            eprintln!(
                "episode {n} segment {}: labelled {want}, joined {got:?} {}",
                k + 1,
                if ok { "ok" } else { "MISS" }
            );
            good += usize::from(ok);
            total += 1;
        }
    }
    eprintln!("join: {good}/{total} segment starts within 30 s");
    assert!(good * 10 >= total * 9, "only {good} of {total} segment starts within 30 s");
}
