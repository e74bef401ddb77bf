//! JSON: the [`Briefing`] data as is (the chart as numbers), for scripts and diffs.

use super::model::Briefing;
use serde_json::{Value, json};

/// The briefing as a JSON value.
pub fn to_json(b: &Briefing) -> Value {
    serde_json::to_value(b).unwrap_or_else(|e| json!({"title": b.title, "error": e.to_string()}))
}
