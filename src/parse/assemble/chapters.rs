//! Chapters anywhere in the notes: list items and paragraph lines that start with a time, and a bare time
//! line whose topic is the first item of the list under it.

use super::general::visible;
use super::heading::valid_url;
use crate::model::Chapter;
use crate::parse::chapters::{RawChapter, parse_line, resolve};
use crate::parse::walker::{BlockKind, Walk};

/// Could this source line start with a time? A byte scan of its opening (`- **[12:34](#t=…)**` fits), so the
/// many lines that cannot be chapters cost no allocation.
fn may_have_time(line: &str) -> bool {
    let b = line.as_bytes();
    let head = b.get(..24).unwrap_or(b);
    head.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
}

/// Every chapter of the walk, in document order; whether `a:b:c` is hours or a timecode is decided per list
/// (or paragraph), so one editor's timecodes do not turn another list's hours into minutes.
pub fn chapters(text: &str, walk: &Walk<'_>) -> Vec<Chapter> {
    let mut raw: Vec<(usize, RawChapter, Option<String>)> = Vec::new();
    let link_in = |range: std::ops::Range<usize>| {
        walk.links
            .iter()
            .find(|l| range.contains(&l.offset) && valid_url(&l.url) && !l.url.starts_with('#'))
            .map(|l| l.url.trim().to_owned())
    };
    for (i, b) in walk.blocks.iter().enumerate() {
        let src = text.get(b.range.clone()).unwrap_or("");
        match b.kind {
            BlockKind::List => {
                for it in &b.items {
                    let item = text.get(it.range.clone()).unwrap_or("");
                    if !may_have_time(item.trim_start()) {
                        continue;
                    }
                    if let Some(c) = parse_line(&visible(item)).filter(|c| !c.title.is_empty()) {
                        raw.push((i, c, link_in(it.range.clone())));
                    }
                }
            }
            BlockKind::Paragraph => {
                let mut at = b.range.start;
                for line in src.split('\n') {
                    let range = at..at + line.len();
                    at += line.len() + 1;
                    if !may_have_time(line.trim_start()) {
                        continue;
                    }
                    let Some(mut c) = parse_line(&visible(line)) else { continue };
                    if c.title.is_empty() {
                        // A bare time: the topic is the first item of the list right under it.
                        let next = walk.blocks.get(i + 1).filter(|n| n.kind == BlockKind::List && b.lines.len() == 1);
                        let Some(first) = next.and_then(|n| n.items.first()) else { continue };
                        c.title = visible(text.get(first.range.clone()).unwrap_or(""));
                        if c.title.is_empty() {
                            continue;
                        }
                        raw.push((i, c, link_in(first.range.clone())));
                        continue;
                    }
                    raw.push((i, c, link_in(range)));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    for group in raw.chunk_by(|a, b| a.0 == b.0) {
        let stamps: Vec<_> = group.iter().map(|(_, c, _)| c.stamp).collect();
        for (start, (_, c, url)) in resolve(&stamps).into_iter().zip(group) {
            out.push(Chapter { start, title: c.title.clone(), url: url.clone() });
        }
    }
    out
}
