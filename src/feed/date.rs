//! Dates as feeds write them (RFC 822/2822, ISO 8601 and the odd variants seen in the wild) → `YYYY-MM-DD`.

use std::time::{SystemTime, UNIX_EPOCH};

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The calendar day of a feed date as ISO 8601 `YYYY-MM-DD`, or `None` when no day can be read from it.
///
/// Accepts `Fri, 08 Oct 2021 18:55:32 +0000` (and without the weekday, with full month names, two-digit
/// years, missing zones), `2021-10-08T18:55:32Z`, `2021-10-08` and `2021/10/08`. The day is the one written in
/// the source's own time zone: a show dated "Monday" stays Monday.
pub fn iso_day(raw: &str) -> Option<String> {
    let text = raw.trim();
    if let Some(day) = numeric(text) {
        return Some(day);
    }
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for token in text.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '.' || c == '/') {
        if token.is_empty() || token.contains(':') || token.starts_with('+') {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m)) {
            month.get_or_insert(u32::try_from(m).unwrap_or(0) + 1);
            continue;
        }
        let Ok(n) = token.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<u32>() else { continue };
        match (token.len(), day, year) {
            (4, _, None) if (1000..3000).contains(&n) => year = Some(n),
            (1 | 2, None, _) if (1..=31).contains(&n) => day = Some(n),
            (2, Some(_), None) => year = Some(if n < 70 { 2000 + n } else { 1900 + n }),
            _ => {}
        }
    }
    valid(year?, month?, day?)
}

/// `YYYY-MM-DD…` or `YYYY/MM/DD…` at the start.
fn numeric(text: &str) -> Option<String> {
    let head = text.get(..10)?;
    let bytes = head.as_bytes();
    let sep = bytes[4];
    if !(sep == b'-' || sep == b'/') || bytes[7] != sep {
        return None;
    }
    let y = head.get(..4)?.parse().ok()?;
    let m = head.get(5..7)?.parse().ok()?;
    let d = head.get(8..10)?.parse().ok()?;
    valid(y, m, d)
}

fn valid(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let max = *days.get(usize::try_from(month.checked_sub(1)?).ok()?)?;
    (day >= 1 && day <= max).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Now as UTC ISO 8601 with seconds: `2024-05-01T12:00:00Z`.
pub fn now_utc() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = crate::parse::dates::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shapes_feeds_use() {
        assert_eq!(iso_day("Fri, 08 Oct 2021 18:55:32 +0000").as_deref(), Some("2021-10-08"));
        assert_eq!(iso_day("8 Oct 2021 18:55 GMT").as_deref(), Some("2021-10-08"));
        assert_eq!(iso_day("Tuesday, 3 March 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(iso_day("Thu, 31 Dec 98 23:00:00 EST").as_deref(), Some("1998-12-31"));
        assert_eq!(iso_day("October 8, 2021").as_deref(), Some("2021-10-08"));
        assert_eq!(iso_day("2021-10-08T18:55:32Z").as_deref(), Some("2021-10-08"));
        assert_eq!(iso_day("2021/10/08").as_deref(), Some("2021-10-08"));
        assert_eq!(iso_day("Mon, 30 Feb 2021 00:00:00 GMT"), None);
        assert_eq!(iso_day("yesterday"), None);
        assert_eq!(iso_day(""), None);
    }

    #[test]
    fn civil_days() {
        assert_eq!(crate::parse::dates::civil_from_days(0), (1970, 1, 1));
        assert_eq!(crate::parse::dates::civil_from_days(19_723), (2024, 1, 1));
        assert!(now_utc().ends_with('Z'));
    }
}
