//! Feeds end to end against a loopback HTTP server (tests/support/http_server.rs, std only): the real feeds of
//! SHOWNOTES_FEEDS with their transcript and chapter URLs pointed at that server, validators and 304s, a
//! shrinking feed, and every bad input of the issue. Nothing here reaches any address but 127.0.0.1.

#![allow(clippy::unwrap_used)]

#[path = "support/http_server.rs"]
mod http_server;
#[path = "common/tempdir.rs"]
mod tempdir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use http_server::{Route, Server};
use shownotes::feed::{self, FeedError, Options, Progress};
use tempdir::TempDir;

fn feeds_dir() -> Option<PathBuf> {
    match std::env::var_os("SHOWNOTES_FEEDS") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            eprintln!("skipping: set SHOWNOTES_FEEDS to ../shared/corpus/feeds to run the real-feed tests");
            None
        }
    }
}

fn options(tmp: &TempDir) -> Options {
    let mut o = Options::new(tmp.path().join("shows"));
    o.http.total_timeout = Duration::from_secs(5);
    o.progress = Progress::Hidden;
    o
}

/// Every file of a show folder with its bytes, `show.yaml` aside (it records the last check and error).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().unwrap() != "show.yaml" {
                files.insert(path.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn bin(data_home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shownotes"));
    cmd.env("XDG_DATA_HOME", data_home)
        .env("XDG_CONFIG_HOME", data_home)
        .env("XDG_CACHE_HOME", std::env::temp_dir().join(format!("shownotes-feed-test-cache-{}", std::process::id())))
        .env_remove("SHOWNOTES_LIBRARY");
    cmd
}

fn export_json(show_dir: &Path) -> serde_json::Value {
    let out = bin(show_dir).arg("--library").arg(show_dir).args(["export", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The Podcasting 2.0 feed with each transcript and chapters URL moved to the loopback server.
fn local_pc20(xml: &str, base: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    let mut n = 0;
    while let Some(i) = rest.find("<podcast:") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        out.push_str(&rest[..i]);
        let kind = if tag.starts_with("<podcast:transcript") {
            Some("transcripts")
        } else if tag.starts_with("<podcast:chapters") {
            Some("chapters")
        } else {
            None
        };
        match (kind, tag.find("url=\"")) {
            (Some(kind), Some(u)) => {
                let start = u + 5;
                let end = start + tag[start..].find('"').unwrap();
                n += 1;
                out.push_str(&format!("{}{base}/{kind}/{n}{}", &tag[..start], &tag[end..]));
            }
            _ => out.push_str(tag),
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

const SRT: &str = "1\n00:00:01,000 --> 00:00:04,000\nWelcome to the show.\n";
const CHAPTERS: &str = r#"{"version":"1.2.0","chapters":[{"startTime":0,"title":"Opening"},{"startTime":754.2,"title":"Boostagrams","url":"https://example.org/boost"}]}"#;

#[test]
fn real_feeds_served_locally_become_markdown_episodes() {
    let Some(dir) = feeds_dir() else { return };
    let server = Server::start();
    server.prefix(
        "/transcripts/",
        Route::Body { body: SRT.into(), content_type: "application/srt", etag: None, gzip: false },
    );
    server.prefix(
        "/chapters/",
        Route::Body { body: CHAPTERS.into(), content_type: "application/json", etag: None, gzip: false },
    );
    let tmp = TempDir::new("feed-real");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in &names {
        let xml = std::fs::read_to_string(path).unwrap();
        let xml = local_pc20(&xml, &server.base);
        let items = xml.matches("<item>").count() + xml.matches("<item ").count();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let url = server.route(&format!("/{file}"), Route::xml(xml));
        let out = bin(tmp.path()).args(["add", &url]).output().unwrap();
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        let line = String::from_utf8_lossy(&out.stdout).into_owned();
        let slug = line.split(':').next().unwrap().to_owned();
        let show_dir = tmp.path().join("shownotes/shows").join(&slug);
        let json = export_json(&show_dir);
        let episodes = json["episodes"].as_array().unwrap();
        assert_eq!(episodes.len(), items, "{file}: one episode per item");
        assert!(json["errors"].as_array().unwrap().is_empty(), "{file}: {}", json["errors"]);
        for ep in episodes {
            assert!(!ep["title"].as_str().unwrap_or("").is_empty(), "{file}: untitled {}", ep["file"]);
        }
    }
    let shows = tmp.path().join("shownotes/shows");
    // Podcasting 2.0: number, date, audio, guid, people, links in the notes, transcripts and chapters.
    let pc20 = shows.join("podcasting-2-0");
    let ep57 = std::fs::read_to_string(pc20.join("057-episode-57-rebel-rubes.md")).unwrap();
    for expected in [
        "title: \"Episode 57: Rebel Rubes\"",
        "number: 57",
        "date: \"2021-10-08\"",
        "audio: https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3",
        "guid: PC2057",
        "- Adam Curry",
        "- name: Brian of London",
        "transcript: transcripts/057-episode-57-rebel-rubes.srt",
        "title: Boostagrams",
        "start: 754",
        "[Download the mp3](https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3)",
        "[V4V Valucaster](https://valuecaster.vercel.app/)",
    ] {
        assert!(ep57.contains(expected), "missing {expected:?} in\n{ep57}");
    }
    assert_eq!(std::fs::read_to_string(pc20.join("transcripts/057-episode-57-rebel-rubes.srt")).unwrap(), SRT);
    let transcripts = std::fs::read_dir(pc20.join("transcripts")).unwrap().count();
    assert_eq!(transcripts, 47, "one transcript per podcast:transcript tag");
    let json = export_json(&pc20);
    let e57 = json["episodes"].as_array().unwrap().iter().find(|e| e["number"] == 57).unwrap();
    assert_eq!(e57["title"], "Episode 57: Rebel Rubes");
    assert_eq!(e57["date"], "2021-10-08");
    assert_eq!(e57["audio"], "https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3");
    let urls: Vec<&str> = e57["links"].as_array().unwrap().iter().map(|l| l["url"].as_str().unwrap()).collect();
    assert!(urls.contains(&"https://podping.watch/"), "{urls:?}");
    // Reply All: content:encoded notes, numbers from `#20 …` titles.
    let reply = std::fs::read_to_string(shows.join("reply-all/020-20-i-want-to-break-free.md")).unwrap();
    assert!(reply.contains("number: 20") && reply.contains("title: \"#20 I Want To Break Free\""), "{reply}");
    // Giant Bomb: 730 items, dated file names where no number is given.
    let giant = std::fs::read_dir(shows.join("giant-bombcast")).unwrap().count();
    assert_eq!(giant, 731, "730 episodes and show.yaml");
    let yaml = std::fs::read_to_string(shows.join("launched/show.yaml")).unwrap();
    assert!(yaml.contains("name: Charlie Chapman") && yaml.contains("feed: http://127.0.0.1"), "{yaml}");
    // Each served transcript and chapters file was asked for once, on loopback only.
    assert!(server.seen().iter().all(|s| !s.path.contains("nashownotes")));
}

#[test]
fn update_sends_validators_and_a_304_changes_nothing() {
    let tmp = TempDir::new("feed-304");
    let server = Server::start();
    let xml = std::fs::read_to_string("tests/fixtures/feeds/small.xml").unwrap();
    let url = server.route("/small.xml", Route::xml_with_etag(xml, "\"v1\""));
    let opts = options(&tmp);
    let added = feed::add(&url, None, &opts).unwrap();
    assert_eq!(added.counts.new, 3);
    let show = opts.shows_dir.join(&added.slug);
    let before = snapshot(&show);
    let results = feed::update(&[], &opts);
    let outcome = results.into_iter().next().unwrap().unwrap();
    assert!(outcome.not_modified);
    let last = server.seen().into_iter().last().unwrap();
    assert_eq!(last.headers.get("if-none-match").map(String::as_str), Some("\"v1\""));
    assert_eq!(last.headers.get("if-modified-since").map(String::as_str), Some("Fri, 08 Oct 2021 19:18:55 GMT"));
    assert!(last.headers.get("accept-encoding").is_some_and(|a| a.contains("gzip")));
    assert_eq!(snapshot(&show), before, "a 304 rewrites no episode");
}

#[test]
fn a_shrinking_feed_keeps_old_episodes_and_rewrites_changed_notes() {
    let tmp = TempDir::new("feed-shrink");
    let server = Server::start();
    let xml = std::fs::read_to_string("tests/fixtures/feeds/small.xml").unwrap();
    let url = server.route("/feed", Route::xml(xml.clone()));
    let opts = options(&tmp);
    let added = feed::add(&url, Some("Small"), &opts).unwrap();
    let show = opts.shows_dir.join(&added.slug);
    let first_item_end = xml.find("</item>").unwrap() + "</item>".len();
    let tail = &xml[xml.rfind("</channel>").unwrap()..];
    let shrunk = format!("{}{}", &xml[..first_item_end], tail).replace("First notes.", "First notes, corrected.");
    // Served gzipped this time: ureq decodes it.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, shrunk.as_bytes()).unwrap();
    server.route(
        "/feed",
        Route::Body { body: gz.finish().unwrap(), content_type: "application/rss+xml", etag: None, gzip: true },
    );
    let outcome = feed::update(&["small".to_owned()], &opts).remove(0).unwrap();
    assert_eq!((outcome.counts.new, outcome.counts.changed, outcome.counts.episodes), (0, 1, 3));
    let files = snapshot(&show);
    assert_eq!(files.len(), 3);
    let first = String::from_utf8(files["001-first-light.md"].clone()).unwrap();
    assert!(first.contains("First notes, corrected."), "{first}");
}

fn bad_inputs(server: &Server) -> Vec<(&'static str, Route, &'static str)> {
    let html = "<!DOCTYPE html><html><head><title>Podcast</title></head><body>Subscribe!</body></html>";
    vec![
        ("404", Route::Status(404), "not found (HTTP 404)"),
        ("410", Route::Status(410), "gone (HTTP 410)"),
        ("503", Route::Status(503), "server error (HTTP 503)"),
        (
            "html",
            Route::Body { body: html.into(), content_type: "text/html", etag: None, gzip: false },
            "is an HTML page",
        ),
        (
            "malformed",
            Route::xml("<rss version=\"2.0\"><channel><title>x</title><item><title>a</item></channel></rss>"),
            "malformed XML",
        ),
        ("empty", Route::xml("<rss version=\"2.0\"><channel><title>x</title></channel></rss>"), "has no episodes"),
        ("huge", Route::Huge(100 * 1024 * 1024), "larger than the 50 MB limit"),
        ("hang", Route::Hang, "timed out"),
        ("loop", Route::Redirect(format!("{}/loop", server.base)), "redirects"),
        ("partial", Route::Partial(include_bytes!("fixtures/feeds/small.xml").to_vec()), "cannot be fetched"),
        ("cut", Route::xml("<rss version=\"2.0\"><channel><title>x</title><item><title>a</title></item>"), "cut-off"),
        (
            "encoding",
            Route::xml(&b"<?xml version=\"1.0\" encoding=\"x-no-such\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>a</title></item></channel></rss>"[..]),
            "declares the encoding x-no-such",
        ),
        (
            "latin1",
            Route::xml(&b"<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>a</title></item></channel></rss>"[..]),
            "is not UTF-8 and declares no other encoding",
        ),
    ]
}

#[test]
fn each_bad_input_is_one_line_and_leaves_the_show_untouched() {
    let tmp = TempDir::new("feed-bad");
    let server = Server::start();
    let xml = std::fs::read_to_string("tests/fixtures/feeds/small.xml").unwrap();
    let mut opts = options(&tmp);
    opts.http.total_timeout = Duration::from_millis(1500);
    let cases = bad_inputs(&server);
    let mut names = Vec::new();
    for (name, _, _) in &cases {
        let url = server.route(&format!("/{name}"), Route::xml(xml.clone()));
        names.push(feed::add(&url, Some(name), &opts).unwrap().slug);
    }
    let good = server.route("/good", Route::xml(xml.clone()));
    names.push(feed::add(&good, Some("good"), &opts).unwrap().slug);
    let before: Vec<_> = names.iter().map(|n| snapshot(&opts.shows_dir.join(n))).collect();
    for (name, route, _) in &cases {
        if *name == "loop" {
            server.route("/loop", route.clone());
        }
        server.route(&format!("/{name}"), route.clone());
    }
    server.route("/good", Route::xml(xml.replace("Third notes.", "Third notes, later.")));
    let results = feed::update(&names, &opts);
    assert_eq!(results.len(), names.len());
    for (result, slug) in results.iter().zip(&names) {
        let expected = cases.iter().find(|(n, _, _)| n == slug).map(|c| c.2);
        match (result, expected) {
            (Err(e), Some(reason)) => {
                let msg = e.to_string();
                assert!(msg.contains(reason) && msg.contains(&format!("/{slug}")), "{slug}: {msg}");
                assert!(!msg.contains('\n'), "{slug}: one line: {msg}");
                let yaml = std::fs::read_to_string(opts.shows_dir.join(slug).join("show.yaml")).unwrap();
                assert!(yaml.contains("error:"), "{slug}: the error is recorded: {yaml}");
            }
            (Ok(o), None) => assert_eq!(o.counts.changed, 1, "the good feed still updates"),
            other => panic!("{slug}: unexpected {other:?}"),
        }
    }
    for (n, b) in names.iter().zip(&before).filter(|(n, _)| *n != "good") {
        assert_eq!(&snapshot(&opts.shows_dir.join(n)), b, "{n} untouched");
    }
    let listed = feed::list(&opts.shows_dir);
    assert!(listed.iter().any(|s| s.slug == "404" && s.error.as_deref().is_some_and(|e| e.contains("404"))));
}

#[test]
fn a_few_redirects_are_followed() {
    let tmp = TempDir::new("feed-redirects");
    let server = Server::start();
    let xml = std::fs::read_to_string("tests/fixtures/feeds/small.xml").unwrap();
    server.route("/final.xml", Route::xml(xml));
    for hop in 1..=4 {
        let next =
            if hop == 4 { format!("{}/final.xml", server.base) } else { format!("{}/hop{}", server.base, hop + 1) };
        server.route(&format!("/hop{hop}"), Route::Redirect(next));
    }
    let added = feed::add(&format!("{}/hop1", server.base), None, &options(&tmp)).unwrap();
    assert_eq!(added.counts.new, 3);
}

#[test]
fn adding_a_bad_feed_leaves_nothing_behind_and_the_cli_says_why() {
    let tmp = TempDir::new("feed-add-bad");
    let server = Server::start();
    let url = server.route("/hang", Route::Hang);
    let out = bin(tmp.path()).args(["add", &url, "--timeout", "0.3"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&url) && err.contains("timed out"), "{err}");
    let shows = tmp.path().join("shownotes/shows");
    assert!(!shows.exists() || std::fs::read_dir(&shows).unwrap().count() == 0, "no folder left behind");
    let opts = options(&tmp);
    let html = server.route(
        "/page",
        Route::Body {
            body: b"<html><body>hi</body></html>".to_vec(),
            content_type: "text/html",
            etag: None,
            gzip: false,
        },
    );
    assert!(matches!(feed::add(&html, None, &opts), Err(FeedError::Parse { .. })));
}

#[test]
fn odd_items_are_read_sensibly() {
    let tmp = TempDir::new("feed-odd");
    let opts = options(&tmp);
    let added = feed::add("tests/fixtures/feeds/odd.xml", None, &opts).unwrap();
    let show = opts.shows_dir.join(&added.slug);
    let files = snapshot(&show);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    let text = |name: &str| {
        String::from_utf8(files.get(name).cloned().unwrap_or_else(|| panic!("no {name} in {names:?}"))).unwrap()
    };
    let bold = text("012-bold-news-more.md");
    assert!(bold.contains("title: Bold news & more\n"), "HTML and controls stripped from the title:\n{bold}");
    assert!(bold.contains("date: \"2020-03-03\""), "{bold}");
    assert!(bold.contains("[the post](https://example.org/shows/odd/post/1)"), "relative link resolved:\n{bold}");
    assert!(bold.contains("[older](https://example.org/archive)"), "{bold}");
    // Two items share a guid; both are kept, in separate files; an item with no guid is matched by its audio.
    assert!(names.contains(&"013-same-guid-one.md") && names.contains(&"014-same-guid-two.md"), "{names:?}");
    assert!(text("2021-07-04-no-guid-here.md").contains("audio: https://example.org/audio/noguid.mp3"));
    assert!(!text("undated.md").contains("date:"), "an unreadable date is left out");
    // Reading it again changes nothing: every item finds its file.
    let again = feed::update(&[], &opts).remove(0).unwrap();
    assert_eq!((again.counts.new, again.counts.changed), (0, 0));
}

#[test]
fn a_latin1_feed_is_decoded_from_its_prolog() {
    let tmp = TempDir::new("feed-latin1");
    let opts = options(&tmp);
    let bytes =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Caf\xe9 Talk</title>\
<item><title>R\xe9sum\xe9 tips</title><guid>l1</guid><description>Na\xefve notes.</description></item></channel></rss>";
    let path = tmp.path().join("latin1.xml");
    std::fs::write(&path, bytes).unwrap();
    let added = feed::add(path.to_str().unwrap(), None, &opts).unwrap();
    assert_eq!(added.name, "Café Talk");
    let files = snapshot(&opts.shows_dir.join(&added.slug));
    let ep = String::from_utf8(files.values().next().unwrap().clone()).unwrap();
    assert!(ep.contains("title: Résumé tips") && ep.contains("Naïve notes."), "{ep}");
}

#[test]
fn opml_out_and_in_and_remove() {
    let tmp = TempDir::new("feed-opml");
    let server = Server::start();
    let xml = std::fs::read_to_string("tests/fixtures/feeds/small.xml").unwrap();
    let a = server.route("/a.xml", Route::xml(xml.clone()));
    let b =
        server.route("/b.xml", Route::xml(xml.replace("<title>Small Show</title>", "<title>Other &amp; Show</title>")));
    for url in [&a, &b] {
        assert!(bin(tmp.path()).args(["add", url]).status().unwrap().success());
    }
    let out = bin(tmp.path()).args(["export", "--format", "opml"]).output().unwrap();
    let opml = String::from_utf8(out.stdout).unwrap();
    assert!(opml.contains(&format!("xmlUrl=\"{a}\"")) && opml.contains("text=\"Other &amp; Show\""), "{opml}");
    let other = TempDir::new("feed-opml-in");
    let file = other.path().join("subs.opml");
    std::fs::write(&file, &opml).unwrap();
    let out = bin(other.path()).arg("import").arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shows = bin(other.path()).arg("shows").output().unwrap();
    let listing = String::from_utf8(shows.stdout).unwrap();
    assert_eq!(listing.lines().count(), 2, "{listing}");
    let json = bin(other.path()).args(["shows", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json[1]["slug"], "small-show");
    assert_eq!(json[1]["episodes"], 3);
    assert_eq!(json[1]["feed"].as_str(), Some(a.as_str()));
    assert!(listing.contains("Other & Show\t3 episodes"), "{listing}");
    let removed = bin(other.path()).args(["remove", "small-show"]).output().unwrap();
    assert!(removed.status.success());
    assert!(!other.path().join("shownotes/shows/small-show").exists());
    let again = bin(other.path()).args(["remove", "small-show"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("no subscribed show small-show"));
}

#[test]
fn an_opml_import_runs_feeds_at_once_and_same_titles_get_their_own_folders() {
    let tmp = TempDir::new("feed-opml-par");
    let server = Server::start();
    let xml = std::fs::read_to_string("tests/fixtures/feeds/small.xml").unwrap();
    let mut body = String::from("<opml version=\"2.0\"><body>");
    for i in 0..4 {
        let url = server.route(&format!("/same{i}.xml"), Route::xml(xml.clone()));
        body.push_str(&format!("<outline type=\"rss\" xmlUrl=\"{url}\"/>"));
    }
    // The same feed twice and a broken one: subscribed once; the broken one fails alone.
    body.push_str(&format!(
        "<outline xmlUrl=\"{}/same0.xml\"/><outline xmlUrl=\"{}/missing\"/></body></opml>",
        server.base, server.base
    ));
    let file = tmp.path().join("subs.opml");
    std::fs::write(&file, body).unwrap();
    let results = feed::import_opml(&file, &options(&tmp)).unwrap();
    assert_eq!(results.len(), 5);
    let mut slugs: Vec<String> = results.iter().filter_map(|r| r.as_ref().ok().map(|o| o.slug.clone())).collect();
    slugs.sort();
    assert_eq!(slugs, ["small-show", "small-show-2", "small-show-3", "small-show-4"]);
    assert!(matches!(&results[4], Err(FeedError::Http { .. })));
    assert_eq!(feed::list(&options(&tmp).shows_dir).len(), 4);
}
