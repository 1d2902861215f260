//! Counting jokes the way a listener would: list items, code blocks and pictures under a joke heading are one
//! joke each; a question bullet followed by its answer is one joke; lead-ins (`via …`, lines ending in `:`)
//! and attributions are not jokes. A heading that links the joke (`Joke: [title](url)`) is itself the joke.

use super::hosts::{LabelUse, label_host};
use super::sections::split_label;
use super::text::label_words;
use crate::model::Joke;

/// Who a line of a joke is given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaker {
    /// One of the episode's hosts (`Michael: …`): a joke of their own.
    Host,
    /// A character (`Q:`, `Senior dev:`): a line of a dialogue.
    Other,
}

/// The speaker label opening a line (`Q: …`, `Junior dev: …`), if any, with the label itself.
fn speaker_label<'u>(u: &'u Unit, known: &[String]) -> Option<(Speaker, &'u str)> {
    let (label, rest) = split_label(&u.text);
    let rest = rest.and_then(|r| u.text.get(r..))?.trim();
    let label = label.trim();
    let short = label.split_whitespace().count() <= 3 && label.chars().count() <= 25;
    if rest.is_empty() || !short || label.is_empty() || label.contains("http") || label.contains(char::is_numeric) {
        return None;
    }
    let who = if label_host(label, known, LabelUse::Prefix).is_some() { Speaker::Host } else { Speaker::Other };
    Some((who, label))
}

fn speaker(u: &Unit, known: &[String]) -> Option<Speaker> {
    speaker_label(u, known).map(|(who, _)| who)
}

/// What a piece of the joke section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A list item, a code block or a picture: each one is a joke.
    Distinct,
    /// A paragraph: a joke only when the section has nothing more distinct.
    Paragraph,
}

/// One piece of a joke section.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: UnitKind,
    /// Visible text, to spot questions, answers and lead-ins.
    pub text: String,
    pub body: String,
    pub link: Option<(String, String)>,
}

/// Everything under one joke heading.
#[derive(Debug, Clone, Default)]
pub struct JokeGroup {
    pub title: Option<String>,
    pub url: Option<String>,
    /// Every link of the heading line (`Joke: [one](…) & [two](…)` is two jokes).
    pub heading_links: Vec<(String, String)>,
    pub units: Vec<Unit>,
}

fn multi_line(u: &Unit) -> bool {
    u.body.trim().contains('\n')
}

/// `via …`, `Sent over by …`, `Then:`: a line that introduces or credits a joke without telling one.
fn is_lead_in(u: &Unit) -> bool {
    if multi_line(u) {
        return false;
    }
    let t = u.text.trim().trim_start_matches(['(', '[', '*', '_', ' ']);
    let lower = t.to_lowercase();
    t.trim_end_matches([')', ']', ' ']).ends_with(':')
        || (lower.starts_with("via ") && t.split_whitespace().count() <= 6)
        || lower == "via"
        || lower.starts_with("sent over by")
        || lower.starts_with("sent in by")
        || lower.starts_with("thanks to")
}

/// `Also:`, `And …`: what follows is one more joke.
fn is_also(u: &Unit) -> bool {
    let lower = u.text.trim().to_lowercase();
    lower.starts_with("also") || lower.starts_with("and ") || lower.starts_with("and…")
}

fn is_answer(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("a:") || lower.starts_with("answer")
}

fn is_question(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    // `… asks them: “…”` sets up a punchline like a question does.
    t.ends_with('?')
        || lower.starts_with("q:")
        || lower.starts_with("question")
        || lower.contains(" asks ")
        || lower.contains(" asked ")
}

fn joke_of(u: Unit) -> Joke {
    let (title, url) = match u.link {
        Some((t, l)) => (Some(t), Some(l)),
        None => (None, None),
    };
    Joke { title, url, body: u.body, start: None }
}

/// A heading that names its joke (`Joke: Dog names`, `Joke: [The 0.1x Engineer](…)`): one joke told by what
/// follows, plus one per further heading link and per `Also:` addition; a heading over a list of nothing but
/// links (`Joke: More programmer paintings`) is a title for those links.
fn titled_jokes(group: JokeGroup, out: &mut Vec<Joke>) {
    let all_links = group.url.is_none()
        && group.units.iter().filter(|u| u.kind == UnitKind::Distinct).count() >= 2
        && group.units.iter().all(|u| u.kind == UnitKind::Distinct && u.link.is_some() && !multi_line(u));
    if all_links {
        out.extend(group.units.into_iter().map(joke_of));
        return;
    }
    let mut heading_links = group.heading_links;
    heading_links.dedup_by(|a, b| a.1 == b.1);
    // `Joke: [one](…) & [two](…)`: the first joke is named by its own link.
    let title = match heading_links.first() {
        Some((t, _)) if heading_links.len() > 1 => Some(t.clone()),
        _ => group.title,
    };
    let mut first = Joke { title, url: group.url, body: String::new(), start: None };
    let mut more: Vec<Joke> = heading_links
        .into_iter()
        .skip(1)
        .map(|(t, u)| Joke { title: Some(t), url: Some(u), body: String::new(), start: None })
        .collect();
    let mut after_also = false;
    for u in group.units {
        if is_also(&u) {
            let lead_only =
                u.link.is_none() && (u.text.trim().ends_with(':') || u.text.split_whitespace().count() <= 1);
            if lead_only {
                after_also = true;
            } else {
                more.push(joke_of(u));
            }
            continue;
        }
        if after_also && !is_lead_in(&u) {
            more.push(joke_of(u));
        } else if !after_also {
            if !first.body.is_empty() {
                first.body.push_str("\n\n");
            }
            first.body.push_str(&u.body);
        }
    }
    out.push(first);
    out.extend(more);
}

/// Turn a group's units into jokes.
fn group_jokes(group: JokeGroup, known: &[String], out: &mut Vec<Joke>) {
    // A heading asking a question (`Joke: Can you vibe?`) introduces the jokes under it rather than naming one.
    let titled = group.url.is_some() || group.title.as_deref().is_some_and(|t| !t.trim_end().ends_with('?'));
    if titled {
        titled_jokes(group, out);
        return;
    }
    // Pictures, code and bullets are jokes; so are linked paragraphs beside them. With none of those, each
    // paragraph is one.
    let distinct = group.units.iter().any(|u| u.kind == UnitKind::Distinct);
    let mut units: Vec<Unit> = Vec::new();
    let mut iter = group.units.into_iter().peekable();
    while let Some(u) = iter.next() {
        if is_lead_in(&u) || (distinct && u.kind == UnitKind::Paragraph && u.link.is_none()) {
            continue;
        }
        // A linked line right above a picture or code block is that joke's source, not another joke.
        let captions_next = u.kind == UnitKind::Paragraph
            && !multi_line(&u)
            && iter.peek().is_some_and(|n| n.kind == UnitKind::Distinct && n.link.is_none() && !n.text.contains(' '));
        if captions_next {
            if let Some(n) = iter.next() {
                units.push(Unit {
                    kind: n.kind,
                    text: n.text,
                    body: format!("{}\n\n{}", u.body, n.body),
                    link: u.link,
                });
            }
            continue;
        }
        units.push(u);
    }
    let host_labelled = units.iter().any(|u| speaker(u, known) == Some(Speaker::Host));
    let mut jokes: Vec<Joke> = Vec::new();
    let mut last_was_question = false;
    let mut prev_speaker: Option<(Speaker, String)> = None;
    let mut knock_knock = false;
    for u in units {
        let labelled = speaker_label(&u, known).map(|(w, l)| (w, l.to_lowercase()));
        let merge = !jokes.is_empty()
            && match (&labelled, &prev_speaker) {
                // `Michael: …` / `Anthony: …`: each host tells one; their unlabelled lines continue it.
                (Some((Speaker::Host, _)), _) => false,
                (None, _) if host_labelled => true,
                // `Senior dev: …` / `Junior dev: …`: one dialogue, speakers taking turns (`Q: … A: …` bullets
                // that each hold a whole exchange start with the same label, and are separate jokes).
                (Some((Speaker::Other, now)), Some((Speaker::Other, before))) => now != before,
                _ if knock_knock && u.text.split_whitespace().count() <= 6 => true,
                _ => last_was_question && (is_answer(&u.text) || !is_question(&u.text)),
            };
        prev_speaker = labelled;
        if merge {
            if let Some(j) = jokes.last_mut() {
                j.body.push('\n');
                j.body.push_str(&u.body);
            }
            last_was_question = false;
            continue;
        }
        knock_knock = label_words(&u.text).starts_with("knock knock");
        last_was_question = is_question(&u.text);
        jokes.push(joke_of(u));
    }
    if let Some(first) = jokes.first_mut()
        && first.title.is_none()
    {
        first.title = group.title;
    }
    out.extend(jokes);
}

/// All jokes of the episode, group by group.
pub fn finish(groups: Vec<JokeGroup>, known: &[String]) -> Vec<Joke> {
    let mut out = Vec::new();
    for g in groups {
        group_jokes(g, known, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(kind: UnitKind, text: &str) -> Unit {
        Unit { kind, text: text.into(), body: text.into(), link: None }
    }

    #[test]
    fn question_and_answer_bullets_are_one_joke() {
        let g = JokeGroup {
            units: vec![
                unit(UnitKind::Paragraph, "A few I liked:"),
                unit(UnitKind::Distinct, "Q: Why did the developer ground their kid?"),
                unit(UnitKind::Distinct, "A: They weren't telling the truthy"),
                unit(UnitKind::Distinct, "What do you call a snake? A π-thon"),
            ],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![g], &[]).len(), 2);
    }

    #[test]
    fn dialogues_and_host_labels() {
        let dialogue = JokeGroup {
            units: vec![
                unit(UnitKind::Distinct, "Senior dev: Where did you get this?"),
                unit(UnitKind::Distinct, "Junior dev: Stack Overflow"),
                unit(UnitKind::Distinct, "Senior dev: The question or the answer part?"),
            ],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![dialogue], &[]).len(), 1);
        let hosts = JokeGroup {
            units: vec![
                unit(UnitKind::Paragraph, "Michael: Two mathematicians walk into a pub."),
                unit(UnitKind::Paragraph, "The waitress says x-squared."),
                unit(UnitKind::Paragraph, "Anthony: I had a golang joke, but then I panicked"),
            ],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![hosts], &["Michael".into(), "Anthony".into()]).len(), 2);
        let knock = JokeGroup {
            units: vec![
                unit(UnitKind::Distinct, "Knock knock."),
                unit(UnitKind::Distinct, "Race condition."),
                unit(UnitKind::Distinct, "Who's there?"),
            ],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![knock], &[]).len(), 1);
        let exchanges = JokeGroup {
            units: vec![
                unit(UnitKind::Distinct, "Q: What do you call a snake that eats dessert? A: A pie-thon."),
                unit(UnitKind::Distinct, "Q: How do you measure a python? A: In inches."),
            ],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![exchanges], &[]).len(), 2);
    }

    #[test]
    fn linked_heading_is_the_joke() {
        let g = JokeGroup {
            title: Some("Oh babe".into()),
            url: Some("https://x.example".into()),
            heading_links: Vec::new(),
            units: vec![unit(UnitKind::Paragraph, "told over two lines")],
        };
        let jokes = finish(vec![g], &[]);
        assert_eq!(jokes.len(), 1);
        assert_eq!(jokes[0].title.as_deref(), Some("Oh babe"));
    }

    #[test]
    fn lead_ins_are_not_jokes() {
        let g = JokeGroup {
            units: vec![unit(UnitKind::Distinct, "via Someone"), unit(UnitKind::Distinct, "The joke.")],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![g], &[]).len(), 1);
    }
}
