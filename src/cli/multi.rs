//! The commands over several shows at once (more than one library root open): `list` newest first across shows,
//! `show`/`links`/`transcript` of `SHOW/N` (or of a plain `N` only one show has), `search` ranked across shows
//! with `show:NAME` narrowing to a show, `export` of every show, `index`.

pub mod output;

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, Result, anyhow, bail};

use super::{Command, ListFormat, NothingFound, index, warn, warn_library, warn_skipped};
use crate::library::{FileError, Library};
use crate::sanitize::clean_line;
use crate::search::engine::{self, Options};
use crate::search::query::{Query, Typing};
use crate::shows::{Origin, Root, pick, split_address};
use crate::store::{Store, Summary, SyncStats, Synced};
use output::Row;

/// One open show: its root and its synced copy in the index.
pub struct Open<'r> {
    pub root: &'r Root,
    pub synced: Synced,
}

/// Run `command` over every root.
///
/// # Errors
/// A `--library` folder that cannot be read (a subscribed or configured one is a warning), an unknown or
/// ambiguous episode, [`NothingFound`], a failed write.
pub fn run(store: &mut Store, roots: &[Root], command: &Command, out: &mut dyn Write) -> Result<()> {
    let open = sync_all(store, roots, matches!(command, Command::List { warnings: true, .. }))?;
    match command {
        Command::List { format, .. } => output::list(&rows(store, &open)?, *format, out),
        Command::Show { episode, format } => {
            let (o, key) = resolve(store, &open, episode)?;
            let library = whole(store, o)?;
            let e = super::find(&library, &o.root.name, &key)?;
            super::output::show(&super::transcript::joined(&library, e), *format, out)
        }
        Command::Transcript { episode, segment, format } => {
            let (o, key) = resolve(store, &open, episode)?;
            let library = whole(store, o)?;
            let e = super::find(&library, &o.root.name, &key)?;
            return super::transcript::run(&library, e, *segment, *format, out);
        }
        Command::Links { episode, format } => {
            let (o, key) = resolve(store, &open, episode)?;
            let library = whole(store, o)?;
            super::output::links(super::find(&library, &o.root.name, &key)?, *format, out)
        }
        Command::Search { query, format, limit } => {
            return search(store, &open, &query.join(" "), *format, *limit, out);
        }
        Command::Export { format } => {
            let mut parts = Vec::new();
            for o in &open {
                let mut library = whole(store, o)?;
                warn(&crate::transcript::join_library(&mut library));
                parts.push((o.root.name.clone(), library));
            }
            super::output::export(&crate::library::merge::merge(parts), *format, out)
        }
        Command::Index { .. } => {
            let stats = open.iter().fold(SyncStats::default(), |a, o| SyncStats {
                files: a.files + o.synced.stats.files,
                parsed: a.parsed + o.synced.stats.parsed,
                removed: a.removed + o.synced.stats.removed,
            });
            index::report(store, stats, out)
        }
        _ => Ok(()),
    }
    .context("could not write the output")
}

/// Sync every root; print their warnings (each prefixed with its show) and unreadable files (`SHOW/file`).
fn sync_all<'r>(store: &mut Store, roots: &'r [Root], all_warnings: bool) -> Result<Vec<Open<'r>>> {
    let mut open = Vec::new();
    for root in roots {
        match index::sync(store, &root.path) {
            Ok(synced) => open.push(Open { root, synced }),
            Err(e) => {
                let e = anyhow!(e).context(format!(
                    "cannot open the library {} ({})",
                    root.path.display(),
                    root.origin.source()
                ));
                if root.origin == Origin::Flag {
                    return Err(e);
                }
                warn(&[format!("{e:#}; reading the other shows")]);
            }
        }
    }
    warn(&store.take_warnings());
    if open.is_empty() {
        bail!("none of the {} libraries could be opened (see the warnings above)", roots.len());
    }
    let warnings: Vec<String> =
        open.iter().flat_map(|o| o.synced.warnings.iter().map(move |w| format!("{}: {w}", o.root.name))).collect();
    warn_library(&warnings, all_warnings);
    let skipped: Vec<FileError> = open
        .iter()
        .flat_map(|o| {
            o.synced.errors.iter().map(move |e| FileError { file: format!("{}/{}", o.root.name, e.file), ..e.clone() })
        })
        .collect();
    warn_skipped(&skipped);
    Ok(open)
}

/// The whole episodes of one show, read from the cache.
fn whole(store: &Store, o: &Open<'_>) -> Result<Library> {
    Ok(Library {
        root: o.synced.root.clone(),
        episodes: store.episodes(&o.synced)?,
        errors: o.synced.errors.clone(),
        warnings: Vec::new(),
        show: o.synced.show.clone(),
    })
}

/// `SHOW/N`, or `SHOW/stem` for an episode without a number.
fn address(name: &str, s: &Summary) -> String {
    let key = s.number.map_or_else(
        || std::path::Path::new(&s.file).file_stem().map_or_else(|| s.file.clone(), |x| x.to_string_lossy().into()),
        |n| n.to_string(),
    );
    format!("{name}/{key}")
}

/// Every episode of every show, newest first across shows (by date, then number; undated last).
fn rows(store: &Store, open: &[Open<'_>]) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for o in open {
        for s in store.summaries(&o.synced)? {
            rows.push(Row { library: o.root.name.clone(), id: address(&o.root.name, &s), summary: s });
        }
    }
    rows.sort_by(|a, b| b.summary.date.cmp(&a.summary.date).then(b.summary.number.cmp(&a.summary.number)));
    Ok(rows)
}

/// Whether a list row is the episode `key` names: its number, else its file stem or name (as
/// [`Library::find`] compares them).
fn names(s: &Summary, key: &str) -> bool {
    let key = key.trim();
    if let Ok(n) = key.trim_start_matches('#').parse::<u32>()
        && s.number == Some(n)
    {
        return true;
    }
    let path = std::path::Path::new(&s.file);
    let stem = path.file_stem().map(|x| x.to_string_lossy()).unwrap_or_default();
    let name = path.file_name().map(|x| x.to_string_lossy()).unwrap_or_default();
    stem.eq_ignore_ascii_case(key) || name.eq_ignore_ascii_case(key) || s.file.eq_ignore_ascii_case(key)
}

/// The show an episode key points into, and the key within it: `SHOW/KEY`, or a plain key exactly one show has.
///
/// # Errors
/// No show has it (the message lists what each has), or several do (the message lists their addresses).
fn resolve<'o, 'r>(store: &Store, open: &'o [Open<'r>], key: &str) -> Result<(&'o Open<'r>, String)> {
    let shows: Vec<(&str, Option<&str>)> =
        open.iter().map(|o| (o.root.name.as_str(), o.synced.show.name.as_deref())).collect();
    if let Some((show, rest)) = split_address(key)
        && let Some(i) = pick(&shows, show)
    {
        return Ok((&open[i], rest.to_owned()));
    }
    let mut holders = Vec::new();
    let mut numbers = Vec::new();
    for o in open {
        let summaries = store.summaries(&o.synced)?;
        if let Some(s) = summaries.iter().find(|s| names(s, key)) {
            holders.push((o, address(&o.root.name, s)));
        }
        let mut n: Vec<u32> = summaries.iter().filter_map(|s| s.number).collect();
        n.sort_unstable();
        n.dedup();
        numbers.push(format!("{} {}", o.root.name, if n.is_empty() { "-".into() } else { super::ranges(&n) }));
    }
    let shown = clean_line(key.trim());
    match holders.as_slice() {
        [(o, _)] => Ok((o, key.to_owned())),
        [] => match split_address(key) {
            Some((show, _)) => bail!(
                "no show {} is open; the open shows are {}",
                clean_line(show),
                shows.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", ")
            ),
            None => bail!("no episode {shown} in any open show ({})", numbers.join("; ")),
        },
        many => {
            let at: Vec<&str> = many.iter().map(|(_, a)| a.as_str()).collect();
            bail!(
                "episode {shown} is in {} shows: {}; name one as SHOW/{shown}",
                many.len(),
                clean_line(&at.join(", "))
            )
        }
    }
}

/// `shownotes search` over several shows: hits of every show ranked together, each with its address; a
/// `show:NAME` that names open shows (short name or show name) searches only those.
fn search(
    store: &Store,
    open: &[Open<'_>],
    text: &str,
    format: ListFormat,
    limit: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let (chosen, text) = narrow(open, text)?;
    let libs: Vec<&Synced> = chosen.iter().map(|o| &o.synced).collect();
    let results = engine::search_libraries(store, &libs, &text, Options { typing: Typing::Done, limit })?;
    let mut err = std::io::stderr().lock();
    for n in &results.notes {
        let _ = writeln!(err, "warning: {}", clean_line(n));
    }
    if results.total == 0 {
        return Err(NothingFound(format!("no results for {}", clean_line(text.trim()))).into());
    }
    if let Some(c) = &results.corrected {
        let _ = writeln!(err, "no results for {}; showing {}", clean_line(&c.from), clean_line(&c.to));
    }
    let mut at: HashMap<i64, (String, String)> = HashMap::new();
    for o in &chosen {
        for s in store.summaries(&o.synced)? {
            at.insert(s.id, (o.root.name.clone(), address(&o.root.name, &s)));
        }
    }
    output::search(&results, &at, format, out).context("could not write the output")?;
    let more = results.total.saturating_sub(results.results.len());
    if more > 0 && format == ListFormat::Text {
        let _ = writeln!(err, "{more} more; pass --limit {} to see them all", results.total);
    }
    Ok(())
}

/// The shows a query searches, and the query to run there: a `show:NAME` that matches open shows by name is
/// answered by choosing those shows (and leaves the query); otherwise every show, the query as written (its
/// `show:` then matches each episode's own show name).
fn narrow<'o, 'r>(open: &'o [Open<'r>], text: &str) -> Result<(Vec<&'o Open<'r>>, String)> {
    let Some(wanted) = Query::parse(text, Typing::Done).filters.show else {
        return Ok((open.iter().collect(), text.to_owned()));
    };
    let fold = crate::search::text::fold;
    let chosen: Vec<&Open<'r>> = open
        .iter()
        .filter(|o| {
            fold(&o.root.name).contains(&wanted)
                || o.synced.show.name.as_deref().is_some_and(|n| fold(n).contains(&wanted))
        })
        .collect();
    if chosen.is_empty() {
        return Ok((open.iter().collect(), text.to_owned()));
    }
    let rest = without_show_filter(text);
    if Query::parse(&rest, Typing::Done).is_empty() {
        bail!("show:{wanted} chooses where to search: add words to look for (`shownotes list` lists every episode)");
    }
    Ok((chosen, rest))
}

/// The query without its `show:` filters, cut as [`Query::parse`] cuts it (quoted phrases kept whole).
fn without_show_filter(text: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with('"') {
            let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
            kept.push(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
        let (piece, next) = rest.split_at(end);
        rest = next.trim_start_matches(char::is_whitespace);
        let is_show = piece.split_once(':').is_some_and(|(k, v)| k.eq_ignore_ascii_case("show") && !v.is_empty());
        if !is_show && !piece.is_empty() {
            kept.push(piece);
        }
    }
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn show_filters_are_cut_and_phrases_kept() {
        assert_eq!(
            super::without_show_filter("show:pb \"show:x y\" rust  SHOW:a year:2024"),
            "\"show:x y\" rust year:2024"
        );
        assert_eq!(super::without_show_filter("\"open"), "\"open");
    }
}
