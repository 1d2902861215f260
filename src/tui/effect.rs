//! Things the reader asks the outside world to do: open a browser, write the clipboard.
//!
//! `update` returns an [`Effect`]; the loop hands it to an [`Effects`] implementation and reports the outcome
//! back as a status message that claims only what is known to have happened. Tests pass a [`Recorder`] so
//! nothing is launched.

use std::io::{self, Write as _};
use std::process::{Command, Stdio};

/// A side effect requested by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL (already checked by [`crate::links::openable`]) in the browser.
    OpenUrl(String),
    /// Put this text on the clipboard.
    Copy(String),
}

/// Why a browser could not be started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// No command of `$BROWSER` and no platform opener could be started.
    NoOpener,
}

/// Which route a copy took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// Into tmux's paste buffer (`tmux load-buffer -w`, which also passes it on to the outer terminal).
    Tmux,
    /// Sent to the terminal as OSC 52; whether the terminal accepts it cannot be known.
    Terminal,
}

/// Carries effects out.
pub trait Effects {
    /// Start a browser on `url`; `Ok` names what was started.
    ///
    /// # Errors
    /// When no browser could be started.
    fn open(&mut self, url: &str) -> Result<String, OpenError>;
    /// # Errors
    /// When neither tmux nor the terminal could be written.
    fn copy(&mut self, text: &str) -> io::Result<Copied>;
}

/// Carry out `effect` and say how it went, in one plain sentence for the status line.
pub fn perform(effect: &Effect, effects: &mut dyn Effects) -> String {
    match effect {
        Effect::OpenUrl(url) => match effects.open(url) {
            Ok(by) => format!("Started {by} on {url}"),
            Err(OpenError::NoOpener) => {
                format!("No browser could be started here (set $BROWSER to one). The link: {url}")
            }
        },
        Effect::Copy(text) => match effects.copy(text) {
            // tmux holds it for sure; whether the outer terminal took it on to its clipboard cannot be known.
            Ok(Copied::Tmux) => format!("Copied to tmux's paste buffer (also offered to the clipboard): {text}"),
            Ok(Copied::Terminal) => format!("Sent to the terminal's clipboard (OSC 52): {text}"),
            Err(_) => format!("Could not reach the clipboard. The link: {text}"),
        },
    }
}

/// The real world: `$BROWSER`, then the platform opener (the `open` crate, which knows WSL); tmux and OSC 52.
#[derive(Debug, Default)]
pub struct System;

impl Effects for System {
    fn open(&mut self, url: &str) -> Result<String, OpenError> {
        let browsers = std::env::var("BROWSER").unwrap_or_default();
        for command in browsers.split(':').filter(|c| !c.trim().is_empty()) {
            if let Some(name) = start_browser(command, url) {
                return Ok(name);
            }
        }
        open::that_detached(url).map(|()| "the system's opener".to_owned()).map_err(|_| OpenError::NoOpener)
    }

    fn copy(&mut self, text: &str) -> io::Result<Copied> {
        use ratatui::crossterm::{clipboard::CopyToClipboard, execute};
        let osc = execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text));
        if std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()) && tmux_load_buffer(text) {
            return Ok(Copied::Tmux);
        }
        osc.map(|()| Copied::Terminal)
    }
}

/// Start one `$BROWSER` entry (`firefox`, `chromium --new-window %s`) without a shell; the URL is one argument.
fn start_browser(command: &str, url: &str) -> Option<String> {
    let mut words = command.split_whitespace();
    let program = words.next()?;
    let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
    if !command.contains("%s") {
        args.push(url.to_owned());
    }
    let mut child = Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Reap it when it exits, so no zombie is left behind.
    let _ = std::thread::Builder::new().name("browser-reaper".into()).spawn(move || child.wait());
    let name = std::path::Path::new(program).file_name().map_or(program, |n| n.to_str().unwrap_or(program));
    Some(format!("$BROWSER ({})", crate::sanitize::clean_line(name)))
}

/// `tmux load-buffer -w -`: tmux's own route to its paste buffer and on to the outer clipboard, which works
/// with tmux's default `set-clipboard external` (that setting drops an application's OSC 52).
fn tmux_load_buffer(text: &str) -> bool {
    ["-w", ""].iter().any(|flag| {
        let args: Vec<&str> = ["load-buffer", flag, "-"].into_iter().filter(|a| !a.is_empty()).collect();
        let Ok(mut child) =
            Command::new("tmux").args(&args).stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()
        else {
            return false;
        };
        let wrote = child.stdin.take().is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
        child.wait().is_ok_and(|s| s.success()) && wrote
    })
}

/// Records effects instead of performing them, for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    pub done: Vec<Effect>,
    /// Pretend no browser can start.
    pub headless: bool,
}

impl Effects for Recorder {
    fn open(&mut self, url: &str) -> Result<String, OpenError> {
        self.done.push(Effect::OpenUrl(url.to_owned()));
        if self.headless { Err(OpenError::NoOpener) } else { Ok("the browser".to_owned()) }
    }

    fn copy(&mut self, text: &str) -> io::Result<Copied> {
        self.done.push(Effect::Copy(text.to_owned()));
        Ok(Copied::Terminal)
    }
}
