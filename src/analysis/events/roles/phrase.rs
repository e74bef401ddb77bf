//! Noun phrases read outward from a trigger without a parser: leftward for the subject
//! ("Unidentified gunmen in the north | attacked"), rightward for the object or the phrase after
//! a marker ("by | JNIM fighters and bandits"). A phrase is the list of its token indices; a
//! locating phrase inside it ("in the north") is left out.

use super::Reader;
use super::tokens::Shape;

/// How a token may take part in a noun phrase.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
    Mention,
    /// Articles, numbers, quantifiers: they open a phrase and name nothing.
    Det,
    /// A listed modifier or head ("armed", "gunmen", "troops").
    Inner,
    /// A capitalised word that is no entity ("Jewish"): inside a phrase, never a side.
    Capital,
    Conj,
    Comma,
    Of,
    /// A preposition or role marker: it closes a phrase ("in", "by", "for").
    Locative,
    Other,
    Stop,
}

/// Longest phrase, in tokens: beyond it the reading has lost the sentence.
const MAX_TOKENS: usize = 16;
/// Unlisted lower-case words allowed before the head of a phrase read rightward.
const MAX_UNKNOWN: usize = 3;

/// A number, thousands marked or not ("12", "1,000").
fn number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',')
}

impl Reader<'_> {
    pub fn class(&self, i: usize) -> Class {
        let t = &self.toks[i];
        match t.shape {
            Shape::Comma => return Class::Comma,
            Shape::Stop => return Class::Stop,
            Shape::Word => {}
        }
        if t.mention.is_some() {
            return Class::Mention;
        }
        let w = self.word(i);
        let words = self.words();
        if w == "of" {
            Class::Of
        } else if words.conjunctions.contains(w) {
            Class::Conj
        } else if words.determiners.contains(w) || number(w) {
            Class::Det
        } else if words.inner(w) {
            Class::Inner
        } else if t.locative || t.marker || words.stops.contains(w) {
            Class::Locative
        } else if t.capital && !self.s.in_date(t.start, t.end) && i > 0 {
            Class::Capital
        } else {
            Class::Other
        }
    }

    /// True for a token that can be the head of a phrase: a mention or a listed head noun.
    pub fn is_head(&self, i: usize) -> bool {
        match self.class(i) {
            Class::Mention => true,
            Class::Inner => self.words().head(self.word(i)),
            _ => false,
        }
    }

    /// The phrase that ends right before token `end`, read leftward within its clause.
    pub fn read_left(&self, end: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut keep_from = 0;
        let mut i = end;
        while i > 0 && out.len() < MAX_TOKENS {
            i -= 1;
            let go = match self.class(i) {
                Class::Mention | Class::Det | Class::Inner | Class::Capital => true,
                Class::Conj | Class::Of => !out.is_empty(),
                Class::Comma => self.list_comma(&out),
                // "strikes by the army | killed": the agent phrase is the doer.
                Class::Locative if !out.is_empty() && self.toks[i].marker => break,
                // "after France withdrew": a word that opens a clause ends the phrase.
                Class::Locative if !out.is_empty() && !self.toks[i].locative => break,
                Class::Locative if !out.is_empty() => {
                    // "settlers in the West Bank": what follows "in" locates the head.
                    keep_from = out.len();
                    continue;
                }
                _ => false,
            };
            if !go {
                break;
            }
            out.push(i);
        }
        let mut kept: Vec<usize> = out[keep_from..].to_vec();
        kept.reverse();
        self.trim(kept)
    }

    /// A comma read leftward joins a list when an "and" of the same list follows it.
    fn list_comma(&self, right: &[usize]) -> bool {
        right
            .iter()
            .any(|&j| self.class(j) == Class::Conj && self.word(j) != "or")
    }

    /// The phrase that starts at token `from`, read rightward within its clause.
    pub fn read_right(&self, from: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut headed = false;
        let mut unknown = 0;
        let mut i = from;
        while i < self.toks.len() && out.len() < MAX_TOKENS {
            let go = match self.class(i) {
                Class::Mention | Class::Capital => true,
                // Listed words may follow a head ("a rebel base"); articles may not.
                Class::Inner => true,
                Class::Det => !headed || self.after_conj(&out),
                Class::Conj => headed,
                // "accused X of backing Y": a verb after "of" ends the phrase at X.
                Class::Of => !out.is_empty() && !self.gerund(i + 1),
                Class::Comma => headed && self.list_ahead(i),
                Class::Other => {
                    !headed && unknown < MAX_UNKNOWN && {
                        unknown += 1;
                        true
                    }
                }
                _ => false,
            };
            if !go {
                break;
            }
            headed |= self.is_head(i);
            if matches!(self.class(i), Class::Conj | Class::Comma | Class::Of) {
                headed = false;
                unknown = 0;
            }
            out.push(i);
            i += 1;
        }
        self.trim(out)
    }

    /// True when token `i` reads as a verb in -ing that no list names ("backing").
    fn gerund(&self, i: usize) -> bool {
        i < self.toks.len() && self.class(i) == Class::Other && self.word(i).ends_with("ing")
    }

    fn after_conj(&self, out: &[usize]) -> bool {
        out.last()
            .is_some_and(|&j| matches!(self.class(j), Class::Conj | Class::Comma | Class::Of))
    }

    /// A comma read rightward joins a list when an "and" follows before the phrase ends.
    fn list_ahead(&self, comma: usize) -> bool {
        for j in comma + 1..self.toks.len() {
            match self.class(j) {
                Class::Conj => return true,
                Class::Mention | Class::Det | Class::Inner | Class::Capital | Class::Comma => {}
                _ => return false,
            }
        }
        false
    }

    /// Drops what cannot end or open a phrase (a dangling "and", "of", unknown words).
    fn trim(&self, mut p: Vec<usize>) -> Vec<usize> {
        while p.last().is_some_and(|&j| !self.is_head(j)) {
            p.pop();
        }
        let lead = p
            .iter()
            .take_while(|&&j| matches!(self.class(j), Class::Conj | Class::Comma | Class::Of))
            .count();
        p.drain(..lead);
        p
    }
}
