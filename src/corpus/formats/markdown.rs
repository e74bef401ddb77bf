//! `.md`: optional front matter (`---` with `key: value` lines, or `+++` with TOML), then
//! Markdown reduced to plain paragraphs: headings, list items and quotes become paragraphs of
//! their own, inline markup (emphasis, code, links, images, HTML tags) is removed, and the first
//! top-level heading is the title unless the front matter gives one.

use super::Item;
use crate::corpus::build::Draft;
use std::collections::BTreeMap;

/// Reads a Markdown file.
pub fn read_markdown(text: &str) -> Vec<Item> {
    let (front, body) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err(reason) => return vec![Err((None, reason))],
    };
    let get = |keys: &[&str]| keys.iter().find_map(|k| front.get(*k).cloned());
    let (heading, mut text) = to_plain(body);
    let title = match (get(&["title"]), heading) {
        // The heading stays as text; cleaning drops it when it repeats the title.
        (Some(t), Some(h)) => {
            text = format!("{h}\n\n{text}");
            Some(t)
        }
        (t, h) => t.or(h),
    };
    let draft = Draft {
        id: get(&["id"]),
        title,
        section: get(&["section", "category"]),
        source: get(&["source", "publisher"]),
        published: get(&["published", "date"]),
        url: get(&["url", "link"]),
        text,
        structured: false,
    };
    vec![Ok((None, draft))]
}

type Front = BTreeMap<String, String>;

fn split_front_matter(text: &str) -> Result<(Front, &str), String> {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('\n') else {
            continue;
        };
        let close = format!("\n{fence}");
        let (inner, after) = match rest.strip_prefix(fence) {
            Some(after) => ("", after),
            None => {
                let Some(at) = rest.find(&close) else {
                    return Err(format!(
                        "front matter opened with '{fence}' is never closed"
                    ));
                };
                (&rest[..at], &rest[at + close.len()..])
            }
        };
        let front = if fence == "+++" {
            toml_front(inner)?
        } else {
            yaml_front(inner)
        };
        return Ok((front, after));
    }
    Ok((Front::new(), text))
}

/// `key: value` lines; quotes around values are dropped, other lines ignored.
fn yaml_front(inner: &str) -> Front {
    inner
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let k = k.trim();
            if k.is_empty() || k.starts_with([' ', '#', '-']) || l.starts_with([' ', '\t']) {
                return None;
            }
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            (!v.is_empty()).then(|| (k.to_lowercase(), v.to_string()))
        })
        .collect()
}

fn toml_front(inner: &str) -> Result<Front, String> {
    let table: toml::Table =
        toml::from_str(inner).map_err(|e| format!("invalid TOML front matter: {}", e.message()))?;
    Ok(table
        .into_iter()
        .filter_map(|(k, v)| {
            let s = match v {
                toml::Value::String(s) => s,
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Integer(i) => i.to_string(),
                _ => return None,
            };
            Some((k.to_lowercase(), s))
        })
        .collect())
}

/// Markdown to plain lines: one paragraph per line, blank lines between. Returns the first `#`
/// heading (removed from the text) and the text.
fn to_plain(md: &str) -> (Option<String>, String) {
    let mut title = None;
    let mut paras: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut in_code = false;
    let flush = |current: &mut Vec<String>, paras: &mut Vec<String>| {
        if !current.is_empty() {
            paras.push(current.join(" "));
            current.clear();
        }
    };
    for raw in md.lines() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
            flush(&mut current, &mut paras);
            continue;
        }
        if in_code {
            paras.push(line.to_string());
            continue;
        }
        if line.is_empty() || is_rule(line) || is_reference(line) {
            flush(&mut current, &mut paras);
            continue;
        }
        if is_underline(line) {
            // Setext heading: the previous line was the heading.
            flush(&mut current, &mut paras);
            continue;
        }
        if let Some((level, text)) = heading(line) {
            flush(&mut current, &mut paras);
            let text = inline(text);
            if level == 1 && title.is_none() && paras.is_empty() {
                title = Some(text);
            } else {
                paras.push(text);
            }
            continue;
        }
        let (marker, rest) = block_marker(line);
        if marker {
            flush(&mut current, &mut paras);
        }
        current.push(inline(rest));
        if marker {
            flush(&mut current, &mut paras);
        }
    }
    flush(&mut current, &mut paras);
    paras.retain(|p| !p.trim().is_empty());
    (title, paras.join("\n\n"))
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_')
            || compact.chars().all(|c| c == '-') && line.len() > 3)
}

fn is_underline(line: &str) -> bool {
    line.len() >= 2 && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

fn is_reference(line: &str) -> bool {
    line.starts_with('[') && line.contains("]:") && !line.contains("](")
}

/// A list item or quote marker: such a line is a paragraph of its own.
fn block_marker(line: &str) -> (bool, &str) {
    let mut rest = line;
    let mut marker = false;
    while let Some(r) = rest.strip_prefix('>') {
        rest = r.trim_start();
        marker = true;
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(r) = rest.strip_prefix(bullet) {
            return (true, r.trim_start());
        }
    }
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let after = &rest[digits..];
        if let Some(r) = after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "))
        {
            return (true, r.trim_start());
        }
    }
    (marker, rest)
}

/// How far inline markup looks for its closing bracket (keeps pathological lines linear).
const INLINE_REACH: usize = 2048;

/// Removes inline markup: images, links (keeping their text), code ticks, emphasis, HTML tags.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '!' if chars.get(i + 1) == Some(&'[') => match link_end(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match link_end(&chars, i) {
                Some((label, end)) => {
                    out.push_str(&inline(&label));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '<' => match reach(&chars[i..]).iter().position(|&c| c == '>') {
                Some(len) if is_tag(&chars[i + 1..i + len]) => {
                    let inner: String = chars[i + 1..i + len].iter().collect();
                    if inner.starts_with("http") {
                        out.push_str(&inner);
                    }
                    i += len + 1;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => i += 1,
            '*' | '_' => {
                let mut end = i;
                while end < chars.len() && chars[end] == c {
                    end += 1;
                }
                if !is_emphasis(&chars, i, end) {
                    out.extend(&chars[i..end]);
                }
                i = end;
            }
            '\\' if chars.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reach(chars: &[char]) -> &[char] {
    &chars[..chars.len().min(INLINE_REACH)]
}

fn is_tag(inner: &[char]) -> bool {
    let first = inner.first().copied().unwrap_or(' ');
    (first.is_ascii_alphabetic() || first == '/' || first == '!') && !inner.contains(&'<')
}

/// The `*` or `_` run `start..end` opens or closes emphasis (not inside a word like snake_case).
fn is_emphasis(chars: &[char], start: usize, end: usize) -> bool {
    let c = chars[start];
    let before = start.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(end).copied();
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if c == '_' && word(before) && word(after) {
        return false;
    }
    let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
    !(space(before) && space(after))
}

/// `[label](target)` or `[label][ref]` starting at `i`: the label and the index after it.
fn link_end(chars: &[char], i: usize) -> Option<(String, usize)> {
    let close = i + reach(&chars[i..]).iter().position(|&c| c == ']')?;
    let label: String = chars[i + 1..close].iter().collect();
    let shut = match chars.get(close + 1) {
        Some('(') => ')',
        Some('[') => ']',
        _ => return None,
    };
    let end = close + 1 + reach(&chars[close + 1..]).iter().position(|&c| c == shut)?;
    Some((label, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        read_markdown(text).remove(0).unwrap().1
    }

    #[test]
    fn yaml_front_matter() {
        let d = draft(
            "---\ntitle: \"Border closed\"\ndate: 2024-03-12\nsource: Wire\n---\n# Ignored heading\n\nText **bold** and [a link](http://x.y).\n",
        );
        assert_eq!(d.title.as_deref(), Some("Border closed"));
        assert_eq!(d.published.as_deref(), Some("2024-03-12"));
        assert_eq!(d.source.as_deref(), Some("Wire"));
        assert_eq!(d.text, "Ignored heading\n\nText bold and a link.");
    }

    #[test]
    fn toml_front_matter_and_errors() {
        let d = draft("+++\ntitle = \"T\"\ndate = 2024-03-12\n+++\nBody.");
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.published.as_deref(), Some("2024-03-12"));
        let bad = read_markdown("+++\ntitle = \n+++\nBody.");
        assert!(
            bad[0]
                .as_ref()
                .unwrap_err()
                .1
                .contains("invalid TOML front matter")
        );
        let open = read_markdown("---\ntitle: x\nBody.");
        assert!(open[0].as_ref().unwrap_err().1.contains("never closed"));
    }

    #[test]
    fn plain_first_line_is_left_for_headline_detection() {
        let d =
            draft("Border stays closed\n\nThe crossing stays shut, officials said on Monday.\n");
        assert_eq!(d.title, None);
        assert!(!d.structured);
        let a = crate::corpus::build::finish(
            d,
            &crate::corpus::build::Origin {
                id: "m",
                path: "m.md",
                format: crate::corpus::Format::Markdown,
                folder_source: None,
                lossy: false,
            },
            &crate::corpus::build::Tools::builtin(),
        )
        .unwrap();
        assert_eq!(a.title, "Border stays closed");
        assert_eq!(a.body, "The crossing stays shut, officials said on Monday.");
    }

    #[test]
    fn heading_lists_and_wrapping() {
        let d = draft(
            "# Title here\n\nA paragraph that is\nhard wrapped.\n\n- first item\n- second `item`\n\n> quoted snake_case text\n\n![img](a.png)\n",
        );
        assert_eq!(d.title.as_deref(), Some("Title here"));
        assert_eq!(
            d.text,
            "A paragraph that is hard wrapped.\n\nfirst item\n\nsecond item\n\nquoted snake_case text"
        );
    }
}
