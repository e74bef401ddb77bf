//! Dates: the metadata date parser and the date finder over any text; every date found lies on
//! the body's character boundaries and holds a valid month and day.
#![no_main]

mod common;

use sitrep::analysis::dates::find_dates;
use sitrep::corpus::{article_from_text, metadata};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines().take(64) {
        if let Some(d) = metadata::parse_date(line) {
            assert!(d.month.is_none_or(|m| (1..=12).contains(&m)), "{d:?}");
            assert!(d.day.is_none_or(|x| (1..=31).contains(&x)), "{d:?}");
        }
    }
    let a = article_from_text("fuzz", "Fuzz", &text, None);
    for m in find_dates(&a, &common::vocab().dates) {
        assert!(m.span.end() <= a.body.len());
        assert!(a.body.is_char_boundary(m.span.start()) && a.body.is_char_boundary(m.span.end()));
        if let Some(d) = m.value {
            assert!(d.month.is_none_or(|x| (1..=12).contains(&x)), "{d:?}");
            assert!(d.day.is_none_or(|x| (1..=31).contains(&x)), "{d:?}");
        }
    }
});
