//! Server-rendered SVG charts. Each chart comes with a one-sentence summary (which the SVG
//! names as its accessible description) and the data as a table, so that nothing is only
//! visible as a picture.

use std::fmt::Write as _;

use crate::web::export::Cell;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bars,
    Line,
}

pub struct Series {
    pub label: String,
    pub kind: Kind,
    /// One value per x label; `None` is a gap (no data or suppressed).
    pub values: Vec<Option<f64>>,
}

/// What a template shows for one chart.
pub struct Chart {
    pub id: String,
    pub title: String,
    /// The German title, for the name of a downloaded file.
    pub file: String,
    pub summary: String,
    pub svg: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

const W: f64 = 720.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;
/// Colours with at least 3:1 contrast on white, told apart by shape as well (bars, line).
const COLOURS: [&str; 3] = ["#1f5fa8", "#b3541e", "#2e7d32"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A chart of the series over the x labels. Every series has its own scale (their maximum at
/// the top); the axis shows the first series' scale, the legend names every series.
pub fn svg(id: &str, title: &str, x_labels: &[String], series: &[Series]) -> String {
    svg_scaled(id, title, x_labels, series, false)
}

fn max_of(s: &Series) -> f64 {
    s.values.iter().flatten().copied().fold(0.0, f64::max)
}

/// Like [`svg`]; with `shared`, all series are drawn on one scale (for series of the same unit,
/// such as posts and the orientation in posts).
pub fn svg_scaled(
    id: &str,
    title: &str,
    x_labels: &[String],
    series: &[Series],
    shared: bool,
) -> String {
    let shared_max = series.iter().map(max_of).fold(0.0, f64::max);
    let scale = |s: &Series| if shared { shared_max } else { max_of(s) };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" viewBox="0 0 {W} {H}" width="100%" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-summary" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title>"#,
        esc(title)
    );
    let n = x_labels.len().max(1);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let step = plot_w / n as f64;
    let base = TOP + plot_h;
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" y1="{base}" x2="{}" y2="{base}" stroke="#555"/>"##,
        W - RIGHT
    );
    if let Some(first) = series.first() {
        let max = scale(first);
        // Without any value above zero, one line at zero: five gridlines all labelled 0 say
        // nothing.
        let steps = if max > 0.0 { 4 } else { 0 };
        for i in 0..=steps {
            let v = max * f64::from(i) / 4.0;
            let y = base - plot_h * f64::from(i) / 4.0;
            let _ = write!(
                out,
                r##"<text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#333">{}</text><line x1="{LEFT}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#ddd"/>"##,
                LEFT - 6.0,
                y + 4.0,
                compact(v),
                W - RIGHT
            );
        }
    }
    // About eight x labels, whatever the number of points.
    let every = n.div_ceil(8).max(1);
    for (i, label) in x_labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let x = LEFT + step * (i as f64 + 0.5);
        let _ = write!(
            out,
            r##"<text x="{x:.1}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>"##,
            base + 16.0,
            esc(label)
        );
    }
    let bars = series
        .iter()
        .filter(|s| s.kind == Kind::Bars)
        .count()
        .max(1);
    let mut bar_no = 0;
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let max = scale(s);
        let y_of = |v: f64| {
            if max > 0.0 {
                base - plot_h * v / max
            } else {
                base
            }
        };
        match s.kind {
            Kind::Bars => {
                let bw = (step * 0.8) / bars as f64;
                for (i, v) in s.values.iter().enumerate() {
                    if let Some(v) = v {
                        let x = LEFT + step * i as f64 + step * 0.1 + bw * bar_no as f64;
                        let y = y_of(*v);
                        let _ = write!(
                            out,
                            r#"<rect x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{:.1}" fill="{colour}" opacity="0.75"/>"#,
                            base - y
                        );
                    }
                }
                bar_no += 1;
            }
            Kind::Line => {
                let mut path = String::new();
                let mut pen_down = false;
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => {
                            let x = LEFT + step * (i as f64 + 0.5);
                            let _ = write!(
                                path,
                                "{}{x:.1},{:.1} ",
                                if pen_down { "L" } else { "M" },
                                y_of(*v)
                            );
                            pen_down = true;
                        }
                        None => pen_down = false,
                    }
                }
                let _ = write!(
                    out,
                    r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="2.5"/>"#,
                    path.trim_end()
                );
            }
        }
        let lx = LEFT + 8.0 + 200.0 * k as f64;
        let ly = H - 8.0;
        let mark = match s.kind {
            Kind::Bars => format!(
                r#"<rect x="{lx}" y="{}" width="12" height="10" fill="{colour}" opacity="0.75"/>"#,
                ly - 9.0
            ),
            Kind::Line => format!(
                r#"<line x1="{lx}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="2.5"/>"#,
                ly - 4.0,
                lx + 12.0,
                ly - 4.0
            ),
        };
        let _ = write!(
            out,
            r##"{mark}<text x="{}" y="{ly}" font-size="11" fill="#333">{}</text>"##,
            lx + 16.0,
            esc(&s.label)
        );
    }
    out.push_str("</svg>");
    out
}

/// 1234 → "1.2k", for axis labels only (the table has the exact numbers).
fn compact(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v >= 1000.0 {
        format!("{:.1}k", v / 1000.0)
    } else if v >= 10.0 || v == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_names_its_summary_and_escapes_labels() {
        let s = svg(
            "c1",
            "Posts <&>",
            &["Jan".into(), "Feb".into()],
            &[Series {
                label: "Beiträge".into(),
                kind: Kind::Bars,
                values: vec![Some(3.0), None],
            }],
        );
        assert!(s.contains(r#"aria-describedby="c1-summary""#));
        assert!(s.contains("Posts &lt;&amp;&gt;"));
        assert_eq!(s.matches("<rect").count(), 2, "one bar and the legend mark");
    }

    #[test]
    fn series_of_one_unit_can_share_a_scale() {
        let series = [
            Series {
                label: "Beiträge".into(),
                kind: Kind::Bars,
                values: vec![Some(30.0)],
            },
            Series {
                label: "Orientierung".into(),
                kind: Kind::Line,
                values: vec![Some(60.0)],
            },
        ];
        let own = svg("c", "t", &["Jan".into()], &series);
        let shared = svg_scaled("c", "t", &["Jan".into()], &series, true);
        // The bar reaches the top on its own scale, half way up on the shared one.
        assert!(own.contains(r#"y="16.0" width"#), "{own}");
        assert!(shared.contains(r#"y="118.0" width"#), "{shared}");
        assert!(
            own.contains(">30<") && shared.contains(">60<"),
            "the axis follows"
        );
    }

    #[test]
    fn a_chart_of_zeros_has_one_axis_label_not_five() {
        let zeros = svg(
            "z",
            "Klicks",
            &["1.".into(), "2.".into()],
            &[Series {
                label: "Klicks".into(),
                kind: Kind::Bars,
                values: vec![Some(0.0), Some(0.0)],
            }],
        );
        assert_eq!(zeros.matches(r#"text-anchor="end""#).count(), 1, "{zeros}");
        let some = svg(
            "s",
            "Klicks",
            &["1.".into()],
            &[Series {
                label: "Klicks".into(),
                kind: Kind::Bars,
                values: vec![Some(4.0)],
            }],
        );
        assert_eq!(some.matches(r#"text-anchor="end""#).count(), 5, "{some}");
    }
}
