//! The parser on hostile and degenerate input: never a panic, a typed error only for a blank document, and an
//! episode for everything else (deep nesting, huge lines, unclosed constructs, control and bidi characters).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use shownotes::parse::{ParseError, parse_episode};

#[test]
fn blank_documents_are_the_only_error() {
    assert_eq!(parse_episode(""), Err(ParseError::Empty));
    assert_eq!(parse_episode(" \n\t\r\n"), Err(ParseError::Empty));
    assert_eq!(parse_episode("\u{feff}\n"), Err(ParseError::Empty));
    assert!(parse_episode("x").is_ok());
}

#[test]
fn deep_nesting_does_not_overflow() {
    let lists: String = (0..3000).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
    let quotes = format!("{} deep\n", ">".repeat(3000));
    let brackets = format!("**Brian #1:** {}x{}\n", "[".repeat(5000), "](u)".repeat(5000));
    let emphasis = format!("{}text{}\n", "*_".repeat(5000), "_*".repeat(5000));
    for text in [lists, quotes, brackets, emphasis] {
        let e = parse_episode(&text).expect("not blank");
        assert!(e.segments.len() <= 1);
    }
}

#[test]
fn huge_single_lines_parse() {
    let title = "word ".repeat(400_000);
    let text = format!("**Brian #1:** [**{title}**](https://example.com)\n\n- {}\n", "é".repeat(1_000_000));
    let e = parse_episode(&text).expect("not blank");
    assert_eq!(e.segments.len(), 1);
    assert_eq!(e.segments[0].url.as_deref(), Some("https://example.com"));
    let bare = "x".repeat(2 << 20);
    assert!(parse_episode(&bare).is_ok());
}

#[test]
fn unclosed_constructs_still_read() {
    let text = "**Brian #1:** [**Open link(https://x\n\n```\ncode\n**Michael #2:** [**Next**](https://y.example)\n\n- [a](\n---\ntitle: [\n";
    let e = parse_episode(text).expect("not blank");
    let titles: Vec<&str> = e.segments.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(e.segments[1].url.as_deref(), Some("https://y.example"));
    assert!(parse_episode("---\ntitle: [unclosed\n---\n# Python Bytes 3\n").is_ok());
    assert!(parse_episode("---\n").is_ok());
}

#[test]
fn unicode_names_and_controls_do_not_break_markers() {
    let text = "**Zoë\u{301} #1:** [**\u{202e}reversed\u{1b}[31m**](https://a.example)\n\n\
                **مايكل #2:** [**عربي 🐍**](https://b.example)\n\n**Extras**\n\nZoë\u{301}:\n\n- \u{7}bell\n";
    let e = parse_episode(text).expect("not blank");
    assert_eq!(e.segments.len(), 2);
    assert_eq!(e.segments[1].host.as_deref(), Some("مايكل"));
    assert_eq!(e.extras.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let _ = parse_episode(&s);
    }

    #[test]
    fn marker_soup_never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
        "**", "Brian", " #", "1", "0.1", ":", " ", "\n", "\r\n", "[", "](", "https://x.example", ")", "```", "~~~",
        "- ", "> ", "# ", "## ", "Extras", "Joke", "Sponsored by ", "---\n", "\u{feff}", "é", "\u{301}", "🐍", "\t",
        "Michael:", "<b>", "\\", "`",
    ]), 0..80)) {
        let text: String = parts.concat();
        if let Ok(e) = parse_episode(&text) {
            for s in &e.segments {
                prop_assert!(s.line >= 1);
            }
        }
    }
}

/// Regression: a literal link read off visible text once spliced a URL across dropped inline HTML
/// (`…/s<a>](…` became `…/s](…`), a URL the notes never contain.
#[test]
fn urls_read_from_visible_text_are_written_in_the_notes() {
    for text in [
        "**Michael #1:** [T](https://t.com/s<a>](https://a.b/c)\n\n- x\n",
        "**Brian #2:** Title <b>https://x.y/a</b>\n\n- x\n",
    ] {
        let e = parse_episode(text).unwrap();
        for url in e.segments.iter().filter_map(|s| s.url.as_deref()).chain(e.links.iter().map(|l| l.url.as_str())) {
            assert!(text.contains(url), "{url:?} is not written in {text:?}");
        }
    }
}
