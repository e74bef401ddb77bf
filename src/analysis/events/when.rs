//! The date of an event: the date expression governing the trigger's clause, else the one that
//! opens the sentence, else a free date elsewhere in the sentence, else the date that opens the
//! paragraph. Dates of something else ("the commission, established in 2005") never count.

use super::lexicon::Role;
use super::scan::{NormDate, Sentence};
use crate::date::DateValue;

/// True when a blocker ("established", "founded") governs the date: it dates something else.
fn blocked(s: &Sentence, d: &NormDate) -> bool {
    s.with_role(|r| matches!(r, Role::DateBlocker))
        .any(|h| h.end <= d.start && s.governs(h.end, d.start, s.lex.date_window))
}

fn distance(d: &NormDate, start: usize, end: usize) -> usize {
    if d.end <= start {
        start - d.end
    } else {
        d.start.saturating_sub(end)
    }
}

/// A dated, unblocked mention of the sentence opening it ("On 3 May, ...").
pub fn leading_date(s: &Sentence) -> Option<DateValue> {
    s.dates
        .iter()
        .filter(|d| d.value.is_some() && !blocked(s, d))
        .find(|d| s.norm.words_between(s.start, d.start) < s.lex.leading_words)
        .and_then(|d| d.value)
}

fn nearest_in_clause(
    s: &Sentence,
    usable: &[&NormDate],
    start: usize,
    end: usize,
) -> Option<DateValue> {
    let (cs, ce) = s.clause(start, end);
    usable
        .iter()
        .filter(|d| d.start >= cs && d.end <= ce)
        .min_by_key(|d| distance(d, start, end))
        .and_then(|d| d.value)
}

/// The date governing the clause of the trigger at `[start, end)`, if any.
pub fn clause_date(s: &Sentence, start: usize, end: usize) -> Option<DateValue> {
    let usable: Vec<&NormDate> = s
        .dates
        .iter()
        .filter(|d| d.value.is_some() && !blocked(s, d))
        .collect();
    nearest_in_clause(s, &usable, start, end)
}

/// The date of an event whose triggers (representative first) are `own`; `others` are the
/// triggers of the sentence's other events; `paragraph` the date opening the paragraph.
pub fn event_date(
    s: &Sentence,
    own: &[(usize, usize)],
    others: &[(usize, usize)],
    paragraph: Option<DateValue>,
) -> Option<DateValue> {
    let usable: Vec<&NormDate> = s
        .dates
        .iter()
        .filter(|d| d.value.is_some() && !blocked(s, d))
        .collect();
    for &(start, end) in own {
        if let Some(v) = nearest_in_clause(s, &usable, start, end) {
            return Some(v);
        }
    }
    if let Some(v) = leading_date(s) {
        return Some(v);
    }
    let &(start, end) = own.first()?;
    let free = usable
        .iter()
        .filter(|d| {
            let (cs, ce) = s.clause(d.start, d.end);
            !others.iter().any(|&(a, b)| a >= cs && b <= ce)
        })
        .min_by_key(|d| distance(d, start, end));
    if let Some(d) = free {
        return d.value;
    }
    if s.dates.iter().any(|d| d.value.is_some()) {
        return None;
    }
    paragraph
}
