//! The compiled matcher: every alias folded into one leftmost-longest Aho-Corasick automaton; each
//! folded pattern keeps the case rules of the aliases it came from ("AES" only in capitals, "Mali"
//! only with a capital first letter, lower-case aliases in any case).

use super::Entry;
use super::fold::{self, Folded, case_counts, case_pattern, starts_upper};
use crate::analysis::entities::cues::Cues;
use crate::analysis::model::EntityKind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use anyhow::{Result, anyhow};
use std::collections::HashMap;

/// One gazetteer match: tokens `first..=last`, bytes `start..end` of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazMatch {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub entry: usize,
    pub demonym: bool,
}

/// How the first letter of an alias must be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FirstCase {
    Any,
    Title,
    Strict,
}

/// One alias behind a folded pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Candidate {
    entry: usize,
    demonym: bool,
    first: FirstCase,
    /// Tokens whose letters must have exactly this case pattern (acronyms: "FAMa", "AES").
    strict: Vec<(usize, Vec<bool>)>,
}

/// Two automata over the same patterns: a DFA for the scan (the hot path) and a compact NFA for
/// the rare anchored retries, so that the DFA need not hold a second, anchored start state's
/// worth of transitions.
#[derive(Default)]
pub(super) struct Matcher {
    ac: Option<(AhoCorasick, AhoCorasick)>,
    candidates: Vec<Vec<Candidate>>,
}

impl Matcher {
    pub(super) fn build(entries: &[Entry], cues: &Cues) -> Result<Self> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        let mut add = |alias: &str, entry: usize, demonym: bool| {
            let folded = fold::fold(alias);
            if folded.tokens.is_empty() {
                return;
            }
            let cand = candidate(alias, &folded, entry, demonym);
            let slot = *index.entry(folded.text.clone()).or_insert_with(|| {
                patterns.push(folded.text);
                candidates.push(Vec::new());
                patterns.len() - 1
            });
            if !candidates[slot].contains(&cand) {
                candidates[slot].push(cand);
            }
        };
        for (i, e) in entries.iter().enumerate() {
            for alias in std::iter::once(&*e.name).chain(e.aliases.iter().map(String::as_str)) {
                add(alias, i, false);
                if let Some(plural) = acronym_plural(alias) {
                    add(&plural, i, false);
                }
            }
            for d in &e.demonyms {
                add(d, i, true);
                if !d.ends_with('s') {
                    add(&format!("{d}s"), i, true);
                }
            }
            for phrase in national_forces_phrases(entries, e, cues) {
                add(&phrase, i, false);
            }
        }
        for list in &mut candidates {
            // Most specific case rule first; among equals, later (user) entries first.
            list.sort_by(|a, b| b.first.cmp(&a.first).then(b.entry.cmp(&a.entry)));
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            let build = |start, kind| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(start)
                    .kind(Some(kind))
                    .build(&patterns)
                    .map_err(|e| anyhow!("gazetteer: cannot compile the aliases: {e}"))
            };
            Some((
                build(StartKind::Unanchored, AhoCorasickKind::DFA)?,
                build(StartKind::Anchored, AhoCorasickKind::ContiguousNFA)?,
            ))
        };
        Ok(Self { ac, candidates })
    }

    /// Leftmost-longest matches whose case rules hold, not overlapping, in order.
    pub(super) fn find(&self, folded: &Folded, original: &str) -> Vec<GazMatch> {
        let mut out = Vec::new();
        let Some((ac, anchored)) = &self.ac else {
            return out;
        };
        let hay = folded.text.as_str();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let (start, mut end, mut pat) = (m.start(), m.end(), m.pattern().as_usize());
            pos = start + 1;
            loop {
                if let Some(found) = self.verify(pat, start, end, folded, original) {
                    out.push(found);
                    pos = end;
                    break;
                }
                // The longest alias here fails its case rule: try shorter ones at the same start.
                let shorter = Input::new(hay)
                    .range(start..end - 1)
                    .anchored(Anchored::Yes);
                match anchored.find(shorter) {
                    Some(m2) => (end, pat) = (m2.end(), m2.pattern().as_usize()),
                    None => break,
                }
            }
        }
        out
    }

    fn verify(
        &self,
        pat: usize,
        fstart: usize,
        fend: usize,
        folded: &Folded,
        original: &str,
    ) -> Option<GazMatch> {
        let first = folded.token_at_folded(fstart + 1)?;
        let last = folded
            .tokens
            .partition_point(|t| t.fend < fend - 1)
            .min(folded.tokens.len() - 1);
        let word = |i: usize| {
            let t = &folded.tokens[i];
            &original[t.start..t.end]
        };
        let ok = |c: &Candidate| {
            let first_ok = match c.first {
                FirstCase::Any | FirstCase::Strict => true,
                FirstCase::Title => starts_upper(word(first)),
            };
            first_ok
                && c.strict.iter().all(|(k, pattern)| {
                    first + k <= last && case_pattern(word(first + k)).eq(pattern.iter().copied())
                })
        };
        let c = self.candidates[pat].iter().find(|c| ok(c))?;
        Some(GazMatch {
            first,
            last,
            start: folded.tokens[first].start,
            end: folded.tokens[last].end,
            entry: c.entry,
            demonym: c.demonym,
        })
    }
}

fn candidate(alias: &str, folded: &Folded, entry: usize, demonym: bool) -> Candidate {
    let mut strict = Vec::new();
    let mut first = FirstCase::Any;
    for (k, t) in folded.tokens.iter().enumerate() {
        let word = &alias[t.start..t.end];
        let (upper, _) = case_counts(word);
        if upper >= 2 {
            strict.push((k, case_pattern(word).collect()));
            if k == 0 {
                first = FirstCase::Strict;
            }
        } else if k == 0 && starts_upper(word) {
            first = FirstCase::Title;
        }
    }
    Candidate {
        entry,
        demonym,
        first,
        strict,
    }
}

/// "VDP" → "VDPs", "FAMa" → "FAMas": the plural of a one-word acronym.
fn acronym_plural(alias: &str) -> Option<String> {
    let (upper, lower) = case_counts(alias);
    let one_word = alias.chars().all(char::is_alphanumeric);
    (one_word && upper >= 2 && upper > lower && !alias.ends_with('s')).then(|| format!("{alias}s"))
}

/// "Malian army", "Malian armed forces"… for a military entry flagged `national_forces`.
fn national_forces_phrases(entries: &[Entry], e: &Entry, cues: &Cues) -> Vec<String> {
    if !e.national_forces || e.kind != EntityKind::Military {
        return Vec::new();
    }
    let Some(parent) = e
        .parent
        .as_deref()
        .and_then(|p| entries.iter().find(|x| &*x.name == p))
    else {
        return Vec::new();
    };
    parent
        .demonyms
        .iter()
        .filter(|d| starts_upper(d))
        .flat_map(|d| cues.national_forces.iter().map(move |w| format!("{d} {w}")))
        .collect()
}
