//! From a format reader's [`Draft`] to a finished [`Article`]: sanitise every displayed string,
//! clean the text, fill the title and date from what cleaning found, and segment the body.

use super::clean::{self, Rules, collapse_spaces};
use super::metadata::MetaRules;
use super::sanitize::{sanitize, sanitize_line, sanitize_owned};
use super::segment::{self, Abbreviations};
use super::{Article, Format, Span};
use crate::date::DateValue;

/// How many words of the body make a title when nothing else gives one.
const FALLBACK_TITLE_WORDS: usize = 12;

/// What a format reader extracted from one file (or one `.jsonl` line), before cleaning.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// An explicit id (JSON `id`); otherwise the file stem is used.
    pub id: Option<String>,
    pub title: Option<String>,
    pub section: Option<String>,
    pub source: Option<String>,
    /// A date as written in the metadata.
    pub published: Option<String>,
    pub url: Option<String>,
    /// The text, still carrying whatever debris the page had.
    pub text: String,
    /// True when the text's structure is known (HTML blocks): without a title, the first line is
    /// kept as text instead of being taken for a headline. Markdown and JSON bodies may be scraped
    /// text, so their headline is looked for like in `.txt` files.
    /// taken for a headline.
    pub structured: bool,
}

/// The vocabularies cleaning needs.
pub struct Tools<'a> {
    pub rules: &'a Rules,
    pub meta: &'a MetaRules,
    pub abbr: &'a Abbreviations,
}

impl Tools<'static> {
    /// The built-in vocabularies.
    pub fn builtin() -> Self {
        Tools::with_rules(Rules::builtin())
    }
}

impl<'a> Tools<'a> {
    /// The built-in vocabularies, with these debris rules.
    pub fn with_rules(rules: &'a Rules) -> Self {
        Self {
            rules,
            meta: MetaRules::builtin(),
            abbr: Abbreviations::builtin(),
        }
    }
}

/// Where the draft came from.
pub struct Origin<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub format: Format,
    pub folder_source: Option<&'a str>,
    pub lossy: bool,
}

fn clean_field(s: Option<&str>) -> Option<String> {
    s.map(|s| collapse_spaces(&sanitize(s).replace('\n', " ")))
        .filter(|s| !s.is_empty())
}

/// Builds the article, or says why there is nothing to show.
pub fn finish(draft: Draft, origin: &Origin, tools: &Tools) -> Result<Article, String> {
    let text = sanitize_owned(draft.text);
    let known_title = clean_field(draft.title.as_deref());
    if text.trim().is_empty() {
        return Err("empty (no text)".into());
    }
    let mut cleaned = if draft.structured && known_title.is_none() {
        // Structured input without a title: still strip debris, but keep the first line as text.
        let mut c = clean::clean_text(&text, Some(""), tools.rules, tools.meta);
        c.title = None;
        c
    } else {
        clean::clean_text(&text, known_title.as_deref(), tools.rules, tools.meta)
    };
    if cleaned.paragraphs.is_empty() {
        // A text of one short line: it was taken for a headline, but it is all there is.
        match cleaned.title.clone() {
            Some(t) if known_title.is_none() => cleaned.paragraphs.push(t),
            _ => {
                return Err(
                    "empty after cleaning (no text left once web debris was removed)".into(),
                );
            }
        }
    }
    let body = cleaned.paragraphs.join("\n\n");
    let title = known_title
        .or(cleaned.title)
        .unwrap_or_else(|| fallback_title(&body));
    let published = draft
        .published
        .as_deref()
        .and_then(|d| tools.meta.parse_date(d))
        .or(cleaned.published);
    Ok(assemble(
        origin,
        Fields {
            title,
            section: clean_field(draft.section.as_deref()).or(cleaned.section),
            source: clean_field(draft.source.as_deref())
                .or_else(|| clean_field(origin.folder_source)),
            published,
            url: clean_field(draft.url.as_deref()),
        },
        body,
        tools.abbr,
    ))
}

/// Metadata fields of an article.
pub struct Fields {
    pub title: String,
    pub section: Option<String>,
    pub source: Option<String>,
    pub published: Option<DateValue>,
    pub url: Option<String>,
}

/// Puts an article together from a clean body (paragraphs separated by one blank line).
pub fn assemble(origin: &Origin, fields: Fields, body: String, abbr: &Abbreviations) -> Article {
    let body = sanitize_owned(body);
    let mut paragraphs = segment::paragraph_spans(&body);
    let mut sentences: Vec<Span> = paragraphs
        .iter()
        .flat_map(|p| segment::sentence_spans(&body, *p, abbr))
        .collect();
    // Articles live as long as the run: no spare capacity from growing the lists.
    paragraphs.shrink_to_fit();
    sentences.shrink_to_fit();
    Article {
        // One-line fields: a newline in a file name must not split a table row or a message.
        id: sanitize_line(origin.id),
        path: sanitize_line(origin.path),
        format: origin.format,
        title: sanitize_line(&fields.title),
        section: fields.section.map(|s| sanitize_line(&s)),
        source: fields.source.map(|s| sanitize_line(&s)),
        published: fields.published,
        url: fields.url.map(|s| sanitize(&s)),
        body,
        paragraphs,
        sentences,
        lossy: origin.lossy,
    }
}

fn fallback_title(body: &str) -> String {
    let first_line = body.lines().next().unwrap_or("");
    let words: Vec<&str> = first_line.split_whitespace().collect();
    if words.len() <= FALLBACK_TITLE_WORDS {
        return words.join(" ");
    }
    format!("{}…", words[..FALLBACK_TITLE_WORDS].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin<'static> {
        Origin {
            id: "x",
            path: "dir/x.txt",
            format: Format::Txt,
            folder_source: Some("dir"),
            lossy: false,
        }
    }

    #[test]
    fn draft_metadata_wins_and_strings_are_sanitised() {
        let draft = Draft {
            title: Some("Evil\x1b[2J title\u{202E}".into()),
            published: Some("March 12, 2024".into()),
            text: "Evil title\n\nBody text that is long enough to be a paragraph here.".into(),
            ..Draft::default()
        };
        let a = finish(draft, &origin(), &Tools::builtin()).unwrap();
        assert_eq!(a.title, "Evil title");
        assert_eq!(
            a.body,
            "Body text that is long enough to be a paragraph here."
        );
        assert_eq!(a.published, DateValue::ymd(2024, 3, 12));
        assert_eq!(a.source.as_deref(), Some("dir"));
        assert_eq!(a.sentences.len(), 1);
    }

    #[test]
    fn empty_after_cleaning_is_an_error() {
        let draft = Draft {
            text: "Share this:\n\nBack to top button\n".into(),
            ..Draft::default()
        };
        let err = finish(draft, &origin(), &Tools::builtin()).unwrap_err();
        assert!(err.contains("empty after cleaning"));
    }

    #[test]
    fn empty_text_and_a_lone_line() {
        let blank = Draft {
            text: " \n\n ".into(),
            ..Draft::default()
        };
        assert_eq!(
            finish(blank, &origin(), &Tools::builtin()).unwrap_err(),
            "empty (no text)"
        );
        let lone = Draft {
            text: "Ceasefire holds\n".into(),
            ..Draft::default()
        };
        let a = finish(lone, &origin(), &Tools::builtin()).unwrap();
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Ceasefire holds", "Ceasefire holds")
        );
    }

    #[test]
    fn long_first_paragraph_gives_a_shortened_title() {
        let draft = Draft {
            text:
                "this text starts in lower case and goes on for quite a few words before it ends."
                    .into(),
            ..Draft::default()
        };
        let a = finish(draft, &origin(), &Tools::builtin()).unwrap();
        assert!(a.title.ends_with('…'), "{}", a.title);
    }
}
