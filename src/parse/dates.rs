//! Dates as shows write them, turned into ISO 8601 `YYYY-MM-DD`: a date or date-time string, epoch seconds or
//! milliseconds (read as UTC), an `Air Date: 2019-08-27` line, or a date inside a file name.

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar (Howard Hinnant's
/// `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// An epoch timestamp as a UTC date: values past 10^11 are milliseconds (10^11 seconds is the year 5138).
pub fn from_epoch(value: i64) -> Option<String> {
    if value < 0 {
        return None;
    }
    let secs = if value >= 100_000_000_000 { value / 1000 } else { value };
    let (y, m, d) = civil_from_days(secs / 86_400);
    (1900..=9999).contains(&y).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// The first `YYYY-MM-DD` (or `YYYY/MM/DD`, `YYYY_MM_DD`) in `text`, not part of a longer number.
pub fn find_iso(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let num = |from: usize, len: usize| text.get(from..from + len).and_then(|s| s.parse::<u32>().ok());
    for i in 0..b.len().saturating_sub(9) {
        if i > 0 && digit(i - 1) {
            continue;
        }
        let sep = b.get(i + 4).copied();
        if !(0..4).all(|k| digit(i + k)) || !matches!(sep, Some(b'-' | b'/' | b'_')) || b.get(i + 7).copied() != sep {
            continue;
        }
        if !(digit(i + 5) && digit(i + 6) && digit(i + 8) && digit(i + 9)) || digit(i + 10) {
            continue;
        }
        if let (Some(y), Some(m), Some(d)) = (num(i, 4), num(i + 5, 2), num(i + 8, 2))
            && valid(y, m, d)
        {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// `Tue, 17 Feb 2015 …`, `February 17, 2015`, `17 February 2015`: a month name with a day and a year.
fn find_named(text: &str) -> Option<String> {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(12).collect();
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_ascii_lowercase();
        let Some(m) = MONTHS.iter().position(|name| lower.len() >= 3 && lower.starts_with(name)) else { continue };
        let number = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .and_then(|w| w.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok())
        };
        let (day, year) = match (number(i.checked_sub(1)), number(Some(i + 1)), number(Some(i + 2))) {
            (Some(d), Some(y), _) if y >= 1900 => (d, y),
            (_, Some(d), Some(y)) => (d, y),
            _ => continue,
        };
        let month = u32::try_from(m + 1).unwrap_or(1);
        if valid(year, month, day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

/// A front matter's date string as a calendar date: as written (`2015-02-17`, `2015-02-17T09:00:00-05:00`),
/// a month name form, or digits only (epoch seconds or milliseconds).
pub fn normalise(text: &str) -> Option<String> {
    let t = text.trim();
    if !t.is_empty() && t.len() >= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<i64>().ok().and_then(from_epoch);
    }
    find_iso(t).or_else(|| find_named(t))
}

/// `Air Date: 2019-08-27`, `Date: February 17, 2015`, `Published 2020-01-02`: a line that names the date.
pub fn date_line(line: &str) -> Option<String> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-'));
    let lower = super::text::prefix(t, 40).to_ascii_lowercase();
    let rest = ["air date", "airdate", "date", "published", "recorded", "released"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if !rest.starts_with([':', '-', '–']) && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let at = t.len() - t.get(lower.len() - rest.len()..).map_or(0, str::len);
    normalise(t.get(at..).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_and_millis() {
        assert_eq!(from_epoch(1_498_579_200_000).as_deref(), Some("2017-06-27"));
        assert_eq!(from_epoch(1_531_141_200).as_deref(), Some("2018-07-09"));
        assert_eq!(normalise("1531141200658").as_deref(), Some("2018-07-09"));
    }

    #[test]
    fn strings_lines_and_names() {
        assert_eq!(normalise("2015-02-17T09:00:00-05:00").as_deref(), Some("2015-02-17"));
        assert_eq!(normalise("Tue, 17 Feb 2015 10:00:00 +0000").as_deref(), Some("2015-02-17"));
        assert_eq!(normalise("February 7, 2016").as_deref(), Some("2016-02-07"));
        assert_eq!(date_line("* Air Date: 2019-08-27").as_deref(), Some("2019-08-27"));
        assert_eq!(date_line("Dated remarks 2019-08-27"), None);
        assert_eq!(find_iso("2020-05-01-show").as_deref(), Some("2020-05-01"));
        assert_eq!(find_iso("v12020-05-01"), None);
        assert_eq!(find_iso("2020-13-01"), None);
    }
}
