//! Which articles and timeline items are shown, and in what order: the `f` filter (entity, event
//! kind, status, source), the `/` corpus search of the list, and the `s` sort.

use super::text::Matcher;
use crate::analysis::{Analysis, EntityKind, EventKind, Status, TimelineItem};
use crate::date::DateValue;
use rayon::prelude::*;
use std::cmp::Ordering;

/// What `f` can keep.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    Entity(String, EntityKind),
    Kind(EventKind),
    Status(Status),
    Source(String),
}

impl Filter {
    pub fn label(&self) -> String {
        match self {
            Filter::Entity(n, k) => format!("entity {n} ({k})"),
            Filter::Kind(k) => format!("kind {k}"),
            Filter::Status(s) => format!("status {s}"),
            Filter::Source(s) => format!("source {s}"),
        }
    }

    /// Does article `i` pass?
    pub fn keeps_article(&self, an: &Analysis, i: usize) -> bool {
        let a = &an.analyses[i];
        match self {
            Filter::Entity(n, k) => a.entities.iter().any(|e| *e.name == **n && e.kind == *k),
            Filter::Kind(k) => a.events.iter().any(|e| e.kind == *k),
            Filter::Status(s) => a.events.iter().any(|e| e.status == *s),
            Filter::Source(s) => an.source_label(i) == s,
        }
    }

    /// Does a timeline item pass?
    pub fn keeps_item(&self, an: &Analysis, t: &TimelineItem) -> bool {
        match self {
            Filter::Entity(n, _) => {
                t.actors.iter().chain(t.targets.iter()).any(|x| **x == **n)
                    || t.occurrences.iter().any(|r| {
                        let Some(aa) = an.analyses.get(r.article) else {
                            return false;
                        };
                        let Some(ev) = aa.events.get(r.event) else {
                            return false;
                        };
                        aa.mentions.iter().any(|m| {
                            ev.span.overlaps(&m.span)
                                && aa.entities.get(m.index()).is_some_and(|e| *e.name == **n)
                        })
                    })
            }
            Filter::Kind(k) => t.kind == *k,
            Filter::Status(s) => t.status == *s,
            Filter::Source(s) => t.sources.iter().any(|x| **x == **s),
        }
    }
}

/// The `s` cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Severity,
    Source,
}

impl SortKey {
    pub fn next(&self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Severity,
            SortKey::Severity => SortKey::Source,
            SortKey::Source => SortKey::Date,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Severity => "severity",
            SortKey::Source => "source",
        }
    }
}

/// The date shown for an article: published, else "not before".
pub fn article_date(an: &Analysis, i: usize) -> Option<DateValue> {
    an.articles[i].published.or(an.analyses[i].not_before)
}

/// The most severe (lowest) event severity of an article.
pub fn article_severity(an: &Analysis, i: usize) -> Option<f32> {
    an.analyses[i]
        .events
        .iter()
        .map(|e| e.severity)
        .min_by(|a, b| a.total_cmp(b))
}

fn date_cmp(a: Option<DateValue>, b: Option<DateValue>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.timeline_key().cmp(&b.timeline_key()),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn sev_cmp(a: Option<f32>, b: Option<f32>) -> Ordering {
    a.unwrap_or(f32::MAX).total_cmp(&b.unwrap_or(f32::MAX))
}

/// Article indices to list: filtered, narrowed by the corpus search, sorted.
pub fn article_rows(
    an: &Analysis,
    filter: Option<&Filter>,
    query: Option<&str>,
    sort: SortKey,
) -> Vec<usize> {
    let matcher = query.map(Matcher::new);
    let mut rows: Vec<usize> = (0..an.articles.len().min(an.analyses.len()))
        .into_par_iter()
        .filter(|&i| filter.is_none_or(|f| f.keeps_article(an, i)))
        .filter(|&i| matcher.as_ref().is_none_or(|m| article_matches(an, i, m)))
        .collect();
    match sort {
        SortKey::Date => rows
            .sort_by(|&a, &b| date_cmp(article_date(an, b), article_date(an, a)).then(a.cmp(&b))),
        SortKey::Severity => rows.sort_by(|&a, &b| {
            sev_cmp(article_severity(an, a), article_severity(an, b)).then(a.cmp(&b))
        }),
        SortKey::Source => rows.sort_by(|&a, &b| {
            an.source_label(a)
                .to_lowercase()
                .cmp(&an.source_label(b).to_lowercase())
                .then(a.cmp(&b))
        }),
    }
    // Newest first, but undated articles still go last.
    if sort == SortKey::Date {
        rows.sort_by_key(|&i| article_date(an, i).is_none());
    }
    rows
}

/// Number of case-insensitive matches of `q` in the titles and bodies of the articles `rows`,
/// with one matcher, articles counted in parallel.
pub fn match_total(an: &Analysis, rows: &[usize], q: &str) -> usize {
    let m = Matcher::new(q);
    rows.par_iter()
        .filter_map(|&i| an.articles.get(i))
        .map(|a| m.count(&a.title) + m.count(&a.body))
        .sum()
}

/// Does the title or the body of article `i` match? Stops at the first match.
fn article_matches(an: &Analysis, i: usize, m: &Matcher) -> bool {
    let a = &an.articles[i];
    m.is_match(&a.title) || m.is_match(&a.body)
}

/// Timeline item indices: filtered and sorted; undated items always come after dated ones.
pub fn timeline_rows(an: &Analysis, filter: Option<&Filter>, sort: SortKey) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..an.timeline.len())
        .filter(|&i| filter.is_none_or(|f| f.keeps_item(an, &an.timeline[i])))
        .collect();
    let t = &an.timeline;
    match sort {
        SortKey::Date => rows.sort_by(|&a, &b| date_cmp(t[a].date, t[b].date).then(a.cmp(&b))),
        SortKey::Severity => rows.sort_by(|&a, &b| {
            t[a].severity
                .total_cmp(&t[b].severity)
                .then(date_cmp(t[a].date, t[b].date))
                .then(a.cmp(&b))
        }),
        SortKey::Source => rows.sort_by(|&a, &b| {
            let sa = t[a].sources.first().map(|s| s.to_lowercase());
            let sb = t[b].sources.first().map(|s| s.to_lowercase());
            sa.cmp(&sb)
                .then(date_cmp(t[a].date, t[b].date))
                .then(a.cmp(&b))
        }),
    }
    rows.sort_by_key(|&i| t[i].date.is_none());
    rows
}
