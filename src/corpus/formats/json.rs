//! `.json` (one article object or an array of them) and `.jsonl` (one object per line).
//! Fields: `id`, `title`, `body` (or `text`, `content`), `source`, `published` (or `date`),
//! `url`, `section`; unknown fields are ignored. A `.json` file that is a JSON Feed (its
//! `version` names jsonfeed.org) is read as a feed, one article per item.

use super::Item;
use crate::corpus::build::Draft;
use serde_json::{Map, Value};

/// Reads a `.json` file.
pub fn read_json(text: &str) -> Vec<Item> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let reason = format!(
                "invalid JSON at line {}, column {}: {}",
                e.line(),
                e.column(),
                error_text(&e)
            );
            return vec![Err((None, reason))];
        }
    };
    match value {
        Value::Object(map) if is_json_feed(&map) => super::feed::read_feed(text.as_bytes()),
        Value::Object(map) => vec![from_object(&map).map(|d| (None, d)).map_err(|r| (None, r))],
        Value::Array(items) if items.is_empty() => {
            vec![Err((None, "empty JSON array: no article".to_string()))]
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Object(map) => from_object(map)
                    .map(|d| (None, d))
                    .map_err(|r| (None, format!("item {}: {r}", i + 1))),
                other => Err((
                    None,
                    format!(
                        "item {}: expected an article object, found {}",
                        i + 1,
                        kind(other)
                    ),
                )),
            })
            .collect(),
        other => vec![Err((
            None,
            format!(
                "expected an article object or an array of them, found {}",
                kind(&other)
            ),
        ))],
    }
}

/// True for a JSON Feed document (`"version": "https://jsonfeed.org/version/1.1"`).
fn is_json_feed(map: &Map<String, Value>) -> bool {
    map.get("version")
        .and_then(Value::as_str)
        .is_some_and(|v| v.contains("jsonfeed.org/version"))
}

/// Reads a `.jsonl` file: each non-blank line is one article; a bad line is reported alone.
pub fn read_jsonl(text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let item = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => from_object(&map).map(|d| (Some(n), d)),
            Ok(other) => Err(format!(
                "expected an article object, found {}",
                kind(&other)
            )),
            Err(e) => Err(format!(
                "invalid JSON at column {}: {}",
                e.column(),
                error_text(&e)
            )),
        };
        out.push(item.map_err(|r| (Some(n), r)));
    }
    if out.is_empty() {
        out.push(Err((None, "empty file: no JSON lines".to_string())));
    }
    out
}

/// serde_json's message without its trailing " at line L column C".
fn error_text(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn field(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match map.get(*n)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(x) => Some(x.to_string()),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    })
}

fn from_object(map: &Map<String, Value>) -> Result<Draft, String> {
    let mut text = field(map, &["body", "text", "content"])
        .ok_or("no \"body\", \"text\" or \"content\" field with text")?;
    if super::html::looks_like_html(&text) {
        text = super::html::fragment_text(&text);
    }
    Ok(Draft {
        id: field(map, &["id"]),
        title: field(map, &["title"]),
        section: field(map, &["section"]),
        source: field(map, &["source"]),
        published: field(map, &["published", "date"]),
        url: field(map, &["url"]),
        text,
        structured: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_and_array() {
        let one = read_json(r#"{"id": 7, "title": "T", "text": "Body.", "extra": [1]}"#);
        let (_, d) = one[0].as_ref().unwrap();
        assert_eq!(d.id.as_deref(), Some("7"));
        assert_eq!(d.text, "Body.");
        let many = read_json(r#"[{"content": "A."}, 3, {"title": "no body"}]"#);
        assert!(many[0].is_ok());
        assert_eq!(
            many[1].as_ref().unwrap_err().1,
            "item 2: expected an article object, found a number"
        );
        assert!(many[2].as_ref().unwrap_err().1.contains("no \"body\""));
    }

    #[test]
    fn html_bodies_become_text() {
        let r =
            read_json(r#"{"body": "<p>First &amp; one.</p><script>x()</script><p>Second.</p>"}"#);
        assert_eq!(r[0].as_ref().unwrap().1.text, "First & one.\n\nSecond.");
        let plain = read_json(r#"{"body": "3 < 4 and 5 > 2."}"#);
        assert_eq!(plain[0].as_ref().unwrap().1.text, "3 < 4 and 5 > 2.");
    }

    #[test]
    fn bad_json_names_line_and_column() {
        let r = read_json("{\n  \"title\": \"x\",\n  \"body\": oops\n}");
        let reason = &r[0].as_ref().unwrap_err().1;
        assert!(
            reason.starts_with("invalid JSON at line 3, column"),
            "{reason}"
        );
    }

    #[test]
    fn jsonl_bad_line_alone() {
        let r = read_jsonl(
            "{\"body\": \"A.\"}\n\n{broken\n{\"body\": \"B.\", \"date\": \"2024-01-02\"}\n",
        );
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].as_ref().unwrap().0, Some(1));
        let (line, reason) = r[1].as_ref().unwrap_err();
        assert_eq!(*line, Some(3));
        assert!(reason.starts_with("invalid JSON at column 2"), "{reason}");
        assert_eq!(
            r[2].as_ref().unwrap().1.published.as_deref(),
            Some("2024-01-02")
        );
    }
}
