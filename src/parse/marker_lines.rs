//! A pre-pass that sets segment marker lines free, the way a reader's eye does: a line such as
//! `**Brian #3:** …` starts a new item even when it continues the paragraph above without a blank line (after a
//! stray word, after an empty `[](…)` link) or sits indented inside a list item.
//!
//! CommonMark would read such a line as part of the block above; here it gets a blank line before it and loses
//! its indentation. Added newlines are recorded (as the fence repair's are) so line numbers stay true.

use std::borrow::Cow;

use super::markers::raw_line_is_marker;

/// Could the line be a marker line at all: a cheap look at its first bytes.
fn opens_like_marker(trimmed: &str) -> bool {
    trimmed.starts_with("**") || trimmed.starts_with("##") || trimmed.starts_with("[**") || trimmed.starts_with("__")
}

/// One marker line to free: where its line starts, how much indentation to drop, and whether a blank line goes
/// before it.
struct Free {
    at: usize,
    indent: usize,
    blank_before: bool,
}

fn plan(text: &str) -> Vec<Free> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut prev_blank = true;
    let mut pos = 0;
    while pos < bytes.len() {
        // A byte loop over the indentation only; the line's end is found with memchr.
        let mut first = pos;
        while matches!(bytes.get(first), Some(b' ' | b'\t')) {
            first += 1;
        }
        let end = text.get(first..).and_then(|r| r.find('\n')).map_or(bytes.len(), |i| first + i + 1);
        let blank = matches!(bytes.get(first), None | Some(b'\n' | b'\r'));
        let indent = first - pos;
        if !blank && (indent > 0 || !prev_blank) {
            let line = text.get(pos..end).unwrap_or("");
            if opens_like_marker(text.get(first..end).unwrap_or("")) && raw_line_is_marker(line) {
                out.push(Free { at: pos, indent, blank_before: !prev_blank });
            }
        }
        prev_blank = blank;
        pos = end;
    }
    out
}

/// The text with every marker line free, and the offsets (in the new text) of the newlines not in the source:
/// `inserted` (an earlier repair's, offsets in `text`) carried over and the blank lines added here.
pub fn free(text: Cow<'_, str>, inserted: Vec<usize>) -> (Cow<'_, str>, Vec<usize>) {
    let frees = plan(&text);
    if frees.is_empty() {
        return (text, inserted);
    }
    let mut out = String::with_capacity(text.len() + frees.len());
    let mut added = Vec::with_capacity(inserted.len() + frees.len());
    let mut earlier = inserted.into_iter().peekable();
    let mut last = 0;
    for f in frees {
        while let Some(at) = earlier.next_if(|&at| at < f.at) {
            added.push(at - last + out.len());
        }
        out.push_str(text.get(last..f.at).unwrap_or(""));
        if f.blank_before {
            added.push(out.len());
            out.push('\n');
        }
        // Newlines an earlier repair put inside the dropped indentation: none (indentation has no newline).
        last = f.at + f.indent;
    }
    for at in earlier {
        added.push(at - last + out.len());
    }
    out.push_str(text.get(last..).unwrap_or(""));
    (Cow::Owned(out), added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_continuing_a_paragraph_gets_a_blank_line() {
        let (out, added) = free(Cow::Borrowed("stray\n**Brian #2:** [T](https://t.example)\n"), vec![]);
        assert_eq!(out, "stray\n\n**Brian #2:** [T](https://t.example)\n");
        assert_eq!(added, [6]);
    }

    #[test]
    fn an_indented_marker_in_a_list_item_is_dedented() {
        let (out, added) = free(Cow::Borrowed("- item\n  **Michael #3:** Title\n  - sub\n"), vec![20]);
        assert_eq!(out, "- item\n\n**Michael #3:** Title\n  - sub\n");
        assert_eq!(added, [7, 19]);
    }

    #[test]
    fn plain_text_is_borrowed() {
        let (out, _) = free(Cow::Borrowed("**Brian #1:** x\n- a\n  **bold** text\n"), vec![]);
        assert!(matches!(out, Cow::Borrowed(_)));
    }
}
