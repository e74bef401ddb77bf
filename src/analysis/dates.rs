//! Temporal expressions: detection, then resolution against the publication date. STUB.

use super::model::DateMention;
use crate::corpus::Article;
use crate::date::DateValue;
use anyhow::Result;

/// Month names and relative words, from `assets/`.
#[derive(Default)]
pub struct DateVocab {}

impl DateVocab {
    pub fn builtin() -> Result<Self> {
        Ok(Self::default())
    }
}

/// Every date expression in the article, normalised.
pub fn find_dates(article: &Article, vocab: &DateVocab) -> Vec<DateMention> {
    let _ = (article, vocab);
    Vec::new()
}

/// The latest date mentioned (the "not before" date of an undated article).
pub fn latest_date(dates: &[DateMention]) -> Option<DateValue> {
    dates
        .iter()
        .flat_map(|d| d.until.or(d.value))
        .max_by_key(|d| d.last_day())
}
