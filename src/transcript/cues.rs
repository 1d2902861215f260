//! Pieces every format shares: timestamps, and cue text with its markup, entities and voice tags.

/// Which markup a format's cue text may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Markup {
    /// Plain text lines: only `<v Name>` / `</v>` voice tags are markup; any other `<…>` is text.
    VoicesOnly,
    /// WebVTT and SRT: voice, class, style and timestamp tags are removed and entities decoded.
    Full,
}

/// `01:02:03`, `01:02:03.450`, `02:03,45` (SRT comma) → seconds. Minutes and seconds must be below 60.
pub(super) fn parse_time(s: &str) -> Option<f64> {
    let (clock, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let num = |p: &str, max_len: usize| -> Option<u64> {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
    };
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (num(h, 6)?, num(m, 2)?, num(s, 2)?),
        [m, s] => (0, num(m, 2)?, num(s, 2)?),
        _ => return None,
    };
    if m >= 60 || sec >= 60 {
        return None;
    }
    let frac = match frac {
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.parse::<f64>().ok()? / 10f64.powi(i32::try_from(f.len()).ok()?)
        }
        Some(_) => return None,
        None => 0.0,
    };
    #[allow(clippy::cast_precision_loss)] // at most 999999 hours: exact in f64
    let whole = (h * 3600 + m * 60 + sec) as f64;
    Some(whole + frac)
}

/// One speaker's stretch of a cue's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    pub speaker: Option<String>,
    pub text: String,
}

/// Split cue text into pieces by voice tag, strip other markup, decode entities (in [`Markup::Full`]), and
/// collapse whitespace. `speaker` is who speaks before any voice tag. Empty pieces are dropped.
///
/// A voice tag may be closed (`<v A>hi</v>`), left open (`<v A>hi`), or repeated on a line (`<v A><v A>hi`,
/// `<v A>hi <v B>yo`): a change of speaker starts a new piece, a repeat of the same speaker does not.
pub(super) fn pieces(text: &str, speaker: Option<String>, markup: Markup) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur = Piece { speaker, text: String::new() };
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        cur.text.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            rest = entity(rest, markup, &mut cur.text);
            continue;
        }
        let Some(close) = rest[1..].find(['>', '<']).map(|c| c + 1).filter(|&c| rest.as_bytes()[c] == b'>') else {
            cur.text.push('<');
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..close];
        match classify(tag, markup) {
            Tag::Voice(name) => {
                if name != cur.speaker {
                    flush(&mut out, &mut cur);
                    cur.speaker = name;
                }
            }
            Tag::Other => {}
            Tag::Text => {
                cur.text.push_str(&rest[..=close]);
            }
        }
        rest = &rest[close + 1..];
    }
    cur.text.push_str(rest);
    flush(&mut out, &mut cur);
    out
}

fn flush(out: &mut Vec<Piece>, cur: &mut Piece) {
    let text = collapse(&cur.text);
    cur.text.clear();
    if !text.is_empty() {
        out.push(Piece { speaker: cur.speaker.clone(), text });
    }
}

/// All whitespace runs become one space; ends trimmed.
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

enum Tag {
    /// `<v Name>` (a speaker, or `None` for a nameless `<v>`); `</v>` keeps the current speaker.
    Voice(Option<String>),
    /// Markup to drop: `<i>`, `<c.loud>`, `<00:00:01.000>`, `</b>`, `<font color=…>`.
    Other,
    /// Not markup in this format: keep it as written.
    Text,
}

fn classify(tag: &str, markup: Markup) -> Tag {
    let closing = tag.strip_prefix('/');
    let body = closing.unwrap_or(tag);
    let name_end = body.find(|c: char| c.is_whitespace() || c == '.').unwrap_or(body.len());
    let name = body[..name_end].to_ascii_lowercase();
    if name == "v" {
        if closing.is_some() {
            return Tag::Other;
        }
        let annotation = body[name_end..].trim_start_matches(|c: char| c == '.' || c.is_alphanumeric());
        let speaker = collapse(annotation);
        return Tag::Voice((!speaker.is_empty()).then_some(speaker));
    }
    if markup == Markup::VoicesOnly {
        return Tag::Text;
    }
    let known = matches!(name.as_str(), "c" | "i" | "b" | "u" | "s" | "font" | "lang" | "ruby" | "rt");
    let timestamp = closing.is_none() && body.starts_with(|c: char| c.is_ascii_digit()) && parse_time(body).is_some();
    if known || timestamp { Tag::Other } else { Tag::Text }
}

/// Decode the entity at the start of `rest` (which starts with `&`) into `out`; returns what follows it.
fn entity<'a>(rest: &'a str, markup: Markup, out: &mut String) -> &'a str {
    let end = rest.char_indices().take(12).find(|&(_, c)| c == ';' || c.is_whitespace()).map(|(i, _)| i);
    let decoded = match (markup, end) {
        (Markup::Full, Some(end)) if rest.as_bytes()[end] == b';' => decode(&rest[1..end]).map(|c| (c, end)),
        _ => None,
    };
    match decoded {
        Some((c, end)) => {
            out.push(c);
            &rest[end + 1..]
        }
        None => {
            out.push('&');
            &rest[1..]
        }
    }
}

fn decode(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        "lrm" => Some('\u{200e}'),
        "rlm" => Some('\u{200f}'),
        _ => match name.strip_prefix('#')? {
            hex if hex.starts_with(['x', 'X']) => numeric(&hex[1..], 16),
            dec => numeric(dec, 10),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, markup: Markup) -> Vec<(Option<&'static str>, String)> {
        pieces(s, None, markup)
            .into_iter()
            .map(|p| (p.speaker.map(|s| &*Box::leak(s.into_boxed_str())), p.text))
            .collect()
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_time("01:02:03"), Some(3723.0));
        assert_eq!(parse_time("02:03.5"), Some(123.5));
        assert_eq!(parse_time("00:00:01,250"), Some(1.25));
        assert_eq!(parse_time("00:61:00"), None);
        assert_eq!(parse_time("1:2"), Some(62.0));
        assert_eq!(parse_time("aa:bb"), None);
        assert_eq!(parse_time("00:00:01."), None);
        assert_eq!(parse_time("99999999999:00:00"), None);
    }

    #[test]
    fn voices_closed_open_and_doubled() {
        let full = Markup::Full;
        assert_eq!(texts("<v Ann>Hi</v>", full), [(Some("Ann"), "Hi".to_owned())]);
        assert_eq!(texts("<v.loud Ann Lee>Hi there", full), [(Some("Ann Lee"), "Hi there".to_owned())]);
        assert_eq!(texts("<v Ann><v Ann>Hi", full), [(Some("Ann"), "Hi".to_owned())]);
        assert_eq!(
            texts("<v Ann>Hi</v> <v Bob>Yo", full),
            [(Some("Ann"), "Hi".to_owned()), (Some("Bob"), "Yo".to_owned())]
        );
    }

    #[test]
    fn markup_and_entities() {
        assert_eq!(
            texts("<i>a</i> &amp; <c.x>b</c> &lt;3 &#x41;&#66; &bogus; <00:01.000>c", Markup::Full)[0].1,
            "a & b <3 AB &bogus; c"
        );
        assert_eq!(
            texts("List<int> & <v Bo>x", Markup::VoicesOnly),
            [(None, "List<int> &".to_owned()), (Some("Bo"), "x".to_owned())]
        );
        assert_eq!(texts("a < b > c <", Markup::Full)[0].1, "a < b > c <");
    }
}
