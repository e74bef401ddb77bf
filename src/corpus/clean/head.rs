//! The top of a scraped page: which line is the headline (repeated, or the first full headline
//! above the body), which short line just before it is the section, and what is furniture.

use super::Cleaned;
use crate::corpus::Span;
use crate::corpus::segment::{self, Abbreviations};

/// A section line has at most this many words.
const SECTION_MAX_WORDS: usize = 4;
/// A headline has at most this many words.
const HEADLINE_MAX_WORDS: usize = 30;
/// How many leading lines are searched for the headline and its repeats.
const HEAD_LINES: usize = 12;

pub(super) fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

fn norm(line: &str) -> String {
    line.trim_end_matches(['.', ':', ' '])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn remove_title_repeats(lines: &mut Vec<String>, title: &str) {
    let t = norm(title);
    if t.is_empty() {
        return;
    }
    let mut end = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if norm(line) != t {
            break;
        }
        end = i + 1;
    }
    lines.drain(..end);
}

fn is_headline(line: &str) -> bool {
    let words = word_count(line);
    words > 0
        && !has_inner_sentence_break(line)
        && words <= HEADLINE_MAX_WORDS
        && !line.ends_with(['.', ',', ';'])
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
}

fn is_section(line: &str) -> bool {
    word_count(line) <= SECTION_MAX_WORDS
        && line.chars().count() <= 40
        && !line.ends_with(['.', '!', '?', ':', ',', ';'])
}

/// A line that reads as body text: a sentence, or longer than any headline.
fn is_body_line(line: &str) -> bool {
    let words = word_count(line);
    let end = line.trim_end_matches(['"', '”', '’', '»', ')', ' ', '\u{A0}']);
    (end.ends_with(['.', '…']) && words >= 5)
        || (end.ends_with(['?', '!']) && words >= 16)
        || (has_inner_sentence_break(line) && words >= 6)
        || words > HEADLINE_MAX_WORDS
}

/// True when a sentence ends inside the line and another begins ("... ECOWAS. What ...").
fn has_inner_sentence_break(line: &str) -> bool {
    let span = Span::new(0, line.len());
    segment::sentence_spans(line, span, Abbreviations::builtin()).len() > 1
}

/// Finds the headline (and a section line just before it) among the lines above the body.
pub(super) fn detect_head(lines: &mut [String], out: &mut Cleaned) {
    let head: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_empty())
        .take(HEAD_LINES)
        .collect();
    let body_k = head.iter().position(|&i| is_body_line(&lines[i]));
    let above: &[usize] = &head[..body_k.unwrap_or(head.len())];
    let Some(title_k) = pick_title(lines, above, body_k.is_some()) else {
        return;
    };
    let title_i = above[title_k];
    let title_norm = norm(&lines[title_i]);
    let section_k = title_k.checked_sub(1).filter(|&k| {
        is_section(&lines[above[k]]) && !norm(&lines[above[k]]).ends_with(&title_norm)
    });
    if let Some(k) = section_k {
        out.section = Some(std::mem::take(&mut lines[above[k]]));
    }
    // Anything else above the headline is page furniture or the end of the previous page
    // (possibly with the headline glued to it: "...buttonAn increasingly").
    for &i in &above[..title_k] {
        lines[i].clear();
    }
    let title = lines[title_i].clone();
    let t = norm(&title);
    for &i in &above[title_k..] {
        if norm(&lines[i]) == t {
            lines[i].clear();
        }
    }
    out.title = Some(title);
}

/// The index (into `above`) of the headline: a line repeated near the top, else the last
/// headline-like line above the body, else the first line when it looks like one.
fn pick_title(lines: &[String], above: &[usize], body_found: bool) -> Option<usize> {
    let repeated = above.iter().enumerate().find_map(|(k, &i)| {
        let n = norm(&lines[i]);
        let again = above[k + 1..].iter().any(|&j| norm(&lines[j]) == n);
        (again && is_headline(&lines[i])).then_some(k)
    });
    if repeated.is_some() {
        return repeated;
    }
    if body_found {
        // The first full headline; short section-like lines before it are furniture.
        return above
            .iter()
            .position(|&i| is_headline(&lines[i]) && !is_section(&lines[i]))
            .or_else(|| above.iter().rposition(|&i| is_headline(&lines[i])));
    }
    let first = *above.first()?;
    match above.get(1) {
        Some(&second)
            if is_section(&lines[first])
                && is_headline(&lines[second])
                && word_count(&lines[second]) > word_count(&lines[first]) =>
        {
            Some(1)
        }
        _ => is_headline(&lines[first]).then_some(0),
    }
}
