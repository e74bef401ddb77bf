//! `.pdf`: the text layer, read by pdf-extract (pure Rust, on lopdf) page by page. Running
//! headers and footers (a line that opens or closes most pages, digits aside) and page numbers
//! are dropped, words hyphenated at a line end are joined, and lines are joined into paragraphs
//! (a paragraph ends at a wider vertical gap, or at a short line that ends a sentence). The title
//! is the document's `Title` metadata, else its first line; the date its `CreationDate`. A file
//! with no text layer (scanned pages), an encrypted file that opens with no empty password and a
//! broken file are each skipped with that reason; a panic in the PDF library is caught and
//! reported the same way, so one bad file never stops a load.

use super::Item;
use crate::corpus::build::Draft;
use pdf_extract::{Document, Object, PlainTextOutput};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Pages read at most: a bound on the time one file may take.
const MAX_PAGES: u32 = 2000;

/// Reads a PDF file.
pub fn read_pdf(bytes: &[u8]) -> Vec<Item> {
    let outcome = catch_unwind(AssertUnwindSafe(|| read(bytes)))
        .unwrap_or_else(|_| Err("broken PDF (its content could not be decoded)".to_string()));
    vec![outcome.map(|d| (None, d)).map_err(|r| (None, r))]
}

fn read(bytes: &[u8]) -> Result<Draft, String> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err("not a PDF file (no %PDF header)".to_string());
    }
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("broken PDF ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted PDF (it needs a password to be read)".to_string());
    }
    let info = info(&doc);
    let pages = page_texts(&doc);
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err("PDF without a text layer (scanned pages? no text to read)".to_string());
    }
    let text = rebuild(&pages);
    let title = info.get("Title").cloned().filter(|t| !t.trim().is_empty());
    Ok(Draft {
        id: None,
        title,
        section: None,
        source: info.get("Author").cloned().filter(|a| !a.trim().is_empty()),
        published: info.get("CreationDate").and_then(|d| pdf_date(d)),
        url: None,
        text,
        // Without a Title, the first line is the headline, as in a text file.
        structured: false,
    })
}

/// The text of each page, in order.
fn page_texts(doc: &Document) -> Vec<String> {
    let count = doc.get_pages().len().min(MAX_PAGES as usize) as u32;
    (1..=count)
        .map(|n| {
            let mut s = String::new();
            let mut out = PlainTextOutput::new(&mut s);
            // A page that cannot be decoded gives no text; the others still count.
            let _ = pdf_extract::output_doc_page(doc, &mut out, n);
            s
        })
        .collect()
}

/// The document information dictionary's strings.
fn info(doc: &Document) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let dict = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    if let Some(dict) = dict {
        for (k, v) in dict.iter() {
            if let Object::String(bytes, _) = v {
                out.insert(String::from_utf8_lossy(k).into_owned(), pdf_string(bytes));
            }
        }
    }
    out
}

/// A PDF text string: UTF-16BE with a BOM, else PDFDocEncoding (read as Latin-1).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:20240312101500+01'00'` as `2024-03-12`.
fn pdf_date(d: &str) -> Option<String> {
    let digits: String = d
        .trim()
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() < 4 {
        return None;
    }
    let part = |r: std::ops::Range<usize>| digits.get(r).unwrap_or("01").to_string();
    Some(format!("{}-{}-{}", &digits[..4], part(4..6), part(6..8)))
}

/// A line with its digits made one shape, so that "Page 3" and "Page 4" are the same line.
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// A page number on its own: "12", "- 12 -", "Page 3", "3 of 10", "iv".
fn is_page_number(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("seite"))
        .unwrap_or(&lower)
        .trim();
    let roman = !t.is_empty() && t.len() <= 5 && t.chars().all(|c| "ivx".contains(c));
    let numeric = !t.is_empty()
        && t.split(|c: char| c == '/' || c.is_whitespace())
            .filter(|w| !w.is_empty() && *w != "of" && *w != "von")
            .all(|w| w.chars().all(|c| c.is_ascii_digit()));
    roman || numeric
}

/// Lines that open or close at least half of the pages (three pages or more), shapes compared.
fn running_lines(pages: &[Vec<&str>]) -> Vec<String> {
    if pages.len() < 3 {
        return Vec::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        let edges = lines.iter().take(2).chain(lines.iter().rev().take(2));
        let mut seen: Vec<String> = edges.map(|l| shape(l)).collect();
        seen.sort();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(s, n)| !s.is_empty() && n * 2 >= pages.len())
        .map(|(s, _)| s)
        .collect()
}

/// The pages' text as paragraphs separated by blank lines.
fn rebuild(pages: &[String]) -> String {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect::<Vec<_>>())
        .map(|ls| {
            let first = ls
                .iter()
                .position(|l| !l.trim().is_empty())
                .unwrap_or(ls.len());
            let last = ls
                .iter()
                .rposition(|l| !l.trim().is_empty())
                .map_or(first, |i| i + 1);
            ls[first..last].to_vec()
        })
        .collect();
    let running = running_lines(&pages);
    let is_edge = |i: usize, n: usize| i < 2 || i + 2 >= n;
    let mut lines: Vec<&str> = Vec::new();
    for page in &pages {
        for (i, line) in page.iter().enumerate() {
            let edge = is_edge(i, page.len());
            if edge && (is_page_number(line) || running.contains(&shape(line))) {
                continue;
            }
            lines.push(line);
        }
        // A page break is no paragraph break: a sentence may go on over it.
    }
    paragraphs(&lines)
}

/// Joins lines into paragraphs: a blank line ends one, so does a line much shorter than the
/// text's usual line that ends a sentence; a word cut by a hyphen at a line end is rejoined.
fn paragraphs(lines: &[&str]) -> String {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&w| w > 0)
        .collect();
    widths.sort_unstable();
    let usual = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);
    let mut out = String::new();
    let mut para = String::new();
    let end = |para: &mut String, out: &mut String| {
        if !para.trim().is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(para.trim());
        }
        para.clear();
    };
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            end(&mut para, &mut out);
            continue;
        }
        let next_lower = lines
            .get(i + 1)
            .and_then(|n| n.trim().chars().next())
            .is_some_and(char::is_lowercase);
        match line.strip_suffix('-') {
            Some(stem) if next_lower && stem.chars().last().is_some_and(char::is_alphabetic) => {
                para.push_str(stem);
            }
            _ => {
                para.push_str(line);
                para.push(' ');
            }
        }
        let short = line.chars().count() * 10 < usual * 7;
        if short && line.ends_with(['.', '!', '?', ':', '"', '”']) {
            end(&mut para, &mut out);
        }
    }
    end(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_heads_page_numbers_and_hyphens() {
        let page = |n: usize, body: &str| format!("Annual Report 2024\n\n{body}\n\nPage {n} of 3");
        let pages = vec![
            page(
                1,
                "The mission visited the northern dis-\ntricts in March and met local officials there.",
            ),
            page(
                2,
                "Security declined sharply after the rains.\n\nAid convoys were stopped twice.",
            ),
            page(3, "Recommendations follow in the annex."),
        ];
        let text = rebuild(&pages);
        assert!(!text.contains("Annual Report"), "{text}");
        assert!(!text.contains("Page"), "{text}");
        assert!(text.contains("northern districts in March"), "{text}");
        assert!(
            text.contains("\n\nAid convoys were stopped twice."),
            "{text}"
        );
    }

    #[test]
    fn dates_and_strings_of_the_info_dictionary() {
        assert_eq!(
            pdf_date("D:20240312101500+01'00'").as_deref(),
            Some("2024-03-12")
        );
        assert_eq!(pdf_date("D:2023").as_deref(), Some("2023-01-01"));
        assert_eq!(pdf_date("garbage"), None);
        assert_eq!(pdf_string(&[0xFE, 0xFF, 0, b'O', 0, b'K']), "OK");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
    }

    #[test]
    fn page_numbers_are_told_from_text() {
        for n in ["12", "- 12 -", "Page 3", "3 of 10", "iv", "Seite 4"] {
            assert!(is_page_number(n), "{n}");
        }
        for t in ["12 soldiers were killed", "In 2024", "Civil"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
