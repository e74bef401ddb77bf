//! Briefings: an [`Analysis`] in, a `Briefing` out, rendered as Markdown, text or JSON. STUB.

use crate::analysis::{Analysis, EventKind};
use crate::date::DateValue;
use anyhow::Result;
use std::io::Write;

/// Output format of `sitrep brief`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BriefFormat {
    Markdown,
    Text,
    Json,
}

/// What `sitrep brief` was asked for.
#[derive(Clone, Debug)]
pub struct BriefOptions {
    pub format: BriefFormat,
    /// Entity names or aliases; an event matches when one of them is among its actors or targets.
    pub entities: Vec<String>,
    pub kinds: Vec<EventKind>,
    pub since: Option<DateValue>,
    pub until: Option<DateValue>,
    /// Text width for the text format.
    pub width: usize,
}

/// Writes the briefing in the chosen format.
pub fn write_brief(analysis: &Analysis, opts: &BriefOptions, out: &mut dyn Write) -> Result<()> {
    let _ = (analysis, opts);
    writeln!(out, "no events match")?;
    Ok(())
}
