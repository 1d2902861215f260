//! Words of the notes and of the transcript, and how a transcript line votes for the notes' sections.
//!
//! Machine transcripts spell package names badly: split into words (`code spell`), one letter off
//! (`codespel`), or not at all. So a line's word matches a section's word exactly, as two neighbouring words
//! joined, or (for longer words) at one edit, each at a lower weight.

use std::collections::{HashMap, HashSet};

/// Words too common in any English talk (or any software talk) to say which topic is being discussed, plus
/// the bits of every URL.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "the", "and", "for", "you", "that", "this", "with", "are", "was", "but", "not", "have", "has", "had", "its",
    "it's", "can", "all", "just", "like", "what", "about", "from", "they", "there", "their", "then", "than", "when",
    "will", "would", "could", "should", "been", "were", "into", "out", "one", "two", "our", "your", "more", "some",
    "also", "how", "why", "who", "which", "very", "really", "yeah", "know", "think", "get", "got", "going", "thing",
    "things", "here", "now", "use", "used", "using", "new", "make", "way", "want", "need", "let", "see", "say",
    "said", "lot", "well", "even", "much", "many", "any", "other", "these", "those", "them", "him", "her", "his",
    "she", "does", "did", "doing", "done", "because", "where", "over", "only", "good", "great", "nice", "cool",
    "pretty", "right", "okay", "yes", "too", "off", "back", "most", "http", "https", "www", "com", "org", "net",
    "html", "htm", "php", "index", "blog", "post", "posts", "article", "io", "dev", "md", "en", "us", "co", "status",
    "watch", "tree", "main", "master", "blob", "latest", "docs", "readme", "p", "s", "t", "v", "a", "an", "of", "to",
    "in", "is", "it", "on", "or", "be", "as", "at", "by", "we", "so", "if", "do", "no", "my", "up", "me", "he", "i",
    "oh", "um", "uh", "today", "start", "starts", "started", "coming", "come", "comes", "code", "coding", "data",
    "file", "files", "app", "apps", "project", "projects", "tool", "tools", "library", "libraries", "package",
    "packages", "version", "versions", "release", "released", "support", "supports", "feature", "features", "python",
    "work", "works", "working", "people", "time", "times", "year", "years", "day", "days", "week", "first", "last",
    "next", "little", "big", "long", "old", "best", "better", "still", "every", "each", "same", "take", "look",
    "looks", "looking", "find", "give", "tell", "call", "called", "try", "trying", "put", "run", "running", "write",
    "writing", "read", "check", "show", "shows", "talk", "talked", "talking", "built", "build", "building", "create",
    "created", "add", "added", "change", "changes", "part", "point", "fast", "faster", "easy", "easier", "simple",
    "free", "open", "source", "based", "own", "through", "after", "before", "while", "again", "never", "always",
    "something", "anything", "everything", "nothing", "someone", "maybe", "actually", "basically", "probably", "kind",
    "sort", "stuff", "bit", "lots", "whole", "world", "web", "online", "help", "helps", "makes", "made", "means",
    "mean", "getting", "goes", "went", "gets", "thanks", "thank", "love", "interesting", "awesome", "example",
    "examples", "different", "between", "without", "within", "might", "must", "may", "being", "having", "where's",
    "there's", "that's", "what's", "let's", "i'm", "you're", "we're", "they're", "don't", "doesn't", "didn't",
    "isn't", "can't", "won't", "hard", "harder", "bad", "high", "low", "real", "true", "false", "full", "half",
    "large", "small", "short", "quick", "quickly", "slow", "left", "sure", "keep", "keeps", "move", "moving", "play",
    "found", "learn", "learned", "learning", "idea", "ideas", "question", "questions", "answer", "problem",
    "problems", "issue", "issues", "case", "cases", "number", "numbers", "place", "ways", "line", "lines", "list",
    "lists", "set", "sets", "name", "names", "end", "ends", "side", "type", "types", "level", "light", "fun", "neat",
    "least", "less", "yet", "ever", "since", "until", "around", "along", "across", "under", "above", "behind",
    "inside", "outside", "already", "almost", "enough", "quite", "rather", "instead", "often", "sometimes", "usually",
    "important", "possible", "available", "useful", "common", "modern", "major", "minor", "recent", "recently",
    "future", "past", "present", "via", "per", "vs", "etc", "including", "includes", "include", "allows", "allow",
    "lets", "able",
];

/// Lower-cased alphanumeric runs of `text`.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Which sections a word belongs to, and how strongly (title 3, link 2, body 1, the section's own keyword 4).
#[derive(Debug, Default)]
pub(super) struct Vocab {
    words: HashMap<String, Vec<(usize, f64)>>,
    /// One-deletion variants of longer words → the words they come from (symmetric-delete fuzzy lookup).
    deletions: HashMap<String, Vec<String>>,
    stop: HashSet<&'static str>,
    /// Every proper prefix of every word, to try joining two spoken words only where it could help.
    prefixes: HashSet<String>,
}

impl Vocab {
    pub(super) fn new() -> Self {
        Self { stop: STOP.iter().copied().collect(), ..Self::default() }
    }

    /// Add every word of `text` to `section` at `weight`; URL-ish runs (`codespell-project`) also as joined.
    pub(super) fn add(&mut self, section: usize, text: &str, weight: f64) {
        for chunk in text.split(|c: char| c.is_whitespace() || matches!(c, '/' | '(' | ')' | '[' | ']' | '*' | '`')) {
            let joined: String = chunk.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            if chunk.contains(['-', '_', '.']) && joined.len() >= 5 {
                self.insert(section, joined, weight);
            }
            for w in tokens(chunk) {
                self.insert(section, w, weight);
            }
        }
    }

    fn insert(&mut self, section: usize, word: String, weight: f64) {
        if word.chars().count() < 3 || self.stop.contains(word.as_str()) || word.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let list = self.words.entry(word).or_default();
        match list.iter_mut().find(|(s, _)| *s == section) {
            Some(entry) => entry.1 = entry.1.max(weight),
            None => list.push((section, weight)),
        }
    }

    /// Whether some vocabulary word starts with `token` and is longer: only then can the token joined
    /// with the next one be a word.
    pub(super) fn starts_a_word(&self, token: &str) -> bool {
        self.prefixes.contains(token)
    }

    /// Build the fuzzy and joined lookups once every word is in.
    pub(super) fn finish(&mut self) {
        for word in self.words.keys() {
            for (i, _) in word.char_indices().skip(1) {
                self.prefixes.insert(word[..i].to_owned());
            }
        }
        for word in self.words.keys() {
            if word.chars().count() >= 5 {
                for d in deletions(word) {
                    self.deletions.entry(d).or_default().push(word.clone());
                }
            }
        }
    }

    /// The vocabulary words `token` matches: itself, or one edit away (for words of 5+ letters) at `FUZZY`.
    pub(super) fn lookup(&self, token: &str, out: &mut Vec<(String, f64)>) {
        if self.words.contains_key(token) {
            out.push((token.to_owned(), 1.0));
            return;
        }
        if token.chars().count() < 5 || self.stop.contains(token) {
            return;
        }
        let mut seen: Vec<&String> = Vec::new();
        let own = deletions(token);
        // token with one letter more (a deletion of it is a word), one letter less, or one letter changed.
        for d in &own {
            if let Some((w, _)) = self.words.get_key_value(d.as_str()) {
                seen.push(w);
            }
        }
        for key in own.iter().map(String::as_str).chain(std::iter::once(token)) {
            if let Some(ws) = self.deletions.get(key) {
                seen.extend(ws.iter());
            }
        }
        seen.sort();
        seen.dedup();
        out.extend(seen.into_iter().map(|w| (w.clone(), FUZZY)));
    }

    /// The sections `word` belongs to, with weights.
    pub(super) fn sections(&self, word: &str) -> &[(usize, f64)] {
        self.words.get(word).map_or(&[], Vec::as_slice)
    }
}

/// A fuzzy or joined match counts for this much of an exact one.
pub(super) const FUZZY: f64 = 0.5;

fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<String> =
        (0..chars.len()).map(|i| chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| c).collect()).collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(v: &Vocab, t: &str) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        v.lookup(t, &mut out);
        out
    }

    #[test]
    fn exact_fuzzy_and_joined_words() {
        let mut v = Vocab::new();
        v.add(1, "[codespell](https://github.com/codespell-project/codespell) and the", 3.0);
        v.finish();
        assert_eq!(v.sections("codespell"), [(1, 3.0)]);
        assert_eq!(v.sections("codespellproject"), [(1, 3.0)]);
        assert!(v.sections("the").is_empty());
        assert!(v.sections("github").len() == 1);
        assert_eq!(matches(&v, "codespel"), [("codespell".to_owned(), FUZZY)]);
        assert_eq!(matches(&v, "codespells"), [("codespell".to_owned(), FUZZY)]);
        assert_eq!(matches(&v, "codezpell"), [("codespell".to_owned(), FUZZY)]);
        assert!(matches(&v, "spell").is_empty());
    }
}
