//! Counting jokes the way a listener would: list items, code blocks and pictures under a joke heading are one
//! joke each; a question bullet followed by its answer is one joke; lead-ins (`via …`, lines ending in `:`)
//! and attributions are not jokes. A heading that links the joke (`Joke: [title](url)`) is itself the joke.

use crate::model::Joke;

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
    pub units: Vec<Unit>,
}

fn is_lead_in(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    t.ends_with(':')
        || lower.starts_with("via ")
        || lower.starts_with("sent over by")
        || lower.starts_with("sent in by")
        || lower.starts_with("thanks to")
        || lower == "via"
}

fn is_answer(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("a:") || lower.starts_with("answer")
}

fn is_question(text: &str) -> bool {
    let t = text.trim();
    t.ends_with('?') || t.to_lowercase().starts_with("q:")
}

/// Turn a group's units into jokes.
fn group_jokes(group: JokeGroup, out: &mut Vec<Joke>) {
    let distinct = group.units.iter().any(|u| u.kind == UnitKind::Distinct);
    let wanted = if distinct { UnitKind::Distinct } else { UnitKind::Paragraph };
    let mut units: Vec<Unit> = group.units.into_iter().filter(|u| u.kind == wanted && !is_lead_in(&u.text)).collect();
    if group.url.is_some() && !distinct {
        // The heading links the joke; paragraphs under it are its telling.
        let body = units.drain(..).map(|u| u.body).collect::<Vec<_>>().join("\n\n");
        out.push(Joke { title: group.title, url: group.url, body });
        return;
    }
    let mut jokes: Vec<Joke> = Vec::new();
    let mut last_was_question = false;
    for u in units {
        if last_was_question && (is_answer(&u.text) || !is_question(&u.text)) {
            if let Some(j) = jokes.last_mut() {
                j.body.push('\n');
                j.body.push_str(&u.body);
            }
            last_was_question = false;
            continue;
        }
        last_was_question = is_question(&u.text);
        let (title, url) = match u.link {
            Some((t, l)) => (Some(t), Some(l)),
            None => (None, None),
        };
        jokes.push(Joke { title, url, body: u.body });
    }
    if jokes.is_empty() && group.url.is_some() {
        jokes.push(Joke { title: group.title, url: group.url, body: String::new() });
    } else if let Some(first) = jokes.first_mut()
        && first.title.is_none()
    {
        first.title = group.title;
    }
    out.extend(jokes);
}

/// All jokes of the episode, group by group.
pub fn finish(groups: Vec<JokeGroup>) -> Vec<Joke> {
    let mut out = Vec::new();
    for g in groups {
        group_jokes(g, &mut out);
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
        assert_eq!(finish(vec![g]).len(), 2);
    }

    #[test]
    fn linked_heading_is_the_joke() {
        let g = JokeGroup {
            title: Some("Oh babe".into()),
            url: Some("https://x.example".into()),
            units: vec![unit(UnitKind::Paragraph, "told over two lines")],
        };
        let jokes = finish(vec![g]);
        assert_eq!(jokes.len(), 1);
        assert_eq!(jokes[0].title.as_deref(), Some("Oh babe"));
    }

    #[test]
    fn lead_ins_are_not_jokes() {
        let g = JokeGroup {
            units: vec![unit(UnitKind::Distinct, "via Someone"), unit(UnitKind::Distinct, "The joke.")],
            ..JokeGroup::default()
        };
        assert_eq!(finish(vec![g]).len(), 1);
    }
}
