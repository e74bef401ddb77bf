//! Metadata read out of text: publication dates in the shapes sites and front matter use (ISO,
//! RFC 3339, "March 12, 2024", "12 March 2024", "Tue, 12 Mar 2024 10:00 +0000"), bylines
//! ("By Jane Doe | March 12, 2024") and datelines ("Published on ..."). Vocabulary and line shapes
//! live in `assets/metadata.toml`.

use crate::date::DateValue;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../assets/metadata.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataFile {
    bylines: Vec<String>,
    datelines: Vec<String>,
    months: BTreeMap<String, Vec<String>>,
}

/// Compiled metadata vocabulary.
pub struct MetaRules {
    bylines: Vec<Regex>,
    datelines: Vec<Regex>,
    months: Vec<(String, u8)>,
}

impl MetaRules {
    /// Parses a metadata TOML document (the format of `assets/metadata.toml`).
    pub fn from_toml_str(text: &str) -> Result<Self, String> {
        let file: MetadataFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let compile = |list: &[String]| -> Result<Vec<Regex>, String> {
            list.iter()
                .map(|p| Regex::new(&format!("(?i)^(?:{p})$")).map_err(|e| format!("{p}: {e}")))
                .collect()
        };
        let mut months = Vec::new();
        for (num, names) in &file.months {
            let n: u8 = num
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))
                .ok_or_else(|| format!("month key '{num}' is not 1 to 12"))?;
            months.extend(names.iter().map(|s| (s.to_lowercase(), n)));
        }
        Ok(Self {
            bylines: compile(&file.bylines)?,
            datelines: compile(&file.datelines)?,
            months,
        })
    }

    /// The rules embedded in the binary.
    pub fn builtin() -> &'static MetaRules {
        static RULES: OnceLock<MetaRules> = OnceLock::new();
        RULES.get_or_init(|| {
            // The embedded file is checked by a unit test; an empty rule set is the safe fallback.
            MetaRules::from_toml_str(BUILTIN).unwrap_or(MetaRules {
                bylines: Vec::new(),
                datelines: Vec::new(),
                months: Vec::new(),
            })
        })
    }

    fn month(&self, word: &str) -> Option<u8> {
        let w = word.trim_end_matches('.').to_lowercase();
        self.months.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
    }

    /// Reads a publication date written in any of the supported shapes.
    pub fn parse_date(&self, text: &str) -> Option<DateValue> {
        let t = text.trim();
        if let Some(d) = DateValue::parse_iso(t) {
            return Some(d);
        }
        if let Some(d) = DateValue::parse_iso(&t.replace('/', "-")) {
            return Some(d);
        }
        self.parse_words(t)
    }

    fn parse_words(&self, text: &str) -> Option<DateValue> {
        let tokens: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .map(|w| w.trim_matches('.'))
            .filter(|w| !w.is_empty())
            .collect();
        let mi = tokens.iter().position(|w| self.month(w).is_some())?;
        let month = self.month(tokens[mi])?;
        let year_at = |i: usize| {
            tokens
                .get(i)
                .filter(|w| w.len() == 4)
                .and_then(|w| w.parse::<i32>().ok())
                .filter(|y| (1800..=2200).contains(y))
        };
        // "12 March 2024" / "12th March, 2024"
        if let (Some(day), Some(year)) = (
            mi.checked_sub(1).and_then(|i| day_of(tokens[i])),
            year_at(mi + 1),
        ) {
            return DateValue::ymd(year, month, day);
        }
        // "March 12, 2024"
        if let (Some(day), Some(year)) =
            (tokens.get(mi + 1).and_then(|w| day_of(w)), year_at(mi + 2))
        {
            return DateValue::ymd(year, month, day);
        }
        // "March 2024"
        year_at(mi + 1).map(|y| DateValue::month(y, month))
    }

    /// A byline line: the author and the date it gives, if the line has that shape.
    pub fn byline(&self, line: &str) -> Option<(String, Option<DateValue>)> {
        self.bylines.iter().find_map(|re| {
            let caps = re.captures(line)?;
            let date = caps
                .name("date")
                .and_then(|d| self.parse_date(d.as_str()))?;
            let author = caps.name("author").map(|a| a.as_str().trim().to_string())?;
            Some((author, Some(date)))
        })
    }

    /// A dateline ("Published on March 12, 2024"): the date it states.
    pub fn dateline(&self, line: &str) -> Option<DateValue> {
        self.datelines.iter().find_map(|re| {
            let caps = re.captures(line)?;
            self.parse_date(caps.name("date")?.as_str())
        })
    }
}

fn day_of(word: &str) -> Option<u8> {
    let digits = word
        .trim_end_matches(|c: char| c.is_alphabetic())
        .trim_end_matches('.');
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | ".") {
        return None;
    }
    digits.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

/// Reads a date with the built-in rules.
pub fn parse_date(text: &str) -> Option<DateValue> {
    MetaRules::builtin().parse_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<DateValue> {
        DateValue::ymd(y, m, day)
    }

    #[test]
    fn builtin_rules_parse() {
        assert!(MetaRules::from_toml_str(BUILTIN).is_ok());
    }

    #[test]
    fn dates_in_every_documented_shape() {
        assert_eq!(parse_date("2024-03-12"), d(2024, 3, 12));
        assert_eq!(parse_date("2024-03-12T08:15:00+01:00"), d(2024, 3, 12));
        assert_eq!(parse_date("March 12, 2024"), d(2024, 3, 12));
        assert_eq!(parse_date("12 March 2024"), d(2024, 3, 12));
        assert_eq!(
            parse_date("Tue, 12 Mar 2024 10:00:00 +0000"),
            d(2024, 3, 12)
        );
        assert_eq!(
            parse_date("Tuesday, March 12th, 2024 at 10:00"),
            d(2024, 3, 12)
        );
        assert_eq!(parse_date("1er août 2024"), d(2024, 8, 1));
        assert_eq!(parse_date("2024/03/12"), d(2024, 3, 12));
        assert_eq!(parse_date("March 2024"), Some(DateValue::month(2024, 3)));
        assert_eq!(parse_date("2024"), Some(DateValue::year(2024)));
    }

    #[test]
    fn non_dates_are_refused() {
        assert_eq!(parse_date("February 30, 2024"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("may be later"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn bylines_give_author_and_date() {
        let rules = MetaRules::builtin();
        let (author, date) = rules.byline("By Jane Doe | March 12, 2024").unwrap();
        assert_eq!(author, "Jane Doe");
        assert_eq!(date, d(2024, 3, 12));
        assert!(rules.byline("By the way, this is a sentence.").is_none());
        assert_eq!(rules.dateline("Published on 12 March 2024"), d(2024, 3, 12));
    }
}
