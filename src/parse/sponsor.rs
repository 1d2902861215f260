//! Sponsor lines: `Sponsored by Datadog: pythonbytes.fm/datadog`, `This episode is brought to you by …`,
//! a `**Sponsor**` block, `SPONSOR SEGMENT: …`. The name is the words after the phrase, up to the first
//! separator; a bare `pythonbytes.fm/digitalocean` names the sponsor by its last path segment.

/// Does this line announce a sponsor? Returns the byte offset just after the announcing phrase.
pub fn sponsor_phrase(line: &str) -> Option<usize> {
    let t = line.trim_start().trim_start_matches(['*', '_', '“', '"']);
    let lead = line.len() - t.len();
    if !t.starts_with(['s', 'S', 't', 'T', 'b', 'B']) {
        return None;
    }
    let lower = super::text::prefix(t, 160).to_ascii_lowercase();
    let word_end = |i: usize| !lower.get(i..).and_then(|r| r.chars().next()).is_some_and(char::is_alphabetic);
    if lower.starts_with("sponsored by") {
        return Some(lead + "sponsored by".len());
    }
    if lower.starts_with("sponsored") && word_end("sponsored".len()) {
        return Some(lead + "sponsored".len());
    }
    if lower.starts_with("sponsor segment") {
        return Some(lead + "sponsor segment".len());
    }
    if lower.starts_with("sponsor") && word_end("sponsor".len()) {
        return Some(lead + "sponsor".len());
    }
    if lower.starts_with("brought to you by") {
        return Some(lead + "brought to you by".len());
    }
    if lower.starts_with("this episode") {
        for phrase in ["brought to you by", "sponsored by"] {
            if let Some(i) = lower.find(phrase) {
                return Some(lead + i + phrase.len());
            }
        }
    }
    None
}

/// A sponsor named inside a line (`Syntax Brought to you by Sentry`, `This hour is sponsored by Acme`).
pub fn sponsor_within(line: &str) -> Option<crate::model::Sponsor> {
    let lower = super::text::prefix(line, 200).to_ascii_lowercase();
    let at = ["brought to you by", "sponsored by"].iter().find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    sponsor_name(line.get(at..)?).map(|name| crate::model::Sponsor { name, url: None })
}

fn url_like(word: &str) -> bool {
    word.contains("://") || (word.contains('/') && word.contains('.')) || word.starts_with("www.")
}

/// The last path segment of a URL-ish word: `pythonbytes.fm/digitalocean` → `digitalocean`.
fn name_from_url(word: &str) -> Option<String> {
    let w = word.trim_end_matches(['/', '.', ',', '!', ')']);
    let last = w.rsplit('/').next().unwrap_or(w);
    let last = last.trim_start_matches("www.");
    (!last.is_empty() && !last.contains(':')).then(|| last.to_owned())
}

/// The sponsor's name from the text after the announcing phrase.
pub fn sponsor_name(after: &str) -> Option<String> {
    let mut t = after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '*' | '–' | '—'));
    for prefix in ["brought to you by ", "the folks at ", "the ", "our friends at "] {
        if t.len() >= prefix.len() && t.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            t = t.get(prefix.len()..).unwrap_or(t);
        }
    }
    let first = t.split_whitespace().next()?;
    if url_like(first) {
        return name_from_url(first);
    }
    // The first separator of any kind, in one pass (the name is short; eleven substring searches were not).
    const SEPS: [&str; 11] = [":", ",", "!", " - ", " -- ", " — ", " – ", ". ", "(", " | ", "\u{a0}-"];
    let end = t
        .char_indices()
        .find(|&(i, _)| t.get(i..).is_some_and(|rest| SEPS.iter().any(|sep| rest.starts_with(sep))))
        .map_or(t.len(), |(i, _)| i);
    let mut name = t.get(..end).unwrap_or(t);
    // Words after the name that are a URL are where to go, not who it is.
    if let Some(i) = name.split_whitespace().position(url_like) {
        let kept: Vec<&str> = name.split_whitespace().take(i).collect();
        return Some(kept.join(" ")).filter(|s| !s.is_empty());
    }
    name = name.trim().trim_end_matches(['.', '*', '_', ' ']);
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(line: &str) -> Option<String> {
        sponsor_phrase(line).and_then(|i| sponsor_name(&line[i..]))
    }

    #[test]
    fn sponsor_names() {
        assert_eq!(name("Sponsored by Datadog: pythonbytes.fm/datadog").as_deref(), Some("Datadog"));
        assert_eq!(name("Sponsored by us! Support our work through:").as_deref(), Some("us"));
        assert_eq!(name("Sponsored by pythonbytes.fm/digitalocean").as_deref(), Some("digitalocean"));
        assert_eq!(name("Sponsored by https://pythonbytes.fm/datadog").as_deref(), Some("datadog"));
        assert_eq!(name("Sponsored by InfluxDB from Influxdata.").as_deref(), Some("InfluxDB from Influxdata"));
        assert_eq!(name("Sponsored by Shortcut - Get started at shortcut.com").as_deref(), Some("Shortcut"));
        assert_eq!(
            name("This episode of Python Bytes is brought to you by the folks at Posit.").as_deref(),
            Some("Posit")
        );
        assert_eq!(name("Sponsored by Datadog pythonbytes.fm/datadog").as_deref(), Some("Datadog"));
        assert_eq!(name("Sponsor"), None);
        assert_eq!(name("Brought to you by Rollbar! [http://rollbar.com]").as_deref(), Some("Rollbar"));
        assert_eq!(name("Sponsor: Brought to you by FusionAuth - check").as_deref(), Some("FusionAuth"));
        assert_eq!(sponsor_phrase("Sponsorship slots are available"), None);
    }
}
