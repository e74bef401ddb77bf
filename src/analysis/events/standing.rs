//! Which triggers of a sentence stand as events: not excluded, not shadowed by a longer trigger
//! of another kind, not yielding to a more specific kind, not the object of another trigger, not
//! a name, not negated, not a back-reference.

use super::scan::Sentence;
use super::{Cand, intent, status};
use crate::analysis::model::Status;

/// The triggers that stand: not excluded, not inside a longer trigger of another kind, not a
/// capitalised name, not negated, not a back-reference; each with its status.
/// `framed`: an earlier sentence of the article reported an attack.
pub(super) fn standing(s: &Sentence, cands: &[Cand], framed: bool) -> Vec<(Cand, Status)> {
    let mut out: Vec<(Cand, Status)> = Vec::new();
    for c in cands {
        let Some(kind) = c.kind else { continue };
        let excluded = in_exclusion(cands, c.start, c.end);
        let shadowed = cands
            .iter()
            .any(|d| d.kind.is_some_and(|k| k != kind && !s.lex.yields(k, kind)) && c.inside(d));
        let yields = cands
            .iter()
            .any(|d| d.kind.is_some_and(|k| s.lex.yields(kind, k)) && d.overlaps(c));
        let object = s.lex.object_of.get(&kind).is_some_and(|of| {
            cands.iter().any(|d| {
                d.kind.is_some_and(|k| of.contains(&k))
                    && d.end <= c.start
                    && s.governs(d.end, c.start, 4)
            })
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
