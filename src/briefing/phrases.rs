//! Wording shared by the Markdown and text renderers: the scope line, actor lines, event heads,
//! source phrases. Plain strings; each renderer adds its own markup and escaping.

use super::families::FamilyLine;
use super::lines::EventLine;
use super::model::Briefing;
use super::sections::{ActorLine, SourceLine};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "12 articles from 4 sources; 9 of 14 events kept; dated events 2023-11-14 to 2025-04-07."
pub fn scope(b: &Briefing) -> String {
    let s = &b.scope;
    let mut out = format!(
        "{} from {}",
        plural(s.articles, "article", "articles"),
        plural(s.sources, "source", "sources")
    );
    if b.filter.is_empty() {
        out.push_str(&format!("; {}", plural(s.events_total, "event", "events")));
    } else {
        out.push_str(&format!(
            "; {} of {} events kept",
            s.events_matched, s.events_total
        ));
    }
    match (s.first, s.last) {
        (Some(f), Some(l)) if f == l => {
            out.push_str(&format!("; dated events {}", super::bottom::on_date(f)))
        }
        (Some(f), Some(l)) => out.push_str(&format!("; dated events {f} to {l}")),
        _ => {}
    }
    out.push('.');
    out
}

/// "Filter: entity "Mali", since 2024-06." or `None` without a filter.
pub fn filter(b: &Briefing) -> Option<String> {
    (!b.filter.is_empty()).then(|| format!("Filter: {}.", b.describe_filter()))
}

/// "(country) 6 events: 4 as actor, 2 as target; involvement 52.0; 23 mentions; sources: A, B"
pub fn actor_facts(a: &ActorLine) -> String {
    let kind = a
        .kind
        .map(|k| format!("({}) ", k.as_str().replace('_', " ")));
    let mut out = kind.unwrap_or_default();
    out.push_str(&format!(
        "{}: {} as actor, {} as target; involvement {:.1}; {}",
        plural(a.events(), "event", "events"),
        a.as_actor,
        a.as_target,
        a.involvement,
        plural(a.mentions, "mention", "mentions")
    ));
    if !a.sources.is_empty() {
        out.push_str(&format!("; sources: {}", a.sources.join(", ")));
    }
    out
}

/// "Malian Armed Forces → CSP", "Algeria", "" when nobody is named.
pub fn parties(l: &EventLine) -> String {
    match (l.actors.is_empty(), l.targets.is_empty()) {
        (true, true) => String::new(),
        (false, true) => l.actors.join(", "),
        (true, false) => format!("→ {}", l.targets.join(", ")),
        (false, false) => format!("{} → {}", l.actors.join(", "), l.targets.join(", ")),
    }
}

/// "2024-07-26 · armed clash · Mali → CSP" (no date part when undated).
pub fn event_head(l: &EventLine) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = l.date {
        parts.push(d.to_string());
    }
    parts.push(l.kind.as_str().replace('_', " "));
    let p = parties(l);
    if !p.is_empty() {
        parts.push(p);
    }
    parts.join(" · ")
}

/// "violence", the family's name as a line starts.
pub fn family_name(f: &FamilyLine) -> String {
    f.family.as_str().to_string()
}

/// "5 events: airstrike 3, armed clash 2"; a context-only kind says so ("disaster 1 (context,
/// not escalation)").
pub fn family_facts(f: &FamilyLine) -> String {
    let kinds: Vec<String> = f
        .kinds
        .iter()
        .map(|k| {
            let mut s = format!("{} {}", k.kind.as_str().replace('_', " "), k.events);
            if k.context {
                s.push_str(" (context, not escalation)");
            }
            s
        })
        .collect();
    format!(
        "{}: {}",
        plural(f.events, "event", "events"),
        kinds.join(", ")
    )
}

/// "Sahel Monitor" or "2 sources: A, B".
pub fn event_sources(l: &EventLine) -> String {
    match l.sources.len() {
        0 => "no source".to_string(),
        1 => l.sources[0].clone(),
        n => format!("{n} sources: {}", l.sources.join(", ")),
    }
}

/// "2024-07-28 to 2025-04-08", one date, or "undated".
pub fn published(s: &SourceLine) -> String {
    match (s.first, s.last) {
        (Some(f), Some(l)) if f == l => f.to_string(),
        (Some(f), Some(l)) => format!("{f} to {l}"),
        _ => "undated".to_string(),
    }
}

/// "1 : 5 (0.20)", "2 : 0" when it reports nothing.
pub fn alarm(s: &SourceLine) -> String {
    match s.alarm_ratio() {
        Some(r) => format!("{} : {} ({r:.2})", s.potential, s.reported),
        None => format!("{} : {}", s.potential, s.reported),
    }
}

/// "X, Y (+2 more)" or "none".
pub fn only_entities(s: &SourceLine) -> String {
    if s.entities_only.is_empty() {
        return "none".to_string();
    }
    let mut out = s.entities_only.join(", ");
    let more = s.entities_only_total.saturating_sub(s.entities_only.len());
    if more > 0 {
        out.push_str(&format!(" (+{more} more)"));
    }
    out
}

/// The whole source line for the text view.
pub fn source_facts(s: &SourceLine) -> String {
    format!(
        "{}, published {}; {} reported ({} only here); warnings : reported {}; entities only here: {}",
        plural(s.articles, "article", "articles"),
        published(s),
        plural(s.reported, "event", "events"),
        s.only_it,
        alarm(s),
        only_entities(s)
    )
}

/// The chart's caption.
pub fn chart_caption(bucket: &str) -> String {
    format!(
        "Dated reported events per {bucket} and their summed severity ('#' net conflict, '+' net de-escalation)."
    )
}

/// Section headings, in order.
pub const BOTTOM_LINE: &str = "Bottom line";
pub const KEY_ACTORS: &str = "Key actors";
pub const FAMILIES: &str = "Events by family";
pub const TIMELINE: &str = "Timeline";
pub const UNDATED: &str = "Undated reported events";
pub const WARNINGS: &str = "Warnings";
pub const PROPOSALS: &str = "Proposals";
pub const CHART: &str = "Escalation chart";
pub const SOURCES: &str = "Sources";
