//! One automaton pass over an article's matching copy, and the per-sentence view the event rules
//! read: the hits inside the sentence and how a cue relates to a trigger (same clause, window).

use super::lexicon::{EventLexicon, Role};
use super::text::Norm;
use crate::analysis::model::EntityKind;
use crate::date::DateValue;

/// A whole-word lexicon match in the matching copy.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Hit {
    pub fn contains(&self, other: &Hit) -> bool {
        self.start <= other.start && other.end <= self.end && self.len() > other.len()
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Every whole-word match of the lexicon in `norm`, sorted by start then end.
pub fn scan(norm: &Norm, lex: &EventLexicon) -> Vec<Hit> {
    let mut hits: Vec<Hit> = lex
        .automaton
        .find_overlapping_iter(norm.text.as_str())
        .filter(|m| norm.at_word_boundary(m.start(), m.end()))
        .map(|m| Hit {
            start: m.start(),
            end: m.end(),
            entry: m.pattern().as_usize(),
        })
        .collect();
    hits.sort_by_key(|h| (h.start, h.end));
    hits
}

/// A date mention in matching-copy coordinates.
#[derive(Clone, Copy, Debug)]
pub struct NormDate {
    pub start: usize,
    pub end: usize,
    pub value: Option<DateValue>,
}

/// An entity mention in matching-copy coordinates.
#[derive(Clone, Copy, Debug)]
pub struct NormMention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub kind: EntityKind,
}

/// The sentence being read, with everything the rules need.
pub struct Sentence<'a> {
    pub norm: &'a Norm,
    pub body: &'a str,
    pub lex: &'a EventLexicon,
    /// Hits that lie inside the sentence.
    pub hits: &'a [Hit],
    pub start: usize,
    pub end: usize,
    /// Dates and mentions that lie inside the sentence.
    pub dates: &'a [NormDate],
    pub mentions: &'a [NormMention],
}

impl<'a> Sentence<'a> {
    pub fn roles(&self, h: &Hit) -> &'a [Role] {
        self.lex
            .roles
            .get(h.entry)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn has_role(&self, h: &Hit, pred: impl Fn(&Role) -> bool) -> bool {
        self.roles(h).iter().any(pred)
    }

    /// The hits carrying a role that satisfies `pred`.
    pub fn with_role(&self, pred: impl Fn(&Role) -> bool + Copy) -> impl Iterator<Item = &'a Hit> {
        let roles = &self.lex.roles;
        self.hits
            .iter()
            .filter(move |h| roles.get(h.entry).is_some_and(|r| r.iter().any(pred)))
    }

    /// True when the body text of `[start, end)` is capitalised like a name ("May", "Alliance")
    /// and does not open the sentence.
    pub fn name_like(&self, start: usize, end: usize) -> bool {
        if start <= self.start {
            return false;
        }
        let span = self.norm.to_body(start, end);
        let mut chars = span.slice(self.body).chars();
        let first = chars.next();
        let second = chars.next();
        first.is_some_and(char::is_uppercase) && second.is_some_and(char::is_lowercase)
    }

    /// True when a clause-breaking word lies in `[start, end)`.
    pub fn breaker_between(&self, start: usize, end: usize) -> bool {
        self.with_role(|r| matches!(r, Role::Breaker))
            .any(|h| h.start >= start && h.end <= end)
    }

    /// True when a cue ending at `cue_end` governs something starting at `at`: before it, in
    /// the same clause, at most `window` words away.
    pub fn governs(&self, cue_end: usize, at: usize, window: usize) -> bool {
        cue_end <= at
            && self.norm.words_between(cue_end, at) <= window
            && !self.norm.bound_between(cue_end, at)
            && !self.breaker_between(cue_end, at)
    }

    /// True when a date mention overlaps `[start, end)`.
    pub fn in_date(&self, start: usize, end: usize) -> bool {
        self.dates.iter().any(|d| d.start < end && start < d.end)
    }

    /// The clause holding `[start, end)` within this sentence.
    pub fn clause(&self, start: usize, end: usize) -> (usize, usize) {
        self.norm.clause(start, end, (self.start, self.end))
    }
}
