//! GFM tables as aligned grids that fit the width: columns shrink (widest first) and their cells wrap.

use pulldown_cmark::Alignment;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::wrap::{self, Piece};
use crate::tui::theme::Theme;

const SEPARATOR: &str = " │ ";

/// A table being read: its rows of cells, each cell inline pieces.
#[derive(Debug, Default)]
pub struct Table {
    aligns: Vec<Alignment>,
    rows: Vec<Vec<Vec<Piece>>>,
    row: Vec<Vec<Piece>>,
    head: usize,
}

impl Table {
    pub fn new(aligns: Vec<Alignment>) -> Self {
        Self { aligns, ..Self::default() }
    }

    pub fn cell(&mut self, pieces: Vec<Piece>) {
        self.row.push(pieces);
    }

    pub fn row_done(&mut self, head: bool) {
        self.rows.push(std::mem::take(&mut self.row));
        if head {
            self.head = self.rows.len();
        }
    }

    /// The grid as lines at most `width` cells wide.
    pub fn layout(self, width: usize, theme: &Theme) -> Vec<Vec<Piece>> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return Vec::new();
        }
        let natural: Vec<usize> = (0..columns)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|cell| cell_width(cell)).max().unwrap_or(0).max(1))
            .collect();
        let widths = fit(&natural, width.saturating_sub(SEPARATOR.len() * (columns - 1)).max(columns));
        let mut out = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let cells: Vec<Vec<Vec<Piece>>> = widths
                .iter()
                .enumerate()
                .map(|(c, &w)| row.get(c).map(|p| wrap::wrap(p, (w, w))).unwrap_or_default())
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
            for line in 0..height {
                let mut pieces = Vec::new();
                for (c, cell) in cells.iter().enumerate() {
                    if c > 0 {
                        pieces.push(Piece::new(SEPARATOR, theme.dim));
                    }
                    let text = cell.get(line).cloned().unwrap_or_default();
                    let bold = if i < self.head { theme.bold } else { Style::new() };
                    pad(&mut pieces, text, widths[c], self.aligns.get(c).copied(), bold);
                }
                trim_end(&mut pieces);
                out.push(pieces);
            }
            if i + 1 == self.head {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                out.push(vec![Piece::new(rule.join("─┼─"), theme.dim)]);
            }
        }
        out
    }
}

fn cell_width(cell: &[Piece]) -> usize {
    let text: String = cell.iter().map(|p| p.text.as_str()).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ").width()
}

/// Column widths within `avail`: each column keeps its natural width up to a common cap, found by bisection.
fn fit(natural: &[usize], avail: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    let (mut lo, mut hi) = (1, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if natural.iter().map(|n| (*n).min(mid)).sum::<usize>() <= avail { lo = mid } else { hi = mid - 1 }
    }
    let mut widths: Vec<usize> = natural.iter().map(|n| (*n).min(lo)).collect();
    let mut spare = avail.saturating_sub(widths.iter().sum());
    for (w, n) in widths.iter_mut().zip(natural) {
        let more = (n - *w).min(spare);
        *w += more;
        spare -= more;
    }
    widths
}

fn pad(out: &mut Vec<Piece>, text: Vec<Piece>, width: usize, align: Option<Alignment>, base: Style) {
    let used: usize = text.iter().map(|p| p.text.width()).sum();
    let gap = width.saturating_sub(used);
    let (left, right) = match align {
        Some(Alignment::Right) => (gap, 0),
        Some(Alignment::Center) => (gap / 2, gap - gap / 2),
        _ => (0, gap),
    };
    if left > 0 {
        out.push(Piece::new(" ".repeat(left), Style::new()));
    }
    out.extend(text.into_iter().map(|p| Piece { style: base.patch(p.style), ..p }));
    if right > 0 {
        out.push(Piece::new(" ".repeat(right), Style::new()));
    }
}

fn trim_end(pieces: &mut Vec<Piece>) {
    while pieces.last().is_some_and(|p| p.text.trim().is_empty() && p.link.is_none()) {
        pieces.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_shrink_to_fit() {
        assert_eq!(fit(&[5, 40, 10], 30), vec![5, 15, 10]);
        assert_eq!(fit(&[3, 4], 30), vec![3, 4]);
    }
}
