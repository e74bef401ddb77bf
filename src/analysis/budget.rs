//! The per-article analysis budget. Every stage is linear in its input, but an article of many
//! megabytes of triggers (a log, a table, a transcript) still takes seconds per megabyte in the
//! event scan, and the whole corpus waits for its slowest article. So the event scan of one
//! article reads at most [`EVENT_BYTES`] of its sentences; entities and dates are found in the
//! whole of it. An article cut short says so ([`cut_short`]): the views show the note beside it.

use crate::corpus::Article;

/// The most text of one article the event scan reads, in bytes (less in unit tests, which run
/// unoptimised).
#[cfg(not(test))]
pub const EVENT_BYTES: usize = 2 << 20;
#[cfg(test)]
pub const EVENT_BYTES: usize = 128 << 10;

/// The longest piece of a sentence the event rules read at once, in bytes
/// ([`super::events`] cuts longer sentences).
pub const MAX_PIECE: usize = 1024;

/// Why the analysis of `article` was cut short, if it was: "analysis cut short: events read in
/// the first 2.0 MB of 12.0 MB (a sentence of 480 KB)".
pub fn cut_short(article: &Article) -> Option<String> {
    let total: usize = article.sentences.iter().map(|s| s.len()).sum();
    if total <= EVENT_BYTES {
        return None;
    }
    let mut note = format!(
        "analysis cut short: events read in the first {} of {}",
        size(EVENT_BYTES),
        size(total)
    );
    let longest = article.sentences.iter().map(|s| s.len()).max().unwrap_or(0);
    if longest > MAX_PIECE {
        note.push_str(&format!(" (a sentence of {} KB)", longest.div_ceil(1024)));
    }
    Some(note)
}

/// "480 KB", "12.0 MB".
fn size(bytes: usize) -> String {
    if bytes < 1 << 20 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Vocab, analyze};
    use crate::corpus::article_from_text;

    #[test]
    fn an_ordinary_article_is_never_cut_short() {
        let a = article_from_text("a", "A", "Troops attacked Gao on 3 May 2024.", None);
        assert_eq!(cut_short(&a), None);
    }

    /// One pathological article (megabytes of triggers in one sentence) beside ordinary ones:
    /// the others are analysed in full, it is analysed up to its budget and says so.
    #[test]
    fn one_pathological_article_leaves_the_others_analysed() {
        let vocab = Vocab::builtin().expect("built-in vocabularies");
        // One sentence of triggers and names, no full stop, half as long again as the budget.
        let hostile = "Troops attacked Gao, ".repeat(EVENT_BYTES * 3 / 2 / 21);
        let mut articles = vec![article_from_text("hostile", "Log", &hostile, None)];
        for i in 0..4 {
            let body = format!(
                "Malian troops attacked militants near Gao on {} May 2024.",
                i + 1
            );
            articles.push(article_from_text(&format!("a{i}"), "Clashes", &body, None));
        }
        let analysis = analyze(articles, &vocab);
        for (a, r) in analysis.articles.iter().zip(&analysis.analyses).skip(1) {
            assert_eq!(cut_short(a), None);
            assert!(!r.events.is_empty(), "{} has no event", a.id);
        }
        let (a, r) = (&analysis.articles[0], &analysis.analyses[0]);
        let note = cut_short(a).expect("the hostile article is cut short");
        assert!(
            note.starts_with("analysis cut short: events read in the first 128 KB of 192 KB"),
            "{note}"
        );
        assert!(note.contains("a sentence of"), "{note}");
        // Events come only from the budget's share of the text.
        assert!(
            r.events
                .iter()
                .all(|e| e.span.end() <= EVENT_BYTES + MAX_PIECE)
        );
        assert!(!r.events.is_empty());
    }
}
