//! The sanitiser with its oracle: the output holds no control (but newline), DEL, C1 or bidi
//! control; the one-line form no newline either; a second pass changes nothing.
#![no_main]

mod common;

use sitrep::corpus::sanitize::{display_path, sanitize, sanitize_line};
use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = sanitize(&text);
    common::assert_clean("sanitize", &once, false);
    assert_eq!(sanitize(&once), once, "sanitize is not idempotent");
    let line = sanitize_line(&text);
    common::assert_clean("sanitize_line", &line, true);
    assert_eq!(
        sanitize_line(&line),
        line,
        "sanitize_line is not idempotent"
    );
    let path = display_path(Path::new(&*text));
    common::assert_clean("display_path", &path, true);
});
