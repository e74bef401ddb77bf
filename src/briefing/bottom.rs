//! The bottom line: who fights whom most, whether escalation rises or falls (with the numbers),
//! and the most severe recent event, as two or three sentences made from the data.

use super::families::is_context;
use super::lines::EventLine;
use crate::analysis::Status;
use crate::date::DateValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// How far back "recent" reaches from the latest dated reported event, in days.
pub const RECENT_DAYS: i64 = 365;

/// One half of the dated period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Half {
    pub from: DateValue,
    pub to: DateValue,
    pub events: usize,
    /// Summed severity, one decimal.
    pub severity: f64,
}

/// Escalation trend: the later half of the dated period against the earlier half.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trend {
    /// "rising", "falling" or "flat".
    pub direction: &'static str,
    pub earlier: Half,
    pub later: Half,
}

/// A pair of actors and the conflict events (negative severity) between them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConflictPair {
    pub a: String,
    pub b: String,
    pub events: usize,
    pub severity: f64,
}

/// The day an event stands for: the middle of its period.
fn mid_day(d: DateValue) -> i64 {
    (d.first_day() + d.last_day()) / 2
}

/// Dated reported events that count as escalation or de-escalation: context-only events
/// (severity 0, such as disasters) are left out.
fn dated_reported(lines: &[EventLine]) -> Vec<(&EventLine, DateValue)> {
    lines
        .iter()
        .filter(|l| l.status == Status::Reported && !is_context(l))
        .filter_map(|l| l.date.map(|d| (l, d)))
        .collect()
}

/// Compares summed severity of the later half of the dated period with the earlier half.
/// Escalation "rises" when the later half is more conflictual by more than a fifth (and by
/// at least one point). The period runs from the first day the earliest date can stand for to
/// the last day of the latest; each event counts in the half holding the middle of its date.
/// `None` with fewer than two dated reported events, a single day, or an empty half.
pub fn trend(lines: &[EventLine]) -> Option<Trend> {
    let dated = dated_reported(lines);
    let lo = dated.iter().map(|(_, d)| d.first_day()).min()?;
    let hi = dated.iter().map(|(_, d)| d.last_day()).max()?;
    if dated.len() < 2 || hi == lo {
        return None;
    }
    let split = lo + (hi - lo + 1) / 2;
    let half = |from: i64, to: i64| {
        let inside: Vec<f64> = dated
            .iter()
            .filter(|(_, d)| (from..=to).contains(&mid_day(*d)))
            .map(|(l, _)| l.severity)
            .collect();
        Half {
            from: DateValue::from_days(from),
            to: DateValue::from_days(to),
            events: inside.len(),
            severity: (inside.iter().sum::<f64>() * 10.0).round() / 10.0,
        }
    };
    let earlier = half(lo, split - 1);
    let later = half(split, hi);
    if earlier.events == 0 || later.events == 0 {
        return None;
    }
    let (e, l) = (-earlier.severity, -later.severity);
    let threshold = (0.2 * e.abs().max(l.abs())).max(1.0);
    let direction = if l - e > threshold {
        "rising"
    } else if e - l > threshold {
        "falling"
    } else {
        "flat"
    };
    Some(Trend {
        direction,
        earlier,
        later,
    })
}

/// Unordered actor–target pairs with the most reported negative-severity events, most first
/// (then the most severe in sum, then by name).
pub fn conflict_pairs(lines: &[EventLine]) -> Vec<ConflictPair> {
    let mut pairs: BTreeMap<(String, String), (usize, f64)> = BTreeMap::new();
    let conflict = |l: &&EventLine| l.status == Status::Reported && l.severity < 0.0;
    for l in lines.iter().filter(conflict) {
        let mut seen: Vec<(String, String)> = Vec::new();
        for a in &l.actors {
            for t in l.targets.iter().filter(|t| *t != a) {
                let key = if a <= t {
                    (a.clone(), t.clone())
                } else {
                    (t.clone(), a.clone())
                };
                if !seen.contains(&key) {
                    seen.push(key);
                }
            }
        }
        for key in seen {
            let entry = pairs.entry(key).or_insert((0, 0.0));
            entry.0 += 1;
            entry.1 += l.severity;
        }
    }
    let mut out: Vec<ConflictPair> = pairs
        .into_iter()
        .map(|((a, b), (events, sev))| ConflictPair {
            a,
            b,
            events,
            severity: (sev * 10.0).round() / 10.0,
        })
        .collect();
    out.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then(x.severity.total_cmp(&y.severity))
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    out
}

/// The most severe reported event within [`RECENT_DAYS`] of the latest dated reported event;
/// ties go to the later, then the better corroborated one.
pub fn most_severe_recent(lines: &[EventLine]) -> Option<&EventLine> {
    let dated = dated_reported(lines);
    let latest = dated.iter().map(|(_, d)| d.last_day()).max()?;
    dated
        .into_iter()
        .filter(|(l, d)| d.last_day() >= latest - RECENT_DAYS && l.severity < 0.0)
        .min_by(|(x, dx), (y, dy)| {
            x.severity
                .total_cmp(&y.severity)
                .then(dy.timeline_key().cmp(&dx.timeline_key()))
                .then(y.sources.len().cmp(&x.sources.len()))
                .then(x.order_key().cmp(&y.order_key()))
        })
        .map(|(l, _)| l)
}

/// A kind in words: `armed_clash` → "armed clash".
pub fn kind_words(line: &EventLine) -> String {
    line.kind.as_str().replace('_', " ")
}

/// "shootdown by Algeria against Mali".
pub fn describe_event(line: &EventLine) -> String {
    let mut s = kind_words(line);
    if !line.actors.is_empty() {
        s.push_str(&format!(" by {}", line.actors.join(", ")));
    }
    if !line.targets.is_empty() {
        s.push_str(&format!(" against {}", line.targets.join(", ")));
    }
    s
}

/// "on 2025-04-01" for a day, "in 2025-04" or "in 2024" for coarser dates.
pub fn on_date(d: DateValue) -> String {
    if d.day.is_some() {
        format!("on {d}")
    } else {
        format!("in {d}")
    }
}

fn events(n: usize) -> String {
    format!("{n} event{}", if n == 1 { "" } else { "s" })
}

fn pairs_sentence(pairs: &[ConflictPair]) -> Option<String> {
    let first = pairs.first()?;
    let mut s = format!(
        "Most reported conflict events (negative severity) are between {} and {} ({}, summed severity {:.1})",
        first.a,
        first.b,
        events(first.events),
        first.severity
    );
    if let Some(second) = pairs.get(1) {
        s.push_str(&format!(
            ", then between {} and {} ({}, {:.1})",
            second.a, second.b, second.events, second.severity
        ));
    }
    s.push('.');
    Some(s)
}

fn trend_sentence(t: &Trend) -> String {
    format!(
        "Escalation is {}: dated reported events from {} to {} sum to severity {:.1} ({}), \
         against {:.1} ({}) from {} to {}.",
        t.direction,
        t.later.from,
        t.later.to,
        t.later.severity,
        events(t.later.events),
        t.earlier.severity,
        events(t.earlier.events),
        t.earlier.from,
        t.earlier.to
    )
}

fn severe_sentence(l: &EventLine) -> String {
    let date = l
        .date
        .map(|d| format!(" {}", on_date(d)))
        .unwrap_or_default();
    let sources = match l.sources.len() {
        1 => format!("reported by {}", l.sources[0]),
        n => format!("{n} sources"),
    };
    format!(
        "Most severe recent event: {}{date} (severity {:.1}, {sources}).",
        describe_event(l),
        l.severity
    )
}

/// The bottom line sentences and the trend behind them.
pub fn bottom_line(lines: &[EventLine]) -> (Vec<String>, Option<Trend>) {
    let mut out = Vec::new();
    out.extend(pairs_sentence(&conflict_pairs(lines)));
    let t = trend(lines);
    out.extend(t.as_ref().map(trend_sentence));
    out.extend(most_severe_recent(lines).map(severe_sentence));
    (out, t)
}
