//! `sitrep brief --notes`: the briefing of the assessed analysis (the analyst's dismissals and
//! corrections laid over the events read, assessed lines marked as such), followed by an "Analyst notes" section: the notes
//! by article, orphaned ones with their quote, and every assessment, marked as such.

use super::render_md::escape;
use super::render_text::wrap;
use super::{BriefFormat, BriefOptions, Briefing, build, render, to_json};
use crate::analysis::{Analysis, EventKind, EventRef};
use crate::corpus::sanitize::sanitize_owned;
use crate::notebook::resolved::ResolvedNotebook;
use crate::notebook::{Notebook, Verdict, assess};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// Longest quote shown, in characters.
const QUOTE_CHARS: usize = 160;

/// The section's title.
pub const NOTES_TITLE: &str = "Analyst notes";

/// The section as data (the JSON format's `analyst_notes`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnalystNotes {
    pub analyst: String,
    pub notes: Vec<NoteLine>,
    pub marks: usize,
    pub assessments: Vec<AssessedLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteLine {
    /// The article's title (as anchored, when the note is orphaned).
    pub title: String,
    /// The passage, shortened; `None` for a note on the whole article.
    pub quote: Option<String>,
    pub text: String,
    /// True when its passage (or article) is no longer found.
    pub orphaned: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessedLine {
    pub verdict: &'static str,
    /// The kind the event was read as.
    pub kind: EventKind,
    /// What the correction changed, e.g. "kind armed_clash, actors Mali".
    pub change: Option<String>,
    pub title: String,
    pub quote: String,
    pub comment: String,
    /// False when the event is no longer found: the assessment then changed nothing.
    pub found: bool,
}

/// Writes the briefing of the assessed analysis with the notes section.
pub fn write_brief_with_notes(
    analysis: &mut Analysis,
    opts: &BriefOptions,
    nb: &Notebook,
    out: &mut dyn Write,
) -> Result<()> {
    let applied = assess::apply(analysis, &nb.list_assessments()?);
    let verdicts: HashMap<EventRef, &'static str> = applied
        .iter()
        .filter_map(|a| a.now.map(|r| (r, a.assessment.verdict.label())))
        .collect();
    let resolved = ResolvedNotebook::new(nb, analysis, Some(applied))?;
    let notes = section(&resolved, analysis);
    let mut b = build(analysis, &opts.filter());
    mark_assessed(&mut b, analysis, &verdicts);
    let text = match opts.format {
        // Notes are the analyst's free text and quotes from files: sanitised like the rest.
        BriefFormat::Markdown => {
            render(&b, opts.format, opts.width) + &sanitize_owned(to_markdown(&notes))
        }
        BriefFormat::Text => {
            render(&b, opts.format, opts.width) + &sanitize_owned(to_text(&notes, opts.width))
        }
        BriefFormat::Json => {
            let mut value = to_json(&b);
            value["analyst_notes"] = serde_json::to_value(&notes)?;
            serde_json::to_string_pretty(&value)? + "\n"
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Marks each event line holding an assessed event: "(assessed: corrected) " before its
/// summary. Dismissed events are gone already.
fn mark_assessed(b: &mut Briefing, analysis: &Analysis, verdicts: &HashMap<EventRef, &str>) {
    if verdicts.is_empty() {
        return;
    }
    let lines = b
        .timeline
        .iter_mut()
        .chain(b.undated.iter_mut())
        .chain(b.warnings.iter_mut())
        .chain(b.proposals.iter_mut());
    for line in lines {
        let occurrences: &[EventRef] = match line.item.and_then(|i| analysis.timeline.get(i)) {
            Some(item) => &item.occurrences,
            None => std::slice::from_ref(&line.event),
        };
        if let Some(verdict) = occurrences.iter().find_map(|r| verdicts.get(r)) {
            line.summary = format!("(assessed: {verdict}) {}", line.summary);
        }
    }
}

/// The section of a resolved notebook: notes in corpus order (whole-article notes before those
/// on passages, passages in text order), orphaned notes last.
pub fn section(nb: &ResolvedNotebook, analysis: &Analysis) -> AnalystNotes {
    let title_of = |index: Option<usize>, anchored: &str| {
        index
            .and_then(|i| analysis.articles.get(i))
            .map_or(anchored.to_string(), |a| a.title.clone())
    };
    let mut placed: Vec<_> = nb.notes.iter().collect();
    placed.sort_by_key(|n| {
        (
            n.place.index.unwrap_or(usize::MAX),
            n.place.span.map(|s| s.start()),
        )
    });
    let notes = placed
        .into_iter()
        .map(|n| NoteLine {
            title: title_of(n.place.index, &n.note.anchor.title),
            quote: n.note.anchor.passage.as_ref().map(|p| shorten(&p.quote)),
            text: n.note.text.clone(),
            orphaned: n.place.orphaned(),
        })
        .collect();
    let assessments = nb
        .assessments
        .iter()
        .map(|a| {
            let index = a
                .article
                .as_deref()
                .and_then(|id| analysis.articles.iter().position(|x| x.id == id));
            let anchor = &a.assessment.event.anchor;
            AssessedLine {
                verdict: a.assessment.verdict.label(),
                kind: a.assessment.event.kind,
                change: change(&a.assessment.verdict),
                title: title_of(index, &anchor.title),
                quote: shorten(anchor.quote_or_title()),
                comment: a.assessment.comment.clone(),
                found: a.event.is_some(),
            }
        })
        .collect();
    AnalystNotes {
        analyst: nb.analyst.clone(),
        notes,
        marks: nb.marks.len(),
        assessments,
    }
}

fn change(v: &Verdict) -> Option<String> {
    let Verdict::Corrected {
        kind,
        actors,
        targets,
    } = v
    else {
        return None;
    };
    let mut parts = Vec::new();
    if let Some(k) = kind {
        parts.push(format!("kind {k}"));
    }
    if let Some(a) = actors {
        parts.push(format!("actors {}", list(a)));
    }
    if let Some(t) = targets {
        parts.push(format!("targets {}", list(t)));
    }
    Some(parts.join(", "))
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text,
    }
}

fn counts(n: &AnalystNotes) -> String {
    let plural =
        |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}'s notebook: {}, {}, {}.",
        n.analyst,
        plural(n.notes.len(), "note", "notes"),
        plural(n.marks, "mark", "marks"),
        plural(n.assessments.len(), "assessed event", "assessed events")
    )
}

/// One assessment as a sentence: `dismissed (false flag): airstrike in "Title": "quote"`.
fn assessed_text(a: &AssessedLine, title: &str, quote: &str) -> String {
    let verdict = match (a.verdict, &a.change) {
        ("dismissed", _) => "dismissed as a false flag".to_string(),
        (v, Some(c)) => format!("{v} ({c})"),
        (v, None) => v.to_string(),
    };
    let mut s = format!("{verdict}: {} in {title}: \"{quote}\"", a.kind);
    if !a.comment.is_empty() {
        let _ = write!(s, " — {}", a.comment);
    }
    if !a.found {
        s.push_str(" (event no longer found; not applied)");
    }
    s
}

fn note_text(n: &NoteLine, title: &str, quote: Option<&str>) -> String {
    let mut s = String::new();
    if n.orphaned {
        s.push_str("(orphaned: no longer found) ");
    }
    s.push_str(title);
    match quote {
        Some(q) => {
            let _ = write!(s, ": \"{q}\" — ");
        }
        None => s.push_str(" (whole article): "),
    }
    s.push_str(&n.text);
    s
}

/// The section in Markdown.
pub fn to_markdown(n: &AnalystNotes) -> String {
    let mut out = format!("\n## {NOTES_TITLE}\n\n{}\n", escape(&counts(n)));
    if !n.notes.is_empty() {
        out.push('\n');
        for note in &n.notes {
            let title = format!("**{}**", escape(&note.title));
            let quote = note.quote.as_deref().map(escape);
            let _ = writeln!(
                out,
                "- {}",
                note_text(note, &title, quote.as_deref()).replace('\n', " ")
            );
        }
    }
    if !n.assessments.is_empty() {
        let _ = write!(
            out,
            "\n### Assessed events\n\nThe sections above use these assessments: dismissed \
             events are left out, corrected ones shown as corrected.\n\n"
        );
        for a in &n.assessments {
            let title = format!("*{}*", escape(&a.title));
            let _ = writeln!(out, "- {}", assessed_text(a, &title, &escape(&a.quote)));
        }
    }
    out
}

/// The section as text wrapped to `width` columns.
pub fn to_text(n: &AnalystNotes, width: usize) -> String {
    let heading = |t: &str| {
        let upper = t.to_uppercase();
        format!("\n{upper}\n{}\n", "-".repeat(upper.chars().count()))
    };
    let mut out = heading(NOTES_TITLE);
    out.push_str(&wrap(&counts(n), width, "", ""));
    out.push('\n');
    for note in &n.notes {
        let line = note_text(note, &note.title, note.quote.as_deref()).replace('\n', " ");
        out.push_str(&wrap(&line, width, "- ", "  "));
        out.push('\n');
    }
    if !n.assessments.is_empty() {
        out.push_str(&heading("Assessed events"));
        for a in &n.assessments {
            let line = assessed_text(a, &format!("\"{}\"", a.title), &a.quote);
            out.push_str(&wrap(&line, width, "- ", "  "));
            out.push('\n');
        }
    }
    out
}
