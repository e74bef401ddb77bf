//! The JSON view: `sitrep extract` prints the analysis in the schema of the evaluation kit, plus
//! the corpus timeline, entity counts and related passages. Records borrow from the analysis and
//! are streamed straight to the writer: no intermediate JSON tree, no copied bodies.

use crate::analysis::{
    Analysis, ArticleEntity, DateMention, EntityKind, Event, EventKind, Related, Status,
    TimelineItem,
};
use crate::corpus::{Format, Span};
use crate::date::DateValue;
use serde::Serialize;
use std::io::{self, Write};

/// How many related passages each passage lists.
pub const RELATED_PER_PASSAGE: usize = 5;

/// One article's record.
#[derive(Serialize)]
pub struct ArticleRecord<'a> {
    id: &'a str,
    path: &'a str,
    format: Format,
    title: &'a str,
    section: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<DateValue>,
    not_before: Option<DateValue>,
    url: Option<&'a str>,
    lossy: bool,
    body: &'a str,
    paragraphs: &'a [Span],
    sentences: &'a [Span],
    entities: &'a [ArticleEntity],
    events: &'a [Event],
    dates: &'a [DateMention],
    related: Vec<Vec<RelatedRecord<'a>>>,
}

#[derive(Serialize)]
struct RelatedRecord<'a> {
    article: &'a str,
    passage: usize,
    score: f32,
    shared_entities: &'a [String],
    shared_kinds: &'a [EventKind],
}

#[derive(Serialize)]
struct OccurrenceRecord<'a> {
    article: &'a str,
    event: usize,
}

#[derive(Serialize)]
struct TimelineRecord<'a> {
    date: Option<DateValue>,
    kind: EventKind,
    status: Status,
    severity: f32,
    actors: &'a [String],
    targets: &'a [String],
    sources: &'a [String],
    occurrences: Vec<OccurrenceRecord<'a>>,
}

#[derive(Serialize)]
struct EntityRecord<'a> {
    name: &'a str,
    kind: EntityKind,
    linked: bool,
    parent: Option<&'a str>,
    count: usize,
    articles: Vec<&'a str>,
}

#[derive(Serialize)]
struct CorpusRecord<'a> {
    timeline: Vec<TimelineRecord<'a>>,
    entities: Vec<EntityRecord<'a>>,
}

#[derive(Serialize)]
struct Document<'a> {
    articles: Vec<ArticleRecord<'a>>,
    #[serde(flatten)]
    corpus: CorpusRecord<'a>,
}

fn article_id(analysis: &Analysis, index: usize) -> &str {
    &analysis.articles[index].id
}

/// One article's record, borrowing from the analysis.
pub fn article_record(analysis: &Analysis, index: usize) -> ArticleRecord<'_> {
    let a = &analysis.articles[index];
    let an = &analysis.analyses[index];
    let related = analysis
        .related
        .get(index)
        .map(|per_passage| {
            per_passage
                .iter()
                .map(|list| {
                    list.iter()
                        .take(RELATED_PER_PASSAGE)
                        .map(|r| related_record(analysis, r))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    ArticleRecord {
        id: &a.id,
        path: &a.path,
        format: a.format,
        title: &a.title,
        section: a.section.as_deref(),
        source: a.source.as_deref(),
        published: a.published,
        not_before: an.not_before,
        url: a.url.as_deref(),
        lossy: a.lossy,
        body: &a.body,
        paragraphs: &a.paragraphs,
        sentences: &a.sentences,
        entities: &an.entities,
        events: &an.events,
        dates: &an.dates,
        related,
    }
}

fn related_record<'a>(analysis: &'a Analysis, r: &'a Related) -> RelatedRecord<'a> {
    RelatedRecord {
        article: article_id(analysis, r.article),
        passage: r.passage,
        score: r.score,
        shared_entities: &r.shared_entities,
        shared_kinds: &r.shared_kinds,
    }
}

fn timeline_record<'a>(analysis: &'a Analysis, item: &'a TimelineItem) -> TimelineRecord<'a> {
    TimelineRecord {
        date: item.date,
        kind: item.kind,
        status: item.status,
        severity: item.severity,
        actors: &item.actors,
        targets: &item.targets,
        sources: &item.sources,
        occurrences: item
            .occurrences
            .iter()
            .map(|o| OccurrenceRecord {
                article: article_id(analysis, o.article),
                event: o.event,
            })
            .collect(),
    }
}

fn corpus_record(analysis: &Analysis) -> CorpusRecord<'_> {
    CorpusRecord {
        timeline: analysis
            .timeline
            .iter()
            .map(|t| timeline_record(analysis, t))
            .collect(),
        entities: analysis
            .entities
            .iter()
            .map(|e| EntityRecord {
                name: &e.name,
                kind: e.kind,
                linked: e.linked,
                parent: e.parent.as_deref(),
                count: e.count,
                articles: e
                    .articles
                    .iter()
                    .map(|&i| article_id(analysis, i))
                    .collect(),
            })
            .collect(),
    }
}

/// Writes one pretty JSON document: `{"articles": [...], "timeline": [...], "entities": [...]}`.
pub fn write_json(analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    let doc = Document {
        articles: (0..analysis.articles.len())
            .map(|i| article_record(analysis, i))
            .collect(),
        corpus: corpus_record(analysis),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Writes one line per article, then one line `{"timeline": [...], "entities": [...]}`.
pub fn write_jsonl(analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    for i in 0..analysis.articles.len() {
        serde_json::to_writer(&mut *out, &article_record(analysis, i))?;
        writeln!(out)?;
    }
    serde_json::to_writer(&mut *out, &corpus_record(analysis))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Vocab, analyze};
    use crate::corpus::article_from_text;

    fn sample() -> Analysis {
        let a = article_from_text("a1", "Title", "First paragraph.\n\nSecond one here.", None);
        analyze(vec![a], &Vocab::builtin().unwrap())
    }

    #[test]
    fn json_document_has_the_schema_fields() {
        let mut out = Vec::new();
        write_json(&sample(), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let art = &v["articles"][0];
        for key in [
            "id",
            "title",
            "section",
            "source",
            "published",
            "body",
            "entities",
            "events",
            "dates",
        ] {
            assert!(art.get(key).is_some(), "missing {key}");
        }
        assert_eq!(art["paragraphs"][1], serde_json::json!([18, 34]));
        assert!(v["timeline"].is_array() && v["entities"].is_array());
    }

    #[test]
    fn jsonl_is_one_article_per_line_then_the_corpus_line() {
        let mut out = Vec::new();
        write_jsonl(&sample(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["id"], "a1");
        let last: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert!(last.get("timeline").is_some() && last.get("entities").is_some());
    }
}
