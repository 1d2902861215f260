//! Writers for the CLI's text, JSON and YAML output.
//!
//! Plain text is for people reading a pipe: every string from the notes passes through [`clean`] so no
//! terminal control character taken from someone else's notes reaches the terminal. JSON and YAML escape
//! control characters themselves.

use std::io::{self, Write};

use serde::Serialize;

use super::{ExportFormat, Format, ListFormat};
use crate::library::Library;
use crate::model::Episode;
use crate::sanitize::{clean, clean_line};
use crate::search::engine::Results;
use crate::store::Summary;

type Out<'a> = &'a mut dyn Write;

fn json(value: &impl Serialize, out: Out) -> io::Result<()> {
    // Escapes C1 controls and bidi overrides too, which serde_json's own writer leaves raw.
    crate::sanitize::json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn yaml(value: &impl Serialize, out: Out) -> io::Result<()> {
    let text = serde_saphyr::to_string(value).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

fn number(n: Option<u32>) -> String {
    n.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

/// The title a list shows: the episode's title (else its first segments), else the file stem, never blank.
fn list_title(e: &Summary) -> String {
    if !e.display_title.trim().is_empty() {
        return e.display_title.clone();
    }
    let path = std::path::Path::new(&e.file);
    path.file_stem().map_or_else(|| e.file.clone(), |s| s.to_string_lossy().into_owned())
}

/// One row per episode, from the index's list columns.
pub fn list(episodes: &[Summary], format: ListFormat, out: Out) -> io::Result<()> {
    if format == ListFormat::Json {
        let rows: Vec<Summary> =
            episodes.iter().map(|e| Summary { display_title: list_title(e), ..e.clone() }).collect();
        return json(&rows, out);
    }
    for e in episodes {
        let hosts = e.hosts.iter().map(|h| clean_line(h).into_owned()).collect::<Vec<_>>().join(", ");
        let hosts = if hosts.is_empty() { String::new() } else { format!("  [{hosts}]") };
        writeln!(
            out,
            "{:>5}  {:<10}  {}{}  ({} segments)",
            number(e.number),
            clean_line(e.date.as_deref().unwrap_or("")),
            clean_line(&list_title(e)),
            hosts,
            e.segments
        )?;
    }
    Ok(())
}

/// The whole episode, readable in a pipe.
pub fn show(e: &Episode, format: Format, out: Out) -> io::Result<()> {
    match format {
        Format::Json => return json(e, out),
        Format::Yaml => return yaml(e, out),
        Format::Text => {}
    }
    let title =
        e.title.as_deref().filter(|t| !t.is_empty()).map(|t| format!(": {}", clean_line(t))).unwrap_or_default();
    writeln!(out, "Episode {}{title}", number(e.number))?;
    writeln!(out, "File: {}", clean_line(&e.file))?;
    if let Some(show) = &e.show {
        writeln!(out, "Show: {}", clean_line(show))?;
    }
    if let Some(date) = &e.date {
        writeln!(out, "Date: {}", clean_line(date))?;
    }
    for s in &e.sponsors {
        let url = s.url.as_deref().map(|u| format!(" <{}>", clean_line(u))).unwrap_or_default();
        writeln!(out, "Sponsor: {}{url}", clean_line(&s.name))?;
    }
    people(e, out)?;
    if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
        writeln!(out)?;
        for line in textwrap::wrap(&clean_line(d), 100) {
            writeln!(out, "{line}")?;
        }
    }
    if !e.chapters.is_empty() {
        writeln!(out, "\nChapters")?;
        for c in &e.chapters {
            let (h, m, s) = (c.start / 3600, c.start / 60 % 60, c.start % 60);
            writeln!(out, "  {h}:{m:02}:{s:02}  {}", clean_line(&c.title))?;
        }
    }
    for s in &e.segments {
        writeln!(out)?;
        let ordinal = s.ordinal.map(|o| format!("#{o} ")).unwrap_or_default();
        let host = s.host.as_deref().map(|h| format!("{}: ", clean_line(h))).unwrap_or_default();
        let start = s.start.map(|t| format!("~{}  ", crate::transcript::short_time(t))).unwrap_or_default();
        writeln!(out, "{start}{ordinal}{host}{}", clean_line(&s.title))?;
        if let Some(url) = &s.url {
            writeln!(out, "    {}", clean_line(url))?;
        }
        indented(&s.body, out)?;
    }
    if !e.extras.is_empty() {
        let start = e.extras.first().and_then(|x| x.start).map(|t| format!("  ~{}", crate::transcript::short_time(t)));
        writeln!(out, "\nExtras{}", start.unwrap_or_default())?;
        for x in &e.extras {
            if let Some(h) = &x.host {
                writeln!(out, "  {}:", clean_line(h))?;
            }
            for item in &x.items {
                writeln!(out, "    - {}", clean_line(item).trim().replace('\n', "\n      "))?;
            }
        }
    }
    if !e.jokes.is_empty() {
        let start = e.jokes.first().and_then(|j| j.start).map(|t| format!("  ~{}", crate::transcript::short_time(t)));
        writeln!(out, "\nJokes{}", start.unwrap_or_default())?;
        for (i, j) in e.jokes.iter().enumerate() {
            // A joke without a title starts on its number line, so a list of one-liners reads as one.
            let body = clean(&j.body);
            let mut lines = body.trim().lines();
            let head = match &j.title {
                Some(t) => clean_line(t).into_owned(),
                None => lines.next().unwrap_or_default().trim().to_owned(),
            };
            writeln!(out, "  {}. {head}", i + 1)?;
            if let Some(url) = &j.url {
                writeln!(out, "     {}", clean_line(url))?;
            }
            for line in lines {
                writeln!(out, "     {}", line.trim_end())?;
            }
        }
    }
    Ok(())
}

/// Hosts with their segment counts (plain names when nobody presented a segment), then guests.
fn people(e: &Episode, out: Out) -> io::Result<()> {
    let counts = e.host_segment_counts();
    let any = counts.iter().any(|(_, n)| *n > 0);
    let hosts: Vec<String> = counts
        .iter()
        .map(|(h, n)| if any { format!("{} ({n})", clean_line(h)) } else { clean_line(h).into_owned() })
        .collect();
    if !hosts.is_empty() {
        writeln!(out, "Hosts: {}", hosts.join(", "))?;
    }
    let guests: Vec<String> = e.guests.iter().map(|g| clean_line(&g.name).into_owned()).collect();
    if !guests.is_empty() {
        writeln!(out, "Guests: {}", guests.join(", "))?;
    }
    Ok(())
}

fn indented(markdown: &str, out: Out) -> io::Result<()> {
    let body = clean(markdown);
    if body.trim().is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for line in body.trim_end().lines() {
        if line.trim().is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// Every link of the episode: section, text, URL.
pub fn links(e: &Episode, format: ListFormat, out: Out) -> io::Result<()> {
    if format == ListFormat::Json {
        return json(&e.links, out);
    }
    for l in &e.links {
        writeln!(out, "{}\t{}\t{}", clean_line(&l.section), clean_line(&l.text), clean_line(&l.url))?;
    }
    Ok(())
}

/// `12:34` or `1:02:03`.
pub(crate) fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// Search results, best first: `{"results": [...], "total": N, "corrected": null | {"from", "to"}}`.
pub fn search(results: &Results, format: ListFormat, out: Out) -> io::Result<()> {
    if format == ListFormat::Json {
        return json(results, out);
    }
    for h in &results.results {
        let ordinal = h.ordinal.map(|o| format!(" #{o}")).unwrap_or_default();
        let time = h.time.map(|t| format!(" @{}", clock(t))).unwrap_or_default();
        let host = h.host.as_deref().map(|x| format!(" {}", clean_line(x))).unwrap_or_default();
        let title = if h.title.is_empty() { String::new() } else { format!(": {}", clean_line(&h.title)) };
        writeln!(out, "{} {}{ordinal}{time}{host}{title}", number(h.episode), h.kind.as_str())?;
        if let Some(url) = &h.url {
            writeln!(out, "    {}", clean_line(url))?;
        }
        if !h.snippet.is_empty() {
            writeln!(out, "    {}", clean_line(&h.snippet))?;
        }
    }
    Ok(())
}

/// The whole library: `{"episodes": [...], "errors": [...]}`.
pub fn export(library: &Library, format: ExportFormat, out: Out) -> io::Result<()> {
    match format {
        ExportFormat::Json => json(library, out),
        ExportFormat::Yaml => yaml(library, out),
        // OPML lists subscriptions, not episodes: cli::feeds writes it before any library is opened.
        ExportFormat::Opml => Ok(()),
    }
}
