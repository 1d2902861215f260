//! Small text helpers shared by the recognisers: whitespace, labels and name similarity.

/// Collapse runs of whitespace to one space and trim; stray `*`/`_` runs left by broken emphasis go too.
pub fn collapse(s: &str) -> String {
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
    out
}

/// Lowercase words of a label: letters and digits kept, everything else a word break.
/// `"**Our news:**"` → `"our news"`; used to compare headings without caring about markup.
pub fn label_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
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
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return limit + 1;
        }
    }
    d[a.len() * w + b.len()].min(limit + 1)
}

/// Is `label` a plausible misspelling of `name`: one edit or swap apart, or `name` cut short by one or two
/// letters (`Michae`). Short names are left alone: `Al` vs `Ali` is two people, not a typo.
pub fn is_typo_of(label: &str, name: &str) -> bool {
    let (ll, nl) = (label.chars().count(), name.chars().count());
    if ll < 4 || nl < 4 || label.eq_ignore_ascii_case(name) {
        return false;
    }
    if ll < nl && nl - ll <= 2 && name.to_lowercase().starts_with(&label.to_lowercase()) {
        return true;
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
