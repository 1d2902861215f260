//! The default key table and which actions each pane advertises in the status line.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Context, Key};
use crate::tui::action::Action;

/// Every default binding, in the order the help overlay lists them.
pub fn table() -> Vec<Binding> {
    use Action as A;
    use Context as C;
    let k = |c: char| Key::plain(KeyCode::Char(c));
    let p = Key::plain;
    let mut t: Vec<Binding> = Vec::new();
    let mut add = |context: Context, keys: &[Key], action: Action| {
        for key in keys {
            t.push(Binding { context, key: *key, action: action.clone() });
        }
    };
    add(C::Global, &[k('j'), p(KeyCode::Down)], A::MoveDown);
    add(C::Global, &[k('k'), p(KeyCode::Up)], A::MoveUp);
    add(C::Global, &[k('g'), p(KeyCode::Home)], A::Top);
    add(C::Global, &[k('G'), p(KeyCode::End)], A::Bottom);
    add(C::Global, &[p(KeyCode::PageDown), Key::ctrl('d')], A::PageDown);
    add(C::Global, &[p(KeyCode::PageUp), Key::ctrl('u')], A::PageUp);
    add(C::Global, &[p(KeyCode::Tab)], A::NextPane);
    add(C::Global, &[p(KeyCode::BackTab)], A::PrevPane);
    add(C::Global, &[p(KeyCode::Enter)], A::Enter);
    add(C::Global, &[p(KeyCode::Esc)], A::Back);
    for n in 1..=9u8 {
        add(C::Global, &[k(char::from(b'0' + n))], A::JumpSegment(n));
    }
    add(C::Global, &[k(']')], A::NextEpisode);
    add(C::Global, &[k('[')], A::PrevEpisode);
    add(C::Global, &[k('o')], A::OpenLink);
    add(C::Global, &[k('y')], A::CopyLink);
    add(C::Global, &[k('/')], A::Search);
    add(C::Global, &[k('f')], A::Filter);
    add(C::Global, &[k('n')], A::NextHit);
    add(C::Global, &[k('N')], A::PrevHit);
    add(C::Global, &[k('H')], A::ArchiveHosts);
    add(C::Global, &[k('?')], A::Help);
    add(C::Global, &[k('q'), Key::ctrl('c')], A::Quit);
    for context in [C::Body, C::Overview, C::Links, C::Extras, C::Jokes] {
        for n in 0..=9u8 {
            add(context, &[k(char::from(b'0' + n))], A::SelectLink(n));
        }
    }
    add(C::Global, &[k('z')], A::Zoom);
    for context in [C::Body, C::Overview, C::Extras, C::Jokes] {
        add(context, &[k('.')], A::NextLink);
        add(context, &[k(',')], A::PrevLink);
    }
    for prompt in [C::Filter, C::Search] {
        add(prompt, &[p(KeyCode::Enter)], A::Enter);
        add(prompt, &[p(KeyCode::Esc)], A::Back);
        add(prompt, &[p(KeyCode::Backspace)], A::Backspace);
        add(prompt, &[p(KeyCode::Down), Key::ctrl('n')], A::MoveDown);
        add(prompt, &[p(KeyCode::Up), Key::ctrl('p')], A::MoveUp);
        add(prompt, &[p(KeyCode::PageDown)], A::PageDown);
        add(prompt, &[p(KeyCode::PageUp)], A::PageUp);
    }
    add(C::Help, &[p(KeyCode::Esc), k('?'), k('q')], A::Back);
    add(C::Archive, &[p(KeyCode::Esc), k('H'), k('q')], A::Back);
    add(C::Archive, &[p(KeyCode::Enter)], A::Enter);
    add(C::Global, &[Key::ctrl('z')], A::Suspend);
    add(C::Global, &[p(KeyCode::Right), k('l')], A::NextTab);
    add(C::Global, &[p(KeyCode::Left), k('h')], A::PrevTab);
    add(C::Global, &[k('*')], A::ToggleStar);
    add(C::Global, &[k('u')], A::ToggleRead);
    add(C::Global, &[k('s')], A::CycleSort);
    add(C::Global, &[k('v')], A::CycleView);
    add(C::Global, &[k('S')], A::CycleShow);
    let alt = |code| Key::new(code, ratatui::crossterm::event::KeyModifiers::ALT);
    add(C::Global, &[k('<'), alt(KeyCode::Left)], A::HistoryBack);
    add(C::Global, &[k('>'), alt(KeyCode::Right)], A::HistoryForward);
    for prompt in [C::Filter, C::Search] {
        add(prompt, &[p(KeyCode::Left)], A::CursorLeft);
        add(prompt, &[p(KeyCode::Right)], A::CursorRight);
        add(prompt, &[p(KeyCode::Home), Key::ctrl('a')], A::LineStart);
        add(prompt, &[p(KeyCode::End), Key::ctrl('e')], A::LineEnd);
        add(prompt, &[Key::ctrl('u')], A::DeleteToStart);
        add(prompt, &[Key::ctrl('w')], A::DeleteWord);
    }
    // The Transcript tab finds within itself: `/` there, and `n`/`N` step through what it found.
    add(C::Transcript, &[k('/')], A::FindInTranscript);
    add(C::Transcript, &[k('n')], A::NextFound);
    add(C::Transcript, &[k('N')], A::PrevFound);
    add(C::TranscriptFind, &[p(KeyCode::Enter)], A::Enter);
    add(C::TranscriptFind, &[p(KeyCode::Esc)], A::Back);
    add(C::TranscriptFind, &[p(KeyCode::Backspace)], A::Backspace);
    add(C::TranscriptFind, &[p(KeyCode::Down), Key::ctrl('n')], A::NextFound);
    add(C::TranscriptFind, &[p(KeyCode::Up), Key::ctrl('p')], A::PrevFound);
    add(C::TranscriptFind, &[p(KeyCode::Left)], A::CursorLeft);
    add(C::TranscriptFind, &[p(KeyCode::Right)], A::CursorRight);
    add(C::TranscriptFind, &[p(KeyCode::Home), Key::ctrl('a')], A::LineStart);
    add(C::TranscriptFind, &[p(KeyCode::End), Key::ctrl('e')], A::LineEnd);
    add(C::TranscriptFind, &[Key::ctrl('u')], A::DeleteToStart);
    add(C::TranscriptFind, &[Key::ctrl('w')], A::DeleteWord);
    t
}

/// The actions each context shows in the status line, most useful first.
pub fn hint_actions(context: Context) -> Vec<Action> {
    use Action as A;
    let mut v = match context {
        Context::Episodes => vec![A::MoveDown, A::Enter, A::Filter, A::ToggleStar, A::CycleSort, A::NextEpisode],
        Context::Hosts => vec![A::MoveDown, A::Enter, A::ArchiveHosts],
        Context::Segments => vec![A::MoveDown, A::Enter, A::JumpSegment(1), A::OpenLink, A::CopyLink],
        Context::Body | Context::Overview => {
            vec![A::MoveDown, A::SelectLink(1), A::NextLink, A::OpenLink, A::CopyLink, A::NextTab, A::NextEpisode]
        }
        Context::Links => vec![A::MoveDown, A::OpenLink, A::CopyLink],
        Context::Extras | Context::Jokes => vec![A::MoveDown, A::OpenLink, A::CopyLink],
        Context::Transcript => vec![A::MoveDown, A::FindInTranscript, A::NextFound, A::JumpSegment(1), A::NextTab],
        Context::TranscriptFind => return vec![A::NextFound, A::Enter, A::Back],
        Context::Filter => return vec![A::Enter, A::Back],
        Context::Search => return vec![A::MoveDown, A::Enter, A::Back],
        Context::Help => return vec![A::MoveDown, A::Back],
        Context::Archive => return vec![A::MoveDown, A::Enter, A::Back],
        Context::Global => vec![],
    };
    v.extend([A::NextPane, A::Search, A::Help, A::Quit]);
    v
}
