//! What a page says about itself: `<meta>` tags, the canonical link, `<title>`, JSON-LD, `<h1>`
//! headings, `<time>` elements and date-speaking bylines, gathered while the page is scanned;
//! then the title (the article's headline, not a logo's or another story's) and the published
//! date chosen from them.

use super::HtmlRules;
use super::scan::{Visitor, attr, collapse, decode_entities};
use serde_json::Value;
use std::collections::HashMap;

/// Separators between a headline and the site's name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[
    " › ", " ‹ ", " « ", " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", ": ",
];

/// Longest text taken for a title.
const MAX_TITLE: usize = 400;

/// Second-level headings kept, at most (a blog's post title is often one under a site-name
/// `<h1>`).
const MAX_H2: usize = 30;

/// A heading met in the page.
struct Heading {
    text: String,
    /// 1 for `<h1>`, 2 for `<h2>`.
    level: u8,
    /// Inside `<article>`/`<main>`.
    main: bool,
    /// Inside `<nav>`, a link or a `<header>` outside the main content (a site logo's `<h1>`;
    /// an article's own header is not furniture).
    furniture: bool,
}

/// Metadata gathered from one page.
#[derive(Default)]
pub struct PageMeta {
    pub meta: HashMap<String, String>,
    pub canonical: Option<String>,
    title: Option<String>,
    json_ld: Vec<String>,
    headings: Vec<Heading>,
    /// `datetime` of `<time>` elements, and whether each lies in the main content.
    times: Vec<(String, bool)>,
    /// An element marked `itemprop=datePublished`.
    itemprop_date: Option<String>,
    /// Text (or `title`) of elements whose class or id speaks of a date ("entry-date").
    date_texts: Vec<String>,
    /// Text tokens still to add to the last of `date_texts`.
    date_tokens: u8,
    // Scanner state.
    capture: Option<Capture>,
    furniture_depth: usize,
    /// For each open `<header>`, whether it counts as furniture.
    headers: Vec<bool>,
    heading: Option<Heading>,
}

#[derive(PartialEq)]
enum Capture {
    Title,
    JsonLd,
}

impl Visitor for PageMeta {
    fn start(&mut self, name: &str, attrs: &str, main: bool) {
        match name {
            "meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(attrs, "content")) {
                    self.meta.entry(k.to_ascii_lowercase()).or_insert(v);
                }
            }
            "link" if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                self.canonical = attr(attrs, "href");
            }
            "title" if self.title.is_none() => self.capture = Some(Capture::Title),
            "script"
                if attr(attrs, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.capture = Some(Capture::JsonLd);
                self.json_ld.push(String::new());
            }
            "nav" | "a" => {
                self.furniture_depth += 1;
                // A heading that links to the site's front page is its logo.
                if name == "a"
                    && let Some(h) = self.heading.as_mut()
                    && attr(attrs, "href").is_some_and(|href| is_home_link(&href))
                {
                    h.furniture = true;
                }
            }
            "header" => {
                self.headers.push(!main);
                self.furniture_depth += usize::from(!main);
            }
            "h1" | "h2" if self.heading.is_none() => {
                let level = if name == "h1" { 1 } else { 2 };
                if level == 1 || self.h2_count() < MAX_H2 {
                    self.heading = Some(Heading {
                        text: String::new(),
                        level,
                        main,
                        furniture: self.furniture_depth > 0,
                    });
                }
            }
            "time" => match attr(attrs, "datetime") {
                Some(dt) => self.times.push((dt, main)),
                // A <time> without datetime says its date in words.
                None if self.date_texts.len() < MAX_DATE_TEXTS => {
                    self.date_texts.push(String::new());
                    self.date_tokens = 4;
                }
                None => {}
            },
            _ => {}
        }
        if self.itemprop_date.is_none()
            && attr(attrs, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
        {
            self.itemprop_date = attr(attrs, "content").or_else(|| attr(attrs, "datetime"));
        }
        if self.date_texts.len() < MAX_DATE_TEXTS && names_a_date(attrs) {
            if let Some(t) = attr(attrs, "title") {
                self.date_texts.push(t);
            }
            self.date_texts.push(String::new());
            self.date_tokens = 4;
        }
    }

    fn end(&mut self, name: &str, _main: bool) {
        match name {
            "title" | "script" => self.capture = None,
            "nav" | "a" => self.furniture_depth = self.furniture_depth.saturating_sub(1),
            "header" if self.headers.pop() == Some(true) => {
                self.furniture_depth = self.furniture_depth.saturating_sub(1);
            }
            "h1" | "h2" => {
                if let Some(h) = self.heading.take() {
                    self.headings.push(h);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, _innermost: Option<&str>, text: &str) {
        match self.capture {
            Some(Capture::Title) => self.title.get_or_insert_with(String::new).push_str(text),
            Some(Capture::JsonLd) => {
                if let Some(last) = self.json_ld.last_mut() {
                    last.push_str(text);
                }
            }
            None => {}
        }
        if self.date_tokens > 0
            && let Some(last) = self.date_texts.last_mut()
        {
            self.date_tokens -= 1;
            if last.len() < 200 {
                last.push_str(text);
                last.push(' ');
            }
        }
        if let Some(h) = self.heading.as_mut()
            && h.text.len() < MAX_TITLE * 4
        {
            h.text.push_str(text);
        }
    }
}

/// Date-speaking elements looked at, at most.
const MAX_DATE_TEXTS: usize = 12;

/// True when an element's class or id speaks of a date or a post's byline.
fn names_a_date(attrs: &str) -> bool {
    ["class", "id"].iter().any(|k| {
        attr(attrs, k).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            [
                "date", "publish", "posted", "datum", "time", "meta", "byline",
            ]
            .iter()
            .any(|w| v.contains(w))
        })
    })
}

/// A day-precise date written in text: `25.08.2015`, `2015-08-25`, `3. August 2015`,
/// `August 3, 2015`, as `YYYY-MM-DD`.
pub fn text_date(text: &str) -> Option<String> {
    let t = decode_entities(text, HtmlRules::builtin());
    let day = |d: crate::date::DateValue| {
        let (m, dd) = (d.month?, d.day?);
        Some(format!("{:04}-{m:02}-{dd:02}", d.year))
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    for w in &words {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        let parts: Vec<&str> = w.split(['.', '-', '/']).collect();
        if let [a, b, c] = parts[..] {
            let num = |s: &str| s.parse::<u16>().ok();
            let ymd = |y: &str, m: &str, d: &str| {
                let (y, m, d) = (num(y)?, num(m)?, num(d)?);
                crate::date::DateValue::ymd(
                    i32::from(y),
                    u8::try_from(m).ok()?,
                    u8::try_from(d).ok()?,
                )
            };
            let found = match (a.len(), b.len(), c.len()) {
                (4, 1..=2, 1..=2) => ymd(a, b, c),
                (1..=2, 1..=2, 4) if w.contains('.') => ymd(c, b, a),
                _ => None,
            };
            if let Some(d) = found.and_then(day) {
                return Some(d);
            }
        }
    }
    crate::corpus::metadata::parse_date(&t).and_then(day)
}

/// What the page's JSON-LD says of its article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
}

/// The objects of a JSON-LD document (top level, arrays and `@graph`), articles first.
fn linked_data(scripts: &[String]) -> LinkedData {
    let values: Vec<Value> = scripts
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s.trim()).ok())
        .collect();
    let mut objects = Vec::new();
    for v in &values {
        collect_objects(v, &mut objects, 0);
    }
    let is_article = |o: &&serde_json::Map<String, Value>| {
        let t = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
        t.contains("Article") || t.contains("Posting") || t.contains("Report")
    };
    objects.sort_by_key(|o| !is_article(o));
    let field = |key: &str| {
        objects
            .iter()
            .find_map(|o| o.get(key).and_then(Value::as_str).map(str::to_string))
    };
    LinkedData {
        headline: field("headline"),
        published: field("datePublished").or_else(|| field("dateCreated")),
        modified: field("dateModified"),
    }
}

fn collect_objects<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>, depth: u8) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_objects(i, out, depth + 1)),
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Metadata keys naming the publication date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "date",
    "og:published_time",
];

/// Keys naming when the page last changed: a date when nothing gives the publication.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
];

/// The chosen title and date.
pub struct Chosen {
    pub title: Option<String>,
    pub published: Option<String>,
}

impl PageMeta {
    fn h2_count(&self) -> usize {
        self.headings.iter().filter(|h| h.level == 2).count()
    }

    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.meta.get(*k).filter(|v| !v.trim().is_empty()).cloned())
    }

    /// Picks the title and the date.
    pub fn choose(&self, rules: &HtmlRules) -> Chosen {
        let ld = linked_data(&self.json_ld);
        Chosen {
            title: self.title_of(&ld, rules),
            published: ld
                .published
                .or_else(|| self.get(DATE_KEYS))
                .or_else(|| self.itemprop_date.clone())
                .or_else(|| self.times.iter().find(|(_, m)| *m).map(|(t, _)| t.clone()))
                .or_else(|| self.url_date())
                .or_else(|| self.times.first().map(|(t, _)| t.clone()))
                .or_else(|| self.date_texts.iter().find_map(|t| text_date(t)))
                .or(ld.modified)
                .or_else(|| self.get(MODIFIED_KEYS)),
        }
    }

    /// A date written in the canonical address (`/2019/10/19/`, `2019-10-19`).
    fn url_date(&self) -> Option<String> {
        let url = self.canonical.clone().or_else(|| self.get(&["og:url"]))?;
        let digits: Vec<&str> = url
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        digits.windows(3).find_map(|w| {
            let (y, m, d) = (
                w[0].parse::<i32>().ok()?,
                w[1].parse::<u8>().ok()?,
                w[2].parse::<u8>().ok()?,
            );
            let ok =
                w[0].len() == 4 && (1990..=2100).contains(&y) && w[1].len() <= 2 && w[2].len() <= 2;
            crate::date::DateValue::ymd(y, m, d).filter(|_| ok)?;
            Some(format!("{y:04}-{m:02}-{d:02}"))
        })
    }

    /// The article's headline: the longest `<h1>` that a title field confirms, else the `<h1>`
    /// of the main content, else a confirmed `<h2>` (a blog's post under a site-name `<h1>`),
    /// else the page's only `<h1>`, else the JSON-LD headline or `og:title`, else any `<h1>`
    /// outside the page header, else `<title>` without the site's name. A heading in the page
    /// header or a link, or one that is the site's name, is never taken for the headline.
    fn title_of(&self, ld: &LinkedData, rules: &HtmlRules) -> Option<String> {
        let clean = |s: &str| {
            Some(collapse(&decode_entities(s, rules)))
                .filter(|t| !t.is_empty() && t.len() <= MAX_TITLE)
        };
        let refs: Vec<String> = [
            self.get(&["og:title"]),
            self.get(&["twitter:title"]),
            ld.headline.clone(),
            self.title.clone(),
        ]
        .into_iter()
        .flatten()
        .filter_map(|r| clean(&r))
        .collect();
        let site = self
            .get(&["og:site_name", "application-name"])
            .and_then(|s| clean(&s));
        // The site's name: og:site_name, or the last part of a <title> of several parts.
        let title_site = self.title.as_deref().and_then(|t| {
            let t = clean(t)?;
            TITLE_SEPARATORS
                .iter()
                .find_map(|sep| t.rsplit_once(sep).map(|(_, tail)| tail.trim().to_string()))
        });
        let is_site = |t: &str| {
            [site.as_deref(), title_site.as_deref()]
                .into_iter()
                .flatten()
                .any(|s| s.eq_ignore_ascii_case(t))
        };
        // Headings that could be the headline: not furniture, not the site's name.
        let candidates = |level: u8| -> Vec<(String, bool)> {
            self.headings
                .iter()
                .filter(|h| h.level == level && !h.furniture)
                .filter_map(|h| clean(&h.text).map(|t| (t, h.main)))
                .filter(|(t, _)| !is_site(t))
                .collect()
        };
        let confirmed = |list: &[(String, bool)]| {
            list.iter()
                .filter(|(t, _)| {
                    refs.iter().any(|r| {
                        r == t
                            || title_parts(r).any(|p| p == t)
                            || (t.len() >= 20 && r.contains(t.as_str()))
                    })
                })
                .max_by_key(|(t, _)| t.len())
                .map(|(t, _)| t.clone())
        };
        let h1s = candidates(1);
        let h2s = candidates(2);
        let headline = confirmed(&h1s)
            .or_else(|| h1s.iter().find(|(_, main)| *main).map(|(t, _)| t.clone()))
            .or_else(|| confirmed(&h2s))
            .or_else(|| (h1s.len() == 1).then(|| h1s[0].0.clone()))
            .or_else(|| {
                [ld.headline.as_deref(), self.get(&["og:title"]).as_deref()]
                    .into_iter()
                    .flatten()
                    .find_map(|t| clean(&strip_site(t, site.as_deref())))
            })
            .or_else(|| h1s.first().map(|(t, _)| t.clone()))
            .or_else(|| {
                self.title
                    .as_deref()
                    .and_then(|t| clean(&strip_site(t, site.as_deref())))
            })?;
        // A kicker glued before the headline in one heading ("Open ProgressWhy collaborative
        // ..."): a title field that is the heading's tail is the headline alone.
        let tail = refs.iter().find(|r| {
            r.len() >= 10
                && r.len() < headline.len()
                && headline.len() - r.len() <= 60
                && headline.ends_with(r.as_str())
        });
        Some(tail.cloned().unwrap_or(headline))
    }
}

/// An address of a site's front page: `/`, `./`, `index.html`, `https://example.org/`.
fn is_home_link(href: &str) -> bool {
    let h = href.trim();
    let path = match h.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, p)| p),
        None => h.trim_start_matches("./").trim_start_matches('/'),
    };
    let path = path.trim_end_matches('/');
    path.is_empty() || path.starts_with("index.")
}

/// The parts of a title split at each separator.
fn title_parts(title: &str) -> impl Iterator<Item = &str> {
    TITLE_SEPARATORS
        .iter()
        .flat_map(move |sep| title.split(sep))
        .map(str::trim)
}

/// A title without the site's name before or after a separator; a head of fewer than three
/// words is kept whole (it may be the headline's own colon).
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            if site.is_some_and(|s| tail.eq_ignore_ascii_case(s)) {
                return head.to_string();
            }
            if site.is_some_and(|s| head.eq_ignore_ascii_case(s)) {
                return tail.to_string();
            }
            if *sep != ": " && head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    title.to_string()
}
