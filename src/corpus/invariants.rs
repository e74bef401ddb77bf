//! Property tests over the whole loading pipeline: whatever the input and format, nothing panics
//! and every article holds the invariants the later stages rely on.

use super::build::{self, Origin, Tools};
use super::formats::read_drafts;
use super::sanitize::is_forbidden;
use super::{Article, Format};
use proptest::prelude::*;

/// Checks the invariants of one article, with a message naming the first one broken.
pub fn check(a: &Article) -> Result<(), String> {
    for (name, text) in [
        ("body", &a.body),
        ("title", &a.title),
        ("id", &a.id),
        ("path", &a.path),
    ] {
        if text.chars().any(is_forbidden) {
            return Err(format!("{name} holds a control character: {text:?}"));
        }
    }
    if a.title.contains('\n') || a.title.trim().is_empty() {
        return Err(format!("bad title {:?}", a.title));
    }
    let mut rebuilt = String::new();
    for (i, p) in a.paragraphs.iter().enumerate() {
        let text = a
            .body
            .get(p.start()..p.end())
            .ok_or("paragraph off a char boundary")?;
        if text.is_empty() || text.trim() != text || text.contains("\n\n") {
            return Err(format!("bad paragraph {text:?}"));
        }
        if i > 0 {
            rebuilt.push_str("\n\n");
        }
        if rebuilt.len() != p.start() {
            return Err(format!(
                "paragraph {i} is not separated by exactly one blank line"
            ));
        }
        rebuilt.push_str(text);
    }
    if rebuilt != a.body {
        return Err("paragraphs do not cover the body".into());
    }
    let mut last_end = 0;
    for s in &a.sentences {
        let text = a
            .body
            .get(s.start()..s.end())
            .ok_or("sentence off a char boundary")?;
        if text.is_empty() || text.trim() != text || s.start < last_end {
            return Err(format!("bad sentence {text:?}"));
        }
        if !a
            .paragraphs
            .iter()
            .any(|p| p.start <= s.start && s.end <= p.end)
        {
            return Err(format!("sentence {text:?} crosses paragraphs"));
        }
        last_end = s.end;
    }
    Ok(())
}

fn pieces() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "word ",
        "Mali ",
        "U.S. ",
        "Mr. ",
        "No. 3 ",
        "3.5 ",
        ". ",
        "? ",
        "! ",
        "… ",
        "« ",
        " »",
        "\"",
        "(",
        ")",
        "\n",
        "\n\n",
        "\n\n\n",
        "  ",
        "Leave a Reply\n",
        "Share this:\n",
        "PREV story\n",
        "By Jane | March 12, 2024\n",
        "# ",
        "---\n",
        "+++\n",
        "- ",
        "**",
        "_",
        "[a](b) ",
        "<p>",
        "</p>",
        "<script>",
        "<h1>",
        "</h1>",
        "<!--",
        "&amp;",
        "&#8217;",
        "{",
        "}",
        "[",
        "]",
        "\"body\": \"",
        "\"title\": ",
        ":",
        ",",
        "\x1b[31m",
        "\x1b]0;",
        "\u{202e}",
        "\u{9b}",
        "\r",
        "\t",
        "\u{a0}",
        "👩\u{200d}👧",
        "مرحبا ",
        "中文。",
        "\u{feff}",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

const FORMATS: [Format; 5] = [
    Format::Txt,
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::Jsonl,
];

fn run_all(text: &str) -> Result<(), String> {
    let tools = Tools::builtin();
    for format in FORMATS {
        for (line, draft) in read_drafts(format, text).into_iter().flatten() {
            let id = format!("x{line:?}");
            let origin = Origin {
                id: &id,
                path: "p",
                format,
                folder_source: None,
                lossy: false,
            };
            if let Ok(a) = build::finish(draft, &origin, &tools) {
                check(&a).map_err(|e| format!("{format:?}: {e}"))?;
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_markup_soup_loads_safely(text in pieces()) {
        prop_assert_eq!(run_all(&text), Ok(()));
    }

    #[test]
    fn any_string_loads_safely(text in any::<String>()) {
        prop_assert_eq!(run_all(&text), Ok(()));
    }

    #[test]
    fn json_objects_with_any_body_load_safely(body in pieces(), title in pieces()) {
        let doc = serde_json::json!({"title": title, "body": body}).to_string();
        prop_assert_eq!(run_all(&doc), Ok(()));
    }
}

#[test]
fn seeds_hold_the_invariants() {
    for a in super::load_seeds().articles {
        assert_eq!(check(&a), Ok(()), "{}", a.id);
    }
}
