//! RSS (0.9x, 1.0, 2.0), Atom and JSON Feed files, read by feed-rs: one article per item, with
//! the item's title, link (made absolute against the feed's own address), published date (else
//! its update time) and the feed's title as source; the item's content, else its summary, is
//! read as HTML. A file that is not a feed (an `.xml` whose root is something else) is skipped
//! with what its root is.

use super::Item;
use super::html;
use crate::corpus::build::Draft;
use feed_rs::model::{Entry, Feed, Text};
use url::Url;

/// Reads a feed file.
pub fn read_feed(bytes: &[u8]) -> Vec<Item> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => return vec![Err((None, not_a_feed(bytes, &e.to_string())))],
    };
    if feed.entries.is_empty() {
        return vec![Err((None, "feed without items".to_string()))];
    }
    let source = feed.title.as_ref().map(plain);
    let base = feed_address(&feed);
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let n = i + 1;
            item(entry, source.as_deref(), base.as_ref())
                .map(|d| (Some(n), d))
                .map_err(|reason| (Some(n), reason))
        })
        .collect()
}

/// Why a file gave no feed: its root element when it is XML, else the parser's words.
fn not_a_feed(bytes: &[u8], error: &str) -> String {
    match root_element(bytes) {
        Some(root) if !matches!(root.as_str(), "rss" | "feed" | "rdf:rdf" | "rdf") => {
            format!("not a feed (the root element is <{root}>; RSS, Atom or RDF expected)")
        }
        _ => format!("not a readable feed ({error})"),
    }
}

/// The name of the first element of an XML document, in lower case.
fn root_element(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let mut rest = head.as_ref();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
            .collect();
        return Some(name.to_lowercase()).filter(|n| !n.is_empty());
    }
    None
}

/// The feed's own web address, the base of relative item links.
fn feed_address(feed: &Feed) -> Option<Url> {
    feed.links
        .iter()
        .filter(|l| l.rel.as_deref() != Some("self"))
        .chain(feed.links.iter())
        .find_map(|l| Url::parse(l.href.trim()).ok())
}

fn item(entry: &Entry, source: Option<&str>, base: Option<&Url>) -> Result<Draft, String> {
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.as_str()))
        .unwrap_or("");
    let text = as_text(body);
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    if text.trim().is_empty() && title.is_none() {
        return Err("feed item without title or text".to_string());
    }
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| absolute(&l.href, base));
    Ok(Draft {
        id: None,
        title,
        section: entry
            .categories
            .first()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone())),
        source: source.map(str::to_string).filter(|s| !s.is_empty()),
        published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
        url: link,
        text,
        structured: true,
    })
}

/// A title or name as plain text (feeds often escape HTML inside them).
fn plain(t: &Text) -> String {
    let s = t.content.trim();
    if s.contains('<') || s.contains('&') {
        html::fragment_text(s).replace("\n\n", " ")
    } else {
        s.to_string()
    }
}

/// An item's body: HTML read as a fragment, plain text as it is.
fn as_text(body: &str) -> String {
    if html::looks_like_html(body) || body.contains("&#") || body.contains("&amp;") {
        html::fragment_text(body)
    } else {
        body.trim().to_string()
    }
}

fn absolute(href: &str, base: Option<&Url>) -> String {
    let href = href.trim();
    match (Url::parse(href), base) {
        (Ok(u), _) => u.to_string(),
        (Err(_), Some(b)) => b
            .join(href)
            .map_or_else(|_| href.to_string(), |u| u.to_string()),
        (Err(_), None) => href.to_string(),
    }
}
