//! Folder manifests: a `corpus.toml` in a folder gives metadata to the files below it, for scraped
//! text that lost its title, source, date or address.
//!
//! ```toml
//! # Defaults for every file in this folder and its subfolders (all optional).
//! source = "Sahel Monitor"
//! section = "Mali"
//! published = 2024-03-12          # a TOML date, or a string: "March 12, 2024", "2024-03-12"
//!
//! # One table per file, keyed by its path relative to this folder ('/' between folders).
//! [files."000_812c50015738eee3.txt"]
//! title = "Escalating Tensions Between Algeria and Mali"
//! source = "Crisis Watch"
//! published = "12 March 2024"
//! url = "https://example.org/algeria-mali"
//! section = "Algeria"
//! id = "crisis-watch-1"
//! ```
//!
//! A file's own table wins over what the file itself says (the manifest is the user's word);
//! the defaults only fill what neither gives. The nearest `corpus.toml` between the file's folder
//! and its corpus root applies. Unknown keys are errors, so typos are reported: an invalid
//! manifest is reported as skipped and the files load without it.

use super::build::Draft;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A date written as a TOML date or as text.
#[derive(Deserialize, Clone, Debug)]
#[serde(untagged)]
enum DateField {
    Date(toml::value::Datetime),
    Text(String),
}

impl DateField {
    fn text(&self) -> String {
        match self {
            DateField::Date(d) => d.to_string(),
            DateField::Text(s) => s.clone(),
        }
    }
}

/// Metadata for one file.
#[derive(Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    id: Option<String>,
    title: Option<String>,
    source: Option<String>,
    section: Option<String>,
    published: Option<DateField>,
    url: Option<String>,
}

/// A parsed `corpus.toml`.
#[derive(Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    source: Option<String>,
    section: Option<String>,
    published: Option<DateField>,
    #[serde(default)]
    files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// Parses a manifest; the error names the key or line at fault.
    pub fn from_toml_str(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| format!("invalid manifest: {}", e.message().trim()))
    }

    /// Applies the entry for `rel` (a '/'-separated path relative to the manifest's folder), then
    /// the defaults.
    pub fn apply(&self, rel: &str, draft: &mut Draft) {
        if let Some(e) = self.files.get(rel) {
            let set = |slot: &mut Option<String>, v: &Option<String>| {
                if let Some(v) = v {
                    *slot = Some(v.clone());
                }
            };
            set(&mut draft.id, &e.id);
            set(&mut draft.title, &e.title);
            set(&mut draft.source, &e.source);
            set(&mut draft.section, &e.section);
            set(&mut draft.url, &e.url);
            if let Some(d) = &e.published {
                draft.published = Some(d.text());
            }
        }
        if draft.source.is_none() {
            draft.source.clone_from(&self.source);
        }
        if draft.section.is_none() {
            draft.section.clone_from(&self.section);
        }
        if draft.published.is_none() {
            draft.published = self.published.as_ref().map(DateField::text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_wins_and_defaults_fill() {
        let m = Manifest::from_toml_str(
            "source = \"Monitor\"\npublished = 2024-03-01\n[files.\"a.txt\"]\ntitle = \"T\"\npublished = \"March 12, 2024\"\n",
        )
        .unwrap();
        let mut a = Draft {
            title: Some("old".into()),
            ..Draft::default()
        };
        m.apply("a.txt", &mut a);
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.published.as_deref(), Some("March 12, 2024"));
        assert_eq!(a.source.as_deref(), Some("Monitor"));
        let mut b = Draft::default();
        m.apply("sub/b.txt", &mut b);
        assert_eq!(b.title, None);
        assert_eq!(b.published.as_deref(), Some("2024-03-01"));
    }

    #[test]
    fn typos_are_errors() {
        let err = Manifest::from_toml_str("[files.\"a.txt\"]\ntitel = \"T\"\n").unwrap_err();
        assert!(err.contains("titel"), "{err}");
    }
}
