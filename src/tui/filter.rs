//! Which articles and timeline items are shown, and in what order: the `f` filter (entity, event
//! kind, status, source), the `/` corpus search of the list, and the `s` sort. What an entity
//! filter keeps is defined once, for the reader and `sitrep brief`, in
//! [`crate::analysis::entity_match`].

use super::text::Matcher;
use crate::analysis::entity_match::{EntityMatch, EventMatcher};
use crate::analysis::{Analysis, EventKind, Status, TimelineItem};
use crate::date::DateValue;
use crate::order::{DATE_BITS, date_bits, total_order_bits};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Reverse;

/// What `f` can keep.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// An entity, its gazetteer spellings and what the gazetteer nests under it.
    Entity(EntityMatch),
    Kind(EventKind),
    Status(Status),
    Source(String),
}

impl Filter {
    /// The entity filter of a name (canonical, alias or mention text), resolved over `an`.
    pub fn entity(an: &Analysis, name: &str) -> Filter {
        Filter::Entity(EntityMatch::resolve(an, &[name]))
    }

    /// What the filter keeps, as the status line and the list title say it.
    pub fn label(&self) -> String {
        match self {
            Filter::Entity(m) => format!("entity {}", m.describe()),
            Filter::Kind(k) => format!("kind {k}"),
            Filter::Status(s) => format!("status {s}"),
            Filter::Source(s) => format!("source {s}"),
        }
    }

    /// Does article `i` pass?
    pub fn keeps_article(&self, an: &Analysis, i: usize) -> bool {
        let a = &an.analyses[i];
        match self {
            Filter::Entity(m) => m.keeps_article(an, i),
            Filter::Kind(k) => a.events.iter().any(|e| e.kind == *k),
            Filter::Status(s) => a.events.iter().any(|e| e.status == *s),
            Filter::Source(s) => an.source_label(i) == s,
        }
    }

    /// Does a timeline item pass? `events` is the entity filter made ready
    /// ([`EntityMatch::events`]); any match for the other filters.
    fn keeps_item(&self, t: &TimelineItem, events: &EventMatcher) -> bool {
        match self {
            Filter::Entity(_) => events.keeps(&t.occurrences, &t.actors, &t.targets),
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

/// Sorts `rows` by `key`, computed once per row, in parallel. A comparison that reads both
/// sides from the analysis lands at random in it: on 100k articles and 1.7 million timeline
/// items such sorts took 0.3 to 1.8 s, and each `s` or `f` waited for them. Every key ends with
/// its row, so no two are equal and the unstable sort's order is the only one. Rows already in
/// order (the timeline by date: it is built so) are left as they are.
fn sort_rows<K: Ord + Send>(rows: &mut Vec<usize>, key: impl Fn(usize) -> K + Sync) {
    let mut keyed: Vec<(K, usize)> = rows.par_iter().map(|&i| (key(i), i)).collect();
    if keyed.is_sorted() {
        return;
    }
    keyed.par_sort_unstable();
    rows.clear();
    rows.extend(keyed.into_iter().map(|(_, i)| i));
}

/// Each distinct name's place in the order of the names' lowercase forms (names equal but for
/// case share a place), so that a sort compares numbers instead of lowercasing both sides.
fn lowercase_ranks<'n>(names: impl ParallelIterator<Item = &'n str>) -> FxHashMap<&'n str, u32> {
    let distinct = names
        .fold(FxHashSet::default, |mut set, n| {
            set.insert(n);
            set
        })
        .reduce(FxHashSet::default, |mut a, b| {
            a.extend(b);
            a
        });
    let mut lower: Vec<(String, &str)> = distinct
        .into_iter()
        .map(|n| (n.to_lowercase(), n))
        .collect();
    lower.sort_unstable();
    let mut ranks = FxHashMap::default();
    let mut rank = 0;
    for (i, (low, name)) in lower.iter().enumerate() {
        if i > 0 && lower[i - 1].0 != *low {
            rank = i as u32;
        }
        ranks.insert(*name, rank);
    }
    ranks
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
        // Newest first; undated articles last.
        SortKey::Date => sort_rows(&mut rows, |i| {
            let d = article_date(an, i);
            (d.is_none(), Reverse(date_bits(d)))
        }),
        // Most severe (lowest) first; articles without events after those with.
        SortKey::Severity => sort_rows(&mut rows, |i| {
            total_order_bits(article_severity(an, i).unwrap_or(f32::MAX))
        }),
        SortKey::Source => {
            let ranks = lowercase_ranks(rows.par_iter().map(|&i| an.source_label(i)));
            sort_rows(&mut rows, |i| ranks[an.source_label(i)]);
        }
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

/// Timeline item indices: filtered and sorted; undated items come after dated ones, but for the
/// severity sort, which puts the most severe first whatever their date.
pub fn timeline_rows(an: &Analysis, filter: Option<&Filter>, sort: SortKey) -> Vec<usize> {
    let none = EntityMatch::default();
    let entity = match filter {
        Some(Filter::Entity(m)) => m,
        _ => &none,
    };
    let events = entity.events(an);
    let mut rows: Vec<usize> = (0..an.timeline.len())
        .into_par_iter()
        .filter(|&i| filter.is_none_or(|f| f.keeps_item(&an.timeline[i], &events)))
        .collect();
    let t = &an.timeline;
    // One integer a key: the sort's own order (32 bits above the date's), then the date, no
    // date last; by date and by source, undated items after dated ones first (bit 96). By
    // severity the most severe come first, dated or not: an undated massacre above a dated
    // meeting.
    let undated = |i: usize| u128::from(t[i].date.is_none()) << 96;
    let date = |i: usize| date_bits(t[i].date);
    match sort {
        SortKey::Date => sort_rows(&mut rows, date),
        SortKey::Severity => sort_rows(&mut rows, |i| {
            u128::from(total_order_bits(t[i].severity)) << DATE_BITS | u128::from(date(i))
        }),
        SortKey::Source => {
            let ranks = lowercase_ranks(
                rows.par_iter()
                    .filter_map(|&i| t[i].sources.first().map(|s| s.as_str())),
            );
            // No source first, then by rank.
            let source = |i: usize| t[i].sources.first().map_or(0, |s| 1 + ranks[s.as_str()]);
            sort_rows(&mut rows, |i| {
                undated(i) | u128::from(source(i)) << DATE_BITS | u128::from(date(i))
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::names_from;
    use crate::corpus::article_from_text;
    use crate::tui::fixture;
    use proptest::prelude::*;
    use std::cmp::Ordering;
    use std::sync::Arc;

    // The orders as first written, one comparison reading both sides: the definition that the
    // keyed sorts must give, row for row.
    fn date_cmp(a: Option<DateValue>, b: Option<DateValue>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => a.timeline_key().cmp(&b.timeline_key()),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }

    /// The item filter as first written: every event's sentence against every mention.
    fn defined_keeps_item(f: &Filter, an: &Analysis, t: &TimelineItem) -> bool {
        match f {
            Filter::Entity(m) => {
                t.actors.iter().chain(t.targets.iter()).any(|x| m.covers(x))
                    || t.occurrences.iter().any(|r| {
                        let Some(aa) = an.analyses.get(r.article) else {
                            return false;
                        };
                        let Some(ev) = aa.events.get(r.event) else {
                            return false;
                        };
                        aa.mentions.iter().any(|x| {
                            ev.span.overlaps(&x.span)
                                && aa
                                    .entities
                                    .get(x.index())
                                    .is_some_and(|e| m.covers(&e.name))
                        })
                    })
            }
            Filter::Kind(k) => t.kind == *k,
            Filter::Status(s) => t.status == *s,
            Filter::Source(s) => t.sources.iter().any(|x| **x == **s),
        }
    }

    fn sev_cmp(a: Option<f32>, b: Option<f32>) -> Ordering {
        a.unwrap_or(f32::MAX).total_cmp(&b.unwrap_or(f32::MAX))
    }

    fn defined_article_order(an: &Analysis, rows: &mut [usize], sort: SortKey) {
        match sort {
            SortKey::Date => rows.sort_by(|&a, &b| {
                date_cmp(article_date(an, b), article_date(an, a)).then(a.cmp(&b))
            }),
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
        if sort == SortKey::Date {
            rows.sort_by_key(|&i| article_date(an, i).is_none());
        }
    }

    fn defined_timeline_order(an: &Analysis, rows: &mut [usize], sort: SortKey) {
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
        if sort != SortKey::Severity {
            rows.sort_by_key(|&i| t[i].date.is_none());
        }
    }

    /// Few values, so that ties are common: each date at three precisions, and none.
    fn date() -> impl Strategy<Value = Option<DateValue>> {
        prop_oneof![
            Just(None),
            Just(Some(DateValue::year(2024))),
            Just(Some(DateValue::month(2024, 7))),
            Just(DateValue::ymd(2024, 7, 3)),
            Just(DateValue::ymd(2023, 12, 31)),
            Just(DateValue::ymd(-44, 3, 15)),
        ]
    }

    fn severity() -> impl Strategy<Value = f32> {
        prop_oneof![
            Just(-10.0f32),
            Just(-6.5),
            Just(0.0),
            Just(-0.0),
            Just(7.4),
            Just(f32::MAX),
            Just(f32::NAN),
        ]
    }

    fn source() -> impl Strategy<Value = Option<&'static str>> {
        prop_oneof![
            Just(None),
            Just(Some("AFP")),
            Just(Some("afp")),
            Just(Some("Le Monde")),
            Just(Some("Élysée")),
            Just(Some("ÉLYSÉE")),
        ]
    }

    type ArticleSpec = (
        Option<DateValue>,
        Option<DateValue>,
        Option<&'static str>,
        Vec<f32>,
    );
    type ItemSpec = (Option<DateValue>, f32, Vec<&'static str>);

    /// An analysis whose articles and timeline items take the given dates, severities and
    /// sources; events and items are the fixture's, recycled.
    fn analysis(articles: &[ArticleSpec], items: &[ItemSpec]) -> Analysis {
        let base = fixture::analysis();
        let events: Vec<_> = base
            .analyses
            .iter()
            .flat_map(|a| a.events.clone())
            .collect();
        let arts: Vec<_> = articles
            .iter()
            .enumerate()
            .map(|(i, (published, _, source, _))| {
                let mut a = article_from_text(&format!("a{i}"), "Title", "Body.", *published);
                a.source = source.map(str::to_string);
                a
            })
            .collect();
        let analyses = articles
            .iter()
            .map(|(_, not_before, _, sevs)| {
                let mut a = crate::analysis::ArticleAnalysis {
                    not_before: *not_before,
                    ..Default::default()
                };
                for (j, &sev) in sevs.iter().enumerate() {
                    let mut e = events[j % events.len()].clone();
                    e.severity = sev;
                    a.events.push(e);
                }
                a
            })
            .collect();
        let timeline = items
            .iter()
            .enumerate()
            .map(|(i, (date, sev, sources))| {
                let mut t = base.timeline[i % base.timeline.len()].clone();
                t.date = *date;
                t.severity = *sev;
                t.sources = names_from(sources.iter().map(|s| (*s).into()).collect());
                t
            })
            .collect();
        Analysis {
            articles: Arc::from(arts),
            analyses,
            timeline,
            ..base
        }
    }

    fn sort_key() -> impl Strategy<Value = SortKey> {
        prop_oneof![
            Just(SortKey::Date),
            Just(SortKey::Severity),
            Just(SortKey::Source)
        ]
    }

    proptest! {
        #[test]
        fn keyed_sorts_give_the_defined_orders(
            articles in prop::collection::vec(
                (date(), date(), source(), prop::collection::vec(severity(), 0..3)),
                0..40,
            ),
            items in prop::collection::vec(
                (date(), severity(), prop::collection::vec(source().prop_filter_map("a name", |s| s), 0..3)),
                0..60,
            ),
            sort in sort_key(),
            status_filter in any::<bool>(),
        ) {
            let an = analysis(&articles, &items);
            let filter = status_filter.then_some(Filter::Status(Status::Reported));
            let mut want: Vec<usize> = (0..an.articles.len())
                .filter(|&i| filter.as_ref().is_none_or(|f| f.keeps_article(&an, i)))
                .collect();
            defined_article_order(&an, &mut want, sort);
            prop_assert_eq!(article_rows(&an, filter.as_ref(), None, sort), want);
            let mut want: Vec<usize> = (0..an.timeline.len())
                .filter(|&i| filter.as_ref().is_none_or(|f| defined_keeps_item(f, &an, &an.timeline[i])))
                .collect();
            defined_timeline_order(&an, &mut want, sort);
            prop_assert_eq!(timeline_rows(&an, filter.as_ref(), sort), want);
        }
    }

    #[test]
    fn the_entity_filter_keeps_the_items_whose_events_name_it() {
        let an = fixture::analysis();
        let mut kept_by_mention_only = 0;
        for e in &an.entities {
            let f = Filter::entity(&an, &e.name);
            let want: Vec<usize> = (0..an.timeline.len())
                .filter(|&i| defined_keeps_item(&f, &an, &an.timeline[i]))
                .collect();
            let mut got = timeline_rows(&an, Some(&f), SortKey::Date);
            got.sort_unstable();
            assert_eq!(got, want, "{}", e.name);
            kept_by_mention_only += want
                .iter()
                .filter(|&&i| {
                    let t = &an.timeline[i];
                    !t.actors
                        .iter()
                        .chain(t.targets.iter())
                        .any(|x| *x == e.name)
                })
                .count();
        }
        // The fixture has items kept only through a mention in their sentence.
        assert!(kept_by_mention_only > 0);
    }
}
