//! The JSON view: `sitrep extract` prints the analysis in the schema of the evaluation kit, plus
//! the corpus timeline, entity counts and related passages. Records borrow from the analysis and
//! are streamed straight to the writer: no intermediate JSON tree, no copied bodies. Compact
//! output is written in batches of articles serialised in parallel (each with its related
//! passages, found as they are written, by `related.rs` without a serialiser), then the
//! timeline in chunks serialised in parallel the same way, so neither the whole document nor a
//! table of every passage's related passages is ever held in memory; `--pretty` output is
//! written in order, by serde alone.

use crate::analysis::Name;
use crate::analysis::packed::PackedStrs;
use crate::analysis::related::related_refs_for;
use crate::analysis::{
    Analysis, ArticleAnalysis, CorpusEntity, DateMention, EntityKind, Event, EventKind, RelatedRef,
    Status, TimelineItem,
};
use crate::corpus::{Format, Span};
use crate::date::DateValue;
use rayon::prelude::*;
use serde::{Serialize, Serializer, ser::SerializeSeq};
use std::io::{self, Write};
use std::ops::Range;

mod related;

/// How many related passages each passage lists.
pub const RELATED_PER_PASSAGE: usize = 5;

/// What the records are made from: the analysis, and its articles' ids laid end to end. Related
/// passages, timeline occurrences and entities name articles by id, at random over the corpus:
/// read from one string the ids lie a few cache lines apart, where each article's own id sits
/// in an allocation of its own somewhere in a heap the size of the analysis.
pub struct Source<'a> {
    analysis: &'a Analysis,
    ids: PackedStrs,
}

impl<'a> Source<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        Self {
            analysis,
            ids: PackedStrs::new(analysis.articles.iter().map(|a| a.id.as_str())),
        }
    }

    /// The id of article `index`.
    fn id(&self, index: usize) -> &str {
        self.ids.get(index)
    }
}

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
    entities: ArticleEntities<'a>,
    events: &'a [Event],
    dates: &'a [DateMention],
    /// Left out by the compact writers, which write the related passages themselves
    /// (`related.rs`) after the rest of the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<ArticleRelated<'a>>,
}

/// An article's entities, each with the spans of its mentions, gathered from the article's flat
/// list of mentions as the record is written.
pub struct ArticleEntities<'a>(&'a ArticleAnalysis);

#[derive(Serialize)]
struct ArticleEntityRecord<'a> {
    name: &'a str,
    kind: EntityKind,
    linked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    mentions: &'a [Span],
}

impl Serialize for ArticleEntities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let groups = a.mentions_by_entity();
        let records = a
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| ArticleEntityRecord {
                name: &e.name,
                kind: e.kind,
                linked: e.linked,
                parent: e.parent.as_deref(),
                mentions: groups.of(i),
            });
        serializer.collect_seq(records)
    }
}

/// The related passages of each paragraph of an article, found as they are written: one
/// paragraph's results are alive at a time, and no list of records is built first.
pub struct ArticleRelated<'a> {
    source: &'a Source<'a>,
    article: usize,
}

impl Serialize for ArticleRelated<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (source, article) = (self.source, self.article);
        let analysis = source.analysis;
        let paragraphs = analysis.articles[article].paragraphs.len();
        let mut seq = serializer.serialize_seq(Some(paragraphs))?;
        for p in 0..paragraphs {
            let found = related_refs_for(&analysis.related, article, p, RELATED_PER_PASSAGE);
            seq.serialize_element(&RelatedList(source, found))?;
        }
        seq.end()
    }
}

/// One paragraph's related passages, as records.
struct RelatedList<'a>(&'a Source<'a>, Vec<RelatedRef<'a>>);

impl Serialize for RelatedList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|r| related_record(self.0, r)))
    }
}

#[derive(Serialize)]
struct RelatedRecord<'a> {
    article: &'a str,
    passage: usize,
    score: f32,
    shared_entities: &'a [&'a str],
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
    actors: &'a [Name],
    targets: &'a [Name],
    sources: &'a [Name],
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
    timeline: Timeline<'a>,
    entities: Entities<'a>,
}

/// The corpus timeline, each item's record made as the serialiser asks for it.
struct Timeline<'a>(&'a Source<'a>);

impl Serialize for Timeline<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let timeline = &self.0.analysis.timeline;
        serializer.collect_seq(timeline.iter().map(|t| timeline_record(self.0, t)))
    }
}

/// The corpus entity table, each entity's record made as the serialiser asks for it.
struct Entities<'a>(&'a Source<'a>);

impl Serialize for Entities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entities = &self.0.analysis.entities;
        serializer.collect_seq(entities.iter().map(|e| entity_record(self.0, e)))
    }
}

fn entity_record<'a>(source: &'a Source<'a>, e: &'a CorpusEntity) -> EntityRecord<'a> {
    EntityRecord {
        name: &e.name,
        kind: e.kind,
        linked: e.linked,
        parent: e.parent.as_deref(),
        count: e.count,
        articles: e.articles.iter().map(|&i| source.id(i as usize)).collect(),
    }
}

/// Every article's record, made one at a time as the serialiser asks for it.
struct Articles<'a>(&'a Source<'a>);

impl Serialize for Articles<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.0.analysis.articles.len();
        let mut seq = serializer.serialize_seq(Some(n))?;
        for i in 0..n {
            seq.serialize_element(&article_record(self.0, i))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Document<'a> {
    articles: Articles<'a>,
    #[serde(flatten)]
    corpus: CorpusRecord<'a>,
}

/// Articles serialised together in parallel before being written in order: enough to keep
/// both cores busy, few enough that the batch's bytes stay a small part of the corpus.
const BATCH: usize = 64;

/// One article's record, borrowing from the analysis; its related passages are found as it is
/// written.
pub fn article_record<'a>(source: &'a Source<'a>, index: usize) -> ArticleRecord<'a> {
    let analysis = source.analysis;
    let a = &analysis.articles[index];
    let an = &analysis.analyses[index];
    let related = ArticleRelated {
        source,
        article: index,
    };
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
        entities: ArticleEntities(an),
        events: &an.events,
        dates: &an.dates,
        related: Some(related),
    }
}

fn related_record<'a>(source: &'a Source<'a>, r: &'a RelatedRef<'a>) -> RelatedRecord<'a> {
    RelatedRecord {
        article: source.id(r.article),
        passage: r.passage,
        score: r.score,
        shared_entities: &r.shared_entities,
        shared_kinds: &r.shared_kinds,
    }
}

fn timeline_record<'a>(source: &'a Source<'a>, item: &'a TimelineItem) -> TimelineRecord<'a> {
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
                article: source.id(o.article),
                event: o.event,
            })
            .collect(),
    }
}

fn corpus_record<'a>(source: &'a Source<'a>) -> CorpusRecord<'a> {
    CorpusRecord {
        timeline: Timeline(source),
        entities: Entities(source),
    }
}

/// Writes the articles' records in order (compact JSON), `between` between two of them and
/// `after` after each; the records of a batch are serialised in parallel, one buffer each.
fn write_articles(
    source: &Source,
    out: &mut impl Write,
    between: &[u8],
    after: &[u8],
) -> io::Result<()> {
    let layout = Layout {
        per_buffer: 1,
        buffers: BATCH,
        between,
        after,
    };
    let n = source.analysis.articles.len();
    let ids = (0..n).map(|i| source.id(i));
    let escaped = related::Escaped::new(ids, source.analysis.related.entity_names())?;
    write_parallel(
        out,
        n,
        &layout,
        |items| article_room(source.analysis, items.start),
        |buf, i| write_compact_article(buf, source, &escaped, i),
    )
}

/// Article `index`'s record as compact JSON: serde_json's bytes for [`ArticleRecord`], its
/// related passages (the last field) written by `related.rs`.
fn write_compact_article(
    buf: &mut Vec<u8>,
    source: &Source,
    escaped: &related::Escaped,
    index: usize,
) -> serde_json::Result<()> {
    let record = ArticleRecord {
        related: None,
        ..article_record(source, index)
    };
    serde_json::to_writer(&mut *buf, &record)?;
    // The record without its last field: everything but the closing brace stays.
    if buf.last() == Some(&b'}') {
        buf.pop();
    }
    buf.extend_from_slice(b",\"related\":");
    related::write_related(buf, source, escaped, index)?;
    buf.push(b'}');
    Ok(())
}

/// Room for the compact JSON of article `index`, from its body: a record is several times its
/// body (spans, entities, events and related passages), and a buffer grown from empty would
/// copy itself a dozen times on the way.
fn article_room(analysis: &Analysis, index: usize) -> usize {
    let body = analysis.articles[index].body.len();
    body.saturating_mul(JSON_PER_BODY_BYTE).saturating_add(4096)
}

/// About how many bytes of JSON an article's record takes per byte of its body (7.2 on the
/// synthetic benchmark corpus, which has related passages for every paragraph).
const JSON_PER_BODY_BYTE: usize = 8;

/// Writes one JSON document: `{"articles": [...], "timeline": [...], "entities": [...]}`,
/// compact (one line) or indented.
pub fn write_json(analysis: &Analysis, out: &mut impl Write, pretty: bool) -> io::Result<()> {
    let source = Source::new(analysis);
    if pretty {
        let doc = Document {
            articles: Articles(&source),
            corpus: corpus_record(&source),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        return writeln!(out);
    }
    out.write_all(b"{\"articles\":[")?;
    write_articles(&source, out, b",", b"")?;
    out.write_all(b"],")?;
    write_corpus_fields(&source, out)?;
    out.write_all(b"}\n")
}

/// Writes one line per article, then one line `{"timeline": [...], "entities": [...]}`.
pub fn write_jsonl(analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    let source = Source::new(analysis);
    write_articles(&source, out, b"", b"\n")?;
    out.write_all(b"{")?;
    write_corpus_fields(&source, out)?;
    out.write_all(b"}\n")
}

/// `"timeline":[...],"entities":[...]`, compact: the fields of [`CorpusRecord`] in its order,
/// the timeline's items serialised in parallel chunks.
fn write_corpus_fields(source: &Source, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\"timeline\":")?;
    write_seq(out, &source.analysis.timeline, |buf, t| {
        serde_json::to_writer(buf, &timeline_record(source, t))
    })?;
    // Streamed on this thread: the most mentioned entities come first, each listing thousands
    // of articles, so chunks of entities would hold megabytes each.
    out.write_all(b",\"entities\":")?;
    serde_json::to_writer(&mut *out, &Entities(source))?;
    Ok(())
}

/// Items of a compact JSON array serialised together on one thread.
const SEQ_CHUNK: usize = 1024;

/// Chunks serialised in parallel before being written: enough to keep both cores busy, few
/// enough that their bytes (about 250 a timeline item) stay a few megabytes.
const SEQ_BATCH: usize = 8;

/// Room a chunk's buffer starts with, per item: one allocation, which for a full chunk is
/// large enough to be mapped apart and handed back whole when freed, instead of a buffer
/// growing inside the worker's heap.
const SEQ_BYTES_PER_ITEM: usize = 256;

/// Writes `items` as a compact JSON array, each written by `write_one` (compact too): the same
/// bytes as serde_json's sequence, serialised in parallel chunks.
fn write_seq<T: Sync>(
    out: &mut impl Write,
    items: &[T],
    write_one: impl Fn(&mut Vec<u8>, &T) -> serde_json::Result<()> + Sync,
) -> io::Result<()> {
    let layout = Layout {
        per_buffer: SEQ_CHUNK,
        buffers: SEQ_BATCH,
        between: b",",
        after: b"",
    };
    out.write_all(b"[")?;
    write_parallel(
        out,
        items.len(),
        &layout,
        |chunk| chunk.len() * SEQ_BYTES_PER_ITEM,
        |buf, i| write_one(buf, &items[i]),
    )?;
    out.write_all(b"]")
}

/// How [`write_parallel`] lays items out: how many share one buffer, how many buffers are
/// serialised at once, and the bytes between two items and after each.
struct Layout<'s> {
    per_buffer: usize,
    buffers: usize,
    between: &'s [u8],
    after: &'s [u8],
}

/// Writes items `0..n` in order, item `i` by `write_one`, laid out by `layout`: the buffers of a
/// batch are serialised in parallel, then written, so that only a batch's bytes are held. The
/// buffer of the items `r` starts with room for `room(r)` bytes.
fn write_parallel(
    out: &mut impl Write,
    n: usize,
    layout: &Layout,
    room: impl Fn(Range<usize>) -> usize + Sync,
    write_one: impl Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
) -> io::Result<()> {
    let per_buffer = layout.per_buffer.max(1);
    let per_batch = per_buffer * layout.buffers.max(1);
    for start in (0..n).step_by(per_batch) {
        let end = (start + per_batch).min(n);
        let buffers: Vec<Vec<u8>> = (0..(end - start).div_ceil(per_buffer))
            .into_par_iter()
            .map(|k| {
                let from = start + k * per_buffer;
                let items = from..(from + per_buffer).min(end);
                let mut buf = Vec::with_capacity(room(items.clone()));
                for i in items {
                    if i > from {
                        buf.extend_from_slice(layout.between);
                    }
                    write_one(&mut buf, i)?;
                    buf.extend_from_slice(layout.after);
                }
                Ok(buf)
            })
            .collect::<serde_json::Result<_>>()?;
        for (k, buf) in buffers.iter().enumerate() {
            if start + k > 0 {
                out.write_all(layout.between)?;
            }
            out.write_all(buf)?;
        }
    }
    Ok(())
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
    fn a_sequence_written_in_parallel_chunks_is_serde_json_s_own() {
        for n in [
            0,
            1,
            2,
            SEQ_CHUNK - 1,
            SEQ_CHUNK,
            SEQ_CHUNK + 1,
            SEQ_CHUNK * SEQ_BATCH + 3,
        ] {
            let items: Vec<(usize, String)> = (0..n).map(|i| (i, format!("e\"{i}"))).collect();
            let mut out = Vec::new();
            write_seq(&mut out, &items, |buf, item| {
                serde_json::to_writer(buf, item)
            })
            .unwrap();
            assert_eq!(out, serde_json::to_vec(&items).unwrap(), "{n} items");
        }
    }

    #[test]
    fn json_document_has_the_schema_fields() {
        let mut out = Vec::new();
        write_json(&sample(), &mut out, false).unwrap();
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
    fn each_entity_lists_the_spans_of_its_own_mentions() {
        let body =
            "Mali closed the border.\n\nAlgeria and Mali met in Algiers; Malian troops left.";
        let a = article_from_text("a1", "Title", body, None);
        let mut out = Vec::new();
        write_json(
            &analyze(vec![a], &Vocab::builtin().unwrap()),
            &mut out,
            false,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let entities = v["articles"][0]["entities"].as_array().unwrap();
        let spans = |name: &str| -> Vec<String> {
            let e = entities.iter().find(|e| e["name"] == name).expect(name);
            e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let (s, e) = (m[0].as_u64().unwrap(), m[1].as_u64().unwrap());
                    body[s as usize..e as usize].to_string()
                })
                .collect()
        };
        assert_eq!(spans("Mali"), ["Mali", "Mali"]);
        assert_eq!(spans("Algiers"), ["Algiers"]);
        assert_eq!(spans("Algeria"), ["Algeria"]);
    }

    /// More articles than a batch, sharing names so that related passages are found.
    fn many() -> Analysis {
        let articles = (0..BATCH + 7)
            .map(|i| {
                let body = format!(
                    "Mali deployed troops near Kidal on 3 May 2024 (report {i}).\n\n\
                     Algeria closed its airspace to Malian aircraft."
                );
                article_from_text(&format!("a{i}"), &format!("Report {i}"), &body, None)
            })
            .collect();
        analyze(articles, &Vocab::builtin().unwrap())
    }

    #[test]
    fn compact_pretty_and_jsonl_carry_the_same_records_in_order() {
        let an = many();
        let (mut compact, mut pretty, mut lines) = (Vec::new(), Vec::new(), Vec::new());
        write_json(&an, &mut compact, false).unwrap();
        write_json(&an, &mut pretty, true).unwrap();
        write_jsonl(&an, &mut lines).unwrap();
        assert_eq!(
            compact.iter().filter(|&&b| b == b'\n').count(),
            1,
            "one line"
        );
        let c: serde_json::Value = serde_json::from_slice(&compact).unwrap();
        let p: serde_json::Value = serde_json::from_slice(&pretty).unwrap();
        assert_eq!(c, p);
        let ids: Vec<&str> = c["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        let want: Vec<String> = (0..BATCH + 7).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, want);
        let related = &c["articles"][0]["related"][0];
        assert!(!related.as_array().unwrap().is_empty(), "related passages");
        assert!(related.as_array().unwrap().len() <= RELATED_PER_PASSAGE);
        let text = String::from_utf8(lines).unwrap();
        let rows: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), BATCH + 8);
        assert_eq!(rows[..BATCH + 7], c["articles"].as_array().unwrap()[..]);
        assert_eq!(rows[BATCH + 7]["timeline"], c["timeline"]);
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
