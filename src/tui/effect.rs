//! Things the reader asks the outside world to do: open a browser, write the clipboard.
//!
//! `update` returns an [`Effect`]; the loop hands it to an [`Effects`] implementation and reports the outcome
//! back as a status message. Tests pass a [`Recorder`] so nothing is launched.

use std::io;

/// A side effect requested by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL (already checked by [`crate::links::openable`]) in the browser.
    OpenUrl(String),
    /// Put this text on the clipboard.
    Copy(String),
}

/// Why a browser could not be started.
#[derive(Debug)]
pub enum OpenError {
    /// There is no display to show a browser on (a headless server, SSH without forwarding).
    NoDisplay,
    Failed(io::Error),
}

/// Carries effects out.
pub trait Effects {
    /// # Errors
    /// When no browser could be started.
    fn open(&mut self, url: &str) -> Result<(), OpenError>;
    /// # Errors
    /// When the terminal cannot be written.
    fn copy(&mut self, text: &str) -> io::Result<()>;
}

/// Carry out `effect` and say how it went, for the status line.
pub fn perform(effect: &Effect, effects: &mut dyn Effects) -> String {
    match effect {
        Effect::OpenUrl(url) => match effects.open(url) {
            Ok(()) => format!("Opened {url}"),
            Err(OpenError::NoDisplay) => format!("No browser can start here (no display). The link: {url}"),
            Err(OpenError::Failed(e)) => format!("Could not start a browser ({e}). The link: {url}"),
        },
        Effect::Copy(text) => match effects.copy(text) {
            Ok(()) => format!("Copied to the clipboard (OSC 52): {text}"),
            Err(e) => format!("Could not copy ({e}). The link: {text}"),
        },
    }
}

/// The real world: the `open` crate and an OSC 52 escape on stdout.
#[derive(Debug, Default)]
pub struct System;

impl Effects for System {
    fn open(&mut self, url: &str) -> Result<(), OpenError> {
        if !has_display() {
            return Err(OpenError::NoDisplay);
        }
        open::that_detached(url).map_err(OpenError::Failed)
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        use ratatui::crossterm::{clipboard::CopyToClipboard, execute};
        execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text))
    }
}

/// On Linux and the BSDs a browser needs X11 or Wayland (or a `$BROWSER` the user set for the console).
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY", "BROWSER"].iter().any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Records effects instead of performing them, for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    pub done: Vec<Effect>,
    /// Pretend no browser can start.
    pub headless: bool,
}

impl Effects for Recorder {
    fn open(&mut self, url: &str) -> Result<(), OpenError> {
        self.done.push(Effect::OpenUrl(url.to_owned()));
        if self.headless { Err(OpenError::NoDisplay) } else { Ok(()) }
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.done.push(Effect::Copy(text.to_owned()));
        Ok(())
    }
}
