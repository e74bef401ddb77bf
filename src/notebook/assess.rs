//! The assessed analysis: the analyst's verdicts laid over what the analysis read. A dismissed
//! event is taken out, a corrected one takes the analyst's kind and sides, a confirmed one stays;
//! the timeline is then rebuilt from the events as assessed. Each assessment reports where it
//! landed, so that views can mark assessed events as such and list those no longer found.

use super::anchor::{Placement, Resolver};
use super::model::{Assessment, Verdict};
use crate::analysis::timeline::build_timeline;
use crate::analysis::{Analysis, EventRef, Name, names_from};

/// One assessment and what it applied to.
#[derive(Clone, Debug)]
pub struct Applied {
    pub assessment: Assessment,
    /// Article index and the event's index in it before any dismissal; `None` when the event is
    /// no longer found (the assessment is then orphaned and changes nothing).
    pub event: Option<(usize, usize)>,
    /// The event's place once [`apply`] has run: `None` for a dismissed event (gone) and for one
    /// not found.
    pub now: Option<EventRef>,
}

/// Lays `assessments` over `analysis` and rebuilds its timeline; returns where each landed.
pub fn apply(analysis: &mut Analysis, assessments: &[Assessment]) -> Vec<Applied> {
    let mut applied = locate(analysis, assessments);
    if applied.iter().all(|a| a.event.is_none()) {
        return applied;
    }
    let mut dismissed: Vec<(usize, usize)> = Vec::new();
    for a in &applied {
        let Some((article, index)) = a.event else {
            continue;
        };
        let event = &mut analysis.analyses[article].events[index];
        match &a.assessment.verdict {
            Verdict::Confirmed => {}
            Verdict::Dismissed => dismissed.push((article, index)),
            Verdict::Corrected {
                kind,
                actors,
                targets,
            } => {
                if let Some(kind) = kind {
                    event.kind = *kind;
                }
                if let Some(actors) = actors {
                    event.actors =
                        names_from(actors.iter().map(|s| Name::from(s.as_str())).collect());
                }
                if let Some(targets) = targets {
                    event.targets =
                        names_from(targets.iter().map(|s| Name::from(s.as_str())).collect());
                }
            }
        }
    }
    // Last first, so that the indices still to remove stay valid.
    dismissed.sort_unstable();
    dismissed.dedup();
    for &(article, index) in dismissed.iter().rev() {
        analysis.analyses[article].events.remove(index);
    }
    for a in &mut applied {
        a.now = match a.event {
            Some(at) if dismissed.binary_search(&at).is_err() => {
                let (article, index) = at;
                let before = dismissed
                    .iter()
                    .filter(|(art, i)| *art == article && *i < index)
                    .count();
                Some(EventRef {
                    article,
                    event: index - before,
                })
            }
            _ => None,
        };
    }
    analysis.timeline = build_timeline(&analysis.articles, &analysis.analyses);
    applied
}

/// Finds each assessment's event: the event of the kind it was read as whose span overlaps
/// the anchored passage most.
pub fn locate(analysis: &Analysis, assessments: &[Assessment]) -> Vec<Applied> {
    let resolver = Resolver::new(&analysis.articles);
    assessments
        .iter()
        .map(|a| {
            let event = match resolver.resolve(&a.event.anchor) {
                Placement::Found {
                    article,
                    span: Some(span),
                    ..
                } => analysis.analyses.get(article).and_then(|an| {
                    an.events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.kind == a.event.kind && e.span.overlaps(&span))
                        .max_by_key(|(_, e)| overlap(e.span, span))
                        .map(|(i, _)| (article, i))
                }),
                _ => None,
            };
            Applied {
                assessment: a.clone(),
                event,
                now: event.map(|(article, event)| EventRef { article, event }),
            }
        })
        .collect()
}

fn overlap(a: crate::corpus::Span, b: crate::corpus::Span) -> usize {
    a.end()
        .min(b.end())
        .saturating_sub(a.start().max(b.start()))
}
