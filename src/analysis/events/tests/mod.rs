//! End-to-end phrasing tests: articles built from text, with hand-made entity and date lists.

mod context;
mod cues;
mod kinds;
mod roles;

use super::*;
use crate::analysis::model::EntityKind;
use crate::corpus::article_from_text;
use std::sync::OnceLock;

pub(super) fn lex() -> &'static EventLexicon {
    static LEX: OnceLock<EventLexicon> = OnceLock::new();
    LEX.get_or_init(|| EventLexicon::builtin().expect("built-in lexicon"))
}

/// An entity: every whole occurrence of `surface` names `name`.
pub(super) struct Ent<'a> {
    surface: &'a str,
    name: &'a str,
    kind: EntityKind,
}

pub(super) fn ent<'a>(surface: &'a str, name: &'a str, kind: EntityKind) -> Ent<'a> {
    Ent {
        surface,
        name,
        kind,
    }
}

pub(super) fn detect_full(
    body: &str,
    ents: &[Ent],
    dates: &[(&str, &str)],
    lex: &EventLexicon,
) -> Vec<Event> {
    let article = article_from_text("t", "T", body, None);
    let body = &article.body;
    let mut entities: Vec<ArticleEntity> = Vec::new();
    let mut mentions = Vec::new();
    for e in ents {
        let idx = match entities.iter().position(|x| *x.name == *e.name) {
            Some(i) => i,
            None => {
                entities.push(ArticleEntity {
                    name: e.name.into(),
                    kind: e.kind,
                    linked: true,
                    parent: None,
                    count: 0,
                });
                entities.len() - 1
            }
        };
        for (at, _) in body.match_indices(e.surface) {
            let span = Span::new(at, at + e.surface.len());
            entities[idx].count += 1;
            mentions.push(Mention {
                span,
                entity: idx as u32,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start());
    let dates: Vec<DateMention> = dates
        .iter()
        .map(|(surface, value)| {
            let at = body.find(surface).expect("date surface in body");
            DateMention {
                span: Span::new(at, at + surface.len()),
                value: DateValue::parse_iso(value),
                until: None,
                relative: false,
            }
        })
        .collect();
    detect_events(&article, &entities, &mentions, &dates, lex)
}

pub(super) fn detect(body: &str) -> Vec<Event> {
    detect_full(body, &[], &[], lex())
}

pub(super) fn kinds(events: &[Event]) -> Vec<EventKind> {
    events.iter().map(|e| e.kind).collect()
}

pub(super) fn one(body: &str, kind: EventKind) -> Event {
    let evs = detect(body);
    let found: Vec<&Event> = evs.iter().filter(|e| e.kind == kind).collect();
    assert_eq!(found.len(), 1, "{kind} in {body:?}: got {:?}", kinds(&evs));
    found[0].clone()
}
