//! `.html`/`.htm`: the page's main text, title, date and author.
//!
//! The main content is found by dom_smoothie (a port of Mozilla's Readability: scores the
//! page's blocks by their text, commas, link density and class names, keeps the best subtree and
//! cleans it), chosen over our own scanner and rs-trafilatura on the html evaluation set
//! (EVALUATION.md, "HTML main text"). Its output goes through our scanner ([`scan`]), which
//! breaks it into paragraphs, decodes character references and drops what the page's class
//! names call furniture (share bars, comments, related lists, newsletter boxes); lists under a
//! "Read also" heading go too. When dom_smoothie finds nothing, or the page is too deeply nested
//! to hand to a tree builder, the scanner reads the page alone, keeping `<article>`/`<main>`.
//! Title, date and author come from the whole page ([`meta`]).

mod meta;
mod scan;

use super::Item;
use crate::corpus::build::Draft;
use scan::{Block, Kind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub use scan::decode_entities;

const BUILTIN: &str = include_str!("../../../../assets/html.toml");

/// Pages nested deeper than this are read by the scanner alone: a tree that deep would cost the
/// tree builder's recursive walks more stack than a loading thread has.
const MAX_TREE_DEPTH: usize = 400;

/// Longest line of a page read for a date when its markup gives none.
const DATE_LINE_BYTES: usize = 80;

/// Elements beyond which the scanner alone reads a page (a bound on the tree's memory and time).
const MAX_TREE_ELEMENTS: usize = 150_000;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HtmlFile {
    drop_elements: Vec<String>,
    block_elements: Vec<String>,
    main_elements: Vec<String>,
    void_elements: Vec<String>,
    boilerplate_names: Vec<String>,
    related_headings: Vec<String>,
    entities: HashMap<String, String>,
}

/// Element lists, boilerplate vocabulary and character references.
#[derive(Default)]
pub struct HtmlRules {
    drop: HashSet<String>,
    block: HashSet<String>,
    main: HashSet<String>,
    void: HashSet<String>,
    /// Words of class and id values that mark furniture.
    boilerplate: HashSet<String>,
    /// Headings (lowercase) that introduce lists of other stories.
    related: Vec<String>,
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
            boilerplate: set(f.boilerplate_names),
            related: f
                .related_headings
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
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

/// The text of an HTML fragment (a JSON body or a feed item written in HTML).
pub fn fragment_text(html: &str) -> String {
    let rules = HtmlRules::builtin();
    join(
        &keep_main(scan::scan(html, rules, false, &mut ()).blocks),
        rules,
    )
}

/// Reads an HTML page.
pub fn read_html(html: &str) -> Vec<Item> {
    let rules = HtmlRules::builtin();
    let mut page = meta::PageMeta::default();
    let scanned = scan::scan(html, rules, true, &mut page);
    let chosen = page.choose(rules);
    // Nothing in the markup dates the page: the first short line of it that holds a date (a
    // byline, "Stand: 05. Februar 2020"); long paragraphs are left alone, their dates are news.
    let published = chosen.published.or_else(|| {
        scanned
            .blocks
            .iter()
            .filter(|b| b.text.len() <= DATE_LINE_BYTES)
            .find_map(|b| meta::text_date(&b.text))
    });
    let has_main = scanned.blocks.iter().any(|b| b.main);
    let small = scanned.max_depth <= MAX_TREE_DEPTH && scanned.elements <= MAX_TREE_ELEMENTS;
    let marked = join(&keep_main(scanned.blocks), rules);
    // A panic in the tree builder or the scorer costs this page its Readability text, not the
    // load: the scanner's text stands in.
    let readable = small
        .then(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| readable_text(html, rules)))
                .ok()
                .flatten()
        })
        .flatten();
    let text = pick(readable, marked, has_main);
    let field = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| page.meta.get(*k))
            .map(|v| scan::collapse(&decode_entities(v, rules)))
            .filter(|v| !v.is_empty())
    };
    let draft = Draft {
        id: None,
        title: chosen.title,
        section: field(&["article:section"]),
        source: field(&["og:site_name", "application-name"]),
        published,
        url: page.canonical.clone().or_else(|| field(&["og:url"])),
        text,
        structured: true,
    };
    vec![Ok((None, draft))]
}

/// Readability's text, unless it kept less than a third of what the page marks as its
/// `<article>`/`<main>` (it chose a part of it, or cleaned lists and tables out of it): then the
/// marked content, which is also the text when Readability finds nothing.
fn pick(readable: Option<String>, marked: String, has_main: bool) -> String {
    match readable {
        Some(t) if has_main && t.len() * 3 < marked.len() => marked,
        Some(t) => t,
        None => marked,
    }
}

/// The main content as dom_smoothie finds it, read into paragraphs; `None` when it finds none.
fn readable_text(html: &str, rules: &HtmlRules) -> Option<String> {
    let cfg = dom_smoothie::Config {
        // Class names stay so that the scanner can tell furniture inside the content.
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let article = dom_smoothie::Readability::new(html, None, Some(cfg))
        .and_then(|mut r| r.parse())
        .ok()?;
    let blocks = scan::scan(&article.content, rules, true, &mut ()).blocks;
    Some(join(&blocks, rules)).filter(|t| !t.trim().is_empty())
}

/// The blocks of the main content when the page marks one, else all of them.
fn keep_main(blocks: Vec<Block>) -> Vec<Block> {
    if blocks.iter().any(|b| b.main) {
        blocks.into_iter().filter(|b| b.main).collect()
    } else {
        blocks
    }
}

/// The blocks' text separated by blank lines, without lists of other stories: a heading such as
/// "Read also" and the list items that follow it.
fn join(blocks: &[Block], rules: &HtmlRules) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(blocks.len());
    let mut in_related = false;
    for b in blocks {
        if is_related_heading(&b.text, rules) {
            in_related = true;
            continue;
        }
        if in_related && (b.kind == Kind::Item || mostly_links(b)) {
            continue;
        }
        in_related = false;
        out.push(&b.text);
    }
    out.join("\n\n")
}

fn mostly_links(b: &Block) -> bool {
    b.link_bytes * 10 >= b.text.len() * 7
}

/// A short block that names a list of other stories ("Lesen Sie auch", "Related articles:").
fn is_related_heading(text: &str, rules: &HtmlRules) -> bool {
    if text.len() > 60 {
        return false;
    }
    let t = text
        .trim()
        .trim_end_matches([':', '.', '…'])
        .trim()
        .to_lowercase();
    rules.related.contains(&t)
}

#[cfg(test)]
mod tests;
