//! Calendar dates of varying precision (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), shared by every stage.

use serde::{Serialize, Serializer};
use std::fmt;

/// A date known to the year, the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateValue {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl DateValue {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// A full date; `None` when the day does not exist in that month.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and the date part of an RFC 3339 timestamp.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        let date_part = text.split(['T', ' ']).next()?;
        let mut parts = date_part.split('-');
        let year: i32 = parse_digits(parts.next()?, 4)?;
        let month = match parts.next() {
            None => return Some(Self::year(year)),
            Some(m) => parse_digits::<u8>(m, 2)?,
        };
        if !(1..=12).contains(&month) {
            return None;
        }
        match parts.next() {
            None => Some(Self::month(year, month)),
            Some(d) => {
                let day = parse_digits::<u8>(d, 2)?;
                if parts.next().is_some() {
                    return None;
                }
                Self::ymd(year, month, day)
            }
        }
    }

    /// Sort key that puts a coarser date after the finer ones of the same period:
    /// 2024-07-03 < 2024-07 < 2024-08-01 < 2024.
    pub fn timeline_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(32))
    }

    /// The first day this value can stand for, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this value can stand for, as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year, month, day)
    }

    /// True when the two values can stand for the same day (one contains the other).
    pub fn compatible(&self, other: &DateValue) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// The full date of a day count since 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let (y, m, d) = civil_from_days(days);
        Self {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn parse_digits<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// Day of the week, 0 = Monday .. 6 = Sunday.
pub fn weekday(days: i64) -> u8 {
    (days + 3).rem_euclid(7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2024", "2024-07", "2024-07-26"] {
            assert_eq!(DateValue::parse_iso(s).unwrap().to_string(), s);
        }
        assert_eq!(
            DateValue::parse_iso("2024-07-26T10:00:00Z")
                .unwrap()
                .to_string(),
            "2024-07-26"
        );
        assert!(DateValue::parse_iso("2024-02-30").is_none());
        assert!(DateValue::parse_iso("24-07").is_none());
        assert!(DateValue::parse_iso("2024-13").is_none());
    }

    #[test]
    fn coarse_dates_sort_after_fine_ones_of_their_period() {
        let mut v = [
            DateValue::year(2024),
            DateValue::month(2024, 7),
            DateValue::ymd(2024, 7, 3).unwrap(),
            DateValue::ymd(2024, 8, 1).unwrap(),
        ];
        v.sort_by_key(|d| d.timeline_key());
        let s: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(s, ["2024-07-03", "2024-07", "2024-08-01", "2024"]);
    }

    #[test]
    fn day_counts_round_trip_and_give_weekdays() {
        let d = days_from_civil(2024, 2, 29);
        assert_eq!(civil_from_days(d), (2024, 2, 29));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        // 2025-02-22 was a Saturday.
        assert_eq!(weekday(days_from_civil(2025, 2, 22)), 5);
        assert!(DateValue::year(2024).compatible(&DateValue::ymd(2024, 5, 1).unwrap()));
        assert!(!DateValue::month(2024, 4).compatible(&DateValue::ymd(2024, 5, 1).unwrap()));
    }
}
