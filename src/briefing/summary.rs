//! One-line summaries: an event's sentence shortened around its trigger, cut at word boundaries
//! and marked with "…" where text was left out. Works on characters, never splits UTF-8.

use crate::corpus::Span;

/// Longest summary, in characters (the "…" marks included).
pub const SUMMARY_CHARS: usize = 160;

/// The sentence `sentence` of `body`, squeezed to at most `max` characters around `trigger`.
/// Spans that do not fit the body (or cut a character) give what can be read, never a panic.
pub fn shorten(body: &str, sentence: Span, trigger: Span, max: usize) -> String {
    let Some(text) = body.get(sentence.start()..sentence.end()) else {
        return String::new();
    };
    let chars: Vec<char> = text.chars().collect();
    let (t_start, t_end) = trigger_chars(text, sentence, trigger);
    let flat: Vec<char> = chars
        .iter()
        .map(|&c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    squeeze(&flat, t_start, t_end, max.max(8))
}

/// The trigger as a character range inside the sentence (the whole start when it is not there).
fn trigger_chars(text: &str, sentence: Span, trigger: Span) -> (usize, usize) {
    let rel_start = trigger.start().saturating_sub(sentence.start());
    let rel_end = trigger
        .end()
        .saturating_sub(sentence.start())
        .max(rel_start);
    let inside = trigger.start() >= sentence.start() && trigger.end() <= sentence.end();
    match (inside, text.get(..rel_start), text.get(rel_start..rel_end)) {
        (true, Some(before), Some(word)) => {
            let s = before.chars().count();
            (s, s + word.chars().count())
        }
        _ => (0, 0),
    }
}

fn squeeze(chars: &[char], t_start: usize, t_end: usize, max: usize) -> String {
    let collapsed = |from: usize, to: usize| -> String {
        let s: String = chars[from..to].iter().collect();
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let whole = collapsed(0, chars.len());
    if whole.chars().count() <= max {
        return whole;
    }
    // Room for the text itself, keeping two characters for the "…" marks.
    let room = max - 2;
    let t_len = t_end - t_start;
    if t_len >= room {
        let s: String = chars[t_start..t_start + room].iter().collect();
        return format!("…{}…", s.trim());
    }
    let spare = room - t_len;
    let mut start = t_start.saturating_sub(spare / 2);
    let mut end = (start + room).min(chars.len());
    start = end.saturating_sub(room).min(start);
    // Snap inwards to word boundaries, never into the trigger.
    let cut_start = start > 0 && !chars[start - 1].is_whitespace();
    if let Some(p) = chars[start..t_start].iter().position(|c| c.is_whitespace())
        && cut_start
    {
        start += p + 1;
    }
    let cut_end = end < chars.len() && !chars[end].is_whitespace();
    if let Some(p) = chars[t_end..end].iter().rposition(|c| c.is_whitespace())
        && cut_end
    {
        end = t_end + p;
    }
    let body = collapsed(start, end);
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    format!("{lead}{body}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, word: &str) -> Span {
        let s = text.find(word).expect("word in text");
        Span::new(s, s + word.len())
    }

    #[test]
    fn short_sentences_stay_whole_with_spaces_collapsed() {
        let body = "Troops  were\ndeployed near Kidal.";
        let all = Span::new(0, body.len());
        assert_eq!(
            shorten(body, all, span_of(body, "deployed"), 80),
            "Troops were deployed near Kidal."
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_trigger_at_word_boundaries() {
        let body = "Après des semaines de tensions croissantes à la frontière, l’armée algérienne \
                    a abattu un drone malien près de Tinzaouatène, selon des sources sécuritaires \
                    qui évoquent une escalade sans précédent dans la région.";
        let all = Span::new(0, body.len());
        let out = shorten(body, all, span_of(body, "abattu"), 60);
        assert!(out.chars().count() <= 60, "{out}");
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        assert!(out.contains("abattu"), "{out}");
        // Cut between words: every inner word is a word of the sentence.
        for w in out.trim_matches('…').split(' ') {
            assert!(
                body.split_whitespace().any(|b| b == w),
                "partial word {w:?} in {out}"
            );
        }
    }

    #[test]
    fn a_trigger_at_the_end_keeps_the_end() {
        let body = "For many months and across several regions of the country the army was finally deployed";
        let all = Span::new(0, body.len());
        let out = shorten(body, all, span_of(body, "deployed"), 40);
        assert!(out.starts_with('…') && out.ends_with("deployed"), "{out}");
        assert!(out.chars().count() <= 40);
    }

    #[test]
    fn bad_spans_never_panic() {
        let body = "Tinzaouatène été frappée.";
        // Inside a multi-byte character, past the end, inverted.
        assert_eq!(shorten(body, Span::new(0, 10), Span::new(0, 1), 40), "");
        assert_eq!(shorten(body, Span::new(0, 500), Span::new(0, 1), 40), "");
        let all = Span::new(0, body.len());
        assert_eq!(shorten(body, all, Span::new(11, 3), 40), body);
        assert_eq!(shorten(body, all, Span::new(400, 900), 40), body);
        assert!(!shorten(body, all, Span::new(0, body.len()), 10).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_spans_give_a_bounded_summary(
            body in "[a-zé€ 🙂.\n]{0,300}",
            a in 0usize..400, b in 0usize..400, c in 0usize..400, d in 0usize..400,
            max in 0usize..200,
        ) {
            let out = shorten(&body, Span::new(a.min(b), a.max(b)), Span::new(c, d), max);
            proptest::prop_assert!(out.chars().count() <= max.max(8));
            proptest::prop_assert!(!out.contains('\n'));
        }
    }
}
