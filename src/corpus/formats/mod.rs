//! One reader per input format. Each turns a file's decoded text into [`Draft`]s (one per
//! article); a failure is a reason string, or for `.jsonl` a per-line record.

mod html;
mod json;
mod markdown;

use super::Format;
use super::build::Draft;

/// A draft and, for `.jsonl`, the 1-based line it came from.
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
    }
}
