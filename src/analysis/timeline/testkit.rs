//! Hand-built articles and analyses for the tests of the corpus-wide views (timeline, related
//! passages), independent of the extraction stages.

use crate::analysis::model::{
    ArticleAnalysis, ArticleEntity, EntityKind, Event, EventKind, Mention, Status,
};
use crate::corpus::{Article, Span, article_from_text};
use crate::date::DateValue;

/// One article and the analysis a test wants it to have.
pub struct Doc {
    pub article: Article,
    pub analysis: ArticleAnalysis,
}

impl Doc {
    /// An article with paragraphs separated by blank lines and no analysis yet.
    pub fn new(id: &str, body: &str) -> Self {
        Self {
            article: article_from_text(id, id, body, None),
            analysis: ArticleAnalysis::default(),
        }
    }

    pub fn source(mut self, source: &str) -> Self {
        self.article.source = Some(source.to_string());
        self
    }

    /// Every occurrence of `surface` in the body becomes a mention of the entity `name`.
    pub fn entity(mut self, name: &str, kind: EntityKind, surface: &str) -> Self {
        let spans: Vec<Span> = self
            .article
            .body
            .match_indices(surface)
            .map(|(i, s)| Span::new(i, i + s.len()))
            .collect();
        assert!(!spans.is_empty(), "`{surface}` is not in the body");
        let index = self.analysis.entities.len();
        for &span in &spans {
            self.analysis.mentions.push(Mention {
                span,
                entity: index as u32,
            });
        }
        self.analysis
            .mentions
            .sort_by_key(|m| (m.span.start(), m.span.end()));
        self.analysis.entities.push(ArticleEntity {
            name: name.into(),
            kind,
            linked: true,
            parent: None,
            count: spans.len() as u32,
        });
        self
    }

    pub fn event(mut self, event: Event) -> Self {
        self.analysis.events.push(event);
        self
    }
}

/// An event of `kind` and `status`; `date` in ISO form. Sentence and paragraph 0, severity -5.
pub fn event(
    kind: EventKind,
    status: Status,
    date: Option<&str>,
    actors: &[&str],
    targets: &[&str],
) -> Event {
    Event {
        kind,
        status,
        date: date.and_then(DateValue::parse_iso),
        span: Span::default(),
        trigger: Span::default(),
        actors: actors.iter().map(|s| (*s).into()).collect(),
        targets: targets.iter().map(|s| (*s).into()).collect(),
        severity: -5.0,
        sentence: 0,
        paragraph: 0,
    }
}

/// The same event reported in another sentence and paragraph.
pub fn at(mut e: Event, sentence: usize, paragraph: usize) -> Event {
    e.sentence = sentence as u32;
    e.paragraph = paragraph as u32;
    e
}

/// The articles and analyses of `docs`, in order.
pub fn corpus(docs: Vec<Doc>) -> (Vec<Article>, Vec<ArticleAnalysis>) {
    docs.into_iter().map(|d| (d.article, d.analysis)).unzip()
}
