//! One reader per input format. Each turns a file's content into [`Draft`]s (one per article);
//! a failure is a reason string, or for `.jsonl` lines and feed items a per-item record.

mod feed;
mod html;
mod json;
mod markdown;
mod pdf;

use super::Format;
use super::build::Draft;
use super::read::Content;

/// A draft and, for `.jsonl`, the 1-based line it came from (for a feed, the item's number).
pub type Item = Result<(Option<usize>, Draft), (Option<usize>, String)>;

/// Reads the drafts a file holds.
pub fn read_drafts(format: Format, text: &str) -> Vec<Item> {
    match format {
        Format::Txt => vec![Ok((
            None,
            Draft {
                text: text.to_string(),
                ..Draft::default()
            },
        ))],
        Format::Markdown => markdown::read_markdown(text),
        Format::Html => html::read_html(text),
        Format::Json => json::read_json(text),
        Format::Jsonl => json::read_jsonl(text),
        Format::Feed => feed::read_feed(text.as_bytes()),
        Format::Pdf => pdf::read_pdf(text.as_bytes()),
    }
}

/// Reads the drafts of a file's content: text formats from their text, feeds and PDF files
/// from their bytes.
pub fn read_content(format: Format, content: &Content) -> Vec<Item> {
    match (format, content) {
        (Format::Feed, Content::Bytes(b)) => feed::read_feed(b),
        (Format::Pdf, Content::Bytes(b)) => pdf::read_pdf(b),
        (_, Content::Text(t)) => read_drafts(format, &t.text),
        (_, Content::Bytes(b)) => read_drafts(format, &String::from_utf8_lossy(b)),
    }
}
