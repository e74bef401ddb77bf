//! The first step: a left-to-right scan over the tokens that turns each date expression into an
//! underspecified value ([`Raw`]), with its span. Ranges are assembled here; calendar dates live
//! in `calendar.rs`, relative expressions in `relative.rs`. Nothing here knows the publication
//! date: `resolve.rs` does that.

use super::token::{Kind, Suffix, Tok};
use super::vocab::{DateVocab, Dir, MonthWord, Unit, WordInfo};
use crate::corpus::Span;
use crate::date::DateValue;

/// Calendar fields as written; `y` is `None` when the text gives no year ("On February 22").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cal {
    pub y: Option<i32>,
    pub m: Option<u8>,
    pub d: Option<u8>,
    /// Years from the publication year ("March last year" → -1), when `y` is `None`.
    pub year_offset: Option<i32>,
    /// The day name written with it ("Tuesday 1 April"), 0 = Monday: it picks the year.
    pub wd: Option<u8>,
}

impl Cal {
    pub fn year(y: i32) -> Self {
        Cal {
            y: Some(y),
            ..Cal::default()
        }
    }

    /// The value, when the year is known and the day exists.
    pub fn value(&self) -> Option<DateValue> {
        let y = self.y?;
        match (self.m, self.d) {
            (Some(m), Some(d)) => DateValue::ymd(y, m, d),
            (Some(m), None) => Some(DateValue::month(y, m)),
            (None, _) => Some(DateValue::year(y)),
        }
    }
}

/// An underspecified value: what the words say, before the publication date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    Cal(Cal),
    /// "the 1990s": the decade starting that year.
    Decade(i32),
    /// Units from the publication date: "yesterday" (day -1), "last week", "two years ago".
    Offset(Unit, i32),
    /// Units from the last date of the text: "the next day", "la veille".
    Anaphoric(Unit, i32),
    /// "on Tuesday", "last Tuesday", "mardi prochain".
    Weekday(u8, Option<Dir>),
    /// "Tuesday last week": a day of the week `n` weeks from the publication week.
    WeekdayInWeek(u8, i32),
    /// "last July", "juillet dernier".
    MonthRel(u8, Dir),
    /// "last summer": the season's start month.
    Season(u8, Dir),
}

/// One expression found by the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub span: Span,
    pub raw: Raw,
    /// The end of a range.
    pub until: Option<Raw>,
    /// A future cue ("will") stands near: underspecified dates look forward.
    pub future: bool,
}

/// What a calendar phrase needs around it to count on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Nothing,
    /// A bare year: a date word before it ("in 2005"), no count noun after ("2005 soldiers").
    YearContext,
    /// An ambiguous or abbreviated month alone ("May"): a date word before it.
    MonthContext,
    /// A month name alone: not followed by a capitalised name ("April Smith").
    NoNameAfter,
    /// A day number alone: only the start of a range ("3" of "3-5 July").
    RangeOnly,
}

/// A calendar phrase: tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub raw: Raw,
    pub start: usize,
    pub end: usize,
    pub need: Need,
}

pub(crate) struct Parser<'a> {
    pub toks: &'a [Tok],
    pub vocab: &'a DateVocab,
    pub text: &'a str,
    /// The token after the last expression found, for coordinated years ("2012 and 2015").
    pub last_end: std::cell::Cell<usize>,
}

impl<'a> Parser<'a> {
    /// Every expression, left to right, longest first at each position, never overlapping.
    pub fn scan(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let starts = matches!(
                self.toks[i].kind,
                Kind::Num { .. } | Kind::Word { info: Some(_), .. }
            );
            match starts.then(|| self.at(i)).flatten() {
                Some((found, end)) => {
                    out.push(found);
                    self.last_end.set(end);
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn at(&self, i: usize) -> Option<(Found, usize)> {
        if self.info(i).is_some_and(|w| w.range_opener)
            && let Some(r) = self.range(self.skip_article(i + 1), Some(i))
        {
            return Some(r);
        }
        self.range(i, None).or_else(|| self.relative(i))
    }

    /// A calendar phrase, or a range of two, starting at token `i` (after an opener at `opener`).
    fn range(&self, i: usize, opener: Option<usize>) -> Option<(Found, usize)> {
        let first = self.cal_phrase(i).or_else(|| self.bare_day(i));
        let a = first?;
        if let Some(j) = self.joiner(a.end, opener.is_some()) {
            let from = opener.unwrap_or(a.start);
            if let Some(r) = self.range_end(&a, j, from, opener.is_some()) {
                return Some(r);
            }
        }
        if opener.is_some() {
            return None;
        }
        if let Some(filled) = self.coordinated_fill(&a) {
            return Some((self.found(a.start, a.end, filled, None), a.end));
        }
        if !self.accept(&a) {
            return None;
        }
        Some((self.found(a.start, a.end, a.raw, None), a.end))
    }

    /// The first of two coordinated dates, completed from the second: "May and June 2015",
    /// "the 1st and 2nd of March", "le 3 et le 4 juillet".
    fn coordinated_fill(&self, a: &Phrase) -> Option<Raw> {
        let Raw::Cal(ca) = a.raw else { return None };
        if ca.y.is_some() || ca.year_offset.is_some() || !self.is_coordinator(a.end) {
            return None;
        }
        let b = self.cal_phrase(self.skip_article(a.end + 1))?;
        let Raw::Cal(cb) = b.raw else { return None };
        if cb.y.is_none() && (ca.m.is_some() || cb.m.is_none()) {
            return None;
        }
        Some(Raw::Cal(fill(ca, cb)?))
    }

    fn is_coordinator(&self, k: usize) -> bool {
        self.punct(k, ',') || self.info(k).is_some_and(|w| w.coordinator)
    }

    /// `k`, or the token after it when it is an article ("entre le 25 et le 27 juillet").
    fn skip_article(&self, k: usize) -> usize {
        k + usize::from(self.info(k).is_some_and(|w| w.article))
    }

    /// "3" of "3-5 July": a day number that only counts as the start of a range.
    fn bare_day(&self, i: usize) -> Option<Phrase> {
        self.day_at(i)?;
        Some(Phrase {
            raw: Raw::Cal(Cal {
                d: self.day_at(i),
                ..Cal::default()
            }),
            start: i,
            end: i + 1,
            need: Need::RangeOnly,
        })
    }

    /// The token after a range joiner at `k` ("-", "to", "and" after "between").
    fn joiner(&self, k: usize, opened: bool) -> Option<usize> {
        if self.punct(k, '-') {
            return Some(k + 1);
        }
        match self.info(k)?.range_joiner? {
            needs_opener if needs_opener && !opened => None,
            _ => Some(k + 1),
        }
    }

    /// Completes a range whose first part is `a` and whose second part starts at token `j`.
    fn range_end(&self, a: &Phrase, j: usize, from: usize, opened: bool) -> Option<(Found, usize)> {
        let Raw::Cal(ca) = a.raw else { return None };
        if a.need == Need::YearContext
            && !opened
            && !self.punct(a.end, '-')
            && !self.year_context(a.start)
        {
            return None;
        }
        if a.need == Need::YearContext && self.marker_before(a.start) {
            return None;
        }
        if let Some((cb, end)) = self.short_range_end(&ca, a.end, j) {
            let ca = fill(ca, cb)?;
            return Some((self.found(from, end, Raw::Cal(ca), Some(Raw::Cal(cb))), end));
        }
        let b = self.cal_phrase(self.skip_article(j))?;
        let Raw::Cal(cb) = b.raw else { return None };
        let ca = fill(ca, cb)?;
        Some((self.found(from, b.end, Raw::Cal(ca), Some(b.raw)), b.end))
    }

    /// Second parts that only make sense after the first: "2012-15" and "July 3-5, 2024".
    fn short_range_end(&self, a: &Cal, joiner: usize, j: usize) -> Option<(Cal, usize)> {
        let glued = self.glued(joiner - 1, joiner) && self.glued(joiner, j);
        if let (Some(y), None, true) = (a.y, a.m, glued)
            && let Some((v, 2, Suffix::None)) = self.num(j)
        {
            let yb = y - y % 100 + v as i32;
            return (yb > y && self.isolated(j)).then_some((Cal::year(yb), j + 1));
        }
        if let (Some(m), Some(_)) = (a.m, a.d)
            && a.y.is_none()
            && let Some(d) = self.day_at(j)
            && self.month_at(j + 1).is_none()
        {
            let (y, end) = self.year_after(j + 1);
            return Some((
                Cal {
                    y,
                    m: Some(m),
                    d: Some(d),
                    year_offset: None,
                    wd: None,
                },
                end,
            ));
        }
        None
    }

    /// Whether a phrase counts on its own, given the words around it.
    fn accept(&self, p: &Phrase) -> bool {
        match p.need {
            Need::Nothing => true,
            Need::YearContext => {
                !self.marker_before(p.start)
                    && !self.compound_after(p.end)
                    && !self.count_range_after(p.end)
                    && !self.info(p.end).is_some_and(|w| w.count_noun)
                    && (self.year_context(p.start) || self.coordinated(p.start))
            }
            Need::MonthContext => self
                .info_before(p.start)
                .is_some_and(|w| w.year_before || w.of_word),
            Need::NoNameAfter => {
                self.info_before(p.start)
                    .is_some_and(|w| w.year_before || w.of_word)
                    || !matches!(
                        self.toks.get(p.end).map(|t| t.kind),
                        Some(Kind::Word {
                            info: None,
                            cap: true
                        })
                    )
            }
            Need::RangeOnly => false,
        }
    }

    /// A date word right before token `i`: "in", "since", "the", "as of", "Mali's".
    fn year_context(&self, i: usize) -> bool {
        let Some(w) = self.info_before(i) else {
            return i > 0 && self.possessive(i - 1);
        };
        w.year_before
            || w.article
            || (w.of_word && i >= 2 && self.info(i - 2).is_some_and(|h| h.of_head))
    }

    /// "and 2015" right after a date: the date, a comma or coordinator, then token `i`.
    fn coordinated(&self, i: usize) -> bool {
        let last = self.last_end.get();
        let coord = |k: usize| self.is_coordinator(k);
        last > 0
            && ((i == last + 1 && coord(last))
                || (i == last + 2 && self.punct(last, ',') && coord(last + 1)))
    }

    /// "to 3000" of "from 2000 to 3000 people": a range of counts, not of years.
    fn count_range_after(&self, k: usize) -> bool {
        self.joiner(k, true)
            .is_some_and(|j| self.num(j).is_some() && self.year_at(j, 1000, 2999).is_none())
    }

    /// "-strong" of "a 2000-strong force": the number is a count.
    fn compound_after(&self, k: usize) -> bool {
        self.punct(k, '-')
            && self.glued(k - 1, k)
            && self.glued(k, k + 1)
            && matches!(
                self.toks.get(k + 1).map(|t| t.kind),
                Some(Kind::Word { .. })
            )
    }

    /// A word ending in a possessive "'s" ("Mali's 2023 constitution").
    fn possessive(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let w = &self.text[t.start..t.end];
        matches!(t.kind, Kind::Word { .. }) && (w.ends_with("'s") || w.ends_with("’s"))
    }

    /// "page", "p.", "No." right before token `i`.
    fn marker_before(&self, i: usize) -> bool {
        let j = match i.checked_sub(1) {
            Some(j) if self.punct(j, '.') => j.checked_sub(1),
            j => j,
        };
        j.is_some_and(|j| self.info(j).is_some_and(|w| w.number_marker))
    }

    pub fn found(&self, start: usize, end: usize, raw: Raw, until: Option<Raw>) -> Found {
        Found {
            span: Span::new(self.toks[start].start, self.toks[end - 1].end),
            raw,
            until,
            future: self.future_near(start, end),
        }
    }

    /// Whether the tense around `start..end` points forward: the nearest tense cue within eight
    /// tokens before, inside the sentence, decides ("will meet on Tuesday", "said on Tuesday it
    /// will"); without one, the nearest after ("On Tuesday, the minister will travel").
    fn future_near(&self, start: usize, end: usize) -> bool {
        let stop = |t: &&Tok| !matches!(t.kind, Kind::Break | Kind::Punct('.' | '!' | '?' | ';'));
        let tense = |t: &Tok| match t.kind {
            Kind::Word { info: Some(k), .. } => {
                let w = self.vocab.info(k);
                (w.future_cue || w.past_cue).then_some(w.future_cue)
            }
            _ => None,
        };
        let mut before = self.toks[start.saturating_sub(8)..start]
            .iter()
            .rev()
            .take_while(stop);
        let mut after = self.toks[end..(end + 8).min(self.toks.len())]
            .iter()
            .take_while(stop);
        before
            .find_map(tense)
            .or_else(|| after.find_map(tense))
            .unwrap_or(false)
    }

    // ---- token helpers ----

    pub fn info(&self, i: usize) -> Option<&'a WordInfo> {
        match self.toks.get(i)?.kind {
            Kind::Word { info: Some(k), .. } => Some(self.vocab.info(k)),
            _ => None,
        }
    }

    fn info_before(&self, i: usize) -> Option<&'a WordInfo> {
        self.info(i.checked_sub(1)?)
    }

    pub fn dir(&self, i: usize) -> Option<Dir> {
        self.info(i)?.dir
    }

    pub fn unit(&self, i: usize) -> Option<Unit> {
        self.info(i)?.unit
    }

    pub fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    /// Tokens `i` and `j` touch, with no space between.
    pub fn glued(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub fn num(&self, i: usize) -> Option<(u32, u8, Suffix)> {
        match self.toks.get(i)?.kind {
            Kind::Num {
                value,
                digits,
                suffix,
            } => Some((value, digits, suffix)),
            _ => None,
        }
    }

    /// A number standing alone: not part of "2,005", "$2005", "12:30", "45%" or "1/2".
    pub fn isolated(&self, i: usize) -> bool {
        let prev_ok = i == 0
            || !self.glued(i - 1, i)
            || match self.toks[i - 1].kind {
                Kind::Punct(c) => !"$€£#/.,:+\\".contains(c),
                _ => false,
            };
        let next_ok = !self.glued(i, i + 1)
            || match self.toks[i + 1].kind {
                Kind::Punct('.' | ',') => !(self.glued(i + 1, i + 2) && self.num(i + 2).is_some()),
                Kind::Punct(c) => !"%/:".contains(c),
                _ => false,
            };
        prev_ok && next_ok
    }

    /// A day of the month: 1–31, one or two digits, maybe ordinal ("12th", "1er").
    pub fn day_at(&self, i: usize) -> Option<u8> {
        let (v, digits, suffix) = self.num(i)?;
        let ok = (1..=31).contains(&v)
            && digits <= 2
            && matches!(suffix, Suffix::None | Suffix::Ordinal)
            && self.isolated(i);
        ok.then_some(v as u8)
    }

    /// A four-digit year in `lo..=hi`, standing alone.
    pub fn year_at(&self, i: usize, lo: i32, hi: i32) -> Option<i32> {
        match self.num(i)? {
            (v, 4, Suffix::None) if (lo..=hi).contains(&(v as i32)) && self.isolated(i) => {
                Some(v as i32)
            }
            _ => None,
        }
    }

    /// A month name at `i` written as it must be, with the dot of an abbreviation; the end.
    pub fn month_at(&self, i: usize) -> Option<(MonthWord, usize)> {
        let Kind::Word { info: Some(k), cap } = self.toks.get(i)?.kind else {
            return None;
        };
        let m = self.vocab.info(k).month?;
        if m.capitalized && !cap {
            return None;
        }
        let dot = m.abbr && self.punct(i + 1, '.') && self.glued(i, i + 1);
        Some((m, i + 1 + usize::from(dot)))
    }

    /// Token `i`, lower-cased, equals `word`.
    pub fn word_is(&self, i: usize, word: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            matches!(t.kind, Kind::Word { .. })
                && self.text[t.start..t.end]
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(word.chars())
        })
    }
}

/// Completes the first part of a range from the second: the month of "3-5 July", the year of
/// "from March to May 2024" (a year earlier when the months wrap: "December to January 2024").
/// `None` when the range runs backwards.
fn fill(mut a: Cal, b: Cal) -> Option<Cal> {
    if a.m.is_none() && a.y.is_none() {
        // A bare day: the second part must carry the day and the month.
        b.d?;
        a.m = Some(b.m?);
    }
    if a.y.is_none() && a.year_offset.is_none() {
        a.y = b.y;
        a.year_offset = b.year_offset;
        if let (Some(y), Some(am), Some(bm)) = (a.y, a.m, b.m)
            && (am, a.d) > (bm, b.d)
        {
            a.y = Some(y - 1);
        }
    }
    if let (Some(va), Some(vb)) = (a.value(), b.value())
        && va.first_day() > vb.last_day()
    {
        return None;
    }
    if a.y.is_none() && b.y.is_none() && a.m == b.m && a.d > b.d {
        return None;
    }
    Some(a)
}
