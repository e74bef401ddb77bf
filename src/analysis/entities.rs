//! Entity mentions: gazetteer matches plus capitalised names the gazetteer lacks. STUB.

use super::gazetteer::Gazetteer;
use super::model::FoundMention;
use crate::corpus::Article;

/// Every entity mention in the article body.
pub fn find_entities(article: &Article, gazetteer: &Gazetteer) -> Vec<FoundMention> {
    let _ = (article, gazetteer);
    Vec::new()
}
