//! The notes ↔ transcript join: an approximate start (seconds) for each segment, the extras and the joke.
//!
//! 1. Each section of the notes (intro, segments, extras, joke, in the notes' order) gets a vocabulary: its
//!    title, link and body words ([`words`]).
//! 2. Every transcript line votes for the sections whose words it says, each word weighted by how rare it is
//!    in this transcript and shared among the sections that have it.
//! 3. The lines are split, in order, into the sections so that the votes agree best ([`align`]), and each
//!    section's start moves back to the nearest hand-off line ("what have you got for us", "next up", the
//!    presenter's name).

mod align;
mod words;

use std::collections::HashMap;

use crate::model::Episode;

use super::Transcript;
use words::{Vocab, tokens};

/// Approximate starts in seconds, aligned with the episode's segments; `None` where the join found nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Starts {
    /// One entry per segment, in the notes' order.
    pub segments: Vec<Option<f64>>,
    /// Where the extras begin (all hosts' extras together), when the notes have extras.
    pub extras: Option<f64>,
    /// Where the joke begins (all jokes together), when the notes have one.
    pub joke: Option<f64>,
}

/// What a section is, for its keywords and hand-off lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Intro,
    Segment(usize),
    Extras,
    Joke,
}

/// A stretch of a transcript short enough to place a start within seconds: a cue, or one sentence of a long
/// cue with its time interpolated.
#[derive(Debug)]
struct Line {
    start: f64,
    text: String,
}

/// Cues longer than this (seconds) are split into sentences.
const LONG_CUE: f64 = 12.0;

/// Join `transcript` to `episode`'s sections. Never fails: a section the transcript does not match gets `None`.
pub fn starts(episode: &Episode, transcript: &Transcript) -> Starts {
    let mut out = Starts { segments: vec![None; episode.segments.len()], ..Starts::default() };
    if episode.segments.is_empty() {
        return out;
    }
    let kinds = kinds(episode);
    let lines = lines(transcript);
    let votes = votes(episode, &kinds, &lines);
    let Some(firsts) = align::split(&intro_early(&votes, &lines), kinds.len()) else { return out };
    let handoffs = align::Handoffs::new(episode);
    let view = lines_view(&lines);
    let mut prev = firsts[0].unwrap_or(0);
    // Each start at or after the one before: sections keep the notes' order.
    let mut last_at = 0;
    for (k, kind) in kinds.iter().enumerate().skip(1) {
        let Some(mut first) = firsts[k] else { continue };
        // Neither a skipped sponsor read nor a hand-off found ahead may pass the next section's first line.
        let next = firsts[k + 1..].iter().flatten().next().copied().unwrap_or(lines.len());
        let mut floor = prev;
        prev = first;
        if let Some((after, last_ad)) = past_ad(&lines, &votes, first, k).filter(|&(after, _)| after < next) {
            first = after;
            floor = last_ad;
        }
        let at = handoffs.back(&view[..next.max(first + 1)], first, floor, *kind).max(last_at);
        last_at = at;
        let start = Some(lines[at].start);
        match kind {
            Kind::Segment(i) => out.segments[*i] = start,
            Kind::Extras => out.extras = start,
            Kind::Joke => out.joke = start,
            Kind::Intro => {}
        }
    }
    out
}

/// The share of the transcript (by time) in which the intro's words count for the intro. Later, the same
/// words are a mid-show sponsor read, which must not stretch the intro over the first segments.
const INTRO_SHARE: f64 = 0.2;

fn intro_early(votes: &[Vec<f64>], lines: &[Line]) -> Vec<Vec<f64>> {
    let end = lines.last().map_or(0.0, |l| l.start) * INTRO_SHARE;
    votes
        .iter()
        .zip(lines)
        .map(|(row, line)| {
            let mut row = row.clone();
            if line.start > end
                && let Some(intro) = row.first_mut()
            {
                *intro = 0.0;
            }
            row
        })
        .collect()
}

/// How soon (seconds) after a section's first vote a sponsor read must begin to be skipped, and how soon
/// after the read the section must be spoken of again.
const AD_WINDOW: f64 = 60.0;
const AFTER_AD: f64 = 90.0;

/// A section whose first vote comes just before a sponsor read (lines speaking most of the intro's words:
/// the sponsors, the notes' description) starts after the read, where it is spoken of again: a host often
/// names the next topic, reads the ad, then starts. Returns that line and the read's last line.
fn past_ad(lines: &[Line], votes: &[Vec<f64>], first: usize, section: usize) -> Option<(usize, usize)> {
    let is_ad = |i: usize| {
        let row = &votes[i];
        row[0] > 0.0 && row.iter().skip(1).all(|&v| v < row[0])
    };
    let t0 = lines[first].start;
    let last_ad =
        (first..lines.len()).take_while(|&i| lines[i].start - t0 <= AD_WINDOW).filter(|&i| is_ad(i)).last()?;
    let t_ad = lines[last_ad].start;
    let after = (last_ad + 1..lines.len())
        .take_while(|&i| lines[i].start - t_ad <= AFTER_AD)
        .find(|&i| votes[i][section] > 0.0 && !is_ad(i))?;
    Some((after, last_ad))
}

/// Write `starts` into the episode (whole seconds): each segment, the first extras group and the first joke.
pub fn apply(episode: &mut Episode, starts: &Starts) {
    let secs = |s: Option<f64>| s.map(super::whole_seconds);
    for (seg, s) in episode.segments.iter_mut().zip(&starts.segments) {
        seg.start = secs(*s);
    }
    if let Some(x) = episode.extras.first_mut() {
        x.start = secs(starts.extras);
    }
    if let Some(j) = episode.jokes.first_mut() {
        j.start = secs(starts.joke);
    }
}

fn kinds(e: &Episode) -> Vec<Kind> {
    let mut kinds = vec![Kind::Intro];
    kinds.extend((0..e.segments.len()).map(Kind::Segment));
    if e.extras.iter().any(|x| !x.items.is_empty()) {
        kinds.push(Kind::Extras);
    }
    if !e.jokes.is_empty() {
        kinds.push(Kind::Joke);
    }
    kinds
}

fn lines(t: &Transcript) -> Vec<Line> {
    let mut out = Vec::with_capacity(t.cues.len());
    for (i, cue) in t.cues.iter().enumerate() {
        let next = t.cues.get(i + 1).map(|c| c.start);
        let end = cue.end.or(next).filter(|&e| e > cue.start).unwrap_or(cue.start);
        if end - cue.start <= LONG_CUE || cue.text.len() < 80 {
            out.push(Line { start: cue.start, text: cue.text.to_lowercase() });
            continue;
        }
        let len = cue.text.len() as f64;
        let mut from = 0;
        for (at, _) in cue.text.match_indices(['.', '?', '!']).chain(std::iter::once((cue.text.len(), ""))) {
            let piece = cue.text[from..at.min(cue.text.len())].trim_start_matches(['.', '?', '!', ' ']);
            if !piece.trim().is_empty() {
                #[allow(clippy::cast_precision_loss)]
                let start = cue.start + (end - cue.start) * (from as f64) / len;
                out.push(Line { start, text: piece.to_lowercase() });
            }
            from = at;
        }
    }
    out
}

fn lines_view(lines: &[Line]) -> Vec<(f64, &str)> {
    lines.iter().map(|l| (l.start, l.text.as_str())).collect()
}

/// `votes[line][section]`: how strongly each line speaks of each section.
fn votes(e: &Episode, kinds: &[Kind], lines: &[Line]) -> Vec<Vec<f64>> {
    let mut vocab = Vocab::new();
    for (k, kind) in kinds.iter().enumerate() {
        match kind {
            Kind::Intro => {
                vocab.add(k, "welcome episode recorded", 2.0);
                vocab.add(k, e.show.as_deref().unwrap_or_default(), 1.0);
                vocab.add(k, e.description.as_deref().unwrap_or_default(), 1.0);
                for s in &e.sponsors {
                    vocab.add(k, &s.name, 2.0);
                }
            }
            Kind::Segment(i) => {
                let s = &e.segments[*i];
                vocab.add(k, &s.title, 3.0);
                for l in &s.links {
                    vocab.add(k, &l.text, 2.0);
                    vocab.add(k, &l.url, 2.0);
                }
                vocab.add(k, &s.body, 1.0);
            }
            Kind::Extras => {
                vocab.add(k, "extras extra", 4.0);
                for x in &e.extras {
                    x.items.iter().for_each(|i| vocab.add(k, i, 1.0));
                }
            }
            Kind::Joke => {
                vocab.add(k, "joke jokes", 4.0);
                for j in &e.jokes {
                    vocab.add(k, j.title.as_deref().unwrap_or_default(), 1.0);
                    vocab.add(k, &j.body, 1.0);
                }
            }
        }
    }
    vocab.finish();
    let mut cache = HashMap::new();
    let line_words: Vec<Vec<(String, f64)>> = lines.iter().map(|l| line_matches(&vocab, &l.text, &mut cache)).collect();
    let rarity = rarity(&line_words, lines);
    line_words
        .iter()
        .map(|ws| {
            let mut row = vec![0.0; kinds.len()];
            for (w, strength) in ws {
                let secs = vocab.sections(w);
                #[allow(clippy::cast_precision_loss)]
                let share = secs.len() as f64;
                let r = rarity.get(w.as_str()).copied().unwrap_or(0.0);
                for &(s, weight) in secs {
                    row[s] += strength * weight * r / share;
                }
            }
            row
        })
        .collect()
}

/// The vocabulary words a line says (each once, at its best strength, sorted so sums do not depend on hash
/// order): exact, joined neighbours, one edit. `cache` keeps each distinct token's matches for the transcript.
fn line_matches(vocab: &Vocab, text: &str, cache: &mut HashMap<String, Vec<(String, f64)>>) -> Vec<(String, f64)> {
    let toks: Vec<String> = tokens(text).collect();
    let mut found: Vec<(String, f64)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if let Some(hit) = cache.get(t) {
            found.extend(hit.iter().cloned());
        } else {
            let mut hit = Vec::new();
            vocab.lookup(t, &mut hit);
            found.extend(hit.iter().cloned());
            cache.insert(t.clone(), hit);
        }
        if let Some(next) = toks.get(i + 1)
            && vocab.starts_a_word(t)
        {
            let joined = format!("{t}{next}");
            if !vocab.sections(&joined).is_empty() {
                found.push((joined, words::FUZZY * 1.5));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    found.dedup_by(|later, first| later.0 == first.0);
    found
}

/// How rare each matched word is in this transcript: `ln(windows / windows containing it)` over one-minute
/// windows, so a word said all episode long (the show's name, a host's name) says little.
fn rarity<'a>(line_words: &'a [Vec<(String, f64)>], lines: &[Line]) -> HashMap<&'a str, f64> {
    let window = |l: &Line| super::whole_seconds(l.start / 60.0);
    let windows = lines.last().map_or(1, |l| window(l) + 1);
    let mut seen: HashMap<&str, Vec<u32>> = HashMap::new();
    for (ws, line) in line_words.iter().zip(lines) {
        for (w, _) in ws {
            let list = seen.entry(w.as_str()).or_default();
            if list.last() != Some(&window(line)) {
                list.push(window(line));
            }
        }
    }
    seen.into_iter()
        .map(|(w, list)| {
            #[allow(clippy::cast_precision_loss)]
            let r = (f64::from(windows) / list.len() as f64).ln().max(0.0);
            (w, r)
        })
        .collect()
}
