//! shownotes: a terminal reader for podcast show notes.
//!
//! The core never touches the terminal, so the CLI, the TUI, tests and benchmarks drive one API:
//! - [`model`]: Episode, Segment, Link, Host, Extras, Joke — the typed reading of one episode.
//! - [`parse`]: markdown (pulldown-cmark events) → [`model::Episode`], across every era of the notes' format.
//! - [`library`]: find and load a folder of notes → [`library::Library`] with per-file errors.
//! - [`shows`]: which library folders a command reads (flags, subscriptions, config) and their short names.
//! - [`search`]: keyword search over every segment of a library.
//! - [`transcript`]: an episode's transcript (txt, WebVTT, SRT, Podcasting 2.0 JSON) → cues, found by
//!   episode number, and joined to the notes to give each segment an approximate start.
//! - [`store`]: the SQLite cache of parsed episodes and the FTS5 index every search reads.
//! - [`state`]: read/starred episodes remembered between runs.
//! - [`feed`]: RSS subscriptions → a folder of markdown episodes per show; update over HTTP; OPML.
//! - [`sanitize`], [`links`]: untrusted text made safe for a terminal; which links may be opened.
//!
//! The front ends sit on top: [`cli`] (list, show, links, search, export) and [`tui`] (the reader), which
//! reads its library path, colours and key remaps from [`config`].

pub mod cli;
pub mod config;
pub mod feed;
pub mod library;
pub mod links;
pub mod model;
pub mod parse;
pub mod sanitize;
pub mod search;
pub mod shows;
pub mod state;
pub mod store;
pub mod transcript;
pub mod tui;
