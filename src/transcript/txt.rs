//! `HH:MM:SS text` transcripts (the Python Bytes `.txt` files): one cue per timed line.

use super::cues::{Markup, parse_time, pieces};
use super::{Cue, TranscriptError};

/// Each line starting with a time opens a cue; a line without one continues the cue above it, and blank
/// lines separate nothing. Text before the first time, or a time-shaped token that is not a valid time, is
/// an error naming the line.
pub(super) fn parse(text: &str) -> Result<Vec<Cue>, TranscriptError> {
    let mut cues: Vec<Cue> = Vec::new();
    let mut speaker: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (head, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let head = head.trim_start_matches('[').trim_end_matches(']');
        let looks_timed = head.contains(':') && head.starts_with(|c: char| c.is_ascii_digit());
        if !looks_timed {
            let Some(last) = cues.last() else {
                return Err(TranscriptError::BadLine {
                    line: i + 1,
                    reason: "text before the first `HH:MM:SS` time; a .txt transcript starts each line with one"
                        .to_owned(),
                });
            };
            let start = last.start;
            for p in pieces(line, last.speaker.clone(), Markup::VoicesOnly) {
                match cues.last_mut() {
                    Some(last) if last.speaker == p.speaker => {
                        last.text = if last.text.is_empty() { p.text } else { format!("{} {}", last.text, p.text) };
                    }
                    _ => cues.push(Cue { start, end: None, speaker: p.speaker, text: p.text }),
                }
            }
            continue;
        }
        let start =
            parse_time(head).ok_or_else(|| TranscriptError::BadTimestamp { line: i + 1, found: head.to_owned() })?;
        let found = pieces(rest, speaker.take(), Markup::VoicesOnly);
        if found.is_empty() {
            cues.push(Cue { start, end: None, speaker: None, text: String::new() });
        }
        for p in found {
            speaker.clone_from(&p.speaker);
            cues.push(Cue { start, end: None, speaker: p.speaker, text: p.text });
        }
        // A speaker carries over only inside a line: the next line names its own or has none.
        speaker = None;
    }
    cues.retain(|c| !c.text.is_empty());
    Ok(cues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_continuations() {
        let cues = parse("00:00:00 Hello there.\n\n00:00:04 <v Ann Lee>Next line\nwraps here\n01:02:03 end").unwrap();
        assert_eq!(cues.len(), 3);
        assert_eq!(cues[1].start, 4.0);
        assert_eq!(cues[1].speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(cues[1].text, "Next line wraps here");
        assert_eq!(cues[2].start, 3723.0);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            parse("00:00:01 a\n00:99:00 b"),
            Err(TranscriptError::BadTimestamp { line: 2, found: "00:99:00".to_owned() })
        );
        assert!(matches!(parse("hello\n00:00:01 a"), Err(TranscriptError::BadLine { line: 1, .. })));
    }
}
