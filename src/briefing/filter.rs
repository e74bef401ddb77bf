//! Which events a briefing keeps: `--entity`, `--kind`, `--since`, `--until`.
//!
//! Semantics (also in `sitrep brief --help` via the option docs):
//! - Values of one option are alternatives (OR); different options must all hold (AND).
//! - `--entity NAME` means what the reader's entity filter means, one definition for both
//!   ([`crate::analysis::entity_match`]): the entity by its name or a gazetteer alias, without
//!   case or accents (`algérie` finds Algeria), failing those by the text of a mention ("FAMa",
//!   "Malian army"), with what the gazetteer nests under it (Rabat and the Royal Moroccan Armed
//!   Forces under Morocco). An event is kept when one of these acts, is targeted or is mentioned
//!   in its sentence. The briefing's filter line says what the name covered.
//! - `--since` / `--until` keep an event whose date *may* fall inside the window: its period
//!   (`DateValue::first_day` ..= `last_day`) overlaps the window. An event dated `2024` is kept by
//!   `--since 2024-06` (it may be from June to December) and by `--until 2024-01`.
//! - With a date bound, undated events are left out: nothing says they fall in the window.

use super::lines::Candidate;
use crate::analysis::EventKind;
use crate::analysis::entity_match::{EntityMatch, EventMatcher, Resolved};
use crate::date::DateValue;
use serde::Serialize;
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

    /// What the `--entity` names cover in `an`.
    pub fn entities_in(&self, an: &crate::analysis::Analysis) -> EntityMatch {
        EntityMatch::resolve(an, &self.entities)
    }

    /// True when an event is kept; `entities` is [`BriefFilter::entities_in`] made ready.
    pub fn matches(&self, c: &Candidate, entities: &EventMatcher) -> bool {
        self.kind_matches(c.kind)
            && self.date_matches(c.date)
            && entities.keeps(c.refs, c.actors, c.targets)
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

    /// A human description, with what each entity name covered (`covered`, one per name):
    /// `entity Morocco (with Rabat), kind airstrike, since 2024-06`.
    pub fn describe(&self, covered: &[Resolved]) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.entities.is_empty() {
            let names: Vec<String> = self
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| match covered.get(i) {
                    Some(r) => r.describe(),
                    None => format!("\"{e}\""),
                })
                .collect();
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
    use crate::analysis::Name;

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

    fn candidate(kind: EventKind, actors: &[Name]) -> Candidate<'_> {
        Candidate {
            kind,
            date: None,
            actors,
            targets: &[],
            refs: &[],
        }
    }

    #[test]
    fn options_combine_with_and_values_with_or() {
        let an = crate::briefing::fixtures::maghreb();
        let f = BriefFilter {
            entities: names(&["Mali", "algérie"]),
            kinds: vec![EventKind::DiplomaticRupture, EventKind::Shootdown],
            ..Default::default()
        };
        let m = f.entities_in(&an);
        let ready = m.events(&an);
        let mali: Vec<Name> = vec!["Mali".into()];
        let niger: Vec<Name> = vec!["Niger".into()];
        let (mali, niger) = (&mali[..], &niger[..]);
        assert!(f.matches(&candidate(EventKind::Shootdown, mali), &ready));
        assert!(f.matches(&candidate(EventKind::DiplomaticRupture, mali), &ready));
        assert!(!f.matches(&candidate(EventKind::Threat, mali), &ready));
        assert!(!f.matches(&candidate(EventKind::Shootdown, niger), &ready));
        assert_eq!(
            f.describe(&m.asked),
            "entity Mali or Algeria (for \"algérie\"; with Algiers), \
             kind diplomatic_rupture or shootdown"
        );
    }
}
