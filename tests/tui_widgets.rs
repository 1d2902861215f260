//! Widget-level tests: the markdown renderer's lines and styles, and exact buffers for small panes.

#[path = "support/tui_fixture.rs"]
mod fixture;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use shownotes::config::ThemeConfig;
use shownotes::tui::markdown::{self, RenderOptions};
use shownotes::tui::theme::{ColorMode, Theme};

fn mono() -> Theme {
    Theme::new(&ThemeConfig::default(), ColorMode::NoColor).0
}

fn text(lines: &[Line<'_>]) -> Vec<String> {
    lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>().trim_end().to_owned()).collect()
}

#[test]
fn nested_bullets_indent_and_wrapped_lines_continue_under_the_text() {
    let md =
        "- first item that wraps\n- second\n    - nested item that also wraps\n        - third level\n1. one\n2. two\n";
    let r = markdown::render(md, 20, &mono(), RenderOptions::default());
    assert_eq!(
        text(&r.lines),
        [
            "• first item that",
            "  wraps",
            "• second",
            "  ◦ nested item that",
            "    also wraps",
            "    ▪ third level",
            "",
            "1. one",
            "2. two",
        ]
    );
}

#[test]
fn inline_styles_links_and_numbers() {
    let theme = Theme::default();
    let md = "Some **bold**, *italic*, `code` and [a link](https://a.example) then [two](https://b.example).";
    let r = markdown::render(md, 200, &theme, RenderOptions::default());
    assert_eq!(r.links, ["https://a.example", "https://b.example"]);
    assert_eq!(markdown::links(md), r.links, "the numbering `o` uses is the one on screen");
    let spans = &r.lines[0].spans;
    let find = |t: &str| spans.iter().find(|s| s.content == t).map(|s| s.style).expect(t);
    assert!(find("bold").add_modifier.contains(Modifier::BOLD));
    assert!(find("italic").add_modifier.contains(Modifier::ITALIC));
    assert_eq!(find("code"), theme.code);
    assert!(find("a link").add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(find(" [1]"), theme.link_number);
    assert_eq!(text(&r.lines), ["Some bold, italic, code and a link [1] then two [2]."]);

    let picked =
        markdown::render(md, 200, &theme, RenderOptions { selected_link: Some(2), ..RenderOptions::default() });
    let two = picked.lines[0].spans.iter().find(|s| s.content == "two").expect("two");
    assert_eq!(two.style, theme.link_selected);
}

#[test]
fn code_blocks_keep_spacing_and_quotes_get_a_bar() {
    let md = "> quoted words here\n\n```\nfor x in y:\n    print(x)\n```\n";
    let r = markdown::render(md, 30, &mono(), RenderOptions::default());
    assert_eq!(text(&r.lines), ["│ quoted words here", "", "  for x in y:", "      print(x)"]);
}

#[test]
fn control_characters_never_reach_the_screen() {
    let md = "evil \x1b[2J title\x07 and \u{9b}31m [x](https://a\x1b]52;c;Zm9v\x07)";
    let r = markdown::render(md, 80, &mono(), RenderOptions::default());
    for line in &r.lines {
        for span in &line.spans {
            assert!(!span.content.chars().any(shownotes::sanitize::is_unsafe), "{:?}", span.content);
        }
    }
}

#[test]
fn hostile_shapes_do_not_panic() {
    let deep: String = (0..300).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    let quotes = format!("{}deep quote", "> ".repeat(300));
    let wide = "界".repeat(500);
    for md in [deep.as_str(), quotes.as_str(), wide.as_str(), "", "```", "[](", "*"] {
        for width in [0, 1, 2, 7, 80] {
            let r = markdown::render(md, width, &mono(), RenderOptions::default());
            for line in &r.lines {
                assert!(line.width() <= usize::from(width.max(1)) + 1, "{width}: {line:?}");
            }
        }
    }
}

#[test]
fn a_tiny_terminal_gets_one_exact_line() {
    let app = fixture::app(fixture::library());
    let area = Rect::new(0, 0, 20, 5);
    let mut buf = Buffer::empty(area);
    (&app).render(area, &mut buf);
    let mut expected = Buffer::with_lines(["Too small (50×12)   ", "", "", "", ""].map(|l| format!("{l:<20}")));
    expected.set_style(Rect::new(0, 0, 17, 1), app.theme.message);
    assert_eq!(buf, expected);
}

#[test]
fn every_mode_draws_at_every_small_size_without_panicking() {
    for keys in ["", "?", "/t", "H", "fz", "3", "<Tab><Tab><Tab><Tab>", "<shift-tab>", "<shift-tab><shift-tab>"] {
        let mut app = fixture::app(fixture::library());
        fixture::press(&mut app, keys, &mut shownotes::tui::effect::Recorder::default());
        for (w, h) in [(1, 1), (0, 0), (1, 40), (200, 1), (49, 11), (50, 12), (51, 13), (300, 100)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            (&app).render(area, &mut buf);
        }
    }
}

#[test]
fn the_selected_episode_row_is_reversed_and_search_matches_are_highlighted() {
    let mut app = fixture::app(fixture::library());
    app.theme = mono();
    fixture::press(&mut app, "j", &mut shownotes::tui::effect::Recorder::default());
    let t = fixture::draw(&mut app, 100, 30);
    let buf = t.backend().buffer();
    assert!(buf[(5, 2)].modifier.contains(Modifier::REVERSED), "row of episode 11");
    assert!(!buf[(5, 1)].modifier.contains(Modifier::REVERSED));

    fixture::press(&mut app, "/mypy", &mut shownotes::tui::effect::Recorder::default());
    let t = fixture::draw(&mut app, 100, 30);
    let screen = fixture::screen(&t);
    let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains("about mypy")).expect("snippet row");
    let col = line.chars().take_while(|_| true).collect::<Vec<_>>();
    let x = col.windows(4).position(|w| w.iter().collect::<String>() == "mypy").expect("mypy");
    let cell = &t.backend().buffer()[(u16::try_from(x).expect("x"), u16::try_from(y).expect("y"))];
    assert_eq!(cell.modifier, app.theme.matched.add_modifier);
}

#[test]
fn without_colour_nothing_is_coloured_but_selection_still_shows() {
    use ratatui::style::Color;
    for keys in ["", "1", "/mypy", "?", "<Tab><Tab><Tab><Tab>"] {
        let mut app = fixture::app(fixture::library());
        app.theme = mono();
        fixture::press(&mut app, keys, &mut shownotes::tui::effect::Recorder::default());
        let t = fixture::draw(&mut app, 100, 30);
        for cell in t.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{keys}: {cell:?}");
        }
    }
}

#[test]
fn config_colours_reach_the_theme_and_bad_ones_are_reported() {
    let config = ThemeConfig { accent: Some("magenta".into()), link: Some("nope".into()), ..ThemeConfig::default() };
    let (theme, warnings) = Theme::new(&config, ColorMode::Color);
    assert_eq!(theme.title.fg, Some(ratatui::style::Color::Magenta));
    assert_eq!(theme.link.fg, Theme::default().link.fg, "a bad colour keeps the default");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("theme.link") && warnings[0].contains("nope"));
}
