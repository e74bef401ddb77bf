//! Briefings: an [`Analysis`] in, a [`Briefing`] (plain data) out, rendered as Markdown, text or
//! JSON. `sitrep brief` goes through [`write_brief`]; the reader's briefing view uses [`build`],
//! the renderers and [`export_markdown`].
//!
//! Sections, in order, each left out when empty: bottom line, key actors, events by family
//! (counts of the kinds under their family), timeline (dated
//! reported events), undated reported events, warnings (potential), proposals (proposed),
//! escalation chart, sources. Output is deterministic: no clock, stable ordering.
//! Filter semantics are documented in [`filter`].

pub mod bottom;
pub mod chart;
mod export;
pub mod families;
pub mod filter;
#[doc(hidden)]
pub mod fixtures;
pub mod lines;
mod model;
pub mod notes;
pub mod phrases;
mod render_json;
mod render_md;
mod render_text;
pub mod sections;
pub mod summary;

pub use bottom::{ConflictPair, Half, Trend};
pub use chart::{Chart, ChartRow};
pub use export::{default_export_name, export_markdown};
pub use families::{FamilyLine, KindCount};
pub use filter::BriefFilter;
pub use lines::EventLine;
pub use model::{Briefing, Scope, TITLE, build};
pub use render_json::to_json;
pub use render_md::to_markdown;
pub use render_text::to_text;
pub use sections::{ActorLine, SourceLine};

use crate::analysis::{Analysis, EventKind};
use crate::corpus::sanitize::sanitize_owned;
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
    /// Entity names; an event matches when one is among its actors or targets (see [`filter`]).
    pub entities: Vec<String>,
    pub kinds: Vec<EventKind>,
    pub since: Option<DateValue>,
    pub until: Option<DateValue>,
    /// Text width for the text format.
    pub width: usize,
}

impl BriefOptions {
    /// The event filter these options ask for.
    pub fn filter(&self) -> BriefFilter {
        BriefFilter {
            entities: self.entities.clone(),
            kinds: self.kinds.clone(),
            since: self.since,
            until: self.until,
        }
    }
}

/// The briefing in one format, as a string ending with a newline. Text and Markdown go to a
/// terminal as they are: whatever a vocabulary or a file name brought in, they leave sanitised.
pub fn render(b: &Briefing, format: BriefFormat, width: usize) -> String {
    match format {
        BriefFormat::Markdown => sanitize_owned(to_markdown(b)),
        BriefFormat::Text => sanitize_owned(to_text(b, width)),
        BriefFormat::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(b)).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

/// Writes the briefing in the chosen format.
pub fn write_brief(analysis: &Analysis, opts: &BriefOptions, out: &mut dyn Write) -> Result<()> {
    let b = build(analysis, &opts.filter());
    out.write_all(render(&b, opts.format, opts.width).as_bytes())?;
    Ok(())
}
#[cfg(test)]
mod tests;
