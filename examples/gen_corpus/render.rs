//! One synthetic article (or a batch) to the bytes of a file in each supported format, with the
//! boilerplate a scraper leaves around the text.

use super::SynthArticle;
use super::hostile::Place;
use super::prng::Rng;
use super::text::Writer;
use super::vocab::Vocab;
use serde::Serialize;
use sitrep::date::DateValue;

/// The title with any raw fragment meant for it.
fn title_bytes(a: &SynthArticle) -> Vec<u8> {
    let mut out = a.title.as_bytes().to_vec();
    for f in a.hostile.iter().filter(|f| f.place == Place::Title) {
        out.extend_from_slice(&f.bytes);
    }
    out
}

/// Paragraph `i` with any raw fragments meant for it.
fn paragraph_bytes(a: &SynthArticle, i: usize) -> Vec<u8> {
    let mut out = a.paragraphs[i].as_bytes().to_vec();
    for f in a.hostile.iter().filter(|f| f.place == Place::Paragraph(i)) {
        out.extend_from_slice(&f.bytes);
    }
    out
}

fn line(out: &mut Vec<u8>, text: &[u8]) {
    out.extend_from_slice(text);
    out.push(b'\n');
}

/// Occasional CRLF line ends and byte-order marks, as editors and scrapers leave them.
fn finish(mut out: Vec<u8>, rng: &mut Rng) -> Vec<u8> {
    if rng.chance(0.05) {
        let mut crlf = Vec::with_capacity(out.len() + out.len() / 40);
        for &b in &out {
            if b == b'\n' {
                crlf.push(b'\r');
            }
            crlf.push(b);
        }
        out = crlf;
    }
    if rng.chance(0.02) {
        out.splice(0..0, [0xEF, 0xBB, 0xBF]);
    }
    out
}

/// Scraped web text: debris, section line, repeated headline, body, debris.
pub fn txt(a: &SynthArticle, vocab: &Vocab, rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.text_len() + 1024);
    let mut w = Writer {
        vocab,
        rng,
        anchor: a.anchor,
    };
    if w.rng.chance(0.5) {
        for _ in 0..w.rng.range(1, 3) {
            line(&mut out, w.rng.pick(&vocab.layout.debris_before).as_bytes());
        }
        out.push(b'\n');
    }
    if let Some(section) = &a.section {
        line(&mut out, section.as_bytes());
        out.push(b'\n');
    }
    let title = title_bytes(a);
    line(&mut out, &title);
    out.push(b'\n');
    for _ in 0..w.rng.range(1, 2) {
        line(&mut out, &title);
    }
    out.push(b'\n');
    if w.rng.chance(0.3) {
        let posted = w.rng.pick(&vocab.layout.posted).clone();
        line(&mut out, w.fill(&posted).as_bytes());
        out.push(b'\n');
    }
    for i in 0..a.paragraphs.len() {
        line(&mut out, &paragraph_bytes(a, i));
        out.push(b'\n');
    }
    for _ in 0..w.rng.range(0, 3) {
        line(&mut out, w.rng.pick(&vocab.layout.share).as_bytes());
    }
    for _ in 0..w.rng.range(1, 4) {
        let after = w.rng.pick(&vocab.layout.after).clone();
        line(&mut out, w.fill(&after).as_bytes());
    }
    if w.rng.chance(0.6) {
        for _ in 0..2 {
            let label = w.rng.pick(&vocab.layout.prev_next).clone();
            let other = w.title();
            line(&mut out, format!("{label} {other}").as_bytes());
        }
    }
    if w.rng.chance(0.4) {
        line(&mut out, w.rng.pick(&vocab.layout.cookies).as_bytes());
    }
    finish(out, w.rng)
}

/// A quoted YAML scalar.
fn yaml_str(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Markdown with `---` front matter.
pub fn md(a: &SynthArticle, vocab: &Vocab, rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.text_len() + 512);
    line(&mut out, b"---");
    if rng.chance(0.3) {
        line(&mut out, format!("id: {}", a.id).as_bytes());
    }
    let title = String::from_utf8_lossy(&title_bytes(a)).into_owned();
    line(&mut out, format!("title: {}", yaml_str(&title)).as_bytes());
    if let Some(p) = a.published {
        line(&mut out, format!("published: {}", iso(p, rng)).as_bytes());
    }
    if rng.chance(0.7) {
        line(&mut out, format!("source: {}", a.source).as_bytes());
    }
    if rng.chance(0.8) {
        line(&mut out, format!("url: {}", a.url).as_bytes());
    }
    if let Some(section) = &a.section {
        line(&mut out, format!("section: {section}").as_bytes());
    }
    line(&mut out, b"---");
    out.push(b'\n');
    line(&mut out, format!("# {}", a.title).as_bytes());
    let sub_at = rng
        .chance(0.3)
        .then(|| rng.range(1, a.paragraphs.len().max(2) - 1));
    for i in 0..a.paragraphs.len() {
        out.push(b'\n');
        if sub_at == Some(i) {
            line(
                &mut out,
                format!("## {}", rng.pick(&vocab.layout.subheadings)).as_bytes(),
            );
            out.push(b'\n');
        }
        if i == 0 && rng.chance(0.2) {
            out.extend_from_slice(b"**Update:** ");
        }
        line(&mut out, &paragraph_bytes(a, i));
    }
    if rng.chance(0.3) {
        out.push(b'\n');
        line(
            &mut out,
            format!("Read more on [{}]({}).", a.source, a.url).as_bytes(),
        );
    }
    finish(out, rng)
}

/// Text escaped for HTML, typographic apostrophes sometimes as entities.
fn html_escape(bytes: &[u8], entities: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'"' => out.extend_from_slice(b"&quot;"),
            0xE2 if entities && bytes[i..].starts_with("’".as_bytes()) => {
                out.extend_from_slice(b"&#8217;");
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// A web page: head with title and scripts, nav, cookie banner, article, related links, footer.
pub fn html(a: &SynthArticle, vocab: &Vocab, rng: &mut Rng) -> Vec<u8> {
    let ents = rng.chance(0.5);
    let mut out = Vec::with_capacity(a.text_len() * 11 / 10 + 2048);
    let title = html_escape(&title_bytes(a), ents);
    out.extend_from_slice(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
    );
    out.extend_from_slice(&title);
    out.extend_from_slice(format!(" | {}</title>\n", a.source).as_bytes());
    if let Some(p) = a.published {
        let meta = format!(
            "<meta property=\"article:published_time\" content=\"{}\">\n",
            iso(p, rng)
        );
        out.extend_from_slice(meta.as_bytes());
    }
    if let Some(s) = &a.section {
        out.extend_from_slice(
            format!("<meta property=\"article:section\" content=\"{s}\">\n").as_bytes(),
        );
    }
    out.extend_from_slice(b"<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());</script>\n<style>body{font-family:sans-serif}.ad{display:none}</style>\n</head>\n<body>\n<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/africa\">Africa</a></li><li><a href=\"/sahel\">Sahel</a></li><li><a href=\"/subscribe\">Subscribe</a></li></ul></nav>\n");
    let cookie = html_escape(rng.pick(&vocab.layout.cookies).as_bytes(), false);
    out.extend_from_slice(b"<div class=\"cookie-banner\">");
    out.extend_from_slice(&cookie);
    out.extend_from_slice(b"</div>\n<article>\n<h1>");
    out.extend_from_slice(&title);
    out.extend_from_slice(b"</h1>\n");
    if let Some(p) = a.published {
        out.extend_from_slice(
            format!("<p class=\"byline\">By Staff Writer, <time datetime=\"{p}\">{p}</time></p>\n")
                .as_bytes(),
        );
    }
    for i in 0..a.paragraphs.len() {
        if i > 0 && i % 4 == 0 && rng.chance(0.3) {
            out.extend_from_slice(b"<div class=\"ad\"><script>loadAd('inline')</script></div>\n");
        }
        out.extend_from_slice(b"<p>");
        out.extend_from_slice(&html_escape(&paragraph_bytes(a, i), ents));
        out.extend_from_slice(b"</p>\n");
    }
    out.extend_from_slice(b"</article>\n<aside class=\"related\"><h3>Related Articles</h3><ul>\n");
    let mut w = Writer {
        vocab,
        rng,
        anchor: a.anchor,
    };
    for _ in 0..3 {
        let other = html_escape(w.title().as_bytes(), false);
        out.extend_from_slice(b"<li><a href=\"/related\">");
        out.extend_from_slice(&other);
        out.extend_from_slice(b"</a></li>\n");
    }
    out.extend_from_slice(b"</ul></aside>\n<footer><p>Leave a Reply</p><p>&copy; 2025 All rights reserved.</p></footer>\n<script src=\"/js/analytics.js\"></script>\n</body>\n</html>\n");
    out
}

/// The JSON record of an article (fields of the loader's schema).
#[derive(Serialize)]
struct JsonArticle<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    body: String,
}

fn json_record<'a>(a: &'a SynthArticle, rng: &mut Rng) -> JsonArticle<'a> {
    let body: Vec<u8> = (0..a.paragraphs.len())
        .flat_map(|i| {
            let mut p = paragraph_bytes(a, i);
            p.extend_from_slice(b"\n\n");
            p
        })
        .collect();
    JsonArticle {
        id: rng.chance(0.8).then_some(a.id.as_str()),
        title: String::from_utf8_lossy(&title_bytes(a)).into_owned(),
        section: a.section.as_deref(),
        source: rng.chance(0.7).then_some(a.source.as_str()),
        published: a.published.map(|p| iso(p, rng)),
        url: rng.chance(0.9).then_some(a.url.as_str()),
        body: String::from_utf8_lossy(body.trim_ascii_end()).into_owned(),
    }
}

/// One `.json` object, pretty or compact.
pub fn json_object(a: &SynthArticle, rng: &mut Rng) -> Vec<u8> {
    let rec = json_record(a, rng);
    let mut out = if rng.chance(0.5) {
        serde_json::to_vec_pretty(&rec)
    } else {
        serde_json::to_vec(&rec)
    }
    .unwrap_or_default();
    out.push(b'\n');
    out
}

/// One `.json` array of articles.
pub fn json_array(batch: &[SynthArticle], rng: &mut Rng) -> Vec<u8> {
    let recs: Vec<JsonArticle> = batch.iter().map(|a| json_record(a, rng)).collect();
    let mut out = serde_json::to_vec_pretty(&recs).unwrap_or_default();
    out.push(b'\n');
    out
}

/// One `.jsonl` file: an article per line.
pub fn jsonl(batch: &[SynthArticle], rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for a in batch {
        if let Ok(rec) = serde_json::to_vec(&json_record(a, rng)) {
            out.extend_from_slice(&rec);
            out.push(b'\n');
        }
    }
    out
}

/// A publication date as a date or an RFC 3339 timestamp.
fn iso(d: DateValue, rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=5 => d.to_string(),
        6..=8 => format!("{d}T{:02}:{:02}:00Z", rng.below(24), rng.below(60)),
        _ => format!("{d}T{:02}:{:02}:00+01:00", rng.below(24), rng.below(60)),
    }
}
