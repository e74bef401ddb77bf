//! The html loader: any bytes give clean articles or a reason, never a panic.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::load(sitrep::corpus::Format::Html, data));
