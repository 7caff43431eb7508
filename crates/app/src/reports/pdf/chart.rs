//! Charts in the PDF, drawn like the page's SVG charts: bars and lines over labels, each
//! series on its own scale, a legend, and the one-sentence summary above. The table with the
//! same figures follows in the document.

use super::layout::{CONTENT_W, Flow, MARGIN, Op};
use super::text::{Font, width};
use crate::reports::document::{Chart, SeriesKind};

const HEIGHT: f32 = 130.0;
/// The page's chart colours (at least 3:1 against white).
const COLOURS: [[f32; 3]; 3] = [
    [
        0x1f as f32 / 255.0,
        0x5f as f32 / 255.0,
        0xa8 as f32 / 255.0,
    ],
    [
        0xb3 as f32 / 255.0,
        0x54 as f32 / 255.0,
        0x1e as f32 / 255.0,
    ],
    [
        0x2e as f32 / 255.0,
        0x7d as f32 / 255.0,
        0x32 as f32 / 255.0,
    ],
];

pub fn chart(flow: &mut Flow, c: &Chart) {
    if c.labels.is_empty()
        || c.series
            .iter()
            .all(|s| s.values.iter().all(Option::is_none))
    {
        flow.heading(9.5, &c.title, 12.0, false);
        flow.paragraph(Font::Regular, 9.0, 0.0, &c.summary);
        flow.space(6.0);
        return;
    }
    // Title, summary, plot, labels and legend stay on one page.
    flow.heading(9.5, &c.title, HEIGHT + 60.0, false);
    flow.paragraph(Font::Regular, 9.0, 0.0, &c.summary);
    flow.space(6.0);
    let top = flow.y;
    let base = top - HEIGHT;
    let n = c.labels.len();
    let step = CONTENT_W / n as f32;
    flow.push(Op::Line {
        points: vec![(MARGIN, base), (MARGIN + CONTENT_W, base)],
        width: 0.6,
        rgb: [0.33, 0.33, 0.33],
    });
    let bar_series = c
        .series
        .iter()
        .filter(|s| s.kind == SeriesKind::Bars)
        .count()
        .max(1);
    let mut bar_no = 0;
    for (k, s) in c.series.iter().enumerate() {
        let rgb = COLOURS[k % COLOURS.len()];
        let max = s.values.iter().flatten().copied().fold(0.0f64, f64::max);
        let h = |v: f64| {
            if max > 0.0 {
                (f64::from(HEIGHT) * v / max) as f32
            } else {
                0.0
            }
        };
        match s.kind {
            SeriesKind::Bars => {
                let bw = step * 0.8 / bar_series as f32;
                for (i, v) in s.values.iter().enumerate() {
                    if let Some(v) = v {
                        let x = MARGIN + step * i as f32 + step * 0.1 + bw * bar_no as f32;
                        flow.push(Op::FillRgb {
                            x,
                            y: base,
                            w: bw,
                            h: h(*v),
                            rgb,
                        });
                    }
                }
                bar_no += 1;
            }
            SeriesKind::Line => {
                let mut points = Vec::new();
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => points.push((MARGIN + step * (i as f32 + 0.5), base + h(*v))),
                        None => {
                            if points.len() > 1 {
                                flow.push(Op::Line {
                                    points: std::mem::take(&mut points),
                                    width: 1.6,
                                    rgb,
                                });
                            }
                            points.clear();
                        }
                    }
                }
                if points.len() > 1 {
                    flow.push(Op::Line {
                        points,
                        width: 1.6,
                        rgb,
                    });
                }
            }
        }
    }
    // About eight labels, whatever the number of points.
    let every = n.div_ceil(8).max(1);
    for (i, label) in c.labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let mut text = label.clone();
        while width(Font::Regular, 7.0, &text) > step * every as f32 - 2.0 && text.len() > 1 {
            text.pop();
        }
        let x = MARGIN + step * (i as f32 + 0.5) - width(Font::Regular, 7.0, &text) / 2.0;
        flow.text(Font::Regular, 7.0, x, base - 10.0, &text);
    }
    let mut x = MARGIN;
    let ly = base - 24.0;
    for (k, s) in c.series.iter().enumerate() {
        let rgb = COLOURS[k % COLOURS.len()];
        match s.kind {
            SeriesKind::Bars => flow.push(Op::FillRgb {
                x,
                y: ly,
                w: 9.0,
                h: 7.0,
                rgb,
            }),
            SeriesKind::Line => flow.push(Op::Line {
                points: vec![(x, ly + 3.5), (x + 9.0, ly + 3.5)],
                width: 1.6,
                rgb,
            }),
        }
        flow.text(Font::Regular, 8.0, x + 13.0, ly, &s.label);
        x += 13.0 + width(Font::Regular, 8.0, &s.label) + 18.0;
    }
    flow.y = ly - 12.0;
}
