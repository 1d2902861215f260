//! One line of text being edited the way a shell edits it: a cursor, word and line deletion, select-all.
//!
//! The cursor is a byte offset that always sits on a char boundary. A line opened "selected" (the old filter
//! when `f` is pressed again) is replaced by the first character typed, as in a browser's address bar.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::sanitize::clean_line;

/// The editing state of a prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptLine {
    /// What has been typed.
    pub text: String,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
    /// The whole text is selected: typing replaces it, a movement key just drops the selection.
    pub selected: bool,
}

/// One editing step, as the keymap names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Type a character at the cursor.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// One character left.
    Left,
    /// One character right.
    Right,
    /// To the start of the line (Home, Ctrl-A).
    Home,
    /// To the end of the line (End, Ctrl-E).
    End,
    /// Ctrl-U: delete from the start of the line to the cursor.
    DeleteToStart,
    /// Ctrl-W: delete the word before the cursor (and the spaces after it).
    DeleteWord,
}

impl PromptLine {
    /// A line holding `text` with the cursor at its end.
    pub fn new(text: &str) -> Self {
        Self { text: text.to_owned(), cursor: text.len(), selected: false }
    }

    /// `text` with all of it selected, so typing replaces it.
    pub fn selected(text: &str) -> Self {
        Self { selected: !text.is_empty(), ..Self::new(text) }
    }

    /// Apply one step; true when the text changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.clone();
        if std::mem::take(&mut self.selected) {
            match edit {
                Edit::Insert(_) | Edit::Backspace | Edit::DeleteToStart | Edit::DeleteWord => {
                    self.text.clear();
                    self.cursor = 0;
                    if !matches!(edit, Edit::Insert(_)) {
                        return before != self.text;
                    }
                }
                Edit::Left | Edit::Home => self.cursor = 0,
                Edit::Right | Edit::End => self.cursor = self.text.len(),
            }
            if !matches!(edit, Edit::Insert(_)) {
                return false;
            }
        }
        self.cursor = self.cursor.min(self.text.len());
        match edit {
            Edit::Insert(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Edit::Backspace => {
                if let Some(prev) = self.prev_boundary() {
                    self.text.replace_range(prev..self.cursor, "");
                    self.cursor = prev;
                }
            }
            Edit::Left => self.cursor = self.prev_boundary().unwrap_or(0),
            Edit::Right => {
                self.cursor =
                    self.text[self.cursor..].chars().next().map_or(self.cursor, |c| self.cursor + c.len_utf8());
            }
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::DeleteWord => {
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
        }
        before != self.text
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.cursor].char_indices().next_back().map(|(i, _)| i)
    }

    /// The line as spans: text before the cursor, the cursor bar, the rest; a selection shows reversed.
    pub fn spans(&self, text: Style, cursor: Style) -> Vec<Span<'static>> {
        let at = self.cursor.min(self.text.len());
        let (before, after) = self.text.split_at(at);
        if self.selected {
            let selected = text.add_modifier(ratatui::style::Modifier::REVERSED);
            return vec![Span::styled(clean_line(&self.text).into_owned(), selected), Span::styled("▏", cursor)];
        }
        vec![
            Span::styled(clean_line(before).into_owned(), text),
            Span::styled("▏", cursor),
            Span::styled(clean_line(after).into_owned(), text),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(start: PromptLine, edits: &[Edit]) -> (String, usize) {
        let mut p = start;
        for e in edits {
            p.apply(*e);
        }
        (p.text, p.cursor)
    }

    #[test]
    fn edits_like_a_shell_line() {
        use Edit::*;
        let p = PromptLine::new("type hints");
        assert_eq!(run(p.clone(), &[Left, Left, Insert('X')]), ("type hinXts".into(), 9));
        assert_eq!(run(p.clone(), &[Home, Insert('>')]), (">type hints".into(), 1));
        assert_eq!(run(p.clone(), &[Home, End, Backspace]), ("type hint".into(), 9));
        assert_eq!(run(p.clone(), &[DeleteWord]), ("type ".into(), 5));
        assert_eq!(run(p.clone(), &[Left, Left, Left, DeleteToStart]), ("nts".into(), 0));
        assert_eq!(run(PromptLine::new("a  b  "), &[DeleteWord]), ("a  ".into(), 3));
        assert_eq!(run(PromptLine::new("ü"), &[Left, Right, Backspace, Backspace]), (String::new(), 0));
    }

    #[test]
    fn a_selected_line_is_replaced_by_typing_and_kept_by_moving() {
        use Edit::*;
        assert_eq!(run(PromptLine::selected("old"), &[Insert('n')]), ("n".into(), 1));
        assert_eq!(run(PromptLine::selected("old"), &[End, Insert('!')]), ("old!".into(), 4));
        assert_eq!(run(PromptLine::selected("old"), &[Home, Insert('!')]), ("!old".into(), 1));
        assert_eq!(run(PromptLine::selected("old"), &[Backspace]), (String::new(), 0));
    }
}
