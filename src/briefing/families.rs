//! Events by family: how many kept events each family of kinds holds (violence, coercion,
//! verbal conflict, unrest, cooperation, humanitarian), and which kinds they are. Context-only
//! events (severity 0, such as disasters) are counted here, marked as context, and left out of
//! every escalation measure ([`is_context`]).

use super::lines::EventLine;
use crate::analysis::{EventKind, Family};
use serde::Serialize;

/// How many events of one kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KindCount {
    pub kind: EventKind,
    pub events: usize,
    /// True when every one of them is context only (severity 0): it neither escalates nor calms.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub context: bool,
}

/// One family and its kinds, most frequent first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FamilyLine {
    pub family: Family,
    pub events: usize,
    pub kinds: Vec<KindCount>,
}

/// True for an event that is context only: its severity is 0 (a disaster), so it is no
/// escalation and no de-escalation. The trend and the escalation chart leave it out.
pub fn is_context(line: &EventLine) -> bool {
    line.severity == 0.0
}

/// The families of the kept events, in [`Family::ALL`] order (violence first), families with
/// no event left out; within a family the kinds by count, then in [`EventKind::ALL`] order.
pub fn by_family(lines: &[EventLine]) -> Vec<FamilyLine> {
    let mut counts: Vec<(EventKind, usize, bool)> = Vec::new();
    for l in lines {
        match counts.iter_mut().find(|(k, _, _)| *k == l.kind) {
            Some((_, n, context)) => {
                *n += 1;
                *context &= is_context(l);
            }
            None => counts.push((l.kind, 1, is_context(l))),
        }
    }
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    Family::ALL
        .iter()
        .filter_map(|&family| {
            let kinds: Vec<KindCount> = counts
                .iter()
                .filter(|(k, _, _)| k.family() == family)
                .map(|&(kind, events, context)| KindCount {
                    kind,
                    events,
                    context,
                })
                .collect();
            (!kinds.is_empty()).then(|| FamilyLine {
                family,
                events: kinds.iter().map(|k| k.events).sum(),
                kinds,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EventRef, Status};

    fn line(kind: EventKind, severity: f64) -> EventLine {
        EventLine {
            item: None,
            event: EventRef {
                article: 0,
                event: 0,
            },
            article: "a".into(),
            date: None,
            kind,
            status: Status::Reported,
            severity,
            actors: Vec::new(),
            targets: Vec::new(),
            summary: String::new(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn kinds_are_grouped_under_their_family_in_family_order() {
        let lines = [
            line(EventKind::Aid, 7.0),
            line(EventKind::Disaster, 0.0),
            line(EventKind::Shelling, -10.0),
            line(EventKind::Airstrike, -10.0),
            line(EventKind::Airstrike, -10.0),
            line(EventKind::Sanction, -8.0),
        ];
        let fams = by_family(&lines);
        let names: Vec<&str> = fams.iter().map(|f| f.family.as_str()).collect();
        assert_eq!(
            names,
            ["violence", "coercion", "cooperation", "humanitarian"]
        );
        assert_eq!(fams[0].events, 3);
        let violence: Vec<_> = fams[0].kinds.iter().map(|k| (k.kind, k.events)).collect();
        assert_eq!(
            violence,
            [(EventKind::Airstrike, 2), (EventKind::Shelling, 1)]
        );
        let disaster = &fams[3].kinds[0];
        assert!(disaster.context && !fams[0].kinds[0].context);
    }

    fn dated(kind: EventKind, severity: f64, date: &str) -> EventLine {
        EventLine {
            date: crate::date::DateValue::parse_iso(date),
            ..line(kind, severity)
        }
    }

    #[test]
    fn disasters_stay_out_of_the_trend_and_the_chart() {
        let lines = [
            dated(EventKind::Airstrike, -10.0, "2024-01-10"),
            dated(EventKind::Disaster, 0.0, "2024-02-10"),
            dated(EventKind::Disaster, 0.0, "2024-05-10"),
            dated(EventKind::Disaster, 0.0, "2024-06-10"),
        ];
        // Without the disasters there is a single dated event: no trend to tell.
        assert_eq!(crate::briefing::bottom::trend(&lines), None);
        let chart = crate::briefing::chart::build(&lines).expect("one dated event charts");
        let counted: usize = chart.rows.iter().map(|r| r.events).sum();
        assert_eq!(counted, 1, "{chart:?}");
        assert_eq!(chart.rows.len(), 1, "the period ends with the airstrike");
        assert!(
            crate::briefing::bottom::most_severe_recent(&lines)
                .is_some_and(|l| l.kind == EventKind::Airstrike)
        );
        // Counted as context under its family all the same.
        let fams = by_family(&lines);
        assert_eq!(fams[1].family, Family::Humanitarian);
        assert_eq!(fams[1].events, 3);
        assert!(fams[1].kinds[0].context);
    }
}
