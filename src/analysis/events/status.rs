//! Whether a trigger reports, foresees or proposes an event, and whether it is negated or only
//! refers back to an event already told. A cue counts only when it governs the trigger: before
//! it, in the same clause, within the cue's window of words.

use super::lexicon::Role;
use super::scan::{Hit, Sentence};
use crate::analysis::model::Status;

/// A cue hit that may govern: not a capitalised name ("May"), not part of a date.
fn usable(s: &Sentence, h: &Hit) -> bool {
    !s.name_like(h.start, h.end) && !s.in_date(h.start, h.end)
}

/// The status of a trigger at `[start, end)`: the nearest governing cue before it, else for a
/// nominal trigger a cue right after it; `positive` for de-escalating kinds.
pub fn status_of(s: &Sentence, start: usize, end: usize, verbal: bool, positive: bool) -> Status {
    let is_cue = |r: &Role| matches!(r, Role::Status { .. });
    let mut best: Option<(usize, Status)> = None;
    for h in s.with_role(is_cue).filter(|h| h.end <= start) {
        if s.with_role(is_cue).any(|o| o.contains(h)) || !usable(s, h) {
            continue;
        }
        for r in s.roles(h) {
            if let Role::Status {
                status,
                window,
                positive: on_positive,
            } = *r
                && s.governs(h.end, start, usize::from(window))
                && best.is_none_or(|(e, _)| h.end > e)
            {
                let st = match on_positive {
                    Some(p) if positive => p,
                    _ => status,
                };
                best = Some((h.end, st));
            }
        }
    }
    best.map(|(_, st)| st)
        .or_else(|| (!verbal).then(|| status_after(s, end)).flatten())
        .unwrap_or(Status::Reported)
}

/// The status given by the nearest cue after a nominal trigger ending at `end`, in its clause.
fn status_after(s: &Sentence, end: usize) -> Option<Status> {
    s.hits
        .iter()
        .filter(|h| h.start >= end && usable(s, h))
        .find_map(|h| {
            s.roles(h).iter().find_map(|r| match *r {
                Role::StatusAfter { status, window }
                    if s.governs(end, h.start, usize::from(window)) =>
                {
                    Some(status)
                }
                _ => None,
            })
        })
}

/// True when a negation cue governs the trigger ("did not deploy", "denied attacking"), each
/// cue within its own window of words.
pub fn negated(s: &Sentence, start: usize, end: usize) -> bool {
    let except = |h: &Hit| {
        s.with_role(|r| matches!(r, Role::NegationExcept))
            .any(|x| x.overlaps(h.start, h.end))
    };
    s.hits.iter().any(|h| {
        s.roles(h).iter().any(|r| match *r {
            Role::Negation { window } => {
                !h.overlaps(start, end)
                    && s.governs(h.end, start, usize::from(window))
                    && usable(s, h)
                    && !except(h)
            }
            _ => false,
        })
    })
}

/// True when a nominal trigger follows a demonstrative ("this deployment"): a back-reference.
pub fn anaphoric(s: &Sentence, start: usize, verbal: bool) -> bool {
    let window = s.lex.anaphora_window;
    !verbal
        && s.with_role(|r| matches!(r, Role::Anaphora))
            .any(|h| h.end <= start && s.governs(h.end, start, window))
}
