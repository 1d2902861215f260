//! Small text helpers shared by the recognisers: whitespace, labels and name similarity.

use std::borrow::Cow;

/// Already single-spaced with no stray `**`: the common case, checked in one pass over the bytes (and once
/// more over the characters when there is non-ASCII text, which may hold Unicode whitespace).
fn is_collapsed(t: &str) -> bool {
    let mut prev = b'x';
    for &b in t.as_bytes() {
        let bad = match b {
            b' ' => prev == b' ',
            b'\n' | b'\r' | b'\t' | 0x0b | 0x0c => true,
            b'*' => prev == b'*',
            0x80..=0xff => return is_collapsed_unicode(t),
            _ => false,
        };
        if bad {
            return false;
        }
        prev = b;
    }
    true
}

fn is_collapsed_unicode(t: &str) -> bool {
    let mut prev = 'x';
    for c in t.chars() {
        let bad = match c {
            ' ' => prev == ' ',
            '*' => prev == '*',
            c => c.is_whitespace(),
        };
        if bad {
            return false;
        }
        prev = c;
    }
    true
}

/// Collapse runs of whitespace to one space and trim; stray `*`/`_` runs left by broken emphasis go too.
pub fn collapse(s: &str) -> String {
    collapse_cow(s).into_owned()
}

/// [`collapse`], borrowing when the text is already collapsed, for callers that trim or copy it anyway.
pub fn collapse_cow(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if is_collapsed(t) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // A run of two or more asterisks that survived parsing is broken bold, not text a reader sees.
        if c == '*' && chars.peek() == Some(&'*') {
            while chars.peek() == Some(&'*') {
                chars.next();
            }
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// At most `max` bytes of `s`, cut at a character boundary: labels and phrases are judged on a line's start.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// A source line as a reader sees its words: list marker, heading marks and emphasis characters dropped
/// (`- **Michael**: New course` → `Michael: New course`). Used where the walker kept no visible text.
pub fn plain_line(raw: &str) -> Cow<'_, str> {
    let t = raw.trim();
    let t = t.trim_start_matches('#').trim_start();
    if matches!(t, "-" | "*" | "+") {
        return Cow::Borrowed("");
    }
    let t = ["- ", "* ", "+ "].iter().find_map(|m| t.strip_prefix(m)).unwrap_or(t);
    // `12. item`: a `. ` within the first four bytes after one to three digits.
    let dot = (0..=3).find(|&i| t.as_bytes().get(i..i + 2) == Some(b". "));
    let t = match dot {
        Some(i) if t.get(..i).is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) => {
            t.get(i + 2..).unwrap_or(t)
        }
        _ => t,
    };
    if t.contains(['*', '_']) { Cow::Owned(t.replace(['*', '_'], "").trim().to_owned()) } else { Cow::Borrowed(t) }
}

/// A list item's markdown without its bullet (`- `, `* `, `1. `), continuation lines dedented to match, so
/// the item renders as its own content.
pub fn item_markdown(md: &str) -> String {
    let s = md.trim_start_matches(['\n', '\r']).trim_end();
    let t = s.trim_start();
    let indent = columns(s.get(..s.len() - t.len()).unwrap_or(""));
    let marker = if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        2
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let after = t.as_bytes().get(digits..digits + 2);
        if (1..=9).contains(&digits) && matches!(after, Some([b'.' | b')', b' '])) { digits + 2 } else { 0 }
    };
    if marker == 0 && indent == 0 {
        return t.to_owned();
    }
    let mut out = String::with_capacity(t.len());
    for (i, line) in t.get(marker..).unwrap_or("").split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(dedent(line, indent + marker));
        } else {
            out.push_str(line);
        }
    }
    out.trim().to_owned()
}

/// Width of leading whitespace, a tab counting as four columns.
fn columns(ws: &str) -> usize {
    ws.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// The line with up to `cols` columns of leading whitespace removed.
fn dedent(line: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in line.char_indices() {
        let w = match c {
            ' ' => 1,
            '\t' => 4,
            _ => return line.get(i..).unwrap_or(line),
        };
        if used + w > cols {
            return line.get(i..).unwrap_or(line);
        }
        used += w;
    }
    ""
}

/// The first line of a source slice.
pub fn first_source_line(s: &str) -> &str {
    let t = s.trim_start_matches(['\n', '\r']);
    t.split('\n').next().unwrap_or("").trim_end_matches('\r')
}

/// Lowercase words of a label: letters and digits kept, everything else a word break.
/// `"**Our news:**"` → `"our news"`; used to compare headings without caring about markup.
pub fn label_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' && c != '-' {
            gap = true;
        }
    }
    out
}

/// Optimal-string-alignment distance (edits plus adjacent swaps), so `Brain` is one step from `Brian`.
/// Bounded by `limit`: returns `limit + 1` as soon as the answer is known to exceed it.
pub fn osa_distance(a: &str, b: &str, limit: usize) -> usize {
    const MAX: usize = 32;
    let mut ab = ['\0'; MAX];
    let mut bb = ['\0'; MAX];
    let (mut la, mut lb) = (0, 0);
    for c in a.chars().flat_map(char::to_lowercase) {
        if la == MAX {
            return limit + 1;
        }
        ab[la] = c;
        la += 1;
    }
    for c in b.chars().flat_map(char::to_lowercase) {
        if lb == MAX {
            return limit + 1;
        }
        bb[lb] = c;
        lb += 1;
    }
    if la.abs_diff(lb) > limit {
        return limit + 1;
    }
    let (a, b) = (&ab[..la], &bb[..lb]);
    // Three rolling rows: the one two back is needed for adjacent swaps.
    let mut before = [0usize; MAX + 1];
    let mut prev = [0usize; MAX + 1];
    let mut cur = [0usize; MAX + 1];
    for (j, cell) in prev.iter_mut().enumerate().take(lb + 1) {
        *cell = j;
    }
    for i in 1..=la {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=lb {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return limit + 1;
        }
        before = prev;
        prev = cur;
    }
    prev[lb].min(limit + 1)
}

/// Is `label` a plausible misspelling of `name`: one edit or swap apart, or `name` cut short by one or two
/// letters (`Michae`). Short names are left alone: `Al` vs `Ali` is two people, not a typo.
pub fn is_typo_of(label: &str, name: &str) -> bool {
    let (ll, nl) = (label.chars().count(), name.chars().count());
    if ll < 4 || nl < 4 || ll.abs_diff(nl) > 2 || label.eq_ignore_ascii_case(name) {
        return false;
    }
    if ll < nl {
        let lower_label = label.chars().flat_map(char::to_lowercase);
        if lower_label.zip(name.chars().flat_map(char::to_lowercase)).all(|(a, b)| a == b) {
            return true;
        }
    }
    ll.abs_diff(nl) <= 1 && osa_distance(label, name, 1) <= 1
}

/// Upper-case the first letter: `michael` → `Michael`, so a label written in lower case reads as a name.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_drops_stray_bold_and_spaces() {
        assert_eq!(collapse("  a \n b ****c  "), "a b c");
        assert_eq!(collapse("2 * 3"), "2 * 3");
    }

    #[test]
    fn item_markdown_drops_the_bullet() {
        assert_eq!(item_markdown("- one\n  - nested"), "one\n- nested");
        assert_eq!(item_markdown("12. twelve"), "twelve");
        assert_eq!(item_markdown("plain"), "plain");
        assert_eq!(item_markdown("-"), "-");
        assert_eq!(item_markdown("\t- [a](u)\n\t    - nested"), "[a](u)\n  - nested");
    }

    #[test]
    fn labels_ignore_markup() {
        assert_eq!(label_words("**Our news:**"), "our news");
        assert_eq!(label_words("Follow-up"), "followup");
    }

    #[test]
    fn typos_fold_but_different_names_do_not() {
        assert!(is_typo_of("Brain", "Brian"));
        assert!(is_typo_of("Michae", "Michael"));
        assert!(!is_typo_of("Micaela", "Michael"));
        assert!(!is_typo_of("Matt", "Matthew"));
        assert_eq!(osa_distance("kitten", "sitting", 5), 3);
    }
}
