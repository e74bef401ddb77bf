//! Temporal expressions, in two steps as HeidelTime does: a single scan over the tokens of the
//! body finds each expression and gives it an underspecified value ("February 22, year unknown",
//! "Tuesday, in the past"), then each value is resolved against the publication date (see
//! `resolve.rs` for the policy). Vocabulary: `assets/dates.toml` (English and French).
//!
//! Spans are UTF-8 byte offsets into `article.body`, sorted and never overlapping; prepositions
//! stay out ("in 2005" covers "2005"), range words stay in ("between 2012 and 2015"). Values are
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a range ("3-5 July 2024", "last week", "the 1990s") has
//! its start in `value` and its end in `until`.
//!
//! What is read:
//! - calendar dates: "12 March 2024", "March 12, 2024", "12th of March", "Mar. 12", "1er mars",
//!   "November 2022", "2024-03-12", "13/03/2024" (slashed or dotted dates only when a part
//!   above 12 decides the order), day names before them ("Tuesday, 12 March 2024");
//! - bare years 1900–2099 after a date word ("in", "since", "by", "the", "as of", "en",
//!   "depuis", a possessive), never before a count noun ("2005 soldiers"), after "$" or "page",
//!   inside "2,005" or "2000-strong";
//! - part-of-period words, which keep the precision: "mid-2023", "early July", "end of March",
//!   "début juillet", "mi-juin", "summer 2024";
//! - ranges and coordinations: "between 2012 and 2015", "2012-15", "3-5 July 2024", "July 3-5,
//!   2024", "from March to May 2024", "du 3 au 5 juillet", "May and June 2015";
//! - decades: "the 1990s" is 1990 until 1999;
//! - relative expressions: "yesterday", "hier", "last week", "on Tuesday", "Sunday night", "On
//!   February 22", "last July", "juillet dernier", "this month", "two days ago", "il y a deux
//!   jours", "earlier this year", "by the end of the year", "the same day", "le lendemain".

mod calendar;
mod relative;
mod resolve;
mod scan;
mod token;
mod vocab;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_relative;

pub use vocab::DateVocab;

use super::model::DateMention;
use crate::corpus::{Article, Span};
use crate::date::DateValue;

/// Every date expression in the article, normalised, in text order.
pub fn find_dates(article: &Article, vocab: &DateVocab) -> Vec<DateMention> {
    let mut toks = Vec::with_capacity(article.body.len() / 5);
    token::tokenize(&article.body, vocab, &mut toks);
    let parser = scan::Parser {
        toks: &toks,
        vocab,
        text: &article.body,
        last_end: std::cell::Cell::new(0),
    };
    let found = parser.scan();
    resolve::resolve_all(&found, article.published)
}

/// The latest date mentioned (the "not before" date of an undated article): the greatest last
/// day over values and range ends. Dates after today are left out: they are plans or forecasts
/// ("by 2030"), not news the article could report.
pub fn latest_date(dates: &[DateMention]) -> Option<DateValue> {
    latest_date_before(dates, today())
}

/// [`latest_date`] with "today" given as days since 1970-01-01.
pub fn latest_date_before(dates: &[DateMention], today: i64) -> Option<DateValue> {
    dates
        .iter()
        .flat_map(|d| [d.value, d.until])
        .flatten()
        .filter(|d| d.first_day() <= today)
        .max_by_key(|d| (d.last_day(), -d.first_day()))
}

fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(i64::MAX, |d| (d.as_secs() / 86_400) as i64)
}

/// The dates inside `span` (a sentence or a paragraph), in text order. `dates` must be sorted
/// by start, as [`find_dates`] returns them.
pub fn dates_in(span: Span, dates: &[DateMention]) -> impl Iterator<Item = &DateMention> {
    let first = dates.partition_point(|d| d.span.start() < span.start());
    dates[first..]
        .iter()
        .take_while(move |d| d.span.start() < span.end())
        .filter(move |d| d.span.end() <= span.end())
}

/// The finest single value that covers a mention, range included: "3-5 July 2024" → 2024-07,
/// "between 2012 and 2015" → `None`, "last week" → its month when the week lies in one.
pub fn covering_value(d: &DateMention) -> Option<DateValue> {
    let v = d.value?;
    let Some(u) = d.until else { return Some(v) };
    if v == u {
        Some(v)
    } else if v.year != u.year {
        None
    } else if v.month.is_some() && v.month == u.month {
        Some(DateValue::month(v.year, v.month?))
    } else {
        Some(DateValue::year(v.year))
    }
}
