//! Related passages: for each paragraph, the paragraphs of other articles that share its entities
//! and event kinds, ranked by what they share.
//!
//! Score (weights in `assets/related.toml`): BM25 of the passage's words (lowercased, stop words
//! dropped) in the candidate, over the best value it could reach; plus the idf of the shared
//! entities over the idf of the passage's entities, so "Mali" in a Mali corpus counts less than
//! "Pantsir S-1"; plus the same for event kinds. A candidate must share an entity or an event kind
//! and score above 0; each result lists what is shared (entities most specific first).
//!
//! Design: a [`RelatedIndex`] is built once per corpus (words as ids with their frequency in each
//! passage and one idf each, entity → passages and kind → passages postings); no pair of
//! passages is ever compared blindly. Candidates come from the postings of the passage's
//! entities and kinds, rarest first and bounded, and very common ones only bring the passages
//! nearest in corpus order. While postings
//! are read each candidate gathers its entity and kind shares (common entities through a dense
//! 64-bit mask per passage), so candidates are ranked exactly on entities and kinds without
//! touching them; only the best `rerank` (ties: nearest in corpus order) are then scored in full,
//! words included. Words therefore reorder the best candidates by entities and kinds, they never
//! bring a candidate in: a passage must share an entity or a kind anyway.
//!
//! The [`crate::analysis::Analysis`] keeps the index, not the results: [`related_for`] answers
//! one passage on demand (the reader asks for the passage under the cursor, the extract view for
//! each passage as it writes it), so no corpus-wide table of results is ever held in memory.
//! [`build_related_with`] computes every passage at once, for tests and benchmarks.

mod candidates;
pub mod config;
mod flat;
mod index;
mod query;
mod scratch;
mod terms;
#[cfg(test)]
mod tests;
mod words;

pub use config::RelatedConfig;
pub use index::RelatedIndex;
pub use query::{RelatedView, for_each_related, related_for, related_refs_for};

use super::model::{ArticleAnalysis, Related};
use crate::corpus::Article;
use rayon::prelude::*;

/// `related[article][paragraph]`, best first, with the embedded configuration.
pub fn build_related(articles: &[Article], analyses: &[ArticleAnalysis]) -> Vec<Vec<Vec<Related>>> {
    match RelatedConfig::builtin() {
        Ok(config) => build_related_with(articles, analyses, &config),
        // The embedded file is checked by a test; never fail the whole analysis over it.
        Err(_) => articles
            .iter()
            .map(|a| vec![Vec::new(); a.paragraphs.len()])
            .collect(),
    }
}

/// `related[article][paragraph]`, best first, keeping `config.limits.keep` per passage: every
/// passage of the corpus at once, in parallel (one task per article).
pub fn build_related_with(
    articles: &[Article],
    analyses: &[ArticleAnalysis],
    config: &RelatedConfig,
) -> Vec<Vec<Vec<Related>>> {
    let index = RelatedIndex::build(articles, analyses, config);
    let keep = config.limits.keep;
    articles
        .par_iter()
        .enumerate()
        .map(|(a, article)| {
            (0..article.paragraphs.len())
                .map(|p| related_for(&index, a, p, keep))
                .collect()
        })
        .collect()
}
