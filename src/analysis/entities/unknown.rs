//! Names the gazetteer lacks: runs of capitalised words ("Bakary Sambe", "Coordination of
//! Azawad Movements") and acronyms, with a kind guessed from cue words around and inside them
//! (`assets/entity_cues.toml`). Sentence-initial function words, months, titles and lone
//! capitalised words without a cue are left out, and a surface keeps one kind in an article.

use super::cues::{Cues, KindSets};
use crate::analysis::Name;
use crate::analysis::gazetteer::fold::{Folded, Gap, case_counts, starts_upper};
use crate::analysis::gazetteer::{GazMatch, Gazetteer};
use crate::analysis::model::{EntityKind, FoundMention};
use crate::corpus::Span;
use rustc_hash::FxHashMap as HashMap;

/// Longest run of words taken as one name.
const MAX_RUN: usize = 8;
/// Longest unknown acronym taken as a name (longer all-capital words are shouting).
const MAX_ACRONYM: usize = 7;

pub(super) struct Context<'a> {
    pub text: &'a str,
    pub folded: &'a Folded,
    pub covered: &'a [bool],
    pub matches: &'a [GazMatch],
    pub gazetteer: &'a Gazetteer,
}

/// A candidate name: tokens `first..=last`.
struct Run {
    first: usize,
    last: usize,
    initial: bool,
}

/// What a surface stands for in this article.
#[derive(Clone)]
struct Resolved {
    name: Name,
    kind: EntityKind,
    linked: bool,
    parent: Option<Name>,
}

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        self.folded.word(i)
    }

    fn orig(&self, i: usize) -> &str {
        let t = &self.folded.tokens[i];
        &self.text[t.start..t.end]
    }

    fn cues(&self) -> &Cues {
        &self.gazetteer.cues
    }

    fn is_acronym(&self, i: usize) -> bool {
        let (upper, lower) = case_counts(self.orig(i));
        upper >= 2 && upper > lower
    }

    /// A capitalised word that may be part of a name.
    fn namey(&self, i: usize) -> bool {
        let w = self.word(i);
        let c = self.cues();
        !self.covered[i] && starts_upper(self.orig(i)) && !c.never.has(w) && !c.person.before.has(w)
    }

    fn connector(&self, i: usize) -> bool {
        !self.covered[i] && !starts_upper(self.orig(i)) && self.cues().connectors.has(self.word(i))
    }

    /// The token before `i` when it is in the same sentence (titles may end with a dot).
    fn prev(&self, i: usize) -> Option<usize> {
        let gap = self.folded.tokens.get(i)?.gap;
        (i > 0 && gap != Gap::Line).then(|| i - 1)
    }
}

/// Sentence-initial flag of every token.
fn sentence_starts(ctx: &Context) -> Vec<bool> {
    let toks = &ctx.folded.tokens;
    (0..toks.len())
        .map(|i| match toks[i].gap {
            Gap::Start | Gap::Line => true,
            Gap::SentenceEnd => {
                let prev = ctx.orig(i - 1);
                let initial = prev.chars().count() == 1 && starts_upper(prev);
                !(initial || ctx.cues().abbreviations.has(ctx.word(i - 1)))
            }
            _ => false,
        })
        .collect()
}

/// Marks tokens of headline-like sentences (every word capitalised, or capitalised function
/// words inside), where case says nothing about names.
fn headline_tokens(ctx: &Context, starts: &[bool]) -> Vec<bool> {
    let n = starts.len();
    let mut out = vec![false; n];
    let mut s = 0;
    while s < n {
        let e = (s + 1..n).find(|&i| starts[i]).unwrap_or(n);
        let alpha = |i: &usize| ctx.orig(*i).chars().next().is_some_and(char::is_alphabetic);
        let words = (s..e).filter(alpha).count();
        let caps = (s..e)
            .filter(alpha)
            .filter(|&i| starts_upper(ctx.orig(i)))
            .count();
        let capital_function_words = (s + 1..e)
            .filter(|&i| starts_upper(ctx.orig(i)) && ctx.cues().stop_starts.has(ctx.word(i)))
            .count();
        if (words >= 4 && caps == words) || capital_function_words >= 2 {
            out[s..e].iter_mut().for_each(|x| *x = true);
        }
        s = e;
    }
    out
}

/// Runs of capitalised words (with connectors inside), stop words trimmed off the front.
fn runs(ctx: &Context, starts: &[bool], headline: &[bool]) -> Vec<Run> {
    let toks = &ctx.folded.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if headline[i] || !ctx.namey(i) || ctx.cues().stop_starts.has(ctx.word(i)) {
            i += 1;
            continue;
        }
        let mut last = i;
        let mut k = i + 1;
        while k < toks.len() && k - i < MAX_RUN && toks[k].gap.joins() {
            if ctx.namey(k) && !ctx.cues().stop_starts.has(ctx.word(k)) {
                if toks[k].gap == Gap::Apostrophe && ctx.orig(k).len() == 1 {
                    break;
                }
                last = k;
                k += 1;
            } else if ctx.covered[k] && ctx.connector(k - 1) && absorbs_places(ctx, i, k) {
                // "Front for the Liberation of the Azawad Homeland", "University of Bamako".
                last = k;
                k += 1;
            } else if ctx.connector(k) {
                if person_like(ctx, i, last) || (weak(ctx, k) && !institutional(ctx, i, k)) {
                    // "Ulf Laessing of the Konrad Adenauer Foundation", "Jane Doe and John
                    // Smith": two names.
                    break;
                }
                k += 1;
            } else {
                break;
            }
        }
        out.push(Run {
            first: i,
            last,
            initial: starts[i],
        });
        i = last + 1;
    }
    out
}

/// True when the run starting at `first` names an institution or group by its first word
/// ("Front", "University") and token `k` belongs to a gazetteer place it may contain.
fn absorbs_places(ctx: &Context, first: usize, k: usize) -> bool {
    let c = ctx.cues();
    let w = ctx.word(first);
    let institution = [&c.organization, &c.armed_group, &c.military]
        .iter()
        .any(|s| s.prefix.has(w));
    let i = ctx.matches.partition_point(|m| m.last < k);
    institution
        && ctx
            .matches
            .get(i)
            .is_some_and(|m| m.first <= k && ctx.gazetteer.entry(m.entry).kind == EntityKind::Place)
}

fn weak(ctx: &Context, k: usize) -> bool {
    ctx.cues().weak_connectors.has(ctx.word(k))
}

/// True when the words `first..k` already read as an institution: an institutional first word
/// or a strong connector ("Ministry of Defence and …").
fn institutional(ctx: &Context, first: usize, k: usize) -> bool {
    let c = ctx.cues();
    let w = ctx.word(first);
    [&c.organization, &c.armed_group, &c.military]
        .iter()
        .any(|s| s.prefix.has(w))
        || (first..k).any(|j| ctx.connector(j) && !weak(ctx, j))
}

/// A run of two or more words that starts with a first name or follows a title.
fn person_like(ctx: &Context, first: usize, last: usize) -> bool {
    let c = ctx.cues();
    last > first
        && (c.given_names.has(ctx.word(first))
            || ctx
                .prev(first)
                .is_some_and(|p| c.person.before.has(ctx.word(p))))
}

/// The kind the words of the name itself point to ("… Brigade", "Ministry of …").
fn internal_cue(ctx: &Context, r: &Run) -> Option<EntityKind> {
    let c = ctx.cues();
    let first = ctx.word(r.first);
    let last = ctx.word(r.last);
    let by_kind: [(EntityKind, &KindSets); 4] = [
        (EntityKind::Military, &c.military),
        (EntityKind::ArmedGroup, &c.armed_group),
        (EntityKind::Organization, &c.organization),
        (EntityKind::Place, &c.place),
    ];
    let single = r.first == r.last;
    by_kind
        .iter()
        .find(|(_, s)| !single && s.suffix.has(last))
        .or_else(|| by_kind.iter().find(|(_, s)| !single && s.prefix.has(first)))
        .map(|(k, _)| *k)
}

/// The kind the words around the name point to ("President X", "near X", "X militants").
fn context_cue(ctx: &Context, r: &Run) -> Option<EntityKind> {
    let c = ctx.cues();
    let multi = r.last > r.first;
    if let Some(p) = ctx.prev(r.first) {
        let w = ctx.word(p);
        if c.person.before.has(w) {
            return Some(EntityKind::Person);
        }
        if c.place.before.has(w) {
            return Some(EntityKind::Place);
        }
        if c.armed_group.before.has(w) {
            return Some(EntityKind::ArmedGroup);
        }
        if c.connectors.has(w) && ctx.prev(p).is_some_and(|q| c.place_nouns.has(ctx.word(q))) {
            return Some(EntityKind::Place);
        }
    }
    let toks = &ctx.folded.tokens;
    let next = r.last + 1;
    if r.initial && !multi {
        // "Aid groups said": a capitalised first word is too weak for the words after it.
        return None;
    }
    if next < toks.len() && toks[next].gap.joins() && !ctx.covered[next] {
        let w = ctx.word(next);
        for (kind, sets) in [
            (EntityKind::ArmedGroup, &c.armed_group),
            (EntityKind::Military, &c.military),
            (EntityKind::Place, &c.place),
        ] {
            if sets.after.has(w) {
                return Some(kind);
            }
        }
        if multi && c.person.after.has(w) {
            return Some(EntityKind::Person);
        }
    }
    // Apposition: "X, a town in …", "X, a spokesman for …".
    if next + 1 < toks.len()
        && toks[next].gap == Gap::Punct
        && matches!(ctx.word(next), "a" | "an" | "the")
    {
        let w = ctx.word(next + 1);
        if c.place_nouns.has(w) {
            return Some(EntityKind::Place);
        }
        if c.person.before.has(w) {
            return Some(EntityKind::Person);
        }
    }
    if multi && c.given_names.has(ctx.word(r.first)) {
        return Some(EntityKind::Person);
    }
    None
}

/// A guess when no cue fires: acronyms are organisations, two or three plain capitalised words
/// are a person, longer names with connectors an organisation; anything else is left out.
fn default_kind(ctx: &Context, r: &Run) -> Option<EntityKind> {
    let c = ctx.cues();
    if r.first == r.last {
        let w = ctx.word(r.first);
        let len = w.chars().count();
        return (ctx.is_acronym(r.first)
            && !c.acronym_stop.has(w)
            && !c.not_names.has(w)
            && (2..=MAX_ACRONYM).contains(&len))
        .then_some(EntityKind::Organization);
    }
    if r.initial {
        return None;
    }
    let words = || (r.first..=r.last).map(|i| ctx.word(i));
    let connectors = (r.first..=r.last).filter(|&i| ctx.connector(i)).count();
    let generic = words()
        .filter(|w| c.generic.has(w) || c.not_names.has(w))
        .count();
    let len = r.last - r.first + 1;
    if connectors == 0 && generic == 0 && len <= 3 && (r.first..=r.last).all(|i| !ctx.is_acronym(i))
    {
        Some(EntityKind::Person)
    } else if connectors > 0 && len >= 3 {
        Some(EntityKind::Organization)
    } else {
        None
    }
}

/// True when every word of the run is generic, a cue word or not a name by itself.
fn hollow(ctx: &Context, r: &Run) -> bool {
    let c = ctx.cues();
    (r.first..=r.last).all(|i| {
        let w = ctx.word(i);
        ctx.connector(i)
            || c.generic.has(w)
            || c.not_names.has(w)
            || c.stop_starts.has(w)
            || [&c.organization, &c.armed_group, &c.military, &c.place]
                .iter()
                .any(|s| s.suffix.has(w) || s.prefix.has(w))
    })
}

/// "Danish Refugee Council": a demonym right before an institution's name is part of it.
fn take_demonym(ctx: &Context, r: &mut Run) {
    if r.first == 0 || !ctx.folded.tokens[r.first].gap.joins() {
        return;
    }
    let institution = matches!(
        internal_cue(ctx, r),
        Some(EntityKind::Organization | EntityKind::ArmedGroup | EntityKind::Military)
    );
    let i = ctx.matches.partition_point(|m| m.last < r.first - 1);
    if let Some(m) = ctx.matches.get(i)
        && institution
        && m.demonym
        && m.last == r.first - 1
    {
        r.first = m.first;
        r.initial = false;
    }
}

/// "RN16", "A400M": letters glued to digits are a code, not a name.
fn glued_to_digits(ctx: &Context, r: &Run) -> bool {
    let t = &ctx.folded.tokens;
    t[r.first].gap == Gap::Split || t.get(r.last + 1).is_some_and(|n| n.gap == Gap::Split)
}

fn surface_key(ctx: &Context, r: &Run) -> String {
    let t = &ctx.folded.tokens;
    ctx.folded.text[t[r.first].fstart..t[r.last].fend].to_string()
}

fn display_name(ctx: &Context, r: &Run) -> String {
    let t = &ctx.folded.tokens;
    ctx.text[t[r.first].start..t[r.last].end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Last words of the gazetteer persons matched in this article ("Goïta" → "Assimi Goïta").
fn surnames(ctx: &Context) -> HashMap<String, Resolved> {
    let mut out = HashMap::default();
    for m in ctx.matches {
        let e = ctx.gazetteer.entry(m.entry);
        if e.kind == EntityKind::Person && m.last > m.first {
            out.entry(ctx.word(m.last).to_string())
                .or_insert_with(|| linked(ctx.gazetteer, m.entry));
        }
    }
    out
}

fn linked(g: &Gazetteer, entry: usize) -> Resolved {
    let e = g.entry(entry);
    Resolved {
        name: e.name.clone(),
        kind: e.kind,
        linked: true,
        parent: e.parent.clone(),
    }
}

/// "Front for the Liberation of X (FLX)": the acronym names the entity just before it.
fn bracketed_acronym(
    ctx: &Context,
    r: &Run,
    by_last: &HashMap<usize, Resolved>,
) -> Option<Resolved> {
    if r.first != r.last || r.first == 0 || !ctx.is_acronym(r.first) {
        return None;
    }
    let t = &ctx.folded.tokens;
    let between = ctx.text.get(t[r.first - 1].end..t[r.first].start)?;
    (between.trim() == "(")
        .then(|| by_last.get(&(r.first - 1)).cloned())
        .flatten()
}

/// Most bytes between a place and a name in brackets after it ("Boni (Douentza, Mopti)").
const MAX_BRACKET: usize = 80;

/// "near Boni (Douentza, Mopti)": names listed in brackets right after a place are the
/// districts and regions that hold it.
fn bracketed_place(
    ctx: &Context,
    r: &Run,
    by_last: &HashMap<usize, Resolved>,
) -> Option<EntityKind> {
    let t = &ctx.folded.tokens;
    let start = t[r.first].start;
    let from = start.saturating_sub(MAX_BRACKET);
    let window = ctx.text.get(from..start)?;
    let open = from + window.rfind('(')?;
    let inside = ctx.text.get(open + 1..start)?;
    let listed = inside
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || ",-'’".contains(c));
    let before = t.partition_point(|x| x.end <= open).checked_sub(1)?;
    let place = by_last
        .get(&before)
        .is_some_and(|res| matches!(res.kind, EntityKind::Place | EntityKind::Country));
    (listed && place).then_some(EntityKind::Place)
}

/// Every mention of a name the gazetteer lacks.
pub(super) fn find_unknown(ctx: &Context) -> Vec<FoundMention> {
    let starts = sentence_starts(ctx);
    let headline = headline_tokens(ctx, &starts);
    let mut runs = runs(ctx, &starts, &headline);
    runs.retain(|r| !hollow(ctx, r) && !glued_to_digits(ctx, r));
    for r in &mut runs {
        take_demonym(ctx, r);
    }
    let mut known: HashMap<String, Resolved> = surnames(ctx);
    // Names by their last token, for an acronym in brackets right after one.
    let mut by_last: HashMap<usize, Resolved> = ctx
        .matches
        .iter()
        .map(|m| (m.last, linked(ctx.gazetteer, m.entry)))
        .collect();
    // First pass: names with a cue (or a confident default) fix the kind of their surface.
    for r in &runs {
        let resolved = bracketed_acronym(ctx, r, &by_last).or_else(|| {
            internal_cue(ctx, r)
                .or_else(|| context_cue(ctx, r))
                .or_else(|| bracketed_place(ctx, r, &by_last))
                .or_else(|| default_kind(ctx, r))
                .map(|kind| Resolved {
                    name: display_name(ctx, r).into(),
                    kind,
                    linked: false,
                    parent: None,
                })
        });
        let Some(mut resolved) = resolved else {
            continue;
        };
        if resolved.kind == EntityKind::Person && r.first == r.last && !resolved.linked {
            // "President Traoré": the one gazetteer person with that surname.
            if let Some(i) = ctx.gazetteer.person_by_surname(ctx.word(r.first)) {
                resolved = linked(ctx.gazetteer, i);
            }
        }
        if resolved.kind == EntityKind::Person && r.last > r.first {
            known
                .entry(ctx.word(r.last).to_string())
                .or_insert_with(|| resolved.clone());
        }
        by_last.insert(r.last, resolved.clone());
        known.entry(surface_key(ctx, r)).or_insert(resolved);
    }
    // Second pass: every run whose surface (or a person's surname) is known.
    let mut out = Vec::new();
    for r in &runs {
        let key = surface_key(ctx, r);
        let key = key.trim();
        let Some(res) = known
            .get(key)
            .or_else(|| known.get(ctx.word(r.first)).filter(|_| r.first == r.last))
        else {
            continue;
        };
        let t = &ctx.folded.tokens;
        out.push(FoundMention {
            span: Span::new(t[r.first].start, t[r.last].end),
            name: res.name.clone(),
            kind: res.kind,
            linked: res.linked,
            demonym: false,
            parent: res.parent.clone(),
        });
    }
    out
}
