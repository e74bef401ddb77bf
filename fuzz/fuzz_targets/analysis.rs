//! The per-article analysis over any text: no panic, and every span it gives (mentions, event
//! sentences and triggers, dates) lies inside the body on character boundaries.
#![no_main]

mod common;

use sitrep::analysis::analyze_article;
use sitrep::corpus::{Span, article_from_text};

fn check(body: &str, s: Span) {
    assert!(
        s.start() <= s.end() && s.end() <= body.len(),
        "span {s:?} out of the body"
    );
    assert!(body.is_char_boundary(s.start()) && body.is_char_boundary(s.end()));
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = article_from_text("fuzz", "Fuzz", &text, None);
    let r = analyze_article(&a, common::vocab());
    for m in &r.mentions {
        check(&a.body, m.span);
        assert!(m.index() < r.entities.len());
    }
    for e in &r.events {
        check(&a.body, e.span);
        check(&a.body, e.trigger);
        assert!((e.sentence as usize) < a.sentences.len().max(1));
    }
    for d in &r.dates {
        check(&a.body, d.span);
    }
    for e in &r.entities {
        common::assert_clean("entity name", &e.name, true);
    }
});
