//! Intent: a death toll, an explosion or "fighting" tells of harm, not of an attack. Such weak
//! triggers stand only when the sentence frames an attack: a strong violent trigger, a word
//! naming an attack or an armed perpetrator, or an armed group; or armed forces and weapons
//! with no disaster or accident standing beside them. A flood that kills eight, a plant that
//! explodes or firefighters fighting a blaze are never violence.

use super::lexicon::Role;
use super::scan::Sentence;
use super::{Cand, in_exclusion};
use crate::analysis::model::{EntityKind, EventKind, Status};

/// True when the sentence holding these standing triggers frames an attack.
/// Cue words inside an exclusion phrase ("trade war", "fighting fires") frame nothing.
pub(super) fn attack_frame(s: &Sentence, cands: &[Cand], stand: &[(Cand, Status)]) -> bool {
    let cue = |role: fn(&Role) -> bool| {
        s.with_role(role)
            .any(|h| !in_exclusion(cands, h.start, h.end))
    };
    let strong_trigger = stand
        .iter()
        .any(|(c, _)| !c.weak && c.kind.is_some_and(EventKind::is_violent));
    let attack_word = cue(|r| matches!(r, Role::AttackCue));
    let armed_group = s.mentions.iter().any(|m| m.kind == EntityKind::ArmedGroup);
    if strong_trigger || attack_word || armed_group {
        return true;
    }
    let disaster = stand
        .iter()
        .any(|(c, _)| c.kind == Some(EventKind::Disaster));
    // An explosion that kills, with no accident named: two weak triggers of different violent
    // kinds tell of an attack.
    let mut weak_kinds = stand
        .iter()
        .filter(|(c, _)| c.weak)
        .filter_map(|(c, _)| c.kind);
    let first = weak_kinds.next();
    if !disaster && weak_kinds.any(|k| Some(k) != first) {
        return true;
    }
    let armed_word = cue(|r| matches!(r, Role::ArmedCue));
    let military = s.mentions.iter().any(|m| m.kind == EntityKind::Military);
    (armed_word || military) && !disaster
}

/// A disaster standing in the sentence tells what killed and destroyed ("a hotel fire kills
/// fifteen pilgrims", "the typhoon destroyed 1,600 houses"): violence stands beside it only when
/// the sentence names an attack, an attacker or an armed group, or a weapon as the cause;
/// whatever else the article said.
pub(super) fn drop_harm_told_by_a_disaster(
    s: &Sentence,
    cands: &[Cand],
    stand: &mut Vec<(Cand, Status)>,
) {
    let disaster = stand
        .iter()
        .any(|(c, _)| c.kind == Some(EventKind::Disaster));
    if !disaster {
        return;
    }
    let attack_word = s
        .with_role(|r| matches!(r, Role::AttackCue))
        .any(|h| !in_exclusion(cands, h.start, h.end));
    let armed_group = s.mentions.iter().any(|m| m.kind == EntityKind::ArmedGroup);
    if attack_word || armed_group {
        return;
    }
    // A weapon named as the cause stays ("a mine exploded under a truck", "shot down").
    let harm = |c: &Cand| {
        c.kind.is_some_and(|k| {
            matches!(
                k,
                EventKind::CivilianHarm | EventKind::ArmedClash | EventKind::Looting
            )
        }) || (c.weak && c.kind.is_some_and(EventKind::is_violent))
    };
    stand.retain(|(c, _)| !harm(c));
}

/// A call ("urges talks", "calls for a ceasefire") is told by the proposed event it governs:
/// the demand stands alone only when it governs no event of its clause.
pub(super) fn drop_calls_told_by_their_object(s: &Sentence, stand: &mut Vec<(Cand, Status)>) {
    let governed = |call: &Cand| {
        stand.iter().any(|(c, st)| {
            c.kind != Some(EventKind::Demand)
                && *st != Status::Reported
                && c.start >= call.end
                && s.governs(call.end, c.start, 10)
        })
    };
    let keep: Vec<bool> = stand
        .iter()
        .map(|(c, _)| c.kind != Some(EventKind::Demand) || !governed(c))
        .collect();
    let mut keep = keep.into_iter();
    stand.retain(|_| keep.next().unwrap_or(true));
}
