//! Everything the reader can be asked to do: keys, mouse and the loop all become one of these.
//!
//! Actions carry no side effects; [`crate::tui::app::App::update`] gives them meaning. Names are snake_case
//! in the config file (`keys: { "ctrl-n": move_down }`).

use serde::{Deserialize, Serialize};

/// One request to the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move the selection (or the text) of the focused pane down one row.
    MoveDown,
    /// Move the selection (or the text) of the focused pane up one row.
    MoveUp,
    /// Jump to the first row of the focused pane.
    Top,
    /// Jump to the last row of the focused pane.
    Bottom,
    /// Move a screenful down.
    PageDown,
    /// Move a screenful up.
    PageUp,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the selected item: an episode, a segment, a host's highlight, a search result.
    Enter,
    /// Go back: close an overlay or prompt, or return focus towards the episode list.
    Back,
    /// Show segment N (1-based) of the current episode.
    JumpSegment(u8),
    /// Select link N (1-based) of the segment body, as numbered on screen.
    SelectLink(u8),
    /// Show the next episode, wrapping after the last.
    NextEpisode,
    /// Show the previous episode, wrapping before the first.
    PrevEpisode,
    /// Open the selected link in the browser.
    OpenLink,
    /// Copy the selected link to the clipboard.
    CopyLink,
    /// Start searching every segment.
    Search,
    /// Start filtering the episode list.
    Filter,
    /// Open the next search result.
    NextHit,
    /// Open the previous search result.
    PrevHit,
    /// Show or hide the list of every key.
    Help,
    /// Show or hide every host of the archive.
    ArchiveHosts,
    /// Leave the reader.
    Quit,
    /// Type one character into the prompt.
    Insert(char),
    /// Delete the character before the cursor of the prompt.
    Backspace,
    /// A mouse click at a screen cell.
    #[serde(skip)]
    Click { column: u16, row: u16 },
    /// A wheel turn over a screen cell: positive scrolls down.
    #[serde(skip)]
    Scroll { column: u16, row: u16, lines: i8 },
    /// The terminal changed size.
    #[serde(skip)]
    Resize { width: u16, height: u16 },
    /// Tell the user how an effect went.
    #[serde(skip)]
    Report(String),
    /// Give the text the whole screen, or give the panes back.
    Zoom,
    /// Select the next link of the text, scrolling to it.
    NextLink,
    /// Select the previous link of the text, scrolling to it.
    PrevLink,
    /// Move the prompt's cursor one character left.
    CursorLeft,
    /// Move the prompt's cursor one character right.
    CursorRight,
    /// Move the prompt's cursor to the start of the line.
    LineStart,
    /// Move the prompt's cursor to the end of the line.
    LineEnd,
    /// Delete from the start of the prompt's line to the cursor.
    DeleteToStart,
    /// Delete the word before the prompt's cursor.
    DeleteWord,
    /// Hand the terminal back to the shell and stop (Ctrl-Z); `fg` resumes.
    Suspend,
    /// Show the next tab of the detail area (text, links, extras, jokes).
    NextTab,
    /// Show the previous tab of the detail area.
    PrevTab,
    /// Star or unstar the episode.
    ToggleStar,
    /// Mark the episode read or unread.
    ToggleRead,
    /// Sort the episode list by newest, oldest or number, in turn.
    CycleSort,
    /// Show every episode, the unread ones or the starred ones, in turn.
    CycleView,
    /// List every open show's episodes, then each show's alone, in turn.
    CycleShow,
    /// Go back to the previous episode, segment or result list.
    HistoryBack,
    /// Go forward again after going back.
    HistoryForward,
    /// A key with no binding where it was pressed (its name, for a hint).
    #[serde(skip)]
    Unbound(String),
    /// The search worker answered a query.
    #[serde(skip)]
    Answered(crate::tui::search_worker::Answer),
    /// Find words in the transcript.
    FindInTranscript,
    /// Go to the next word found in the transcript.
    NextFound,
    /// Go to the previous word found in the transcript.
    PrevFound,
    /// The transcript worker answered for an episode.
    #[serde(skip)]
    TranscriptLoaded(crate::tui::transcript_worker::Reply),
    /// The first frame is on screen: background loading (the shown episode's transcript) may start.
    #[serde(skip)]
    FirstFrame,
}
