//! LinkedIn's "little text" format for the `commentary` of a post.
//!
//! The characters `\ | { } @ [ ] ( ) < > # * _ ~` are reserved. Unescaped, LinkedIn accepts the
//! post and silently cuts the text at the first one, so every literal one is escaped with a
//! backslash. Hashtags become `{hashtag|\#|Tag}` and the listed mentions `@[Name](urn)`.

use crate::Mention;

const RESERVED: &[char] = &[
    '\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~',
];

/// Characters after which a `#` is not the start of a hashtag even though they are not part of a
/// word: paths and anchors (`/#top`), entities (`&#…`), doubled or escaped signs.
const NO_TAG_AFTER: &[char] = &['/', '&', '#', '_', '@', '\\', '.', ':', '='];

/// Converts plain studio text to little text. A `#` at the start of a word followed by letters
/// and digits (at least one letter) is a hashtag; `@Name` is a mention when `Name` is one of
/// `mentions`; web addresses are kept as they are (escaped, never read as hashtags).
pub fn little_text(text: &str, mentions: &[Mention]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut mentions: Vec<(Vec<char>, &Mention)> = mentions
        .iter()
        .filter(|m| !m.name.trim().is_empty())
        .map(|m| (m.name.chars().collect(), m))
        .collect();
    // The longest name wins: "Stadt Musterstadt Kultur" before "Stadt Musterstadt".
    mentions.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));

    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < chars.len() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let at_word_start = prev.is_none_or(|p| !p.is_alphanumeric());
        if at_word_start && starts_url(&chars[i..]) {
            while i < chars.len() && !chars[i].is_whitespace() {
                push_escaped(&mut out, chars[i]);
                i += 1;
            }
            continue;
        }
        if chars[i] == '@'
            && at_word_start
            && let Some((len, m)) = mention_at(&chars[i + 1..], &mentions)
        {
            out.push_str("@[");
            escape_into(&mut out, &m.name);
            out.push_str("](");
            out.push_str(&m.urn);
            out.push(')');
            i += 1 + len;
            continue;
        }
        if chars[i] == '#'
            && prev.is_none_or(|p| !p.is_alphanumeric() && !NO_TAG_AFTER.contains(&p))
        {
            let len = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .count();
            let tag = &chars[i + 1..i + 1 + len];
            if tag.iter().any(|c| c.is_alphabetic()) {
                out.push_str("{hashtag|\\#|");
                out.extend(tag);
                out.push('}');
                i += 1 + len;
                continue;
            }
        }
        push_escaped(&mut out, chars[i]);
        i += 1;
    }
    out
}

/// Escapes every reserved character of `text`, without reading hashtags or mentions.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        push_escaped(out, c);
    }
}

fn push_escaped(out: &mut String, c: char) {
    if RESERVED.contains(&c) {
        out.push('\\');
    }
    out.push(c);
}

fn starts_url(rest: &[char]) -> bool {
    ["https://", "http://", "www."].iter().any(|prefix| {
        rest.len() > prefix.len()
            && prefix
                .chars()
                .zip(rest)
                .all(|(p, c)| c.to_ascii_lowercase() == p)
    })
}

/// The mention whose name follows, as a whole word, and the length of that name.
fn mention_at<'a>(
    rest: &[char],
    mentions: &[(Vec<char>, &'a Mention)],
) -> Option<(usize, &'a Mention)> {
    mentions.iter().find_map(|(name, m)| {
        let whole_word = rest.get(name.len()).is_none_or(|c| !c.is_alphanumeric());
        (rest.starts_with(name) && whole_word).then_some((name.len(), *m))
    })
}

#[cfg(test)]
#[path = "little_text_tests.rs"]
mod tests;
