//! Case-insensitive search: a match is a stretch of text whose per-character lowercase
//! (`char::to_lowercase`) equals the lowercased needle. Matches are leftmost, non-overlapping,
//! and given as byte spans into the original text.
//!
//! A [`Matcher`] is built once per query. It lists every spelling of (a piece of) the needle
//! whose lowercase is the needle's ("drone", "DrOnE"; "\u{212A}remlin" with a Kelvin sign) and
//! hands them to a multi-pattern searcher (SIMD Teddy, else Aho-Corasick). When the whole needle
//! has too many spellings, the piece with the most characters that has few enough becomes an
//! anchor, and the text around every hit is checked character by character.

use aho_corasick::{AhoCorasick, Input, MatchKind, Span, packed};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// At most this many spellings go into the anchor (the SIMD searcher takes up to 128).
const MAX_SPELLINGS: usize = 64;

/// The highest code point whose lowercase is not itself (a test checks the rest).
const LAST_CASED: u32 = 0x1FFFF;

/// The lowercase mapping, inverted.
struct Folding {
    /// For a character, the other characters whose lowercase is exactly it.
    single: HashMap<char, Vec<char>>,
    /// Characters whose lowercase has more than one character ("İ" → "i\u{307}"), with it.
    expanding: Vec<(char, Vec<char>)>,
}

fn folding() -> &'static Folding {
    static FOLDING: OnceLock<Folding> = OnceLock::new();
    FOLDING.get_or_init(Folding::build)
}

impl Folding {
    fn build() -> Folding {
        let mut single: HashMap<char, Vec<char>> = HashMap::new();
        let mut expanding = Vec::new();
        for c in (0..=LAST_CASED).filter_map(char::from_u32) {
            let low = c.to_lowercase();
            if low.len() > 1 {
                expanding.push((c, low.collect()));
            } else if let Some(l) = low.last().filter(|&l| l != c) {
                single.entry(l).or_default().push(c);
            }
        }
        Folding { single, expanding }
    }

    /// Every character whose lowercase is exactly `c`.
    fn spellings_of(&self, c: char) -> Vec<String> {
        let itself = c.to_lowercase().eq([c]).then_some(c);
        let others = self.single.get(&c).into_iter().flatten().copied();
        itself.into_iter().chain(others).map(String::from).collect()
    }

    /// The unit at the start of `rest` when it is the lowercase of an expanding character.
    fn expansion_at(&self, rest: &[char]) -> Option<Unit> {
        let (c, low) = self
            .expanding
            .iter()
            .find(|(_, low)| rest.starts_with(low))?;
        let parts: Vec<Vec<String>> = low.iter().map(|&l| self.spellings_of(l)).collect();
        let mut spellings = product(&parts);
        spellings.push(c.to_string());
        Some(Unit {
            chars: low.len(),
            spellings,
        })
    }
}

/// A piece of the lowercased needle and every way the text can spell it.
struct Unit {
    /// Lowercase characters it covers.
    chars: usize,
    spellings: Vec<String>,
}

/// Splits the lowercased needle into units; an expanding character's lowercase stays whole.
fn units(lower: &[char]) -> Vec<Unit> {
    let f = folding();
    let mut out = Vec::new();
    let mut rest = lower;
    while let Some(&c) = rest.first() {
        let unit = f.expansion_at(rest).unwrap_or_else(|| Unit {
            chars: 1,
            spellings: f.spellings_of(c),
        });
        rest = &rest[unit.chars..];
        out.push(unit);
    }
    out
}

/// Every concatenation of one spelling from each part, in order.
fn product(parts: &[Vec<String>]) -> Vec<String> {
    parts.iter().fold(vec![String::new()], |heads, part| {
        heads
            .iter()
            .flat_map(|h| part.iter().map(move |s| format!("{h}{s}")))
            .collect()
    })
}

/// The run of units covering the most lowercase characters with at most [`MAX_SPELLINGS`]
/// spellings in all; the first of equals.
fn best_window(units: &[Unit]) -> Range<usize> {
    let (mut best, mut best_chars) = (0..0, 0);
    let (mut lo, mut count, mut chars) = (0, 1, 0);
    for (hi, u) in units.iter().enumerate() {
        count *= u.spellings.len();
        chars += u.chars;
        while count > MAX_SPELLINGS {
            count /= units[lo].spellings.len();
            chars -= units[lo].chars;
            lo += 1;
        }
        if chars > best_chars {
            (best, best_chars) = (lo..hi + 1, chars);
        }
    }
    best
}

/// End of the match of `lower` starting at byte `at` of `hay`, if there is one.
fn match_at(hay: &str, at: usize, lower: &[char]) -> Option<usize> {
    let mut want = lower.iter();
    for (j, c) in hay[at..].char_indices() {
        if !c.to_lowercase().all(|l| want.next() == Some(&l)) {
            return None;
        }
        if want.len() == 0 {
            return Some(at + j + c.len_utf8());
        }
    }
    None
}

/// Finds the spellings of the anchor: SIMD where the processor has it, else an automaton.
enum Anchor {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Anchor {
    fn new(spellings: &[String]) -> Option<Anchor> {
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(spellings)
            .build();
        packed
            .map(Anchor::Packed)
            .or_else(|| Anchor::automaton(spellings))
    }

    fn automaton(spellings: &[String]) -> Option<Anchor> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(spellings)
            .ok()?;
        Some(Anchor::Automaton(ac))
    }

    /// The leftmost spelling in `hay` starting at or after `from`, as a byte span.
    fn find(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        let m = match self {
            Anchor::Packed(p) => p.find_in(hay, Span::from(from..hay.len())),
            Anchor::Automaton(ac) => ac.find(Input::new(hay).span(from..hay.len())),
        }?;
        Some((m.start(), m.end()))
    }
}

/// A compiled query.
pub struct Matcher {
    plan: Option<Plan>,
}

struct Plan {
    /// The lowercased needle.
    lower: Vec<char>,
    /// All spellings of the anchor piece.
    anchor: Anchor,
    /// Lowercase characters of the needle before the anchor.
    before: usize,
    /// The anchor is the whole needle, so every hit is a match.
    whole: bool,
}

impl Plan {
    fn new(needle: &str) -> Option<Plan> {
        let lower: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
        let units = units(&lower);
        if units.iter().any(|u| u.spellings.is_empty()) {
            return None;
        }
        let w = best_window(&units);
        if w.is_empty() {
            return None;
        }
        let parts: Vec<Vec<String>> = units[w.clone()]
            .iter()
            .map(|u| u.spellings.clone())
            .collect();
        let anchor = Anchor::new(&product(&parts))?;
        Some(Plan {
            before: units[..w.start].iter().map(|u| u.chars).sum(),
            whole: w.len() == units.len(),
            lower,
            anchor,
        })
    }
}

impl Matcher {
    /// Compiles `needle`; an empty needle matches nothing.
    pub fn new(needle: &str) -> Matcher {
        Matcher {
            plan: Plan::new(needle),
        }
    }

    /// The matches in `hay`, leftmost first, as byte spans.
    pub fn find_iter<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.plan
            .iter()
            .flat_map(move |plan| Matches { plan, hay, from: 0 })
    }

    /// Every match in `hay`.
    pub fn find_all(&self, hay: &str) -> Vec<(usize, usize)> {
        self.find_iter(hay).collect()
    }

    /// Is there a match in `hay`? Stops at the first.
    pub fn is_match(&self, hay: &str) -> bool {
        self.find_iter(hay).next().is_some()
    }

    /// Number of matches in `hay`.
    pub fn count(&self, hay: &str) -> usize {
        self.find_iter(hay).count()
    }
}

/// Finds every case-insensitive occurrence of `needle` in `hay`, as byte spans.
pub fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    Matcher::new(needle).find_all(hay)
}

/// The search state over one text: matches may only start at or after `from`.
struct Matches<'a> {
    plan: &'a Plan,
    hay: &'a str,
    from: usize,
}

impl Iterator for Matches<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let (hay, plan) = (self.hay, self.plan);
        while self.from < hay.len() {
            let (start, end) = plan.anchor.find(hay, self.from)?;
            if plan.whole {
                self.from = end;
                return Some((start, end));
            }
            let found = self
                .starts_before(start)
                .find_map(|s| match_at(hay, s, &plan.lower).map(|e| (s, e)));
            // Every start up to this hit has been tried; after a match, go on from its end.
            self.from = found.map_or(start + 1, |(_, e)| e);
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

impl Matches<'_> {
    /// Where a match whose anchor starts at `h` can start, in order: up to `before` characters
    /// back (each text character lowercases to one character or more), not before `from`.
    fn starts_before(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        let back = self.hay[..h].char_indices().rev().take(self.plan.before);
        let first = back.last().map_or(h, |(i, _)| i);
        self.hay[first..]
            .char_indices()
            .map(move |(i, _)| first + i)
            .take_while(move |&s| s <= h)
            .filter(|&s| s >= self.from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first matcher, kept as the reference: char by char from every position.
    fn reference(hay: &str, needle: &str) -> Vec<(usize, usize)> {
        let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut from = 0;
        'outer: for (i, _) in hay.char_indices() {
            if i < from {
                continue;
            }
            let mut want = needle.iter();
            let mut pending: Vec<char> = Vec::new();
            for (j, c) in hay[i..].char_indices() {
                pending.extend(c.to_lowercase());
                let end = i + j + c.len_utf8();
                while let Some(p) = pending.first() {
                    match want.next() {
                        Some(w) if w == p => {
                            pending.remove(0);
                        }
                        Some(_) => continue 'outer,
                        None => break,
                    }
                }
                if want.len() == 0 && pending.is_empty() {
                    out.push((i, end));
                    from = end;
                    continue 'outer;
                }
                if want.len() == 0 {
                    continue 'outer;
                }
            }
        }
        out
    }

    fn same(hay: &str, needle: &str) {
        assert_eq!(
            find_all(hay, needle),
            reference(hay, needle),
            "{needle:?} in {hay:?}"
        );
    }

    #[test]
    fn ascii_needles() {
        let hay = "Mali and MALI, Malian; maLI.";
        assert_eq!(find_all(hay, "mali"), [(0, 4), (9, 13), (15, 19), (23, 27)]);
        assert_eq!(find_all("aaaa", "aa"), [(0, 2), (2, 4)]);
        assert!(find_all(hay, "").is_empty());
        assert!(find_all(hay, "zzz").is_empty());
        assert!(Matcher::new("MALIAN").is_match(hay));
        assert_eq!(Matcher::new("mali").count(hay), 4);
    }

    #[test]
    fn accented_needles_match_either_case() {
        let hay = "près de TINZAOUATÈNE, à Tinzaouatène";
        let hits = find_all(hay, "tinzaouatène");
        assert_eq!(hits.len(), 2);
        assert_eq!(&hay[hits[0].0..hits[0].1], "TINZAOUATÈNE");
        assert_eq!(find_all("ÉCOLE école", "ÉcOlE"), [(0, 6), (7, 13)]);
    }

    #[test]
    fn lowercase_is_per_character() {
        // Σ lowercases to σ wherever it stands, so "σ" never finds the final "ς".
        assert_eq!(find_all("ΣΑΣ σας", "σ").len(), 3);
        assert_eq!(find_all("ΣΑΣ σας", "ς"), [(11, 13)]);
        // ß is its own lowercase and only ẞ lowercases to it; "ss" is not "ß".
        assert_eq!(find_all("Straße STRAẞE strasse", "straße").len(), 2);
        assert!(find_all("Straße", "strasse").is_empty());
        // The Kelvin sign lowercases to an ASCII k.
        assert_eq!(find_all("\u{212A}idal kidal", "KIDAL"), [(0, 7), (8, 13)]);
    }

    #[test]
    fn dotted_capital_i_is_two_lowercase_characters() {
        let hay = "İstanbul i\u{307}stanbul istanbul";
        assert_eq!(find_all(hay, "İSTANBUL"), [(0, 9), (10, 20)]);
        assert_eq!(find_all(hay, "istanbul"), [(21, 29)]);
        assert!(find_all("İ", "i").is_empty());
        assert_eq!(find_all("xİ", "\u{307}"), Vec::<(usize, usize)>::new());
        for needle in ["İ", "i\u{307}", "\u{307}", "İİ", "sİ"] {
            same("İ i\u{307}İI\u{307} sİsİ", needle);
        }
    }

    #[test]
    fn needles_with_many_spellings_use_an_anchor() {
        let needle = "ΣΕΙΣΜΌΣ ΣΤΗΝ ΑΘΉΝΑ";
        let m = Matcher::new(needle);
        assert!(m.plan.as_ref().is_some_and(|p| !p.whole && p.before > 0));
        // The final "ς" is not the lowercase of "Σ": only the first two are matches.
        let hay = "σεισμόσ στην αθήνα, Ο ΣΕΙΣΜΌΣ ΣΤΗΝ ΑΘΉΝΑ, σεισμός στην αθήνα";
        assert_eq!(m.find_all(hay).len(), 2);
        same(hay, needle);
        same("ααααааааα", "ΑΑΑΑΑΑΑ");
    }

    #[test]
    fn lowercase_changes_stop_at_the_checked_bound() {
        let above = (LAST_CASED + 1..=char::MAX as u32).filter_map(char::from_u32);
        assert!(above.into_iter().all(|c| c.to_lowercase().eq([c])));
    }

    #[test]
    fn only_dotted_capital_i_expands_and_no_character_has_many_spellings() {
        let f = folding();
        let expanding: Vec<char> = f.expanding.iter().map(|(c, _)| *c).collect();
        assert_eq!(expanding, ['İ']);
        assert!(f.single.values().all(|v| v.len() < MAX_SPELLINGS));
    }

    fn piece() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "B", "k", "K", "\u{212A}", "s", "S", "ß", "ẞ", "É", "é", "e", "E", "\u{301}", "İ",
            "i", "I", "ı", "\u{307}", "Σ", "σ", "ς", " ", "-", "日",
        ]);
        pieces.prop_map(str::to_string)
    }

    /// Flips the case of some characters of `s`, chosen by the bits of `mask`.
    fn mixed_case(s: &str, mask: u64) -> String {
        s.chars()
            .enumerate()
            .map(|(i, c)| match (mask >> (i % 64)) & 1 {
                1 => c.to_uppercase().collect::<String>(),
                _ => c.to_lowercase().collect(),
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn same_spans_as_the_reference(
            before in prop::collection::vec(piece(), 0..12),
            needle in prop::collection::vec(piece(), 1..10),
            after in prop::collection::vec(piece(), 0..12),
            mask in any::<u64>(),
        ) {
            let needle = needle.concat();
            let hay = format!("{}{}{}", before.concat(), mixed_case(&needle, mask), after.concat());
            prop_assert_eq!(find_all(&hay, &needle), reference(&hay, &needle));
            let m = Matcher::new(&needle);
            prop_assert_eq!(m.is_match(&hay), !reference(&hay, &needle).is_empty());
        }

        #[test]
        fn both_anchor_searchers_agree(
            hay in prop::collection::vec(piece(), 0..30),
            needle in prop::collection::vec(piece(), 1..4),
            from in 0usize..40,
        ) {
            let hay = hay.concat();
            let from = (0..=from.min(hay.len())).rev().find(|&i| hay.is_char_boundary(i));
            let units = units(&needle.concat().chars().flat_map(char::to_lowercase).collect::<Vec<_>>());
            let parts: Vec<Vec<String>> = units.into_iter().map(|u| u.spellings).collect();
            let spellings = product(&parts);
            let (fast, slow) = (Anchor::new(&spellings), Anchor::automaton(&spellings));
            let (Some(fast), Some(slow), Some(from)) = (fast, slow, from) else {
                return Err(TestCaseError::fail("no searcher"));
            };
            prop_assert_eq!(fast.find(&hay, from), slow.find(&hay, from));
        }

        #[test]
        fn same_spans_on_arbitrary_text(hay in "\\PC{0,40}", needle in "\\PC{1,4}") {
            prop_assert_eq!(find_all(&hay, &needle), reference(&hay, &needle));
        }
    }
}
