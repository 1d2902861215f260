//! The general reading of any show's notes, one fixture per shape (`tests/fixtures/general_*.md`): the
//! values a reader would insist on. The JSON snapshots of the same files live in `parse_fixtures`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use shownotes::model::Episode;
use shownotes::parse::{parse_episode, parse_notes};

fn source(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).expect("fixture is readable UTF-8")
}

fn fixture(name: &str) -> Episode {
    parse_episode(&source(name)).expect("fixture is not blank")
}

fn titles(e: &Episode) -> Vec<&str> {
    e.segments.iter().map(|s| s.title.as_str()).collect()
}

fn section_of<'e>(e: &'e Episode, url: &str) -> &'e str {
    e.links.iter().find(|l| l.url == url).map_or("<missing>", |l| l.section.as_str())
}

#[test]
fn toml_front_matter_closed_headings_and_a_guest_named_section() {
    let e = fixture("general_toml_guest_heading.md");
    assert_eq!(
        (e.number, e.title.as_deref(), e.date.as_deref()),
        (Some(41), Some("Widgets all the way down"), Some("2021-03-04"))
    );
    assert_eq!(titles(&e), ["News", "Links"], "sponsors, hosts and the guest's socials are not segments");
    let guests: Vec<&str> = e.guests.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(guests, ["Ann Sample"], "the heading spells out the front matter handle");
    let hosts: Vec<&str> = e.hosts.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(hosts, ["@hostone", "@hosttwo"]);
    assert_eq!(e.sponsors.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["acme-tools"], "front matter wins");
    assert_eq!(section_of(&e, "https://social.example.com/annsample"), "Ann Sample");
    assert_eq!(e.description.as_deref(), Some("Ann Sample builds widget libraries and teaches workshops about them."));
}

#[test]
fn headline_air_date_about_hosts_and_a_none_sponsor() {
    let e = fixture("general_hosts_about_sponsors_none.md");
    assert_eq!(
        (e.number, e.title.as_deref(), e.show.as_deref()),
        (Some(12), Some("Racks in the Basement"), Some("XYZ"))
    );
    assert_eq!(e.date.as_deref(), Some("2022-05-20"));
    assert!(e.description.as_deref().unwrap_or("").starts_with("We build a small rack"));
    assert!(e.sponsors.is_empty(), "\"None\" means no sponsor");
    assert!(e.segments.is_empty(), "a section holding only \"None\" introduces nothing");
    assert_eq!(e.hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["Host Alpha"]);
    assert_eq!(e.guests.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["Visitor Beta"], "a /guests/ link");
    assert_eq!(section_of(&e, "https://show.example.com/tags/racks"), "Tags");
}

#[test]
fn epoch_millis_named_sponsor_and_anchor_chapters() {
    let e = fixture("general_yaml_epoch_chapters.md");
    assert_eq!(e.date.as_deref(), Some("2018-07-09"));
    assert_eq!(e.sponsors.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Acme Cloud"]);
    assert_eq!(titles(&e), ["Show Notes"], "the sponsor and social sections are not segments");
    let chapters: Vec<(u32, &str)> = e.chapters.iter().map(|c| (c.start, c.title.as_str())).collect();
    assert_eq!(
        chapters,
        [(0, "Welcome"), (93, "Editor shortcuts"), (721, "Terminal shortcuts"), (210, "Window management")]
    );
    assert_eq!(e.chapters[1].url.as_deref(), Some("https://editor.example.com/keys"));
    assert!(e.links.iter().all(|l| !l.url.starts_with('#')), "#t= anchors are chapter times, not links");
    assert_eq!(e.guests[0].url.as_deref(), Some("https://cy.example.com/"));
}

#[test]
fn link_runs_are_one_section_and_labels_name_their_list() {
    let e = fixture("general_link_runs_and_labels.md");
    assert_eq!(e.number, None);
    assert!(e.hosts.is_empty(), "`Series Name #8:` inside link text is not a marker");
    assert_eq!(titles(&e), ["Interesting Projects and News", "Picks of the week"]);
    assert_eq!(section_of(&e, "https://db.example.com/"), "Interesting Projects and News");
    assert_eq!(section_of(&e, "https://picks.example.com/one"), "Notes & Links");
    assert_eq!(e.description.as_deref(), Some("Gizmo 2.1 is released to fix two bugs."));
}

#[test]
fn chapter_shapes_and_editing_timecodes() {
    let e = fixture("general_chapter_shapes.md");
    let chapters: Vec<(u32, &str)> = e.chapters.iter().map(|c| (c.start, c.title.as_str())).collect();
    assert_eq!(
        chapters,
        [(754, "Opening topic"), (900, "Second topic"), (1000, "Third topic"), (310, "Intro"), (1862, "Deep dive")]
    );
    assert_eq!(e.number, Some(5));
    assert!(e.segments.iter().all(|s| s.title != "Timestamps"), "a chapter list is not a segment");
}

#[test]
fn a_field_of_the_wrong_type_is_skipped_with_a_warning() {
    let (e, warnings) = parse_notes(&source("general_wrong_type_front_matter.md")).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("`title`"), "{warnings:?}");
    assert_eq!(e.number, Some(3));
    assert_eq!(e.date.as_deref(), Some("2020-01-02"));
    assert_eq!(e.title.as_deref(), Some("Rust 1.36 Is Out"), "the H1 title, its version digits not a number");
    assert_eq!(e.hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["Solo Host"]);
    assert!(e.sponsors.is_empty());
    assert_eq!(titles(&e), ["Part 2: what is next"]);
}
