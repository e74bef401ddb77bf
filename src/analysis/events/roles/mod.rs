//! Who acts and who is acted on. The sentence is read as words around the trigger: the subject
//! of a verbal trigger acts and its object suffers ("gunmen ambushed a convoy"), a passive turns
//! them round ("a patrol was ambushed by JNIM"), "by X" names the doer and "against X" the
//! target, a nominal trigger takes its doer from what modifies it ("Malian airstrikes") or from
//! the subject of its light verb ("X launched an offensive"). Each phrase names sides through
//! [`sides`]. Where the sentence does not say who, no one is guessed.

mod phrase;
mod sides;
mod tokens;
pub mod words;

use super::lexicon::Role;
use super::scan::Sentence;
use crate::analysis::Name;
use crate::analysis::model::{ArticleEntity, EventKind};
use phrase::Class;
use sides::{Slot, Want, push};
use tokens::Tok;
use words::Words;

/// A sentence's tokens and the entities its mentions point at.
pub struct Reader<'a> {
    s: &'a Sentence<'a>,
    entities: &'a [ArticleEntity],
    toks: Vec<Tok>,
}

impl Reader<'_> {
    fn words(&self) -> &Words {
        &self.s.lex.role_words
    }

    /// The lower-cased text of token `i`.
    fn word(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.s.norm.text[t.start..t.end]
    }

    /// True when the word before `start` makes a bare form a verb: "to lift", "will expel".
    fn after_infinitive_or_modal(&self, start: usize) -> bool {
        let lo = self.toks.partition_point(|t| t.end <= start);
        lo.checked_sub(1).is_some_and(|p| {
            self.toks[p].mention.is_none() && self.words().modals.contains(self.word(p))
        })
    }

    /// The first token of the trigger and the one after it. A mention that starts before the
    /// trigger and runs into it ("Malian [troops killed]") stays whole on the left.
    fn trigger(&self, start: usize, end: usize) -> (usize, usize, usize) {
        let lo = self.toks.partition_point(|t| t.end <= start);
        let hi = self.toks.partition_point(|t| t.start < end).max(lo);
        let mut left = lo;
        if let Some(m) = self.toks.get(lo).and_then(|t| t.mention)
            && self.s.mentions[m].start < start
        {
            while self.toks.get(left).is_some_and(|t| t.mention == Some(m)) {
                left += 1;
            }
        }
        (left, lo, hi)
    }
}

/// The marker roles a hit carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Actor,
    Target,
    Of,
}

fn mark_of(s: &Sentence, h: &super::scan::Hit) -> Option<Mark> {
    s.roles(h).iter().find_map(|r| match r {
        Role::ActorMarker => Some(Mark::Actor),
        Role::TargetMarker => Some(Mark::Target),
        Role::OfMarker => Some(Mark::Of),
        _ => None,
    })
}

/// True when a passive auxiliary stands right before a verbal trigger ("was attacked").
fn passive(s: &Sentence, start: usize, verbal: bool) -> bool {
    verbal
        && s.with_role(|r| matches!(r, Role::Passive))
            .any(|h| h.end <= start && s.governs(h.end, start, 1))
}

/// What a trigger is, as the role rules need it.
struct Trigger {
    start: usize,
    end: usize,
    verbal: bool,
    kind: EventKind,
}

/// Actors and targets of the trigger at `[start, end)`.
pub fn participants(
    s: &Sentence,
    entities: &[ArticleEntity],
    start: usize,
    end: usize,
    verbal: bool,
    kind: EventKind,
) -> (Vec<Name>, Vec<Name>) {
    let r = Reader {
        s,
        entities,
        toks: tokens::tokenize(s),
    };
    let verbal = verbal || r.after_infinitive_or_modal(start);
    let t = Trigger {
        start,
        end,
        verbal,
        kind,
    };
    let (mut actors, mut targets) = r.marked(&t);
    let (left, lo, hi) = r.trigger(start, end);
    if let Some(patient) = r.opening_patient(lo, hi) {
        // "[Two soldiers were wounded] by gunmen": the phrase that opens the trigger suffers.
        extend(&mut targets, r.sides(&patient, want(Slot::Target, false)));
    } else if passive(s, start, verbal) {
        let subject = r.verbal_subject(left);
        extend(&mut targets, r.sides(&subject, want(Slot::Target, false)));
    } else {
        r.active(&t, (left, lo, hi), &mut actors, &mut targets);
    }
    targets.retain(|t| !actors.contains(t));
    (actors, targets)
}

/// "recalled its ambassador from Algiers": in relations between states a capital named as the
/// other side stands for its state; an attacked or occupied town stays a place.
fn capital_stands(kind: EventKind) -> bool {
    use crate::analysis::model::Family;
    matches!(kind.family(), Family::Cooperation | Family::VerbalConflict)
        || matches!(kind, EventKind::DiplomaticRupture | EventKind::Sanction)
}

fn want(slot: Slot, place_acts: bool) -> Want {
    Want { slot, place_acts }
}

fn extend(list: &mut Vec<Name>, names: Vec<Name>) {
    for n in names {
        push(list, n);
    }
}

impl Reader<'_> {
    /// The subject and object of an active trigger; a nominal one takes an object when it
    /// reads as a verb ("gunmen attack a village") or names its doer ("a bomber kills ...").
    fn active(
        &self,
        t: &Trigger,
        (left, lo, hi): (usize, usize, usize),
        actors: &mut Vec<Name>,
        targets: &mut Vec<Name>,
    ) {
        let subject = if t.verbal {
            self.verbal_subject(left)
        } else {
            self.nominal_subject(left)
        };
        if actors.is_empty() {
            extend(actors, self.sides(&subject, want(Slot::Actor, true)));
        }
        // "[killed 20 militants]" names its victims, "[a suicide bomber]" its doer.
        let agent = actors.is_empty() && !t.verbal && {
            extend(actors, self.agent_trigger(left, lo, hi));
            !actors.is_empty()
        };
        if !targets.is_empty() {
            return;
        }
        let verb_like = t.verbal || hi > lo + 1 || self.bare_head_before(left);
        if verb_like {
            extend(targets, self.object(lo, hi, t.verbal));
        } else if agent && self.toks.get(hi).is_some() && self.class(hi) == Class::Other {
            extend(
                targets,
                self.sides(&self.read_right(hi + 1), want(Slot::Target, false)),
            );
        }
    }

    /// True when a head without possessive stands right before token `left`: a nominal
    /// trigger after it is its verb ("Gunmen attack").
    fn bare_head_before(&self, left: usize) -> bool {
        left.checked_sub(1)
            .is_some_and(|p| self.is_head(p) && !self.toks[p].possessive)
    }

    /// The phrase that opens a trigger and suffers it: before a passive auxiliary inside the
    /// trigger ("[soldiers are wounded]") or a victim before the verb ("[people killed]").
    fn opening_patient(&self, lo: usize, hi: usize) -> Option<Vec<usize>> {
        let k = (lo + 1..hi).find(|&k| {
            let aux = self
                .s
                .with_role(|r| matches!(r, Role::Passive))
                .any(|h| h.start == self.toks[k].start);
            let victim = self.words().victims.contains(self.word(k - 1))
                && !self.words().agents.contains(self.word(k - 1));
            aux || (victim && (self.class(k) == Class::Other || self.skippable(k)))
        })?;
        Some(self.read_left(k))
    }

    /// The sides after role markers that follow the trigger in its clause: "by X", "against
    /// X", "between X and Y", "the withdrawal of X".
    fn marked(&self, t: &Trigger) -> (Vec<Name>, Vec<Name>) {
        let (mut actors, mut targets) = (Vec::new(), Vec::new());
        for h in self.s.hits.iter().filter(|h| h.start >= t.start) {
            let Some(mark) = mark_of(self.s, h) else {
                continue;
            };
            let inside = h.start < t.end;
            let from = self.toks.partition_point(|k| k.start < h.end);
            let near = inside || self.reaches(t.end, h.start);
            match mark {
                Mark::Of if t.verbal => {}
                Mark::Of if inside || (near && self.s.norm.words_between(t.end, h.start) == 0) => {
                    let of_actor = self.s.lex.of_actor.contains(&t.kind);
                    let phrase = self.read_right(from);
                    if of_actor {
                        extend(&mut actors, self.sides(&phrase, want(Slot::Actor, false)));
                    } else {
                        extend(
                            &mut targets,
                            self.sides(&phrase, want(Slot::Target, capital_stands(t.kind))),
                        );
                    }
                }
                Mark::Actor if near && self.word(from.saturating_sub(1)) == "between" => {
                    let mut both = self.sides(&self.read_right(from), want(Slot::Actor, true));
                    if !both.is_empty() {
                        extend(&mut actors, vec![both.remove(0)]);
                        extend(&mut targets, both);
                    }
                }
                Mark::Actor if near => {
                    let phrase = self.read_right(from);
                    extend(&mut actors, self.sides(&phrase, want(Slot::Actor, false)));
                }
                Mark::Target if near && self.recipient_to(t.end, from) => {
                    let phrase = self.read_right(from);
                    extend(
                        &mut targets,
                        self.sides(&phrase, want(Slot::Target, capital_stands(t.kind))),
                    );
                }
                _ => {}
            }
        }
        (actors, targets)
    }

    /// "to" marks a recipient ("apologised to Morocco") only before a phrase, not a verb ("to
    /// bomb"), and only for the trigger's own verb phrase (not "... and surrendered to X").
    fn recipient_to(&self, end: usize, from: usize) -> bool {
        if from == 0 || self.word(from - 1) != "to" {
            return true;
        }
        let first = self.toks.partition_point(|k| k.start < end);
        let next_is_verb = from < self.toks.len() && self.class(from) == Class::Other;
        !next_is_verb && !(first..from).any(|i| self.class(i) == Class::Conj)
    }

    /// True when a marker at `at` belongs to the trigger ending at `end`: close, in its clause,
    /// and not behind a preposition that opens another phrase ("killed in an attack on X").
    fn reaches(&self, end: usize, at: usize) -> bool {
        let (a, b) = (
            self.toks.partition_point(|k| k.start < end),
            self.toks.partition_point(|k| k.start < at),
        );
        at >= end
            && self.s.norm.words_between(end, at) <= self.s.lex.role_window
            && !self.s.norm.bound_between(end, at)
            && !self.s.breaker_between(end, at)
            && !(a..b).any(|i| self.class(i) == Class::Locative)
    }

    /// The subject of a verbal trigger starting at token `left`: the phrase before it, past
    /// auxiliaries and adverbs; for "X attacked Y, killing Z" or "X stormed Y and killed Z",
    /// the subject that opens the sentence.
    fn verbal_subject(&self, left: usize) -> Vec<usize> {
        let mut i = left;
        let mut relative = false;
        // "X agreed to lift", "X has threatened to cut": the subject of the verb that governs
        // the infinitive does the act (two such verbs at most: "X plans to try to").
        let mut governing = 0;
        loop {
            while i > 0 && self.skippable(i - 1) {
                relative |= matches!(self.word(i - 1), "who" | "which" | "that");
                i -= 1;
            }
            let infinitive = self.toks.get(i).is_some_and(|_| i < left) && self.word(i) == "to";
            if !(infinitive && governing < 2 && i > 0 && self.class(i - 1) == Class::Other) {
                break;
            }
            governing += 1;
            i -= 1;
        }
        if i == 0 {
            return Vec::new();
        }
        match self.class(i - 1) {
            Class::Comma if relative => self.read_left(i - 1),
            Class::Comma if self.word(left).ends_with("ing") => self.opening_subject(),
            Class::Conj => self.opening_subject(),
            _ => self.read_left(i),
        }
    }

    fn skippable(&self, i: usize) -> bool {
        self.toks[i].mention.is_none() && self.words().skip.contains(self.word(i))
    }

    /// The phrase that opens the sentence, when it opens with one.
    fn opening_subject(&self) -> Vec<usize> {
        if self.toks.is_empty() {
            return Vec::new();
        }
        let opens = matches!(self.class(0), Class::Det | Class::Mention | Class::Inner)
            || (self.toks[0].capital && !self.toks[0].locative);
        if opens {
            self.read_right(0)
        } else {
            Vec::new()
        }
    }

    /// The doer of a nominal trigger: what modifies it ("Malian airstrikes", "Mali's
    /// withdrawal"), else the subject of the light verb before it ("X launched an offensive").
    fn nominal_subject(&self, left: usize) -> Vec<usize> {
        let Some(prev) = left.checked_sub(1) else {
            return Vec::new();
        };
        if matches!(
            self.class(prev),
            Class::Mention | Class::Inner | Class::Capital
        ) || self.toks[prev].possessive
        {
            let p = self.read_left(left);
            if !p.is_empty() {
                return p;
            }
        }
        let mut j = left;
        for _ in 0..4 {
            if let Some(verb_start) = self.light_verb_ending(j) {
                return self.verbal_subject(verb_start);
            }
            match j.checked_sub(1) {
                Some(k) if matches!(self.class(k), Class::Det | Class::Inner | Class::Other) => {
                    j = k
                }
                _ => break,
            }
        }
        Vec::new()
    }

    /// The first token of a light verb ("carried out") that ends right before token `end`.
    fn light_verb_ending(&self, end: usize) -> Option<usize> {
        self.words().light_verbs.iter().find_map(|form| {
            let start = end.checked_sub(form.len())?;
            let same = (start..end).zip(form).all(|(i, w)| {
                self.toks[i].mention.is_none() && self.class(i) != Class::Comma && self.word(i) == w
            });
            same.then_some(start)
        })
    }

    /// A trigger that names its doer ("a suicide bomber"), with what modifies it.
    fn agent_trigger(&self, left: usize, lo: usize, hi: usize) -> Vec<Name> {
        let last = hi.checked_sub(1).filter(|&l| l >= lo);
        if !last.is_some_and(|l| self.words().agents.contains(self.word(l))) {
            return Vec::new();
        }
        let mut phrase = self.read_left(left);
        phrase.extend(left.max(lo)..hi);
        self.sides(&phrase, want(Slot::Actor, false))
    }

    /// The object of an active verbal trigger: the phrase after it, else the one that ends it
    /// ("[killed dozens of civilians]"; not "[strengthened its military presence]").
    fn object(&self, lo: usize, hi: usize, verbal: bool) -> Vec<Name> {
        // A cue with a gap holds its object: "[asked Togo to]", "[recalled its ambassador]";
        // a noun's own words are no object ("[suicide bomber]").
        if hi > lo + 1 && (verbal || self.class(lo) == Class::Other) {
            let inside = self.read_right(lo + 1);
            // The phrase ends the cue or a function word follows it ("to"); a noun after it
            // makes it a modifier ("[strengthened its military presence]").
            let closed =
                |l: usize| l + 1 == hi || (l + 1 < hi && self.class(l + 1) == Class::Locative);
            if inside.last().is_some_and(|&l| closed(l)) {
                let named = self.sides(&inside, want(Slot::Target, false));
                if !named.is_empty() {
                    return named;
                }
            }
        }
        self.sides(&self.read_right(hi), want(Slot::Target, false))
    }
}
