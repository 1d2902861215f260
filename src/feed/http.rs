//! HTTP GET for feeds, transcripts and chapters: ureq with rustls, gzip, conditional requests, bounded
//! redirects, time and size.

use std::time::Duration;

/// Limits of one fetch. [`HttpOptions::default`] is what the CLI uses; tests shorten the timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Time allowed to open the connection.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub total_timeout: Duration,
    /// Largest body read, in bytes (after gzip decoding); a larger one is refused.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(60),
            max_bytes: 50 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// The validators of a stored copy, sent back so an unchanged feed costs a 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a GET brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: the stored copy is current.
    NotModified,
    /// 2xx with the whole body and the new validators.
    Body { bytes: Vec<u8>, validators: Validators },
}

/// Why a GET failed, as one line a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("only http:// and https:// addresses are fetched, not {0}")]
    Scheme(String),
    #[error("not found (HTTP 404): check the address")]
    NotFound,
    #[error("gone (HTTP 410): the publisher removed it; `shownotes remove` the show")]
    Gone,
    #[error("server error (HTTP {0}); try again later")]
    Server(u16),
    #[error("refused with HTTP {0}")]
    Status(u16),
    #[error("no answer within {0} s (timed out)")]
    Timeout(u64),
    #[error("more than {0} redirects (a redirect loop?)")]
    Redirects(u32),
    #[error("is larger than the {0} MB limit")]
    TooBig(u64),
    #[error("cannot be fetched: {0}")]
    Other(String),
}

/// A reusable client with these limits (connections are pooled across calls and threads).
pub fn agent(options: &HttpOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.total_timeout))
        .max_redirects(options.max_redirects)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(concat!("shownotes/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// GET `url`, conditionally when `validators` are known.
///
/// # Errors
/// [`HttpError`] for a non-http(s) address, 4xx/5xx, a timeout, too many redirects, a body over the limit, or
/// a connection or TLS failure. A body is only returned whole.
pub fn get(
    agent: &ureq::Agent,
    options: &HttpOptions,
    url: &str,
    validators: &Validators,
) -> Result<Fetched, HttpError> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(HttpError::Scheme(crate::sanitize::clean_line(url).into_owned()));
    }
    let mut request = agent.get(url);
    if let Some(etag) = &validators.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = &validators.last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(|e| map_error(&e, options))?;
    let status = response.status().as_u16();
    match status {
        304 => return Ok(Fetched::NotModified),
        200..=299 => {}
        404 => return Err(HttpError::NotFound),
        410 => return Err(HttpError::Gone),
        500..=599 => return Err(HttpError::Server(status)),
        _ => return Err(HttpError::Status(status)),
    }
    let header = |name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned).filter(|v| !v.is_empty())
    };
    let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
    let bytes =
        response.body_mut().with_config().limit(options.max_bytes).read_to_vec().map_err(|e| map_error(&e, options))?;
    Ok(Fetched::Body { bytes, validators })
}

fn map_error(e: &ureq::Error, options: &HttpOptions) -> HttpError {
    match e {
        ureq::Error::Timeout(_) => HttpError::Timeout(options.total_timeout.as_secs().max(1)),
        ureq::Error::TooManyRedirects => HttpError::Redirects(options.max_redirects),
        ureq::Error::BodyExceedsLimit(_) => HttpError::TooBig(options.max_bytes >> 20),
        ureq::Error::StatusCode(code) => HttpError::Status(*code),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            HttpError::Timeout(options.total_timeout.as_secs().max(1))
        }
        other => HttpError::Other(crate::sanitize::clean_line(&other.to_string()).into_owned()),
    }
}
