//! The reader's links, rendering, contrast and hostile text (issue 8), on the small fixture library.

#[path = "support/tui_fixture.rs"]
mod fixture;

use ratatui::style::Color;
use shownotes::config::ThemeConfig;
use shownotes::tui::effect::{Effect, Recorder};
use shownotes::tui::markdown::{self, RenderOptions};
use shownotes::tui::theme::{ColorMode, Theme};

fn plain(r: &markdown::Rendered) -> Vec<String> {
    r.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>().trim_end().to_owned())
        .collect()
}

fn render(md: &str, width: u16) -> Vec<String> {
    plain(&markdown::render(md, width, &Theme::default(), RenderOptions::default()))
}

#[test]
fn bare_urls_and_emails_are_numbered_links_wrapped_whole() {
    let md =
        "Read more at https://example.com/a-long/path-name today, or write to <me@example.org> or you@example.net.";
    let r = markdown::render(md, 40, &Theme::default(), RenderOptions::default());
    assert_eq!(r.links, ["https://example.com/a-long/path-name", "mailto:me@example.org", "mailto:you@example.net"]);
    let text = plain(&r);
    assert!(text.iter().any(|l| l.starts_with("https://example.com/a-long/path-name")), "{text:?}");
    assert!(text.iter().any(|l| l.contains("[1]")) && text.iter().any(|l| l.contains("[3]")), "{text:?}");
    assert!(!r.spots.is_empty());
}

#[test]
fn an_image_in_a_link_is_one_link_and_a_lone_image_a_marker() {
    let r = markdown::render(
        "[![logo](img.png)](https://home.example) and ![chart](c.png)next",
        80,
        &Theme::default(),
        RenderOptions::default(),
    );
    assert_eq!(r.links, ["https://home.example"]);
    assert_eq!(plain(&r), ["logo [1] and [image: chart] next"]);
}

#[test]
fn html_links_breaks_and_reference_links_read_as_links() {
    let r = markdown::render(
        "See <a href=\"https://a.example\">the <b>site</b></a><br>next line <span>x</span>",
        80,
        &Theme::default(),
        RenderOptions::default(),
    );
    assert_eq!(r.links, ["https://a.example"]);
    assert_eq!(plain(&r), ["See the site [1]", "next line x"]);
    let text = render("A [ref link][r] here.\n\n[r]: https://ref.example", 80);
    assert_eq!(text, ["A ref link [1] here."], "the definition is not body text");
}

#[test]
fn tables_strikethrough_tasks_and_tabs() {
    let md = "| Name | Notes |\n|---|---:|\n| a | one two three four five six seven |\n| bb | 2 |\n\n~~old~~ - [x] done\n\n```\n\tx\n```";
    let text = render(md, 24);
    assert!(text[0].starts_with("Name │"), "{text:?}");
    assert!(text[1].contains("─┼─"), "{text:?}");
    assert!(text.iter().all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 24), "{text:?}");
    assert!(text.iter().any(|l| l.contains("old")) && text.iter().any(|l| l.contains("[x] done")), "{text:?}");
    assert!(text.iter().any(|l| l == "      x"), "tab to the 4-column stop after the 2-column code indent: {text:?}");
}

#[test]
fn cjk_wraps_at_the_width() {
    let text = render("これは空白のない日本語の文章で、幅に合わせて折り返されるべきです。", 20);
    assert!(text.len() > 1 && text.iter().all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 20), "{text:?}");
}

#[test]
fn one_number_per_link_in_text_links_tab_and_extras() {
    let mut lib = fixture::library();
    lib.episodes[0].segments[0]
        .body
        .push_str("\n\nAlso https://bare.example/x and again [the same](https://bare.example/x).\n");
    lib.episodes[0].extras[0].items.push("* Mentioned before: https://bare.example/x".into());
    let mut app = fixture::app(lib);
    let mut r = Recorder::default();
    fixture::press(&mut app, "1", &mut r);
    let links = app.episode_links();
    let n = links.number("https://bare.example/x").expect("a bare URL is numbered");
    let screen = fixture::screen(&fixture::draw(&mut app, 120, 60));
    assert_eq!(screen.matches(&format!("[{n}]")).count(), 2, "both mentions carry one number:\n{screen}");
    // Typing the number (two digits when needed) then o opens it; `.` steps to links in the text.
    let keys: Vec<String> = n.to_string().chars().map(String::from).collect();
    fixture::press(&mut app, &format!("{} o", keys.join(" ")), &mut r);
    assert_eq!(r.done.last(), Some(&Effect::OpenUrl("https://bare.example/x".into())));
    fixture::press(&mut app, "<Esc> 1 .", &mut r);
    assert!(app.sel.body_link.is_some(), "`.` selects the first link of the text");
}

fn themes() -> Vec<(&'static str, Theme)> {
    let clash = ThemeConfig {
        accent: Some("blue".into()),
        highlight: Some("blue".into()),
        link: Some("darkgray".into()),
        code: Some("white".into()),
        selection: Some("white".into()),
    };
    vec![
        ("default", Theme::default()),
        ("no colour", Theme::new(&ThemeConfig::default(), ColorMode::NoColor).0),
        ("clashing config", Theme::new(&clash, ColorMode::Color).0),
    ]
}

#[test]
fn no_text_is_drawn_in_its_own_background_anywhere() {
    let walks = [
        "",
        "j",
        "1",
        "1 j j",
        "1 1",
        "1 .",
        "2",
        "<Tab>",
        "<Tab><Tab>",
        "<Tab><Tab><Tab>",
        "<Tab><Tab><Tab><Tab>",
        "<Tab><Tab><Tab><Tab><Tab> j",
        "<Tab><Tab><Tab><Tab><Tab><Tab> j",
        "<shift-tab> j",
        "/mypy",
        "/mypy j",
        "/mypy<Enter>",
        "?",
        "H",
        "H j",
        "f1",
        "z",
        "1 z",
        "1 <Esc> j",
    ];
    for (name, theme) in themes() {
        for keys in walks {
            let mut app = fixture::app(fixture::library());
            app.theme = theme.clone();
            // A read episode, selected: the case that was grey on grey.
            fixture::press(&mut app, "1 <Esc> <Esc>", &mut Recorder::default());
            fixture::press(&mut app, keys, &mut Recorder::default());
            let t = fixture::draw(&mut app, 100, 30);
            for (i, cell) in t.backend().buffer().content().iter().enumerate() {
                let visible = !cell.symbol().trim().is_empty();
                let same = cell.fg == cell.bg && cell.fg != Color::Reset;
                assert!(!(visible && same), "{name}, keys {keys:?}: cell {i} {cell:?} is drawn in its own colour");
            }
        }
    }
}

#[test]
fn control_sequences_never_reach_the_screen_header_included() {
    let mut lib = fixture::library();
    lib.episodes[0].title = Some("Evil \u{1b}[31mred\u{1b}[0m and \u{1b}]52;c;aGk=\u{7} title".into());
    lib.episodes[0].description = Some("Desc \u{1b}[2J cleared \u{9b}31m".into());
    lib.episodes[0].segments[0].body.push_str("\n\nBody \u{1b}]0;pwned\u{7} text\n");
    let mut app = fixture::app(lib);
    for keys in ["", "1", "<Tab><Tab><Tab><Tab><Tab>"] {
        fixture::press(&mut app, keys, &mut Recorder::default());
        let screen = fixture::screen(&fixture::draw(&mut app, 120, 40));
        assert!(screen.contains("Evil red and"), "{screen}");
        for remnant in ["[31m", "]52;c;", "[2J", "]0;", "\u{1b}", "31m"] {
            assert!(!screen.contains(remnant), "{remnant:?} reached the screen:\n{screen}");
        }
    }
}

#[test]
fn a_segments_own_link_and_the_sponsors_carry_their_numbers_in_the_text_and_dot_reaches_them() {
    let mut lib = fixture::library();
    let sponsor = "https://pythonbytes.fm/datadog";
    let link = shownotes::model::EpisodeLink { section: "Sponsor".into(), text: "Datadog".into(), url: sponsor.into() };
    lib.episodes[0].links.insert(0, link);
    let mut app = fixture::app(lib);
    let mut r = Recorder::default();
    // Segment 3's only link is its title's (the body has none).
    fixture::press(&mut app, "3", &mut r);
    let n = app.episode_links().number("https://example.com/mp").expect("numbered");
    let screen = fixture::screen(&fixture::draw(&mut app, 120, 40));
    let line = screen.lines().find(|l| l.contains("https://example.com/mp")).expect("the segment's link is shown");
    assert!(line.contains(&format!("[{n}]")), "the text shows the number the Links tab gives it:\n{screen}");
    fixture::press(&mut app, ". o", &mut r);
    assert_eq!(r.done.last(), Some(&Effect::OpenUrl("https://example.com/mp".into())), "`.` reaches it");
    // The Overview shows the sponsor's link with its number, and `.` reaches it too.
    fixture::press(&mut app, "<Esc> h", &mut r);
    let s = app.episode_links().number(sponsor).expect("the sponsor is numbered");
    let screen = fixture::screen(&fixture::draw(&mut app, 120, 40));
    let line = screen.lines().find(|l| l.contains("Sponsors")).expect("sponsor line");
    assert!(line.contains(&format!("[{s}]")), "the sponsor's number:\n{screen}");
    fixture::press(&mut app, ". o", &mut r);
    assert_eq!(r.done.last(), Some(&Effect::OpenUrl(sponsor.into())));
}

#[test]
fn the_overview_wraps_a_long_title_instead_of_cutting_it() {
    let mut lib = fixture::library();
    lib.episodes[0].title = Some("A title long enough to need a second line at this width: the end words".into());
    let mut app = fixture::app(lib);
    let screen = fixture::screen(&fixture::draw(&mut app, 80, 30));
    assert!(screen.contains("the end words"), "the whole title is on screen:\n{screen}");
}

/// A copy that went through tmux, as `tmux load-buffer` reports it: the buffer is known, the outer clipboard not.
struct ViaTmux;

impl shownotes::tui::effect::Effects for ViaTmux {
    fn open(&mut self, _: &str) -> Result<String, shownotes::tui::effect::OpenError> {
        Err(shownotes::tui::effect::OpenError::NoOpener)
    }
    fn copy(&mut self, _: &str) -> std::io::Result<shownotes::tui::effect::Copied> {
        Ok(shownotes::tui::effect::Copied::Tmux)
    }
}

#[test]
fn a_copy_through_tmux_claims_the_paste_buffer_not_the_outer_clipboard() {
    let said = shownotes::tui::effect::perform(&Effect::Copy("https://example.com".into()), &mut ViaTmux);
    assert!(said.contains("tmux's paste buffer") && said.ends_with("https://example.com"), "{said}");
    assert!(!said.contains("and the clipboard"), "whether the outer terminal took it is not known: {said}");
}

#[test]
fn dot_and_comma_step_through_the_links_of_the_extras_as_the_help_says() {
    let mut app = fixture::app(fixture::library());
    let mut r = Recorder::default();
    fixture::press(&mut app, "1 l l", &mut r);
    assert_eq!(app.focus, shownotes::tui::app::Pane::Extras);
    fixture::press(&mut app, ". o", &mut r);
    assert_eq!(r.done.last(), Some(&Effect::OpenUrl("https://pdxpython.org".into())), "{:?}", app.status);
    fixture::press(&mut app, ". o", &mut r);
    assert_eq!(r.done.last(), Some(&Effect::OpenUrl("https://www.gitbook.com/".into())));
    assert_eq!(app.sel.extra, 1, "the item holding the link is selected");
    fixture::press(&mut app, ", o", &mut r);
    assert_eq!(r.done.last(), Some(&Effect::OpenUrl("https://pdxpython.org".into())));
    assert_eq!(app.sel.extra, 0);
}
