//! Optional front matter at the very top of the notes: YAML between `---` lines or TOML between `+++` lines.
//!
//! Both are read into one loose tree, then field by field (keys compared without case): title, number
//! (`number`, `episode`, `episode_number`), date (a string, a TOML date, epoch seconds or milliseconds), show,
//! hosts, guests (names or `{name, url}`), sponsors and audio. A field of an unexpected type is skipped with a
//! warning while the rest of the header still counts.

use serde_json::{Map, Value};

use super::dates;
use crate::model::Person;

/// The fields shownotes reads from a front matter; anything else in it is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub number: Option<u32>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    pub audio: Option<String>,
    pub show: Option<String>,
    pub hosts: Vec<String>,
    pub guests: Vec<Person>,
    pub sponsors: Vec<String>,
    /// Fields that were present but could not be read, one sentence each.
    pub warnings: Vec<String>,
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

fn delimiter(line: &str) -> Option<Format> {
    match line.trim_end_matches(['\r', '\n', ' ', '\t']) {
        "---" => Some(Format::Yaml),
        "+++" => Some(Format::Toml),
        _ => None,
    }
}

fn closes(line: &str, format: Format) -> bool {
    let t = line.trim_end_matches(['\r', '\n', ' ', '\t']);
    match format {
        Format::Yaml => t == "---" || t == "...",
        Format::Toml => t == "+++",
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn tree(text: &str, format: Format) -> Option<Map<String, Value>> {
    match format {
        Format::Yaml => match serde_saphyr::from_str::<Value>(text).ok()? {
            Value::Object(m) => Some(m),
            Value::Null => Some(Map::new()),
            _ => None,
        },
        Format::Toml => {
            let table = toml::from_str::<toml::Table>(text).ok()?;
            Some(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Split off a front matter. A block that does not parse is left in place: then the `---` was a rule.
pub fn split(source: &str) -> Split<'_> {
    let whole = Split { front: None, body: source, lines_before: 0 };
    let mut lines = source.split_inclusive('\n');
    let Some(first) = lines.next() else { return whole };
    let Some(format) = delimiter(first) else { return whole };
    let mut offset = first.len();
    let start = offset;
    for (count, line) in (2..).zip(lines) {
        if closes(line, format) {
            let header = source.get(start..offset).unwrap_or("");
            let body = source.get(offset + line.len()..).unwrap_or("");
            return match tree(header, format) {
                Some(map) => Split { front: Some(read(&map)), body, lines_before: count },
                None => whole,
            };
        }
        offset += line.len();
    }
    whole
}

/// The value under the first of `keys` present, compared without case.
fn field<'m>(map: &'m Map<String, Value>, keys: &[&str]) -> Option<(&'m str, &'m Value)> {
    keys.iter()
        .find_map(|k| map.iter().find(|(name, v)| name.eq_ignore_ascii_case(k) && !v.is_null()))
        .map(|(k, v)| (k.as_str(), v))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

fn skipped(warnings: &mut Vec<String>, key: &str, v: &Value, wanted: &str) {
    warnings.push(format!("front matter field `{key}` is {}, expected {wanted}; skipped", kind(v)));
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A person: `"Name"` or `{name, url}` (any other keys ignored).
fn person(v: &Value) -> Option<Person> {
    match v {
        Value::String(s) => Some(Person { name: s.trim().to_owned(), url: None }).filter(|p| !p.name.is_empty()),
        Value::Object(m) => {
            let name = field(m, &["name", "title"]).and_then(|(_, v)| text_of(v))?;
            let url = field(m, &["url", "link", "homepage"]).and_then(|(_, v)| text_of(v));
            Some(Person { name, url })
        }
        _ => None,
    }
}

/// A list of people (or one person written without a list).
fn people(map: &Map<String, Value>, keys: &[&str], warnings: &mut Vec<String>) -> Vec<Person> {
    let Some((key, v)) = field(map, keys) else { return Vec::new() };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let found: Vec<Person> = items.iter().filter_map(|v| person(v)).collect();
    if found.len() < items.len() {
        skipped(warnings, key, v, "names or {name, url} tables");
    }
    found
}

fn read(map: &Map<String, Value>) -> FrontMatter {
    let mut w = Vec::new();
    let text = |keys: &[&str], w: &mut Vec<String>| match field(map, keys) {
        Some((k, v)) => text_of(v).or_else(|| {
            skipped(w, k, v, "text");
            None
        }),
        None => None,
    };
    let title = text(&["title"], &mut w);
    let show = text(&["show", "podcast", "show_name"], &mut w);
    let audio = text(&["audio", "audio_url", "enclosure", "mp3", "podcast_file"], &mut w);
    let number = match field(map, &["number", "episode", "episode_number", "episodenumber", "ep"]) {
        Some((k, v)) => {
            let n = match v {
                Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Value::String(s) => s.trim().trim_start_matches('#').parse::<u32>().ok(),
                _ => None,
            };
            if n.is_none() {
                skipped(&mut w, k, v, "an episode number");
            }
            n
        }
        None => None,
    };
    let date = match field(map, &["date", "pubdate", "pub_date", "published", "air_date", "airdate"]) {
        Some((k, v)) => {
            let d = match v {
                Value::Number(n) => n.as_i64().and_then(dates::from_epoch),
                Value::String(s) => dates::normalise(s),
                _ => None,
            };
            if d.is_none() {
                skipped(&mut w, k, v, "a date");
            }
            d
        }
        None => None,
    };
    let hosts = people(map, &["hosts", "host"], &mut w).into_iter().map(|p| p.name).collect();
    let guests = people(map, &["guests", "guest"], &mut w);
    let sponsors = people(map, &["sponsors", "sponsor"], &mut w).into_iter().map(|p| p.name).collect();
    FrontMatter { title, number, date, audio, show, hosts, guests, sponsors, warnings: w }
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
    fn toml_with_string_number_and_date() {
        let s =
            split("+++\nepisode = \"12\"\nDate = 2015-02-17\nguests = [\"ann\"]\nsponsors = [\"acme\"]\n+++\nText\n");
        let front = s.front.unwrap_or_default();
        assert_eq!(front.number, Some(12));
        assert_eq!(front.date.as_deref(), Some("2015-02-17"));
        assert_eq!(front.guests[0].name, "ann");
        assert_eq!(front.sponsors, vec!["acme".to_owned()]);
        assert_eq!(s.body, "Text\n");
    }

    #[test]
    fn wrong_types_warn_and_the_rest_counts() {
        let s = split(
            "---\ntitle: [a, b]\nnumber: 7\ndate: 1531141200658\nguest:\n  name: Ann Example\n  url: https://a.example\n---\n",
        );
        let front = s.front.unwrap_or_default();
        assert_eq!(front.title, None);
        assert_eq!(front.number, Some(7));
        assert_eq!(front.date.as_deref(), Some("2018-07-09"));
        assert_eq!(front.guests[0].url.as_deref(), Some("https://a.example"));
        assert_eq!(front.warnings.len(), 1);
        assert!(front.warnings[0].contains("`title`"));
    }

    #[test]
    fn no_front_matter_or_unclosed_is_untouched() {
        assert_eq!(split("# Hi\n").body, "# Hi\n");
        assert_eq!(split("---\ntitle: x\n").front, None);
        assert_eq!(split("").body, "");
    }
}
