//! Which links shownotes will hand to a browser, and why it refuses the rest.
//!
//! Only `http`, `https` and `mailto` are opened: a `file:`, `javascript:` or custom-scheme URL from someone
//! else's notes could run or reveal something local. A URL is always passed to the opener as one argument (no
//! shell), and since an accepted URL starts with its scheme's letter it can never be read as an option
//! (`-oProxyCommand=…`). Each refusal says why, in words fit for a status line.

use thiserror::Error;

/// Longer URLs are refused: no article link comes close, and the OS limits one argument's length anyway.
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// Why a URL will not be opened.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Refusal {
    #[error("not opening {scheme}: links — only http, https and mailto links are opened")]
    Scheme { scheme: String },
    #[error("not opening a link without a scheme — only http, https and mailto links are opened")]
    NoScheme,
    #[error("not opening a link that contains spaces or control characters")]
    BadCharacters,
    #[error("not opening a web link without a host name")]
    NoHost,
    #[error("not opening a link longer than {MAX_URL_BYTES} bytes")]
    TooLong,
    #[error("not opening an empty link")]
    Empty,
}

/// Why opening failed.
#[derive(Debug, Error)]
pub enum OpenError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("could not start a browser ({0}); copy the link instead")]
    Launch(#[source] std::io::Error),
}

/// The URL, trimmed, when it is safe to hand to a browser.
///
/// # Errors
/// A [`Refusal`] saying why not.
pub fn openable(url: &str) -> Result<&str, Refusal> {
    let url = url.trim();
    if url.is_empty() {
        return Err(Refusal::Empty);
    }
    if url.len() > MAX_URL_BYTES {
        return Err(Refusal::TooLong);
    }
    if url.chars().any(|c| c.is_whitespace() || crate::sanitize::is_unsafe(c)) {
        return Err(Refusal::BadCharacters);
    }
    let Some((scheme, rest)) = url.split_once(':') else { return Err(Refusal::NoScheme) };
    // RFC 3986: a scheme is a letter, then letters, digits, `+`, `-` or `.`. So `-o…` is never a scheme.
    let mut chars = scheme.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !well_formed {
        return Err(Refusal::NoScheme);
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest.strip_prefix("//").map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
            match host {
                Some(h) if !h.is_empty() && !h.starts_with('-') => Ok(url),
                _ => Err(Refusal::NoHost),
            }
        }
        "mailto" => Ok(url),
        _ => Err(Refusal::Scheme { scheme: crate::sanitize::truncate(scheme, 24).into_owned() }),
    }
}

/// Open `url` in the user's browser or mail client, when [`openable`] allows it.
///
/// The URL goes to the desktop opener (`xdg-open`, `open`, …) as one argument of a process started without a
/// shell, detached, with no access to the terminal.
///
/// # Errors
/// The [`Refusal`], or why no opener could be started.
pub fn open(url: &str) -> Result<(), OpenError> {
    let url = openable(url)?;
    open::that_detached(url).map_err(OpenError::Launch)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_schemes_open() {
        assert_eq!(openable(" https://a.b/c "), Ok("https://a.b/c"));
        assert_eq!(openable("HTTP://a.b"), Ok("HTTP://a.b"));
        assert_eq!(openable("MAILTO:x@y.z"), Ok("MAILTO:x@y.z"));
        assert!(matches!(openable("file:///etc/passwd"), Err(Refusal::Scheme { .. })));
        assert!(matches!(openable("javascript:alert(1)"), Err(Refusal::Scheme { .. })));
        assert!(matches!(openable("ssh://host"), Err(Refusal::Scheme { .. })));
        assert_eq!(openable("pythonbytes.fm/x"), Err(Refusal::NoScheme));
        assert_eq!(openable(""), Err(Refusal::Empty));
    }

    #[test]
    fn nothing_can_be_read_as_an_option() {
        assert_eq!(openable("-oProxyCommand=calc"), Err(Refusal::NoScheme));
        assert_eq!(openable("--help"), Err(Refusal::NoScheme));
        assert_eq!(openable("-x:https://a.b"), Err(Refusal::NoScheme));
        assert_eq!(openable("+x:y"), Err(Refusal::NoScheme));
        assert_eq!(openable("https://-oProxyCommand=calc/"), Err(Refusal::NoHost));
        for url in ["https://a.b", "mailto:-oProxyCommand=x@y", "http://x/-o"] {
            assert!(!openable(url).unwrap_or("-").starts_with('-'), "{url}");
        }
    }

    #[test]
    fn hidden_characters_and_odd_shapes_are_refused() {
        assert_eq!(openable("https://a b"), Err(Refusal::BadCharacters));
        assert_eq!(openable("https://a.b/\x1b]0;pwned\x07"), Err(Refusal::BadCharacters));
        assert_eq!(openable("https://a.b/\u{202e}fdp.exe"), Err(Refusal::BadCharacters));
        assert_eq!(openable("https://a.b/\u{9b}2J"), Err(Refusal::BadCharacters));
        assert_eq!(openable("https:"), Err(Refusal::NoHost));
        assert_eq!(openable("https:///etc/passwd"), Err(Refusal::NoHost));
        assert_eq!(openable(&format!("https://a.b/{}", "x".repeat(MAX_URL_BYTES))), Err(Refusal::TooLong));
    }

    #[test]
    fn refusals_explain_themselves_in_one_clean_line() {
        let long = format!("{}:x", "a".repeat(100));
        let msg = openable(&long).unwrap_err().to_string();
        assert!(msg.contains("only http, https and mailto"), "{msg}");
        assert!(msg.chars().count() < 120, "{msg}");
        let msg = openable("file:///x").unwrap_err().to_string();
        assert_eq!(msg, "not opening file: links — only http, https and mailto links are opened");
    }
}
