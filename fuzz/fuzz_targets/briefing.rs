//! The briefing over a corpus made of the input (articles split at NUL bytes, a source each):
//! no panic, and its text and Markdown hold no terminal control.
#![no_main]

mod common;

use sitrep::analysis::analyze;
use sitrep::briefing::{self, BriefFilter, BriefFormat};
use sitrep::corpus::article_from_text;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let articles: Vec<_> = data
        .split(|&b| b == 0)
        .take(16)
        .enumerate()
        .map(|(i, part)| {
            let text = String::from_utf8_lossy(part);
            let mut a = article_from_text(&format!("a{i}"), "Fuzz", &text, None);
            a.source = Some(format!("source {}", i % 3));
            a
        })
        .collect();
    let analysis = analyze(articles, common::vocab());
    let b = briefing::build(&analysis, &BriefFilter::default());
    for format in [BriefFormat::Text, BriefFormat::Markdown] {
        common::assert_clean("briefing", &briefing::render(&b, format, 80), false);
    }
    let _ = briefing::render(&b, BriefFormat::Json, 80);
});
