//! What the notebook keeps, as plain data: read state, marks, notes, saved views and event
//! assessments. Each record carries its analyst and the time of its last change (UTC, ISO 8601
//! with milliseconds, so that text order is time order).

use super::anchor::{Anchor, hash_hex, text_hash};
use crate::analysis::{Event, EventKind};
use crate::corpus::Article;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A mark on a passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// Unique across notebooks, so that an import recognises a mark it already holds.
    pub uid: String,
    pub analyst: String,
    pub anchor: Anchor,
    /// What the analyst called it (may be empty).
    #[serde(default)]
    pub label: String,
    pub updated: String,
}

/// A note on a passage or on a whole article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub uid: String,
    pub analyst: String,
    pub anchor: Anchor,
    pub text: String,
    pub updated: String,
}

/// A filter and a sort under a name. The filter is the reader's own (kept as JSON, so that the
/// notebook need not change when the reader's filters do); the sort is its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    pub filter: serde_json::Value,
    pub sort: String,
}

/// An analyst's judgement of one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The event happened as read.
    Confirmed,
    /// A false flag: not an event (or not this one).
    Dismissed,
    /// The event happened, but its kind or sides were misread; `None` keeps what was read.
    Corrected {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<EventKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actors: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        targets: Option<Vec<String>>,
    },
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Dismissed => "dismissed",
            Verdict::Corrected { .. } => "corrected",
        }
    }
}

/// Which event an assessment is about: the event's span in its article, and the kind it was
/// read as (one sentence may hold events of several kinds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAnchor {
    pub anchor: Anchor,
    pub kind: EventKind,
}

impl EventAnchor {
    pub fn new(article: &Article, event: &Event) -> Self {
        Self {
            anchor: Anchor::span(article, event.span),
            kind: event.kind,
        }
    }

    /// The key one analyst's assessment of this event is stored under: a later assessment of the
    /// same event replaces the earlier one.
    pub fn key(&self) -> String {
        let quote = self
            .anchor
            .passage
            .as_ref()
            .map_or("", |p| p.quote.as_str());
        format!(
            "{}|{}|{}",
            self.anchor.article_id,
            self.kind.as_str(),
            hash_hex(text_hash(quote))
        )
    }
}

/// An assessment of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub analyst: String,
    pub event: EventAnchor,
    #[serde(flatten)]
    pub verdict: Verdict,
    #[serde(default)]
    pub comment: String,
    pub updated: String,
}

/// Which articles an analyst has read (or marked unread again), by id and by text hash: an
/// article renamed since it was read is still read.
#[derive(Clone, Debug, Default)]
pub struct ReadState {
    /// Article id -> (read, text hash when flagged).
    pub(super) by_id: HashMap<String, (bool, String)>,
}

impl ReadState {
    /// True when the analyst has read this article (and not marked it unread since).
    pub fn is_read(&self, article: &Article) -> bool {
        if let Some((read, _)) = self.by_id.get(&article.id) {
            return *read;
        }
        let hash = hash_hex(text_hash(&article.body));
        self.by_id.values().any(|(read, h)| *read && *h == hash)
    }

    /// [`ReadState::is_read`] of every article, in order. Texts are hashed only when some
    /// flagged id is missing from the corpus (an article renamed since), and then only those
    /// of articles without a flag of their own.
    pub fn flags(&self, articles: &[Article]) -> Vec<bool> {
        let present: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        let moved: HashMap<&str, bool> = self
            .by_id
            .iter()
            .filter(|(id, _)| !present.contains(id.as_str()))
            .map(|(_, (read, hash))| (hash.as_str(), *read))
            .collect();
        articles
            .iter()
            .map(|a| match self.by_id.get(&a.id) {
                Some((read, _)) => *read,
                None if moved.is_empty() => false,
                None => moved
                    .get(hash_hex(text_hash(&a.body)).as_str())
                    .copied()
                    .unwrap_or(false),
            })
            .collect()
    }

    /// Records a read flag just saved for `article`, as the notebook now holds it.
    pub fn set(&mut self, article: &Article, read: bool) {
        let hash = hash_hex(text_hash(&article.body));
        self.by_id.insert(article.id.clone(), (read, hash));
    }

    /// How many articles carry a read flag (read or unread again).
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}
