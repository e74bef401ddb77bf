//! Escalation events: trigger lexicon → kind, status, actors, targets, date and severity. STUB.

use super::model::{ArticleEntity, DateMention, Event, Mention};
use crate::corpus::Article;
use anyhow::Result;

/// Trigger words, status cues and severities, from `assets/`.
#[derive(Default)]
pub struct EventLexicon {}

impl EventLexicon {
    pub fn builtin() -> Result<Self> {
        Ok(Self::default())
    }
}

/// Every event the article's sentences report, foresee or propose.
pub fn detect_events(
    article: &Article,
    entities: &[ArticleEntity],
    mentions: &[Mention],
    dates: &[DateMention],
    lexicon: &EventLexicon,
) -> Vec<Event> {
    let _ = (article, entities, mentions, dates, lexicon);
    Vec::new()
}
