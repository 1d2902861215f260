//! The `shownotes` binary: parse arguments, run the CLI or the reader, turn errors into exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use shownotes::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match &args.command {
        Some(command) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            cli::run(&args, command, &mut out).and_then(|()| out.flush().map_err(Into::into))
        }
        None => shownotes::tui::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that closed the pipe (`shownotes list | head`) got what it wanted.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        // Like grep: nothing found is a message and status 1, not an error.
        Err(e) if e.downcast_ref::<cli::NothingFound>().is_some() => {
            eprintln!("{}", shownotes::sanitize::clean(&e.to_string()));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {}", shownotes::sanitize::clean(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
