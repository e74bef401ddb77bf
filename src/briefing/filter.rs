//! Which events a briefing keeps: `--entity`, `--kind`, `--since`, `--until`.
//!
//! Semantics (also in `sitrep brief --help` via the option docs):
//! - Values of one option are alternatives (OR); different options must all hold (AND).
//! - `--entity NAME` matches an event when NAME equals the canonical name of one of its actors or
//!   targets, compared without case, accents or repeated spaces ("cote d'ivoire" finds "Côte
//!   d'Ivoire"). NAME may also be any text the analysis linked to an entity in the corpus: when a
//!   mention reads "FAMa" and was linked to "Malian Armed Forces", `--entity fama` finds that
//!   entity's events ([`BriefFilter::resolve`]). A gazetteer lookup of aliases that never occur in
//!   the corpus is not done.
//! - `--since` / `--until` keep an event whose date *may* fall inside the window: its period
//!   (`DateValue::first_day` ..= `last_day`) overlaps the window. An event dated `2024` is kept by
//!   `--since 2024-06` (it may be from June to December) and by `--until 2024-01`.
//! - With a date bound, undated events are left out: nothing says they fall in the window.

use crate::analysis::{Analysis, EventKind};
use crate::date::DateValue;
use serde::Serialize;
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The subset of events a briefing covers. The default keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BriefFilter {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<EventKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<DateValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<DateValue>,
}

impl BriefFilter {
    /// True when the filter keeps every event.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
            && self.kinds.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }

    /// True when an event with these properties is kept.
    pub fn matches<N: AsRef<str>>(
        &self,
        kind: EventKind,
        date: Option<DateValue>,
        actors: &[N],
        targets: &[N],
    ) -> bool {
        self.kind_matches(kind) && self.date_matches(date) && self.entity_matches(actors, targets)
    }

    fn kind_matches(&self, kind: EventKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// Overlap of the event's period with the window; undated events fail any date bound.
    pub fn date_matches(&self, date: Option<DateValue>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(d) = date else { return false };
        let after_start = self.since.is_none_or(|s| d.last_day() >= s.first_day());
        let before_end = self.until.is_none_or(|u| d.first_day() <= u.last_day());
        after_start && before_end
    }

    fn entity_matches<N: AsRef<str>>(&self, actors: &[N], targets: &[N]) -> bool {
        if self.entities.is_empty() {
            return true;
        }
        let wanted: Vec<String> = self.entities.iter().map(|e| fold_name(e)).collect();
        actors
            .iter()
            .chain(targets)
            .any(|name| wanted.contains(&fold_name(name.as_ref())))
    }

    /// A human description: `entity "Mali", kind airstrike, since 2024-06`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.entities.is_empty() {
            let names: Vec<String> = self.entities.iter().map(|e| format!("\"{e}\"")).collect();
            parts.push(format!("entity {}", names.join(" or ")));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kind {}", kinds.join(" or ")));
        }
        if let Some(s) = self.since {
            parts.push(format!("since {s}"));
        }
        if let Some(u) = self.until {
            parts.push(format!("until {u}"));
        }
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// The same filter with, for each name asked for, the canonical names of the entities whose
    /// mentions in the corpus read as that name ("FAMa" adds "Malian Armed Forces").
    pub fn resolve(&self, analysis: &Analysis) -> BriefFilter {
        let mut out = self.clone();
        if self.entities.is_empty() {
            return out;
        }
        let wanted: BTreeSet<String> = self.entities.iter().map(|e| fold_name(e)).collect();
        for (article, a) in analysis.articles.iter().zip(&analysis.analyses) {
            // One pass over the article's mentions marks the entities read as a wanted name.
            let mut linked = vec![false; a.entities.len()];
            for m in &a.mentions {
                let Some(mark) = linked.get_mut(m.index()).filter(|mark| !**mark) else {
                    continue;
                };
                let surface = article.body.get(m.span.start()..m.span.end());
                *mark = wanted.contains(&fold_name(surface.unwrap_or_default()));
            }
            for (e, _) in a.entities.iter().zip(&linked).filter(|(_, l)| **l) {
                if !out.entities.iter().any(|n| **n == *e.name) {
                    out.entities.push(e.name.to_string());
                }
            }
        }
        out
    }

    /// Names asked for with `--entity` that no actor, target, corpus entity or mention carries.
    pub fn unknown_entities(&self, analysis: &Analysis) -> Vec<String> {
        let mut known: BTreeSet<String> = analysis
            .entities
            .iter()
            .map(|e| fold_name(&e.name))
            .collect();
        for a in &analysis.analyses {
            for e in &a.events {
                known.extend(
                    e.actors
                        .iter()
                        .chain(e.targets.iter())
                        .map(|n| fold_name(n)),
                );
            }
        }
        self.entities
            .iter()
            .filter(|e| {
                let alone = BriefFilter {
                    entities: vec![(*e).clone()],
                    ..BriefFilter::default()
                };
                let resolved = alone.resolve(analysis).entities;
                !resolved.iter().any(|n| known.contains(&fold_name(n)))
            })
            .cloned()
            .collect()
    }
}

/// Lower case, accents removed, runs of spaces collapsed: the form names are compared in.
pub fn fold_name(name: &str) -> String {
    let stripped: String = name.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let lower = stripped.to_lowercase().replace(['’', '‘'], "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<DateValue> {
        DateValue::parse_iso(s)
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_coarse_date_overlapping_the_window_is_kept() {
        let f = BriefFilter {
            since: d("2024-06"),
            ..Default::default()
        };
        assert!(f.date_matches(d("2024")));
        assert!(f.date_matches(d("2024-06-01")));
        assert!(!f.date_matches(d("2024-05-31")));
        assert!(!f.date_matches(d("2023")));
        assert!(!f.date_matches(None));
        let f = BriefFilter {
            until: d("2024-01"),
            ..Default::default()
        };
        assert!(f.date_matches(d("2024")));
        assert!(f.date_matches(d("2024-01-31")));
        assert!(!f.date_matches(d("2024-02-01")));
    }

    #[test]
    fn without_date_bounds_undated_events_are_kept() {
        assert!(BriefFilter::default().date_matches(None));
    }

    #[test]
    fn entities_match_without_case_or_accents() {
        let f = BriefFilter {
            entities: names(&["tinzaouatene", "  COTE   d'ivoire "]),
            ..Default::default()
        };
        assert!(f.matches(EventKind::Airstrike, None, &names(&["Tinzaouatène"]), &[]));
        assert!(f.matches(EventKind::Airstrike, None, &[], &names(&["Côte d’Ivoire"])));
        assert!(!f.matches(EventKind::Airstrike, None, &names(&["Mali"]), &[]));
    }

    #[test]
    fn options_combine_with_and_values_with_or() {
        let f = BriefFilter {
            entities: names(&["Mali", "Algeria"]),
            kinds: vec![EventKind::Airstrike, EventKind::Shootdown],
            ..Default::default()
        };
        let mali = names(&["Mali"]);
        assert!(f.matches(EventKind::Shootdown, None, &[], &mali));
        assert!(f.matches(EventKind::Airstrike, None, &mali, &[]));
        assert!(!f.matches(EventKind::Threat, None, &mali, &[]));
        assert!(!f.matches(EventKind::Airstrike, None, &names(&["Niger"]), &[]));
        assert_eq!(
            f.describe(),
            "entity \"Mali\" or \"Algeria\", kind airstrike or shootdown"
        );
    }
}
