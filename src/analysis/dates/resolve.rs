//! The second step: underspecified values ([`Raw`]) resolved against the publication date, as
//! HeidelTime does for news.
//!
//! Policy:
//! - A date without a year ("On February 22", "early July") takes the year that makes it the
//!   nearest such date not after publication (news report the past); when the nearest tense
//!   cue of the sentence points forward ("will meet on March 3"; see `scan.rs`), the nearest
//!   not before publication. Without a publication date, it takes the year of the last date
//!   mentioned before it (narrative order); without one either, it stays unresolved
//!   (`value: None`, `relative: true`).
//! - Deictic expressions count from the publication date: "yesterday" (day), "last week" (the
//!   Monday–Sunday week before: `value` Monday, `until` Sunday), "this month", "last year",
//!   "two days ago". A day name alone is the nearest such day on or before publication (on or
//!   after when the tense points forward); "last Tuesday" is strictly before, "next Tuesday"
//!   strictly after. "last July" is the latest July before the publication month. Seasons give
//!   a year. Each needs the publication date at the precision it counts in, else no value.
//! - Anaphoric expressions ("the same day", "the following day", "la veille") count from the
//!   last date resolved before them in the text.
//! - Decades ("the 1990s") are year ranges: 1990 until 1999.

use super::scan::{Cal, Found, Raw};
use super::vocab::{Dir, Unit};
use crate::analysis::model::DateMention;
use crate::date::{DateValue, weekday};

/// Resolves every found expression, in text order.
pub(crate) fn resolve_all(found: &[Found], published: Option<DateValue>) -> Vec<DateMention> {
    let mut st = State {
        published,
        last: None,
    };
    found.iter().map(|f| st.resolve(f)).collect()
}

/// A resolved start and end.
type Resolved = (Option<DateValue>, Option<DateValue>);

struct State {
    published: Option<DateValue>,
    /// The last date resolved so far, the anchor of anaphora and of year-less dates in an
    /// undated text.
    last: Option<DateValue>,
}

impl State {
    fn resolve(&mut self, f: &Found) -> DateMention {
        let (value, until) = match (f.raw, f.until) {
            (Raw::Cal(a), Some(Raw::Cal(b))) => self.cal_range(a, b, f.future),
            (a, Some(b)) => (self.one(a, f.future).0, self.one(b, f.future).0),
            (a, None) => self.one(a, f.future),
        };
        if let Some(v) = value {
            self.last = Some(v);
        }
        DateMention {
            span: f.span,
            value,
            until,
            relative: is_relative(&f.raw),
        }
    }

    /// A range of calendar dates: a year-less start takes the year of the resolved end, and a
    /// year-less end the year of a start that has one ("2024-March" ends in March 2024, not
    /// in the March of an earlier date of the text); either is moved a year when it would
    /// otherwise fall on the wrong side of the other.
    fn cal_range(&self, a: Cal, b: Cal, future: bool) -> Resolved {
        if let (Some(_), None, None) = (a.y, b.y, b.year_offset)
            && let Some(s) = self.cal(a, future)
        {
            let in_year = |y: i32| Cal { y: Some(y), ..b }.value();
            let end = match in_year(s.year) {
                Some(e) if e.last_day() < s.first_day() => in_year(s.year + 1),
                e => e,
            };
            return (Some(s), end);
        }
        let end = self.cal(b, future);
        let start = match (a.y, a.year_offset, end) {
            (None, None, Some(e)) => {
                let same_year = Cal {
                    y: Some(e.year),
                    ..a
                };
                match same_year.value() {
                    Some(v) if v.first_day() > e.last_day() => Cal {
                        y: Some(e.year - 1),
                        ..a
                    }
                    .value(),
                    v => v,
                }
            }
            _ => self.cal(a, future),
        };
        (start, end)
    }

    fn one(&self, raw: Raw, future: bool) -> Resolved {
        let p = self.published;
        match raw {
            Raw::Cal(c) => (self.cal(c, future), None),
            Raw::Decade(y) => (Some(DateValue::year(y)), Some(DateValue::year(y + 9))),
            Raw::Offset(u, n) => match p {
                Some(p) => shift(p, u, n),
                None => (None, None),
            },
            Raw::Anaphoric(u, n) => match self.last {
                Some(l) => shift(l, u, n),
                None => (None, None),
            },
            Raw::Weekday(wd, dir) => (p.and_then(|p| weekday_near(p, wd, dir, future)), None),
            Raw::WeekdayInWeek(wd, n) => {
                let day = p
                    .and_then(monday)
                    .map(|m| m + 7 * i64::from(n) + i64::from(wd));
                (day.map(DateValue::from_days), None)
            }
            Raw::MonthRel(m, dir) => (p.and_then(|p| month_rel(p, m, dir)), None),
            Raw::Season(start, dir) => (p.and_then(|p| season_year(p, start, dir)), None),
        }
    }

    /// A calendar date, its missing year inferred as the module documents.
    fn cal(&self, c: Cal, future: bool) -> Option<DateValue> {
        if c.y.is_some() {
            return c.value();
        }
        let y = match (c.year_offset, self.published) {
            (Some(n), Some(p)) => p.year + n,
            (Some(_), None) => return None,
            (None, Some(p)) => infer_year(p, c.m?, c.d, future),
            (None, None) => self.last?.year,
        };
        let y = match c.wd {
            Some(wd) if c.year_offset.is_none() => year_with_weekday(c, y, wd),
            _ => y,
        };
        Cal { y: Some(y), ..c }.value()
    }
}

/// The year nearest `y` (itself first, then a year before, then after) in which the day of
/// "Tuesday 1 April" is that day of the week; `y` when none is.
fn year_with_weekday(c: Cal, y: i32, wd: u8) -> i32 {
    [y, y - 1, y + 1]
        .into_iter()
        .find(|&y| {
            Cal { y: Some(y), ..c }
                .value()
                .is_some_and(|v| weekday(v.first_day()) == wd)
        })
        .unwrap_or(y)
}

fn is_relative(raw: &Raw) -> bool {
    !matches!(raw, Raw::Cal(Cal { y: Some(_), .. }) | Raw::Decade(_))
}

/// The year that puts month `m` (day `d`) nearest to publication: not after it for the past,
/// not before it for the future.
fn infer_year(p: DateValue, m: u8, d: Option<u8>, future: bool) -> i32 {
    let Some(pm) = p.month else { return p.year };
    // Compare at the finest precision both sides have.
    let (cand, publ) = match (d, p.day) {
        (Some(d), Some(pd)) => ((m, d), (pm, pd)),
        _ => ((m, 0), (pm, 0)),
    };
    match (future, cand.cmp(&publ)) {
        (false, std::cmp::Ordering::Greater) => p.year - 1,
        (true, std::cmp::Ordering::Less) => p.year + 1,
        _ => p.year,
    }
}

/// Days since 1970 of the Monday of the week holding `p` (which must have a day).
fn monday(p: DateValue) -> Option<i64> {
    p.day?;
    let days = p.first_day();
    Some(days - i64::from(weekday(days)))
}

/// `anchor` moved by `n` units, at that unit's precision; weeks and weekends are day ranges.
fn shift(anchor: DateValue, u: Unit, n: i32) -> Resolved {
    match u {
        Unit::Day => match anchor.day {
            Some(_) => (
                Some(DateValue::from_days(anchor.first_day() + i64::from(n))),
                None,
            ),
            None => (None, None),
        },
        Unit::Week | Unit::Weekend => match monday(anchor) {
            Some(m) => {
                let first = m + 7 * i64::from(n) + if u == Unit::Weekend { 5 } else { 0 };
                let last = m + 7 * i64::from(n) + 6;
                (
                    Some(DateValue::from_days(first)),
                    Some(DateValue::from_days(last)),
                )
            }
            None => (None, None),
        },
        Unit::Month => match anchor.month {
            Some(m) => {
                let (y, m) = add_months(anchor.year, m, n);
                (Some(DateValue::month(y, m)), None)
            }
            None => (None, None),
        },
        Unit::Year => (Some(DateValue::year(anchor.year + n)), None),
    }
}

fn add_months(y: i32, m: u8, n: i32) -> (i32, u8) {
    let total = y * 12 + i32::from(m) - 1 + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
}

/// The day named `wd` near publication day `p`.
fn weekday_near(p: DateValue, wd: u8, dir: Option<Dir>, future: bool) -> Option<DateValue> {
    p.day?;
    let days = p.first_day();
    let pw = i64::from(weekday(days));
    let wd = i64::from(wd);
    let back = (pw - wd).rem_euclid(7);
    let fwd = (wd - pw).rem_euclid(7);
    let day = match dir {
        Some(Dir::Last) => days - if back == 0 { 7 } else { back },
        Some(Dir::Next) => days + if fwd == 0 { 7 } else { fwd },
        Some(Dir::This) => days - pw + wd,
        _ if future => days + fwd,
        _ => days - back,
    };
    Some(DateValue::from_days(day))
}

/// "last July" (latest before the publication month), "next July", "this July".
fn month_rel(p: DateValue, m: u8, dir: Dir) -> Option<DateValue> {
    let pm = p.month?;
    let y = match dir {
        Dir::Last if m < pm => p.year,
        Dir::Last => p.year - 1,
        Dir::Next if m > pm => p.year,
        Dir::Next => p.year + 1,
        _ => p.year,
    };
    Some(DateValue::month(y, m))
}

/// The year of "last summer" (the latest one already over), "next summer", "this summer".
fn season_year(p: DateValue, start: u8, dir: Dir) -> Option<DateValue> {
    let pm = p.month?;
    let y = match dir {
        Dir::Last if start + 2 < pm => p.year,
        Dir::Last => p.year - 1,
        Dir::Next if start > pm => p.year,
        Dir::Next => p.year + 1,
        _ => p.year,
    };
    Some(DateValue::year(y))
}
