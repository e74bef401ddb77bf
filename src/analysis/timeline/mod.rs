//! The corpus timeline: the events of every article ordered by date, the events that several
//! sources report merged into one item listing each source.
//!
//! Order: dated items by [`DateValue::timeline_key`] (a coarser date after the finer ones of its
//! period: 2024-07-03, 2024-07, 2024-08-01, 2024), then undated items in reading order (article,
//! then event). Ties go to the item whose first occurrence comes first in reading order.
//!
//! Merging (see [`merge`]) only joins events of the same kind and the same status, so an item's
//! status is the status of all its occurrences; an undated event only joins a dated item when it
//! shares an actor and a target with every event there, and then takes its date. Each item shows
//! its representative (the occurrence with the finest date, then the most actors): its date and
//! its severity (the line shows that report, so its severity rather than a maximum taken from
//! another one), with the union of every occurrence's actors and targets. An event joins an item
//! only if it is the same report as every occurrence there, and one that fits two items stays on
//! its own: a bare "2024" report cannot tell which July or August strike it corroborates.

mod merge;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

use super::model::{ArticleAnalysis, EventKind, EventRef, Names, Status, TimelineItem, names_from};
use crate::analysis::Name;
use crate::corpus::Article;
use crate::date::DateValue;
use merge::Occurrence;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// Every event of the corpus, merged across sources and ordered by date.
pub fn build_timeline(articles: &[Article], analyses: &[ArticleAnalysis]) -> Vec<TimelineItem> {
    // Events of different kinds or statuses never merge: each (kind, status) is grouped on its
    // own, in parallel. The final sort makes the order of the parts irrelevant.
    let statuses = Status::ALL.len();
    let mut parts: Vec<Vec<Occurrence>> = vec![Vec::new(); EventKind::ALL.len() * statuses];
    for (article, a) in analyses.iter().take(articles.len()).enumerate() {
        for (event, e) in a.events.iter().enumerate() {
            parts[e.kind as usize * statuses + e.status as usize].push(Occurrence {
                at: EventRef { article, event },
                event: e,
            });
        }
    }
    let labels = source_labels(articles);
    let per_part: Vec<Vec<TimelineItem>> = parts
        .into_par_iter()
        .map(|part| {
            let mut items = Vec::new();
            merge::group(part).for_each(|g| items.extend(item(&labels, g)));
            items.shrink_to_fit();
            items
        })
        .collect();
    let mut items = Vec::with_capacity(per_part.iter().map(Vec::len).sum());
    for part in per_part {
        items.extend(part);
    }
    // Each event is in one item, so the first report makes the order total: no two items have
    // the same key, and an unstable sort (which needs no room of its own) gives the one order.
    items.sort_unstable_by_key(|item| {
        (order_key(item.date), item.occurrences.iter().min().copied())
    });
    items
}

/// Dated items first by their timeline key, then undated ones.
fn order_key(date: Option<DateValue>) -> (bool, (i32, u8, u8)) {
    match date {
        Some(d) => (false, d.timeline_key()),
        None => (true, (0, 0, 0)),
    }
}

/// Merged status: reported if any occurrence is, else potential, else proposed. Grouping keeps
/// one status per item, so this only matters if that rule is ever relaxed.
fn merged_status(group: &[&Occurrence]) -> Option<Status> {
    let rank = |s: Status| match s {
        Status::Reported => 0,
        Status::Potential => 1,
        Status::Proposed => 2,
    };
    group
        .iter()
        .map(|o| o.event.status)
        .min_by_key(|s| rank(*s))
}

/// Names in first-seen order without repeats. A few names are searched in the list; past 16 a
/// set takes over (the sources of an item that thousands of reports share).
#[derive(Default)]
struct Union<'a> {
    order: Vec<&'a Name>,
    seen: FxHashSet<&'a str>,
}

impl<'a> Union<'a> {
    fn add(&mut self, more: &'a [Name]) {
        for n in more {
            let new = if self.order.len() < 16 {
                !self.order.iter().any(|o| **o == *n)
            } else {
                if self.seen.is_empty() {
                    self.seen.extend(self.order.iter().map(|o| &***o));
                }
                self.seen.insert(n)
            };
            if new {
                self.order.push(n);
            }
        }
    }

    /// The names: `first`, the list added first, when the others added nothing to it (its
    /// names are then these, in this order); else a new list of names shared with the events
    /// they come from.
    fn names(&self, first: &Names) -> Names {
        if self.order.len() == first.len() {
            Arc::clone(first)
        } else {
            names_from(self.order.iter().map(|&n| n.clone()).collect())
        }
    }
}

/// Each article's source label (its source, else its id) as a list of one name: one shared
/// list per distinct label.
fn source_labels(articles: &[Article]) -> Vec<Names> {
    let mut seen: FxHashMap<&str, Names> = FxHashMap::default();
    articles
        .iter()
        .map(|a| {
            let label = a.source_label();
            Arc::clone(
                seen.entry(label)
                    .or_insert_with(|| names_from(vec![label.into()])),
            )
        })
        .collect()
}

/// The item of one group (representative first).
fn item(labels: &[Names], group: &[&Occurrence]) -> Option<TimelineItem> {
    let rep = *group.first()?;
    let mut rest: Vec<&Occurrence> = group[1..].to_vec();
    rest.sort_by_key(|o| o.at);
    let ordered: Vec<&Occurrence> = std::iter::once(rep).chain(rest).collect();
    let mut actors = Union::default();
    let mut targets = Union::default();
    let mut sources = Union::default();
    for o in &ordered {
        actors.add(&o.event.actors);
        targets.add(&o.event.targets);
        sources.add(&labels[o.at.article]);
    }
    Some(TimelineItem {
        date: rep.event.date,
        kind: rep.event.kind,
        status: merged_status(group)?,
        severity: rep.event.severity,
        actors: actors.names(&rep.event.actors),
        targets: targets.names(&rep.event.targets),
        occurrences: ordered.iter().map(|o| o.at).collect(),
        sources: sources.names(&labels[rep.at.article]),
    })
}
