//! Calendar phrases: "12 March 2024", "March 12, 2024", "12th of March", "Mar. 12", "November
//! 2022", "2024-03-12", "12/03/2024" (only when one part above 12 decides the order), bare years,
//! decades, "summer 2024", with an optional day name before ("Tuesday, 12 March") and an optional
//! part-of-period word ("early July", "mid-2023", "end of March", "début juillet", "mi-juin").

use super::scan::{Cal, Need, Parser, Phrase, Raw};
use super::token::Suffix;
use super::vocab::{Dir, Unit};

/// Years written next to a month or a day ("12 March 1871") may lie outside the bare-year range.
const CAL_YEARS: (i32, i32) = (1000, 2999);
/// Years standing alone count only in this range ("in 2005").
const BARE_YEARS: (i32, i32) = (1900, 2099);

impl Parser<'_> {
    /// A calendar phrase starting at token `i`.
    pub fn cal_phrase(&self, i: usize) -> Option<Phrase> {
        let mut j = i;
        let wd = self.info(j).and_then(|w| w.weekday);
        if wd.is_some() {
            j += 1;
            if self.punct(j, ',') {
                j += 1;
            }
            // Only a full calendar date may follow a day name here; "Tuesday" alone is relative.
            self.num(j)
                .or_else(|| self.month_at(j).map(|_| (0, 0, Suffix::None)))?;
        }
        let modified = match self.modifier_end(j) {
            Some(k) => {
                j = k;
                true
            }
            None => false,
        };
        let (mut raw, end, need) = self.cal_core(j)?;
        if let Raw::Cal(c) = &mut raw
            && c.d.is_some()
        {
            c.wd = wd;
        }
        let need = if modified || j > i {
            Need::Nothing
        } else {
            need
        };
        let mut phrase = Phrase {
            raw,
            start: i,
            end,
            need,
        };
        self.postposed(&mut phrase);
        Some(phrase)
    }

    /// After a part-of-period word at `i` ("early", "end of", "mid-", "début"): the next token.
    pub fn modifier_end(&self, i: usize) -> Option<usize> {
        let needs_of = self.info(i)?.modifier?;
        let mut k = i + 1;
        if self.punct(k, '-') && self.glued(i, k) {
            k += 1;
        }
        if self.info(k).is_some_and(|w| w.of_word) {
            k += 1;
        } else if needs_of {
            return None;
        }
        if self.info(k).is_some_and(|w| w.article) {
            k += 1;
        }
        Some(k)
    }

    /// The date proper: numeric, day first, month first, season, decade or bare year.
    fn cal_core(&self, j: usize) -> Option<(Raw, usize, Need)> {
        if self.num(j).is_some() {
            if let Some(r) = self.numeric_date(j) {
                return Some(r);
            }
            if let Some((v, 4, Suffix::Decade)) = self.num(j) {
                let y = v as i32;
                return (y % 10 == 0 && (BARE_YEARS.0..=BARE_YEARS.1).contains(&y)).then_some((
                    Raw::Decade(y),
                    j + 1,
                    Need::Nothing,
                ));
            }
            if let Some(r) = self.day_first(j) {
                return Some(r);
            }
            let y = self.year_at(j, BARE_YEARS.0, BARE_YEARS.1)?;
            return Some((Raw::Cal(Cal::year(y)), j + 1, Need::YearContext));
        }
        if let Some(r) = self.month_first(j) {
            return Some(r);
        }
        self.season_year(j)
    }

    /// "2024-03-12", "2024/03/12", "12/03/2024", "12.03.2024": all glued together.
    fn numeric_date(&self, j: usize) -> Option<(Raw, usize, Need)> {
        let sep = match self.toks.get(j + 1)?.kind {
            super::token::Kind::Punct(c @ ('-' | '/' | '.')) => c,
            _ => return None,
        };
        let glued = (j..j + 4).all(|k| self.glued(k, k + 1));
        if !glued || !self.punct(j + 3, sep) {
            return None;
        }
        let (a, da, sa) = self.num(j)?;
        let (b, db, sb) = self.num(j + 2)?;
        let (c, dc, sc) = self.num(j + 4)?;
        let timestamp = sc == Suffix::Time && da == 4;
        if sa != Suffix::None || sb != Suffix::None || (sc != Suffix::None && !timestamp) || db > 2
        {
            return None;
        }
        if !timestamp && self.glued(j + 4, j + 5) && !self.isolated(j + 4) {
            return None;
        }
        let (y, m, d) = match (da, dc) {
            (4, 1..=2) => (a as i32, b, c),
            (1..=2, 4) if a > 12 && b <= 12 => (c as i32, b, a),
            (1..=2, 4) if b > 12 && a <= 12 => (c as i32, a, b),
            (1..=2, 4) if a == b => (c as i32, a, b),
            _ => return None,
        };
        if !(CAL_YEARS.0..=CAL_YEARS.1).contains(&y) {
            return None;
        }
        let cal = Cal {
            y: Some(y),
            m: Some(u8::try_from(m).ok()?),
            d: Some(u8::try_from(d).ok()?),
            year_offset: None,
            wd: None,
        };
        cal.value()?;
        Some((Raw::Cal(cal), j + 5, Need::Nothing))
    }

    /// "12 March 2024", "12th of March", "1er mars", "12 March, 2024".
    fn day_first(&self, j: usize) -> Option<(Raw, usize, Need)> {
        let d = self.day_at(j)?;
        let mut k = j + 1;
        if self.info(k).is_some_and(|w| w.of_word) {
            k += 1;
        }
        // "12-Mar-2020": day, month and year joined by hyphens.
        let hyphens = self.punct(k, '-') && self.glued(j, k) && self.glued(k, k + 1);
        if hyphens {
            k += 1;
        }
        let (mw, mend) = self.month_at(k)?;
        let (y, end) = if hyphens {
            match self.year_at(mend + 1, CAL_YEARS.0, CAL_YEARS.1) {
                Some(y) if self.punct(mend, '-') && self.glued(mend, mend + 1) => {
                    (Some(y), mend + 2)
                }
                _ => (None, mend),
            }
        } else {
            self.year_after(mend)
        };
        let cal = checked_day(Cal {
            y,
            m: Some(mw.month),
            d: Some(d),
            year_offset: None,
            wd: None,
        });
        Some((Raw::Cal(cal), end, Need::Nothing))
    }

    /// "March 12, 2024", "Mar. 12", "November 2022", "March of 2024", "November".
    fn month_first(&self, j: usize) -> Option<(Raw, usize, Need)> {
        let (mw, k) = self.month_at(j)?;
        if let Some(d) = self.day_at(k)
            && self.month_at(k + 1).is_none()
            && !self.info(k + 1).is_some_and(|w| w.of_word)
        {
            let (y, end) = self.year_after(k + 1);
            let cal = checked_day(Cal {
                y,
                m: Some(mw.month),
                d: Some(d),
                year_offset: None,
                wd: None,
            });
            return Some((Raw::Cal(cal), end, Need::Nothing));
        }
        let k2 = k + usize::from(self.info(k).is_some_and(|w| w.of_word));
        if let Some(y) = self.year_at(k2, CAL_YEARS.0, CAL_YEARS.1) {
            let cal = Cal {
                y: Some(y),
                m: Some(mw.month),
                ..Cal::default()
            };
            return Some((Raw::Cal(cal), k2 + 1, Need::Nothing));
        }
        let cal = Cal {
            m: Some(mw.month),
            ..Cal::default()
        };
        let need = if mw.ambiguous || mw.abbr {
            Need::MonthContext
        } else {
            Need::NoNameAfter
        };
        Some((Raw::Cal(cal), k, need))
    }

    /// "summer 2024", "the summer of 2023", "été 2024": the year.
    fn season_year(&self, j: usize) -> Option<(Raw, usize, Need)> {
        self.info(j)?.season?;
        let mut k = j + 1;
        if self.info(k).is_some_and(|w| w.of_word) {
            k += 1;
        }
        let y = self.year_at(k, CAL_YEARS.0, CAL_YEARS.1)?;
        Some((Raw::Cal(Cal::year(y)), k + 1, Need::Nothing))
    }

    /// An optional year after a day and month: "12 March 2024", "March 12, 2024".
    pub fn year_after(&self, k: usize) -> (Option<i32>, usize) {
        let k2 = k + usize::from(self.punct(k, ','));
        match self.year_at(k2, CAL_YEARS.0, CAL_YEARS.1) {
            Some(y) => (Some(y), k2 + 1),
            None => (None, k),
        }
    }

    /// Words after a year-less date: "March last year" (year offset), "juillet dernier".
    fn postposed(&self, p: &mut Phrase) {
        let Raw::Cal(mut cal) = p.raw else { return };
        if cal.y.is_some() || cal.m.is_none() {
            return;
        }
        let Some(dir) = self.dir(p.end) else { return };
        let n = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            Dir::This => 0,
            _ => return,
        };
        if self.unit(p.end + 1) == Some(Unit::Year) {
            cal.year_offset = Some(n);
            p.raw = Raw::Cal(cal);
            p.end += 2;
            p.need = Need::Nothing;
        } else if let (Some(m), None, true) = (cal.m, cal.d, n != 0) {
            p.raw = Raw::MonthRel(m, dir);
            p.end += 1;
            p.need = Need::Nothing;
        }
    }
}

/// A day that does not exist in its month ("31 February 2024", a typo) is dropped: the
/// expression keeps its span and the month. An unknown year counts as a leap year.
fn checked_day(mut cal: Cal) -> Cal {
    if let (Some(m), Some(d)) = (cal.m, cal.d)
        && crate::date::DateValue::ymd(cal.y.unwrap_or(2000), m, d).is_none()
    {
        cal.d = None;
    }
    cal
}
