//! Text and JSON of the commands over several shows: each row and each hit carries its show and address.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::cli::ListFormat;
use crate::sanitize::clean_line;
use crate::search::engine::{Found, Results};
use crate::store::Summary;

/// One row of `list` across shows: `{"library": "pb", "id": "pb/149", "number": 149, ...}` in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The show's short name.
    pub library: String,
    /// The address `show` takes: `pb/149`, or `pb/stem` without a number.
    pub id: String,
    #[serde(flatten)]
    pub summary: Summary,
}

/// `list` across shows: the show's short name first on every text row, then the single-show columns.
pub fn list(rows: &[Row], format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    if format == ListFormat::Json {
        let rows: Vec<Row> = rows
            .iter()
            .map(|r| Row { summary: Summary { display_title: title(&r.summary), ..r.summary.clone() }, ..r.clone() })
            .collect();
        crate::sanitize::json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let width = rows.iter().map(|r| r.library.chars().count()).max().unwrap_or(0).min(24);
    for r in rows {
        let e = &r.summary;
        let hosts = e.hosts.iter().map(|h| clean_line(h).into_owned()).collect::<Vec<_>>().join(", ");
        let hosts = if hosts.is_empty() { String::new() } else { format!("  [{hosts}]") };
        writeln!(
            out,
            "{:<width$}  {:>5}  {:<10}  {}{}  ({} segments)",
            clean_line(&r.library),
            e.number.map_or_else(|| "-".to_owned(), |n| n.to_string()),
            clean_line(e.date.as_deref().unwrap_or("")),
            clean_line(&title(e)),
            hosts,
            e.segments
        )?;
    }
    Ok(())
}

/// The title a list shows: the episode's, else its first segments, else the file stem.
fn title(e: &Summary) -> String {
    if !e.display_title.trim().is_empty() {
        return e.display_title.clone();
    }
    let path = std::path::Path::new(&e.file);
    path.file_stem().map_or_else(|| e.file.clone(), |s| s.to_string_lossy().into_owned())
}

/// A hit with its show: `{"library": "pb", "id": "pb/149", "episode": 149, ...}`.
#[derive(Serialize)]
struct Hit<'a> {
    library: &'a str,
    id: &'a str,
    #[serde(flatten)]
    found: &'a Found,
}

#[derive(Serialize)]
struct Hits<'a> {
    results: Vec<Hit<'a>>,
    total: usize,
    corrected: &'a Option<crate::search::engine::Correction>,
}

/// Search results across shows, best first; `at` maps an episode id to (short name, address).
pub fn search(
    results: &Results,
    at: &HashMap<i64, (String, String)>,
    format: ListFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let unknown = (String::new(), String::from("-"));
    let place = |f: &Found| at.get(&f.episode_id).unwrap_or(&unknown);
    if format == ListFormat::Json {
        let hits = results
            .results
            .iter()
            .map(|f| {
                let (library, id) = place(f);
                Hit { library, id, found: f }
            })
            .collect();
        let hits = Hits { results: hits, total: results.total, corrected: &results.corrected };
        crate::sanitize::json::to_writer_pretty(&mut *out, &hits)?;
        return writeln!(out);
    }
    for h in &results.results {
        let ordinal = h.ordinal.map(|o| format!(" #{o}")).unwrap_or_default();
        let time = h.time.map(|t| format!(" @{}", crate::cli::output::clock(t))).unwrap_or_default();
        let host = h.host.as_deref().map(|x| format!(" {}", clean_line(x))).unwrap_or_default();
        let title = if h.title.is_empty() { String::new() } else { format!(": {}", clean_line(&h.title)) };
        writeln!(out, "{} {}{ordinal}{time}{host}{title}", clean_line(&place(h).1), h.kind.as_str())?;
        if let Some(url) = &h.url {
            writeln!(out, "    {}", clean_line(url))?;
        }
        if !h.snippet.is_empty() {
            writeln!(out, "    {}", clean_line(&h.snippet))?;
        }
    }
    Ok(())
}
