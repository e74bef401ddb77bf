//! The JSON view: `sitrep extract` prints the analysis in the schema of the evaluation kit, plus
//! the corpus timeline, entity counts and related passages.

use crate::analysis::{Analysis, Related, TimelineItem};
use serde_json::{Value, json};
use std::io::{self, Write};

/// How many related passages each passage lists.
pub const RELATED_PER_PASSAGE: usize = 5;

/// One article's record.
pub fn article_json(analysis: &Analysis, index: usize) -> Value {
    let a = &analysis.articles[index];
    let an = &analysis.analyses[index];
    let related: Vec<Value> = analysis
        .related
        .get(index)
        .map(|per_passage| {
            per_passage
                .iter()
                .map(|list| {
                    Value::Array(
                        list.iter()
                            .take(RELATED_PER_PASSAGE)
                            .map(|r| related_json(analysis, r))
                            .collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "id": a.id,
        "path": a.path,
        "format": a.format,
        "title": a.title,
        "section": a.section,
        "source": a.source,
        "published": a.published,
        "not_before": an.not_before,
        "url": a.url,
        "lossy": a.lossy,
        "body": a.body,
        "paragraphs": a.paragraphs,
        "sentences": a.sentences,
        "entities": an.entities,
        "events": an.events,
        "dates": an.dates,
        "related": related,
    })
}

fn related_json(analysis: &Analysis, r: &Related) -> Value {
    json!({
        "article": analysis.articles[r.article].id,
        "passage": r.passage,
        "score": r.score,
        "shared_entities": r.shared_entities,
        "shared_kinds": r.shared_kinds,
    })
}

fn timeline_json(analysis: &Analysis, item: &TimelineItem) -> Value {
    let occurrences: Vec<Value> = item
        .occurrences
        .iter()
        .map(|o| json!({"article": analysis.articles[o.article].id, "event": o.event}))
        .collect();
    json!({
        "date": item.date,
        "kind": item.kind,
        "status": item.status,
        "severity": item.severity,
        "actors": item.actors,
        "targets": item.targets,
        "sources": item.sources,
        "occurrences": occurrences,
    })
}

fn corpus_json(analysis: &Analysis) -> (Value, Value) {
    let timeline = analysis
        .timeline
        .iter()
        .map(|t| timeline_json(analysis, t))
        .collect();
    let entities = analysis
        .entities
        .iter()
        .map(|e| {
            let ids: Vec<&str> = e
                .articles
                .iter()
                .map(|&i| analysis.articles[i].id.as_str())
                .collect();
            json!({"name": e.name, "kind": e.kind, "linked": e.linked, "parent": e.parent,
                   "count": e.count, "articles": ids})
        })
        .collect();
    (Value::Array(timeline), Value::Array(entities))
}

/// The whole extraction as one JSON document.
pub fn to_json(analysis: &Analysis) -> Value {
    let articles: Vec<Value> = (0..analysis.articles.len())
        .map(|i| article_json(analysis, i))
        .collect();
    let (timeline, entities) = corpus_json(analysis);
    json!({"articles": articles, "timeline": timeline, "entities": entities})
}

/// Writes one pretty JSON document.
pub fn write_json(analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(analysis))?;
    writeln!(out)
}

/// Writes one line per article, then one line `{"timeline": [...], "entities": [...]}`.
pub fn write_jsonl(analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    for i in 0..analysis.articles.len() {
        serde_json::to_writer(&mut *out, &article_json(analysis, i))?;
        writeln!(out)?;
    }
    let (timeline, entities) = corpus_json(analysis);
    serde_json::to_writer(
        &mut *out,
        &json!({"timeline": timeline, "entities": entities}),
    )?;
    writeln!(out)
}
