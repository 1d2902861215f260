//! Transcripts of an episode's audio: cues read from `HH:MM:SS` text, WebVTT, SRT or Podcasting 2.0 JSON,
//! and the join that gives each segment of the notes an approximate start time.
//!
//! - [`Transcript::parse`] / [`load`]: text or a file → cues, or a [`TranscriptError`] naming the reason.
//! - [`discover`]: which transcript file belongs to which episode of a library.
//! - [`join`]: the notes ↔ transcript join (segment, extras and joke starts).
//!
//! Nothing here runs when a library loads: transcripts are read on demand, so they never slow `list`.

pub mod discover;
pub mod join;

mod cues;
mod json;
mod txt;
mod vtt;

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The timed text of one episode, cues in file order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub cues: Vec<Cue>,
}

/// One timed stretch of speech.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// Start in seconds from the beginning of the audio (finite, ≥ 0).
    pub start: f64,
    /// End in seconds, when the format gives one (VTT, SRT, JSON) and it is not before `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    /// The speaker, from a VTT/SRT voice tag `<v Name>` or a JSON `speaker`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// What was said: markup removed, entities decoded, whitespace collapsed to single spaces. Untrusted:
    /// pass it through [`crate::sanitize`] before a terminal.
    pub text: String,
}

/// A stretch of consecutive cues, for search: see [`Transcript::passages`].
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Start of its first cue, in seconds.
    pub start: f64,
    /// The cues it holds (indices into [`Transcript::cues`]).
    pub cues: std::ops::Range<usize>,
    /// Their text joined with spaces (untrusted: sanitize before a terminal, escape before FTS5).
    pub text: String,
}

/// The transcript formats shownotes reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// One cue per line: `HH:MM:SS text` (or `MM:SS text`); lines without a time continue the cue above.
    Txt,
    /// WebVTT: `WEBVTT` header, `start --> end` cues, NOTE/STYLE/REGION blocks, `<v Name>` voice tags.
    Vtt,
    /// SubRip: numbered cues with `HH:MM:SS,mmm --> HH:MM:SS,mmm`.
    Srt,
    /// Podcasting 2.0 JSON: `{"segments": [{"startTime", "endTime", "speaker", "body"}]}`.
    Json,
}

impl Format {
    /// The format a file name's extension names (`.txt`, `.vtt`, `.srt`, `.json`, any case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Self::Txt),
            "vtt" => Some(Self::Vtt),
            "srt" => Some(Self::Srt),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Why a transcript could not be read. Each names the reason a person can act on; line numbers are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TranscriptError {
    #[error("cannot be read: {0}")]
    Read(String),
    #[error("is empty: no cues")]
    Empty,
    #[error("looks binary (contains NUL bytes), not a transcript")]
    Binary,
    #[error("is not UTF-8 text (invalid byte at offset {0}); convert it with `iconv -f latin1 -t utf-8`")]
    NotUtf8(usize),
    #[error("line {line}: {reason}")]
    BadLine { line: usize, reason: String },
    #[error("line {line}: bad timestamp `{found}` (expected HH:MM:SS or MM:SS, minutes and seconds below 60)")]
    BadTimestamp { line: usize, found: String },
    #[error("does not start with `WEBVTT`, so it is not a WebVTT file")]
    NotVtt,
    #[error("is not Podcasting 2.0 transcript JSON: {0}")]
    BadJson(String),
    #[error("has an unknown extension; transcripts are .txt, .vtt, .srt or .json")]
    UnknownFormat,
}

impl Transcript {
    /// Parse `text` in `format`.
    ///
    /// # Errors
    /// Broken input of any kind — bad timestamps, a missing header, no cues at all — never a panic.
    pub fn parse(text: &str, format: Format) -> Result<Self, TranscriptError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let cues = match format {
            Format::Txt => txt::parse(text)?,
            Format::Vtt => vtt::parse_vtt(text)?,
            Format::Srt => vtt::parse_srt(text)?,
            Format::Json => json::parse(text)?,
        };
        if cues.is_empty() {
            return Err(TranscriptError::Empty);
        }
        Ok(Self { cues })
    }

    /// Parse raw bytes: UTF-8 with an optional BOM; binary and other encodings are refused.
    ///
    /// # Errors
    /// [`TranscriptError::Binary`], [`TranscriptError::NotUtf8`], or any parse error of [`Transcript::parse`].
    pub fn from_bytes(bytes: &[u8], format: Format) -> Result<Self, TranscriptError> {
        if bytes.get(..8192).unwrap_or(bytes).contains(&0) {
            return Err(TranscriptError::Binary);
        }
        let text = std::str::from_utf8(bytes).map_err(|e| TranscriptError::NotUtf8(e.valid_up_to()))?;
        Self::parse(text, format)
    }

    /// The transcript cut into passages of about `seconds` each (cues are never split): what a search
    /// index stores, one row per passage, so a hit can open the transcript at the passage's start.
    pub fn passages(&self, seconds: f64) -> Vec<Passage> {
        let mut out: Vec<Passage> = Vec::new();
        for (i, cue) in self.cues.iter().enumerate() {
            match out.last_mut() {
                Some(p) if cue.start - p.start < seconds && cue.start >= p.start => {
                    p.text.push(' ');
                    p.text.push_str(&cue.text);
                    p.cues.end = i + 1;
                }
                _ => out.push(Passage { start: cue.start, cues: i..i + 1, text: cue.text.clone() }),
            }
        }
        out
    }

    /// The index of the cue playing at `seconds`: the last cue starting at or before it (0 before the first).
    pub fn cue_at(&self, seconds: f64) -> usize {
        self.cues.partition_point(|c| c.start <= seconds).saturating_sub(1)
    }
}

/// Read and parse a transcript file, the format taken from its extension.
///
/// # Errors
/// An unreadable, oversized, binary or non-UTF-8 file, an unknown extension, or any parse error.
pub fn load(path: &Path) -> Result<Transcript, TranscriptError> {
    let format = Format::from_path(path).ok_or(TranscriptError::UnknownFormat)?;
    let bytes = crate::library::read_bounded(path).map_err(TranscriptError::Read)?;
    Transcript::from_bytes(&bytes, format)
}

/// Read the transcript of every episode of `library` that has one and join it to the notes, in parallel,
/// writing approximate starts into the segments, extras and jokes (for `export` and `show`).
///
/// Returns one warning per transcript that could not be read, naming the file and the reason; those
/// episodes keep loading without starts. Costs a read and parse of every transcript: call it only where
/// the starts are needed, never from `list` or the reader's first frame.
pub fn join_library(library: &mut crate::library::Library) -> Vec<String> {
    let files = discover::discover(&library.root);
    let jobs: Vec<(usize, &Path)> =
        library.episodes.iter().enumerate().filter_map(|(i, e)| Some((i, files.get(e.number?)?))).collect();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(jobs.len().max(1));
    let chunk = jobs.len().div_ceil(threads).max(1);
    let episodes = &library.episodes;
    let results: Vec<(usize, Result<join::Starts, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|&(i, path)| {
                            let joined = load(path).map(|t| join::starts(&episodes[i], &t));
                            (i, joined.map_err(|e| warning(path, &e)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut warnings = Vec::new();
    for (i, result) in results {
        match result {
            Ok(starts) => join::apply(&mut library.episodes[i], &starts),
            Err(w) => warnings.push(w),
        }
    }
    warnings
}

/// The one-line warning for a transcript that could not be read: `transcript FILE REASON`.
pub fn warning(path: &Path, e: &TranscriptError) -> String {
    format!("transcript {} {e}; its episode loads without it", crate::sanitize::visible(&path.to_string_lossy()))
}

/// `3725.4` → `01:02:05`: whole seconds, hours always shown.
pub fn hms(seconds: f64) -> String {
    let s = whole_seconds(seconds);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `725.4` → `12:05`, `3725` → `1:02:05`: the short form the notes' readers see (`~12:05`).
pub fn short_time(seconds: u32) -> String {
    if seconds >= 3600 {
        format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
    } else {
        format!("{:02}:{:02}", seconds / 60, seconds % 60)
    }
}

/// Seconds rounded down to a whole number, clamped into `u32` (negative and NaN become 0).
pub fn whole_seconds(seconds: f64) -> u32 {
    if seconds.is_nan() || seconds <= 0.0 {
        0
    } else if seconds >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        // In range and non-negative: the cast only drops the fraction.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let s = seconds as u32;
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_format() {
        assert_eq!(hms(3725.9), "01:02:05");
        assert_eq!(short_time(725), "12:05");
        assert_eq!(short_time(3725), "1:02:05");
        assert_eq!(whole_seconds(f64::NAN), 0);
    }

    #[test]
    fn cue_at_finds_the_cue_playing() {
        let cue = |start| Cue { start, ..Cue::default() };
        let t = Transcript { cues: vec![cue(0.0), cue(5.0), cue(9.0)] };
        assert_eq!(t.cue_at(-1.0), 0);
        assert_eq!(t.cue_at(5.0), 1);
        assert_eq!(t.cue_at(100.0), 2);
    }

    #[test]
    fn passages_group_cues_into_windows() {
        let cue = |start, text: &str| Cue { start, text: text.to_owned(), ..Cue::default() };
        let t =
            Transcript { cues: vec![cue(0.0, "a"), cue(10.0, "b"), cue(29.0, "c"), cue(30.0, "d"), cue(75.0, "e")] };
        let p = t.passages(30.0);
        let got: Vec<(f64, &str, std::ops::Range<usize>)> =
            p.iter().map(|p| (p.start, p.text.as_str(), p.cues.clone())).collect();
        assert_eq!(got, [(0.0, "a b c", 0..3), (30.0, "d", 3..4), (75.0, "e", 4..5)]);
    }

    #[test]
    fn binary_and_latin1_are_refused() {
        assert_eq!(Transcript::from_bytes(b"00:00:01 a\0b", Format::Txt), Err(TranscriptError::Binary));
        assert_eq!(Transcript::from_bytes(b"00:00:01 caf\xE9", Format::Txt), Err(TranscriptError::NotUtf8(12)));
    }
}
