//! Optional YAML front matter (`---` … `---` at the very top): title, date, audio and hosts.

use serde::Deserialize;

/// The fields shownotes reads from a front matter; anything else in it is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub audio: Option<String>,
    pub hosts: Vec<String>,
}

/// The notes with any front matter taken off the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: Option<FrontMatter>,
    /// The markdown after the front matter.
    pub body: &'a str,
    /// How many lines the front matter took, so heading lines still count from the top of the file.
    pub lines_before: usize,
}

fn is_delimiter(line: &str, closing: bool) -> bool {
    let t = line.trim_end_matches(['\r', '\n', ' ', '\t']);
    t == "---" || (closing && t == "...")
}

/// Split off a front matter. A block that is not valid YAML is left in place: then the `---` was a rule.
pub fn split(source: &str) -> Split<'_> {
    let whole = Split { front: None, body: source, lines_before: 0 };
    let mut lines = source.split_inclusive('\n');
    let Some(first) = lines.next() else { return whole };
    if !is_delimiter(first, false) {
        return whole;
    }
    let mut offset = first.len();
    let yaml_start = offset;
    for (count, line) in (2..).zip(lines) {
        if is_delimiter(line, true) {
            let yaml = source.get(yaml_start..offset).unwrap_or("");
            let body = source.get(offset + line.len()..).unwrap_or("");
            return match serde_saphyr::from_str::<FrontMatter>(yaml) {
                Ok(front) => Split { front: Some(front), body, lines_before: count },
                Err(_) => whole,
            };
        }
        offset += line.len();
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_counts_lines() {
        let s = split("---\ntitle: Hello\ndate: 2024-01-02\nhosts: [Brian, Michael]\n---\n# Body\n");
        let front = s.front.unwrap_or_default();
        assert_eq!(front.title.as_deref(), Some("Hello"));
        assert_eq!(front.date.as_deref(), Some("2024-01-02"));
        assert_eq!(front.hosts, vec!["Brian".to_owned(), "Michael".to_owned()]);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.lines_before, 5);
    }

    #[test]
    fn no_front_matter_or_unclosed_is_untouched() {
        assert_eq!(split("# Hi\n").body, "# Hi\n");
        assert_eq!(split("---\ntitle: x\n").front, None);
        assert_eq!(split("").body, "");
    }
}
