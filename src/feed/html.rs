//! A feed's HTML made fit for a markdown file: notes converted with htmd, relative links made absolute,
//! titles stripped of markup and control characters.

/// An htmd converter that drops `<script>`, `<style>` and other non-content elements; build one per feed.
pub fn converter() -> htmd::HtmlToMarkdown {
    htmd::HtmlToMarkdown::builder().skip_tags(vec!["script", "style", "noscript", "iframe", "head"]).build()
}

/// The notes of an item as markdown: `html` with every relative `href`/`src` resolved against `base`, then
/// converted by htmd. Plain text (no tags) is kept as written. Never fails: HTML htmd cannot read is kept as text.
pub fn to_markdown(html: &str, base: Option<&str>, converter: &htmd::HtmlToMarkdown) -> String {
    // Escape sequences go whole before the parser sees them (it would drop the ESC and keep `[2J`).
    let cleaned = crate::sanitize::clean(html);
    let html = cleaned.trim();
    if !html.contains('<') {
        return crate::sanitize::clean(html).trim().to_owned();
    }
    let resolved = match base {
        Some(base) => resolve_attributes(html, base),
        None => html.to_owned(),
    };
    let markdown = converter.convert(&resolved).unwrap_or(resolved);
    crate::sanitize::clean(markdown.trim()).into_owned()
}

/// A title as one clean line: tags removed (`<b>New</b> episode` → `New episode`), the few entities a
/// double-escaped feed leaves decoded, control characters and escape sequences dropped, whitespace collapsed.
pub fn clean_title(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut in_tag = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `a < b` in a title is text; `<b>` or `</i>` is markup.
            '<' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!') => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => text.push(c),
        }
    }
    let text = decode_entities(&text);
    let line = crate::sanitize::clean_line(&text);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// `url` made absolute against `base` (an absolute http(s) URL). Absolute URLs, `mailto:` and other schemes
/// come back unchanged; so does everything when `base` is not absolute.
pub fn resolve(url: &str, base: &str) -> String {
    let url = url.trim();
    if has_scheme(url) || url.starts_with('#') || !has_scheme(base) {
        return url.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else { return url.to_owned() };
    if let Some(net) = url.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    if url.starts_with('?') {
        return format!("{origin}{path}{url}");
    }
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let (rel, tail) = url.find(['?', '#']).map_or((url, ""), |i| url.split_at(i));
    let rel_parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in rel_parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                segments.pop();
            }
            "" if i + 1 < rel_parts.len() => {}
            p => segments.push(p),
        }
    }
    let ends_dir = matches!(rel_parts.last(), Some(&("." | "..")));
    let slash = if ends_dir { "/" } else { "" };
    format!("{origin}/{}{slash}{tail}", segments.join("/"))
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
    })
}

/// Every quoted `href=`/`src=` value inside a tag of `html`, resolved against `base`.
fn resolve_attributes(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    let mut in_tag = false;
    while let Some(i) = rest.find(['<', '>', '=']) {
        let c = rest.as_bytes()[i];
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        match c {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if in_tag && is_link_attribute(&out) => {
                let Some(quote) = rest.chars().next().filter(|q| *q == '"' || *q == '\'') else { continue };
                let Some(end) = rest[1..].find(quote) else { continue };
                let value = &rest[1..=end];
                out.push(quote);
                out.push_str(&resolve(value, base));
                out.push(quote);
                rest = &rest[end + 2..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// Whether the text just before an `=` ends in an `href` or `src` attribute name.
fn is_link_attribute(before_eq: &str) -> bool {
    let name = before_eq[..before_eq.len() - 1].trim_end();
    let lower = name.get(name.len().saturating_sub(5)..).unwrap_or(name).to_ascii_lowercase();
    let boundary = |n: usize| name[..name.len() - n].ends_with(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    (lower.ends_with("href") && boundary(4)) || (lower.ends_with("src") && boundary(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let base = "https://example.org/show/ep1.html?x=1";
        assert_eq!(resolve("notes.html", base), "https://example.org/show/notes.html");
        assert_eq!(resolve("../a/b", base), "https://example.org/a/b");
        assert_eq!(resolve("/root", base), "https://example.org/root");
        assert_eq!(resolve("//cdn.example.org/x", base), "https://cdn.example.org/x");
        assert_eq!(resolve("?page=2", base), "https://example.org/show/ep1.html?page=2");
        assert_eq!(resolve("https://other.org/", base), "https://other.org/");
        assert_eq!(resolve("mailto:a@example.org", base), "mailto:a@example.org");
        assert_eq!(resolve("#top", base), "#top");
        assert_eq!(resolve("x.html", "https://example.org"), "https://example.org/x.html");
        assert_eq!(resolve("x.html", "not a url"), "x.html");
    }

    #[test]
    fn converts_notes_and_resolves_their_links() {
        let md = to_markdown(
            r#"<p>See <a href="/post/1">the post</a> and <a class="x" href='https://a.example/'>this</a>.</p><script>alert(1)</script>"#,
            Some("https://example.org/ep/"),
            &converter(),
        );
        assert!(!md.contains("alert"), "{md}");
        assert!(md.contains("[the post](https://example.org/post/1)"), "{md}");
        assert!(md.contains("[this](https://a.example/)"), "{md}");
        assert_eq!(to_markdown("plain words", None, &converter()), "plain words");
        assert_eq!(to_markdown("<p>bell\u{7} and \x1b[2Jclear</p>", None, &converter()), "bell and clear");
    }

    #[test]
    fn titles_lose_markup_and_controls() {
        assert_eq!(clean_title("<b>Big</b>   news\x1b[2J &amp; more\n"), "Big news & more");
        assert_eq!(clean_title("Episode 5\u{7}"), "Episode 5");
    }
}
