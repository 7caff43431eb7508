//! The post text read once into characters, words, lines and the special tokens of a LinkedIn
//! post (hashtags, links, mentions, emoji), with character offsets for every piece.

pub(crate) type Span = (usize, usize);

/// A run of letters, lowercased.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// A `#` followed by letters, digits or underscores.
#[derive(Debug, Clone)]
pub(crate) struct Hashtag {
    pub start: usize,
    pub end: usize,
    /// Without the `#`, as written.
    pub body: String,
}

pub(crate) struct Text {
    pub chars: Vec<char>,
    /// Same length as `chars`: each character lowercased (first char of its lowercase form).
    pub lower: Vec<char>,
    pub words: Vec<Word>,
    pub hashtags: Vec<Hashtag>,
    pub urls: Vec<Span>,
    pub mentions: Vec<Span>,
    pub emoji: Vec<Span>,
    /// Per character: part of a hashtag, a link, a mention or an emoji.
    pub special: Vec<bool>,
}

impl Text {
    pub fn new(raw: &str, authority_page: Option<&str>) -> Self {
        let mut chars = Vec::with_capacity(raw.len());
        let mut it = raw.chars().peekable();
        while let Some(c) = it.next() {
            if c == '\r' {
                if it.peek() == Some(&'\n') {
                    continue;
                }
                chars.push('\n');
            } else {
                chars.push(c);
            }
        }
        let lower: Vec<char> = chars.iter().map(|&c| lowercase(c)).collect();
        let page: Option<Vec<char>> = authority_page
            .map(|p| {
                p.trim()
                    .trim_start_matches('@')
                    .chars()
                    .map(lowercase)
                    .collect()
            })
            .filter(|p: &Vec<char>| !p.is_empty());
        let words = words(&chars, &lower);
        let hashtags = hashtags(&chars);
        let urls = urls(&chars, &lower);
        let mentions = mentions(&chars, &lower, page.as_deref());
        let emoji = emoji(&chars);
        let mut text = Self {
            chars,
            lower,
            words,
            hashtags,
            urls,
            mentions,
            emoji,
            special: Vec::new(),
        };
        text.special = text.special_mask();
        text
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    pub fn slice(&self, (start, end): Span) -> String {
        self.chars[start..end].iter().collect()
    }

    /// Lines as spans without their `\n`.
    pub fn lines(&self) -> Vec<Span> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            if c == '\n' {
                lines.push((start, i));
                start = i + 1;
            }
        }
        lines.push((start, self.chars.len()));
        lines
    }

    pub fn is_blank_span(&self, (start, end): Span) -> bool {
        self.chars[start..end].iter().all(|c| c.is_whitespace())
    }

    /// Blocks of non-blank lines separated by blank lines, from the first line's start to the
    /// last line's end.
    pub fn paragraphs(&self) -> Vec<Span> {
        let mut paragraphs = Vec::new();
        let mut current: Option<Span> = None;
        for line in self.lines() {
            if self.is_blank_span(line) {
                paragraphs.extend(current.take());
            } else {
                current = Some(match current {
                    Some((start, _)) => (start, line.1),
                    None => line,
                });
            }
        }
        paragraphs.extend(current);
        paragraphs
    }

    fn special_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.chars.len()];
        // A hashtag cut short by a hyphen ("#Tag-der-offenen-Tür") is still no prose.
        let c = &self.chars;
        let joined = |h: &Hashtag| {
            let mut end = h.end;
            while end + 1 < c.len() && "-\u{AD}'’&".contains(c[end]) && c[end + 1].is_alphanumeric()
            {
                end += 1;
                while end < c.len() && is_hashtag_char(c[end]) {
                    end += 1;
                }
            }
            (h.start, end)
        };
        let spans = self
            .hashtags
            .iter()
            .map(joined)
            .chain(self.urls.iter().copied())
            .chain(self.mentions.iter().copied())
            .chain(self.emoji.iter().copied());
        for (start, end) in spans {
            mask[start..end].iter_mut().for_each(|m| *m = true);
        }
        mask
    }

    /// Words whose span lies inside `span`.
    pub fn words_in(&self, (start, end): Span) -> &[Word] {
        let from = self.words.partition_point(|w| w.start < start);
        let to = self.words.partition_point(|w| w.start < end);
        &self.words[from..to]
    }
}

pub(crate) fn lowercase(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn words(chars: &[char], lower: &[char]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            words.push(Word {
                start,
                end: i,
                lower: lower[start..i].iter().collect(),
            });
        } else {
            i += 1;
        }
    }
    words
}

/// Characters after which a `#` or `@` starts a token.
fn opens_token(chars: &[char], i: usize) -> bool {
    i == 0 || chars[i - 1].is_whitespace() || "([{\"'„“«»".contains(chars[i - 1])
}

pub(crate) fn is_hashtag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn hashtags(chars: &[char]) -> Vec<Hashtag> {
    let mut tags = Vec::new();
    for i in 0..chars.len() {
        if chars[i] != '#' || !opens_token(chars, i) {
            continue;
        }
        let end = (i + 1..chars.len())
            .find(|&j| !is_hashtag_char(chars[j]))
            .unwrap_or(chars.len());
        if end > i + 1 {
            tags.push(Hashtag {
                start: i,
                end,
                body: chars[i + 1..end].iter().collect(),
            });
        }
    }
    tags
}

/// Top-level domains for addresses written without `http` or `www.`.
const TLDS: &[&str] = &[
    "de", "com", "org", "net", "eu", "info", "io", "nrw", "bayern", "berlin", "hamburg", "koeln",
    "ruhr", "saarland", "at", "ch", "gov", "bund",
];

fn urls(chars: &[char], lower: &[char]) -> Vec<Span> {
    let mut urls = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut start = i;
        let mut end = i;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        i = end;
        while start < end && "(<[\"'„“".contains(chars[start]) {
            start += 1;
        }
        while end > start && ".,;:!?)]>\"'“”".contains(chars[end - 1]) {
            end -= 1;
        }
        let token: String = lower[start..end].iter().collect();
        if token.starts_with("http://")
            || token.starts_with("https://")
            || token.starts_with("www.")
            || is_bare_domain(&token)
        {
            urls.push((start, end));
        }
    }
    urls
}

fn is_bare_domain(token: &str) -> bool {
    let host = token.split('/').next().unwrap_or_default();
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && name.chars().any(char::is_alphabetic)
        && TLDS.contains(&tld)
}

fn mentions(chars: &[char], lower: &[char], page: Option<&[char]>) -> Vec<Span> {
    let mut mentions = Vec::new();
    for i in 0..chars.len() {
        if chars[i] != '@' || !opens_token(chars, i) || i + 1 >= chars.len() {
            continue;
        }
        let rest = &lower[i + 1..];
        let end = if rest[0] == '[' {
            // LinkedIn's own markup: @[Name](urn:li:organization:123)
            let close = rest.iter().position(|&c| c == ']').map(|p| i + 1 + p + 1);
            match close {
                Some(c) if lower.get(c) == Some(&'(') => lower[c..]
                    .iter()
                    .position(|&x| x == ')')
                    .map_or(c, |p| c + p + 1),
                Some(c) => c,
                None => chars.len(),
            }
        } else if let Some(page) = page.filter(|p| rest.starts_with(p)) {
            i + 1 + page.len()
        } else {
            (i + 1..chars.len())
                .find(|&j| !(chars[j].is_alphanumeric() || "-_.".contains(chars[j])))
                .unwrap_or(chars.len())
        };
        if end > i + 1 {
            mentions.push((i, end));
        }
    }
    mentions
}

pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF
        | 0x2600..=0x27BF
        | 0x2B05..=0x2B07
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
        | 0x231A..=0x231B
        | 0x2328
        | 0x23CF
        | 0x23E9..=0x23F3
        | 0x23F8..=0x23FA
        | 0x24C2
        | 0x25AA..=0x25AB
        | 0x25B6
        | 0x25C0
        | 0x25FB..=0x25FE
        | 0x2934..=0x2935
        | 0x3030
        | 0x303D
        | 0x3297
        | 0x3299)
}

/// Characters that attach to the emoji before them: variation selectors, skin tones, the
/// keycap mark and tag characters (subdivision flags).
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

/// Emoji as a reader sees them: a ZWJ sequence, a flag or a keycap counts once.
fn emoji(chars: &[char]) -> Vec<Span> {
    const ZWJ: char = '\u{200D}';
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let keycap = (c.is_ascii_digit() || c == '#' || c == '*')
            && (chars.get(i + 1) == Some(&'\u{20E3}')
                || (chars.get(i + 1) == Some(&'\u{FE0F}')
                    && chars.get(i + 2) == Some(&'\u{20E3}')));
        if !is_emoji(c) && !keycap {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if is_regional_indicator(c) && chars.get(i).is_some_and(|&n| is_regional_indicator(n)) {
            i += 1;
        }
        loop {
            match chars.get(i) {
                Some(&m) if is_emoji_modifier(m) => i += 1,
                Some(&ZWJ) if chars.get(i + 1).is_some_and(|&n| is_emoji(n)) => i += 2,
                _ => break,
            }
        }
        found.push((start, i));
    }
    found
}
