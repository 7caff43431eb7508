//! Charts in the PDF, drawn like the page's SVG charts: bars and lines over labels, a scale on
//! the left (the first series' or the one all series share), a legend, and the one-sentence
//! summary above. The table with the same figures follows in the document.

use super::layout::{CONTENT_W, Flow, MARGIN, Op};
use super::text::{Font, width, wrap};
use crate::reports::document::{Chart, Series, SeriesKind};
use crate::reports::words::Words;

const HEIGHT: f32 = 130.0;
/// Room on the left for the scale's numbers.
const GUTTER: f32 = 34.0;
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
const GRID: [f32; 3] = [0.85, 0.85, 0.85];

fn max_of(s: &Series) -> f64 {
    s.values.iter().flatten().copied().fold(0.0, f64::max)
}

/// An axis number: whole numbers grouped, fractions (rates) as percent.
fn tick(w: &Words, v: f64, rate: bool) -> String {
    if rate {
        w.pct(v)
    } else {
        w.num(v.round() as i64)
    }
}

pub fn chart(flow: &mut Flow, w: &Words, c: &Chart) {
    let summary = wrap(Font::Regular, 9.0, &c.summary, CONTENT_W).len() as f32 * 9.0 * 1.35;
    if c.labels.is_empty()
        || c.series
            .iter()
            .all(|s| s.values.iter().all(Option::is_none))
    {
        flow.heading(9.5, &c.title, summary, false);
        flow.paragraph(Font::Regular, 9.0, 0.0, &c.summary);
        flow.space(6.0);
        return;
    }
    // Title, summary, plot, labels and legend stay on one page.
    flow.heading(9.5, &c.title, summary + HEIGHT + 48.0, false);
    flow.paragraph(Font::Regular, 9.0, 0.0, &c.summary);
    flow.space(8.0);
    let left = MARGIN + GUTTER;
    let plot_w = CONTENT_W - GUTTER;
    let base = flow.y - HEIGHT;
    let n = c.labels.len();
    let step = plot_w / n as f32;
    let shared = c.series.iter().map(max_of).fold(0.0, f64::max);
    let scale = |s: &Series| if c.shared_scale { shared } else { max_of(s) };
    if let Some(first) = c.series.first() {
        let max = scale(first);
        let rate = max <= 1.0 && first.values.iter().flatten().any(|v| v.fract() != 0.0);
        for i in 0..=2u8 {
            let y = base + HEIGHT * f32::from(i) / 2.0;
            flow.push(Op::Line {
                points: vec![(left, y), (left + plot_w, y)],
                width: 0.4,
                rgb: GRID,
            });
            let label = tick(w, max * f64::from(i) / 2.0, rate);
            let x = left - 4.0 - width(Font::Regular, 7.0, &label);
            flow.text(Font::Regular, 7.0, x, y - 2.5, &label);
        }
    }
    flow.push(Op::Line {
        points: vec![(left, base), (left + plot_w, base)],
        width: 0.6,
        rgb: [0.33, 0.33, 0.33],
    });
    let bar_series = c
        .series
        .iter()
        .filter(|s| s.kind == SeriesKind::Bars)
        .count()
        .max(1);
    let height = |s: &Series, v: f64| {
        let max = scale(s);
        if max > 0.0 {
            (f64::from(HEIGHT) * v / max) as f32
        } else {
            0.0
        }
    };
    // Bars first, so that lines stay visible over them.
    let mut bar_no = 0;
    for (k, s) in c.series.iter().enumerate() {
        if s.kind != SeriesKind::Bars {
            continue;
        }
        let bw = step * 0.8 / bar_series as f32;
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                flow.push(Op::FillRgb {
                    x: left + step * i as f32 + step * 0.1 + bw * bar_no as f32,
                    y: base,
                    w: bw,
                    h: height(s, *v),
                    rgb: COLOURS[k % COLOURS.len()],
                });
            }
        }
        bar_no += 1;
    }
    for (k, s) in c.series.iter().enumerate() {
        if s.kind != SeriesKind::Line {
            continue;
        }
        let rgb = COLOURS[k % COLOURS.len()];
        // A gap (nothing measured) breaks the line.
        for run in s
            .values
            .iter()
            .enumerate()
            .collect::<Vec<_>>()
            .split(|(_, v)| v.is_none())
        {
            let points: Vec<(f32, f32)> = run
                .iter()
                .filter_map(|(i, v)| {
                    v.map(|v| (left + step * (*i as f32 + 0.5), base + height(s, v)))
                })
                .collect();
            if points.len() > 1 {
                flow.push(Op::Line {
                    points,
                    width: 1.6,
                    rgb,
                });
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
        let x = left + step * (i as f32 + 0.5) - width(Font::Regular, 7.0, &text) / 2.0;
        flow.text(Font::Regular, 7.0, x, base - 10.0, &text);
    }
    let mut x = left;
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
