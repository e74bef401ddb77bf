//! Related passages: for each paragraph, the passages of other articles that share its entities and
//! event kinds. STUB.

use super::model::{ArticleAnalysis, Related};
use crate::corpus::Article;

/// `related[article][paragraph]`, best first.
pub fn build_related(articles: &[Article], analyses: &[ArticleAnalysis]) -> Vec<Vec<Vec<Related>>> {
    articles
        .iter()
        .zip(analyses)
        .map(|(a, _)| vec![Vec::new(); a.paragraphs.len()])
        .collect()
}
