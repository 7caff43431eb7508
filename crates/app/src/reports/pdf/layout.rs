//! The flow of the document onto A4 pages: a cursor that moves down a page, starts the next
//! page when a block does not fit, and records what to draw as simple operations.

use super::text::{Font, width, wrap};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 56.7;
/// The footer sits below the bottom margin.
pub const FOOTER_Y: f32 = 32.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text whose baseline starts at (x, y).
    Text {
        font: Font,
        size: f32,
        x: f32,
        y: f32,
        text: String,
    },
    /// A filled rectangle in a grey (0 black, 1 white).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    /// A filled rectangle in a colour.
    FillRgb {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: [f32; 3],
    },
    /// A polyline.
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        rgb: [f32; 3],
    },
}

/// A heading with the page it landed on, for the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

pub struct Flow {
    pub pages: Vec<Vec<Op>>,
    pub marks: Vec<Mark>,
    /// The baseline area still free on the current page runs from `y` down to the margin.
    pub y: f32,
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}

impl Flow {
    pub fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            marks: Vec::new(),
            y: PAGE_H - MARGIN,
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN;
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN && !self.page_is_empty() {
            self.new_page();
        }
    }

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.is_empty())
    }

    pub fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }

    pub fn space(&mut self, points: f32) {
        self.y -= points;
    }

    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str) {
        self.push(Op::Text {
            font,
            size,
            x,
            y,
            text: text.to_owned(),
        });
    }

    /// A paragraph wrapped to the width, moved to the next page line by line as needed.
    pub fn paragraph(&mut self, font: Font, size: f32, indent: f32, text: &str) {
        let leading = size * 1.35;
        for line in wrap(font, size, text, CONTENT_W - indent) {
            self.ensure(leading);
            self.y -= leading;
            self.text(font, size, MARGIN + indent, self.y + size * 0.25, &line);
        }
    }

    /// A heading kept together with at least `keep` points of what follows.
    pub fn heading(&mut self, size: f32, text: &str, keep: f32, outline: bool) {
        let lines = wrap(Font::Bold, size, text, CONTENT_W);
        let leading = size * 1.3;
        self.ensure(leading * lines.len() as f32 + size * 0.6 + keep);
        self.y -= size * 0.6;
        if outline {
            self.marks.push(Mark {
                title: text.to_owned(),
                page: self.pages.len() - 1,
                y: self.y,
            });
        }
        for line in lines {
            self.y -= leading;
            self.text(Font::Bold, size, MARGIN, self.y + size * 0.25, &line);
        }
        self.y -= size * 0.3;
    }

    /// A bulleted list.
    pub fn bullets(&mut self, size: f32, items: &[String]) {
        let indent = 12.0;
        for item in items {
            let leading = size * 1.35;
            let lines = wrap(Font::Regular, size, item, CONTENT_W - indent);
            for (i, line) in lines.iter().enumerate() {
                self.ensure(leading);
                self.y -= leading;
                let base = self.y + size * 0.25;
                if i == 0 {
                    self.text(Font::Regular, size, MARGIN + 2.0, base, "•");
                }
                self.text(Font::Regular, size, MARGIN + indent, base, line);
            }
            self.y -= size * 0.3;
        }
    }
}

/// Column widths for a table: each column's natural width where all fit; otherwise columns
/// narrower than an equal share keep theirs and the wide ones share what is left, in proportion
/// to their natural widths (their text then wraps).
pub fn column_widths(natural: &[f32], available: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= available || natural.is_empty() {
        return natural.to_vec();
    }
    let mut fixed = vec![false; natural.len()];
    loop {
        let sum = |want_fixed: bool| -> f32 {
            natural
                .iter()
                .zip(&fixed)
                .filter(|(_, f)| **f == want_fixed)
                .map(|(w, _)| *w)
                .sum()
        };
        let loose = fixed.iter().filter(|f| !**f).count().max(1);
        let left = (available - sum(true)).max(0.0);
        let fair = left / loose as f32;
        let newly: Vec<usize> = (0..natural.len())
            .filter(|i| !fixed[*i] && natural[*i] <= fair)
            .collect();
        if newly.is_empty() {
            let loose_sum = sum(false);
            return natural
                .iter()
                .zip(&fixed)
                .map(|(w, f)| match (*f, loose_sum > 0.0) {
                    (true, _) => *w,
                    (false, true) => left * w / loose_sum,
                    (false, false) => 0.0,
                })
                .collect();
        }
        for i in newly {
            fixed[i] = true;
        }
    }
}

/// The widest word of a text: the least a column can be without cutting words.
pub fn widest_word(font: Font, size: f32, text: &str) -> f32 {
    text.split_whitespace()
        .map(|w| width(font, size, w))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_that_fit_keep_their_natural_width() {
        assert_eq!(column_widths(&[50.0, 80.0], 400.0), vec![50.0, 80.0]);
    }

    #[test]
    fn wide_columns_share_what_the_narrow_ones_leave() {
        let w = column_widths(&[40.0, 600.0, 300.0], 480.0);
        assert_eq!(w[0], 40.0);
        assert!((w.iter().sum::<f32>() - 480.0).abs() < 0.01);
        assert!((w[1] / w[2] - 2.0).abs() < 0.01, "in proportion: {w:?}");
    }

    #[test]
    fn a_paragraph_too_long_for_the_page_continues_on_the_next() {
        let mut flow = Flow::new();
        let long = "Wort ".repeat(3000);
        flow.paragraph(Font::Regular, 10.0, 0.0, &long);
        assert!(flow.pages.len() > 1);
        for page in &flow.pages {
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y >= MARGIN - 1.0 && *y <= PAGE_H - MARGIN, "{y}");
                }
            }
        }
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_bottom_of_a_page() {
        let mut flow = Flow::new();
        flow.y = MARGIN + 30.0;
        flow.text(Font::Regular, 10.0, MARGIN, flow.y, "vorher");
        flow.heading(14.0, "Themen", 60.0, true);
        assert_eq!(flow.pages.len(), 2);
        assert_eq!(flow.marks[0].page, 1);
    }
}
