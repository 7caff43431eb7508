//! How the post is built: length, the fold behind "…mehr", the first line as a hook, paragraphs,
//! the ending, links, emoji and the mention of the authority's page.

use std::sync::LazyLock;

use super::phrase::PhraseSet;
use super::text::{Span, Text};
use super::{Check, Language, Severity, say};

/// LinkedIn's limit for a post's text.
pub const MAX_CHARACTERS: usize = 3000;
/// Posts in this range are read to the end most often.
pub const RECOMMENDED_CHARACTERS: (usize, usize) = (600, 1300);
/// LinkedIn shows about this many characters, or three lines, before "…mehr".
pub const FOLD_CHARACTERS: usize = 210;
pub const FOLD_LINES: usize = 3;
/// A first line longer than this stops being a hook.
pub const HOOK_MAX_CHARACTERS: usize = 150;
/// A text longer than this needs at least one blank line.
pub const WALL_OF_TEXT_CHARACTERS: usize = 400;
pub const LONG_PARAGRAPH_CHARACTERS: usize = 500;
/// More emoji than this per 100 characters reads as noise (and as noise to screen readers).
pub const EMOJI_PER_100_CHARACTERS: f64 = 3.0;

static GREETINGS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        [
            "liebe kolleg*",
            "liebe kolleg* und kolleg*",
            "liebe alle",
            "liebes netzwerk",
            "liebe community",
            "liebe linkedin*",
            "liebe leute",
            "liebe freunde",
            "liebe follower*",
            "hallo",
            "hallo zusammen",
            "hallo an alle",
            "hallo alle*",
            "hallo liebe*",
            "hallo ihr lieben",
            "hi",
            "hey",
            "moin",
            "servus",
            "grüß gott",
            "guten morgen",
            "guten tag",
            "guten abend",
            "sehr geehrte*",
            "heute möchte ich",
            "heute will ich",
            "heute darf ich",
            "ich möchte euch heute",
            "ich möchte ihnen heute",
            "ich möchte heute",
            "in diesem beitrag",
            "in diesem post",
            "hiermit möchte*",
            "dear",
            "hello",
            "today i want",
            "today i would like",
        ]
        .map(|p| (p, ())),
    )
});

static CALLS_TO_ACTION: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        [
            "schreibt",
            "schreiben sie",
            "schreib mir",
            "kommentier*",
            "teilt",
            "teilen sie",
            "bewerb*",
            "meldet euch",
            "melde dich",
            "melden sie sich",
            "erzählt",
            "erzählen sie",
            "verratet",
            "lasst",
            "besucht",
            "besuchen sie",
            "schaut",
            "kommt vorbei",
            "kommen sie vorbei",
            "folgt",
            "folgen sie",
            "mehr erfahren",
            "mehr dazu",
            "mehr infos",
            "jetzt",
            "hier geht*",
            "link im kommentar",
            "link in den kommentaren",
            "ruft",
            "rufen sie",
            "macht mit",
            "machen sie mit",
            "seid dabei",
            "sei dabei",
            "let me know",
            "comment",
            "share",
            "apply",
            "tell us",
            "join",
            "visit",
            "follow",
        ]
        .map(|p| (p, ())),
    )
});

/// Where LinkedIn folds the post: after [`FOLD_CHARACTERS`] or [`FOLD_LINES`] lines, whichever
/// comes first; the text's length when it is not folded.
pub fn fold_index(text: &Text) -> usize {
    let by_lines = text
        .lines()
        .get(FOLD_LINES)
        .map_or(text.len(), |&(start, _)| start - 1);
    by_lines.min(FOLD_CHARACTERS).min(text.len())
}

pub fn check(
    text: &Text,
    lang: Language,
    fold: usize,
    authority_page: Option<&str>,
    out: &mut Vec<Check>,
) {
    length(text, lang, out);
    hook(text, lang, fold, out);
    paragraphs(text, lang, out);
    ending(text, lang, out);
    links(text, lang, out);
    emoji(text, lang, out);
    if let Some(page) = authority_page.map(|p| p.trim().trim_start_matches('@'))
        && !page.is_empty()
    {
        authority_mention(text, lang, page, out);
    }
}

fn length(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let n = text.len();
    let (min, max) = RECOMMENDED_CHARACTERS;
    if n > MAX_CHARACTERS {
        let over = n - MAX_CHARACTERS;
        out.push(
            Check::new(
                "length",
                Severity::Error,
                say!(
                    lang,
                    "{n} Zeichen: LinkedIn erlaubt höchstens {MAX_CHARACTERS}. Bitte {over} Zeichen kürzen.",
                    "{n} characters: LinkedIn allows at most {MAX_CHARACTERS}. Please cut {over} characters."
                ),
            )
            .at((MAX_CHARACTERS, n)),
        );
    } else if n > max {
        out.push(Check::new(
            "length",
            Severity::Warning,
            say!(
                lang,
                "{n} Zeichen: Beiträge mit {min} bis {max} Zeichen werden am häufigsten zu Ende gelesen.",
                "{n} characters: posts of {min} to {max} characters are read to the end most often."
            ),
        ));
    } else if n < min {
        out.push(Check::new(
            "length",
            Severity::Info,
            say!(
                lang,
                "{n} Zeichen: ein kurzer Beitrag. {min} bis {max} Zeichen geben Raum für eine kleine Geschichte.",
                "{n} characters: a short post. {min} to {max} characters leave room for a small story."
            ),
        ));
    }
}

fn first_line(text: &Text) -> Option<Span> {
    text.lines().into_iter().find(|&l| !text.is_blank_span(l))
}

fn hook(text: &Text, lang: Language, fold: usize, out: &mut Vec<Check>) {
    let Some(line) = first_line(text) else {
        return;
    };
    let len = line.1 - line.0;
    if line.1 > fold {
        out.push(
            Check::new(
                "hook_fold",
                Severity::Warning,
                say!(
                    lang,
                    "Die erste Zeile endet erst nach dem Umbruch bei „…mehr“ (Zeichen {fold}). Kürzen Sie sie, damit der Einstieg ganz zu sehen ist.",
                    "The first line ends only after the \"…more\" fold (character {fold}). Shorten it so that the opening shows in full."
                ),
            )
            .at(line),
        );
    } else if len > HOOK_MAX_CHARACTERS {
        out.push(
            Check::new(
                "hook_length",
                Severity::Warning,
                say!(
                    lang,
                    "Die erste Zeile hat {len} Zeichen. Ein Einstieg mit höchstens {HOOK_MAX_CHARACTERS} Zeichen macht neugieriger.",
                    "The first line has {len} characters. An opening of at most {HOOK_MAX_CHARACTERS} characters makes people more curious."
                ),
            )
            .at(line),
        );
    }
    let words = text.words_in(line);
    if let Some((_, n)) = GREETINGS.match_at(words, 0) {
        let span = (words[0].start, words[n - 1].end);
        let phrase = text.slice(span);
        out.push(
            Check::new(
                "hook_greeting",
                Severity::Warning,
                say!(
                    lang,
                    "„{phrase}“ ist eine Anrede, kein Einstieg. Beginnen Sie mit dem Spannendsten: einer Frage, einer Zahl, einem Moment aus Ihrem Arbeitstag.",
                    "\"{phrase}\" is a greeting, not a hook. Start with the most interesting part: a question, a number, a moment from your working day."
                ),
            )
            .at(span),
        );
    }
}

fn paragraphs(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let paragraphs = text.paragraphs();
    let n = text.len();
    if paragraphs.len() == 1 && n > WALL_OF_TEXT_CHARACTERS {
        out.push(Check::new(
            "wall_of_text",
            Severity::Warning,
            say!(
                lang,
                "Der Text hat keine Leerzeile. Leerzeilen zwischen Absätzen machen ihn auf dem Handy lesbar.",
                "The text has no blank line. Blank lines between paragraphs make it readable on a phone."
            ),
        ));
        return;
    }
    for p in paragraphs {
        let len = p.1 - p.0;
        if len > LONG_PARAGRAPH_CHARACTERS {
            out.push(
                Check::new(
                    "long_paragraph",
                    Severity::Info,
                    say!(
                        lang,
                        "Ein Absatz mit {len} Zeichen. Teilen Sie ihn mit einer Leerzeile.",
                        "A paragraph of {len} characters. Split it with a blank line."
                    ),
                )
                .at(p),
            );
        }
    }
}

fn ending(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let mask = &text.special;
    let has_prose = |(s, e): Span| (s..e).any(|i| text.chars[i].is_alphabetic() && !mask[i]);
    let Some(last) = text.paragraphs().into_iter().rev().find(|&p| has_prose(p)) else {
        return;
    };
    let asks = text.chars[last.0..last.1].contains(&'?');
    let words = text.words_in(last);
    let calls = (0..words.len()).any(|i| CALLS_TO_ACTION.match_at(words, i).is_some());
    if !asks && !calls {
        out.push(
            Check::new(
                "ending",
                Severity::Info,
                say!(
                    lang,
                    "Zum Schluss fehlt eine Frage oder Einladung. Eine Frage an die Leserinnen und Leser bringt Kommentare.",
                    "The ending has no question or call to action. A question to the readers brings comments."
                ),
            )
            .at(last),
        );
    }
}

fn links(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let Some(&first) = text.urls.first() else {
        return;
    };
    let n = text.urls.len();
    out.push(
        Check::new(
            "external_link",
            Severity::Info,
            say!(
                lang,
                "{n} Link(s) im Text: LinkedIn zeigt Beiträge mit externen Links seltener. Setzen Sie den Link besser in den ersten Kommentar.",
                "{n} link(s) in the text: LinkedIn shows posts with external links less often. Put the link into the first comment instead."
            ),
        )
        .at(first),
    );
}

fn emoji(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let count = text.emoji.len();
    let per_100 = count as f64 * 100.0 / text.len().max(1) as f64;
    if count >= 3 && per_100 > EMOJI_PER_100_CHARACTERS {
        let shown = match lang {
            Language::De => format!("{per_100:.1}").replace('.', ","),
            Language::En => format!("{per_100:.1}"),
        };
        out.push(Check::new(
            "emoji_density",
            Severity::Warning,
            say!(
                lang,
                "{count} Emoji ({shown} je 100 Zeichen). Screenreader lesen jedes vor; höchstens {EMOJI_PER_100_CHARACTERS} je 100 Zeichen sind angenehm.",
                "{count} emoji ({shown} per 100 characters). Screen readers read each one aloud; at most {EMOJI_PER_100_CHARACTERS} per 100 characters is comfortable."
            ),
        ));
    }
}

fn authority_mention(text: &Text, lang: Language, page: &str, out: &mut Vec<Check>) {
    let name: Vec<char> = page.chars().map(super::text::lowercase).collect();
    let found: Vec<usize> = text
        .lower
        .windows(name.len())
        .enumerate()
        .filter(|(_, w)| *w == name.as_slice())
        .map(|(i, _)| i)
        .collect();
    let linked = found.iter().any(|&i| {
        let before = &text.lower[..i];
        before.ends_with(&['@']) || before.ends_with(&['@', '['])
    });
    if linked {
        return;
    }
    let message = if found.is_empty() {
        say!(
            lang,
            "Erwähnen Sie die Seite „{page}“ mit @, dann sehen auch deren Follower Ihren Beitrag.",
            "Mention the page \"{page}\" with @, so that its followers see your post too."
        )
    } else {
        say!(
            lang,
            "„{page}“ steht im Text, ist aber nicht verlinkt. Tippen Sie @ und wählen Sie die Seite aus.",
            "\"{page}\" is in the text but not linked. Type @ and choose the page."
        )
    };
    let check = Check::new("authority_mention", Severity::Info, message);
    out.push(match found.first() {
        Some(&i) => check.at((i, i + name.len())),
        None => check,
    });
}
