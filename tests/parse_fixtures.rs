//! Parser snapshots and focused checks: one hand-written fixture per era and shape under `tests/fixtures/`,
//! each read into an Episode and compared as JSON; then specific values a reader would insist on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use shownotes::model::{Episode, Show};
use shownotes::parse::{canonicalize_hosts, parse_episode};

fn fixture(name: &str) -> Episode {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture is readable UTF-8");
    parse_episode(&text).expect("fixture is not blank")
}

fn hosts(e: &Episode) -> Vec<&str> {
    e.hosts.iter().map(|h| h.name.as_str()).collect()
}

fn titles(e: &Episode) -> Vec<&str> {
    e.segments.iter().map(|s| s.title.as_str()).collect()
}

fn extras_hosts(e: &Episode) -> Vec<Option<&str>> {
    e.extras.iter().map(|x| x.host.as_deref()).collect()
}

#[test]
fn fixtures_snapshot() {
    insta::glob!("fixtures/*.md", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
        let episode = parse_episode(&text).expect("fixture is not blank");
        insta::assert_json_snapshot!(episode);
    });
}

#[test]
fn news_items_era_has_hostless_segments_and_split_extras() {
    let e = fixture("news_items_era.md");
    assert_eq!(titles(&e), ["Widgets 2.0 released", "gizmo via a friend"]);
    assert!(e.segments.iter().all(|s| s.host.is_none() && s.ordinal.is_none()));
    assert_eq!(e.segments[1].url.as_deref(), Some("https://github.com/example/gizmo"));
    assert!(e.hosts.is_empty());
    assert_eq!(extras_hosts(&e), [Some("Brian"), Some("Michael")]);
}

#[test]
fn number_first_markers_read_host_and_title() {
    let e = fixture("number_paren_host.md");
    assert_eq!(e.number, Some(9));
    assert_eq!(hosts(&e), ["Brian", "Michael"]);
    assert_eq!(titles(&e), ["Timezones are hard", "A faster JSON parser", "Packaging notes", "Async all the things"]);
    assert_eq!(e.segments[0].url.as_deref(), Some("https://tz.example.org/article"), "url on the line under the title");
    assert_eq!(e.segments[2].url, None);
    assert_eq!(e.sponsors.first().map(|s| s.name.as_str()), Some("Rollbar"));
}

#[test]
fn seed_shape_reads_sponsor_extras_and_jokes() {
    let e = fixture("name_hash_bold.md");
    assert_eq!(e.number, Some(150));
    assert_eq!(
        e.sponsors.first().map(|s| (s.name.as_str(), s.url.as_deref())),
        Some(("Datadog", Some("https://pythonbytes.fm/datadog")))
    );
    assert_eq!(e.segments[0].line, 4);
    assert_eq!(e.segments[0].body, "- Gradual typing works\n- Start with the leaves");
    assert_eq!(extras_hosts(&e), [Some("Brian"), Some("Michael")]);
    // A question bullet and its answer are one joke; the intro line is none.
    assert_eq!(e.jokes.len(), 2);
}

#[test]
fn a_links_lead_in_stays_inside_its_segment() {
    let e = fixture("bold_link_heading.md");
    let urls: Vec<&str> = e.segments[1].links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://pytest.example.com/factories", "https://pytest.example.com/docs"]);
    assert!(e.segments[1].body.ends_with("- [factory docs](https://pytest.example.com/docs)"));
}

#[test]
fn heading_era_skips_intro_blocks_and_trailing_links() {
    let e = fixture("atx_heading_era.md");
    assert_eq!(e.number, Some(470));
    assert_eq!(e.title.as_deref(), Some("A heading era episode"));
    assert_eq!(titles(&e), ["Backups for containers", "Python in the browser"]);
    assert_eq!(hosts(&e), ["Michael", "Calvin"]);
    assert_eq!(e.sponsors.first().map(|s| s.name.as_str()), Some("us"));
    assert_eq!(extras_hosts(&e), [Some("Calvin"), Some("Michael")]);
    assert_eq!(e.jokes.len(), 1, "the trailing Links list is not a joke");
    let sections: Vec<&str> = e.links.iter().map(|l| l.section.as_str()).collect();
    assert!(sections.contains(&"Connect with the hosts"));
    assert_eq!(sections.last(), Some(&"Links"));
}

#[test]
fn guests_keep_full_names_until_the_library_folds_them() {
    let e = fixture("guests_full_names.md");
    assert_eq!(hosts(&e), ["Brian", "Anthony Shaw", "Nina Zakharenko", "Michael"]);
    assert_eq!(e.segments[1].title, "pylama and radon");
    assert_eq!(extras_hosts(&e), [Some("Michael"), Some("Nina Zakharenko")]);
}

#[test]
fn preshow_items_are_not_segments_and_bonus_is() {
    let e = fixture("bonus_and_preshow.md");
    let ordinals: Vec<Option<u32>> = e.segments.iter().map(|s| s.ordinal).collect();
    assert_eq!(ordinals, [Some(1), Some(2), Some(3)]);
    assert_eq!(e.segments[2].title, "Coaching first-time speakers");
}

#[test]
fn mid_episode_sponsor_block_ends_the_segment() {
    let e = fixture("sponsor_mid_episode.md");
    assert_eq!(e.segments.len(), 2);
    assert_eq!(e.segments[0].body, "- Environment variables bite");
    assert_eq!(e.sponsors.first().map(|s| s.name.as_str()), Some("ACME HIRING"));
    assert_eq!(extras_hosts(&e), [Some("Michael")]);
}

#[test]
fn unsplit_extras_and_titled_joke() {
    let e = fixture("extras_unsplit.md");
    assert_eq!(extras_hosts(&e), [None]);
    assert_eq!(e.extras[0].items.len(), 2);
    assert_eq!(e.jokes.len(), 1);
    assert_eq!(e.jokes[0].title.as_deref(), Some("Dog names"));
}

#[test]
fn joke_shapes_count_like_a_listener() {
    let e = fixture("jokes_shapes.md");
    // Q/A pair, the root beer one-liner, the code comment, and two linked jokes in one heading.
    assert_eq!(e.jokes.len(), 5);
    assert_eq!(e.jokes[4].url.as_deref(), Some("https://jokes.example.com/advice"));
}

#[test]
fn crlf_and_byte_order_mark() {
    let e = fixture("crlf_bom.md");
    assert_eq!(e.number, Some(35));
    assert_eq!(titles(&e), ["Comments are not free", "A point release"]);
    assert_eq!(e.segments[0].line, 4);
    assert_eq!(e.segments[0].body, "- Docstrings cost time", "read with LF line ends");
    assert_eq!(extras_hosts(&e), [Some("Brian")]);
}

#[test]
fn front_matter_fields_and_lines_count_from_the_file_top() {
    let e = fixture("front_matter.md");
    assert_eq!(e.title.as_deref(), Some("Typing all the things"));
    assert_eq!(e.date.as_deref(), Some("2024-05-01"));
    assert_eq!(e.audio.as_deref(), Some("https://audio.example.com/ep-300.mp3"));
    assert_eq!(hosts(&e), ["Michael", "Brian"]);
    assert_eq!(e.segments[0].line, 9);
}

#[test]
fn markers_swallowed_by_broken_fences_are_still_segments() {
    let e = fixture("unclosed_fence.md");
    assert_eq!(titles(&e), ["Comment styles", "Mongo as a backend", "Multiline strings", "Task runners"]);
    let lines: Vec<usize> = e.segments.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 11, 18, 23], "lines of the original file, not of the repaired text");
    assert!(e.segments[0].body.contains("Timed them all"));
    assert_eq!(extras_hosts(&e), [Some("Michael")]);
}

#[test]
fn countdown_items_keep_their_numbers() {
    let e = fixture("countdown.md");
    let got: Vec<(Option<u32>, &str)> = e.segments.iter().map(|s| (s.ordinal, s.title.as_str())).collect();
    assert_eq!(
        got,
        [(Some(3), "Packaging got a new index"), (Some(2), "The end of an era"), (Some(1), "Leadership changed")]
    );
}

#[test]
fn stray_markup_and_lazy_labels() {
    let e = fixture("empty_labels_and_lazy.md");
    assert_eq!(titles(&e), ["Ruff in the editor", "pylyzer is a static analyzer"]);
    assert_eq!(extras_hosts(&e), [Some("Brian"), Some("Michael")], "`Michael:` glued to a list item is a label");
}

#[test]
fn library_folds_typos_of_frequent_hosts() {
    let mut eps: Vec<Episode> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| parse_episode(&std::fs::read_to_string(&p).unwrap()).unwrap())
        .collect();
    // Make Brian and Michael frequent, as in a real library.
    for _ in 0..6 {
        eps.push(fixture("name_hash_bold.md"));
    }
    canonicalize_hosts(&mut eps, &Show::default());
    let brain = eps.iter().find(|e| e.number == Some(17)).unwrap();
    assert_eq!(hosts(brain), ["Brian", "Michael"]);
    assert_eq!(brain.segments[2].host.as_deref(), Some("Michael"));
    let guests = eps.iter().find(|e| e.number == Some(200)).unwrap();
    assert_eq!(hosts(guests), ["Brian", "Anthony Shaw", "Nina Zakharenko", "Michael"], "no first name used alone");
}

#[test]
fn marker_lines_that_continue_a_block_start_segments() {
    let e = fixture("marker_continues_paragraph.md");
    assert_eq!(titles(&e), ["A tidy little library", "Faster startup", "Notes on packaging", "An indented marker"]);
    let lines: Vec<usize> = e.segments.iter().map(|s| s.line).collect();
    assert_eq!(lines, [5, 9, 13, 17], "lines of the file, not of the freed text");
    assert_eq!(e.segments[3].body, "- The fourth item's body");
    assert_eq!(extras_hosts(&e), [Some("Alex")]);
}

#[test]
fn initials_split_bold_and_unnumbered_markers() {
    let e = fixture("initials_and_unnumbered.md");
    let got: Vec<(Option<u32>, Option<&str>, &str)> =
        e.segments.iter().map(|s| (s.ordinal, s.host.as_deref(), s.title.as_str())).collect();
    assert_eq!(
        got,
        [
            (Some(1), Some("AB"), "Initials as the label"),
            (Some(2), Some("CD"), "Initials with a hash"),
            (Some(3), Some("Alex"), "Bold split mid-word"),
            (None, Some("Sam"), "A marker without a number"),
        ]
    );
    assert!(e.segments[3].body.contains("[Another Show #12"), "a marker's shape inside a link's text is not a marker");
    // Across a library where Alex and Carol present often, their initials fold to them.
    let mut eps = vec![e];
    for _ in 0..6 {
        eps.push(Episode {
            segments: ["Alex", "Carol"]
                .iter()
                .map(|h| shownotes::model::Segment { host: Some((*h).into()), ..Default::default() })
                .collect(),
            ..Episode::default()
        });
    }
    canonicalize_hosts(&mut eps, &Show::default());
    assert_eq!(hosts(&eps[0]), ["Alex", "Carol", "Sam"]);
}

#[test]
fn links_a_reader_sees_are_links() {
    let e = fixture("links_in_text.md");
    let links: Vec<(&str, &str)> = e.links.iter().map(|l| (l.text.as_str(), l.url.as_str())).collect();
    assert_eq!(
        links,
        [
            ("Bare links in the body", "https://article.example.org/bare"),
            ("https://docs.example.org/guide_v2/intro", "https://docs.example.org/guide_v2/intro"),
            ("hello@example.org", "mailto:hello@example.org"),
            ("team@example.org", "mailto:team@example.org"),
            ("https://auto.example.org", "https://auto.example.org"),
            ("An HTML link title", "https://html.example.org/post"),
            ("another", "https://html.example.org/more"),
            ("Project logo", "https://project.example.org"),
            ("reference link", "https://ref.example.org/page"),
            ("collapsed one", "https://ref.example.org/collapsed"),
            ("First extra", "https://extra.example.org/one"),
            ("a link", "https://close.example.org"),
        ]
    );
    assert_eq!(e.segments[0].links.len(), 5, "bare URLs count as the segment's links");
    assert_eq!(e.segments[1].title, "An HTML link title");
    assert_eq!(e.segments[1].url.as_deref(), Some("https://html.example.org/post"));
    assert_eq!(extras_hosts(&e), [None], "the HTML heading opens the extras");
    assert!(
        e.extras[0].items.iter().all(|i| !i.contains('<')),
        "HTML blocks read as markdown: {:?}",
        e.extras[0].items
    );
}

#[test]
fn emoji_images_in_headings_are_not_title_words() {
    let e = fixture("emoji_heading.md");
    assert_eq!(titles(&e), ["A shiny new release", "Snakes all the way down"]);
    assert_eq!(
        e.links.last().map(|l| (l.text.as_str(), l.url.as_str())),
        Some((":laughing:", "https://joke.example.org"))
    );
}

#[test]
fn sponsor_spellings_fold_across_the_library() {
    let sponsored = |name: &str| Episode {
        sponsors: vec![shownotes::model::Sponsor { name: name.into(), url: None }],
        ..Episode::default()
    };
    let mut eps = vec![sponsored("ScoutAPM"), sponsored("Scout APM"), sponsored("ScoutAPM")];
    canonicalize_hosts(&mut eps, &Show::default());
    assert!(eps.iter().all(|e| e.sponsors[0].name == "ScoutAPM"));
}

#[test]
fn a_marker_after_an_empty_link_on_its_own_line_is_a_marker() {
    let notes = "# Python Bytes 9\n\n**Alex #1:** [One](https://one.example.org)\n\n- body\n\n\
                 [](https://empty.example.org) **Sam #2:** [Two](https://two.example.org)\n\n- more\n";
    let e = parse_episode(notes).unwrap();
    let got: Vec<(Option<&str>, &str)> = e.segments.iter().map(|s| (s.host.as_deref(), s.title.as_str())).collect();
    assert_eq!(got, [(Some("Alex"), "One"), (Some("Sam"), "Two")]);
    assert_eq!(e.segments[1].url.as_deref(), Some("https://two.example.org"));
}
