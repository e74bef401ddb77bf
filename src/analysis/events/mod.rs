//! Escalation events, sentence by sentence: triggers from the lexicon (one automaton pass over
//! one lowercased copy per article) give the kind; governing cues give the status or drop a
//! negated event; the sentence's roles give actors and targets; the governing date expression
//! gives the date; the kind's anchor, damped by status, gives the severity.

mod config;
mod inflect;
mod intent;
mod lexicon;
mod offsets;
mod roles;
mod scan;
mod severity;
mod split;
mod standing;
mod status;
mod text;
mod when;

#[cfg(test)]
mod tests;

pub use lexicon::EventLexicon;

use super::model::{ArticleEntity, DateMention, Event, EventKind, Mention, Status, names_from};
use crate::analysis::Name;
use crate::corpus::{Article, Span, offset32};
use crate::date::DateValue;
use lexicon::{Pattern, Role};
use scan::{NormDate, NormMention, Sentence};
use standing::{in_exclusion, standing};
use text::Norm;

/// A trigger found in a sentence, in matching-copy coordinates.
#[derive(Clone, Copy, Debug)]
struct Cand {
    /// `None` for an exclusion phrase.
    kind: Option<EventKind>,
    start: usize,
    end: usize,
    verbal: bool,
    /// Harm without intent: stands only in an attack frame.
    weak: bool,
}

/// Every event the article's sentences report, foresee or propose.
pub fn detect_events(
    article: &Article,
    entities: &[ArticleEntity],
    mentions: &[Mention],
    dates: &[DateMention],
    lexicon: &EventLexicon,
) -> Vec<Event> {
    let norm = Norm::new(&article.body);
    let hits = scan::scan(&norm, lexicon);
    let mut nmentions: Vec<NormMention> = mentions
        .iter()
        .filter_map(|m| {
            let (start, end) = norm.range(m.span);
            Some(NormMention {
                start,
                end,
                entity: m.index(),
                kind: entities.get(m.index())?.kind,
            })
        })
        .collect();
    nmentions.sort_by_key(|m| (m.start, m.end));
    let mut ndates: Vec<NormDate> = dates
        .iter()
        .map(|d| {
            let (start, end) = norm.range(d.span);
            NormDate {
                start,
                end,
                value: d.value,
            }
        })
        .collect();
    ndates.sort_by_key(|d| (d.start, d.end));

    let mut events = Vec::new();
    let mut cands = Vec::new();
    let mut paragraph: Option<(usize, Option<DateValue>)> = None;
    let mut framed = false;
    for &(si, ref span) in &split::pieces(&article.body, &article.sentences) {
        let (start, end) = norm.range(*span);
        let s = Sentence {
            norm: &norm,
            body: &article.body,
            lex: lexicon,
            hits: slice_by(&hits, start, end, |h| h.start),
            start,
            end,
            dates: slice_by(&ndates, start, end, |d| d.start),
            mentions: slice_by(&nmentions, start, end, |m| m.start),
        };
        let pi = article.paragraph_at(span.start()).unwrap_or(0);
        let para_date = match paragraph {
            Some((p, d)) if p == pi => d,
            _ => {
                let d = when::leading_date(&s);
                paragraph = Some((pi, d));
                None
            }
        };
        cands.clear();
        find_candidates(&s, &mut cands);
        let found = sentence_events(&s, &cands, entities, para_date, framed);
        // An attack told once frames the article: "Twelve people were killed" after it is
        // its toll, not an accident.
        framed |= found
            .iter()
            .any(|f| f.kind.is_violent() && f.status == Status::Reported);
        events.extend(found.into_iter().map(|f| Event {
            kind: f.kind,
            status: f.status,
            date: f.date,
            span: *span,
            trigger: f.trigger,
            actors: names_from(f.actors),
            targets: names_from(f.targets),
            severity: f.severity,
            sentence: offset32(si),
            paragraph: offset32(pi),
        }));
    }
    events
}

/// The items of a start-sorted list that start inside `[start, end)`.
fn slice_by<T>(items: &[T], start: usize, end: usize, key: impl Fn(&T) -> usize) -> &[T] {
    let lo = items.partition_point(|x| key(x) < start);
    let hi = items.partition_point(|x| key(x) < end);
    &items[lo..hi.max(lo)]
}

/// Every trigger pattern completed inside the sentence, exclusions included.
fn find_candidates(s: &Sentence, out: &mut Vec<Cand>) {
    for (i, h) in s.hits.iter().enumerate() {
        for r in s.roles(h) {
            let Role::Part {
                pattern,
                part: 0,
                verbal,
            } = *r
            else {
                continue;
            };
            let Some(p) = s.lex.pattern(pattern) else {
                continue;
            };
            if let Some(end) = complete(s, i, pattern, p).filter(|&e| e <= s.end) {
                out.push(Cand {
                    kind: p.kind,
                    start: h.start,
                    end,
                    verbal,
                    weak: p.weak,
                });
            }
        }
    }
}

/// The end of pattern `pattern` started by hit `first`, its later parts each within the gap.
fn complete(s: &Sentence, first: usize, pattern: u32, p: &Pattern) -> Option<usize> {
    let mut end = s.hits[first].end;
    let mut next = first + 1;
    for part in 1..p.parts {
        if let Some((k, kind)) = p.entity_part
            && k == part
        {
            let m = s.mentions.iter().find(|m| {
                m.start >= end
                    && m.kind == kind
                    && s.norm.words_between(end, m.start) <= usize::from(p.gap)
                    && !s.norm.bound_between(end, m.start)
                    && !s.breaker_between(end, m.start)
            })?;
            end = m.end;
            next = s.hits.partition_point(|h| h.start < end);
            continue;
        }
        let mut found = None;
        for (j, h) in s.hits.iter().enumerate().skip(next) {
            if h.start < end {
                continue;
            }
            if s.norm.words_between(end, h.start) > usize::from(p.gap)
                || s.norm.bound_between(end, h.start)
                || s.breaker_between(end, h.start)
            {
                break;
            }
            let is_part = |r: &Role| matches!(r, Role::Part { pattern: q, part: k, .. } if *q == pattern && *k == part);
            if s.has_role(h, is_part) {
                found = Some((j, h.end));
                break;
            }
        }
        let (j, e) = found?;
        end = e;
        next = j + 1;
    }
    Some(end)
}

/// An event of one sentence before it gets its sentence and paragraph indices.
struct Found {
    kind: EventKind,
    status: Status,
    date: Option<DateValue>,
    trigger: Span,
    actors: Vec<Name>,
    targets: Vec<Name>,
    severity: f32,
}

/// Splits the triggers of one kind into distinct events: triggers whose clauses carry different
/// dates ("attacked Boni on 3 May, then Hombori on 5 May") are distinct; the rest join one.
fn distinct_groups(s: &Sentence, own: &[(Cand, Status)]) -> Vec<Vec<(Cand, Status)>> {
    type Group = (Option<DateValue>, Vec<(Cand, Status)>);
    let mut groups: Vec<Group> = Vec::new();
    for &(c, st) in own {
        let d = when::clause_date(s, c.start, c.end);
        let joins = |g: &Group| d.is_none() || g.0.is_none() || g.0 == d;
        match groups.iter_mut().find(|g| joins(g)) {
            Some(g) => {
                g.0 = g.0.or(d);
                g.1.push((c, st));
            }
            None => groups.push((d, vec![(c, st)])),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// What every event of a sentence shares.
struct SentenceCtx<'a> {
    stand: &'a [(Cand, Status)],
    entities: &'a [ArticleEntity],
    para_date: Option<DateValue>,
    level: u8,
}

/// The event told by `own`, triggers of one kind: the first reported trigger stands for it,
/// else the first one.
fn event_of(
    s: &Sentence,
    kind: EventKind,
    own: &[(Cand, Status)],
    cx: &SentenceCtx,
) -> Option<Found> {
    let &(rep, status) = own
        .iter()
        .find(|(_, st)| *st == Status::Reported)
        .or_else(|| own.first())?;
    let mut spans: Vec<(usize, usize)> = vec![(rep.start, rep.end)];
    spans.extend(own.iter().map(|(c, _)| (c.start, c.end)));
    let others: Vec<(usize, usize)> = cx
        .stand
        .iter()
        .filter(|(c, _)| c.kind != Some(kind))
        .map(|(c, _)| (c.start, c.end))
        .collect();
    let (actors, targets) =
        roles::participants(s, cx.entities, rep.start, rep.end, rep.verbal, kind);
    Some(Found {
        kind,
        status,
        date: when::event_date(s, &spans, &others, cx.para_date),
        trigger: s.norm.to_body(rep.start, rep.end),
        actors,
        targets,
        severity: severity::severity(s, kind, status, cx.level),
    })
}

/// The sentence's events: one per kind, unless its triggers are clearly distinct.
fn sentence_events(
    s: &Sentence,
    cands: &[Cand],
    entities: &[ArticleEntity],
    para_date: Option<DateValue>,
    framed: bool,
) -> Vec<Found> {
    let stand = standing(s, cands, framed);
    if stand.is_empty() {
        return Vec::new();
    }
    let mut kinds: Vec<EventKind> = Vec::new();
    for (c, _) in &stand {
        if let Some(k) = c.kind
            && !kinds.contains(&k)
        {
            kinds.push(k);
        }
    }
    let cx = SentenceCtx {
        stand: &stand,
        entities,
        para_date,
        level: severity::intensity_level(s),
    };
    let mut out = Vec::with_capacity(kinds.len());
    for kind in kinds {
        let own: Vec<(Cand, Status)> = stand
            .iter()
            .filter(|(c, _)| c.kind == Some(kind))
            .copied()
            .collect();
        for group in distinct_groups(s, &own) {
            let toll = is_toll(kind, &group);
            out.extend(event_of(s, kind, &group, &cx).map(|f| (f, toll)));
        }
    }
    fold_tolls(out)
}

/// A death or injury toll: a fight or harm told only by weak cues ("killing five soldiers").
fn is_toll(kind: EventKind, group: &[(Cand, Status)]) -> bool {
    matches!(kind, EventKind::CivilianHarm | EventKind::ArmedClash)
        && group.iter().all(|(c, _)| c.weak)
}

/// One attack reported once is one event: a toll in the sentence of a violent event of another
/// kind is that event's outcome ("a bomb outside the tax office killed nine people" is an
/// explosive attack on those nine), not an event of its own. Its sides pass to the attack when
/// it has none.
fn fold_tolls(events: Vec<(Found, bool)>) -> Vec<Found> {
    let Some(attack) = events
        .iter()
        .position(|(f, toll)| !toll && f.kind.is_violent())
    else {
        return events.into_iter().map(|(f, _)| f).collect();
    };
    let (mut actors, mut targets) = (Vec::new(), Vec::new());
    let mut out = Vec::with_capacity(events.len());
    let mut at = 0;
    for (k, (f, toll)) in events.into_iter().enumerate() {
        if toll {
            actors.extend(f.actors);
            targets.extend(f.targets);
        } else {
            if k == attack {
                at = out.len();
            }
            out.push(f);
        }
    }
    let a = &mut out[at];
    if a.actors.is_empty() {
        a.actors = distinct(actors);
    }
    if a.targets.is_empty() {
        a.targets = distinct(targets);
    }
    out
}

/// The first three distinct names, in order.
fn distinct(names: Vec<Name>) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for n in names {
        if out.len() < 3 && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}
