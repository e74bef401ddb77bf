//! Cleaning scraped text: web debris around the body is cut (patterns in `assets/debris.toml`),
//! a section line and a repeated headline are taken apart, bylines become metadata, and the rest
//! is rebuilt as paragraphs.
//!
//! Layout handled (the plain-text dumps of news pages): an optional short section line, a
//! headline that may be repeated two or three times (possibly glued to debris from the previous
//! page), the body, and debris before or after it. A debris marker such as "Leave a Reply" ends
//! the body once it has begun.

mod head;
mod rules;
#[cfg(test)]
mod tests;

pub use rules::Rules;

use super::chunked::any_found;
use super::metadata::MetaRules;
use crate::date::DateValue;
use head::{detect_head, remove_title_repeats, word_count};

/// A line with at least this many words means the body has begun.
const BODY_LINE_WORDS: usize = 10;
/// How many lines at each end are searched for a byline.
const BYLINE_LINES: usize = 12;

/// What cleaning found.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub section: Option<String>,
    pub published: Option<DateValue>,
    pub author: Option<String>,
    /// Paragraphs, each on one line.
    pub paragraphs: Vec<String>,
}

/// Collapses runs of spaces (keeping no-break spaces inside the text, which French typography
/// needs) and trims all whitespace at both ends.
pub fn collapse_spaces(line: &str) -> String {
    if is_collapsed(line) {
        return line.to_string();
    }
    collapse_any(line)
}

/// True for a line with nothing to collapse: no whitespace but single ASCII spaces between
/// other characters (most lines of most articles). Checked on the bytes: the only lead bytes of
/// non-ASCII whitespace are 0xC2 (U+0085, U+00A0), 0xE1 (U+1680), 0xE2 (U+2000 to U+200A, U+2028,
/// U+2029, U+202F, U+205F) and 0xE3 (U+3000); a 0xE2 is looked at closer, since curly quotes and
/// dashes share it.
fn is_collapsed(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let plain = |from, to| is_plain(b, from, to);
    !any_found(b, plain, |from, to| !collapsed_in(b, from, to))
}

/// True when the bytes `from..to` of `b` are printable ASCII with no space followed by another
/// (the byte after `to` included): nothing there to collapse. Most chunks of most lines are, and
/// this test, with no branch per byte, runs on many bytes per instruction.
fn is_plain(b: &[u8], from: usize, to: usize) -> bool {
    let chunk = &b[from..to];
    let next = &b[(from + 1).min(b.len())..(to + 1).min(b.len())];
    let printable = chunk
        .iter()
        .fold(true, |ok, &c| ok & (0x20..0x7F).contains(&c));
    let single = chunk
        .iter()
        .zip(next)
        .fold(true, |ok, (&c, &n)| ok & !((c == b' ') & (n == b' ')));
    printable & single
}

/// Whether no character starting at one of the bytes `from..to` of `b` asks for collapsing.
fn collapsed_in(b: &[u8], from: usize, to: usize) -> bool {
    let mut i = from;
    while i < to {
        match b[i] {
            b' ' if b.get(i + 1) == Some(&b' ') => return false,
            b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE3 => return false,
            0xE2 => {
                let space = match (b.get(i + 1), b.get(i + 2)) {
                    (Some(0x80), Some(&c)) => c <= 0x8A || matches!(c, 0xA8 | 0xA9 | 0xAF),
                    (Some(0x81), Some(0x9F)) => true,
                    _ => false,
                };
                if space {
                    return false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// [`collapse_spaces`] for any line.
fn collapse_any(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() && c != '\u{A0}' && c != '\u{202F}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Cleans one scraped text. With `known_title` (from metadata), only repeats of it are removed
/// from the top; otherwise the section line and headline are detected.
pub fn clean_text(
    text: &str,
    known_title: Option<&str>,
    rules: &Rules,
    meta: &MetaRules,
) -> Cleaned {
    let mut lines: Vec<String> = text.lines().map(|l| unglued_line(l, rules)).collect();
    let mut out = Cleaned::default();
    take_bylines(&mut lines, meta, &mut out);
    cut_after_end_marker(&mut lines, rules);
    for line in lines.iter_mut() {
        if rules.drops(line) {
            line.clear();
        }
    }
    trim_edges(&mut lines, rules);
    match known_title {
        Some(t) => remove_title_repeats(&mut lines, t),
        None => detect_head(&mut lines, &mut out),
    }
    trim_edges(&mut lines, rules);
    out.paragraphs = paragraphs(&lines);
    out
}

/// One line with its spaces collapsed and glued debris stripped; collapsed again only when
/// something was stripped (collapsing twice changes nothing).
fn unglued_line(line: &str, rules: &Rules) -> String {
    let once = collapse_spaces(line);
    let before = once.len();
    let unglued = rules.unglue(once);
    if unglued.len() == before {
        unglued
    } else {
        collapse_spaces(&unglued)
    }
}

fn take_bylines(lines: &mut [String], meta: &MetaRules, out: &mut Cleaned) {
    let n = lines.len();
    let nonblank: Vec<usize> = (0..n).filter(|&i| !lines[i].is_empty()).collect();
    let edges = nonblank
        .iter()
        .take(BYLINE_LINES)
        .chain(nonblank.iter().rev().take(BYLINE_LINES));
    let mut hits = Vec::new();
    for &i in edges {
        let line = &lines[i];
        if line.split_whitespace().count() > 16 {
            continue;
        }
        if let Some((author, date)) = meta.byline(line) {
            out.author.get_or_insert(author);
            if let Some(d) = date {
                out.published.get_or_insert(d);
            }
            hits.push(i);
        } else if let Some(d) = meta.dateline(line).or_else(|| bare_date(line, meta)) {
            out.published.get_or_insert(d);
            hits.push(i);
        }
    }
    for i in hits {
        lines[i].clear();
    }
}

/// A line that is nothing but a date with at least a month ("12 March 2024", "2024-03-12").
fn bare_date(line: &str, meta: &MetaRules) -> Option<DateValue> {
    if word_count(line) > 6 {
        return None;
    }
    meta.parse_date(line).filter(|d| d.month.is_some())
}

fn cut_after_end_marker(lines: &mut Vec<String>, rules: &Rules) {
    let mut body_begun = false;
    for i in 0..lines.len() {
        if body_begun && rules.ends_body(&lines[i]) {
            lines.truncate(i);
            return;
        }
        if rules.ends_body(&lines[i]) {
            lines[i].clear();
        }
        body_begun |= word_count(&lines[i]) >= BODY_LINE_WORDS;
    }
}

fn trim_edges(lines: &mut Vec<String>, rules: &Rules) {
    let start = lines
        .iter()
        .position(|l| !l.is_empty() && !rules.edge_debris(l))
        .unwrap_or(lines.len());
    lines.drain(..start);
    while let Some(last) = lines.last() {
        if last.is_empty() || rules.edge_debris(last) {
            lines.pop();
        } else {
            break;
        }
    }
}

/// Lines of a hard-wrapped block are at most this long.
const WRAP_MAX_CHARS: usize = 100;

/// Rebuilds paragraphs: blank lines separate blocks. A hard-wrapped block (every line but the
/// last of similar width, as a text editor or mail client wraps) is joined into one paragraph;
/// in any other block each line is a paragraph, as scraped pages put one paragraph per line.
pub fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for block in lines.split(|l| l.is_empty()) {
        if block.is_empty() {
            continue;
        }
        if is_wrapped(block) {
            let mut current = block.join(" ");
            flush(&mut current, &mut out);
        } else {
            for line in block {
                let mut current = line.clone();
                flush(&mut current, &mut out);
            }
        }
    }
    out
}

fn is_wrapped(block: &[String]) -> bool {
    let Some((last, body)) = block.split_last() else {
        return false;
    };
    let open = |l: &String| !l.ends_with(['.', '!', '?', '…', ':', '"', '”', '»', ')', '’']);
    if let [first] = body {
        // Two lines: joined when the first stops mid-sentence and the second goes on.
        let goes_on = last
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        return open(first)
            && first.chars().count() >= 30
            && (goes_on || first.ends_with([',', ';', '-']));
    }
    let widths: Vec<usize> = body.iter().map(|l| l.chars().count()).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let min = widths.iter().copied().min().unwrap_or(0);
    let mid_sentence = body.iter().filter(|l| open(l)).count();
    max <= WRAP_MAX_CHARS && min * 10 >= max * 6 && min >= 30 && mid_sentence * 2 >= body.len()
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.trim().is_empty() {
        out.push(std::mem::take(current));
    }
    current.clear();
}
