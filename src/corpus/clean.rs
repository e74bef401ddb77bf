//! Cleaning scraped text: web debris around the body is cut (patterns in `assets/debris.toml`),
//! a section line and a repeated headline are taken apart, bylines become metadata, and the rest
//! is rebuilt as paragraphs.
//!
//! Layout handled (the plain-text dumps of news pages): an optional short section line, a
//! headline that may be repeated two or three times (possibly glued to debris from the previous
//! page), the body, and debris before or after it. A debris marker such as "Leave a Reply" ends
//! the body once it has begun.

use super::metadata::MetaRules;
use crate::date::DateValue;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../assets/debris.toml");

/// A line with at least this many words means the body has begun.
const BODY_LINE_WORDS: usize = 10;
/// A section line has at most this many words.
const SECTION_MAX_WORDS: usize = 4;
/// A headline has at most this many words.
const HEADLINE_MAX_WORDS: usize = 30;
/// How many leading lines are searched for the headline and its repeats.
const HEAD_LINES: usize = 6;
/// How many lines at each end are searched for a byline.
const BYLINE_LINES: usize = 6;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DebrisFile {
    end_of_body: Vec<String>,
    drop: Vec<String>,
    edge: Vec<String>,
    glued: Vec<String>,
}

/// Compiled debris patterns.
pub struct Rules {
    end_of_body: Option<Regex>,
    drop: Option<Regex>,
    edge: Option<Regex>,
    glued: Vec<String>,
    source: DebrisFile,
}

impl Rules {
    /// Parses a debris TOML document (the format of `assets/debris.toml`).
    pub fn from_toml_str(text: &str) -> Result<Self, String> {
        let file: DebrisFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Self::compile(file)
    }

    /// Adds the entries of a user debris file to these rules.
    pub fn extend_from_toml(&mut self, text: &str) -> Result<(), String> {
        let extra: DebrisFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut all = std::mem::take(&mut self.source);
        all.end_of_body.extend(extra.end_of_body);
        all.drop.extend(extra.drop);
        all.edge.extend(extra.edge);
        all.glued.extend(extra.glued);
        *self = Self::compile(all)?;
        Ok(())
    }

    fn compile(file: DebrisFile) -> Result<Self, String> {
        Ok(Self {
            end_of_body: alternation(&file.end_of_body)?,
            drop: alternation(&file.drop)?,
            edge: alternation(&file.edge)?,
            glued: file.glued.iter().map(|g| g.to_lowercase()).collect(),
            source: file,
        })
    }

    /// The built-in rules plus the entries of a user debris file.
    pub fn builtin_with(user_toml: &str) -> Result<Self, String> {
        let mut rules = Self::from_toml_str(BUILTIN)?;
        rules.extend_from_toml(user_toml)?;
        Ok(rules)
    }

    /// The rules embedded in the binary.
    pub fn builtin() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            // The embedded file is checked by a unit test; no rules is the safe fallback.
            Rules::from_toml_str(BUILTIN).unwrap_or_else(|_| Rules {
                end_of_body: None,
                drop: None,
                edge: None,
                glued: Vec::new(),
                source: DebrisFile::default(),
            })
        })
    }

    fn ends_body(&self, line: &str) -> bool {
        self.end_of_body.as_ref().is_some_and(|r| r.is_match(line))
    }

    fn drops(&self, line: &str) -> bool {
        self.drop.as_ref().is_some_and(|r| r.is_match(line))
    }

    fn edge_debris(&self, line: &str) -> bool {
        self.edge.as_ref().is_some_and(|r| r.is_match(line))
            || self.drops(line)
            || self.ends_body(line)
    }

    /// Strips debris glued to the start or end of a line ("Back to top buttonAn ...").
    fn unglue(&self, line: &str) -> String {
        let mut s = line.to_string();
        for g in &self.glued {
            // Glued means a case change at the seam: "buttonAn", "escalationShare this".
            if let Some(rest) = strip_prefix_ci(&s, g)
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            {
                s = rest.to_string();
            }
            if let Some(rest) = strip_suffix_ci(&s, g)
                && rest.chars().last().is_some_and(|c| !c.is_whitespace())
                && s[rest.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                s = rest.to_string();
            }
        }
        s
    }
}

fn alternation(list: &[String]) -> Result<Option<Regex>, String> {
    if list.is_empty() {
        return Ok(None);
    }
    for p in list {
        Regex::new(p).map_err(|e| format!("debris pattern '{p}': {e}"))?;
    }
    let joined = list
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!("(?i)^(?:{joined})$"))
        .map(Some)
        .map_err(|e| e.to_string())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}

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
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| rules.unglue(&collapse_spaces(l)))
        .map(|l| collapse_spaces(&l))
        .collect();
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

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
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

fn norm(line: &str) -> String {
    line.trim_end_matches(['.', ':', ' '])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn remove_title_repeats(lines: &mut Vec<String>, title: &str) {
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
        && words <= HEADLINE_MAX_WORDS
        && !line.ends_with(['.', ',', ';'])
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
}

fn is_section(line: &str) -> bool {
    word_count(line) <= SECTION_MAX_WORDS
        && line.chars().count() <= 40
        && !line.ends_with(['.', '!', '?', ':', ',', ';'])
}

fn detect_head(lines: &mut Vec<String>, out: &mut Cleaned) {
    let head: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_empty())
        .take(HEAD_LINES)
        .collect();
    let Some(&first) = head.first() else { return };
    // A repeated line near the top is the headline.
    let repeated = head.iter().enumerate().find_map(|(k, &i)| {
        let n = norm(&lines[i]);
        head[k + 1..]
            .iter()
            .any(|&j| norm(&lines[j]) == n)
            .then_some((k, i))
    });
    let (title_k, title_i) = match repeated {
        Some(hit) if is_headline(&lines[hit.1]) => hit,
        _ => match head.get(1) {
            Some(&second)
                if is_section(&lines[first])
                    && is_headline(&lines[second])
                    && word_count(&lines[second]) > word_count(&lines[first]) =>
            {
                (1, second)
            }
            _ if is_headline(&lines[first]) => (0, first),
            _ => return,
        },
    };
    let title_norm = norm(&lines[title_i]);
    for &i in &head[..title_k] {
        // The headline glued to debris from the previous page ("...buttonAn increasingly").
        if norm(&lines[i]).ends_with(&title_norm) {
            lines[i].clear();
        }
    }
    if title_k == 1 && !lines[first].is_empty() && is_section(&lines[first]) {
        out.section = Some(lines[first].clone());
        lines[first].clear();
    } else if title_k > 0 {
        // Unrecognised lines before a repeated headline are debris from the previous page.
        for &i in &head[..title_k] {
            lines[i].clear();
        }
    }
    let title = lines[title_i].clone();
    remove_title_repeats(lines, &title);
    out.title = Some(title);
}

/// Rebuilds paragraphs: blank lines separate them; inside a block a line that ends a sentence (or
/// is short, like a subheading) ends a paragraph, and a hard-wrapped line joins the next one.
pub fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        if !is_wrapped(line) {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn is_wrapped(line: &str) -> bool {
    line.chars().count() >= 40
        && !line.ends_with(['.', '!', '?', '…', ':', '"', '”', '»', ')', '’', '\''])
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.trim().is_empty() {
        out.push(std::mem::take(current));
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Cleaned {
        clean_text(text, None, Rules::builtin(), MetaRules::builtin())
    }

    const BODY: &str = "The ministry said on Tuesday that the border crossing would stay closed until further notice.";

    #[test]
    fn builtin_rules_parse() {
        assert!(Rules::from_toml_str(BUILTIN).is_ok());
    }

    #[test]
    fn section_and_headline_are_taken_apart() {
        let c = clean(&format!(
            "Niger\n\nBorder stays closed after talks fail\n\n{BODY}\n"
        ));
        assert_eq!(c.section.as_deref(), Some("Niger"));
        assert_eq!(
            c.title.as_deref(),
            Some("Border stays closed after talks fail")
        );
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn repeated_and_glued_headline_appears_once() {
        let text = format!(
            "Back to top buttonBorder stays closed\n\nBorder stays closed\nBorder stays closed\n\n{BODY}"
        );
        let c = clean(&text);
        assert_eq!(c.title.as_deref(), Some("Border stays closed"));
        assert_eq!(c.section, None);
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn headline_glued_to_unknown_debris_is_not_a_section() {
        let text = format!(
            "Whatever widgetBorder stays closed\nBorder stays closed\nBorder stays closed\n\n{BODY}"
        );
        let c = clean(&text);
        assert_eq!(c.title.as_deref(), Some("Border stays closed"));
        assert_eq!(c.section, None);
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn bare_date_line_at_the_top_is_the_publication_date() {
        let c = clean(&format!("Border stays closed\n12 March 2024\n\n{BODY}"));
        assert_eq!(c.published, DateValue::ymd(2024, 3, 12));
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn end_marker_drops_everything_after() {
        let text = format!(
            "Headline here\n\n{BODY}\n\nLeave a Reply\n\nA comment that is long enough to look like text, really it is.\n\nRelated Articles"
        );
        let c = clean(&text);
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn prev_next_links_and_share_lines_are_cut() {
        let text = format!(
            "Headline here\n\nShare this:\n{BODY}\n\nPREV Some other story about something\nNEXT Another story: what happened?\n"
        );
        let c = clean(&text);
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn byline_becomes_metadata() {
        let text = format!("Headline here\nBy Jane Doe | March 12, 2024\n\n{BODY}");
        let c = clean(&text);
        assert_eq!(c.author.as_deref(), Some("Jane Doe"));
        assert_eq!(c.published, DateValue::ymd(2024, 3, 12));
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let lines: Vec<String> = [
            "This is a hard wrapped line of text that goes on",
            "and ends here.",
            "",
            "Second paragraph.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            paragraphs(&lines),
            vec![
                "This is a hard wrapped line of text that goes on and ends here.",
                "Second paragraph."
            ]
        );
    }

    #[test]
    fn known_title_repeats_removed() {
        let c = clean_text(
            &format!("Border stays closed\n\n{BODY}"),
            Some("Border stays closed"),
            Rules::builtin(),
            MetaRules::builtin(),
        );
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    }

    #[test]
    fn user_rules_extend_builtin() {
        let mut rules = Rules::from_toml_str(BUILTIN).unwrap();
        rules
            .extend_from_toml("drop = ['brought to you by .*']")
            .unwrap();
        let c = clean_text(
            &format!("Headline here\n\n{BODY}\n\nBrought to you by Acme"),
            None,
            &rules,
            MetaRules::builtin(),
        );
        assert_eq!(c.paragraphs, vec![BODY.to_string()]);
        assert!(rules.extend_from_toml("drop = ['(']").is_err());
    }
}
