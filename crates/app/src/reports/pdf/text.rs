//! Text in the two standard fonts: encoding into WinAnsi (which has the umlauts, ß, € and the
//! German quotation marks), measuring by the fonts' metrics, and breaking into lines.

use super::metrics::{HELVETICA, HELVETICA_BOLD};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The resource name in the page's font dictionary.
    pub fn resource(self) -> &'static [u8] {
        match self {
            Font::Regular => b"F1",
            Font::Bold => b"F2",
        }
    }
}

/// Unicode characters WinAnsi has outside Latin-1 (the codes 128–159).
const WIN_ANSI_EXTRA: [(char, u8); 27] = [
    ('€', 128),
    ('‚', 130),
    ('ƒ', 131),
    ('„', 132),
    ('…', 133),
    ('†', 134),
    ('‡', 135),
    ('ˆ', 136),
    ('‰', 137),
    ('Š', 138),
    ('‹', 139),
    ('Œ', 140),
    ('Ž', 142),
    ('‘', 145),
    ('’', 146),
    ('“', 147),
    ('”', 148),
    ('•', 149),
    ('–', 150),
    ('—', 151),
    ('˜', 152),
    ('™', 153),
    ('š', 154),
    ('›', 155),
    ('œ', 156),
    ('ž', 158),
    ('Ÿ', 159),
];

/// One character as a WinAnsi code. Spaces of every width become a space, a few look-alikes
/// their plain form; anything else the fonts cannot show becomes "?", never a wrong glyph.
pub fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\t' => b' ',
        '\u{2010}' | '\u{2011}' | '\u{2212}' => b'-',
        '\u{2032}' => b'\'',
        _ => WIN_ANSI_EXTRA
            .iter()
            .find(|(u, _)| *u == c)
            .map_or(b'?', |(_, b)| *b),
    }
}

pub fn encode(s: &str) -> Vec<u8> {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .map(win_ansi)
        .collect()
}

fn glyph_width(font: Font, code: u8) -> f32 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    let i = usize::from(code.max(32)) - 32;
    f32::from(table[i])
}

/// The width of the text in points at `size`.
pub fn width(font: Font, size: f32, s: &str) -> f32 {
    encode(s).iter().map(|b| glyph_width(font, *b)).sum::<f32>() * size / 1000.0
}

/// The text broken into lines no wider than `max` points: at spaces where possible, inside a
/// word only when the word alone is wider than a line. Line breaks in the text are kept.
pub fn wrap(font: Font, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(font, size, &candidate) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line is cut where it fills the line.
            let mut rest = word.to_owned();
            while width(font, size, &rest) > max {
                let mut cut = String::new();
                for c in rest.chars() {
                    let mut next = cut.clone();
                    next.push(c);
                    if width(font, size, &next) > max && !cut.is_empty() {
                        break;
                    }
                    cut = next;
                }
                rest = rest[cut.len()..].to_owned();
                lines.push(cut);
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_sharp_s_euro_and_german_quotes_are_win_ansi() {
        assert_eq!(encode("Größe"), vec![b'G', b'r', 0xf6, 0xdf, b'e']);
        assert_eq!(encode("€ „Bau“ – ok"), {
            let mut v = vec![128, b' ', 132];
            v.extend(b"Bau");
            v.extend([147, b' ', 150]);
            v.extend(b" ok");
            v
        });
        assert_eq!(encode("1\u{202f}234 \u{2212}5"), b"1 234 -5".to_vec());
        assert_eq!(
            encode("Ω→"),
            b"??".to_vec(),
            "what the font lacks is a question mark"
        );
    }

    #[test]
    fn widths_follow_the_font_metrics() {
        // Helvetica: "H" 722, "i" 222; bold "H" 722, "i" 278.
        assert!((width(Font::Regular, 10.0, "Hi") - 9.44).abs() < 1e-3);
        assert!((width(Font::Bold, 10.0, "Hi") - 10.0).abs() < 1e-3);
        // "ä" is as wide as "a".
        assert_eq!(
            width(Font::Regular, 12.0, "ä"),
            width(Font::Regular, 12.0, "a")
        );
        assert!(width(Font::Bold, 10.0, "Wahl") > width(Font::Regular, 10.0, "Wahl"));
    }

    #[test]
    fn lines_break_at_spaces_and_never_exceed_the_width() {
        let text = "Die Auswertung der Pilotrunde zeigt, welche Themen tragen und wie stark die Seite der Stadt wächst.";
        let lines = wrap(Font::Regular, 10.0, text, 150.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(width(Font::Regular, 10.0, l) <= 150.0, "{l}");
            assert!(!l.starts_with(' ') && !l.ends_with(' '));
        }
        assert_eq!(lines.join(" "), text, "no word lost");
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_and_line_breaks_are_kept() {
        let lines = wrap(
            Font::Regular,
            10.0,
            "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung",
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(Font::Regular, 10.0, l) <= 80.0));
        assert_eq!(
            lines.concat(),
            "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung"
        );
        assert_eq!(
            wrap(Font::Bold, 10.0, "eins\nzwei", 500.0),
            ["eins", "zwei"]
        );
    }
}
