//! Which links shownotes will hand to a browser, and why it refuses the rest.
//!
//! Only `http`, `https` and `mailto` are opened: a `file:`, `javascript:` or custom-scheme URL from someone
//! else's notes could run or reveal something local. A URL is always passed to the opener as one argument,
//! and one starting with `-` is refused so it can never be read as an option (`-oProxyCommand=…`).

use thiserror::Error;

/// Why a URL will not be opened.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Refusal {
    #[error("not opening {scheme}: links — only http, https and mailto links are opened")]
    Scheme { scheme: String },
    #[error("not opening a link without a scheme — only http, https and mailto links are opened")]
    NoScheme,
    #[error("not opening a link that contains spaces or control characters")]
    BadCharacters,
}

/// The URL, trimmed, when it is safe to hand to a browser.
///
/// # Errors
/// A [`Refusal`] saying why not.
pub fn openable(url: &str) -> Result<&str, Refusal> {
    let url = url.trim();
    if url.chars().any(|c| c.is_whitespace() || crate::sanitize::is_unsafe(c)) {
        return Err(Refusal::BadCharacters);
    }
    let Some((scheme, _)) = url.split_once(':') else { return Err(Refusal::NoScheme) };
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        return Err(Refusal::NoScheme);
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" | "mailto" => Ok(url),
        _ => Err(Refusal::Scheme { scheme: crate::sanitize::clean_line(scheme).into_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_schemes_open() {
        assert_eq!(openable(" https://a.b/c "), Ok("https://a.b/c"));
        assert_eq!(openable("MAILTO:x@y.z"), Ok("MAILTO:x@y.z"));
        assert!(matches!(openable("file:///etc/passwd"), Err(Refusal::Scheme { .. })));
        assert!(matches!(openable("javascript:alert(1)"), Err(Refusal::Scheme { .. })));
        assert_eq!(openable("-oProxyCommand=calc"), Err(Refusal::NoScheme));
        assert_eq!(openable("pythonbytes.fm/x"), Err(Refusal::NoScheme));
        assert_eq!(openable("https://a b"), Err(Refusal::BadCharacters));
    }
}
