//! Who acts and who is acted on: entities in the roles the sentence gives them ("by X",
//! "attributed to X" → actor; "against X", "on X" → target; subject before the trigger → actor,
//! object after it → target), else the nearest entities. Locations ("near X") take no role.

use super::lexicon::Role;
use super::scan::{NormMention, Sentence};
use crate::analysis::Name;
use crate::analysis::model::{ArticleEntity, EntityKind, EventKind};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Marker {
    None,
    Actor,
    Target,
    Locative,
    /// "of" inside or right after a nominal trigger ("the convoy of X", "the exit of X").
    Of,
}

/// The role marker just before a mention, if one is within the window. "of" counts only
/// inside the trigger `[start, end)` or as the word right after it.
fn marker(s: &Sentence, m: &NormMention, start: usize, end: usize) -> Marker {
    let window = s.lex.role_window;
    let mut best: Option<(usize, Marker)> = None;
    for h in s.hits.iter().filter(|h| h.end <= m.start) {
        let mk = s.roles(h).iter().find_map(|r| match r {
            Role::ActorMarker => Some(Marker::Actor),
            Role::TargetMarker => Some(Marker::Target),
            Role::Locative => Some(Marker::Locative),
            Role::OfMarker
                if h.start >= start
                    && (h.end <= end || s.norm.words_between(end, h.start) == 0) =>
            {
                Some(Marker::Of)
            }
            _ => None,
        });
        let Some(mk) = mk else { continue };
        let between_mention = s
            .mentions
            .iter()
            .any(|o| o.start >= h.end && o.end <= m.start);
        if s.norm.words_between(h.end, m.start) <= window
            && !s.norm.bound_between(h.end, m.start)
            && !between_mention
            && best.is_none_or(|(e, _)| h.end >= e)
        {
            best = Some((h.end, mk));
        }
    }
    best.map_or(Marker::None, |(_, mk)| mk)
}

fn push(list: &mut Vec<Name>, name: &Name) {
    if !list.iter().any(|n| n == name) && list.len() < 3 {
        list.push(name.clone());
    }
}

/// True when a passive auxiliary stands right before a verbal trigger ("was attacked").
fn passive(s: &Sentence, start: usize, verbal: bool) -> bool {
    verbal
        && s.with_role(|r| matches!(r, Role::Passive))
            .any(|h| h.end <= start && s.governs(h.end, start, 1))
}

/// Actors and targets of the trigger at `[start, end)`.
pub fn participants(
    s: &Sentence,
    entities: &[ArticleEntity],
    start: usize,
    end: usize,
    verbal: bool,
    kind: EventKind,
) -> (Vec<Name>, Vec<Name>) {
    let (cs, ce) = s.clause(start, end);
    let mut actors = Vec::new();
    let mut targets = Vec::new();
    let mut subject: Option<&NormMention> = None;
    let mut object: Option<&NormMention> = None;
    let mut before: Option<&NormMention> = None;
    let mut after: Option<&NormMention> = None;
    for m in s.mentions {
        let Some(e) = entities.get(m.entity) else {
            continue;
        };
        if m.start <= start && start < m.end {
            continue;
        }
        let mk = marker(s, m, start, end);
        let in_clause = m.start >= cs && m.end <= ce;
        let is_place = e.kind == EntityKind::Place;
        let can_act = !matches!(e.kind, EntityKind::Place | EntityKind::Equipment);
        let of_actor = !verbal && s.lex.of_actor.contains(&kind);
        match mk {
            Marker::Locative => continue,
            Marker::Of if of_actor && can_act => push(&mut actors, &e.name),
            Marker::Of => push(&mut targets, &e.name),
            Marker::Actor if m.start >= end && in_clause => push(&mut actors, &e.name),
            _ if m.start > start && m.start < end => push(&mut targets, &e.name),
            Marker::Target if m.start >= end && in_clause => push(&mut targets, &e.name),
            _ if m.end <= start => {
                if in_clause && can_act {
                    subject = Some(m);
                }
                if can_act {
                    before = Some(m);
                }
            }
            _ => {
                if in_clause && object.is_none() {
                    object = Some(m);
                }
                if after.is_none() && !is_place {
                    after = Some(m);
                }
            }
        }
    }
    let name = |m: &NormMention| &entities[m.entity].name;
    if passive(s, start, verbal) {
        if let Some(m) = subject {
            push(&mut targets, name(m));
        }
        subject = None;
        before = None;
    }
    if actors.is_empty()
        && let Some(m) = subject.or(before)
    {
        push(&mut actors, name(m));
    }
    if targets.is_empty()
        && let Some(m) = object.or(after)
    {
        push(&mut targets, name(m));
    }
    targets.retain(|t| !actors.contains(t));
    (actors, targets)
}
