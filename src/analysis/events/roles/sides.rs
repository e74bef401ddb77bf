//! From a noun phrase to the sides it names: each conjunct's entities ("Wagner mercenaries and
//! Malian troops" are two), a country only where the head word makes it act ("Malian troops",
//! "Mali's ministry", never "Nigerian miners"), a capital for its state where it may act, and a
//! plain description ("unidentified gunmen") when no entity is named.

use super::Reader;
use super::phrase::Class;
use crate::analysis::Name;
use crate::analysis::model::EntityKind;

/// Where the phrase stands: what it may name besides entities.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Slot {
    /// The doer: an agent description ("gunmen", "police") may stand for it.
    Actor,
    /// The one acted on: a victim description ("villagers") may stand for it too.
    Target,
}

/// What a phrase names, and whether a place in it may stand for its state (a subject, "between
/// Rabat and Bamako"; never an object: a town attacked is a place).
pub struct Want {
    pub slot: Slot,
    pub place_acts: bool,
}

impl Reader<'_> {
    /// The sides a phrase names, in order.
    pub fn sides(&self, phrase: &[usize], want: Want) -> Vec<Name> {
        let mut out = Vec::new();
        let conjuncts: Vec<&[usize]> = phrase
            .split(|&i| matches!(self.class(i), Class::Conj | Class::Comma))
            .filter(|c| !c.is_empty())
            .collect();
        for (k, c) in conjuncts.iter().enumerate() {
            let shared = conjuncts.get(k + 1).and_then(|n| self.head_word(n));
            // "of" links a head to what it belongs to ("members of X", "a convoy of Y"): the
            // entities of the last part name the side, else the head before it does.
            for part in c.split(|&i| self.class(i) == Class::Of).rev() {
                let before = out.len();
                self.conjunct(part, shared, &want, &mut out);
                if out.len() > before {
                    break;
                }
            }
        }
        out
    }

    /// The last listed word of a conjunct, if it ends with one.
    fn head_word(&self, c: &[usize]) -> Option<usize> {
        c.last()
            .copied()
            .filter(|&i| self.class(i) == Class::Inner && self.is_head(i))
    }

    /// The sides of one conjunct; `shared` is the head of the next conjunct, which a bare
    /// demonym shares ("Nigerian and Chadian miners").
    fn conjunct(&self, c: &[usize], shared: Option<usize>, want: &Want, out: &mut Vec<Name>) {
        let mut named = false;
        let mut k = 0;
        while k < c.len() {
            let i = c[k];
            let Some(m) = self.toks[i].mention else {
                k += 1;
                continue;
            };
            // A mention runs over several tokens; the words after it are its head.
            let last = c[k..]
                .iter()
                .take_while(|&&j| self.toks[j].mention == Some(m))
                .count()
                + k;
            named = true;
            let head = c[last..]
                .iter()
                .rev()
                .find(|&&j| self.class(j) == Class::Inner)
                .copied()
                .or(shared.filter(|_| last == c.len()));
            let possessive = self.toks[c[last - 1]].possessive;
            if let Some(name) = self.mention_side(m, head, possessive, want, last == c.len()) {
                push(out, name);
            }
            k = last;
        }
        if !named && let Some(d) = self.description(c, want.slot) {
            push(out, d);
        }
    }

    /// The side a mention names given the head word after it.
    fn mention_side(
        &self,
        m: usize,
        head: Option<usize>,
        possessive: bool,
        want: &Want,
        bare: bool,
    ) -> Option<Name> {
        let mention = &self.s.mentions[m];
        let e = self.entities.get(mention.entity)?;
        match e.kind {
            EntityKind::Equipment => None,
            EntityKind::Place if want.place_acts && bare => e.parent.clone(),
            EntityKind::Place => None,
            EntityKind::Country => match head {
                None => Some(e.name.clone()),
                Some(h) if self.words().state_agents.contains(self.word(h)) => {
                    Some(self.forces_of(&e.name, h, possessive))
                }
                // A nationality of people ("Nigerian miners") or things is no side.
                Some(_) => None,
            },
            _ => Some(e.name.clone()),
        }
    }

    /// "Mali's army": the country's armed forces when the article names them, else the country.
    fn forces_of(&self, country: &Name, head: usize, possessive: bool) -> Name {
        let force = self.words().forces.contains(self.word(head));
        let forces = self.entities.iter().find(|e| {
            e.kind == EntityKind::Military && e.parent.as_ref().is_some_and(|p| p == country)
        });
        match forces {
            Some(f) if possessive && force => f.name.clone(),
            _ => country.clone(),
        }
    }

    /// A plain description ("unidentified gunmen") when its head is a listed noun.
    fn description(&self, c: &[usize], slot: Slot) -> Option<Name> {
        let &head = c.last()?;
        let w = self.word(head);
        let words = self.words();
        // A weapon ("drones") is never a side: only agents and, as targets, victims describe one.
        // A state's agent with no state named ("the ministry", "officials") still says who acts.
        let ok = words.agents.contains(w)
            || (slot == Slot::Actor && words.state_agents.contains(w))
            || (slot == Slot::Target && words.victims.contains(w));
        if !ok || self.class(head) != Class::Inner {
            return None;
        }
        // The listed or capitalised words that run up to the head ("unidentified gunmen").
        let from = c
            .iter()
            .rposition(|&i| !matches!(self.class(i), Class::Inner | Class::Capital))
            .map_or(0, |p| p + 1);
        let text: Vec<String> = c[from..].iter().map(|&i| self.surface(i)).collect();
        Some(Name::from(text.join(" ")))
    }

    /// A word as written if it is a name inside the sentence, else lower-cased.
    fn surface(&self, i: usize) -> String {
        let t = &self.toks[i];
        if t.capital && i > 0 {
            self.s
                .norm
                .to_body(t.start, t.end)
                .slice(self.s.body)
                .to_string()
        } else {
            self.word(i).to_string()
        }
    }
}

pub fn push(list: &mut Vec<Name>, name: Name) {
    if !list.contains(&name) && list.len() < 3 {
        list.push(name);
    }
}
