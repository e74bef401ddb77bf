//! What every target checks of what sitrep would show: no character that drives a terminal.
#![allow(dead_code)]

use sitrep::analysis::Vocab;
use sitrep::corpus::Article;
use std::sync::OnceLock;

/// The built-in vocabularies, compiled once per process.
pub fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::builtin().expect("built-in vocabularies load"))
}

/// The sanitiser's oracle: no ESC, no C0 control but newline, no DEL, no C1 control, no bidi
/// control; `one_line` forbids newlines too.
pub fn assert_clean(what: &str, text: &str, one_line: bool) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && (c != '\n' || one_line))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    });
    assert!(bad.is_none(), "{what} holds {bad:?}: {text:?}");
}

/// Every string of an article is terminal-safe, ids, titles and sources on one line; every
/// span lies on character boundaries of the body.
pub fn assert_article(a: &Article) {
    for (what, field) in [("id", &a.id), ("path", &a.path), ("title", &a.title)] {
        assert_clean(what, field, true);
    }
    for field in [&a.source, &a.section].into_iter().flatten() {
        assert_clean("source or section", field, true);
    }
    assert_clean("body", &a.body, false);
    for s in a.paragraphs.iter().chain(&a.sentences) {
        assert!(
            s.start() <= s.end() && s.end() <= a.body.len(),
            "span {s:?} out of the body"
        );
        assert!(a.body.is_char_boundary(s.start()) && a.body.is_char_boundary(s.end()));
    }
}

/// Loads `data` as a file of `format` and checks each article.
pub fn load(format: sitrep::corpus::Format, data: &[u8]) {
    for a in sitrep::corpus::memory::read_bytes(format, data)
        .iter()
        .flatten()
    {
        assert_article(a);
    }
}
