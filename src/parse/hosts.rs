//! Host names: matching an extras label (`Michael:`, `MK:`, `Brain`) to the episode's hosts, and folding
//! spellings across the whole library into canonical names (show.yaml first, then typos and full names).

use std::collections::HashMap;

use super::text::{capitalise, is_typo_of};
use crate::model::{Episode, Host, Show};

/// Words that end with a colon in extras but are not people.
const NOT_NAMES: [&str; 24] = [
    "extras", "extra", "joke", "jokes", "links", "link", "news", "note", "notes", "also", "update", "updates",
    "followup", "follow", "via", "sponsor", "show", "intro", "more", "thanks", "other", "and", "from", "topic",
];

/// How a label stands in the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelUse {
    /// The whole line is the label (`Brian:`, `### Michael`): a new name is believable.
    Standalone,
    /// The label starts a line of content (`Michael: New course …`): only known hosts count.
    Prefix,
}

/// The episode host this label names, or a new name when the label stands alone and looks like one.
pub fn label_host(label: &str, known: &[String], usage: LabelUse) -> Option<String> {
    let l = label.trim().trim_matches(|c: char| matches!(c, '*' | '_' | '(' | ')' | '[' | ']' | '#' | ' ' | '“' | '”'));
    if l.is_empty() || l.len() > 40 || l.split_whitespace().nth(3).is_some() {
        return None;
    }
    let first_word = l.split_whitespace().next().unwrap_or(l);
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(l) || k.eq_ignore_ascii_case(first_word)) {
        return Some(k.clone());
    }
    // `Michael Kennedy` when the episode calls him `Michael`.
    if let Some(k) =
        known.iter().find(|k| k.split_whitespace().next().is_some_and(|f| f.eq_ignore_ascii_case(first_word)))
    {
        return Some(k.clone());
    }
    if let Some(k) = known.iter().find(|k| is_typo_of(first_word, k)) {
        return Some(k.clone());
    }
    // Initials: `MK` is the one host whose name starts with M.
    if (1..=3).contains(&l.chars().count()) && l.chars().all(char::is_uppercase) {
        let mut hits = known.iter().filter(|k| k.chars().next() == l.chars().next());
        if let (Some(k), None) = (hits.next(), hits.next()) {
            return Some(k.clone());
        }
        return None;
    }
    let single_word = l.split_whitespace().count() == 1;
    let looks_like_name = l.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && l.chars().next().is_some_and(char::is_uppercase)
        && l.chars().count() >= 2;
    let lower = l.to_lowercase();
    (usage == LabelUse::Standalone && single_word && looks_like_name && !NOT_NAMES.contains(&lower.as_str()))
        .then(|| capitalise(l))
}

/// Initials used as a label (`BO`, `MK`): the one frequent presenter whose name starts with that letter, far
/// ahead of anyone else with it (the index into `names`).
fn initials_of(label: &str, names: &[(String, String, usize)], count: usize) -> Option<usize> {
    if !(2..=3).contains(&label.len()) || !label.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let first = label.chars().next()?.to_ascii_lowercase();
    let mut same = (0..names.len()).filter(|&i| {
        let (k, _, _) = &names[i];
        !k.contains(' ') && k.len() > label.len() && k.starts_with(first)
    });
    let top = same.next()?;
    let runner_up = same.next().map_or(0, |i| names[i].2);
    let top_count = names[top].2;
    (top_count >= 5 && top_count >= 4 * runner_up.max(count)).then_some(top)
}

/// Initials of a show.yaml name and its aliases (`Brian Okken` → `BO`).
fn show_initials(show: &Show) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for h in &show.hosts {
        for spelling in std::iter::once(&h.name).chain(&h.aliases) {
            let initials: String = spelling.split_whitespace().filter_map(|w| w.chars().next()).collect();
            if initials.chars().count() >= 2 {
                out.entry(initials.to_lowercase()).or_insert_with(|| h.name.clone());
            }
        }
    }
    out
}

/// Canonical spelling of each name the library uses.
fn build_map(episodes: &[Episode], show: &Show) -> HashMap<String, String> {
    let mut map: HashMap<String, String> = HashMap::new();
    map.extend(show_initials(show));
    for h in &show.hosts {
        map.insert(h.name.to_lowercase(), h.name.clone());
        for a in &h.aliases {
            map.insert(a.to_lowercase(), h.name.clone());
        }
    }
    // How many episodes each spelling presents segments in.
    let mut freq: HashMap<String, (String, usize)> = HashMap::new();
    for e in episodes {
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for s in &e.segments {
            if let Some(h) = &s.host {
                let key = h.to_lowercase();
                if !seen.contains(&key) {
                    freq.entry(key.clone()).or_insert_with(|| (h.clone(), 0)).1 += 1;
                    seen.insert(key);
                }
            }
        }
    }
    let mut names: Vec<(String, String, usize)> = freq.into_iter().map(|(k, (n, c))| (k, n, c)).collect();
    names.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let single_words: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .filter(|(_, (k, _, _))| !k.contains(' '))
        .map(|(i, (k, _, _))| (k.as_str(), i))
        .collect();
    // Typo targets: the library's frequent presenters (a handful), so folding stays linear.
    let frequent: Vec<usize> = (0..names.len()).filter(|&i| names[i].2 >= 5).take(64).collect();
    for (key, name, count) in &names {
        if map.contains_key(key) {
            continue;
        }
        let first = key.split_whitespace().next().unwrap_or(key);
        let full_name = if key.contains(' ') { single_words.get(first).copied() } else { None };
        let typo = || {
            frequent.iter().copied().find(|&i| {
                let (k2, _, c2) = &names[i];
                k2 != key && !k2.contains(' ') && *c2 >= 4 * count && is_typo_of(first, k2)
            })
        };
        let canonical = match full_name.or_else(typo).or_else(|| initials_of(name, &names, *count)) {
            Some(i) => {
                let (k2, n2, _) = &names[i];
                map.get(k2).cloned().unwrap_or_else(|| capitalise(n2))
            }
            None => capitalise(name),
        };
        map.insert(key.clone(), canonical);
    }
    map
}

fn canon(map: &HashMap<String, String>, name: &str) -> String {
    map.get(&name.to_lowercase()).cloned().unwrap_or_else(|| name.to_owned())
}

/// Fold host spellings across the library into canonical names.
pub fn canonicalize(episodes: &mut [Episode], show: &Show) {
    let map = build_map(episodes, show);
    for e in episodes.iter_mut() {
        for s in &mut e.segments {
            if let Some(h) = s.host.take() {
                s.host = Some(canon(&map, &h));
            }
        }
        for x in &mut e.extras {
            if let Some(h) = x.host.take() {
                x.host = Some(canon(&map, &h));
            }
        }
        let mut hosts: Vec<Host> = Vec::new();
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for h in &e.hosts {
            let c = canon(&map, &h.name);
            if seen.insert(c.clone()) {
                hosts.push(Host::new(c));
            }
        }
        e.hosts = hosts;
        merge_extras(e);
    }
    fold_sponsors(episodes, show);
}

/// A sponsor's name as a key: letters and digits, lower case (`Scout APM` and `ScoutAPM` are one sponsor).
fn sponsor_key(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Fold sponsor spellings across the library: show.yaml's `sponsors` (name and aliases) first, then every
/// spelling with the same letters takes the most used one, and a rare one-letter slip (`DigialOcean`) takes
/// the frequent name it misspells.
fn fold_sponsors(episodes: &mut [Episode], show: &Show) {
    let mut canonical: HashMap<String, String> = HashMap::new();
    for s in &show.sponsors {
        for spelling in std::iter::once(&s.name).chain(&s.aliases) {
            canonical.insert(sponsor_key(spelling), s.name.clone());
        }
    }
    // Per key: each spelling's count, and the key's total.
    let mut spellings: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    for e in episodes.iter() {
        for s in &e.sponsors {
            *spellings.entry(sponsor_key(&s.name)).or_default().entry(s.name.as_str()).or_default() += 1;
        }
    }
    let mut keys: Vec<(String, &str, usize)> = spellings
        .iter()
        .filter_map(|(k, by)| {
            let total = by.values().sum();
            // The most used spelling; on a tie, the one sorting first, so the choice is stable.
            let best = by.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?.0;
            Some((k.clone(), *best, total))
        })
        .collect();
    keys.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let mut folded: HashMap<String, String> = HashMap::new();
    for (key, best, total) in &keys {
        if let Some(name) = canonical.get(key) {
            folded.insert(key.clone(), name.clone());
            continue;
        }
        let target = keys.iter().take(64).find(|(k2, _, t2)| k2 != key && *t2 >= 4 * total && is_typo_of(key, k2));
        let name = match target {
            Some((k2, b2, _)) => canonical.get(k2).cloned().unwrap_or_else(|| (*b2).to_owned()),
            None => (*best).to_owned(),
        };
        folded.insert(key.clone(), name);
    }
    for e in episodes.iter_mut() {
        for s in &mut e.sponsors {
            if let Some(name) = folded.get(&sponsor_key(&s.name)) {
                s.name.clone_from(name);
            }
        }
    }
}

/// Two extras groups that now name the same host become one.
fn merge_extras(e: &mut Episode) {
    let mut merged: Vec<crate::model::Extras> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for x in e.extras.drain(..) {
        let at = x.host.as_ref().and_then(|h| index.get(h)).copied();
        match at.and_then(|i| merged.get_mut(i)) {
            Some(m) => m.items.extend(x.items),
            None => {
                if let Some(h) = &x.host {
                    index.insert(h.clone(), merged.len());
                }
                merged.push(x);
            }
        }
    }
    e.extras = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Segment, ShowHost};

    fn known() -> Vec<String> {
        vec!["Brian".into(), "Michael".into()]
    }

    #[test]
    fn labels_match_hosts_typos_and_initials() {
        assert_eq!(label_host("Michael", &known(), LabelUse::Prefix).as_deref(), Some("Michael"));
        assert_eq!(label_host("**brian**", &known(), LabelUse::Prefix).as_deref(), Some("Brian"));
        assert_eq!(label_host("Brain", &known(), LabelUse::Prefix).as_deref(), Some("Brian"));
        assert_eq!(label_host("MK", &known(), LabelUse::Prefix).as_deref(), Some("Michael"));
        assert_eq!(label_host("Patreon Shoutout", &known(), LabelUse::Standalone), None);
        assert_eq!(label_host("Eric", &known(), LabelUse::Standalone).as_deref(), Some("Eric"));
        assert_eq!(label_host("Eric", &known(), LabelUse::Prefix), None);
        assert_eq!(label_host("Follow", &[], LabelUse::Standalone), None);
    }

    fn ep(hosts: &[&str]) -> Episode {
        Episode {
            hosts: hosts.iter().map(|h| Host::new(*h)).collect(),
            segments: hosts.iter().map(|h| Segment { host: Some((*h).to_owned()), ..Segment::default() }).collect(),
            ..Episode::default()
        }
    }

    #[test]
    fn library_folds_typos_and_full_names() {
        let mut eps: Vec<Episode> = (0..6).map(|_| ep(&["Brian", "Michael", "Anthony"])).collect();
        eps.push(ep(&["Brain", "Michae", "Anthony Shaw", "Cris"]));
        canonicalize(&mut eps, &Show::default());
        let last: Vec<&str> = eps[6].hosts.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(last, ["Brian", "Michael", "Anthony", "Cris"]);
    }

    #[test]
    fn initials_fold_to_the_frequent_host_with_that_letter() {
        let mut eps: Vec<Episode> = (0..6).map(|_| ep(&["Brian", "Michael"])).collect();
        eps.push(ep(&["BO", "MK"]));
        eps.push(ep(&["Bob"]));
        canonicalize(&mut eps, &Show::default());
        let last: Vec<&str> = eps[6].hosts.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(last, ["Brian", "Michael"]);
        assert_eq!(eps[7].hosts[0].name, "Bob");
    }

    fn sponsored(name: &str) -> Episode {
        Episode { sponsors: vec![crate::model::Sponsor { name: name.into(), url: None }], ..Episode::default() }
    }

    #[test]
    fn sponsor_spellings_fold_across_the_library() {
        let mut eps: Vec<Episode> = ["ScoutAPM", "ScoutAPM", "Scout APM", "DigitalOcean", "DigitalOcean"]
            .iter()
            .chain(&["DigitalOcean", "DigitalOcean", "DigialOcean", "Linode"])
            .map(|n| sponsored(n))
            .collect();
        canonicalize(&mut eps, &Show::default());
        let names: Vec<&str> = eps.iter().map(|e| e.sponsors[0].name.as_str()).collect();
        assert_eq!(
            names,
            [
                "ScoutAPM",
                "ScoutAPM",
                "ScoutAPM",
                "DigitalOcean",
                "DigitalOcean",
                "DigitalOcean",
                "DigitalOcean",
                "DigitalOcean",
                "Linode"
            ]
        );
        let show = Show {
            sponsors: vec![ShowHost { name: "Scout APM".into(), aliases: vec!["Scout".into()] }],
            ..Show::default()
        };
        let mut eps = vec![sponsored("ScoutAPM"), sponsored("Scout")];
        canonicalize(&mut eps, &show);
        assert!(eps.iter().all(|e| e.sponsors[0].name == "Scout APM"));
    }

    #[test]
    fn show_yaml_aliases_win() {
        let show = Show {
            name: None,
            hosts: vec![ShowHost { name: "Michael Kennedy".into(), aliases: vec!["Michael".into(), "MK".into()] }],
            sponsors: Vec::new(),
            ..Show::default()
        };
        let mut eps = vec![ep(&["Michael"])];
        canonicalize(&mut eps, &show);
        assert_eq!(eps[0].hosts[0].name, "Michael Kennedy");
    }
}
