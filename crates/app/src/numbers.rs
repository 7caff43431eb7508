//! Numbers as each language writes them: the dashboards, the pages and the evaluation report
//! in its three formats all use these.

use crate::i18n::Lang;

/// 12345 → "12.345" (German) or "12,345" (English).
pub fn num(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = if lang == Lang::De { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A day: "3.12.2026" or "2026-12-03".
pub fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::De => d.format("%-d.%-m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A number with one decimal: "2,5" or "2.5".
pub fn dec(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    if lang == Lang::De {
        s.replace('.', ",")
    } else {
        s
    }
}

/// A fraction as a percentage with one decimal: 0.0456 → "4,6 %" or "4.6%".
pub fn pct(lang: Lang, v: f64) -> String {
    let s = dec(lang, v * 100.0);
    if lang == Lang::De {
        format!("{s} %")
    } else {
        format!("{s}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(num(Lang::De, 1_234_567), "1.234.567");
        assert_eq!(num(Lang::En, 999), "999");
        assert_eq!(num(Lang::En, -12_345), "-12,345");
        assert_eq!(pct(Lang::De, 0.0456), "4,6 %");
        assert_eq!(pct(Lang::En, 0.0456), "4.6%");
    }
}
