//! The `transcript` command and the transcript join behind `show` and `export`.

use std::io::{self, Write};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::TranscriptFormat;
use crate::library::Library;
use crate::model::Episode;
use crate::sanitize::clean_line;
use crate::transcript::{self, Cue, Transcript, discover, join};

type Out<'a> = &'a mut dyn Write;

/// The episode with its segment, extras and joke starts filled in from its transcript, when it has one.
/// A transcript that cannot be read is a one-line warning on stderr; the episode is returned without starts.
pub fn joined(library: &Library, episode: &Episode) -> Episode {
    let mut episode = episode.clone();
    let Some(path) = episode.number.and_then(|n| discover::discover(&library.root).get(n).map(ToOwned::to_owned))
    else {
        return episode;
    };
    match transcript::load(&path) {
        Ok(t) => {
            let starts = join::starts(&episode, &t);
            join::apply(&mut episode, &starts);
        }
        Err(e) => super::warn(&[transcript::warning(&path, &e)]),
    }
    episode
}

/// `shownotes transcript N [--segment K] [--format text|json|vtt]`.
///
/// # Errors
/// No transcript for the episode, an unreadable transcript, a segment number out of range or not placed in
/// the transcript, or a failed write.
pub fn run(
    library: &Library,
    episode: &Episode,
    segment: Option<usize>,
    format: TranscriptFormat,
    out: Out,
) -> Result<()> {
    let number = episode.number.unwrap_or_default();
    let path = discover::discover(&library.root).get(number).map(ToOwned::to_owned).with_context(|| {
        format!(
            "episode {number} has no transcript: looked for {number:03}*.txt|vtt|srt|json in {}/transcripts and beside the notes",
            library.root.display()
        )
    })?;
    let t = transcript::load(&path).map_err(|e| anyhow::anyhow!("{}", transcript::warning(&path, &e)))?;
    let from = match segment {
        None => 0,
        Some(k) => {
            let count = episode.segments.len();
            if k == 0 || k > count {
                bail!("episode {number} has {count} segments; --segment takes 1 to {count}");
            }
            let starts = join::starts(episode, &t);
            let Some(start) = starts.segments[k - 1] else {
                bail!("segment {k} of episode {number} could not be placed in its transcript");
            };
            t.cue_at(start)
        }
    };
    let cues = &t.cues[from.min(t.cues.len())..];
    let written = match format {
        TranscriptFormat::Text => text(cues, out),
        TranscriptFormat::Json => {
            let file = path.strip_prefix(&library.root).unwrap_or(&path).to_string_lossy();
            json(number, &file, cues, out)
        }
        TranscriptFormat::Vtt => vtt(&t, from, out),
    };
    written.context("could not write the output")
}

/// `[hh:mm:ss] Speaker: text`, one cue a line, control characters removed.
fn text(cues: &[Cue], out: Out) -> io::Result<()> {
    for c in cues {
        let speaker = c.speaker.as_deref().map(|s| format!("{}: ", clean_line(s))).unwrap_or_default();
        writeln!(out, "[{}] {speaker}{}", transcript::hms(c.start), clean_line(&c.text))?;
    }
    Ok(())
}

fn json(episode: u32, file: &str, cues: &[Cue], out: Out) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        episode: u32,
        file: &'a str,
        cues: &'a [Cue],
    }
    crate::sanitize::json::to_writer_pretty(&mut *out, &Doc { episode, file, cues })?;
    writeln!(out)
}

/// WebVTT with end times (a cue without one ends where the next begins) and `<v Speaker>` voice tags.
fn vtt(t: &Transcript, from: usize, out: Out) -> io::Result<()> {
    writeln!(out, "WEBVTT")?;
    for (i, c) in t.cues.iter().enumerate().skip(from) {
        let next = t.cues.get(i + 1).map_or(c.start + 5.0, |n| n.start);
        let end = c.end.unwrap_or(next).max(c.start);
        writeln!(out, "\n{} --> {}", vtt_time(c.start), vtt_time(end))?;
        let voice = c.speaker.as_deref().map(|s| format!("<v {}>", escape(&clean_line(s)))).unwrap_or_default();
        writeln!(out, "{voice}{}", escape(&clean_line(&c.text)))?;
    }
    Ok(())
}

fn vtt_time(seconds: f64) -> String {
    let millis = (seconds.fract() * 1000.0).round().clamp(0.0, 999.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=999
    let millis = millis as u32;
    format!("{}.{millis:03}", transcript::hms(seconds))
}

/// Cue text may not hold `&`, `<` or `-->` raw.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vtt_times_and_escapes() {
        assert_eq!(vtt_time(3725.25), "01:02:05.250");
        assert_eq!(escape("a<b>&c-->"), "a&lt;b&gt;&amp;c--&gt;");
    }
}
