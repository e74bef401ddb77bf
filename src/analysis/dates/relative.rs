//! Relative expressions: deictic ones counted from the publication date ("yesterday", "last
//! week", "on Tuesday", "last July", "two days ago", "earlier this year", "Sunday night", "la
//! semaine dernière", "il y a deux jours") and anaphoric ones counted from the last date of the
//! text ("the same day", "the following day", "la veille", "le lendemain").

use super::scan::{Found, Parser, Raw};
use super::token::Suffix;
use super::vocab::{Dir, Unit};

impl Parser<'_> {
    /// A relative expression starting at token `i`, with the token after it.
    pub fn relative(&self, i: usize) -> Option<(Found, usize)> {
        let Some(w) = self.info(i) else {
            let (raw, end) = self.ago(i)?;
            return Some((self.found(i, end, raw, None), end));
        };
        let (raw, end) = None
            .or_else(|| {
                w.day_offset
                    .map(|n| (Raw::Offset(Unit::Day, n.into()), self.part_end(i + 1)))
            })
            .or_else(|| {
                w.anaphoric_day
                    .map(|n| (Raw::Anaphoric(Unit::Day, n.into()), i + 1))
            })
            .or_else(|| w.article.then(|| self.anaphoric(i + 1)).flatten())
            .or_else(|| w.dir.and_then(|d| self.after_dir(i, d)))
            .or_else(|| w.weekday.and_then(|wd| self.weekday(i, wd)))
            .or_else(|| w.unit.and_then(|u| self.unit_then_dir(i, u)))
            .or_else(|| w.earlier_later.then(|| self.this_unit(i + 1)).flatten())
            .or_else(|| w.modifier.and_then(|_| self.modified(i)))
            .or_else(|| self.ago(i))?;
        Some((self.found(i, end, raw, None), end))
    }

    /// After an optional part of the day ("night", "soir") at `k`: the next token.
    fn part_end(&self, k: usize) -> usize {
        k + usize::from(self.info(k).is_some_and(|w| w.part_of_day))
    }

    /// "the same day", "the following week", "le même jour", "the next day".
    fn anaphoric(&self, k: usize) -> Option<(Raw, usize)> {
        let n = match self.dir(k)? {
            Dir::Same => 0,
            Dir::Following | Dir::Next => 1,
            Dir::Previous => -1,
            Dir::Last | Dir::This => return None,
        };
        Some((Raw::Anaphoric(self.unit(k + 1)?, n), k + 2))
    }

    /// "last week", "next Tuesday", "last July", "this summer", "last night", "previous day".
    fn after_dir(&self, i: usize, d: Dir) -> Option<(Raw, usize)> {
        let k = i + 1;
        let n = match d {
            Dir::Last | Dir::Previous => -1,
            Dir::Next | Dir::Following => 1,
            Dir::This | Dir::Same => 0,
        };
        let deictic = matches!(d, Dir::Last | Dir::Next | Dir::This);
        if let Some(u) = self.unit(k) {
            // "cette année-là": that year, not this one.
            if self.punct(k + 1, '-') && self.glued(k, k + 1) && self.dir(k + 2) == Some(Dir::Same)
            {
                return Some((Raw::Anaphoric(u, 0), k + 3));
            }
            return match (u, deictic) {
                // "next day" is the day after the last date; "last day" and "this day" are not dates.
                (Unit::Day, true) => (d == Dir::Next).then_some((Raw::Anaphoric(u, 1), k + 1)),
                (_, true) => Some((Raw::Offset(u, n), k + 1)),
                (_, false) => Some((Raw::Anaphoric(u, n), k + 1)),
            };
        }
        if !deictic {
            return None;
        }
        let w = self.info(k)?;
        if let Some(wd) = w.weekday {
            return Some((Raw::Weekday(wd, Some(d)), self.part_end(k + 1)));
        }
        if let Some((mw, end)) = self.month_at(k) {
            return Some((Raw::MonthRel(mw.month, d), end));
        }
        if let Some(start) = w.season {
            return Some((Raw::Season(start, d), k + 1));
        }
        if w.part_of_day && d != Dir::Next {
            // "last night" is the night before publication; "this morning" its morning.
            return Some((Raw::Offset(Unit::Day, n), k + 1));
        }
        None
    }

    /// "Tuesday", "Sunday night", "Tuesday last week", "mardi dernier".
    fn weekday(&self, i: usize, wd: u8) -> Option<(Raw, usize)> {
        let k = i + 1;
        if self.is_name_part(i) {
            return None;
        }
        if let Some(d @ (Dir::Last | Dir::Next | Dir::This)) = self.dir(k) {
            if self.unit(k + 1) == Some(Unit::Week) {
                let n = match d {
                    Dir::Last => -1,
                    Dir::Next => 1,
                    _ => 0,
                };
                return Some((Raw::WeekdayInWeek(wd, n), self.part_end(k + 2)));
            }
            if d != Dir::This {
                return Some((Raw::Weekday(wd, Some(d)), self.part_end(k + 1)));
            }
        }
        Some((Raw::Weekday(wd, None), self.part_end(k)))
    }

    /// "the Sunday Times": after an article and before a capitalised name, a day name is a name.
    fn is_name_part(&self, i: usize) -> bool {
        i > 0
            && self.info(i - 1).is_some_and(|w| w.article)
            && matches!(
                self.toks.get(i + 1).map(|t| t.kind),
                Some(super::token::Kind::Word {
                    info: None,
                    cap: true
                })
            )
    }

    /// French order, unit then direction: "la semaine dernière", "le jour suivant".
    fn unit_then_dir(&self, i: usize, u: Unit) -> Option<(Raw, usize)> {
        let raw = match (self.dir(i + 1)?, u) {
            (Dir::Last, Unit::Day) | (Dir::This, _) => return None,
            (Dir::Last, _) => Raw::Offset(u, -1),
            (Dir::Next, Unit::Day) => Raw::Anaphoric(u, 1),
            (Dir::Next, _) => Raw::Offset(u, 1),
            (Dir::Same, _) => Raw::Anaphoric(u, 0),
            (Dir::Following, _) => Raw::Anaphoric(u, 1),
            (Dir::Previous, _) => Raw::Anaphoric(u, -1),
        };
        Some((raw, i + 2))
    }

    /// A part-of-period word before a relative period: "by the end of the year", "late last
    /// year", "fin de l'année", "early next month".
    fn modified(&self, i: usize) -> Option<(Raw, usize)> {
        let k = self.modifier_end(i)?;
        match self.unit(k) {
            Some(u @ (Unit::Year | Unit::Month | Unit::Week)) if k > i + 1 => self
                .info(k - 1)?
                .article
                .then_some((Raw::Offset(u, 0), k + 1)),
            Some(_) => None,
            None => {
                let d = self.dir(k)?;
                let (raw, end) = self.after_dir(k, d)?;
                matches!(raw, Raw::Offset(..) | Raw::MonthRel(..)).then_some((raw, end))
            }
        }
    }

    /// "this year" after "earlier" / "later": the current unit.
    fn this_unit(&self, k: usize) -> Option<(Raw, usize)> {
        (self.dir(k)? == Dir::This).then_some(())?;
        Some((Raw::Offset(self.unit(k + 1)?, 0), k + 2))
    }

    /// "two days ago", "a week ago", "3 years ago", "il y a deux jours".
    fn ago(&self, i: usize) -> Option<(Raw, usize)> {
        if let Some(n) = self.count(i)
            && let Some(u) = self.unit(i + 1)
            && self.info(i + 2).is_some_and(|w| w.ago_after)
        {
            return Some((Raw::Offset(u, -n), i + 3));
        }
        if !self.info(i)?.ago_before_start {
            return None;
        }
        let phrase = self
            .vocab
            .ago_before
            .iter()
            .find(|p| p.iter().enumerate().all(|(k, w)| self.word_is(i + k, w)))?;
        let k = i + phrase.len();
        let n = self.count(k)?;
        Some((Raw::Offset(self.unit(k + 1)?, -n), k + 2))
    }

    /// A small count: a number word or one or two digits.
    fn count(&self, i: usize) -> Option<i32> {
        if let Some(n) = self.info(i).and_then(|w| w.number) {
            return Some(n.into());
        }
        match self.num(i)? {
            (v, 1..=2, Suffix::None) if v > 0 && self.isolated(i) => Some(v as i32),
            _ => None,
        }
    }
}
