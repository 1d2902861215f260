//! The terminal reader: read an event → keymap → `update` → carry out the effect → draw.
//!
//! The terminal is restored on every way out: normal quit, Ctrl-C (a key in raw mode), an error, a panic
//! (ratatui's hook plus ours for mouse capture), and SIGTERM/SIGHUP/SIGINT. A signal sets a flag the loop
//! checks between events; a watchdog thread restores and exits itself if the loop does not get there, because
//! crossterm's reader can spin forever once the terminal has hung up (a closed window, a dropped SSH link).
//! Ctrl-Z and SIGTSTP suspend with the terminal restored (see [`suspend`]); search answers arrive from a
//! worker thread between events ([`search_worker`]), and so do transcripts ([`transcript_worker`]), asked for
//! only once the first frame is on screen.

pub mod action;
pub mod app;
pub mod cache;
pub mod effect;
pub mod keymap;
pub mod markdown;
pub mod nav_state;
pub mod prompt_line;
pub mod search_worker;
pub mod store_backend;
pub mod suspend;
pub mod theme;
pub mod transcript_view;
pub mod transcript_worker;
pub mod ui;
pub mod update;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, Result};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::crossterm::{event::DisableMouseCapture, event::EnableMouseCapture, execute};

use crate::cli::Cli;
use crate::config;
use crate::state::StateStore;
use action::Action;
use app::App;
use effect::Effects;
use theme::{ColorMode, Theme};

/// How often the loop wakes without input to notice a termination signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How often the loop looks for a search answer while one is out.
const SEARCH_CHECK: Duration = Duration::from_millis(15);

/// How long the watchdog lets the loop notice a signal before it restores the terminal and exits itself.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Open the reader on the library: `--library`/`SHOWNOTES_LIBRARY`, else the config's `library:`, else
/// `./episodes`.
///
/// # Errors
/// When the library cannot be loaded or the terminal cannot be used.
pub fn run(cli: &Cli) -> Result<()> {
    let (config, mut warnings) = config::load_default();
    let (library, cache_warnings) = cli.open_cached_library(&config)?;
    warnings.extend(cache_warnings);
    warnings.extend(library.warnings.iter().cloned());
    if !library.errors.is_empty() {
        warnings.push(format!("{} files could not be read (`shownotes list` names them)", library.errors.len()));
    }
    let (store, w) = config::state_path().map_or_else(|| (StateStore::in_memory(), Vec::new()), StateStore::open);
    warnings.extend(w);
    let (theme, w) = Theme::new(&config.theme, ColorMode::from_env());
    warnings.extend(w);
    let (keymap, w) = keymap::from_config(&config.keys);
    warnings.extend(w);
    let mut app = App::new(library, store, keymap, theme);
    if let Some(w) = config.reading_width {
        app.reading_width = w.max(20);
    }
    if let Some(first) = warnings.first() {
        let more =
            if warnings.len() > 1 { format!(" (+{} more after you quit)", warnings.len() - 1) } else { String::new() };
        app.status = Some(format!("{first}{more}"));
    }
    let result = with_terminal(|terminal| event_loop(terminal, &mut app, &mut effect::System));
    // Also after a signal ended the loop: the next start opens where this one stopped.
    app.save_place();
    for w in &warnings {
        eprintln!("warning: {}", crate::sanitize::clean_line(w));
    }
    result
}

/// Set the terminal up, run `body`, and put the terminal back however `body` ends.
fn with_terminal(body: impl FnOnce(&mut DefaultTerminal) -> Result<()>) -> Result<()> {
    let mut terminal = ratatui::try_init().context("cannot set up the terminal (is this an interactive terminal?)")?;
    // ratatui's panic hook restores raw mode and the screen; ours also releases the mouse first.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let result = execute!(std::io::stdout(), EnableMouseCapture)
        .context("cannot enable the mouse")
        .and_then(|()| body(&mut terminal));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT, and the watchdog thread behind it.
fn termination_flag() -> Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("cannot watch for termination signals")?;
    let raised = Arc::clone(&flag);
    std::thread::Builder::new()
        .name("signal-watchdog".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else { return };
            raised.store(true, Ordering::Relaxed);
            // Normally the loop sees the flag, restores the terminal and returns, ending the process meanwhile.
            std::thread::sleep(SIGNAL_GRACE);
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            ratatui::restore();
            std::process::exit(128 + signal);
        })
        .context("cannot start the signal watchdog")?;
    Ok(flag)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, effects: &mut dyn Effects) -> Result<()> {
    let stop = termination_flag()?;
    let tstp = suspend::tstp_flag()?;
    let cont = suspend::cont_flag()?;
    let size = terminal.size()?;
    app.update(Action::Resize { width: size.width, height: size.height });
    let mut dirty = true;
    let mut first_frame = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if tstp.swap(false, Ordering::Relaxed) {
            app.update(Action::Suspend);
        }
        if std::mem::take(&mut app.suspend) {
            suspend::suspend(terminal)?;
            let size = terminal.size()?;
            app.update(Action::Resize { width: size.width, height: size.height });
            dirty = true;
        }
        if cont.swap(false, Ordering::Relaxed) {
            suspend::retake(terminal)?;
            dirty = true;
        }
        while let Some(answer) = app.search.try_latest() {
            app.update(Action::Answered(answer));
            dirty = true;
        }
        if let Some(reply) = app.transcript.worker.try_latest() {
            app.update(Action::TranscriptLoaded(reply));
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
            if std::mem::take(&mut first_frame) {
                app.update(Action::FirstFrame);
            }
        }
        // While a search or a transcript is out, wake often to show its answer as soon as it comes.
        let wait = if app.search.pending || app.transcript.worker.pending { SEARCH_CHECK } else { SIGNAL_CHECK };
        match event::poll(wait) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e).context("cannot read from the terminal"),
        }
        let event = match event::read() {
            Ok(ev) => ev,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e).context("cannot read from the terminal"),
        };
        let Some(action) = to_action(app, &event) else { continue };
        dirty = true;
        if let Some(effect) = app.update(action) {
            let report = effect::perform(&effect, effects);
            app.update(Action::Report(report));
        }
    }
    Ok(())
}

/// The one place terminal events become actions.
pub fn to_action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => app.keymap.action_or_hint(app.context(), *key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: m.column, row: m.row }),
            MouseEventKind::ScrollDown => Some(Action::Scroll { column: m.column, row: m.row, lines: 3 }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { column: m.column, row: m.row, lines: -3 }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width: *width, height: *height }),
        _ => None,
    }
}
