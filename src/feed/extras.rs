//! `podcast:transcript` and `podcast:chapters`: which file a transcript becomes, and JSON chapters → [`Chapter`]s.

use crate::model::Chapter;

/// The file extension for a transcript, from its MIME type (`application/srt`, `text/vtt`, `application/json`,
/// `text/html`, `text/plain`), else its URL; `None` for a format shownotes does not keep.
pub fn transcript_extension(mime: &str, url: &str) -> Option<&'static str> {
    let mime = mime.to_ascii_lowercase();
    let by_type = match () {
        () if mime.contains("srt") => Some("srt"),
        () if mime.contains("vtt") => Some("vtt"),
        () if mime.contains("json") => Some("json"),
        () if mime.contains("html") => Some("html"),
        () if mime.contains("text/plain") => Some("txt"),
        () => None,
    };
    by_type.or_else(|| {
        let path = url.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
        ["srt", "vtt", "json", "html", "txt"].into_iter().find(|ext| path.ends_with(&format!(".{ext}")))
    })
}

/// The preferred transcript of an item: VTT, then SRT, then JSON, then HTML, then plain text.
pub fn pick_transcript(transcripts: &[(String, String)]) -> Option<(&str, &'static str)> {
    let order = ["vtt", "srt", "json", "html", "txt"];
    transcripts
        .iter()
        .filter_map(|(url, mime)| Some((url.as_str(), transcript_extension(mime, url)?)))
        .min_by_key(|(_, ext)| order.iter().position(|o| o == ext))
}

/// Chapters from a Podcasting 2.0 JSON chapters file (`{"chapters": [{"startTime": 12.5, "title": …, "url": …}]}`),
/// sorted by start; chapters without a title or start, or marked `"toc": false`, are left out.
///
/// # Errors
/// A one-line reason when the bytes are not such a JSON document.
pub fn parse_chapters(bytes: &[u8]) -> Result<Vec<Chapter>, String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| format!("chapters are not JSON: {e}"))?;
    let list = value.get("chapters").and_then(|c| c.as_array()).ok_or("chapters JSON has no \"chapters\" list")?;
    let mut chapters: Vec<Chapter> = list
        .iter()
        .filter(|c| c.get("toc").and_then(serde_json::Value::as_bool) != Some(false))
        .filter_map(|c| {
            let start =
                c.get("startTime").and_then(serde_json::Value::as_f64).filter(|s| s.is_finite() && *s >= 0.0)?;
            let title = crate::feed::html::clean_title(c.get("title")?.as_str()?);
            let url = c
                .get("url")
                .and_then(|u| u.as_str())
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                .map(str::to_owned);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let start = start.min(f64::from(u32::MAX)) as u32;
            (!title.is_empty()).then_some(Chapter { start, title, url })
        })
        .collect();
    chapters.sort_by_key(|c| c.start);
    Ok(chapters)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn picks_and_names_transcripts() {
        assert_eq!(transcript_extension("application/srt", "x"), Some("srt"));
        assert_eq!(transcript_extension("text/vtt", "x"), Some("vtt"));
        assert_eq!(transcript_extension("", "https://a/b.json?x=1"), Some("json"));
        assert_eq!(transcript_extension("audio/mpeg", "https://a/b.mp3"), None);
        let list = vec![("h".to_owned(), "text/html".to_owned()), ("v".to_owned(), "text/vtt".to_owned())];
        assert_eq!(pick_transcript(&list), Some(("v", "vtt")));
    }

    #[test]
    fn reads_json_chapters() {
        let json = br#"{"version":"1.2.0","chapters":[
            {"startTime":65.5,"title":"Second","url":"https://example.org/"},
            {"startTime":0,"title":"<b>Intro</b>"},
            {"startTime":10,"title":"Hidden","toc":false},
            {"title":"No start"}]}"#;
        let chapters = parse_chapters(json).unwrap();
        assert_eq!(
            chapters,
            [
                Chapter { start: 0, title: "Intro".into(), url: None },
                Chapter { start: 65, title: "Second".into(), url: Some("https://example.org/".into()) },
            ]
        );
        assert!(parse_chapters(b"<html>").unwrap_err().contains("not JSON"));
    }
}
