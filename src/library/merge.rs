//! Several shows as one [`Library`]: what `export` writes and the reader opens when more than one show is open.

use std::path::PathBuf;

use super::{FileError, Library};

/// Merge the libraries of several shows, each given with its short name (`pb`): episodes newest first across
/// shows (by date, then number; undated last), each with `show` set (its own show name, else the short name);
/// unreadable files named `SHORT/file`; warnings prefixed `SHORT: `. The result has no single root (an empty
/// path), so nothing that looks for files beside the notes finds another show's.
pub fn merge(parts: Vec<(String, Library)>) -> Library {
    let mut merged = Library { root: PathBuf::new(), ..Library::default() };
    for (name, library) in parts {
        merged.episodes.extend(library.episodes.into_iter().map(|mut e| {
            if e.show.as_deref().is_none_or(|s| s.trim().is_empty()) {
                e.show = Some(library.show.name.clone().unwrap_or_else(|| name.clone()));
            }
            e
        }));
        merged.errors.extend(library.errors.into_iter().map(|e| FileError { file: format!("{name}/{}", e.file), ..e }));
        merged.warnings.extend(library.warnings.into_iter().map(|w| format!("{name}: {w}")));
    }
    sort_newest_first(&mut merged.episodes);
    merged
}

/// Newest first by date, then by number (undated episodes last); stable, so ties keep the shows' order.
pub fn sort_newest_first(episodes: &mut [crate::model::Episode]) {
    episodes.sort_by(|a, b| b.date.cmp(&a.date).then(b.number.cmp(&a.number)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Episode;

    fn ep(number: u32, date: &str) -> Episode {
        Episode { number: Some(number), date: Some(date.into()), file: format!("{number}.md"), ..Episode::default() }
    }

    #[test]
    fn newest_first_across_shows_with_each_show_named() {
        let a = Library { episodes: vec![ep(1, "2024-01-01"), ep(2, "2024-03-01")], ..Library::default() };
        let mut b = Library {
            episodes: vec![ep(7, "2024-02-01")],
            errors: vec![FileError { file: "x.md".into(), message: "bad".into() }],
            ..Library::default()
        };
        b.show.name = Some("Bee Show".into());
        let m = merge(vec![("a".into(), a), ("b".into(), b)]);
        let got: Vec<(Option<u32>, Option<&str>)> = m.episodes.iter().map(|e| (e.number, e.show.as_deref())).collect();
        assert_eq!(got, [(Some(2), Some("a")), (Some(7), Some("Bee Show")), (Some(1), Some("a"))]);
        assert_eq!(m.errors[0].file, "b/x.md");
    }
}
