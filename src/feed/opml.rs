//! OPML subscription lists: `<outline xmlUrl=…>` in, one outline per subscribed show out.

use quick_xml::Reader;
use quick_xml::events::Event;

/// A feed named by an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The `xmlUrl`.
    pub url: String,
    /// `title`, else `text`.
    pub name: Option<String>,
}

/// One show for [`export`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub name: &'a str,
    pub feed: &'a str,
    pub link: Option<&'a str>,
}

/// Every outline with an `xmlUrl`, at any depth (folders of feeds are flattened), in document order.
///
/// # Errors
/// A one-line reason when the XML is malformed.
pub fn read(bytes: &[u8]) -> Result<Vec<Outline>, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut outlines = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref().eq_ignore_ascii_case(b"outline") => {
                let mut url = None;
                let mut title = None;
                let mut text = None;
                for attr in e.attributes().flatten() {
                    let value = attr
                        .decoded_and_normalized_value(quick_xml::XmlVersion::default(), reader.decoder())
                        .map_err(|e| format!("is not valid OPML: {e}"))?
                        .trim()
                        .to_owned();
                    match attr.key.local_name().as_ref() {
                        b"xmlUrl" | b"xmlurl" => url = Some(value),
                        b"title" => title = Some(value),
                        b"text" => text = Some(value),
                        _ => {}
                    }
                }
                if let Some(url) = url.filter(|u| !u.is_empty()) {
                    let name = title.or(text).filter(|n| !n.is_empty());
                    outlines.push(Outline { url, name });
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("is not valid OPML: {e}")),
        }
        buf.clear();
    }
    Ok(outlines)
}

/// An OPML 2.0 document listing `entries`.
pub fn export(entries: &[Entry<'_>]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>shownotes subscriptions</title>\n  </head>\n  <body>\n",
    );
    for e in entries {
        let name = escape(e.name);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{}\"",
            escape(e.feed)
        ));
        if let Some(link) = e.link {
            out.push_str(&format!(" htmlUrl=\"{}\"", escape(link)));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn escape(s: &str) -> String {
    let s = crate::sanitize::clean_line(s);
    quick_xml::escape::escape(s.as_ref()).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let entries = [
            Entry { name: "A & B", feed: "https://a.example/feed?x=1&y=2", link: Some("https://a.example/") },
            Entry { name: "Plain", feed: "http://b.example/rss", link: None },
        ];
        let doc = export(&entries);
        let back = read(doc.as_bytes()).unwrap();
        assert_eq!(
            back,
            [
                Outline { url: "https://a.example/feed?x=1&y=2".into(), name: Some("A & B".into()) },
                Outline { url: "http://b.example/rss".into(), name: Some("Plain".into()) },
            ]
        );
    }

    #[test]
    fn nested_folders_and_bad_xml() {
        let doc = br#"<opml><body><outline text="Tech"><outline text="X" xmlUrl="http://x/"/></outline></body></opml>"#;
        assert_eq!(read(doc).unwrap(), [Outline { url: "http://x/".into(), name: Some("X".into()) }]);
        assert!(read(b"<opml><body><outline xmlUrl=\"x\"></body>").is_err());
    }
}
