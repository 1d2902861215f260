//! Podcasting 2.0 JSON transcripts (`application/json` of the `podcast:transcript` tag).

use serde::Deserialize;

use super::cues::{Markup, collapse, pieces};
use super::{Cue, TranscriptError};

#[derive(Deserialize)]
struct Doc {
    segments: Vec<Segment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Segment {
    #[serde(default)]
    speaker: Option<String>,
    start_time: f64,
    #[serde(default)]
    end_time: Option<f64>,
    #[serde(default)]
    body: String,
}

/// `{"version": "1.0.0", "segments": [{"speaker": "Ann", "startTime": 0.5, "endTime": 2.0, "body": "Hi"}]}`;
/// times in seconds. A negative or non-finite time is an error naming the segment.
pub(super) fn parse(text: &str) -> Result<Vec<Cue>, TranscriptError> {
    let doc: Doc = serde_json::from_str(text).map_err(|e| TranscriptError::BadJson(e.to_string()))?;
    let mut cues = Vec::with_capacity(doc.segments.len());
    for (i, s) in doc.segments.into_iter().enumerate() {
        let valid = |t: f64| t.is_finite() && t >= 0.0;
        if !valid(s.start_time) || !s.end_time.is_none_or(valid) {
            return Err(TranscriptError::BadJson(format!("segment {} has a negative or invalid time", i + 1)));
        }
        let speaker = s.speaker.map(|n| collapse(&n)).filter(|n| !n.is_empty());
        let end = s.end_time.filter(|&e| e >= s.start_time);
        for p in pieces(&s.body, speaker, Markup::VoicesOnly) {
            cues.push(Cue { start: s.start_time, end, speaker: p.speaker, text: p.text });
        }
    }
    Ok(cues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_become_cues() {
        let cues = parse(r#"{"version":"1.0.0","segments":[{"speaker":"Ann","startTime":0.5,"endTime":2,"body":"Hi  there"},{"startTime":3,"body":"Bye"}]}"#).unwrap();
        assert_eq!(cues.len(), 2);
        assert_eq!(
            (cues[0].speaker.as_deref(), cues[0].text.as_str(), cues[0].end),
            (Some("Ann"), "Hi there", Some(2.0))
        );
        assert_eq!(cues[1].speaker, None);
    }

    #[test]
    fn bad_json_says_why() {
        assert!(matches!(parse("{\"segments\": 3}"), Err(TranscriptError::BadJson(_))));
        assert!(
            matches!(parse(r#"{"segments":[{"startTime":-1,"body":"x"}]}"#), Err(TranscriptError::BadJson(m)) if m.contains("segment 1"))
        );
    }
}
