//! Timestamped chapter lines as shows write them: `00:12:34 Topic`, `12:34 - Topic`, `[@12:34] - Topic`,
//! `**[12:34](#t=12:34)** Topic`, `(12:34) Topic`, and a bare `3:30` line whose topic is the list under it.
//!
//! Times are read as fields first; whether `a:b:c` is hours or an editing timecode (`MM:SS:FF`, minutes,
//! seconds, frames) is decided over the whole episode by [`resolve`].

/// A time as written: two or three colon-separated fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub fields: [u32; 3],
    pub count: usize,
}

/// One chapter line before its time is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawChapter {
    pub stamp: Stamp,
    /// Empty for a bare time whose title is the next list's first item.
    pub title: String,
}

fn read_stamp(s: &str) -> Option<(Stamp, usize)> {
    let mut fields = [0u32; 3];
    let mut count = 0;
    let mut i = 0;
    let b = s.as_bytes();
    loop {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let len = i - start;
        if len == 0 || len > 3 || count == 3 {
            return None;
        }
        *fields.get_mut(count)? = s.get(start..i)?.parse().ok()?;
        count += 1;
        if count > 1 && (len != 2 || fields.get(count - 1).is_none_or(|&f| f >= 60)) {
            return None;
        }
        if b.get(i) == Some(&b':') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    (count >= 2).then_some((Stamp { fields, count }, i))
}

/// A chapter read off a line of visible text (markdown already removed).
pub fn parse_line(line: &str) -> Option<RawChapter> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+' | '•'));
    let open = t.starts_with(['[', '(']);
    let t = t.trim_start_matches(['[', '(', '@']);
    let (stamp, used) = read_stamp(t)?;
    let mut rest = t.get(used..).unwrap_or("");
    if open {
        rest = rest.strip_prefix([']', ')'])?;
    } else if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // `3:30pm`, `12:00 PM` are clock times in prose, not chapters.
    let lower = rest.trim_start().to_ascii_lowercase();
    if ["am", "pm", "a.m", "p.m"]
        .iter()
        .any(|p| lower.starts_with(p) && !lower[p.len()..].starts_with(char::is_alphabetic))
    {
        return None;
    }
    let title = rest
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | '*' | '_' | '~'))
        .trim();
    Some(RawChapter { stamp, title: super::text::collapse(title) })
}

/// Seconds of every stamp: `a:b:c` is hours, minutes, seconds unless some stamp's first field runs past 23,
/// which makes them all minutes, seconds and frames (an editing timecode).
pub fn resolve(stamps: &[Stamp]) -> Vec<u32> {
    let frames = stamps.iter().any(|s| s.count == 3 && s.fields[0] > 23);
    stamps
        .iter()
        .map(|s| match (s.count, frames) {
            (3, false) => s.fields[0] * 3600 + s.fields[1] * 60 + s.fields[2],
            _ => s.fields[0] * 60 + s.fields[1],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(line: &str) -> Option<(u32, String)> {
        let c = parse_line(line)?;
        Some((resolve(&[c.stamp])[0], c.title))
    }

    #[test]
    fn shapes() {
        assert_eq!(secs("00:12:34 Topic"), Some((754, "Topic".into())));
        assert_eq!(secs("[@12:34] - Topic"), Some((754, "Topic".into())));
        assert_eq!(secs("(12:34) Topic"), Some((754, "Topic".into())));
        assert_eq!(secs("12:34 Topic here"), Some((754, "Topic here".into())));
        assert_eq!(secs("6:39 - CSS"), Some((399, "CSS".into())));
        assert_eq!(secs("3:30"), Some((210, String::new())));
        assert_eq!(secs("1:2 x"), None);
        assert_eq!(secs("Rust 1.36"), None);
        assert_eq!(secs("10:30 am meeting"), None);
        assert_eq!(secs("12:34abc"), None);
    }

    #[test]
    fn timecodes_past_23_are_minutes_seconds_frames() {
        let a = parse_line("05:10:12 A").map(|c| c.stamp);
        let b = parse_line("31:02:20 B").map(|c| c.stamp);
        let stamps: Vec<Stamp> = [a, b].into_iter().flatten().collect();
        assert_eq!(resolve(&stamps), vec![310, 1862]);
    }
}
