//! When two events report the same thing, and how the events of a corpus are grouped into the
//! items of the timeline.
//!
//! Two events are the same report when they have the same kind and the same status, their actors
//! and targets agree, and their dates are compatible (see [`same_report`]). Grouping is
//! conservative: an event joins a group only when it is the same report as *every* event already
//! there (so a coarse "2024" cannot chain a July event to an August one), and an event that could
//! join two or more groups stays on its own, since we cannot tell which one it corroborates.

use crate::analysis::model::{Event, EventKind, EventRef, Status};
use std::cmp::Reverse;
use std::collections::HashMap;

/// One event and where it comes from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Occurrence<'a> {
    pub at: EventRef,
    pub event: &'a Event,
}

/// How two lists of names relate: `None` when either is empty, else whether they share a name.
fn overlap(a: &[String], b: &[String]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        None
    } else {
        Some(a.iter().any(|x| b.contains(x)))
    }
}

/// True when two events can be reports of the same thing:
/// - same kind and same status: statuses are never mixed, since a call for mediation is not
///   mediation happening, nor is a risk of an attack an attack;
/// - two events of one article only when they come from the same sentence;
/// - both dated with compatible dates ([`crate::date::DateValue::compatible`]), or both undated,
///   and participants that agree (see [`participants_agree`]);
/// - a dated and an undated event only when they share an actor AND a target.
pub(super) fn same_report(a: Occurrence, b: Occurrence) -> bool {
    let (x, y) = (a.event, b.event);
    if x.kind != y.kind || x.status != y.status {
        return false;
    }
    if a.at.article == b.at.article && x.sentence != y.sentence {
        return false;
    }
    let actors = overlap(&x.actors, &y.actors);
    let targets = overlap(&x.targets, &y.targets);
    match (x.date, y.date) {
        (Some(d), Some(e)) => d.compatible(&e) && participants_agree(x, y, actors, targets),
        (None, None) => participants_agree(x, y, actors, targets),
        _ => actors == Some(true) && targets == Some(true),
    }
}

/// Participants agree when nobody is named on either event, or when they share an actor or a
/// target and neither side contradicts: if both events name actors, one actor must be shared, and
/// likewise for targets ("Mali accuses Algeria" is not "Mali accuses France").
fn participants_agree(x: &Event, y: &Event, actors: Option<bool>, targets: Option<bool>) -> bool {
    let nobody =
        x.actors.is_empty() && x.targets.is_empty() && y.actors.is_empty() && y.targets.is_empty();
    nobody
        || (actors != Some(false)
            && targets != Some(false)
            && (actors == Some(true) || targets == Some(true)))
}

/// 0 for a day, 1 for a month, 2 for a year, 3 for no date.
fn precision(e: &Event) -> u8 {
    match e.date {
        Some(d) if d.day.is_some() => 0,
        Some(d) if d.month.is_some() => 1,
        Some(_) => 2,
        None => 3,
    }
}

/// The order events are grouped in, which makes the first event of a group its representative:
/// the finest date, then the most actors, then the most targets, then reading order.
fn preference(o: &Occurrence) -> (u8, Reverse<usize>, Reverse<usize>, EventRef) {
    (
        precision(o.event),
        Reverse(o.event.actors.len()),
        Reverse(o.event.targets.len()),
        o.at,
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Role {
    Actor,
    Target,
    /// The bucket of events that name nobody.
    Nobody,
}

/// Groups are looked up by a participant of their representative (an event must share one with
/// it to join), and by its year (`None` lists every group, for undated events).
type Key<'a> = (EventKind, Status, Role, &'a str, Option<i32>);

fn keys<'a>(e: &'a Event, year: Option<i32>) -> Vec<Key<'a>> {
    let mut out: Vec<Key<'a>> = e
        .actors
        .iter()
        .map(|n| (e.kind, e.status, Role::Actor, n.as_str(), year))
        .chain(
            e.targets
                .iter()
                .map(|n| (e.kind, e.status, Role::Target, n.as_str(), year)),
        )
        .collect();
    if out.is_empty() {
        out.push((e.kind, e.status, Role::Nobody, "", year));
    }
    out
}

/// Groups the occurrences; each group's first occurrence is its representative. Groups come out
/// in the order they were founded, the rest of each group in the order it joined.
pub(super) fn group(mut occurrences: Vec<Occurrence<'_>>) -> Vec<Vec<Occurrence<'_>>> {
    occurrences.sort_by_key(preference);
    let mut groups: Vec<Vec<Occurrence>> = Vec::new();
    let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
    for o in occurrences {
        let year = o.event.date.map(|d| d.year);
        let mut candidates: Vec<usize> = keys(o.event, year)
            .iter()
            .filter_map(|k| index.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&g| groups[g].iter().all(|m| same_report(*m, o)));
        if let [only] = candidates[..] {
            groups[only].push(o);
            continue;
        }
        let id = groups.len();
        groups.push(vec![o]);
        for k in keys(o.event, year).into_iter().chain(match year {
            Some(_) => keys(o.event, None),
            None => Vec::new(),
        }) {
            index.entry(k).or_default().push(id);
        }
    }
    groups
}
