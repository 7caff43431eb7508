//! How LinkedIn shows a commentary written in little text.

/// What a reader sees: escapes resolved, hashtags and mentions shown, and the text cut at the
/// first unescaped reserved character, as LinkedIn does.
pub fn render(commentary: &str) -> String {
    let mut out = String::new();
    let mut rest = commentary;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("{hashtag|\\#|") {
            let Some(end) = after.find('}') else { break };
            out.push('#');
            out.push_str(&after[..end]);
            rest = &after[end + 1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("@[") {
            let Some((name, after)) = split_unescaped(after, ']') else {
                break;
            };
            let Some(after) = after.strip_prefix('(') else {
                break;
            };
            let Some(end) = after.find(')') else { break };
            out.push('@');
            out.push_str(&render(name));
            rest = &after[end + 1..];
            continue;
        }
        if c == '\\' {
            let mut chars = rest[1..].chars();
            let Some(next) = chars.next() else { break };
            out.push(next);
            rest = chars.as_str();
            continue;
        }
        if "|{}@[]()<>#*_~".contains(c) {
            break;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn split_unescaped(s: &str, end: char) -> Option<(&str, &str)> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == end && !escaped => return Some((&s[..i], &s[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}
