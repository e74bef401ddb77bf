//! The tolerant tag scanner (no DOM): tokens, attributes and character references, and the
//! walk that turns markup into text blocks. Script, style, forms' controls and page furniture
//! (`assets/html.toml`) are dropped, so are elements whose class or id names boilerplate
//! (share bars, comments, related lists, newsletter boxes). Open elements are counted as they
//! open and close, so that no step walks the stack: hostile nesting stays linear.

use super::HtmlRules;
use std::collections::{HashMap, HashSet};

pub enum Token<'a> {
    Text(&'a str),
    Start(String, &'a str),
    End(String),
}

/// Raw-text elements whose content is never markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];

pub fn tokenize(html: &str) -> Vec<Token<'_>> {
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
pub fn attr(attrs: &str, name: &str) -> Option<String> {
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
        // A reference is at most 32 bytes long: look no further for its `;`, so that a text of
        // many bare `&` is read in linear time.
        let semi = rest.as_bytes()[1..]
            .iter()
            .take(33)
            .position(|&b| b == b';')
            .map(|n| n + 1);
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

/// What a block of text was in the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Para,
    Heading,
    Item,
}

/// A run of text between two block boundaries.
#[derive(Debug)]
pub struct Block {
    pub text: String,
    /// Inside an `<article>`, `<main>` or `role=main` element.
    pub main: bool,
    pub kind: Kind,
    /// Bytes of the text inside links.
    pub link_bytes: usize,
}

/// The open elements, with counts kept as elements open and close.
#[derive(Default)]
struct Open {
    stack: Vec<(String, Flags)>,
    /// How many of each element are open.
    by_name: HashMap<String, usize>,
    hidden: usize,
    main: usize,
    links: usize,
    items: usize,
    headings: usize,
}

#[derive(Clone, Copy, Default)]
struct Flags {
    /// Ordinal of its start tag in the page.
    ordinal: usize,
    /// Visible text bytes read before it opened.
    text_at_open: usize,
    /// Its class or id names furniture.
    furniture: bool,
    hidden: bool,
    main: bool,
    link: bool,
    item: bool,
    heading: bool,
}

impl Open {
    fn push(&mut self, name: String, flags: Flags) {
        self.hidden += usize::from(flags.hidden);
        self.main += usize::from(flags.main);
        self.links += usize::from(flags.link);
        self.items += usize::from(flags.item);
        self.headings += usize::from(flags.heading);
        *self.by_name.entry(name.clone()).or_default() += 1;
        self.stack.push((name, flags));
    }

    /// Closes the innermost `name` and anything left open inside it, each shown to `on_close`;
    /// a stray end tag is ignored.
    fn close(&mut self, name: &str, mut on_close: impl FnMut(&Flags)) {
        if self.by_name.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        while let Some((n, flags)) = self.stack.pop() {
            on_close(&flags);
            self.hidden -= usize::from(flags.hidden);
            self.main -= usize::from(flags.main);
            self.links -= usize::from(flags.link);
            self.items -= usize::from(flags.item);
            self.headings -= usize::from(flags.heading);
            if let Some(c) = self.by_name.get_mut(&n) {
                *c -= 1;
            }
            if n == name {
                break;
            }
        }
    }

    fn innermost(&self) -> Option<&str> {
        self.stack.last().map(|(n, _)| n.as_str())
    }

    /// The kind of the text read now.
    fn kind(&self) -> Kind {
        if self.headings > 0 {
            Kind::Heading
        } else if self.items > 0 {
            Kind::Item
        } else {
            Kind::Para
        }
    }
}

/// What the walk reports besides blocks: every start tag (for metadata) and the text of
/// elements it does not show (titles, JSON-LD scripts, headings).
pub trait Visitor {
    fn start(&mut self, _name: &str, _attrs: &str, _main: bool) {}
    fn end(&mut self, _name: &str, _main: bool) {}
    /// Raw text (entities not decoded) of every element, shown or not, with the innermost name.
    fn text(&mut self, _innermost: Option<&str>, _text: &str) {}
}

impl Visitor for () {}

/// True when an element's class or id names page furniture rather than content.
fn is_boilerplate(attrs: &str, rules: &HtmlRules) -> bool {
    ["class", "id"].iter().any(|key| {
        attr(attrs, key).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| !w.is_empty() && rules.boilerplate.contains(&w.to_ascii_lowercase()))
        })
    })
}

struct Blocks<'r> {
    rules: &'r HtmlRules,
    out: Vec<Block>,
    current: String,
    main: bool,
    link_bytes: usize,
}

impl Blocks<'_> {
    fn flush(&mut self, kind: Kind) {
        let t = collapse(&self.current);
        if !t.is_empty() {
            self.out.push(Block {
                text: t,
                main: self.main,
                kind,
                link_bytes: self.link_bytes.min(self.current.len()),
            });
        }
        self.current.clear();
        self.link_bytes = 0;
    }

    fn push(&mut self, text: &str, main: bool, in_link: bool) {
        let mut decoded = decode_entities(text, self.rules);
        // Soft hyphens only say where a word may break.
        if decoded.contains('\u{AD}') {
            decoded.retain(|c| c != '\u{AD}');
        }
        if in_link {
            self.link_bytes += decoded.trim().len();
        }
        self.main = main;
        self.current.push_str(&decoded);
    }
}

/// HTML whitespace collapsing; no-break spaces are text and stay.
pub fn collapse(text: &str) -> String {
    crate::corpus::clean::collapse_spaces(text)
}

/// Elements (by start-tag ordinal) whose class or id names furniture and that hold less than
/// half of the page's visible text: a wrapper of the whole page named "has-sidebar" stays.
fn furniture(tokens: &[Token], rules: &HtmlRules) -> HashSet<usize> {
    let mut open = Open::default();
    let mut text = 0;
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut ordinal = 0;
    let record = |f: &Flags, text: usize, found: &mut Vec<(usize, usize)>| {
        if f.furniture {
            found.push((f.ordinal, text - f.text_at_open));
        }
    };
    for tok in tokens {
        match tok {
            Token::Start(name, attrs) => {
                ordinal += 1;
                if !rules.void.contains(name) && !attrs.trim_end().ends_with('/') {
                    let flags = Flags {
                        ordinal,
                        text_at_open: text,
                        furniture: is_boilerplate(attrs, rules),
                        hidden: rules.drop.contains(name) || RAW_TEXT.contains(&name.as_str()),
                        ..Flags::default()
                    };
                    open.push(name.clone(), flags);
                }
            }
            Token::End(name) => open.close(name, |f| record(f, text, &mut found)),
            Token::Text(t) if open.hidden == 0 => {
                text += t.bytes().filter(|b| !b.is_ascii_whitespace()).count();
            }
            Token::Text(_) => {}
        }
    }
    while let Some((_, f)) = open.stack.pop() {
        record(&f, text, &mut found);
    }
    found
        .into_iter()
        .filter(|&(_, size)| size * 2 < text)
        .map(|(o, _)| o)
        .collect()
}

/// A page's text blocks, and how big its element tree is.
pub struct Scanned {
    pub blocks: Vec<Block>,
    /// The deepest nesting of open elements.
    pub max_depth: usize,
    /// Start tags read.
    pub elements: usize,
}

/// Walks the page: its text blocks, with every tag and text shown to `visitor`.
/// `strip_boilerplate` drops elements whose class or id names furniture.
pub fn scan(
    html: &str,
    rules: &HtmlRules,
    strip_boilerplate: bool,
    visitor: &mut impl Visitor,
) -> Scanned {
    let mut max_depth = 0;
    let mut elements = 0;
    let tokens = tokenize(html);
    let furniture = if strip_boilerplate {
        furniture(&tokens, rules)
    } else {
        HashSet::new()
    };
    let mut open = Open::default();
    let mut b = Blocks {
        rules,
        out: Vec::new(),
        current: String::new(),
        main: false,
        link_bytes: 0,
    };
    for tok in tokens {
        match tok {
            Token::Start(name, attrs) => {
                elements += 1;
                visitor.start(&name, attrs, open.main > 0);
                if rules.block.contains(&name) {
                    b.flush(open.kind());
                }
                if !rules.void.contains(&name) && !attrs.trim_end().ends_with('/') {
                    let flags = Flags {
                        hidden: rules.drop.contains(&name)
                            || RAW_TEXT.contains(&name.as_str())
                            || furniture.contains(&elements),
                        main: rules.main.contains(&name)
                            || attr(attrs, "role").is_some_and(|r| r.eq_ignore_ascii_case("main")),
                        link: name == "a",
                        item: matches!(name.as_str(), "li" | "dt" | "dd"),
                        heading: matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
                        ..Flags::default()
                    };
                    open.push(name, flags);
                    max_depth = max_depth.max(open.stack.len());
                }
            }
            Token::End(name) => {
                if rules.block.contains(&name) {
                    b.flush(open.kind());
                }
                open.close(&name, |_| {});
                visitor.end(&name, open.main > 0);
            }
            Token::Text(t) => {
                visitor.text(open.innermost(), t);
                if open.hidden == 0 {
                    b.push(t, open.main > 0, open.links > 0);
                }
            }
        }
    }
    b.flush(open.kind());
    Scanned {
        blocks: b.out,
        max_depth,
        elements,
    }
}
