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
    opener: usize,
    /// Indentation of the first non-blank code line.
    content_indent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Add a closing fence line before this line.
    CloseBefore(usize),
    /// Split this line before the byte where a glued closing fence starts.
    SplitAt(usize, usize),
    /// Blank this line: it is the stray closer of a fence closed earlier by a marker.
    Blank(usize),
}

fn indent(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    n
}

fn content(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// `(char, run length, has info string)` when the line is a fence line.
fn fence_line(line: &str) -> Option<(char, usize, bool)> {
    let l = content(line);
    if indent(l) > 3 {
        return None;
    }
    let t = l.trim_start();
    let ch = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = t.chars().take_while(|c| *c == ch).count();
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

/// Byte position of a closing fence glued to the end of a code line (`x = 1```).
fn glued_closer(line: &str, f: &Fence) -> Option<usize> {
    let l = content(line).trim_end();
    let run = l.chars().rev().take_while(|c| *c == f.ch).count();
    if run < f.len || run == l.chars().count() {
        return None;
    }
    let pos = l.len() - run * f.ch.len_utf8();
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

fn plan(lines: &[&str]) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut open: Option<Fence> = None;
    let mut orphan_pending = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        match open {
            None => {
                if let Some((ch, len, info)) = fence_line(line) {
                    if orphan_pending && !info {
                        actions.push(Action::Blank(i));
                        orphan_pending = false;
                    } else {
                        open = Some(Fence { ch, len, opener: i, content_indent: None });
                    }
                }
            }
            Some(mut f) => {
                if closes(line, &f) {
                    open = None;
                } else if raw_line_is_marker(line) {
                    actions.push(Action::CloseBefore(i));
                    open = None;
                    orphan_pending = true;
                } else if let Some(pos) = glued_closer(line, &f) {
                    actions.push(Action::SplitAt(i, pos));
                    open = None;
                } else {
                    if f.content_indent.is_none() && !content(line).trim().is_empty() {
                        f.content_indent = Some(indent(content(line)));
                    }
                    open = Some(f);
                }
            }
        }
        i += 1;
        if i == lines.len() {
            // A fence still open at the end: end it where the code visibly ends, then read on from there.
            if let Some(f) = open.take() {
                let end = (f.opener + 1..lines.len()).find(|&j| j > f.opener + 1 && ends_unclosed(lines[j], &f));
                if let Some(j) = end {
                    actions.push(Action::CloseBefore(j));
                    i = j;
                }
            }
        }
    }
    actions.sort_by_key(|a| match *a {
        Action::CloseBefore(j) | Action::SplitAt(j, _) | Action::Blank(j) => j,
    });
    actions
}

fn closer(len: usize, ch: char) -> String {
    let mut s: String = std::iter::repeat_n(ch, len.max(3)).collect();
    s.push('\n');
    s
}

/// Repair the fences of `source`; borrowed untouched when nothing needed repair.
pub fn repair(source: &str) -> Repaired<'_> {
    if !source.contains("```") && !source.contains("~~~") {
        return Repaired { text: Cow::Borrowed(source), inserted: Vec::new() };
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let actions = plan(&lines);
    if actions.is_empty() {
        return Repaired { text: Cow::Borrowed(source), inserted: Vec::new() };
    }
    let mut out = String::with_capacity(source.len() + 16 * actions.len());
    let mut inserted = Vec::new();
    let mut fence_kind: Option<(char, usize)> = None;
    let mut next = actions.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        if let Some((ch, len, _)) = fence_line(line) {
            fence_kind = Some((ch, len));
        }
        let (ch, len) = fence_kind.unwrap_or(('`', 3));
        let mut handled = false;
        while let Some(&&action) = next.peek() {
            match action {
                Action::CloseBefore(j) if j == i => {
                    out.push_str(&closer(len, ch));
                    inserted.push(out.len() - 1);
                }
                Action::SplitAt(j, pos) if j == i => {
                    out.push_str(line.get(..pos).unwrap_or(line));
                    inserted.push(out.len());
                    out.push('\n');
                    out.push_str(line.get(pos..).unwrap_or(""));
                    handled = true;
                }
                Action::Blank(j) if j == i => {
                    out.extend(content(line).chars().map(|c| if c.is_whitespace() { c } else { ' ' }));
                    out.push_str(line.get(content(line).len()..).unwrap_or(""));
                    handled = true;
                }
                _ => break,
            }
            next.next();
        }
        if !handled {
            out.push_str(line);
        }
    }
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
