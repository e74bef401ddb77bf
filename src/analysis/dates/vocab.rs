//! The date vocabulary: `assets/dates.toml` parsed with serde, then compiled into one lookup
//! table from a lower-case word to everything that word can do in a date expression.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) const BUILTIN: &str = include_str!("../../../assets/dates.toml");

/// Calendar units of relative expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

/// Direction words: deictic (from the publication date) or anaphoric (from the text's last date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Dir {
    Last,
    Next,
    This,
    Same,
    Following,
    Previous,
}

/// A month name as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MonthWord {
    pub month: u8,
    /// An abbreviation ("Mar"): counts only next to a day or a year.
    pub abbr: bool,
    /// Counts only with an initial capital.
    pub capitalized: bool,
    /// Also a common word ("May"): alone it needs a date context.
    pub ambiguous: bool,
}

/// Everything one word can be in a date expression. Most words have a single facet.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordInfo {
    pub month: Option<MonthWord>,
    /// 0 = Monday .. 6 = Sunday.
    pub weekday: Option<u8>,
    pub day_offset: Option<i8>,
    pub anaphoric_day: Option<i8>,
    pub part_of_day: bool,
    /// `Some(needs_of)` for a part-of-period word.
    pub modifier: Option<bool>,
    /// The month a season starts in.
    pub season: Option<u8>,
    pub unit: Option<Unit>,
    pub number: Option<u8>,
    pub dir: Option<Dir>,
    pub year_before: bool,
    pub article: bool,
    pub of_word: bool,
    pub of_head: bool,
    pub count_noun: bool,
    pub number_marker: bool,
    pub range_opener: bool,
    /// "and", "or": a year right after a date and one of these is a date ("in 2012 and 2015").
    pub coordinator: bool,
    /// `Some(needs_opener)` for a range joiner.
    pub range_joiner: Option<bool>,
    pub ago_after: bool,
    /// First word of an "ago" phrase placed before the count ("il y a").
    pub ago_before_start: bool,
    pub earlier_later: bool,
    pub future_cue: bool,
    pub past_cue: bool,
}

/// Month names, relative words and context words, compiled for lookup.
#[derive(Clone, Debug)]
pub struct DateVocab {
    index: HashMap<String, u16, BuildHasherDefault<Fnv>>,
    /// One bit per [`ascii_key`] of the index's ASCII words: most words of a text are none of
    /// the vocabulary's, and this tells most of them so without lowercasing and hashing them.
    ascii_keys: Vec<u64>,
    words: Vec<WordInfo>,
    /// Multi-word "ago" phrases placed before the count, as lower-case word lists.
    pub(crate) ago_before: Vec<Vec<String>>,
}

impl DateVocab {
    /// The vocabulary embedded in the binary (`assets/dates.toml`).
    pub fn builtin() -> Result<Self> {
        Self::from_toml_str(BUILTIN).context("invalid built-in assets/dates.toml")
    }

    /// A vocabulary from the text of a file laid out like `assets/dates.toml`.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let file: VocabFile = toml::from_str(text)?;
        compile(file)
    }

    /// A vocabulary from a user file laid out like `assets/dates.toml`.
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read date vocabulary {}", path.display()))?;
        Self::from_toml_str(&text)
            .with_context(|| format!("invalid date vocabulary {}", path.display()))
    }

    /// False when the ASCII word `word` (any case) is surely not in the vocabulary; true when it
    /// may be.
    pub(crate) fn may_hold_ascii(&self, word: &[u8]) -> bool {
        let k = ascii_key(word);
        self.ascii_keys
            .get(k / 64)
            .is_some_and(|w| w & (1 << (k % 64)) != 0)
    }

    /// What a lower-case word can be, as an index for [`DateVocab::info`].
    pub(crate) fn lookup(&self, lower: &str) -> Option<u16> {
        self.index.get(lower).copied()
    }

    pub(crate) fn info(&self, index: u16) -> &WordInfo {
        &self.words[usize::from(index)]
    }

    fn entry(&mut self, word: &str) -> Result<&mut WordInfo> {
        let word = word.to_lowercase();
        let next = self.words.len();
        let i = match self.index.get(&word) {
            Some(&i) => i,
            None => {
                let i = u16::try_from(next).context("too many words in the date vocabulary")?;
                if word.is_ascii() {
                    let k = ascii_key(word.as_bytes());
                    self.ascii_keys[k / 64] |= 1 << (k % 64);
                }
                self.index.insert(word, i);
                self.words.push(WordInfo::default());
                i
            }
        };
        Ok(&mut self.words[usize::from(i)])
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabFile {
    months: Vec<MonthTable>,
    words: WordsTable,
    modifiers: BTreeMap<String, bool>,
    seasons: BTreeMap<String, u8>,
    day_offsets: BTreeMap<String, i8>,
    anaphoric_days: BTreeMap<String, i8>,
    units: BTreeMap<String, Unit>,
    directions: BTreeMap<String, Dir>,
    numbers: BTreeMap<String, u8>,
    context: ContextTable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthTable {
    lang: String,
    capitalized: bool,
    names: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<Vec<String>>,
    #[serde(default)]
    variants: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsTable {
    ambiguous_months: Vec<String>,
    weekdays: Vec<Vec<String>>,
    parts_of_day: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextTable {
    year_before: Vec<String>,
    articles: Vec<String>,
    of_words: Vec<String>,
    of_heads: Vec<String>,
    count_nouns: Vec<String>,
    number_markers: Vec<String>,
    range_openers: Vec<String>,
    range_joiners: Vec<String>,
    joiners_after_opener: Vec<String>,
    coordinators: Vec<String>,
    ago_after: Vec<String>,
    ago_before: Vec<String>,
    earlier_later: Vec<String>,
    future_cues: Vec<String>,
    past_cues: Vec<String>,
}

/// Number of distinct [`ascii_key`]s.
const ASCII_KEYS: usize = 1 << 15;

/// A case-blind key of an ASCII word: its length (up to 31) and the low five bits of its first
/// two bytes, which are the same for a letter in either case.
fn ascii_key(word: &[u8]) -> usize {
    let low = |i: usize| usize::from(word.get(i).copied().unwrap_or(0) & 31);
    (word.len().min(31) << 10) | (low(0) << 5) | low(1)
}

fn compile(file: VocabFile) -> Result<DateVocab> {
    let mut v = DateVocab {
        index: HashMap::default(),
        ascii_keys: vec![0; ASCII_KEYS / 64],
        words: Vec::new(),
        ago_before: Vec::new(),
    };
    for table in &file.months {
        add_months(&mut v, table, &file.words.ambiguous_months)?;
    }
    if file.words.weekdays.len() != 7 {
        bail!("`weekdays` must list 7 days, Monday first");
    }
    for (d, names) in file.words.weekdays.iter().enumerate() {
        for name in names {
            v.entry(name)?.weekday = Some(d as u8);
        }
    }
    for w in &file.words.parts_of_day {
        v.entry(w)?.part_of_day = true;
    }
    for (w, &needs_of) in &file.modifiers {
        v.entry(w)?.modifier = Some(needs_of);
    }
    for (w, &m) in &file.seasons {
        if !(1..=12).contains(&m) {
            bail!("season `{w}` starts in month {m}, not 1..=12");
        }
        v.entry(w)?.season = Some(m);
    }
    for (w, &n) in &file.day_offsets {
        v.entry(w)?.day_offset = Some(n);
    }
    for (w, &n) in &file.anaphoric_days {
        v.entry(w)?.anaphoric_day = Some(n);
    }
    for (w, &u) in &file.units {
        v.entry(w)?.unit = Some(u);
    }
    for (w, &d) in &file.directions {
        v.entry(w)?.dir = Some(d);
    }
    for (w, &n) in &file.numbers {
        v.entry(w)?.number = Some(n);
    }
    add_context(&mut v, &file.context)?;
    Ok(v)
}

fn add_months(v: &mut DateVocab, t: &MonthTable, ambiguous: &[String]) -> Result<()> {
    if t.names.len() != 12 {
        bail!("months `{}`: `names` must list 12 months", t.lang);
    }
    for (list, what) in [
        (&t.abbreviations, "abbreviations"),
        (&t.variants, "variants"),
    ] {
        if !list.is_empty() && list.len() != 12 {
            bail!("months `{}`: `{what}` must have 12 entries", t.lang);
        }
    }
    for m in 0..12 {
        let mut forms: Vec<(&String, bool)> = vec![(&t.names[m], false)];
        forms.extend(t.variants.get(m).into_iter().flatten().map(|w| (w, false)));
        forms.extend(
            t.abbreviations
                .get(m)
                .into_iter()
                .flatten()
                .map(|w| (w, true)),
        );
        for (word, abbr) in forms {
            let is_ambiguous = ambiguous.iter().any(|a| a.eq_ignore_ascii_case(word));
            let info = v.entry(word)?;
            let new = MonthWord {
                month: m as u8 + 1,
                abbr,
                capitalized: t.capitalized,
                ambiguous: is_ambiguous,
            };
            info.month = Some(match info.month {
                // The same spelling in two languages: the laxer case rule wins.
                Some(old) if old.month == new.month => MonthWord {
                    capitalized: old.capitalized && new.capitalized,
                    abbr: old.abbr && new.abbr,
                    ..old
                },
                Some(old) => bail!("`{word}` names month {} and month {}", old.month, new.month),
                None => new,
            });
        }
    }
    Ok(())
}

fn add_context(v: &mut DateVocab, c: &ContextTable) -> Result<()> {
    type Setter = fn(&mut WordInfo);
    let lists: [(&Vec<String>, Setter); 12] = [
        (&c.coordinators, |i| i.coordinator = true),
        (&c.year_before, |i| i.year_before = true),
        (&c.articles, |i| i.article = true),
        (&c.of_words, |i| i.of_word = true),
        (&c.of_heads, |i| i.of_head = true),
        (&c.count_nouns, |i| i.count_noun = true),
        (&c.number_markers, |i| i.number_marker = true),
        (&c.range_openers, |i| i.range_opener = true),
        (&c.range_joiners, |i| i.range_joiner = Some(false)),
        (&c.joiners_after_opener, |i| i.range_joiner = Some(true)),
        (&c.ago_after, |i| i.ago_after = true),
        (&c.earlier_later, |i| i.earlier_later = true),
    ];
    for (list, set) in lists {
        for w in list {
            set(v.entry(w)?);
        }
    }
    for w in &c.future_cues {
        v.entry(w)?.future_cue = true;
    }
    for w in &c.past_cues {
        v.entry(w)?.past_cue = true;
    }
    for phrase in &c.ago_before {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first() else {
            bail!("empty phrase in `ago_before`");
        };
        v.entry(first)?.ago_before_start = true;
        v.ago_before.push(words);
    }
    Ok(())
}

/// FNV-1a: words are short, so a simple hash beats SipHash here; the keys come from our own
/// vocabulary, so hash flooding is not a concern.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ascii_word_of_the_vocabulary_passes_the_filter_in_any_case() {
        let v = DateVocab::builtin().expect("vocabulary");
        let ascii: Vec<&String> = v.index.keys().filter(|w| w.is_ascii()).collect();
        assert!(ascii.len() > 50, "{} ASCII words", ascii.len());
        for w in ascii {
            let upper = w.to_ascii_uppercase();
            let title: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            for form in [w.as_str(), &upper, &title] {
                assert!(v.may_hold_ascii(form.as_bytes()), "{form}");
            }
        }
    }
}
