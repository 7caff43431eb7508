//! Word-sequence patterns matched case-insensitively on word boundaries.
//!
//! A pattern is written as lowercase words separated by spaces; a word ending in `*` matches
//! every word that starts with it (`nehm*` matches "nehmen", "nehme", "nehmt"). Patterns are
//! indexed by their first word so that a text is scanned once, whatever the list's length.

use std::collections::HashMap;

use super::text::{Span, Word};

#[derive(Debug)]
enum Token {
    Exact(String),
    Prefix(String),
}

impl Token {
    fn matches(&self, word: &str) -> bool {
        match self {
            Token::Exact(t) => word == t,
            Token::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

pub(crate) struct PhraseSet<T> {
    entries: Vec<(Vec<Token>, T)>,
    by_first_word: HashMap<String, Vec<usize>>,
    prefix_first: Vec<usize>,
}

impl<T> PhraseSet<T> {
    pub fn new<'p>(items: impl IntoIterator<Item = (&'p str, T)>) -> Self {
        let mut set = Self {
            entries: Vec::new(),
            by_first_word: HashMap::new(),
            prefix_first: Vec::new(),
        };
        for (pattern, value) in items {
            let tokens: Vec<Token> = pattern
                .split_whitespace()
                .map(|t| match t.strip_suffix('*') {
                    Some(p) => Token::Prefix(p.to_owned()),
                    None => Token::Exact(t.to_owned()),
                })
                .collect();
            let index = set.entries.len();
            match tokens.first() {
                Some(Token::Exact(w)) => {
                    set.by_first_word.entry(w.clone()).or_default().push(index)
                }
                Some(Token::Prefix(_)) => set.prefix_first.push(index),
                None => continue,
            }
            set.entries.push((tokens, value));
        }
        set
    }

    /// The longest pattern that starts at word `i`, with the number of words it covers.
    pub fn match_at(&self, words: &[Word], i: usize) -> Option<(&T, usize)> {
        let first = &words.get(i)?.lower;
        let exact = self.by_first_word.get(first).into_iter().flatten();
        let mut best: Option<(&T, usize)> = None;
        for &e in exact.chain(self.prefix_first.iter()) {
            let (tokens, value) = &self.entries[e];
            let fits = tokens.len() <= words.len() - i
                && tokens
                    .iter()
                    .zip(&words[i..])
                    .all(|(t, w)| t.matches(&w.lower));
            if fits && best.is_none_or(|(_, n)| tokens.len() > n) {
                best = Some((value, tokens.len()));
            }
        }
        best
    }

    /// Every match, left to right, not overlapping, with the character span it covers.
    pub fn find_all<'s>(&'s self, words: &[Word]) -> Vec<(&'s T, Span)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at(words, i) {
                Some((value, n)) => {
                    found.push((value, (words[i].start, words[i + n - 1].end)));
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }
}
