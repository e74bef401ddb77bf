//! Segmentation of a clean body into paragraphs (separated by one blank line) and sentences.
//!
//! Sentences end at `.`, `?`, `!`, `…` (or `...`) and the CJK full stops, taking closing quotes
//! and brackets with them (also French `» ` after a no-break space). A period does not end a
//! sentence after an abbreviation of `assets/abbreviations.toml` ("Mr.", "e.g.", "No. 3"), an
//! initial ("F."), a dotted acronym ("U.S.") unless a clear sentence starter follows, inside a
//! number ("3.5"), or before a lower-case word.

use super::Span;
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../assets/abbreviations.toml");

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct AbbrevFile {
    never_final: Vec<String>,
    maybe_final: Vec<String>,
    before_number: Vec<String>,
    sentence_starters: Vec<String>,
}

/// Abbreviation lists used by the sentence splitter.
#[derive(Default)]
pub struct Abbreviations {
    never_final: HashSet<String>,
    maybe_final: HashSet<String>,
    before_number: HashSet<String>,
    starters: HashSet<String>,
}

impl Abbreviations {
    /// Parses an abbreviation TOML document (the format of `assets/abbreviations.toml`).
    pub fn from_toml_str(text: &str) -> Result<Self, String> {
        let f: AbbrevFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
        Ok(Self {
            never_final: set(f.never_final),
            maybe_final: set(f.maybe_final),
            before_number: set(f.before_number),
            starters: set(f.sentence_starters),
        })
    }

    /// The lists embedded in the binary.
    pub fn builtin() -> &'static Abbreviations {
        static LISTS: OnceLock<Abbreviations> = OnceLock::new();
        // The embedded file is checked by a unit test; empty lists are the safe fallback.
        LISTS.get_or_init(|| Abbreviations::from_toml_str(BUILTIN).unwrap_or_default())
    }
}

/// Paragraph spans of a body whose paragraphs are separated by blank lines.
pub fn paragraph_spans(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    // Each blank line ("\n\n", leftmost first, never overlapping): found by looking for one
    // newline at a time, which the standard library does many bytes per step.
    while let Some(i) = body[from..].find('\n').map(|n| from + n) {
        if body.as_bytes().get(i + 1) == Some(&b'\n') {
            push_trimmed(body, start, i, &mut out);
            start = i + 2;
            from = i + 2;
        } else {
            from = i + 1;
        }
    }
    push_trimmed(body, start, body.len(), &mut out);
    out
}

fn push_trimmed(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(text) = body.get(start..end) else {
        return;
    };
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// Sentence spans of one paragraph, in order, each inside it.
pub fn sentence_spans(body: &str, para: Span, abbr: &Abbreviations) -> Vec<Span> {
    let Some(text) = body.get(para.start()..para.end()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some((at, c)) = text[from..]
        .char_indices()
        .find(|&(_, c)| is_terminal(c))
        .map(|(i, c)| (from + i, c))
    {
        let end = sentence_end(text, at);
        let rest = &text[end..];
        let next = rest
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| end + i);
        let spaced = rest.chars().next().is_none_or(char::is_whitespace);
        let split = match next {
            None => false,
            Some(_) if is_cjk_terminal(c) => true,
            Some(_) if !spaced => false,
            Some(ni) => ends_here(text, at, c, &text[at..end], &text[ni..], abbr),
        };
        if split {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        from = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    for s in &mut out {
        s.start += para.start;
        s.end += para.start;
    }
    out
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// From the terminal at byte `at`: the byte end of the punctuation run and its closers.
fn sentence_end(text: &str, at: usize) -> usize {
    let mut j = text.len() - text[at..].trim_start_matches(is_terminal).len();
    loop {
        // A closer right after, or after no-break/plain spaces for the typographic ones.
        let s = text.len()
            - text[j..]
                .trim_start_matches([' ', '\u{A0}', '\u{202F}'])
                .len();
        match text[s..].chars().next() {
            Some('"' | '\'') if s == j => j = s + 1,
            Some(c @ ('”' | '’' | '»' | ')' | ']' | '}')) => j = s + c.len_utf8(),
            _ => break,
        }
    }
    j
}

/// Whether the sentence ends at the terminal `c` at byte `at`; `run` is the terminal's
/// punctuation run and closers, `next` the text from the next non-space character on.
fn ends_here(text: &str, at: usize, c: char, run: &str, next: &str, abbr: &Abbreviations) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return false;
    }
    let single_period = c == '.' && run.chars().take_while(|&c| is_terminal(c)).count() == 1;
    if !single_period {
        // "?", "!", "…", "...": a new sentence unless a lower-case word goes on.
        return matches!(c, '!' | '?') || !first.is_alphanumeric() || first.is_uppercase();
    }
    let word = word_before(text, at);
    if word.is_empty() {
        return true;
    }
    if abbr.never_final.contains(word) {
        return false;
    }
    if first.is_ascii_digit() && abbr.before_number.contains(word) {
        return false;
    }
    if abbr.maybe_final.contains(word) || is_initial(word) || is_dotted_acronym(word) {
        let letters = next
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(next.len(), |(i, _)| i);
        return abbr.starters.contains(&next[..letters]);
    }
    true
}

/// The word just before byte `at`: back to whitespace or an opening quote or bracket.
fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '«' | '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let para = Span::new(0, text.len());
        sentence_spans(text, para, Abbreviations::builtin())
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn builtin_lists_parse() {
        assert!(Abbreviations::from_toml_str(BUILTIN).is_ok());
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("Troops moved north. Talks stalled! Why now? Nobody knows."),
            vec![
                "Troops moved north.",
                "Talks stalled!",
                "Why now?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers() {
        assert_eq!(
            split(
                "Robert F. Kennedy Jr. said Mr. Smith met U.S. envoys, e.g. in Doha. Resolution No. 3 passed by 3.5 points."
            ),
            vec![
                "Robert F. Kennedy Jr. said Mr. Smith met U.S. envoys, e.g. in Doha.",
                "Resolution No. 3 passed by 3.5 points."
            ]
        );
        assert_eq!(
            split("Aid came from the U.S. The next day it ran out."),
            vec!["Aid came from the U.S.", "The next day it ran out."]
        );
    }

    #[test]
    fn quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            split("He said: \"We will respond.\" Then he left. (This was new.) It ended."),
            vec![
                "He said: \"We will respond.\"",
                "Then he left.",
                "(This was new.)",
                "It ended."
            ]
        );
    }

    #[test]
    fn french_punctuation() {
        assert_eq!(
            split(
                "« Pourquoi maintenant ? » demande-t-il. « C'est la guerre ! » Le ministre répond… Rien."
            ),
            vec![
                "« Pourquoi maintenant ? » demande-t-il.",
                "« C'est la guerre ! »",
                "Le ministre répond…",
                "Rien."
            ]
        );
    }

    #[test]
    fn cjk_full_stops() {
        assert_eq!(
            split("马里局势紧张。阿尔及利亚关闭领空。"),
            vec!["马里局势紧张。", "阿尔及利亚关闭领空。"]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let body = "One.\n\nTwo two.\n\nThree.";
        let spans: Vec<&str> = paragraph_spans(body)
            .iter()
            .map(|s| s.slice(body))
            .collect();
        assert_eq!(spans, vec!["One.", "Two two.", "Three."]);
    }

    /// The definition: the trimmed, non-empty pieces between the blank lines that
    /// `match_indices` finds.
    fn paragraphs_by_definition(body: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, m) in body.match_indices("\n\n") {
            push_trimmed(body, start, i, &mut out);
            start = i + m.len();
        }
        push_trimmed(body, start, body.len(), &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn paragraphs_are_the_pieces_between_blank_lines(body in "[a .\n\té]{0,40}") {
            proptest::prop_assert_eq!(paragraph_spans(&body), paragraphs_by_definition(&body));
        }
    }
}
