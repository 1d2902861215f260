//! Text for the index: markdown → plain text, and plain text → the folded token streams FTS5 indexes.
//!
//! FTS5 never sees raw text. Every piece of text is cut here into *runs* (letters, digits and the symbol
//! characters `+ # . _ -`), and each run becomes tokens this module controls: the folded word (case and
//! diacritics removed, NFKD), a symbol token for runs like `c++`, `.net`, `3.13`, `__init__`, `--no-deps`,
//! CJK character bigrams, and — in a separate "loose" stream — English stems and the joined form of hyphenated
//! words (`free-threaded` → `freethread`). FTS5 then splits these streams on spaces only (its `unicode61`
//! tokenizer with the symbol characters as token characters), so the query side, built by the same functions,
//! always meets the same tokens.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that may sit inside a token next to letters and digits.
pub const SYMBOL_CHARS: &str = "+#._-";

fn is_symbol(c: char) -> bool {
    SYMBOL_CHARS.contains(c)
}

fn is_run_char(c: char) -> bool {
    c.is_alphanumeric() || is_symbol(c)
}

/// Han, kana and Hangul: scripts written without spaces, indexed as character bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Lower case, compatibility-decomposed, combining marks dropped: `Café`, `Cafe\u{301}` and `CAFE` all give `cafe`.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// The maximal runs of token characters in `text`, trimmed of sentence punctuation, with their byte ranges.
///
/// A trailing `.` or `-` ends a sentence or a dash; a leading run of dots is an ellipsis; a leading `-` or `--`
/// stays only before a letter (`--no-deps`), and a single leading `.` only before a letter (`.NET`).
pub fn runs(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, _) = chars.by_ref().find(|&(_, c)| is_run_char(c))?;
            let mut end = text.len();
            while let Some(&(i, c)) = chars.peek() {
                if !is_run_char(c) {
                    end = i;
                    break;
                }
                chars.next();
            }
            if let Some((range, run)) = trim_run(text, start..end) {
                return Some((range, run));
            }
        }
    })
}

fn trim_run(text: &str, range: Range<usize>) -> Option<(Range<usize>, &str)> {
    let raw = &text[range.clone()];
    let end_trimmed = raw.trim_end_matches(['.', '-']);
    let lead = end_trimmed.len() - end_trimmed.trim_start_matches(['.', '-']).len();
    let rest = &end_trimmed[lead..];
    let keep_lead = match &end_trimmed[..lead] {
        "." | "-" | "--" => rest.chars().next().is_some_and(char::is_alphabetic),
        _ => false,
    };
    let run = if keep_lead { end_trimmed } else { rest };
    if !run.chars().any(char::is_alphanumeric) {
        return None;
    }
    let start = range.start + (raw.len() - raw.trim_start_matches(['.', '-']).len()) - if keep_lead { lead } else { 0 };
    Some((start..start + run.len(), run))
}

/// The tokens of one run, folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunTokens {
    /// The whole run when it holds symbol characters (`c++`, `3.13`, `py.typed`, `free-threaded`).
    pub symbol: Option<String>,
    /// The words inside the run, in order; CJK stretches as bigrams (a lone CJK character as itself).
    pub words: Vec<String>,
    /// `free-threaded` → `freethreaded`: only for hyphenated runs of letters.
    pub joined: Option<String>,
    /// The run is letters joined by single hyphens: its parts mean the same as the whole.
    pub compound: bool,
}

/// Cut one run (from [`runs`]) into its tokens.
pub fn analyze_run(run: &str) -> RunTokens {
    let mut out = RunTokens::default();
    let parts: Vec<&str> = run.split(is_symbol).filter(|p| !p.is_empty()).collect();
    let has_symbol = run.contains(is_symbol);
    for part in &parts {
        push_words(&fold(part), &mut out.words);
    }
    if has_symbol {
        out.symbol = Some(fold(run));
        out.compound = parts.len() > 1
            && !run.starts_with(is_symbol)
            && run.split('-').all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic));
        if out.compound {
            out.joined = Some(out.words.concat());
        }
    }
    out
}

/// A folded word, with CJK stretches cut into bigrams.
fn push_words(word: &str, out: &mut Vec<String>) {
    if !word.chars().any(is_cjk) {
        if !word.is_empty() {
            out.push(word.to_owned());
        }
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let cjk = is_cjk(chars[i]);
        let j = (i..chars.len()).find(|&k| is_cjk(chars[k]) != cjk).unwrap_or(chars.len());
        let stretch = &chars[i..j];
        if !cjk {
            out.push(stretch.iter().collect());
        } else if stretch.len() == 1 {
            out.push(stretch[0].to_string());
        } else {
            out.extend(stretch.windows(2).map(|w| w.iter().collect::<String>()));
        }
        i = j;
    }
}

/// The English stem of a folded word of letters; `None` for numbers, symbols and non-Latin scripts.
pub fn stem(stemmer: &Stemmer, word: &str) -> Option<String> {
    (word.len() > 2 && word.chars().all(|c| c.is_ascii_lowercase())).then(|| stemmer.stem(word).into_owned())
}

/// The English stemmer every stream and query uses.
pub fn english() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The two token streams of a piece of text, space-separated, ready for two FTS5 columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Streams {
    /// Folded words, symbol tokens and CJK bigrams, in text order (so phrases match).
    pub exact: String,
    /// Stems of the words and the joined forms of hyphenated words.
    pub loose: String,
}

impl Streams {
    /// Add the tokens of `text` to both streams.
    pub fn add(&mut self, stemmer: &Stemmer, text: &str) {
        for (_, run) in runs(text) {
            let tokens = analyze_run(run);
            if let Some(s) = &tokens.symbol {
                push(&mut self.exact, s);
            }
            for w in &tokens.words {
                push(&mut self.exact, w);
                push(&mut self.loose, stem(stemmer, w).as_deref().unwrap_or(w));
            }
            if let Some(v) = tokens.symbol.as_deref().and_then(version_prefix) {
                push(&mut self.loose, v);
            }
            if let Some(j) = &tokens.joined {
                push(&mut self.loose, j);
                push(&mut self.loose, stem(stemmer, j).as_deref().unwrap_or(j));
            }
        }
    }
}

/// `3.13.0` → `3.13`: a release is found by its minor version.
fn version_prefix(symbol: &str) -> Option<&str> {
    let mut dots = symbol.match_indices('.').map(|(i, _)| i);
    let (_, second) = (dots.next()?, dots.next()?);
    symbol.chars().all(|c| c.is_ascii_digit() || c == '.').then(|| &symbol[..second])
}

fn push(stream: &mut String, token: &str) {
    if !stream.is_empty() {
        stream.push(' ');
    }
    stream.push_str(token);
}

/// The readable text of markdown on one line: markup dropped, a space where blocks and list items meet, link
/// text kept in place (no gap where a link was), whitespace collapsed.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::End(end) => {
                let inline = matches!(
                    end,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                );
                if !inline {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_list(text: &str) -> Vec<&str> {
        runs(text).map(|(_, r)| r).collect()
    }

    #[test]
    fn runs_keep_symbols_and_drop_sentence_punctuation() {
        assert_eq!(run_list("C++, C# and .NET 3.13."), ["C++", "C#", "and", ".NET", "3.13"]);
        assert_eq!(run_list("use --no-deps... then py.typed - ok"), ["use", "--no-deps", "then", "py.typed", "ok"]);
        assert_eq!(run_list("__init__ ...and"), ["__init__", "and"]);
        let text = "x ...hello.";
        let (r, run) = runs(text).nth(1).expect("run");
        assert_eq!((&text[r], run), ("hello", "hello"));
    }

    #[test]
    fn folding_handles_nfd_and_case() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("Zoe\u{308}"), "zoe");
        assert_eq!(fold("ＦＵＬＬ"), "full");
    }

    #[test]
    fn compounds_join_and_cjk_becomes_bigrams() {
        let t = analyze_run("Free-Threaded");
        assert_eq!(t.symbol.as_deref(), Some("free-threaded"));
        assert_eq!(t.words, ["free", "threaded"]);
        assert_eq!(t.joined.as_deref(), Some("freethreaded"));
        assert!(!analyze_run("--no-deps").compound);
        assert_eq!(analyze_run("東京都Python").words, ["東京", "京都", "python"]);
    }

    #[test]
    fn plain_text_leaves_no_gap_at_links_and_spaces_blocks() {
        assert_eq!(plain_text("See [the docs](https://x.example).\n\n- one\n- two"), "See the docs. one two");
        assert_eq!(plain_text("**bold**ly `code`"), "boldly code");
    }
}
