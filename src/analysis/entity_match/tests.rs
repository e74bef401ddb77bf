//! What an entity filter covers, on the hand-made Maghreb analysis (a capital and national
//! forces nested under Morocco) and a real gazetteer's spellings.

use super::*;
use crate::briefing::fixtures::maghreb;

fn covered(an: &Analysis, asked: &str) -> Resolved {
    EntityMatch::resolve(an, &[asked]).asked.remove(0)
}

#[test]
fn an_alias_is_found_without_accents_or_case() {
    let an = maghreb();
    for asked in ["algérie", "ALGERIE", "Algérie", "algerian", "Algeria"] {
        let r = covered(&an, asked);
        assert_eq!(r.entities, ["Algeria"], "{asked}");
        assert_eq!(r.nested, ["Algiers"], "{asked}");
    }
    assert_eq!(covered(&an, "maroc").entities, ["Morocco"]);
    assert_eq!(covered(&an, "Royaume du Maroc").entities, ["Morocco"]);
}

#[test]
fn a_country_covers_its_capital_and_forces_and_says_so() {
    let an = maghreb();
    let m = EntityMatch::resolve(&an, &["Morocco"]);
    for name in ["Morocco", "Rabat", "Royal Moroccan Armed Forces", "Figuig"] {
        assert!(m.covers(name), "{name}");
    }
    assert!(!m.covers("Algeria") && !m.covers("Algiers"));
    assert_eq!(
        m.describe(),
        "Morocco (with Figuig, Royal Moroccan Armed Forces, Rabat)"
    );
    assert_eq!(
        covered(&an, "algérie").describe(),
        "Algeria (for \"algérie\"; with Algiers)"
    );
    // A nested entity covers only itself and what is under it.
    let rabat = EntityMatch::resolve(&an, &["rabat"]);
    assert!(rabat.covers("Rabat") && !rabat.covers("Morocco"));
    assert_eq!(rabat.describe(), "Rabat");
}

#[test]
fn a_name_nothing_goes_by_is_reported_unknown() {
    let an = maghreb();
    let m = EntityMatch::resolve(&an, &["Atlantis", "Mali"]);
    assert_eq!(m.unknown(), ["Atlantis"]);
    assert_eq!(m.describe(), "\"Atlantis\" or Mali");
    // A gazetteer name absent from the corpus names nothing either.
    assert_eq!(covered(&an, "Niger").entities, Vec::<Name>::new());
}

#[test]
fn mention_text_and_actor_names_are_the_last_resorts() {
    let an = maghreb();
    // "Moroccan troops" is how one article mentions the national forces.
    let r = covered(&an, "moroccan troops");
    assert_eq!(r.entities, ["Royal Moroccan Armed Forces"]);
    let mut an = an;
    an.timeline[0].actors = crate::analysis::names_from(vec!["Polisario Front".into()]);
    assert_eq!(
        covered(&an, "polisario front").entities,
        ["Polisario Front"]
    );
}

#[test]
fn events_are_kept_by_role_or_by_a_mention_in_their_sentence() {
    let an = maghreb();
    let m = EntityMatch::resolve(&an, &["Morocco"]);
    let ready = m.events(&an);
    let kept: Vec<usize> = (0..an.timeline.len())
        .filter(|&i| {
            let t = &an.timeline[i];
            ready.keeps(&t.occurrences, &t.actors, &t.targets)
        })
        .collect();
    let kinds: Vec<&str> = kept.iter().map(|&i| an.timeline[i].kind.as_str()).collect();
    // Rabat's recall, the army's deployment, the accusation against Morocco, and the mediation
    // offer that only mentions it ("Maroc"); not Mali's airspace closure.
    assert_eq!(
        kinds,
        [
            "diplomatic_rupture",
            "deployment",
            "accusation",
            "mediation"
        ]
    );
    // Nothing asked keeps everything.
    let all = EntityMatch::default();
    assert!(all.events(&an).keeps(&[], &[], &[]));
}

#[test]
fn a_loop_of_parents_ends() {
    let mut an = maghreb();
    for e in &mut an.entities {
        if e.name == "Morocco" {
            e.parent = Some("Rabat".into());
        }
    }
    let m = EntityMatch::resolve(&an, &["Rabat"]);
    assert!(m.covers("Morocco") && m.covers("Royal Moroccan Armed Forces"));
}
