//! Articles in, an immutable [`Analysis`] out: entities, dates, escalation events, the corpus
//! timeline and related passages. Matchers are built once per run ([`Vocab`]) and articles are
//! analysed in parallel.

pub mod buckets;
pub mod budget;
pub mod dates;
pub mod entities;
pub mod entity_match;
pub mod events;
pub mod gazetteer;
pub mod model;
pub mod packed;
pub mod related;
pub mod timeline;

pub use model::*;

use crate::corpus::Article;
use crate::corpus::sanitize::display_path;
use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

/// Every vocabulary the analysis needs, compiled once.
pub struct Vocab {
    pub gazetteer: gazetteer::Gazetteer,
    pub dates: dates::DateVocab,
    pub events: events::EventLexicon,
    pub related: related::RelatedConfig,
}

/// The user vocabulary files a folder may hold, and how each acts on the built-in one.
pub const USER_VOCAB_FILES: &[(&str, &str)] = &[
    (
        "gazetteer.toml",
        "entries added to the built-in gazetteer, or replacing those of the same name",
    ),
    (
        "events.toml",
        "laid over the built-in event lexicon: a [[kind]] replaces that kind, other sections replace theirs",
    ),
    (
        "dates.toml",
        "replaces the built-in date vocabulary (month names, relative words)",
    ),
    (
        "related.toml",
        "keys replacing those of the built-in related-passage weights",
    ),
];

impl Vocab {
    /// The vocabularies embedded in the binary.
    pub fn builtin() -> Result<Self> {
        Ok(Self {
            gazetteer: gazetteer::Gazetteer::builtin()?,
            dates: dates::DateVocab::builtin()?,
            events: events::EventLexicon::builtin()?,
            related: related::RelatedConfig::builtin()?,
        })
    }

    /// The embedded vocabularies, with the entries of a user gazetteer file added or replacing.
    pub fn with_gazetteer_file(path: Option<&Path>) -> Result<Self> {
        Self::with_user_files(None, path)
    }

    /// The embedded vocabularies with the user's files laid over them: those of
    /// [`USER_VOCAB_FILES`] found in `dir`, then the gazetteer file `gazetteer` if given.
    pub fn with_user_files(dir: Option<&Path>, gazetteer: Option<&Path>) -> Result<Self> {
        let mut vocab = Self::builtin()?;
        let in_dir = |name: &str| dir.map(|d| d.join(name)).filter(|p| p.is_file());
        if let Some(path) = in_dir("gazetteer.toml") {
            vocab.add_gazetteer(&path)?;
        }
        if let Some(path) = in_dir("events.toml") {
            let text = read(&path, "event lexicon")?;
            vocab.events = events::EventLexicon::from_toml_str(&text)
                .with_context(|| format!("invalid event lexicon {}", display_path(&path)))?;
        }
        if let Some(path) = in_dir("dates.toml") {
            vocab.dates = dates::DateVocab::from_file(&path)?;
        }
        if let Some(path) = in_dir("related.toml") {
            vocab.related = related::RelatedConfig::from_file(&path)?;
        }
        if let Some(path) = gazetteer {
            vocab.add_gazetteer(path)?;
        }
        Ok(vocab)
    }

    fn add_gazetteer(&mut self, path: &Path) -> Result<()> {
        let text = read(path, "gazetteer")?;
        let extra = gazetteer::Gazetteer::from_toml_str(&text)
            .with_context(|| format!("invalid gazetteer {}", display_path(path)))?;
        self.gazetteer.merge(extra)
    }
}

fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {what} {}", display_path(path)))
}

/// Analyses one article: entities, dates, then events that use both.
pub fn analyze_article(article: &Article, vocab: &Vocab) -> ArticleAnalysis {
    let found = entities::find_entities(article, &vocab.gazetteer);
    let (entities, mentions) = group_mentions(found);
    let dates = dates::find_dates(article, &vocab.dates);
    let events = events::detect_events(article, &entities, &mentions, &dates, &vocab.events);
    let not_before = match article.published {
        Some(_) => None,
        None => dates::latest_date(&dates),
    };
    let mut analysis = ArticleAnalysis {
        entities,
        mentions,
        events,
        dates,
        not_before,
    };
    shrink(&mut analysis);
    analysis
}

/// Drops the spare capacity the lists grew with: an analysis is kept for the whole run, and on
/// a large corpus that slack is a sizeable share of the memory.
fn shrink(a: &mut ArticleAnalysis) {
    a.entities.shrink_to_fit();
    a.mentions.shrink_to_fit();
    a.events.shrink_to_fit();
    a.dates.shrink_to_fit();
}

/// Analyses a whole corpus: articles in parallel, then the corpus-wide views.
pub fn analyze(articles: Vec<Article>, vocab: &Vocab) -> Analysis {
    analyze_shared(articles.into(), vocab)
}

/// [`analyze`] for articles that someone else is reading meanwhile (the reader lists them
/// while they are analysed).
pub fn analyze_shared(articles: Arc<[Article]>, vocab: &Vocab) -> Analysis {
    let analyses = analyze_articles(&articles, vocab);
    let aliases = entity_match::AliasTable::from_gazetteer(&vocab.gazetteer);
    corpus_views(articles, analyses, &vocab.related, aliases)
}

/// [`analyze_shared`] for a caller done with the vocabularies: they are dropped once every
/// article is analysed, before the corpus views are built. Their automata are megabytes that
/// the views never read, and the views are where the memory of an analysis peaks.
pub fn analyze_releasing_vocab(articles: Arc<[Article]>, vocab: Vocab) -> Analysis {
    let analyses = analyze_articles(&articles, &vocab);
    let related = vocab.related.clone();
    // The entity filters' spellings outlive the gazetteer: a table of a few thousand names.
    let aliases = entity_match::AliasTable::from_gazetteer(&vocab.gazetteer);
    drop(vocab);
    corpus_views(articles, analyses, &related, aliases)
}

/// Every article's own analysis, in parallel.
fn analyze_articles(articles: &[Article], vocab: &Vocab) -> Vec<ArticleAnalysis> {
    articles
        .par_iter()
        .map(|a| analyze_article(a, vocab))
        .collect()
}

/// The corpus-wide views over the articles' analyses: timeline, related index, entity table.
fn corpus_views(
    articles: Arc<[Article]>,
    analyses: Vec<ArticleAnalysis>,
    related: &related::RelatedConfig,
    aliases: entity_match::AliasTable,
) -> Analysis {
    // The timeline groups its parts in parallel but mostly waits on its largest one: the related
    // index and the entity table are built beside it.
    let (timeline, (related, entities)) = rayon::join(
        || timeline::build_timeline(&articles, &analyses),
        || {
            (
                related::RelatedIndex::build(&articles, &analyses, related),
                corpus_entities(&analyses),
            )
        },
    );
    Analysis {
        articles,
        analyses,
        entities,
        timeline,
        related,
        aliases,
    }
}

/// Groups found mentions by (name, kind) into entities, first-seen order, and a sorted flat list.
fn group_mentions(mut found: Vec<FoundMention>) -> (Vec<ArticleEntity>, Vec<Mention>) {
    found.sort_by_key(|m| (m.span.start(), m.span.end()));
    let mut index: HashMap<(&str, EntityKind), usize> = HashMap::default();
    let mut entities: Vec<ArticleEntity> = Vec::new();
    let mut mentions = Vec::with_capacity(found.len());
    for m in &found {
        let i = *index.entry((&*m.name, m.kind)).or_insert_with(|| {
            entities.push(ArticleEntity {
                name: m.name.clone(),
                kind: m.kind,
                linked: m.linked,
                parent: m.parent.clone(),
                count: 0,
            });
            entities.len() - 1
        });
        entities[i].count += 1;
        mentions.push(Mention {
            span: m.span,
            entity: i as u32,
        });
    }
    (entities, mentions)
}

/// Corpus-wide entity table, most mentioned first, then by name.
pub fn corpus_entities(analyses: &[ArticleAnalysis]) -> Vec<CorpusEntity> {
    let mut index: HashMap<(&str, EntityKind), usize> = HashMap::default();
    let mut out: Vec<CorpusEntity> = Vec::new();
    for (ai, a) in analyses.iter().enumerate() {
        for e in &a.entities {
            let i = *index.entry((&*e.name, e.kind)).or_insert_with(|| {
                out.push(CorpusEntity {
                    name: e.name.clone(),
                    kind: e.kind,
                    linked: e.linked,
                    parent: e.parent.clone(),
                    count: 0,
                    articles: Vec::new(),
                });
                out.len() - 1
            });
            out[i].count += e.count as usize;
            let ai = ai as u32;
            if out[i].articles.last() != Some(&ai) {
                out[i].articles.push(ai);
            }
        }
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(analysis: &Analysis) -> Vec<u8> {
        let mut out = Vec::new();
        crate::extract::write_json(analysis, &mut out, false).unwrap();
        out
    }

    #[test]
    fn releasing_the_vocabularies_early_changes_nothing_found() {
        let articles = crate::corpus::load_seeds().articles;
        let kept = analyze(articles.clone(), &Vocab::builtin().unwrap());
        let released = analyze_releasing_vocab(articles.into(), Vocab::builtin().unwrap());
        assert!(!kept.timeline.is_empty() && !kept.entities.is_empty());
        assert_eq!(json(&kept), json(&released));
    }
}
