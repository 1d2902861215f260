//! Every style the reader draws with, in one place, built from the config's colours or without colour.
//!
//! `NO_COLOR` (any non-empty value) keeps only bold/italic/underline/reverse so the screen stays readable.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeConfig;

/// Whether to use colour at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    Color,
    NoColor,
}

impl ColorMode {
    /// `NO_COLOR` set to anything non-empty turns colour off (no-color.org).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::NoColor,
            _ => Self::Color,
        }
    }
}

/// All the styles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub header: Style,
    pub dim: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub read: Style,
    pub initials: Style,
    pub host_highlight: Style,
    pub bold: Style,
    pub italic: Style,
    pub code: Style,
    pub code_block: Style,
    pub link: Style,
    pub link_number: Style,
    pub link_selected: Style,
    pub quote: Style,
    pub bullet: Style,
    pub heading: Style,
    pub matched: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub prompt: Style,
    pub tab_active: Style,
    pub tab: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::new(&ThemeConfig::default(), ColorMode::Color).0
    }
}

impl Theme {
    /// The theme from the config's colours; unknown colour names become warnings and keep the default.
    pub fn new(config: &ThemeConfig, mode: ColorMode) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let mut pick = |name: &str, value: Option<&String>, default: Color| {
            match value {
            None => default,
            Some(v) => Color::from_str(v).unwrap_or_else(|_| {
                warnings.push(format!(
                    "config theme.{name}: `{v}` is not a colour (use a name like `cyan`, `#rrggbb` or 0-255); using the default"
                ));
                default
            }),
        }
        };
        let accent = pick("accent", config.accent.as_ref(), Color::Cyan);
        let highlight = pick("highlight", config.highlight.as_ref(), Color::Yellow);
        let link = pick("link", config.link.as_ref(), Color::Blue);
        let code = pick("code", config.code.as_ref(), Color::Green);
        let selection = pick("selection", config.selection.as_ref(), Color::DarkGray);
        let theme = match mode {
            ColorMode::Color => Self::colored(accent, highlight, link, code, selection),
            ColorMode::NoColor => Self::monochrome(),
        };
        (theme, warnings)
    }

    fn colored(accent: Color, highlight: Color, link: Color, code: Color, selection: Color) -> Self {
        let s = Style::new();
        Self {
            border: s.fg(Color::DarkGray),
            border_focused: s.fg(accent),
            title: s.fg(accent).add_modifier(Modifier::BOLD),
            header: s.add_modifier(Modifier::BOLD),
            dim: s.fg(Color::DarkGray),
            selected: s.fg(readable_on(selection)).bg(selection).add_modifier(Modifier::BOLD),
            selected_unfocused: s.add_modifier(Modifier::REVERSED),
            read: s.fg(Color::DarkGray),
            initials: s.fg(accent),
            host_highlight: s.fg(highlight).add_modifier(Modifier::BOLD),
            bold: s.add_modifier(Modifier::BOLD),
            italic: s.add_modifier(Modifier::ITALIC),
            code: s.fg(code),
            code_block: s.fg(code),
            link: s.fg(link).add_modifier(Modifier::UNDERLINED),
            link_number: s.fg(link),
            link_selected: s.fg(link).add_modifier(Modifier::UNDERLINED | Modifier::REVERSED),
            quote: s.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            bullet: s.fg(accent),
            heading: s.fg(accent).add_modifier(Modifier::BOLD),
            matched: s.fg(readable_on(highlight)).bg(highlight).add_modifier(Modifier::BOLD),
            status: s,
            status_key: s.fg(accent).add_modifier(Modifier::BOLD),
            message: s.fg(highlight).add_modifier(Modifier::BOLD),
            prompt: s.fg(accent).add_modifier(Modifier::BOLD),
            tab_active: s.fg(accent).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            tab: s.fg(Color::DarkGray),
        }
    }

    fn monochrome() -> Self {
        let s = Style::new();
        let bold = s.add_modifier(Modifier::BOLD);
        Self {
            border: s,
            border_focused: bold,
            title: bold,
            header: bold,
            dim: s,
            selected: s.add_modifier(Modifier::REVERSED),
            selected_unfocused: s.add_modifier(Modifier::UNDERLINED),
            read: s,
            initials: s,
            host_highlight: bold,
            bold,
            italic: s.add_modifier(Modifier::ITALIC),
            code: bold,
            code_block: s,
            link: s.add_modifier(Modifier::UNDERLINED),
            link_number: s,
            link_selected: s.add_modifier(Modifier::UNDERLINED | Modifier::REVERSED),
            quote: s.add_modifier(Modifier::ITALIC),
            bullet: s,
            heading: bold,
            matched: s.add_modifier(Modifier::REVERSED),
            status: s,
            status_key: bold,
            message: bold,
            prompt: bold,
            tab_active: s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            tab: s,
        }
    }
}

/// Black or white, whichever reads on `background`.
pub fn readable_on(background: Color) -> Color {
    let light = match background {
        Color::White
        | Color::Gray
        | Color::Yellow
        | Color::Cyan
        | Color::Green
        | Color::LightRed
        | Color::LightGreen
        | Color::LightYellow
        | Color::LightBlue
        | Color::LightMagenta
        | Color::LightCyan => true,
        Color::Rgb(r, g, b) => u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 > 128_000,
        Color::Indexed(i) => {
            matches!(i, 7 | 10 | 11 | 14 | 15)
                || i >= 244
                || (16..232).contains(&i) && {
                    let n = i - 16;
                    u32::from(n / 36) * 299 + u32::from(n / 6 % 6) * 587 + u32::from(n % 6) * 114 > 2500
                }
        }
        _ => false,
    };
    if light { Color::Black } else { Color::White }
}
