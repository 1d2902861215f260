//! A pre-pass that repairs code fences the way a reader's eye does, before CommonMark sees them.
//!
//! Strict CommonMark lets one broken fence swallow the rest of a file. A reader instead sees: a closing
//! ```` ``` ```` glued to the end of a code line still closes the block; a segment marker line (`**Brian #3:**`)
//! is never code; and an unclosed fence whose code is indented ends where the indentation does. Repairs only
//! add or blank fence lines, and the positions of added newlines are kept so line numbers stay true.

use std::borrow::Cow;

use super::markers::raw_line_is_marker;

/// The text to parse and where newlines were added to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired<'a> {
    pub text: Cow<'a, str>,
    /// Byte offsets (in `text`) of newlines the repair inserted, ascending.
    pub inserted: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Fence {
    ch: char,
    len: usize,
    /// Offset of the line after the opening fence.
    body: usize,
    /// Indentation of the first non-blank code line.
    content_indent: Option<usize>,
}

/// A repair, at the offset of the line it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Add a closing fence (this char, this long) before the line.
    CloseBefore(usize, char, usize),
    /// Split the line before this byte offset, where a glued closing fence starts.
    SplitAt(usize, usize),
    /// Blank the line: it is the stray closer of a fence closed earlier by a marker.
    Blank(usize),
}

impl Action {
    fn at(self) -> usize {
        match self {
            Action::CloseBefore(at, ..) | Action::SplitAt(at, _) | Action::Blank(at) => at,
        }
    }
}

/// Unclosed fences are re-read from where they visibly end; this bounds the re-reading on hostile input.
const MAX_REOPENS: usize = 64;

fn indent(line: &str) -> usize {
    let mut n = 0;
    for b in line.bytes() {
        match b {
            b' ' => n += 1,
            b'\t' => n += 4,
            _ => break,
        }
    }
    n
}

fn content(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// The line starting at `start` (with its newline) and where the next one starts.
fn line_at(src: &str, start: usize) -> (&str, usize) {
    let rest = src.get(start..).unwrap_or("");
    let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    (rest.get(..len).unwrap_or(rest), start + len)
}

/// `(char, run length, has info string)` when the line is a fence line.
fn fence_line(line: &str) -> Option<(char, usize, bool)> {
    let l = content(line);
    let t = l.trim_start_matches(' ');
    if l.len() - t.len() > 3 {
        return None;
    }
    let ch = match t.as_bytes().first() {
        Some(b'`') => '`',
        Some(b'~') => '~',
        _ => return None,
    };
    let run = t.bytes().take_while(|&b| b == ch as u8).count();
    if run < 3 {
        return None;
    }
    let info = t.get(run..).unwrap_or("").trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some((ch, run, !info.is_empty()))
}

fn closes(line: &str, f: &Fence) -> bool {
    fence_line(line).is_some_and(|(ch, run, info)| ch == f.ch && run >= f.len && !info)
}

/// Byte position (in the line) of a closing fence glued to the end of a code line (`x = 1```).
fn glued_closer(line: &str, f: &Fence) -> Option<usize> {
    let l = content(line).trim_end();
    let run = l.bytes().rev().take_while(|&b| b == f.ch as u8).count();
    if run < f.len || run == l.len() {
        return None;
    }
    let pos = l.len() - run;
    l.get(..pos).filter(|before| !before.trim().is_empty()).map(|_| pos)
}

/// Does this line end an unclosed fence: code indented, line not; or unindented markdown structure.
fn ends_unclosed(line: &str, f: &Fence) -> bool {
    let l = content(line);
    if l.trim().is_empty() {
        return false;
    }
    match f.content_indent {
        Some(ci) if ci >= 2 => indent(l) < ci,
        _ => {
            let t = l.trim_start();
            indent(l) == 0 && (t.starts_with("- ") || t.starts_with("* ") || t.starts_with('#') || t.starts_with("**"))
        }
    }
}

/// The start of the next line at or after `pos` (a line start) that opens with a fence run after at most
/// three spaces. Jumps from one fence character to the next instead of visiting every line.
fn next_candidate(src: &str, pos: usize, tildes: &mut Option<usize>) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut from = pos;
    loop {
        let tick = src.get(from..)?.find('`').map(|i| from + i);
        if tildes.is_some_and(|t| t < from) {
            *tildes = src.get(from..).and_then(|r| r.find('~')).map(|i| from + i);
        }
        let hit = match (tick, *tildes) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => return None,
        };
        let ch = bytes.get(hit).copied()?;
        let run = bytes.get(hit..).map_or(0, |r| r.iter().take(3).take_while(|&&b| b == ch).count());
        // Only spaces (at most three) between the line start and the run.
        let mut start = hit;
        while start > pos && bytes.get(start - 1) == Some(&b' ') && hit - start < 4 {
            start -= 1;
        }
        let at_line_start = start == 0 || bytes.get(start - 1) == Some(&b'\n') || start == pos;
        if run == 3 && hit - start <= 3 && at_line_start {
            return Some(start);
        }
        from = hit + run.max(1);
    }
}

/// Where an unclosed fence visibly ends: the start of the first line that `ends_unclosed`.
fn unclosed_end(src: &str, f: &Fence) -> Option<usize> {
    let (_, mut pos) = line_at(src, f.body);
    while pos < src.len() {
        let (line, next) = line_at(src, pos);
        if ends_unclosed(line, f) {
            return Some(pos);
        }
        pos = next;
    }
    None
}

fn plan(src: &str) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut open: Option<Fence> = None;
    let mut orphan_pending = false;
    let mut reopens = 0;
    let mut pos = 0;
    let mut tildes = src.find('~');
    loop {
        let Some(mut f) = open else {
            let Some(start) = next_candidate(src, pos, &mut tildes) else { break };
            let (line, next) = line_at(src, start);
            if let Some((ch, len, info)) = fence_line(line) {
                if orphan_pending && !info {
                    actions.push(Action::Blank(start));
                    orphan_pending = false;
                } else {
                    open = Some(Fence { ch, len, body: next, content_indent: None });
                }
            }
            pos = next;
            continue;
        };
        if pos >= src.len() {
            // Still open at the end: end it where the code visibly ends, then read on from there.
            match unclosed_end(src, &f) {
                Some(end) if reopens < MAX_REOPENS => {
                    actions.push(Action::CloseBefore(end, f.ch, f.len));
                    reopens += 1;
                    open = None;
                    pos = end;
                    continue;
                }
                _ => break,
            }
        }
        let (line, next) = line_at(src, pos);
        if closes(line, &f) {
            open = None;
        } else if raw_line_is_marker(line) {
            actions.push(Action::CloseBefore(pos, f.ch, f.len));
            open = None;
            orphan_pending = true;
        } else if let Some(at) = glued_closer(line, &f) {
            actions.push(Action::SplitAt(pos, pos + at));
            open = None;
        } else {
            if f.content_indent.is_none() && !content(line).trim().is_empty() {
                f.content_indent = Some(indent(content(line)));
            }
            open = Some(f);
        }
        pos = next;
    }
    actions.sort_by_key(|a| a.at());
    actions
}

/// Repair the fences of `source`; borrowed untouched when nothing needed repair.
pub fn repair(source: &str) -> Repaired<'_> {
    let actions = plan(source);
    if actions.is_empty() {
        return Repaired { text: Cow::Borrowed(source), inserted: Vec::new() };
    }
    let mut out = String::with_capacity(source.len() + 8 * actions.len());
    let mut inserted = Vec::new();
    let mut last = 0;
    for action in actions {
        let at = action.at().max(last);
        out.push_str(source.get(last..at).unwrap_or(""));
        last = at;
        match action {
            Action::CloseBefore(_, ch, len) => {
                out.extend(std::iter::repeat_n(ch, len.max(3)));
                out.push('\n');
                inserted.push(out.len() - 1);
            }
            Action::SplitAt(_, split) => {
                let split = split.max(last);
                out.push_str(source.get(last..split).unwrap_or(""));
                inserted.push(out.len());
                out.push('\n');
                last = split;
            }
            Action::Blank(_) => {
                let (line, _) = line_at(source, at);
                let body = content(line);
                out.extend(body.chars().map(|c| if c.is_whitespace() { c } else { ' ' }));
                last = at + body.len();
            }
        }
    }
    out.push_str(source.get(last..).unwrap_or(""));
    Repaired { text: Cow::Owned(out), inserted }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_closer_is_split() {
        let r = repair("```\n    x = 1```\n- after\n");
        assert_eq!(r.text, "```\n    x = 1\n```\n- after\n");
        assert_eq!(r.inserted, vec![13]);
    }

    #[test]
    fn marker_inside_fence_closes_it_and_the_stray_closer_goes() {
        let r = repair("```python\n    code\n\n**Brian #3:** [T](u)\n```\n\n- item\n");
        assert_eq!(r.text, "```python\n    code\n\n```\n**Brian #3:** [T](u)\n   \n\n- item\n");
    }

    #[test]
    fn unclosed_indented_fence_ends_with_the_indentation() {
        let r = repair("```\n    @task\n    def f(): pass\n- you can\n");
        assert_eq!(r.text, "```\n    @task\n    def f(): pass\n```\n- you can\n");
    }

    #[test]
    fn balanced_fences_are_borrowed() {
        assert!(matches!(repair("```\ncode\n```\n").text, Cow::Borrowed(_)));
    }
}
