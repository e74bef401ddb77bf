//! The briefing as plain data ([`Briefing`]) and how it is built from an [`Analysis`].

use super::bottom::{self, Trend};
use super::chart::{self, Chart};
use super::families::{self, FamilyLine};
use super::filter::BriefFilter;
use super::lines::{self, EventLine};
use super::sections::{self, ActorLine, SourceLine};
use crate::analysis::entity_match::Resolved;
use crate::analysis::{Analysis, Status};
use crate::date::DateValue;
use serde::Serialize;

/// The title every briefing starts with.
pub const TITLE: &str = "Situation briefing";

/// What the briefing covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scope {
    pub articles: usize,
    pub sources: usize,
    /// Events in the corpus, and those the filter kept.
    pub events_total: usize,
    pub events_matched: usize,
    /// Dates of the first and last dated kept event.
    pub first: Option<DateValue>,
    pub last: Option<DateValue>,
}

/// A briefing: every section as data, empty sections empty. Renderers leave those out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Briefing {
    pub title: String,
    pub filter: BriefFilter,
    /// What each `--entity` name covered: the entities it named and those nested under them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Resolved>,
    pub scope: Scope,
    /// Set when nothing matched (or nothing was found): the line to show instead of sections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub bottom_line: Vec<String>,
    pub trend: Option<Trend>,
    pub key_actors: Vec<ActorLine>,
    /// The kept events counted by family and kind.
    pub families: Vec<FamilyLine>,
    /// Dated reported events, oldest first.
    pub timeline: Vec<EventLine>,
    /// Reported events without a date.
    pub undated: Vec<EventLine>,
    /// Potential events.
    pub warnings: Vec<EventLine>,
    /// Proposed events.
    pub proposals: Vec<EventLine>,
    pub chart: Option<Chart>,
    pub sources: Vec<SourceLine>,
}

/// Builds the briefing of the events `filter` keeps.
pub fn build(analysis: &Analysis, filter: &BriefFilter) -> Briefing {
    let covered = filter.entities_in(analysis);
    let ready = covered.events(analysis);
    let (events_total, kept) = lines::collect_kept(analysis, &|c| filter.matches(c, &ready));
    let source_count = {
        let mut s: Vec<&str> = (0..analysis.articles.len())
            .map(|i| analysis.source_label(i))
            .collect();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    let dated = || kept.iter().filter_map(|l| l.date);
    let scope = Scope {
        articles: analysis.articles.len(),
        sources: source_count,
        events_total,
        events_matched: kept.len(),
        first: dated().min_by_key(|d| d.timeline_key()),
        last: dated().max_by_key(|d| d.timeline_key()),
    };
    let mut briefing = Briefing {
        title: TITLE.to_string(),
        filter: filter.clone(),
        entities: covered.asked.clone(),
        scope,
        notice: None,
        bottom_line: Vec::new(),
        trend: None,
        key_actors: Vec::new(),
        families: Vec::new(),
        timeline: Vec::new(),
        undated: Vec::new(),
        warnings: Vec::new(),
        proposals: Vec::new(),
        chart: None,
        sources: Vec::new(),
    };
    if kept.is_empty() && !filter.is_empty() {
        briefing.notice = Some(no_match_notice(&briefing));
        return briefing;
    }
    if kept.is_empty() {
        briefing.notice = Some(format!(
            "No events were found in {} article{}.",
            analysis.articles.len(),
            if analysis.articles.len() == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    fill(&mut briefing, analysis, filter, kept);
    briefing
}

fn fill(b: &mut Briefing, analysis: &Analysis, filter: &BriefFilter, kept: Vec<EventLine>) {
    let (sentences, trend) = bottom::bottom_line(&kept);
    b.bottom_line = sentences;
    b.trend = trend;
    b.key_actors = sections::key_actors(analysis, &kept, filter);
    b.families = families::by_family(&kept);
    b.chart = chart::build(&kept);
    b.sources = sections::sources(analysis, &kept);
    for line in kept {
        match (line.status, line.date) {
            (Status::Reported, Some(_)) => b.timeline.push(line),
            (Status::Reported, None) => b.undated.push(line),
            (Status::Potential, _) => b.warnings.push(line),
            (Status::Proposed, _) => b.proposals.push(line),
        }
    }
}

fn no_match_notice(b: &Briefing) -> String {
    let mut s = format!("No events match the filter ({}).", b.describe_filter());
    let unknown: Vec<String> = b
        .entities
        .iter()
        .filter(|r| r.entities.is_empty())
        .map(|r| format!("\"{}\"", r.asked))
        .collect();
    if !unknown.is_empty() {
        s.push_str(&format!(
            " No actor, target or entity is named {}.",
            unknown.join(" or ")
        ));
    }
    s
}

impl Briefing {
    /// The filter as applied: `entity Morocco (with Rabat), kind deployment`.
    pub fn describe_filter(&self) -> String {
        self.filter.describe(&self.entities)
    }
}
