//! The two prompts: the episode filter (`f`) and search as you type (`/`), both edited like a shell line.

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::effect::Effect;
use crate::tui::prompt_line::{Edit, PromptLine};

use super::nav::step;

/// The line-editing step an action stands for in a prompt.
pub(super) fn edit_of(action: &Action) -> Option<Edit> {
    Some(match action {
        Action::Insert(c) => Edit::Insert(*c),
        Action::Backspace => Edit::Backspace,
        Action::CursorLeft => Edit::Left,
        Action::CursorRight => Edit::Right,
        Action::LineStart => Edit::Home,
        Action::LineEnd => Edit::End,
        Action::DeleteToStart => Edit::DeleteToStart,
        Action::DeleteWord => Edit::DeleteWord,
        _ => return None,
    })
}

impl App {
    /// `f`: the filter prompt, opened with the old filter selected so typing replaces it.
    pub(crate) fn open_filter(&mut self) {
        self.nav.filter_anchor = Some((self.episode_index(), self.sel.clone()));
        self.mode = Mode::Filter;
        self.focus = Pane::Episodes;
        self.prompt = PromptLine::selected(&self.filter);
    }

    /// `/`: the search prompt, holding the last query (and its results) for editing.
    pub(crate) fn open_search(&mut self) {
        self.remember();
        self.mode = Mode::Search;
        self.prompt = PromptLine::new(&self.query);
    }

    pub(crate) fn filter_key(&mut self, action: Action) {
        if let Some(edit) = edit_of(&action) {
            if self.prompt.apply(edit) {
                self.set_filter(self.prompt.text.clone());
            }
            return;
        }
        match action {
            Action::Enter => self.mode = Mode::Normal,
            Action::Back => {
                let nothing_matches = self.visible.is_empty();
                self.set_filter(String::new());
                self.mode = Mode::Normal;
                // With nothing matching, the list had lost its selection: put back where it was.
                if let Some((Some(episode), sel)) = self.nav.filter_anchor.take()
                    && nothing_matches
                    && let Some(pos) = self.visible.iter().position(|&i| i == episode)
                {
                    self.sel = crate::tui::app::Selection { episode: pos, ..sel };
                }
            }
            Action::MoveDown => self.move_by(Pane::Episodes, 1),
            Action::MoveUp => self.move_by(Pane::Episodes, -1),
            Action::PageDown => self.move_by(Pane::Episodes, self.page(Pane::Episodes)),
            Action::PageUp => self.move_by(Pane::Episodes, -self.page(Pane::Episodes)),
            _ => {}
        }
    }

    /// Show only episodes whose number, title, hosts, file name or date contain `filter` (any case).
    pub(crate) fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.rebuild_visible();
    }

    pub(crate) fn search_key(&mut self, action: Action) -> Option<Effect> {
        if let Some(edit) = edit_of(&action) {
            if self.prompt.apply(edit) {
                self.query = self.prompt.text.clone();
                self.send_query();
            }
            return None;
        }
        let page = self.page(Pane::Episodes) / 2;
        match action {
            Action::MoveDown => self.move_hit(1),
            Action::MoveUp => self.move_hit(-1),
            Action::PageDown => self.move_hit(page),
            Action::PageUp => self.move_hit(-page),
            Action::Enter => self.open_selected_hit(),
            // Closing the results ends the search: the text's highlight goes too, so Esc there goes back as
            // anywhere instead of reopening the list just closed (`/` still brings the query back).
            Action::Back => {
                self.mode = Mode::Normal;
                self.nav.terms.clear();
            }
            Action::HistoryBack => self.history(-1),
            Action::HistoryForward => self.history(1),
            Action::OpenLink => return self.link_effect(Effect::OpenUrl),
            Action::CopyLink => return self.link_effect(Effect::Copy),
            Action::Unbound(key) => self.status = Some(format!("{key} does nothing in search · Esc closes · ? help")),
            _ => {}
        }
        None
    }

    pub(crate) fn move_hit(&mut self, delta: isize) {
        self.sel.hit = step(self.sel.hit, delta, self.hits.len());
    }
}
