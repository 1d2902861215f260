//! WebVTT and SubRip: blocks of `start --> end` cues separated by blank lines.

use super::cues::{Markup, parse_time, pieces};
use super::{Cue, TranscriptError};

/// A block of consecutive non-blank lines, with the 1-based number of its first line.
struct Block<'a> {
    line: usize,
    lines: Vec<&'a str>,
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(b) if open => b.lines.push(line),
            _ => out.push(Block { line: i + 1, lines: vec![line] }),
        }
        open = true;
    }
    out
}

/// WebVTT: a `WEBVTT` header, then cues (optional id line, `start --> end [settings]`, payload lines);
/// NOTE, STYLE and REGION blocks are skipped. Payload markup is removed and voice tags give speakers.
pub(super) fn parse_vtt(text: &str) -> Result<Vec<Cue>, TranscriptError> {
    let first = text.lines().next().unwrap_or_default();
    let after = first.strip_prefix("WEBVTT").ok_or(TranscriptError::NotVtt)?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return Err(TranscriptError::NotVtt);
    }
    let mut cues = Vec::new();
    for block in blocks(text).into_iter().skip(1) {
        let head = block.lines[0];
        let word = head.split_whitespace().next().unwrap_or_default();
        if matches!(word, "NOTE" | "STYLE" | "REGION") && !head.contains("-->") {
            continue;
        }
        cue_block(&block, &mut cues)?;
    }
    Ok(cues)
}

/// SubRip: numbered blocks of `HH:MM:SS,mmm --> HH:MM:SS,mmm` and text (the number may be missing).
pub(super) fn parse_srt(text: &str) -> Result<Vec<Cue>, TranscriptError> {
    let mut cues = Vec::new();
    for block in blocks(text) {
        cue_block(&block, &mut cues)?;
    }
    Ok(cues)
}

/// One cue block: the timing line is the first or (after an id) the second line.
fn cue_block(block: &Block, cues: &mut Vec<Cue>) -> Result<(), TranscriptError> {
    let at = block.lines.iter().take(2).position(|l| l.contains("-->")).ok_or_else(|| TranscriptError::BadLine {
        line: block.line,
        reason: "a cue without a `start --> end` timing line".to_owned(),
    })?;
    let line = block.line + at;
    let (start, end) = timing(block.lines[at], line)?;
    let payload = block.lines[at + 1..].join("\n");
    for p in pieces(&payload, None, Markup::Full) {
        cues.push(Cue { start, end, speaker: p.speaker, text: p.text });
    }
    Ok(())
}

/// `00:01.000 --> 00:04.500 align:start` → (1.0, Some(4.5)); an end before the start is dropped.
fn timing(line: &str, number: usize) -> Result<(f64, Option<f64>), TranscriptError> {
    let (left, right) = line.split_once("-->").unwrap_or((line, ""));
    let bad = |found: &str| TranscriptError::BadTimestamp { line: number, found: found.to_owned() };
    let left = left.trim();
    let right = right.split_whitespace().next().unwrap_or_default();
    let start = parse_time(left).ok_or_else(|| bad(left))?;
    let end = parse_time(right).ok_or_else(|| bad(right))?;
    Ok((start, (end >= start).then_some(end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vtt_ids_settings_notes_and_voices() {
        let text = "WEBVTT - a title\n\nNOTE a comment\nspanning lines\n\nSTYLE\n::cue { color: red }\n\n\
                    intro-1\n00:00:01.000 --> 00:00:04.000 align:start line:0\n<v Ann>Hello &amp; welcome\nto it</v>\n\n\
                    00:05.000 --> 00:07.000\n<v Ann>Hi</v> <v Bob>Yo\n";
        let cues = parse_vtt(text).unwrap();
        assert_eq!(cues.len(), 3);
        assert_eq!((cues[0].start, cues[0].end), (1.0, Some(4.0)));
        assert_eq!(cues[0].text, "Hello & welcome to it");
        assert_eq!(cues[2].speaker.as_deref(), Some("Bob"));
        assert_eq!(cues[2].start, 5.0);
    }

    #[test]
    fn vtt_errors() {
        assert_eq!(parse_vtt("WEBVTTX\n"), Err(TranscriptError::NotVtt));
        assert_eq!(parse_vtt("00:01.000 --> 00:02.000\nhi"), Err(TranscriptError::NotVtt));
        assert_eq!(
            parse_vtt("WEBVTT\n\n00:01.000 --> 00:0x.000\nhi"),
            Err(TranscriptError::BadTimestamp { line: 3, found: "00:0x.000".to_owned() })
        );
        assert!(matches!(parse_vtt("WEBVTT\n\nid\nhello\n"), Err(TranscriptError::BadLine { line: 3, .. })));
    }

    #[test]
    fn srt_blocks() {
        let cues =
            parse_srt("1\n00:00:01,000 --> 00:00:02,500\n<i>Hi</i> there\n\n2\n00:00:03,000 --> 00:00:01,000\nBack\n")
                .unwrap();
        assert_eq!(cues.len(), 2);
        assert_eq!((cues[0].start, cues[0].end, cues[0].text.as_str()), (1.0, Some(2.5), "Hi there"));
        assert_eq!(cues[1].end, None);
    }
}
