//! Intent: a death toll, an explosion or "fighting" tells of harm, not of an attack. Such weak
//! triggers stand only when the sentence frames an attack: a strong violent trigger, a word
//! naming an attack or an armed perpetrator, or an armed group; or armed forces and weapons
//! with no disaster or accident standing beside them. A flood that kills eight, a plant that
//! explodes or firefighters fighting a blaze are never violence.

use super::Cand;
use super::lexicon::Role;
use super::scan::Sentence;
use crate::analysis::model::{EntityKind, EventKind, Status};

/// True when the sentence holding these standing triggers frames an attack.
/// Cue words inside an exclusion phrase ("trade war", "fighting fires") frame nothing.
pub(super) fn attack_frame(s: &Sentence, cands: &[Cand], stand: &[(Cand, Status)]) -> bool {
    let cue = |role: fn(&Role) -> bool| {
        s.with_role(role).any(|h| {
            !cands
                .iter()
                .any(|x| x.kind.is_none() && x.start <= h.start && h.end <= x.end)
        })
    };
    let strong_trigger = stand
        .iter()
        .any(|(c, _)| !c.weak && c.kind.is_some_and(EventKind::is_violent));
    let attack_word = cue(|r| matches!(r, Role::AttackCue));
    let armed_group = s.mentions.iter().any(|m| m.kind == EntityKind::ArmedGroup);
    if strong_trigger || attack_word || armed_group {
        return true;
    }
    let armed_word = cue(|r| matches!(r, Role::ArmedCue));
    let military = s.mentions.iter().any(|m| m.kind == EntityKind::Military);
    let disaster = stand
        .iter()
        .any(|(c, _)| c.kind == Some(EventKind::Disaster));
    (armed_word || military) && !disaster
}
