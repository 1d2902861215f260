//! Ctrl-Z and SIGTSTP: give the terminal back to the shell, stop, and take it again on `fg` with a full redraw.
//!
//! In raw mode the terminal sends Ctrl-Z as a key, so the reader stops itself; a SIGTSTP from outside
//! (`kill -TSTP`) is caught and handled the same way between events, since stopping with the terminal still in
//! raw mode and the mouse captured would leave the shell unusable.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::{Context as _, Result};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};

/// A flag raised by SIGTSTP from outside (the handler replaces the default stop).
///
/// # Errors
/// When the handler cannot be installed.
pub fn tstp_flag() -> Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&flag))
        .context("cannot watch for the suspend signal")?;
    Ok(flag)
}

/// A flag raised by SIGCONT: after a stop the loop did not arrange (`kill -STOP`, then `-CONT`), the screen
/// may have been drawn over, so the loop repaints it whole.
///
/// # Errors
/// When the handler cannot be installed.
pub fn cont_flag() -> Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGCONT, Arc::clone(&flag))
        .context("cannot watch for the continue signal")?;
    Ok(flag)
}

/// Restore the terminal, stop the process until `fg`, then set the terminal up again and clear it so the next
/// draw repaints every cell.
///
/// # Errors
/// When the terminal cannot be set up again after resuming.
pub fn suspend(terminal: &mut DefaultTerminal) -> Result<()> {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    // The shell needs its cursor back; the next draw after resuming hides it again.
    let _ = terminal.show_cursor();
    ratatui::restore();
    // Stops here (SIGSTOP, as the default SIGTSTP action would) until the shell sends SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
        .context("cannot suspend the reader")?;
    retake(terminal)
}

/// Put the terminal back in the reader's modes (raw, alternate screen, mouse) and clear it so the next draw
/// repaints every cell: after our own suspend, and after a SIGCONT following a stop we did not arrange, when the
/// shell may have reset the modes and drawn over the screen.
///
/// # Errors
/// When the terminal cannot be set up.
pub fn retake(terminal: &mut DefaultTerminal) -> Result<()> {
    // Raw mode is re-applied from scratch: crossterm skips enabling it when it believes it is already on.
    disable_raw_mode().context("cannot set up the terminal again after resuming")?;
    enable_raw_mode().context("cannot set up the terminal again after resuming")?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
        .context("cannot set up the terminal again after resuming")?;
    terminal.clear().context("cannot redraw after resuming")?;
    Ok(())
}
