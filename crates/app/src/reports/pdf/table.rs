//! Tables in the PDF: a caption, a shaded header row repeated on every page the table runs
//! onto, wrapped cells, numbers aligned right.

use super::layout::{CONTENT_W, Flow, MARGIN, Op, column_widths, widest_word};
use super::text::{Font, width, wrap};
use crate::reports::document::Table;
use crate::reports::words::Words;

const SIZE: f32 = 8.5;
const PAD: f32 = 3.5;
const LEADING: f32 = SIZE * 1.3;

struct Row {
    cells: Vec<Vec<String>>,
    right: Vec<bool>,
    height: f32,
}

fn row(texts: &[String], right: Vec<bool>, widths: &[f32], font: Font) -> Row {
    let cells: Vec<Vec<String>> = texts
        .iter()
        .zip(widths)
        .map(|(t, w)| wrap(font, SIZE, t, w - 2.0 * PAD))
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    Row {
        cells,
        right,
        height: lines as f32 * LEADING + 2.0 * PAD,
    }
}

fn draw(flow: &mut Flow, r: &Row, widths: &[f32], font: Font, shade: Option<f32>) {
    let top = flow.y;
    if let Some(gray) = shade {
        flow.push(Op::Fill {
            x: MARGIN,
            y: top - r.height,
            w: widths.iter().sum(),
            h: r.height,
            gray,
        });
    }
    let mut x = MARGIN;
    for ((lines, w), right) in r.cells.iter().zip(widths).zip(&r.right) {
        for (i, line) in lines.iter().enumerate() {
            let base = top - PAD - LEADING * (i as f32 + 1.0) + SIZE * 0.28;
            let lx = if *right {
                x + w - PAD - width(font, SIZE, line)
            } else {
                x + PAD
            };
            flow.text(font, SIZE, lx, base, line);
        }
        x += w;
    }
    flow.y = top - r.height;
}

pub fn table(flow: &mut Flow, words: &Words, t: &Table) {
    flow.space(4.0);
    if t.rows.is_empty() {
        flow.heading(9.5, &t.caption, 2.0 * LEADING, false);
        flow.paragraph(Font::Regular, 9.0, 0.0, &t.empty);
        flow.space(6.0);
        return;
    }
    let texts: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text(words)).collect())
        .collect();
    let n = t.headers.len();
    let mut natural = vec![0.0f32; n];
    let mut least = vec![0.0f32; n];
    for (i, h) in t.headers.iter().enumerate() {
        natural[i] = width(Font::Bold, SIZE, h);
        least[i] = widest_word(Font::Bold, SIZE, h);
    }
    for r in &texts {
        for (i, c) in r.iter().enumerate().take(n) {
            natural[i] = natural[i].max(width(Font::Regular, SIZE, c));
            least[i] = least[i].max(widest_word(Font::Regular, SIZE, c));
        }
    }
    let natural: Vec<f32> = natural.iter().map(|w| w + 2.0 * PAD).collect();
    let mut widths = column_widths(&natural, CONTENT_W);
    // Where a share is narrower than a column's longest word, the word is cut; give such a
    // column what it needs when the others can spare it.
    for i in 0..n {
        let need = least[i] + 2.0 * PAD;
        if widths[i] < need {
            let spare: f32 = (0..n)
                .filter(|j| *j != i)
                .map(|j| (widths[j] - (least[j] + 2.0 * PAD)).max(0.0))
                .sum();
            let take = (need - widths[i]).min(spare);
            if take > 0.0 {
                for j in (0..n).filter(|j| *j != i) {
                    let s = (widths[j] - (least[j] + 2.0 * PAD)).max(0.0);
                    widths[j] -= take * s / spare;
                }
                widths[i] += take;
            }
        }
    }
    let header = row(&t.headers, vec![false; n], &widths, Font::Bold);
    let rows: Vec<Row> = texts
        .iter()
        .zip(&t.rows)
        .map(|(texts, cells)| {
            let right = cells.iter().map(|c| c.is_number()).collect();
            row(texts, right, &widths, Font::Regular)
        })
        .collect();
    let first = rows.first().map_or(0.0, |r| r.height);
    flow.heading(9.5, &t.caption, header.height + first, false);
    draw(flow, &header, &widths, Font::Bold, Some(0.85));
    for (i, r) in rows.iter().enumerate() {
        let pages = flow.pages.len();
        flow.ensure(r.height);
        if flow.pages.len() > pages {
            draw(flow, &header, &widths, Font::Bold, Some(0.85));
        }
        let shade = (i % 2 == 1).then_some(0.95);
        draw(flow, r, &widths, Font::Regular, shade);
    }
    flow.push(Op::Line {
        points: vec![
            (MARGIN, flow.y),
            (MARGIN + widths.iter().sum::<f32>(), flow.y),
        ],
        width: 0.5,
        rgb: [0.4, 0.4, 0.4],
    });
    flow.space(8.0);
}
