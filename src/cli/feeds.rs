//! The subscription commands (add, update, shows, remove, import, export --format opml): thin wrappers over
//! [`crate::feed`] that print one line per show and one line per failed feed.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::{Command, ExportFormat, ListFormat};
use crate::feed::{self, FeedError, Options, Outcome};
use crate::sanitize::clean_line;

/// Network limits shared by the commands that fetch.
#[derive(Debug, Clone, Args)]
pub struct NetArgs {
    /// Seconds allowed for each request, body included
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Seconds allowed to connect
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub connect_timeout: f64,
    /// Feeds fetched at once
    #[arg(long, default_value_t = 4)]
    pub jobs: usize,
}

/// Run `command` if it is a subscription command; `None` lets the caller handle it.
pub fn run(command: &Command, out: &mut dyn Write) -> Option<Result<()>> {
    Some(match command {
        Command::Add { source, name, net } => add(source, name.as_deref(), net, out),
        Command::Update { shows, net } => update(shows, net, out),
        Command::Shows { format } => shows(*format, out),
        Command::Remove { show } => remove(show, out),
        Command::Import { file, net } => import(file, net, out),
        Command::Export { format: ExportFormat::Opml } => shows_dir()
            .and_then(|dir| out.write_all(feed::export_opml(&dir).as_bytes()).context("could not write the output")),
        _ => return None,
    })
}

fn shows_dir() -> Result<PathBuf> {
    feed::default_shows_dir().context("no data folder for subscriptions: set XDG_DATA_HOME or HOME")
}

fn options(net: &NetArgs) -> Result<Options> {
    let seconds = |s: f64, what: &str| {
        if s.is_finite() && s > 0.0 {
            Ok(Duration::from_secs_f64(s))
        } else {
            bail!("--{what} must be a positive number of seconds, not {s}")
        }
    };
    let mut options = Options::new(shows_dir()?);
    options.http.total_timeout = seconds(net.timeout, "timeout")?;
    options.http.connect_timeout = seconds(net.connect_timeout, "connect-timeout")?;
    options.threads = net.jobs.max(1);
    Ok(options)
}

fn add(source: &str, name: Option<&str>, net: &NetArgs, out: &mut dyn Write) -> Result<()> {
    let outcome = feed::add(source, name, &options(net)?)
        .map_err(|e| anyhow::anyhow!(clean_line(&e.to_string()).into_owned()))?;
    report(&outcome, out)
}

fn update(shows: &[String], net: &NetArgs, out: &mut dyn Write) -> Result<()> {
    let options = options(net)?;
    if shows.is_empty() && feed::list(&options.shows_dir).is_empty() {
        bail!("no subscriptions yet: `shownotes add URL` subscribes to a feed");
    }
    report_all(feed::update(shows, &options), out)
}

fn import(file: &std::path::Path, net: &NetArgs, out: &mut dyn Write) -> Result<()> {
    let results = feed::import_opml(file, &options(net)?)
        .map_err(|e| anyhow::anyhow!(clean_line(&e.to_string()).into_owned()))?;
    // Feeds already subscribed are not failures of an import.
    let results = results
        .into_iter()
        .filter_map(|r| match r {
            Err(FeedError::Subscribed { feed, slug }) => {
                let _ = writeln!(out, "{}: already subscribed as {}", clean_line(&feed), clean_line(&slug));
                None
            }
            other => Some(other),
        })
        .collect();
    report_all(results, out)
}

/// One line per show on `out`, one per failure on stderr; an error when any feed failed.
fn report_all(results: Vec<Result<Outcome, FeedError>>, out: &mut dyn Write) -> Result<()> {
    let mut failed = 0;
    for result in results {
        match result {
            Ok(outcome) => report(&outcome, out)?,
            Err(e) => {
                failed += 1;
                eprintln!("error: {}", clean_line(&e.to_string()));
            }
        }
    }
    if failed > 0 {
        bail!("{failed} feed(s) could not be updated; the shows stored before are unchanged");
    }
    Ok(())
}

fn report(o: &Outcome, out: &mut dyn Write) -> Result<()> {
    let name = clean_line(&o.slug);
    if o.not_modified {
        writeln!(out, "{name}: not modified")?;
    } else {
        let c = &o.counts;
        writeln!(
            out,
            "{name}: {} new, {} changed, {} episodes, {} transcript/chapter files",
            c.new, c.changed, c.episodes, c.fetched
        )?;
    }
    for w in &o.counts.warnings {
        eprintln!("warning: {name}: {}", clean_line(w));
    }
    Ok(())
}

fn shows(format: ListFormat, out: &mut dyn Write) -> Result<()> {
    let list = feed::list(&shows_dir()?);
    if format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &list)?;
        writeln!(out)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "no subscriptions yet: `shownotes add URL` subscribes to a feed")?;
    }
    for s in &list {
        let updated = s.updated.as_deref().unwrap_or("never");
        let error = s.error.as_deref().map(|e| format!("\terror: {}", clean_line(e))).unwrap_or_default();
        writeln!(
            out,
            "{}\t{}\t{} episodes\tupdated {}{error}",
            clean_line(&s.slug),
            clean_line(&s.name),
            s.episodes,
            clean_line(updated)
        )?;
    }
    Ok(())
}

fn remove(show: &str, out: &mut dyn Write) -> Result<()> {
    let dir =
        feed::remove(show, &shows_dir()?).map_err(|e| anyhow::anyhow!(clean_line(&e.to_string()).into_owned()))?;
    writeln!(out, "removed {}", clean_line(&dir.to_string_lossy()))?;
    Ok(())
}
