//! The one key table: (context, key) → action. Dispatch, the help overlay and the status hints all read it.
//!
//! Contexts are the focused pane or the open overlay/prompt; a key not bound there falls back to `Global`
//! (except in prompts, where an unbound printable key is typed). The config file can rebind keys.

pub mod defaults;

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Episodes,
    Hosts,
    Segments,
    Body,
    Links,
    Extras,
    Jokes,
    Filter,
    Search,
    Help,
    Archive,
    Overview,
    Transcript,
    TranscriptFind,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Episodes => "Episodes",
            Self::Hosts => "Hosts",
            Self::Segments => "Segments",
            Self::Body => "Segment text",
            Self::Links => "Links",
            Self::Extras => "Extras",
            Self::Jokes => "Jokes",
            Self::Filter => "Filter prompt",
            Self::Search => "Search",
            Self::Help => "Help",
            Self::Archive => "All hosts",
            Self::Overview => "Overview",
            Self::Transcript => "Transcript",
            Self::TranscriptFind => "Find in transcript",
        }
    }

    /// Prompts type unbound characters instead of falling back to global keys.
    fn is_prompt(self) -> bool {
        matches!(self, Self::Filter | Self::Search | Self::TranscriptFind)
    }
}

/// A key with its modifiers, normalised so `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        // Shift is already in the character (`G`) or the code (`BackTab`).
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Self { code, modifiers }
    }

    pub fn plain(code: KeyCode) -> Self {
        Self::new(code, KeyModifiers::NONE)
    }

    pub fn ctrl(c: char) -> Self {
        Self::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// `j`, `ctrl-d`, `shift-tab`, `pgdn`, `enter`, `space`, `f5`…
    pub fn parse(text: &str) -> Option<Self> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break;
            }
            modifiers |= m;
            rest = &rest[len..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                let c = if modifiers.contains(KeyModifiers::SHIFT) { c.to_ascii_uppercase() } else { c };
                KeyCode::Char(c)
            }
        };
        Some(Self::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
}

/// The key table, defaults first, then the user's remaps.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self { bindings: crate::tui::keymap::defaults::table() }
    }
}

impl Keymap {
    /// The action for a key pressed in `context`, if any.
    pub fn action(&self, context: Context, event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::new(event.code, event.modifiers);
        if let Some(b) = self.find(context, key) {
            return Some(b.action.clone());
        }
        if context.is_prompt()
            && let KeyCode::Char(c) = key.code
            && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Insert(c));
        }
        // Keys a prompt cannot type (Ctrl, Alt, F-keys) fall back to the global table there too, so remaps work
        // in every mode.
        self.find(Context::Global, key).map(|b| b.action.clone())
    }

    /// [`Keymap::action`], or [`Action::Unbound`] naming a pressed key that does nothing here (so the status
    /// line can say so); modifier keys alone and releases give nothing.
    pub fn action_or_hint(&self, context: Context, event: KeyEvent) -> Option<Action> {
        if let Some(action) = self.action(context, event) {
            return Some(action);
        }
        let silent = event.kind == KeyEventKind::Release || matches!(event.code, KeyCode::Modifier(_) | KeyCode::Null);
        (!silent).then(|| Action::Unbound(Key::new(event.code, event.modifiers).to_string()))
    }

    fn find(&self, context: Context, key: Key) -> Option<&Binding> {
        // Later rows win, so a remap appended by the config overrides the default.
        self.bindings.iter().rev().find(|b| b.context == context && b.key == key)
    }

    /// Bind `key` to `action` in `context`, replacing what it did there.
    pub fn bind(&mut self, context: Context, key: Key, action: Action) {
        self.bindings.retain(|b| !(b.context == context && b.key == key));
        self.bindings.push(Binding { context, key, action });
    }

    /// Bind `key` to `action` globally and in every context that bound the key itself, so a remap from the
    /// config works in every mode (search results included).
    pub fn bind_everywhere(&mut self, key: Key, action: Action) {
        let mut contexts: Vec<Context> = self.bindings.iter().filter(|b| b.key == key).map(|b| b.context).collect();
        contexts.dedup();
        for context in contexts {
            self.bind(context, key, action.clone());
        }
        self.bind(Context::Global, key, action);
    }

    /// The keys that trigger `action` in `context` (or globally, when the context does not rebind it).
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for ctx in [context, Context::Global] {
            for b in self.bindings.iter().filter(|b| b.context == ctx && &b.action == action) {
                if self.action_in(context, b.key).as_ref() == Some(action) && !keys.contains(&b.key) {
                    keys.push(b.key);
                }
            }
        }
        keys
    }

    fn action_in(&self, context: Context, key: Key) -> Option<Action> {
        self.find(context, key).or_else(|| self.find(Context::Global, key)).map(|b| b.action.clone())
    }

    /// Help rows per context: (context, keys as shown, description, the action's name in the config file),
    /// same-action keys merged.
    pub fn help_rows(&self) -> Vec<(Context, String, &'static str, String)> {
        let mut rows: Vec<(Context, Vec<String>, &'static str, String)> = Vec::new();
        for b in &self.bindings {
            if self.find(b.context, b.key) != Some(b) {
                continue;
            }
            let desc = describe(&b.action);
            match rows.iter_mut().find(|(c, _, d, _)| *c == b.context && *d == desc) {
                Some(row) => row.1.push(b.key.to_string()),
                None => rows.push((b.context, vec![b.key.to_string()], desc, action_name(&b.action))),
            }
        }
        rows.into_iter().map(|(c, keys, d, n)| (c, join_keys(&keys), d, n)).collect()
    }

    /// `key description` pairs for the status line of `context`.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        defaults::hint_actions(context)
            .iter()
            .filter_map(|action| {
                let keys = self.keys_for(context, action);
                let numbered = matches!(action, Action::JumpSegment(_) | Action::SelectLink(_));
                let shown: Vec<String> = if numbered && !keys.is_empty() {
                    vec![if action == &Action::SelectLink(1) { "0-9" } else { "1-9" }.to_owned()]
                } else {
                    keys.iter().take(1).map(ToString::to_string).collect()
                };
                (!shown.is_empty()).then(|| (join_keys(&shown), short(action)))
            })
            .collect()
    }
}

/// `1/2/…/9` reads better as `1-9`.
fn join_keys(keys: &[String]) -> String {
    let digits: Vec<&String> = keys.iter().filter(|k| k.len() == 1 && k.chars().all(|c| c.is_ascii_digit())).collect();
    if digits.len() > 2 {
        let mut rest: Vec<String> = keys.iter().filter(|k| !digits.contains(k)).cloned().collect();
        rest.insert(0, format!("{}-{}", digits[0], digits[digits.len() - 1]));
        return rest.join(" ");
    }
    keys.join(" ")
}

/// The action's name as the config file's `keys:` writes it (`move_down`, `jump_segment`); empty for actions
/// only the loop sends.
pub fn action_name(action: &Action) -> String {
    match serde_json::to_value(action) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(serde_json::Value::Object(map)) => map.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

/// What an action does, for the help overlay.
pub fn describe(action: &Action) -> &'static str {
    match action {
        Action::MoveDown => "move down",
        Action::MoveUp => "move up",
        Action::Top => "go to the top",
        Action::Bottom => "go to the bottom",
        Action::PageDown => "page down",
        Action::PageUp => "page up",
        Action::NextPane => "next pane",
        Action::PrevPane => "previous pane",
        Action::Enter => "open the selection",
        Action::Back => "back / close",
        Action::JumpSegment(_) => "show segment N",
        Action::SelectLink(_) => "select link N (type 1 2 for link 12)",
        Action::NextEpisode => "next episode (wraps)",
        Action::PrevEpisode => "previous episode (wraps)",
        Action::OpenLink => "open the link in a browser",
        Action::CopyLink => "copy the link to the clipboard",
        Action::Search => "search all segments",
        Action::Filter => "filter the episode list",
        Action::NextHit => "next search result",
        Action::PrevHit => "previous search result",
        Action::Help => "this help",
        Action::ArchiveHosts => "every host of the archive",
        Action::Quit => "quit",
        Action::Insert(_) => "type",
        Action::Backspace => "delete a character",
        Action::Zoom => "text on the whole screen (again: back)",
        Action::NextLink => "select the next link of the text",
        Action::PrevLink => "select the previous link of the text",
        Action::CursorLeft => "cursor left",
        Action::CursorRight => "cursor right",
        Action::LineStart => "start of the line",
        Action::LineEnd => "end of the line",
        Action::DeleteToStart => "delete to the start",
        Action::DeleteWord => "delete a word",
        Action::Suspend => "suspend (fg resumes)",
        Action::NextTab => "next tab",
        Action::PrevTab => "previous tab",
        Action::ToggleStar => "star / unstar the episode",
        Action::ToggleRead => "mark the episode read / unread",
        Action::CycleSort => "sort: newest, oldest, number",
        Action::CycleView => "show: all, unread, starred",
        Action::CycleShow => "episodes of every show, then of each show",
        Action::HistoryBack => "history back",
        Action::HistoryForward => "history forward",
        Action::FindInTranscript => "find words in the transcript",
        Action::NextFound => "next word found in the transcript",
        Action::PrevFound => "previous word found",
        Action::Click { .. }
        | Action::Scroll { .. }
        | Action::Resize { .. }
        | Action::Report(_)
        | Action::Unbound(_)
        | Action::Answered(_)
        | Action::TranscriptLoaded(_)
        | Action::FirstFrame => "",
    }
}

/// A one-word version for the status line.
fn short(action: &Action) -> &'static str {
    match action {
        Action::MoveDown | Action::MoveUp => "move",
        Action::NextPane => "pane",
        Action::Enter => "open",
        Action::Back => "back",
        Action::JumpSegment(_) => "segment",
        Action::SelectLink(_) => "link",
        Action::NextEpisode | Action::PrevEpisode => "episode",
        Action::OpenLink => "browser",
        Action::CopyLink => "copy",
        Action::Search => "search",
        Action::Filter => "filter",
        Action::NextHit => "next hit",
        Action::Help => "help",
        Action::ArchiveHosts => "all hosts",
        Action::Quit => "quit",
        Action::Zoom => "zoom",
        Action::NextLink => "next link",
        Action::NextTab | Action::PrevTab => "tab",
        Action::ToggleStar => "star",
        Action::CycleSort => "sort",
        Action::HistoryBack => "back",
        Action::FindInTranscript => "find",
        Action::NextFound => "next found",
        other => describe(other),
    }
}

/// The default table with the config's `keys:` remaps applied everywhere; bad entries become warnings.
pub fn from_config(keys: &std::collections::BTreeMap<String, String>) -> (Keymap, Vec<String>) {
    let mut map = Keymap::default();
    let mut warnings = Vec::new();
    for (key_text, action_name) in keys {
        let Some(key) = Key::parse(key_text) else {
            warnings.push(format!("config keys: `{key_text}` is not a key (try `j`, `ctrl-n`, `pgdn`, `shift-tab`)"));
            continue;
        };
        match serde_json::from_value::<Action>(serde_json::Value::String(action_name.clone())) {
            Ok(action) => map.bind_everywhere(key, action),
            Err(_) => warnings.push(format!(
                "config keys: `{action_name}` is not an action (e.g. move_down, open_link, search, quit)"
            )),
        }
    }
    (map, warnings)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    #[test]
    fn keys_parse_and_print_the_same_way() {
        for (text, shown) in [("j", "j"), ("G", "G"), ("shift-g", "G"), ("ctrl-d", "ctrl-d"), ("shift-tab", "S-Tab")] {
            assert_eq!(Key::parse(text).map(|k| k.to_string()).as_deref(), Some(shown), "{text}");
        }
        assert_eq!(Key::parse("pgdn"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("F5"), Some(Key::plain(KeyCode::F(5))));
        assert_eq!(Key::parse("ctrl--"), Some(Key::ctrl('-')));
        assert_eq!(Key::parse("nonsense"), None);
        assert_eq!(Key::parse(""), None);
    }

    #[test]
    fn a_context_binding_shadows_the_global_one_and_prompts_type() {
        let map = Keymap::default();
        let press = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(Context::Segments, press('2')), Some(Action::JumpSegment(2)));
        assert_eq!(map.action(Context::Body, press('2')), Some(Action::SelectLink(2)));
        assert_eq!(map.action(Context::Search, press('q')), Some(Action::Insert('q')));
        assert_eq!(map.action(Context::Episodes, press('q')), Some(Action::Quit));
        assert_eq!(map.action(Context::Episodes, press('%')), None);
    }

    #[test]
    fn every_default_action_is_described_and_every_pane_has_hints() {
        let map = Keymap::default();
        assert!(
            map.help_rows()
                .iter()
                .all(|(_, keys, desc, name)| !keys.is_empty() && !desc.is_empty() && !name.is_empty())
        );
        for ctx in [Context::Episodes, Context::Hosts, Context::Segments, Context::Body, Context::Links] {
            let hints = map.hints(ctx);
            assert!(hints.iter().any(|(k, d)| k == "?" && *d == "help"), "{ctx:?}: {hints:?}");
        }
    }
}
