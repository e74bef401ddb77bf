//! Which triggers of a sentence stand as events: not excluded, not shadowed by a longer trigger
//! of another kind, not yielding to a more specific kind, not the object of another trigger, not
//! a name, not negated, not a back-reference.
//!
//! Each test asks whether some other trigger of a given kind lies around, over or before this
//! one. Asked of every other trigger, that is quadratic in the triggers of a sentence: a list or
//! a transcript with no full stop holds thousands. The triggers are indexed once per kind
//! instead ([`ByKind`]), so each test is a binary search per kind.

use super::scan::Sentence;
use super::{Cand, intent, status};
use crate::analysis::model::{EventKind, Status};

/// The triggers that stand: not excluded, not inside a longer trigger of another kind, not a
/// capitalised name, not negated, not a back-reference; each with its status.
/// `framed`: an earlier sentence of the article reported an attack.
pub(super) fn standing(s: &Sentence, cands: &[Cand], framed: bool) -> Vec<(Cand, Status)> {
    let index = ByKind::new(cands);
    let mut out: Vec<(Cand, Status)> = Vec::new();
    for c in cands {
        let Some(kind) = c.kind else { continue };
        let excluded = index.covering(None, c);
        let shadowed = index
            .present()
            .any(|k| k != kind && !s.lex.yields(k, kind) && index.strictly_covering(Some(k), c));
        let yields = index
            .present()
            .any(|k| s.lex.yields(kind, k) && index.overlapping(Some(k), c));
        let object = s.lex.object_of.get(&kind).is_some_and(|of| {
            // The nearest trigger ending before this one governs it if any does: a later end
            // leaves fewer words, bounds and breakers in between.
            of.iter()
                .filter_map(|&k| index.last_end_at_most(Some(k), c.start))
                .any(|end| s.governs(end, c.start, 4))
        });
        if excluded
            || shadowed
            || yields
            || object
            || s.name_like(c.start, c.end)
            || status::negated(s, c.start, c.end)
            || status::anaphoric(s, c.start, c.verbal)
        {
            continue;
        }
        let positive = s.lex.base_severity(kind, Status::Reported) > 0.0;
        out.push((*c, status::status_of(s, c.start, c.end, c.verbal, positive)));
    }
    if out.iter().any(|(c, _)| c.weak) && !framed && !intent::attack_frame(s, cands, &out) {
        out.retain(|(c, _)| !c.weak);
    }
    intent::drop_harm_told_by_a_disaster(s, cands, &mut out);
    intent::drop_calls_told_by_their_object(s, &mut out);
    out.sort_by_key(|(c, _)| (c.start, c.end));
    out
}

/// True when `[start, end)` lies inside an exclusion phrase ("trade war", "fighting fires").
pub(super) fn in_exclusion(cands: &[Cand], start: usize, end: usize) -> bool {
    cands
        .iter()
        .any(|x| x.kind.is_none() && x.start <= start && end <= x.end)
}

/// The triggers of one kind (or the exclusions), for range questions.
#[derive(Default)]
struct Spans {
    /// (start, furthest end among the triggers starting at or before it), by start.
    reach: Vec<(usize, usize)>,
    /// Every end, ascending.
    ends: Vec<usize>,
}

impl Spans {
    /// The furthest end among triggers starting at or before `at` (`strict`: before it).
    fn reach(&self, at: usize, strict: bool) -> Option<usize> {
        let k = self
            .reach
            .partition_point(|r| if strict { r.0 < at } else { r.0 <= at });
        k.checked_sub(1).map(|k| self.reach[k].1)
    }
}

/// The sentence's triggers indexed by kind; slot 0 holds the exclusion phrases.
struct ByKind {
    slots: Vec<Spans>,
}

impl ByKind {
    fn new(cands: &[Cand]) -> Self {
        let mut slots: Vec<Spans> = (0..=EventKind::ALL.len())
            .map(|_| Spans::default())
            .collect();
        for c in cands {
            let slot = &mut slots[Self::slot(c.kind)];
            slot.reach.push((c.start, c.end));
            slot.ends.push(c.end);
        }
        for slot in &mut slots {
            slot.reach.sort_unstable();
            let mut furthest = 0;
            for r in &mut slot.reach {
                furthest = furthest.max(r.1);
                r.1 = furthest;
            }
            slot.ends.sort_unstable();
        }
        Self { slots }
    }

    fn slot(kind: Option<EventKind>) -> usize {
        kind.map_or(0, |k| k as usize + 1)
    }

    fn spans(&self, kind: Option<EventKind>) -> &Spans {
        &self.slots[Self::slot(kind)]
    }

    /// The kinds with at least one trigger in the sentence.
    fn present(&self) -> impl Iterator<Item = EventKind> + '_ {
        EventKind::ALL
            .iter()
            .copied()
            .filter(|&k| !self.spans(Some(k)).ends.is_empty())
    }

    /// True when a trigger of `kind` holds `c` (or is `c`).
    fn covering(&self, kind: Option<EventKind>, c: &Cand) -> bool {
        self.spans(kind).reach(c.start, false) >= Some(c.end)
    }

    /// True when a longer trigger of `kind` holds `c`: it starts before `c`
    /// and ends at or after it, or starts with it and ends after it.
    fn strictly_covering(&self, kind: Option<EventKind>, c: &Cand) -> bool {
        let spans = self.spans(kind);
        spans.reach(c.start, true) >= Some(c.end) || spans.reach(c.start, false) > Some(c.end)
    }

    /// True when a trigger of `kind` overlaps `c`.
    fn overlapping(&self, kind: Option<EventKind>, c: &Cand) -> bool {
        self.spans(kind).reach(c.end, true) > Some(c.start)
    }

    /// The last end of a trigger of `kind` at or before `at`.
    fn last_end_at_most(&self, kind: Option<EventKind>, at: usize) -> Option<usize> {
        let ends = &self.spans(kind).ends;
        let k = ends.partition_point(|&e| e <= at);
        k.checked_sub(1).map(|k| ends[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definitions the index answers for.
    impl Cand {
        fn inside(&self, other: &Cand) -> bool {
            other.start <= self.start
                && self.end <= other.end
                && other.end - other.start > self.end - self.start
        }

        fn overlaps(&self, other: &Cand) -> bool {
            self.start < other.end && other.start < self.end
        }
    }

    fn cand(kind: u8, start: usize, len: usize) -> Cand {
        Cand {
            kind: (kind > 0).then(|| EventKind::ALL[usize::from(kind - 1) % EventKind::ALL.len()]),
            start,
            end: start + len,
            verbal: false,
            weak: false,
        }
    }

    proptest! {
        /// Each question of the index answers as the scan of every trigger it replaced.
        #[test]
        fn the_index_answers_as_the_scan_of_every_trigger(
            specs in proptest::collection::vec((0u8..4, 0usize..30, 1usize..8), 0..25),
            probe in (1u8..4, 0usize..35, 1usize..8),
        ) {
            let cands: Vec<Cand> = specs.into_iter().map(|(k, s, l)| cand(k, s, l)).collect();
            let c = cand(probe.0, probe.1, probe.2);
            let index = ByKind::new(&cands);
            prop_assert_eq!(
                index.covering(None, &c),
                in_exclusion(&cands, c.start, c.end)
            );
            for &k in EventKind::ALL.iter().take(4) {
                let of_k = || cands.iter().filter(move |d| d.kind == Some(k));
                prop_assert_eq!(
                    index.strictly_covering(Some(k), &c),
                    of_k().any(|d| c.inside(d))
                );
                prop_assert_eq!(
                    index.overlapping(Some(k), &c),
                    of_k().any(|d| d.overlaps(&c))
                );
                prop_assert_eq!(
                    index.last_end_at_most(Some(k), c.start),
                    of_k().map(|d| d.end).filter(|&e| e <= c.start).max()
                );
                prop_assert_eq!(index.present().any(|p| p == k), of_k().next().is_some());
            }
        }
    }
}
