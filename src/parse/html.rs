//! HTML inside markdown notes, read the way a browser shows it: an inline `<a href>` is a link and `<br>` a line
//! break (the walker asks [`inline_tag`]), and HTML blocks (`<h2>`, `<p>`, `<ul>`, `<a>` on lines of their own)
//! are converted to markdown by the `htmd` crate before the walk, so they read as headings, lists and links and
//! never as raw tags.
//!
//! The conversion keeps line numbers true: a converted block that is shorter is padded with blank lines, and
//! newlines it adds are recorded like the fence repair's (see [`super::fences::Repaired::inserted`]).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// What an inline HTML tag means to a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineTag {
    /// `<a href="…">`: a link to this address starts.
    LinkOpen(String),
    /// `</a>`.
    LinkClose,
    /// `<br>`, `<br/>`: a line break.
    Break,
    /// Anything else: not shown, no meaning.
    Other,
}

/// The tag's name, lower case, and the rest of the tag after it.
fn tag_name(tag: &str) -> Option<(String, &str)> {
    let inner = tag.trim().strip_prefix('<')?;
    let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '/')).unwrap_or(inner.len());
    let name = inner.get(..end)?.trim_end_matches('/').to_ascii_lowercase();
    Some((name, inner.get(end..).unwrap_or("")))
}

/// The value of the `href` attribute in the attribute text of a tag (quoted or bare), `&amp;` read as `&`.
fn href(attrs: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|r| r.find("href")).map(|i| i + from) {
        from = i + 4;
        // A whole attribute name: not `data-href`.
        if i > 0 && !lower.as_bytes().get(i - 1).is_some_and(u8::is_ascii_whitespace) {
            continue;
        }
        let rest = attrs.get(i + 4..)?.trim_start();
        let Some(value) = rest.strip_prefix('=') else { continue };
        let value = value.trim_start();
        let raw = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value.get(1..)?.split(q).next()?,
            _ => value.split(|c: char| c.is_whitespace() || c == '>').next()?,
        };
        let url = raw.trim().replace("&amp;", "&");
        return (!url.is_empty()).then_some(url);
    }
    None
}

/// Read one inline HTML tag (`Event::InlineHtml`).
pub fn inline_tag(tag: &str) -> InlineTag {
    match tag_name(tag) {
        Some((name, attrs)) if name == "a" => href(attrs).map_or(InlineTag::Other, InlineTag::LinkOpen),
        Some((name, _)) if name == "/a" => InlineTag::LinkClose,
        Some((name, _)) if name == "br" => InlineTag::Break,
        _ => InlineTag::Other,
    }
}

/// Could the text hold an HTML block: a line opening with a tag (`<p>`, `</div>`, `<a href…`) after at most
/// three spaces? A byte scan, so notes without HTML pay no second parse.
fn may_hold_block(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|r| r.find('<')).map(|i| i + from) {
        from = i + 1;
        // A tag name, then a space, `>` or `/`: not an autolink (`<https://…>`) or a `<word>` of prose.
        let name_at = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'/'));
        let name = bytes.get(name_at..).unwrap_or(&[]);
        let len = name.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        let after = name.get(len).copied().unwrap_or(b'\n');
        if len == 0
            || !name.first().is_some_and(u8::is_ascii_alphabetic)
            || !matches!(after, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')
        {
            continue;
        }
        let mut s = i;
        while s > 0 && bytes.get(s - 1) == Some(&b' ') && i - s < 3 {
            s -= 1;
        }
        if s == 0 || bytes.get(s - 1) == Some(&b'\n') {
            return true;
        }
    }
    false
}

/// Ranges of the top-level HTML blocks worth converting (comments are left alone: nobody sees them).
fn html_blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 && matches!(tag, Tag::HtmlBlock) {
                    let block = text.get(range.clone()).unwrap_or("").trim_start();
                    if !block.starts_with("<!--") {
                        out.push(range.clone());
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

fn converter() -> htmd::HtmlToMarkdown {
    let options = htmd::options::Options {
        bullet_list_marker: htmd::options::BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..htmd::options::Options::default()
    };
    htmd::HtmlToMarkdown::builder().options(options).skip_tags(vec!["script", "style", "head"]).build()
}

/// The text with its HTML blocks as markdown, and the offsets (in the new text) of newlines that were not in
/// the original; `inserted` (offsets in `text` of newlines an earlier repair added) is carried over.
pub fn convert_blocks<'a>(text: Cow<'a, str>, inserted: Vec<usize>) -> (Cow<'a, str>, Vec<usize>) {
    if !may_hold_block(&text) {
        return (text, inserted);
    }
    let blocks = html_blocks(&text);
    if blocks.is_empty() {
        return (text, inserted);
    }
    let (out, added) = CONVERTER.with(|converter| convert_with(converter, &text, &blocks, inserted));
    (Cow::Owned(out), added)
}

thread_local! {
    /// Building a converter costs more than converting a typical block; one per thread serves every file.
    static CONVERTER: htmd::HtmlToMarkdown = converter();
}

/// The converted text and its added newlines.
fn convert_with(
    converter: &htmd::HtmlToMarkdown,
    text: &str,
    blocks: &[Range<usize>],
    inserted: Vec<usize>,
) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut added: Vec<usize> = Vec::new();
    let mut earlier = inserted.into_iter().peekable();
    let mut last = 0;
    for block in blocks.iter().cloned() {
        let Some(html) = text.get(block.clone()) else { continue };
        let Ok(md) = converter.convert(html) else { continue };
        // Earlier repairs before this block keep their place, shifted by what the conversions changed.
        while let Some(&at) = earlier.peek().filter(|&&at| at < block.start) {
            added.push(at - last + out.len());
            earlier.next();
        }
        while earlier.peek().is_some_and(|&at| at < block.end) {
            earlier.next();
        }
        out.push_str(text.get(last..block.start).unwrap_or(""));
        let was = html.matches('\n').count();
        let md = md.trim_matches('\n');
        let start = out.len();
        out.push_str(md);
        out.push('\n');
        let now = md.matches('\n').count() + 1;
        if now > was {
            // The extra newlines count as added, so later lines keep their numbers.
            let newlines: Vec<usize> =
                out.get(start..).unwrap_or("").match_indices('\n').map(|(i, _)| start + i).collect();
            added.extend(newlines.iter().rev().take(now - was).rev());
        } else {
            out.extend(std::iter::repeat_n('\n', was - now));
        }
        last = block.end;
    }
    for at in earlier {
        added.push(at - last + out.len());
    }
    out.push_str(text.get(last..).unwrap_or(""));
    added.sort_unstable();
    (out, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags() {
        assert_eq!(
            inline_tag("<a href=\"https://x.example/?a=1&amp;b=2\">"),
            InlineTag::LinkOpen("https://x.example/?a=1&b=2".into())
        );
        assert_eq!(inline_tag("<A class=x HREF='https://y.example'>"), InlineTag::LinkOpen("https://y.example".into()));
        assert_eq!(inline_tag("<a data-href=\"z\">"), InlineTag::Other);
        assert_eq!(inline_tag("</a>"), InlineTag::LinkClose);
        assert_eq!(inline_tag("<br/>"), InlineTag::Break);
        assert_eq!(inline_tag("<br />"), InlineTag::Break);
        assert_eq!(inline_tag("<span>"), InlineTag::Other);
    }

    #[test]
    fn blocks_become_markdown_and_keep_line_numbers() {
        let text = "intro\n\n<h2>Heading</h2>\n<p>See <a href=\"https://a.example\">this</a>.</p>\n\nlast line\n";
        let (out, added) = convert_blocks(Cow::Borrowed(text), Vec::new());
        assert!(out.contains("## Heading"), "{out}");
        assert!(out.contains("[this](https://a.example)"), "{out}");
        let lines_before = |s: &str, at: usize| s.get(..at).unwrap_or("").matches('\n').count();
        let last = out.find("last line").unwrap_or(0);
        let real = lines_before(&out, last) - added.iter().filter(|&&a| a < last).count();
        assert_eq!(real, lines_before(text, text.find("last line").unwrap_or(0)));
    }

    #[test]
    fn text_without_html_is_borrowed() {
        let (out, _) = convert_blocks(Cow::Borrowed("a < b\n\n- x <y>\n"), vec![3]);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert!(!may_hold_block("<https://auto.example>\n"));
        assert!(may_hold_block("text\n  </div>\n"));
    }
}
