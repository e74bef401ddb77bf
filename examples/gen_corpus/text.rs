//! Clean article text from the templates: titles, sentences with or without a date phrase,
//! paragraphs of a target length.

use super::prng::Rng;
use super::vocab::{Phrasing, Vocab, category};
use sitrep::date::DateValue;

/// Share of sentences that carry an event (reported, potential, proposed or negated).
const EVENT_SHARE: f64 = 0.35;
/// Weights of reported, potential, proposed and negated phrasings.
const PHRASING_WEIGHTS: [u32; 4] = [70, 12, 10, 8];
/// Weights of: no date, a day, a month, a year, a relative phrase, a range of years.
const DATE_WEIGHTS: [u32; 6] = [35, 25, 12, 10, 15, 3];
/// Share of background sentences that get a date phrase anyway.
const BACKGROUND_DATED: f64 = 0.1;

/// One generated sentence and the event it carries, if any.
pub struct Sentence {
    pub text: String,
    pub words: usize,
    /// Index into `vocab.kinds` and the phrasing, for event sentences.
    pub event: Option<(usize, Phrasing)>,
}

/// Fills and phrases templates with one article's random stream.
pub struct Writer<'a> {
    pub vocab: &'a Vocab,
    pub rng: &'a mut Rng,
    /// The article's publication date, or a stand-in for undated ones; dates are drawn before it.
    pub anchor: DateValue,
}

impl Writer<'_> {
    /// Replaces every `{placeholder}`; `{x2}` differs from `{x}` when the category allows it.
    pub fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 48);
        let mut chosen: Vec<(&str, String)> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                rest = &rest[open..];
                break;
            };
            let name = &after[..close];
            let value = match chosen.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => v.clone(),
                None => {
                    let v = self.distinct_value(name, &chosen);
                    chosen.push((name, v.clone()));
                    v
                }
            };
            out.push_str(&value);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn distinct_value(&mut self, name: &str, chosen: &[(&str, String)]) -> String {
        let cat = category(name);
        let mut v = self.value(cat);
        for _ in 0..4 {
            let clash = chosen
                .iter()
                .any(|(n, other)| category(n) == cat && *other == v);
            if !clash {
                break;
            }
            v = self.value(cat);
        }
        v
    }

    fn value(&mut self, cat: &str) -> String {
        match cat {
            "unknown" => self.unknown_name(),
            "number" => self.rng.range(2, 80).to_string(),
            "big_number" => thousands(self.rng.range(1_000, 50_000)),
            "year" => self.rng.range(2005, 2018).to_string(),
            "weekday" => self.rng.pick(&self.vocab.weekdays).clone(),
            "date" => self.day_text(self.anchor),
            _ => match self.vocab.entities.get(cat) {
                Some(values) => self.rng.pick(values).clone(),
                None => cat.to_string(),
            },
        }
    }

    /// An invented capitalised name of two or three syllables.
    pub fn unknown_name(&mut self) -> String {
        let n = self.rng.range(2, 3);
        let mut name = String::new();
        for _ in 0..n {
            name.push_str(self.rng.pick(&self.vocab.syllables).as_str());
        }
        capitalise(&name)
    }

    /// "12 March 2024" or "March 12, 2024".
    fn day_text(&mut self, d: DateValue) -> String {
        let month = &self.vocab.months[usize::from(d.month.unwrap_or(1)) - 1];
        let day = d.day.unwrap_or(1);
        if self.rng.chance(0.8) {
            format!("{day} {month} {}", d.year)
        } else {
            format!("{month} {day}, {}", d.year)
        }
    }

    /// A date phrase for the start ("On 12 March 2024") or the end ("on 12 March 2024") of a
    /// sentence; `None` for an undated sentence.
    fn date_phrase(&mut self) -> Option<String> {
        let back = self.rng.below(400) as i64;
        let d = DateValue::from_days(self.anchor.first_day() - back);
        let phrase = match self.rng.weighted(&DATE_WEIGHTS) {
            0 => return None,
            1 => format!("on {}", self.day_text(d)),
            2 => format!(
                "in {} {}",
                self.vocab.months[usize::from(d.month.unwrap_or(1)) - 1],
                d.year
            ),
            3 => format!("in {}", d.year - self.rng.below(6) as i32),
            4 => {
                let rel = self.rng.pick(&self.vocab.relative_dates).clone();
                self.fill(&rel)
            }
            _ => {
                let from = d.year - 3 - self.rng.below(8) as i32;
                format!("between {from} and {}", from + 1 + self.rng.below(3) as i32)
            }
        };
        Some(phrase)
    }

    /// One sentence: an event of a random kind and phrasing, or a background sentence.
    pub fn sentence(&mut self) -> Sentence {
        let (template, event) = if self.rng.chance(EVENT_SHARE) {
            let k = self.rng.below(self.vocab.kinds.len());
            let phrasing = Phrasing::ALL[self.rng.weighted(&PHRASING_WEIGHTS)];
            let kind = &self.vocab.kinds[k];
            let list = match phrasing {
                Phrasing::Reported => &kind.reported,
                Phrasing::Potential => &kind.potential,
                Phrasing::Proposed => &kind.proposed,
                Phrasing::Negated => &kind.negated,
            };
            (self.rng.pick(list).clone(), Some((k, phrasing)))
        } else {
            (
                self.rng.pick(&self.vocab.background.sentences).clone(),
                None,
            )
        };
        let core = self.fill(&template);
        // Background sentences are rarely dated; event sentences often are.
        let date = if event.is_some() || self.rng.chance(BACKGROUND_DATED) {
            self.date_phrase()
        } else {
            None
        };
        let text = match date {
            Some(date) if self.rng.chance(0.5) => {
                format!("{}, {}.", capitalise(&date), core)
            }
            Some(date) => format!("{}.", capitalise(&format!("{core} {date}"))),
            None => format!("{}.", capitalise(&core)),
        };
        let words = text.split_whitespace().count();
        Sentence { text, words, event }
    }

    /// A headline from the title patterns.
    pub fn title(&mut self) -> String {
        let pattern = self.rng.pick(&self.vocab.titles.patterns).clone();
        capitalise(&self.fill(&pattern))
    }
}

/// The text with its first character upper-cased.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// 12345 → "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Lower-case ASCII words joined by '-', at most `max` bytes: a file or URL slug. Accented
/// Latin letters lose their accent; other characters separate words.
pub fn slug(text: &str, max: usize) -> String {
    let plain: String = text.chars().map(strip_accent).collect();
    let mut out = String::new();
    for word in plain.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if out.len() + word.len() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() {
        out.push_str("article");
    }
    out
}

/// The base letter of a common accented Latin letter.
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'û' | 'ü' | 'ù' | 'ú' => 'u',
        'ç' => 'c',
        'É' => 'E',
        _ => c,
    }
}
