//! Word forms generated from lemmas: verb inflections (-s, -ed, -ing, irregular pasts) and noun
//! plurals, so the lexicon lists "attack" once and matches attacks/attacked/attacking.

use std::collections::HashMap;

/// One surface form of a lemma; `verbal` is true for the forms that can only be verbs
/// (-ed, -ing, irregular pasts), false for the bare and -s forms that may also be nouns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    pub verbal: bool,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Consonant-vowel-consonant ending whose last consonant may double ("kidnap" → "kidnapped").
fn doubles(word: &str) -> bool {
    let c: Vec<char> = word.chars().rev().take(3).collect();
    c.len() == 3
        && !is_vowel(c[0])
        && !matches!(c[0], 'w' | 'x' | 'y')
        && c[0].is_alphabetic()
        && is_vowel(c[1])
        && !is_vowel(c[2])
}

fn ends_consonant_y(word: &str) -> bool {
    let mut it = word.chars().rev();
    matches!((it.next(), it.next()), (Some('y'), Some(c)) if !is_vowel(c))
}

/// The -s form of a verb, also the plural of a noun.
pub fn plural(word: &str) -> String {
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}es")
    } else if ends_consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// Every form of a verb lemma, the lemma first.
pub fn verb_forms(lemma: &str, irregular: &HashMap<String, Vec<String>>) -> Vec<Form> {
    let mut out = vec![
        Form {
            text: lemma.to_string(),
            verbal: false,
        },
        Form {
            text: plural(lemma),
            verbal: false,
        },
    ];
    let mut verbal = Vec::new();
    if let Some(stem) = lemma.strip_suffix('e') {
        verbal.push(format!("{lemma}d"));
        if let Some(stem) = lemma.strip_suffix("ie") {
            verbal.push(format!("{stem}ying"));
        } else if lemma.ends_with("ee") || lemma.ends_with("oe") || lemma.ends_with("ye") {
            verbal.push(format!("{lemma}ing"));
        } else {
            verbal.push(format!("{stem}ing"));
        }
    } else if ends_consonant_y(lemma) {
        verbal.push(format!("{}ied", &lemma[..lemma.len() - 1]));
        verbal.push(format!("{lemma}ing"));
    } else {
        verbal.push(format!("{lemma}ed"));
        verbal.push(format!("{lemma}ing"));
        if doubles(lemma) {
            let last = lemma.chars().last().unwrap_or_default();
            verbal.push(format!("{lemma}{last}ed"));
            verbal.push(format!("{lemma}{last}ing"));
        }
    }
    if let Some(extra) = irregular.get(lemma) {
        verbal.extend(extra.iter().cloned());
    }
    for text in verbal {
        if !out.iter().any(|f| f.text == text) {
            out.push(Form { text, verbal: true });
        }
    }
    out
}

/// A noun and its plural (the plural of the last word of a compound).
pub fn noun_forms(noun: &str) -> Vec<String> {
    let (head, last) = match noun.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), noun),
    };
    vec![noun.to_string(), format!("{head}{}", plural(last))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lemma: &str) -> Vec<String> {
        let mut irr = HashMap::new();
        irr.insert(
            "withdraw".to_string(),
            vec!["withdrew".to_string(), "withdrawn".to_string()],
        );
        verb_forms(lemma, &irr)
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn attack_gives_attacks_attacked_attacking() {
        assert_eq!(
            texts("attack"),
            ["attack", "attacks", "attacked", "attacking"]
        );
    }

    #[test]
    fn kidnap_doubles_its_consonant_and_deploy_keeps_its_y() {
        let k = texts("kidnap");
        assert!(k.contains(&"kidnapped".to_string()) && k.contains(&"kidnapping".to_string()));
        assert_eq!(
            texts("deploy"),
            ["deploy", "deploys", "deployed", "deploying"]
        );
        assert!(texts("ally").contains(&"allied".to_string()));
    }

    #[test]
    fn final_e_is_dropped_before_ing_and_irregulars_are_added() {
        let m = texts("massacre");
        assert!(m.contains(&"massacred".to_string()) && m.contains(&"massacring".to_string()));
        assert!(texts("flee").contains(&"fleeing".to_string()));
        assert!(texts("withdraw").contains(&"withdrew".to_string()));
    }

    #[test]
    fn only_past_and_gerund_forms_are_verbal() {
        let forms = verb_forms("deploy", &HashMap::new());
        let verbal: Vec<&str> = forms
            .iter()
            .filter(|f| f.verbal)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(verbal, ["deployed", "deploying"]);
    }

    #[test]
    fn nouns_get_plurals_on_their_last_word() {
        assert_eq!(noun_forms("air strike"), ["air strike", "air strikes"]);
        assert_eq!(noun_forms("refugee"), ["refugee", "refugees"]);
        assert_eq!(noun_forms("ambush"), ["ambush", "ambushes"]);
        assert_eq!(noun_forms("casualty"), ["casualty", "casualties"]);
    }
}
