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

/// One row per episode, from the index's list columns.
pub fn list(episodes: &[Summary], format: ListFormat, out: Out) -> io::Result<()> {
    if format == ListFormat::Json {
        return json(&episodes, out);
    }
    for e in episodes {
        let hosts = e.hosts.iter().map(|h| clean_line(h).into_owned()).collect::<Vec<_>>().join(", ");
        let hosts = if hosts.is_empty() { String::new() } else { format!("  [{hosts}]") };
        writeln!(out, "{:>5}  {}{}  ({} segments)", number(e.number), clean_line(&e.display_title), hosts, e.segments)?;
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
    for s in &e.sponsors {
        let url = s.url.as_deref().map(|u| format!(" <{}>", clean_line(u))).unwrap_or_default();
        writeln!(out, "Sponsor: {}{url}", clean_line(&s.name))?;
    }
    let counts: Vec<String> = e.host_segment_counts().iter().map(|(h, n)| format!("{} ({n})", clean_line(h))).collect();
    if !counts.is_empty() {
        writeln!(out, "Hosts: {}", counts.join(", "))?;
    }
    for s in &e.segments {
        writeln!(out)?;
        let ordinal = s.ordinal.map(|o| format!("#{o} ")).unwrap_or_default();
        let host = s.host.as_deref().map(|h| format!("{}: ", clean_line(h))).unwrap_or_default();
        writeln!(out, "{ordinal}{host}{}", clean_line(&s.title))?;
        if let Some(url) = &s.url {
            writeln!(out, "    {}", clean_line(url))?;
        }
        indented(&s.body, out)?;
    }
    if !e.extras.is_empty() {
        writeln!(out, "\nExtras")?;
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
        writeln!(out, "\nJokes")?;
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
fn clock(seconds: u32) -> String {
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
    }
}
