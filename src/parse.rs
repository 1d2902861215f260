//! Reading one episode's markdown into an [`Episode`](crate::model::Episode).
//!
//! PLACEHOLDER: the era-aware event walker lands in `parse/`; this stub only keeps the crate building.

use thiserror::Error;

use crate::model::{Episode, Show};

/// Why a text could not be read as show notes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("is empty: there are no show notes in it")]
    Empty,
}

/// Parse one episode's notes.
///
/// # Errors
/// [`ParseError::Empty`] for a blank document.
pub fn parse_episode(source: &str) -> Result<Episode, ParseError> {
    if source.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Episode::default())
}

/// Fold host spellings across the library into canonical names.
pub fn canonicalize_hosts(_episodes: &mut [Episode], _show: &Show) {}
