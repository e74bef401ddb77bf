//! An article's related passages as compact JSON, written straight into the article's buffer as
//! the queries find them (nothing is allocated per result): the bytes serde_json gives for
//! [`super::ArticleRelated`] (the test below holds the two together), without a serialiser
//! call per key and per value. Related passages are most of
//! the records of an extract (about five per paragraph), so their keys, article ids, entity
//! names and event kinds are escaped once, not at every record.

use super::{RELATED_PER_PASSAGE, Source};
use crate::analysis::EventKind;
use crate::analysis::packed::PackedStrs;
use crate::analysis::related::{RelatedView, for_each_related};

/// What the records repeat, as JSON: each article's id, each entity's name, each event kind.
pub(super) struct Escaped {
    /// Article `i`'s id as a JSON string, quotes included.
    ids: PackedStrs,
    /// The related index's entity `e` as a JSON string, quotes included.
    names: PackedStrs,
    /// `EventKind::ALL[k]` as a JSON string (`ALL` is in declaration order, so `k` is the
    /// kind's discriminant).
    kinds: Vec<String>,
}

impl Escaped {
    pub fn new<'s>(
        ids: impl Iterator<Item = &'s str>,
        names: impl Iterator<Item = &'s str>,
    ) -> serde_json::Result<Self> {
        let (ids, names) = (quoted(ids)?, quoted(names)?);
        let kinds = EventKind::ALL
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        Ok(Self { ids, names, kinds })
    }

    fn kind(&self, kind: EventKind) -> &str {
        self.kinds.get(kind as usize).map_or("null", String::as_str)
    }
}

/// Each string as JSON, quotes included, laid end to end.
fn quoted<'s>(items: impl Iterator<Item = &'s str>) -> serde_json::Result<PackedStrs> {
    let items = items
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PackedStrs::new(items.iter().map(String::as_str)))
}

/// Appends the related passages of every paragraph of `article` to `buf`: an array per
/// paragraph, each of up to [`RELATED_PER_PASSAGE`] records, found as they are written.
pub(super) fn write_related(
    buf: &mut Vec<u8>,
    source: &Source,
    escaped: &Escaped,
    article: usize,
) -> serde_json::Result<()> {
    let analysis = source.analysis;
    let paragraphs = analysis.articles[article].paragraphs.len();
    buf.push(b'[');
    for p in 0..paragraphs {
        if p > 0 {
            buf.push(b',');
        }
        buf.push(b'[');
        let (mut first, mut written) = (true, Ok(()));
        for_each_related(&analysis.related, article, p, RELATED_PER_PASSAGE, |r| {
            if written.is_ok() {
                if !first {
                    buf.push(b',');
                }
                first = false;
                written = write_record(buf, escaped, r);
            }
        });
        written?;
        buf.push(b']');
    }
    buf.push(b']');
    Ok(())
}

/// One related passage: the fields of [`super::RelatedRecord`], in its order.
fn write_record(buf: &mut Vec<u8>, escaped: &Escaped, r: &RelatedView) -> serde_json::Result<()> {
    buf.extend_from_slice(b"{\"article\":");
    buf.extend_from_slice(escaped.ids.get(r.article).as_bytes());
    buf.extend_from_slice(b",\"passage\":");
    serde_json::to_writer(&mut *buf, &r.passage)?;
    buf.extend_from_slice(b",\"score\":");
    serde_json::to_writer(&mut *buf, &r.score)?;
    buf.extend_from_slice(b",\"shared_entities\":[");
    for (k, e) in r.shared_entity_ids().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(escaped.names.get(e).as_bytes());
    }
    buf.extend_from_slice(b"],\"shared_kinds\":[");
    for (k, kind) in r.shared_kinds().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(escaped.kind(kind).as_bytes());
    }
    buf.extend_from_slice(b"]}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Vocab, analyze};
    use crate::corpus::article_from_text;
    use crate::extract::ArticleRelated;

    /// Articles sharing names and event kinds, with ids that JSON must escape.
    fn analysis() -> Analysis {
        let articles = (0..12)
            .map(|i| {
                let body = format!(
                    "Mali deployed troops near Kidal on 3 May 2024 (report {i}).\n\n\
                     Algeria closed its airspace to Malian aircraft after a drone strike.\n\n\
                     Nothing shared here."
                );
                let id = format!("a\"\\\u{1}é\u{2028}{i}");
                article_from_text(&id, &format!("Report {i}"), &body, None)
            })
            .collect();
        analyze(articles, &Vocab::builtin().unwrap())
    }

    #[test]
    fn every_event_kind_is_escaped_as_serde_json_writes_it() {
        let escaped = Escaped::new(std::iter::empty(), std::iter::empty()).unwrap();
        for &kind in EventKind::ALL {
            assert_eq!(escaped.kind(kind), serde_json::to_string(&kind).unwrap());
        }
    }

    #[test]
    fn every_id_and_name_is_escaped_as_serde_json_writes_it() {
        let strings = [
            "Mali",
            "",
            "a\"b\\c",
            "tab\there\u{1}",
            "Tamanrasset\u{2028}é",
        ];
        let escaped = Escaped::new(strings.iter().copied(), strings.iter().rev().copied()).unwrap();
        for (i, s) in strings.iter().enumerate() {
            assert_eq!(escaped.ids.get(i), serde_json::to_string(s).unwrap());
            let name = strings[strings.len() - 1 - i];
            assert_eq!(escaped.names.get(i), serde_json::to_string(name).unwrap());
        }
    }

    #[test]
    fn the_related_passages_are_serde_json_s_own_bytes() {
        let an = analysis();
        let source = Source::new(&an);
        let ids = (0..an.articles.len()).map(|i| source.id(i));
        let escaped = Escaped::new(ids, an.related.entity_names()).unwrap();
        let mut records = 0;
        for article in 0..an.articles.len() {
            let mut got = Vec::new();
            write_related(&mut got, &source, &escaped, article).unwrap();
            let want = serde_json::to_vec(&ArticleRelated {
                source: &source,
                article,
            })
            .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&want).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
            records += v
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_array().map_or(0, Vec::len))
                .sum::<usize>();
        }
        assert!(records > 0, "no related passage to compare");
    }
}
