//! `.html`/`.htm`: a tolerant tag scanner (no DOM) that keeps the main content's headings and
//! paragraphs. Script, style, nav, header, footer, aside, forms and comments are dropped (element
//! lists in `assets/html.toml`); when the page has an `<article>` or `<main>`, only its text is
//! kept. The title is the first `<h1>` (of the main content if it has one), else `og:title`,
//! else `<title>` without a trailing " | Site" part; `<meta>` tags give the date, site name,
//! section and canonical URL. Character references (`&amp;`, `&#8217;`, `&#x2019;`) are decoded.

use super::Item;
use crate::corpus::build::Draft;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../../assets/html.toml");

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HtmlFile {
    drop_elements: Vec<String>,
    block_elements: Vec<String>,
    main_elements: Vec<String>,
    void_elements: Vec<String>,
    entities: HashMap<String, String>,
}

/// Element lists and character references.
#[derive(Default)]
pub struct HtmlRules {
    drop: HashSet<String>,
    block: HashSet<String>,
    main: HashSet<String>,
    void: HashSet<String>,
    entities: HashMap<String, String>,
}

impl HtmlRules {
    /// Parses an HTML rules document (the format of `assets/html.toml`).
    pub fn from_toml_str(text: &str) -> Result<Self, String> {
        let f: HtmlFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let set = |v: Vec<String>| v.into_iter().map(|s| s.to_ascii_lowercase()).collect();
        Ok(Self {
            drop: set(f.drop_elements),
            block: set(f.block_elements),
            main: set(f.main_elements),
            void: set(f.void_elements),
            entities: f.entities,
        })
    }

    /// The rules embedded in the binary.
    pub fn builtin() -> &'static HtmlRules {
        static RULES: OnceLock<HtmlRules> = OnceLock::new();
        // The embedded file is checked by a unit test; empty rules are the safe fallback.
        RULES.get_or_init(|| HtmlRules::from_toml_str(BUILTIN).unwrap_or_default())
    }
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Start(String, &'a str),
    End(String),
}

/// Raw-text elements whose content is never markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];

fn tokenize(html: &str) -> Vec<Token<'_>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let end = html[i..].find('<').map_or(b.len(), |n| i + n);
            out.push(Token::Text(&html[i..end]));
            i = end;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |n| i + n + 3);
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(b.len(), |n| i + n + 1);
        } else if let Some(name) = tag_name(&rest[1..]) {
            let close = tag_close(rest).unwrap_or(rest.len());
            let attrs = rest[1 + name.len()..close].trim_end_matches('>');
            let lname = name.to_ascii_lowercase();
            i += close;
            if RAW_TEXT.contains(&lname.as_str()) {
                let end = find_ci(&html[i..], &format!("</{lname}")).map_or(b.len(), |n| i + n);
                out.push(Token::Start(lname.clone(), attrs));
                out.push(Token::Text(&html[i..end]));
                out.push(Token::End(lname));
                i = html[end..].find('>').map_or(b.len(), |n| end + n + 1);
            } else {
                out.push(Token::Start(lname, attrs));
            }
        } else if let Some(name) = rest.strip_prefix("</").and_then(tag_name) {
            out.push(Token::End(name.to_ascii_lowercase()));
            i = rest.find('>').map_or(b.len(), |n| i + n + 1);
        } else {
            out.push(Token::Text("<"));
            i += 1;
        }
    }
    out
}

fn tag_name(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(s.len());
    Some(&s[..len])
}

/// Index just after the `>` closing a start tag, skipping quoted attribute values.
fn tag_close(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The value of attribute `name` in a start tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let key = &attrs[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vstart = i + 1;
                let vend = attrs[vstart..]
                    .bytes()
                    .position(|c| c == q)
                    .map_or(b.len(), |n| vstart + n);
                value = &attrs[vstart..vend];
                i = vend + 1;
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vstart..i];
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value.to_string());
        }
        if i == start {
            i += 1;
        }
    }
    None
}

/// Decodes character references; unknown ones are left as written.
pub fn decode_entities(text: &str, rules: &HtmlRules) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let semi = rest[1..].find(';').filter(|&n| n <= 32).map(|n| n + 1);
        let decoded = semi.and_then(|s| {
            let name = &rest[1..s];
            let value = match name.strip_prefix('#') {
                Some(num) => Some(numeric(num).to_string()),
                None => rules.entities.get(name).cloned(),
            };
            value.map(|v| (v, s + 1))
        });
        match decoded {
            Some((v, len)) => {
                out.push_str(&v);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn numeric(num: &str) -> char {
    let code = match num.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => num.parse::<u32>().ok(),
    };
    code.filter(|&c| c != 0)
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}')
}

#[derive(Default)]
struct Page {
    title: Option<String>,
    h1: Option<String>,
    /// The kept `<h1>` lies inside the main content.
    h1_in_main: bool,
    meta: HashMap<String, String>,
    canonical: Option<String>,
    blocks: Vec<(bool, String)>,
}

/// The main text of a page: its blocks separated by blank lines.
fn main_text(page: &Page) -> String {
    let in_main = page.blocks.iter().any(|(m, _)| *m);
    let text: Vec<&str> = page
        .blocks
        .iter()
        .filter(|(m, _)| *m || !in_main)
        .map(|(_, t)| t.as_str())
        .collect();
    text.join("\n\n")
}

/// True when a text field holds HTML markup rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text
        .get(..text.len().min(4096))
        .unwrap_or(text)
        .to_ascii_lowercase();
    ["<p>", "<p ", "<br", "</p>", "<div", "</a>", "<html"]
        .iter()
        .any(|t| lower.contains(t))
}

/// The text of an HTML fragment (a JSON body written in HTML).
pub fn fragment_text(html: &str) -> String {
    main_text(&scan(html, HtmlRules::builtin()))
}

/// Reads an HTML file.
pub fn read_html(html: &str) -> Vec<Item> {
    let rules = HtmlRules::builtin();
    let page = scan(html, rules);
    let meta = |keys: &[&str]| keys.iter().find_map(|k| page.meta.get(*k).cloned());
    let title = page
        .h1
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| page.title.as_deref().map(strip_site_suffix));
    let draft = Draft {
        id: None,
        title,
        section: meta(&["article:section"]),
        source: meta(&["og:site_name", "application-name"]),
        published: meta(&[
            "article:published_time",
            "datepublished",
            "date",
            "pubdate",
            "dc.date",
            "dcterms.date",
            "og:published_time",
        ]),
        url: page.canonical.clone().or_else(|| meta(&["og:url"])),
        text: main_text(&page),
        structured: true,
    };
    vec![Ok((None, draft))]
}

fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(at) = title.rfind(sep) {
            let head = title[..at].trim();
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    title.trim().to_string()
}

/// HTML whitespace collapsing; no-break spaces are text and stay.
fn collapse(text: &str) -> String {
    crate::corpus::clean::collapse_spaces(text)
}

fn scan(html: &str, rules: &HtmlRules) -> Page {
    let mut page = Page::default();
    // Open elements, each with whether it holds the main content.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut current_main = false;
    let mut h1: Option<String> = None;
    let flush = |current: &mut String, main: bool, page: &mut Page| {
        let t = collapse(current);
        if !t.is_empty() {
            page.blocks.push((main, t));
        }
        current.clear();
    };
    for tok in tokenize(html) {
        match tok {
            Token::Start(name, attrs) => {
                on_meta(&name, attrs, &mut page);
                if rules.block.contains(&name) {
                    flush(&mut current, current_main, &mut page);
                }
                if name == "h1" && h1.is_none() && !page.h1_in_main {
                    h1 = Some(String::new());
                }
                if !rules.void.contains(&name) && !attrs.trim_end().ends_with('/') {
                    let main = rules.main.contains(&name)
                        || attr(attrs, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"));
                    stack.push((name, main));
                }
            }
            Token::End(name) => {
                if rules.block.contains(&name) {
                    flush(&mut current, current_main, &mut page);
                }
                if name == "h1"
                    && let Some(t) = h1.take()
                {
                    // The first <h1>, unless a later one sits in the main content (sites often
                    // put their name in an <h1> of the page header).
                    let t = collapse(&decode_entities(&t, rules));
                    let in_main = stack.iter().any(|(_, m)| *m);
                    if !t.is_empty() && (page.h1.is_none() || in_main) {
                        page.h1 = Some(t);
                        page.h1_in_main = in_main;
                    }
                }
                // Close it and anything left open inside it; a stray end tag is ignored.
                if let Some(at) = stack.iter().rposition(|(n, _)| *n == name) {
                    stack.truncate(at);
                }
            }
            Token::Text(t) => {
                if stack.last().is_some_and(|(n, _)| n == "title") {
                    let t = collapse(&decode_entities(t, rules));
                    if page.title.is_none() && !t.is_empty() {
                        page.title = Some(t);
                    }
                    continue;
                }
                if let Some(h) = h1.as_mut() {
                    h.push_str(t);
                }
                let hidden = stack
                    .iter()
                    .any(|(n, _)| rules.drop.contains(n) || RAW_TEXT.contains(&n.as_str()));
                if hidden {
                    continue;
                }
                current_main = stack.iter().any(|(_, m)| *m);
                current.push_str(&decode_entities(t, rules));
            }
        }
    }
    flush(&mut current, current_main, &mut page);
    page
}

fn on_meta(name: &str, attrs: &str, page: &mut Page) {
    match name {
        "meta" => {
            let key = attr(attrs, "property")
                .or_else(|| attr(attrs, "name"))
                .or_else(|| attr(attrs, "itemprop"));
            if let (Some(k), Some(v)) = (key, attr(attrs, "content")) {
                page.meta.entry(k.to_ascii_lowercase()).or_insert(v);
            }
        }
        "link" if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
            page.canonical = attr(attrs, "href");
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(html: &str) -> Draft {
        read_html(html).remove(0).unwrap().1
    }

    #[test]
    fn builtin_rules_parse() {
        assert!(HtmlRules::from_toml_str(BUILTIN).is_ok());
    }

    #[test]
    fn main_content_only_and_furniture_dropped() {
        let d = draft(
            r#"<!DOCTYPE html><html><head><title>Border closed | Daily Wire</title>
            <meta property="article:published_time" content="2024-03-12T08:00:00Z">
            <meta property="og:site_name" content="Daily Wire"><style>p{}</style></head>
            <body><nav><a>Home</a></nav><header><h1>Border closed</h1></header>
            <article><p>Officials said the crossing &amp; the road would stay shut.</p>
            <!-- ad slot --><script>var x = "<p>no</p>";</script>
            <h2>Talks stall</h2><p>They didn&#8217;t say when. It&#x2019;s unclear.</p>
            <aside>Read more</aside></article><footer>© 2024</footer></body></html>"#,
        );
        assert_eq!(d.title.as_deref(), Some("Border closed"));
        assert_eq!(d.published.as_deref(), Some("2024-03-12T08:00:00Z"));
        assert_eq!(d.source.as_deref(), Some("Daily Wire"));
        assert_eq!(
            d.text,
            "Officials said the crossing & the road would stay shut.\n\nTalks stall\n\nThey didn’t say when. It’s unclear."
        );
    }

    #[test]
    fn headline_of_the_article_beats_the_site_name() {
        let d = draft(
            "<header><h1>Daily Site</h1></header><main><h1>Drone downed near border</h1><p>Text.</p></main>",
        );
        assert_eq!(d.title.as_deref(), Some("Drone downed near border"));
    }

    #[test]
    fn no_main_element_keeps_body_text_and_title_tag() {
        let d = draft(
            "<title>Some long page title - Site</title><p>One&nbsp;two</p><div>Three<br>Four</div>",
        );
        assert_eq!(d.title.as_deref(), Some("Some long page title"));
        assert_eq!(d.text, "One\u{A0}two\n\nThree\n\nFour");
    }

    #[test]
    fn entities_and_broken_markup() {
        let r = HtmlRules::builtin();
        assert_eq!(
            decode_entities("a &amp b &bogus; &#0; &#x110000; &lt;", r),
            "a &amp b &bogus; \u{FFFD} \u{FFFD} <"
        );
        let d = draft("<p>unclosed <b>bold <p>next 3 < 4 <span title='a>b'>x</span>");
        assert_eq!(d.text, "unclosed bold\n\nnext 3 < 4 x");
    }
}
