//! The corpus timeline: events ordered by date, merged across sources that report the same thing. STUB.

use super::model::{ArticleAnalysis, TimelineItem};
use crate::corpus::Article;

pub fn build_timeline(articles: &[Article], analyses: &[ArticleAnalysis]) -> Vec<TimelineItem> {
    let _ = (articles, analyses);
    Vec::new()
}
