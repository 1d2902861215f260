//! The terminal reader. PLACEHOLDER until the reader lands: prints the episode list.

use std::io::Write;

use anyhow::Result;

use crate::cli::{Cli, ListFormat};

/// Open the reader on the library named by `cli`.
///
/// # Errors
/// When the library cannot be loaded or the terminal cannot be written.
pub fn run(cli: &Cli) -> Result<()> {
    let library = crate::cli::load_library(&cli.library_path())?;
    let mut out = std::io::stdout().lock();
    crate::cli::output::list(&library, ListFormat::Text, &mut out)?;
    out.flush()?;
    Ok(())
}
