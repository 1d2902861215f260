//! Splitting the transcript's lines, in order, into the notes' sections, and finding each hand-off line.

use super::Kind;
use crate::model::Episode;

/// Split lines `0..votes.len()` into `sections` consecutive runs (section 0, the intro, may be empty; every
/// other section gets at least one line) maximising the votes each line gives its own section.
///
/// Returns each section's first line, or `None` for a section whose run drew no votes at all (the
/// transcript never speaks of it) and for every section when there are fewer lines than sections. Ties put
/// a boundary as late as possible: just before the first line that speaks of the next section.
pub(super) fn split(votes: &[Vec<f64>], sections: usize) -> Option<Vec<Option<usize>>> {
    let n = votes.len();
    if sections < 2 || n < sections - 1 {
        return None;
    }
    let vote = |i: usize, s: usize| votes[i].get(s).copied().unwrap_or(0.0);
    // best[s] after line i: the best total with line i in section s; came[i][s]: line i-1 was in s-1.
    let mut best = vec![f64::NEG_INFINITY; sections];
    let mut came = vec![vec![false; sections]; n];
    best[0] = vote(0, 0);
    best[1] = vote(0, 1);
    came[0][1] = true;
    for (i, came_i) in came.iter_mut().enumerate().skip(1) {
        let mut next = vec![f64::NEG_INFINITY; sections];
        for s in 0..sections {
            let stay = best[s];
            let step = if s > 0 { best[s - 1] } else { f64::NEG_INFINITY };
            let (from, stepped) = if step >= stay { (step, true) } else { (stay, false) };
            if from.is_finite() {
                next[s] = from + vote(i, s);
                came_i[s] = stepped;
            }
        }
        best = next;
    }
    if !best[sections - 1].is_finite() {
        return None;
    }
    let mut firsts = vec![0; sections];
    let mut totals = vec![0.0; sections];
    let mut s = sections - 1;
    for i in (0..n).rev() {
        totals[s] += vote(i, s);
        if came[i][s] {
            firsts[s] = i;
            s = s.saturating_sub(1);
        }
    }
    Some(firsts.into_iter().zip(totals).enumerate().map(|(s, (f, t))| (s == 0 || t > 0.0).then_some(f)).collect())
}

/// How far back (seconds) a start may move to a hand-off phrase, and to the presenter's name.
const PHRASE_WINDOW: f64 = 40.0;
const NAME_WINDOW: f64 = 20.0;
/// How far forward (seconds) a hand-off phrase is looked for when none precedes the first vote.
const AHEAD_WINDOW: f64 = 40.0;

/// Phrases a host says when passing the word to the next topic.
const PHRASES: &[&str] = &[
    "what have you got",
    "what do you have",
    "what you got",
    "you got for us",
    "you have for us",
    "got for us",
    "what'd you got",
    "what's next",
    "what is next",
    "what's up next",
    "speaking of",
    "next up",
    "up next",
    "over to you",
    "take it away",
    "you're up",
    "next item",
    "next topic",
    "moving on",
    "first up",
    "kick it off",
    "kick us off",
    "start us off",
    "tell us about",
    "what's your first",
    "what's your next",
    "what's the next",
];

/// The lines that can open each kind of section.
pub(super) struct Handoffs {
    /// Lower-case first names of each segment's presenter.
    presenters: Vec<Option<String>>,
}

impl Handoffs {
    pub(super) fn new(e: &Episode) -> Self {
        let first_name = |n: &str| n.split_whitespace().next().map(str::to_lowercase).filter(|n| n.len() >= 3);
        Self { presenters: e.segments.iter().map(|s| s.host.as_deref().and_then(first_name)).collect() }
    }

    /// The line a section starting (by the votes) at `first` really starts at: the nearest earlier hand-off
    /// line within a short window, never at or before `prev` (the previous section's first line); failing
    /// that, a hand-off phrase shortly after `first` among `lines` (cut off at the next section).
    pub(super) fn back(&self, lines: &[(f64, &str)], first: usize, prev: usize, kind: Kind) -> usize {
        let t0 = lines[first].0;
        let phrase = |text: &str| match kind {
            Kind::Extras => text.contains("extra") || PHRASES.iter().any(|p| text.contains(p)),
            Kind::Joke => text.contains("joke") || text.contains("laugh"),
            _ => PHRASES.iter().any(|p| text.contains(p)),
        };
        let earlier = || (prev + 1..=first).rev().take_while(|&i| t0 - lines[i].0 <= PHRASE_WINDOW);
        if let Some(i) = earlier().find(|&i| phrase(lines[i].1)) {
            return i;
        }
        // A stray word can open a section early: a hand-off phrase shortly after the first vote is the start.
        let later = (first + 1..lines.len()).take_while(|&i| lines[i].0 - t0 <= AHEAD_WINDOW);
        if let Some(i) = later.clone().find(|&i| phrase(lines[i].1)) {
            return i;
        }
        let name = match kind {
            Kind::Segment(s) => self.presenters.get(s).cloned().flatten(),
            _ => None,
        };
        if let Some(name) = name
            && let Some(i) =
                earlier().take_while(|&i| t0 - lines[i].0 <= NAME_WINDOW).find(|&i| has_word(lines[i].1, &name))
        {
            return i;
        }
        first
    }
}

/// The name said to someone, not a host introducing themselves (`I'm Brian Okken`).
fn has_word(text: &str, word: &str) -> bool {
    let introduces = ["i'm ", "i am ", "this is "].iter().any(|p| text.contains(p));
    !introduces && text.split(|c: char| !c.is_alphanumeric()).any(|w| w == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_follows_the_votes_in_order() {
        // Lines 0-1 intro, 2-3 speak of section 1, 4 says nothing, 5-6 speak of section 2.
        let v = |a: f64, b: f64| vec![0.0, a, b];
        let votes = [v(0.0, 0.0), v(0.0, 0.0), v(1.0, 0.0), v(2.0, 0.0), v(0.0, 0.0), v(0.0, 3.0), v(0.5, 1.0)];
        assert_eq!(split(&votes, 3), Some(vec![Some(0), Some(2), Some(5)]));
        assert_eq!(split(&votes[..1], 3), None);
    }

    #[test]
    fn a_section_nobody_speaks_of_has_no_start() {
        let votes = [vec![0.0, 1.0, 0.0], vec![0.0, 1.0, 0.0]];
        assert_eq!(split(&votes, 3), Some(vec![Some(0), Some(0), None]));
    }
}
