//! Event lines: every timeline item, plus any event no timeline item covers, as one line each
//! with its date, kind, actors, targets, summary and sources, and the index it came from.

use super::summary::{SUMMARY_CHARS, shorten};
use crate::analysis::Name;
use crate::analysis::{Analysis, Event, EventKind, EventRef, Status, TimelineItem};
use crate::date::DateValue;
use serde::Serialize;
use std::collections::HashSet;

/// One event of the briefing (a timeline item merged across sources, or a lone event).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventLine {
    /// Index into `Analysis::timeline`, when the line is a timeline item.
    pub item: Option<usize>,
    /// The representative event, for jumping to its passage.
    pub event: EventRef,
    /// Id of the representative event's article.
    pub article: String,
    pub date: Option<DateValue>,
    pub kind: EventKind,
    pub status: Status,
    /// Rounded to one decimal.
    pub severity: f64,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    /// The event's sentence, shortened around its trigger.
    pub summary: String,
    /// Distinct sources reporting it.
    pub sources: Vec<String>,
}

impl EventLine {
    /// Sort key: dated lines oldest first (coarse dates after the finer ones of their period),
    /// then undated, then by kind and position in the corpus.
    pub fn order_key(&self) -> (bool, (i32, u8, u8), EventKind, EventRef) {
        (
            self.date.is_none(),
            self.date.map(|d| d.timeline_key()).unwrap_or_default(),
            self.kind,
            self.event,
        )
    }

    /// True when at least two sources report it.
    pub fn corroborated(&self) -> bool {
        self.sources.len() > 1
    }
}

/// Rounds a severity to one decimal, the precision every view shows.
pub fn round1(x: f32) -> f64 {
    if x.is_finite() {
        (f64::from(x) * 10.0).round() / 10.0
    } else {
        0.0
    }
}

fn summary_of(analysis: &Analysis, r: EventRef) -> String {
    match (analysis.articles.get(r.article), analysis.get_event(r)) {
        (Some(a), Some(e)) => shorten(&a.body, e.span, e.trigger, SUMMARY_CHARS),
        _ => String::new(),
    }
}

fn article_id(analysis: &Analysis, r: EventRef) -> String {
    analysis
        .articles
        .get(r.article)
        .map(|a| a.id.clone())
        .unwrap_or_default()
}

fn from_item(analysis: &Analysis, index: usize, item: &TimelineItem) -> Option<EventLine> {
    let r = *item.occurrences.first()?;
    let mut sources = owned(&item.sources);
    if sources.is_empty() && r.article < analysis.articles.len() {
        sources.push(analysis.source_label(r.article).to_string());
    }
    Some(EventLine {
        item: Some(index),
        event: r,
        article: article_id(analysis, r),
        date: item.date,
        kind: item.kind,
        status: item.status,
        severity: round1(item.severity),
        actors: owned(&item.actors),
        targets: owned(&item.targets),
        summary: summary_of(analysis, r),
        sources,
    })
}

fn from_event(analysis: &Analysis, r: EventRef, e: &Event) -> EventLine {
    EventLine {
        item: None,
        event: r,
        article: article_id(analysis, r),
        date: e.date,
        kind: e.kind,
        status: e.status,
        severity: round1(e.severity),
        actors: owned(&e.actors),
        targets: owned(&e.targets),
        summary: summary_of(analysis, r),
        sources: vec![analysis.source_label(r.article).to_string()],
    }
}

/// What a line is kept or dropped on, read before the line is made.
pub struct Candidate<'c> {
    pub kind: EventKind,
    pub date: Option<DateValue>,
    pub actors: &'c [Name],
    pub targets: &'c [Name],
    /// The events it stands for: a timeline item's occurrences, or the lone event.
    pub refs: &'c [EventRef],
}

/// Whether a line is kept.
pub type Keep<'k> = dyn Fn(&Candidate) -> bool + 'k;

/// How many events the analysis has as lines, and the lines of those `keep` accepts, in
/// briefing order. Only kept lines are made: a narrow briefing of a large corpus does not build
/// a line (and its summary) for every event first.
pub fn collect_kept(analysis: &Analysis, keep: &Keep) -> (usize, Vec<EventLine>) {
    let mut covered: HashSet<EventRef> = HashSet::new();
    let mut lines: Vec<EventLine> = Vec::new();
    let mut total = 0;
    for (i, item) in analysis.timeline.iter().enumerate() {
        if item.occurrences.is_empty() {
            continue;
        }
        covered.extend(item.occurrences.iter().copied());
        total += 1;
        let c = Candidate {
            kind: item.kind,
            date: item.date,
            actors: &item.actors,
            targets: &item.targets,
            refs: &item.occurrences,
        };
        if keep(&c) {
            lines.extend(from_item(analysis, i, item));
        }
    }
    let n = analysis.articles.len().min(analysis.analyses.len());
    for article in 0..n {
        for (event, e) in analysis.analyses[article].events.iter().enumerate() {
            let r = EventRef { article, event };
            if covered.contains(&r) {
                continue;
            }
            total += 1;
            let c = Candidate {
                kind: e.kind,
                date: e.date,
                actors: &e.actors,
                targets: &e.targets,
                refs: std::slice::from_ref(&r),
            };
            if keep(&c) {
                lines.push(from_event(analysis, r, e));
            }
        }
    }
    lines.sort_by_key(EventLine::order_key);
    (total, lines)
}

/// A briefing line owns its names.
fn owned(names: &[Name]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}
