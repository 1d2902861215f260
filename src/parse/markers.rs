//! Recognising a segment marker at the start of a heading line: `Brian #1:`, `#1 (Brian):`, `# 6 Michael:`,
//! `Michael #7 (bonus!):`, `Topic #0.1:` and the countdown form `10: Title`.
//!
//! Works on the visible text of the line (markdown already removed by the walker), so every era's mix of
//! bold, links and headings reduces to the same few shapes.

/// What number a marker carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordinal {
    /// A news item: `#3` → 3.
    Number(u32),
    /// `#0`, `#0.1`: an announcement before the news items, not a segment.
    PreShow,
    /// `Brian #:`: a news item whose number was left out.
    Unnumbered,
}

impl Ordinal {
    /// The number as written, when there is one.
    pub fn number(self) -> Option<u32> {
        match self {
            Ordinal::Number(n) => Some(n),
            Ordinal::PreShow | Ordinal::Unnumbered => None,
        }
    }

    /// Does the marker open a news item (a segment), numbered or not?
    pub fn is_item(self) -> bool {
        matches!(self, Ordinal::Number(_) | Ordinal::Unnumbered)
    }
}

/// Whether the word after `#N` (no colon, no parentheses) can be trusted to be a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameCertainty {
    /// `Brian #1`, `#1 Brian:`, `#1 (Brian)`: the shape says it is a name.
    Certain,
    /// `#5 Brian CLI with Click` could equally be `#1 The Five Whys`: a name only if the episode knows it.
    IfKnown,
    /// `Michael 4:` (no `#`): a marker at all only when the episode knows the name from its other markers.
    OnlyIfKnown,
}

/// A recognised marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub host: Option<String>,
    pub ordinal: Ordinal,
    pub certainty: NameCertainty,
    /// Byte length of the marker in the text it was read from; the title starts after it.
    pub len: usize,
    /// Where the title starts when an [`NameCertainty::IfKnown`] word turns out not to be a name.
    pub len_without_name: usize,
}

/// Longest name accepted before `#N`: three words (`Anthony Shaw`, `Nina Zakharenko`).
const MAX_NAME_WORDS: usize = 3;
const MAX_WORD_CHARS: usize = 24;

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        // ASCII without decoding: marker lines are mostly ASCII and every parser step peeks.
        match self.s.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.s.get(self.pos..)?.chars().next(),
        }
    }
    fn eat(&mut self, want: char) -> bool {
        if self.peek() == Some(want) {
            self.pos += want.len_utf8();
            true
        } else {
            false
        }
    }
    fn skip_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|&c| f(c)) {
            self.pos += c.len_utf8();
        }
        self.s.get(start..self.pos).unwrap_or("")
    }
    fn spaces(&mut self) {
        self.skip_while(|c| c == ' ' || c == '\t' || c == '\u{a0}');
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\'' | '’' | '.' | '-') || is_combining(c)
}

/// Combining marks (`e` + U+0301): part of the letter they follow, so `Zoë` written decomposed is one name.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// One name word at the cursor, or None (cursor unchanged).
fn word<'a>(cur: &mut Cursor<'a>) -> Option<&'a str> {
    let start = cur.pos;
    if !cur.peek().is_some_and(char::is_alphabetic) {
        return None;
    }
    let w = cur.skip_while(is_name_char);
    let w = w.trim_end_matches(['.', '-']);
    cur.pos = start + w.len();
    // At most that many bytes is at most that many characters: count only longer words.
    (w.len() <= MAX_WORD_CHARS || w.chars().count() <= MAX_WORD_CHARS).then_some(w)
}

/// `#` + digits (+ `.digits`): the ordinal. Requires the `#` at the cursor.
fn hash_number(cur: &mut Cursor) -> Option<Ordinal> {
    let start = cur.pos;
    if !cur.eat('#') {
        return None;
    }
    cur.spaces();
    let digits = cur.skip_while(|c| c.is_ascii_digit());
    if digits.is_empty() || digits.len() > 4 {
        cur.pos = start;
        return None;
    }
    let mut decimal = false;
    let save = cur.pos;
    if cur.eat('.') {
        if cur.skip_while(|c| c.is_ascii_digit()).is_empty() {
            cur.pos = save;
        } else {
            decimal = true;
        }
    }
    // `#1st` or `#12abc` is not a marker.
    if cur.peek().is_some_and(char::is_alphanumeric) {
        cur.pos = start;
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    Some(if decimal || n == 0 { Ordinal::PreShow } else { Ordinal::Number(n) })
}

/// `#` and a colon with no number between (`Brian #:`): the number was left out. The colon stays for
/// [`marker_tail`].
fn hash_blank(cur: &mut Cursor) -> Option<Ordinal> {
    let start = cur.pos;
    if cur.eat('#') {
        cur.spaces();
        if matches!(cur.peek(), Some(':' | '：')) {
            return Some(Ordinal::Unnumbered);
        }
    }
    cur.pos = start;
    None
}

/// Skip `(bonus!)`-style asides and the colon that ends a marker; returns whether a colon was seen.
fn marker_tail(cur: &mut Cursor) -> bool {
    cur.spaces();
    if cur.peek() == Some('(') {
        let save = cur.pos;
        let inner = cur.skip_while(|c| c != ')' && c != '\n');
        if cur.eat(')') && inner.chars().count() <= 30 {
            cur.spaces();
        } else {
            cur.pos = save;
        }
    }
    let colon = cur.eat(':') || cur.eat('：');
    cur.spaces();
    colon
}

fn leading_noise(cur: &mut Cursor) {
    cur.skip_while(|c| c.is_whitespace() || matches!(c, '*' | '_' | '['));
}

/// `Brian #1: …`, `Anthony Shaw #2 …`, `Michael #7 (bonus!): …`.
fn name_first(text: &str) -> Option<Marker> {
    let mut cur = Cursor { s: text, pos: 0 };
    leading_noise(&mut cur);
    // `(bonus) Matt #7:`
    if cur.peek() == Some('(') {
        let save = cur.pos;
        let inner = cur.skip_while(|c| c != ')');
        if cur.eat(')') && inner.chars().count() <= 20 {
            cur.spaces();
        } else {
            cur.pos = save;
        }
    }
    let name_start = cur.pos;
    for _ in 0..MAX_NAME_WORDS {
        word(&mut cur)?;
        let name_end = cur.pos;
        cur.spaces();
        if cur.peek() == Some('#') {
            let ordinal = hash_number(&mut cur).or_else(|| hash_blank(&mut cur))?;
            marker_tail(&mut cur);
            let host = text.get(name_start..name_end)?.to_owned();
            return Some(Marker {
                host: Some(host),
                ordinal,
                certainty: NameCertainty::Certain,
                len: cur.pos,
                len_without_name: cur.pos,
            });
        }
    }
    None
}

/// `#1 (Brian): …`, `#1 Brian: …`, `# 6 Michael: …`, `#5 Brian …`, `#2 Title` (no host).
fn number_first(text: &str) -> Option<Marker> {
    let mut cur = Cursor { s: text, pos: 0 };
    cur.skip_while(|c| c.is_whitespace() || matches!(c, '*' | '_' | '['));
    let ordinal = hash_number(&mut cur)?;
    cur.spaces();
    // `#5: (Brian):`
    if text.get(cur.pos..).is_some_and(|r| r.trim_start_matches([':', ' ']).starts_with('(')) {
        cur.eat(':');
        cur.spaces();
    }
    let after_number = cur.pos;
    // `(Brian)`
    if cur.eat('(') {
        let save = cur.pos;
        if let Some(name) = word(&mut cur) {
            let name_end = cur.pos;
            cur.spaces();
            if cur.eat(')') {
                let host = text.get(save..name_end).map(str::to_owned).or(Some(name.to_owned()));
                marker_tail(&mut cur);
                return Some(Marker {
                    host,
                    ordinal,
                    certainty: NameCertainty::Certain,
                    len: cur.pos,
                    len_without_name: cur.pos,
                });
            }
        }
        cur.pos = after_number;
    }
    // `Brian:` or `Anthony Shaw:` — a colon right after the name makes it certain.
    let name_start = cur.pos;
    let mut probe = Cursor { s: text, pos: cur.pos };
    let mut words = 0;
    while words < MAX_NAME_WORDS && word(&mut probe).is_some() {
        words += 1;
        let name_end = probe.pos;
        probe.spaces();
        if probe.eat(':') || probe.eat('：') {
            probe.spaces();
            let host = text.get(name_start..name_end).map(str::to_owned);
            return Some(Marker {
                host,
                ordinal,
                certainty: NameCertainty::Certain,
                len: probe.pos,
                len_without_name: probe.pos,
            });
        }
    }
    // `#5 Brian CLI with Click`: one word that may be a name; the caller decides with the episode's hosts.
    let mut one = Cursor { s: text, pos: name_start };
    if let Some(w) = word(&mut one) {
        let end = one.pos;
        one.spaces();
        return Some(Marker {
            host: Some(w.to_owned()),
            ordinal,
            certainty: NameCertainty::IfKnown,
            len: end.max(one.pos),
            len_without_name: name_start,
        });
    }
    cur.pos = after_number;
    marker_tail(&mut cur);
    Some(Marker { host: None, ordinal, certainty: NameCertainty::Certain, len: cur.pos, len_without_name: cur.pos })
}

/// `Michael 4: …`, `Brian 5 : …`: a name and a bare number with a colon; believable only for known hosts.
fn name_number(text: &str) -> Option<Marker> {
    let mut cur = Cursor { s: text, pos: 0 };
    leading_noise(&mut cur);
    let name_start = cur.pos;
    word(&mut cur)?;
    let name_end = cur.pos;
    cur.skip_while(|c| c == ' ' || c == '*');
    let digits = cur.skip_while(|c| c.is_ascii_digit());
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    cur.skip_while(|c| c == ' ' || c == '*');
    if !cur.eat(':') {
        return None;
    }
    cur.spaces();
    let n: u32 = digits.parse().ok()?;
    let host = text.get(name_start..name_end)?.to_owned();
    // Initials (`BO 1:`, `MK 2:`) are a host's label whether or not another marker names them; three capitals
    // (`PEP 8:`) are more often a name of something else.
    let initials = host.len() == 2 && host.bytes().all(|b| b.is_ascii_uppercase());
    (n > 0).then_some(Marker {
        host: Some(host),
        ordinal: Ordinal::Number(n),
        certainty: if initials { NameCertainty::Certain } else { NameCertainty::OnlyIfKnown },
        len: cur.pos,
        len_without_name: cur.pos,
    })
}

fn parse_plain(text: &str) -> Option<Marker> {
    name_first(text).or_else(|| number_first(text)).or_else(|| name_number(text))
}

/// How far into a line bold split mid-word (`B****rian #****3:`) is looked through.
const STARRED_PREFIX: usize = 80;

/// A marker whose bold was split mid-word (`**B****rian #****3:**` reads `B**rian # **3:`): read again with the
/// asterisks of the line's start taken out, lengths mapped back to the text as given.
fn starred(text: &str) -> Option<Marker> {
    let head = super::text::prefix(text, STARRED_PREFIX);
    if !head.contains('*') {
        return None;
    }
    let mut cleaned = String::with_capacity(head.len());
    // For each byte of `cleaned`, where it was in `text`.
    let mut origin = Vec::with_capacity(head.len() + 1);
    for (i, c) in head.char_indices() {
        if c != '*' {
            cleaned.push(c);
            origin.extend((0..c.len_utf8()).map(|k| i + k));
        }
    }
    origin.push(head.len());
    let m = parse_plain(&cleaned)?;
    let back = |n: usize| origin.get(n).copied().unwrap_or(head.len());
    Some(Marker { len: back(m.len), len_without_name: back(m.len_without_name), ..m })
}

/// A segment marker at the start of `text`, if there is one.
pub fn parse_marker(text: &str) -> Option<Marker> {
    parse_plain(text).or_else(|| starred(text))
}

/// The countdown form `10: Title` (a year-in-review list): ordinal and the byte length of `10: `.
pub fn parse_countdown(text: &str) -> Option<Marker> {
    let mut cur = Cursor { s: text, pos: 0 };
    cur.spaces();
    let digits = cur.skip_while(|c| c.is_ascii_digit());
    if digits.is_empty() || digits.len() > 2 || !cur.eat(':') {
        return None;
    }
    if !cur.peek().is_some_and(char::is_whitespace) {
        return None;
    }
    cur.spaces();
    let n: u32 = digits.parse().ok()?;
    (n > 0).then_some(Marker {
        host: None,
        ordinal: Ordinal::Number(n),
        certainty: NameCertainty::Certain,
        len: cur.pos,
        len_without_name: cur.pos,
    })
}

/// The same marker check on a raw markdown line, for the fence repair that runs before parsing:
/// strips emphasis and heading markers first (`## **Brian #****3****:**` → `Brian #3:`).
pub fn raw_line_is_marker(line: &str) -> bool {
    let t = line.trim_start();
    let body = if t.starts_with("##") {
        t.trim_start_matches('#')
    } else if t.starts_with("**") || t.starts_with("[**") {
        t
    } else {
        return false;
    };
    let cleaned: String = body.chars().filter(|c| !matches!(c, '*' | '_' | '[')).take(200).collect();
    parse_marker(&cleaned).is_some_and(|m| m.ordinal.is_item() && m.certainty == NameCertainty::Certain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Option<(Option<String>, Ordinal, String)> {
        parse_marker(text).map(|m| (m.host, m.ordinal, text[m.len..].to_owned()))
    }

    #[test]
    fn name_first_shapes() {
        assert_eq!(m("Brian #1: Title"), Some((Some("Brian".into()), Ordinal::Number(1), "Title".into())));
        assert_eq!(
            m("Anthony Shaw #2: pylama"),
            Some((Some("Anthony Shaw".into()), Ordinal::Number(2), "pylama".into()))
        );
        assert_eq!(m("Michael #7 (bonus!): Help"), Some((Some("Michael".into()), Ordinal::Number(7), "Help".into())));
        assert_eq!(m("Michael #0.1: Chapters"), Some((Some("Michael".into()), Ordinal::PreShow, "Chapters".into())));
        assert_eq!(m("Brian #3:"), Some((Some("Brian".into()), Ordinal::Number(3), String::new())));
    }

    #[test]
    fn number_first_shapes() {
        assert_eq!(m("#1 (Brian): Python 3.6"), Some((Some("Brian".into()), Ordinal::Number(1), "Python 3.6".into())));
        assert_eq!(m("# 6 Michael: Intel"), Some((Some("Michael".into()), Ordinal::Number(6), "Intel".into())));
        assert_eq!(m("#1 Brian:Pyston"), Some((Some("Brian".into()), Ordinal::Number(1), "Pyston".into())));
        let five = parse_marker("#5 Brian CLI with Click").map(|m| (m.certainty, m.host));
        assert_eq!(five, Some((NameCertainty::IfKnown, Some("Brian".into()))));
    }

    #[test]
    fn odd_shapes() {
        assert_eq!(m("#5: (Brian): Maya"), Some((Some("Brian".into()), Ordinal::Number(5), "Maya".into())));
        assert_eq!(m("(bonus) Matt #7: Twilio"), Some((Some("Matt".into()), Ordinal::Number(7), "Twilio".into())));
        let bare = parse_marker("Brian 5 : icdiff").map(|m| (m.certainty, m.ordinal));
        assert_eq!(bare, Some((NameCertainty::OnlyIfKnown, Ordinal::Number(5))));
    }

    #[test]
    fn initials_and_missing_numbers() {
        let bo = parse_marker("BO 1: Title").map(|m| (m.host, m.ordinal, m.certainty));
        assert_eq!(bo, Some((Some("BO".into()), Ordinal::Number(1), NameCertainty::Certain)));
        assert_eq!(m("BO #2: Title"), Some((Some("BO".into()), Ordinal::Number(2), "Title".into())));
        assert_eq!(m("Brian #: Title"), Some((Some("Brian".into()), Ordinal::Unnumbered, "Title".into())));
        assert_eq!(m("Brian # : Title"), Some((Some("Brian".into()), Ordinal::Unnumbered, "Title".into())));
        assert_eq!(m("Brian # Title"), None, "a lone `#` without a colon is no marker");
        let pep = parse_marker("PEP 8: style").map(|m| m.certainty);
        assert_eq!(pep, Some(NameCertainty::OnlyIfKnown));
        assert!(raw_line_is_marker("**BO 1: [Title](u)**"));
        assert!(raw_line_is_marker("**Brian #:** [Title](u)"));
    }

    #[test]
    fn bold_split_mid_word() {
        assert_eq!(m("B**rian # **3: Title"), Some((Some("Brian".into()), Ordinal::Number(3), "Title".into())));
        assert_eq!(m("A**lex #**3:** Title"), Some((Some("Alex".into()), Ordinal::Number(3), "Title".into())));
        assert_eq!(m("Just **bold** words"), None);
    }

    #[test]
    fn not_markers() {
        assert_eq!(m("Extras"), None);
        assert_eq!(m("Issue #1st"), None);
        assert_eq!(m("Talk about things and more things #3"), None);
    }

    #[test]
    fn countdown() {
        assert_eq!(parse_countdown("10: Python 3.7").map(|m| m.ordinal), Some(Ordinal::Number(10)));
        assert_eq!(parse_countdown("3:30 pm"), None);
    }

    #[test]
    fn raw_lines() {
        assert!(raw_line_is_marker("**Brian #****3****:**  ****[**Python Idioms**](u)"));
        assert!(raw_line_is_marker("## **Michael #1: [x](y)**"));
        assert!(!raw_line_is_marker("    x = 1"));
    }
}
