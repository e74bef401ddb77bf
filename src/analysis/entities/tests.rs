//! Entity finder tests: each names the phrasing it covers.

use super::find_entities;
use crate::analysis::gazetteer::Gazetteer;
use crate::analysis::model::{EntityKind, FoundMention};
use crate::corpus::article_from_text;
use std::sync::OnceLock;

fn builtin() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::builtin().expect("built-in gazetteer"))
}

fn found(text: &str) -> Vec<FoundMention> {
    found_with(text, builtin())
}

fn found_with(text: &str, g: &Gazetteer) -> Vec<FoundMention> {
    let a = article_from_text("t", "t", text, None);
    find_entities(&a, g)
}

/// (surface, canonical name, kind) of every mention.
fn triples(text: &str) -> Vec<(String, String, EntityKind)> {
    let a = article_from_text("t", "t", text, None);
    find_entities(&a, builtin())
        .into_iter()
        .map(|m| {
            (
                m.span.slice(&a.body).to_string(),
                m.name.to_string(),
                m.kind,
            )
        })
        .collect()
}

fn has(text: &str, surface: &str, name: &str, kind: EntityKind) -> bool {
    triples(text)
        .iter()
        .any(|(s, n, k)| s == surface && n == name && *k == kind)
}

fn mention<'a>(ms: &'a [FoundMention], body: &str, surface: &str) -> Option<&'a FoundMention> {
    ms.iter().find(|m| m.span.slice(body) == surface)
}

#[test]
fn accent_folded_and_spelling_variants_of_tinzaouatene() {
    for spelling in [
        "Tinzaouatène",
        "Tinzaouaten",
        "Tin Zaouatine",
        "Tin-Zaouatene",
        "TINZAOUATENE",
    ] {
        let text = format!("Troops moved towards {spelling} on Monday.");
        assert!(
            has(&text, spelling, "Tinzaouatène", EntityKind::Place),
            "{spelling}: {:?}",
            triples(&text)
        );
    }
    assert!(has(
        "Clashes near Segou.",
        "Segou",
        "Ségou",
        EntityKind::Place
    ));
}

#[test]
fn french_spellings_map_to_canonical_names() {
    let t = "L'Algérie et la CEDEAO critiquent l'armée malienne à Tombouctou; les Forces armées maliennes démentent.";
    assert!(
        has(t, "Algérie", "Algeria", EntityKind::Country),
        "{:?}",
        triples(t)
    );
    assert!(has(t, "CEDEAO", "ECOWAS", EntityKind::Organization));
    assert!(has(
        t,
        "armée malienne",
        "Malian Armed Forces",
        EntityKind::Military
    ));
    assert!(has(t, "Tombouctou", "Timbuktu", EntityKind::Place));
    assert!(has(
        t,
        "Forces armées maliennes",
        "Malian Armed Forces",
        EntityKind::Military
    ));
}

#[test]
fn acronyms_are_case_sensitive() {
    let t = "The AES met in Niamey. Let us see whether aes or Aes appear.";
    let ts = triples(t);
    let aes: Vec<_> = ts
        .iter()
        .filter(|(_, n, _)| n == "Alliance of Sahel States")
        .collect();
    assert_eq!(aes.len(), 1, "{ts:?}");
    assert!(!ts.iter().any(|(s, _, _)| s == "us"), "{ts:?}");
    assert!(has(
        "US drones flew.",
        "US",
        "United States",
        EntityKind::Country
    ));
    assert!(has(
        "FAMas and VDPs patrolled.",
        "FAMas",
        "Malian Armed Forces",
        EntityKind::Military
    ));
    assert!(has(
        "FAMas and VDPs patrolled.",
        "VDPs",
        "VDP",
        EntityKind::ArmedGroup
    ));
}

#[test]
fn proper_names_need_a_capital_first_letter() {
    let ts = triples("Do not chad the niger grain; mali is not a word here.");
    assert!(ts.is_empty(), "{ts:?}");
}

#[test]
fn whole_words_only_niger_is_not_nigeria() {
    let t = "Nigeria and Niger signed; a Nigerien officer and Somalia's envoy met Malik.";
    let ts = triples(t);
    assert!(has(t, "Nigeria", "Nigeria", EntityKind::Country));
    assert!(has(t, "Niger", "Niger", EntityKind::Country));
    assert!(has(t, "Nigerien", "Niger", EntityKind::Country));
    assert!(has(t, "Somalia", "Somalia", EntityKind::Country));
    assert!(!ts.iter().any(|(_, n, _)| n == "Mali"), "{ts:?}");
    assert_eq!(
        ts.iter().filter(|(_, n, _)| n == "Niger").count(),
        2,
        "{ts:?}"
    );
}

#[test]
fn demonyms_are_flagged_mentions_of_the_country() {
    let t = "Malian officials met Algerians; une délégation malienne était là.";
    let a = article_from_text("t", "t", t, None);
    let ms = find_entities(&a, builtin());
    for surface in ["Malian", "malienne"] {
        let m = mention(&ms, &a.body, surface).expect(surface);
        assert_eq!(
            (&*m.name, m.kind, m.demonym),
            ("Mali", EntityKind::Country, true)
        );
    }
    let m = mention(&ms, &a.body, "Algerians").expect("plural demonym");
    assert_eq!((&*m.name, m.demonym), ("Algeria", true));
    assert!(has(
        "Malian troops advanced.",
        "Malian troops",
        "Malian Armed Forces",
        EntityKind::Military
    ));
}

#[test]
fn parents_come_from_the_gazetteer() {
    let t = "Algiers warned the FAMa.";
    let a = article_from_text("t", "t", t, None);
    let ms = find_entities(&a, builtin());
    let algiers = mention(&ms, &a.body, "Algiers").expect("Algiers");
    assert_eq!(algiers.parent.as_deref(), Some("Algeria"));
    assert!(algiers.linked && !algiers.demonym);
    let fama = mention(&ms, &a.body, "FAMa").expect("FAMa");
    assert_eq!(fama.parent.as_deref(), Some("Mali"));
}

#[test]
fn hyphenated_compounds() {
    // A compound with its own alias is one mention.
    let t = "Operations targeted the CSP-JNIM near Kidal.";
    let ts = triples(t);
    assert!(
        has(t, "CSP-JNIM", "CSP-JNIM", EntityKind::ArmedGroup),
        "{ts:?}"
    );
    assert!(
        !ts.iter().any(|(s, _, _)| s == "JNIM" || s == "CSP"),
        "{ts:?}"
    );
    // Two known names joined by a hyphen are two mentions.
    let t = "The Algeria-Mali joint commission met.";
    assert!(has(t, "Algeria", "Algeria", EntityKind::Country));
    assert!(has(t, "Mali", "Mali", EntityKind::Country));
    // Hyphen and space spellings of one alias agree.
    assert!(has(
        "A Pantsir-S1 battery.",
        "Pantsir-S1",
        "Pantsir S-1",
        EntityKind::Equipment
    ));
    assert!(has(
        "Liptako Gourma zone",
        "Liptako Gourma",
        "Liptako-Gourma",
        EntityKind::Place
    ));
}

#[test]
fn offsets_are_bytes_of_the_original_text_after_multibyte_characters() {
    let t = "Ségou, Ménaka — « Tombouctou » : l’Algérie et N’Djamena.";
    let a = article_from_text("t", "t", t, None);
    let ms = find_entities(&a, builtin());
    let surfaces: Vec<&str> = ms.iter().map(|m| m.span.slice(&a.body)).collect();
    assert_eq!(
        surfaces,
        ["Ségou", "Ménaka", "Tombouctou", "Algérie", "N’Djamena"]
    );
}

fn unknown(text: &str, surface: &str) -> Option<EntityKind> {
    let a = article_from_text("t", "t", text, None);
    find_entities(&a, builtin())
        .into_iter()
        .find(|m| m.span.slice(&a.body) == surface && !m.linked)
        .map(|m| m.kind)
}

#[test]
fn unknown_names_with_person_cues() {
    use EntityKind::Person;
    assert_eq!(
        unknown("He met President Oumarou Zanga yesterday.", "Oumarou Zanga"),
        Some(Person)
    );
    assert_eq!(
        unknown(
            "the former Ghanaian President Kwesi Arthur said",
            "Kwesi Arthur"
        ),
        Some(Person)
    );
    assert_eq!(unknown("He spoke to Mr Zanga.", "Zanga"), Some(Person));
    assert_eq!(
        unknown(
            "the analyst Bakary Sambe said the plan failed",
            "Bakary Sambe"
        ),
        Some(Person)
    );
    assert_eq!(
        unknown("Critics such as Kwame Odoi said it failed.", "Kwame Odoi"),
        Some(Person)
    );
}

#[test]
fn unknown_names_with_armed_group_cues() {
    use EntityKind::ArmedGroup;
    // A sentence-initial adjective is not part of the name.
    assert_eq!(
        unknown("Suspected Kel Essuk militants attacked.", "Kel Essuk"),
        Some(ArmedGroup)
    );
    assert_eq!(
        unknown(
            "suspected Tabital Pulaaku militants attacked",
            "Tabital Pulaaku"
        ),
        Some(ArmedGroup)
    );
    assert_eq!(
        unknown("the Azalai Movement claimed it.", "Azalai Movement"),
        Some(ArmedGroup)
    );
    assert_eq!(
        unknown(
            "the Tinfadimata Patriotic Front claimed it.",
            "Tinfadimata Patriotic Front"
        ),
        Some(ArmedGroup)
    );
    assert_eq!(
        unknown("the Ganda Brigade claimed it.", "Ganda Brigade"),
        Some(ArmedGroup)
    );
    assert_eq!(
        unknown("fighters of the Soumaila group were seen", "Soumaila"),
        Some(ArmedGroup)
    );
}

#[test]
fn unknown_names_with_place_cues() {
    use EntityKind::Place;
    assert_eq!(
        unknown("An attack near Kourkou killed two.", "Kourkou"),
        Some(Place)
    );
    assert_eq!(
        unknown("They fled the village of Dinangourou.", "Dinangourou"),
        Some(Place)
    );
    assert_eq!(
        unknown("Fighting in Bouka Weré continued.", "Bouka Weré"),
        Some(Place)
    );
    assert_eq!(
        unknown("the town of Yirgou was burnt", "Yirgou"),
        Some(Place)
    );
}

#[test]
fn unknown_names_with_military_and_organization_cues() {
    use EntityKind::{Military, Organization};
    assert_eq!(
        unknown("the Zarandi Armed Forces moved", "Zarandi Armed Forces"),
        Some(Military)
    );
    assert_eq!(unknown("a Kourou army patrol", "Kourou"), Some(Military));
    assert_eq!(
        unknown("the Sahel Mining Group said", "Sahel Mining Group"),
        None
    );
    assert_eq!(
        unknown("the Kaydan Mining Group said", "Kaydan Mining Group"),
        Some(Organization)
    );
    assert_eq!(
        unknown("the Tuwo Customs Union met", "Tuwo Customs Union"),
        Some(Organization)
    );
    assert_eq!(
        unknown("the Ministry of Mines said", "Ministry of Mines"),
        Some(Organization)
    );
    assert_eq!(
        unknown("the Bani Water Agency said", "Bani Water Agency"),
        Some(Organization)
    );
    assert_eq!(
        unknown(
            "the Zarma Solidarity Organisation said",
            "Zarma Solidarity Organisation"
        ),
        Some(Organization)
    );
}

#[test]
fn unknown_words_without_a_cue_are_left_out() {
    let ts = triples(
        "However, Several Reports came out. In March, Security forces said nothing. Justice was done.",
    );
    assert!(ts.is_empty(), "{ts:?}");
    // Sentence-initial function words are not part of a name.
    assert_eq!(
        unknown("The Kaydan Mining Group said.", "The Kaydan Mining Group"),
        None
    );
    assert_eq!(
        unknown("The Kaydan Mining Group said.", "Kaydan Mining Group"),
        Some(EntityKind::Organization)
    );
}

#[test]
fn one_surface_is_one_entity_in_an_article() {
    let t = "Gunmen struck near Kourkou on Monday. Kourkou is now empty. Kourkou residents fled.";
    let a = article_from_text("t", "t", t, None);
    let ms = find_entities(&a, builtin());
    let kourkou: Vec<_> = ms
        .iter()
        .filter(|m| m.span.slice(&a.body) == "Kourkou")
        .collect();
    assert_eq!(kourkou.len(), 3, "{ms:?}");
    assert!(
        kourkou
            .iter()
            .all(|m| m.kind == EntityKind::Place && !m.linked)
    );
    // A known person's surname alone is that person.
    let t = "Interim President Ahmed Attaf spoke. Later Attaf left.";
    let ts = triples(t);
    assert_eq!(
        ts.iter().filter(|(_, n, _)| n == "Ahmed Attaf").count(),
        2,
        "{ts:?}"
    );
}

#[test]
fn incident_report_phrasing() {
    let t = "On 12 March 2020, suspected JNIM militants attacked a FAMa post near Boni (Douentza, Mopti).";
    let ts = triples(t);
    let got: Vec<(&str, &str)> = ts
        .iter()
        .map(|(s, n, _)| (s.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("JNIM", "JNIM"),
            ("FAMa", "Malian Armed Forces"),
            ("Boni", "Boni"),
            ("Douentza", "Douentza"),
            ("Mopti", "Mopti")
        ]
    );
}

#[test]
fn user_gazetteer_replaces_and_adds_entries() {
    let user = r#"
place = [ { name = "Kourkou", aliases = ["Kurku"], parent = "Mali" } ]
armed_group = [ { name = "JNIM", aliases = ["Nusrat"] } ]
"#;
    let mut g = Gazetteer::builtin().expect("builtin");
    let before = g.entries().len();
    g.merge(Gazetteer::from_toml_str(user).expect("user file"))
        .expect("merge");
    assert_eq!(g.entries().len(), before + 1);
    let t = "Nusrat fighters reached Kurku; JNIM denied it. Russia agreed.";
    let a = article_from_text("t", "t", t, None);
    let ms = found_with(t, &g);
    let kurku = mention(&ms, &a.body, "Kurku").expect("added entry");
    assert_eq!(
        (&*kurku.name, kurku.parent.as_deref(), kurku.linked),
        ("Kourkou", Some("Mali"), true)
    );
    assert_eq!(
        mention(&ms, &a.body, "Nusrat").map(|m| &*m.name),
        Some("JNIM")
    );
    // The replaced entry keeps only what the user wrote: "JNIM" itself is still its name.
    assert!(mention(&ms, &a.body, "JNIM").is_some());
    let jnim = g.get("JNIM").expect("JNIM");
    assert_eq!(jnim.aliases, ["Nusrat"]);
    assert!(
        mention(&ms, &a.body, "Russia").is_some(),
        "built-in entries stay"
    );
    assert!(
        found("Nusrat fighters").iter().all(|m| &*m.name != "JNIM"),
        "built-in untouched"
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_gives_char_aligned_ordered_spans(text in "(\\PC|[ .,'’\\-éÉßİı(\\n]|Mali|AES|Tin-Zaouatène){0,80}") {
            let ms = found(&text);
            let a = article_from_text("t", "t", &text, None);
            let mut last_end = 0;
            for m in ms {
                prop_assert!(a.body.is_char_boundary(m.span.start()) && a.body.is_char_boundary(m.span.end()));
                prop_assert!(m.span.start() < m.span.end() && m.span.start() >= last_end);
                last_end = m.span.end();
            }
        }
    }
}

#[test]
fn two_names_joined_by_and_or_of_stay_apart() {
    let t = "Reporting by Jane Doe and Kwesi Arthur; analyst Ulf Laessing of the Konrad Adenauer Foundation agreed.";
    assert_eq!(unknown(t, "Jane Doe"), Some(EntityKind::Person));
    assert_eq!(unknown(t, "Kwesi Arthur"), Some(EntityKind::Person));
    assert_eq!(unknown(t, "Ulf Laessing"), Some(EntityKind::Person));
    assert_eq!(
        unknown(t, "Konrad Adenauer Foundation"),
        Some(EntityKind::Organization)
    );
    // Inside an institution "and" is part of the name.
    let t = "the Ministry of Defence and Veterans Affairs denied it";
    assert_eq!(
        unknown(t, "Ministry of Defence and Veterans Affairs"),
        Some(EntityKind::Organization)
    );
}

#[test]
fn bracketed_acronym_names_the_entity_before_it() {
    let t =
        "the Front for the Liberation of the Azawad Homeland (FLAH) emerged; FLAH fighters left.";
    let a = article_from_text("t", "t", t, None);
    let ms = find_entities(&a, builtin());
    let long = "Front for the Liberation of the Azawad Homeland";
    let flah: Vec<_> = ms
        .iter()
        .filter(|m| m.span.slice(&a.body) == "FLAH")
        .collect();
    assert_eq!(flah.len(), 2, "{ms:?}");
    assert!(
        flah.iter()
            .all(|m| *m.name == *long && m.kind == EntityKind::ArmedGroup)
    );
    // The gazetteer place inside the longer name is not a separate mention.
    assert!(mention(&ms, &a.body, "Azawad").is_none(), "{ms:?}");
}

#[test]
fn demonym_before_an_institution_is_part_of_its_name() {
    let t = "Aid came from the Danish Refugee Council.";
    assert_eq!(
        unknown(t, "Danish Refugee Council"),
        Some(EntityKind::Organization)
    );
    assert!(!has(t, "Danish", "Denmark", EntityKind::Country));
}

#[test]
fn codes_and_headlines_are_not_names() {
    assert_eq!(unknown("on the RN16 road near Gao", "RN"), None);
    let ts =
        triples("Escalating Tensions Between Algeria And Mali: Risks Of Military Confrontation");
    assert!(
        ts.iter().all(|(s, _, _)| s == "Algeria" || s == "Mali"),
        "{ts:?}"
    );
}

#[test]
fn names_in_brackets_after_a_place_are_places() {
    let t = "On 5 June, JNIM abducted 3 people in Djibasso (Kossi, Boucle du Mouhoun).";
    assert_eq!(unknown(t, "Djibasso"), Some(EntityKind::Place));
    assert_eq!(unknown(t, "Kossi"), Some(EntityKind::Place));
    assert_eq!(unknown(t, "Boucle du Mouhoun"), Some(EntityKind::Place));
    let t = "Gunmen killed two civilians near Boni (Douentza, Mopti).";
    assert!(has(t, "Douentza", "Douentza", EntityKind::Place));
}

#[test]
fn title_and_surname_link_to_the_one_gazetteer_person() {
    let t = "On Thursday, President Traoré visited Dori.";
    let a = article_from_text("t", "t", t, None);
    let ms = find_entities(&a, builtin());
    let m = mention(&ms, &a.body, "Traoré").expect("Traoré");
    assert_eq!((&*m.name, m.linked), ("Ibrahim Traoré", true));
}

#[test]
fn a_longer_alias_failing_its_case_rule_gives_way_to_a_shorter_one_at_the_same_start() {
    let user = r#"
place = [ { name = "Red Hill" }, { name = "red" } ]
"#;
    let mut g = Gazetteer::builtin().expect("builtin");
    g.merge(Gazetteer::from_toml_str(user).expect("user file"))
        .expect("merge");
    let t = "Fighters crossed the red hill at dawn. Then Red Hill fell.";
    let a = article_from_text("t", "t", t, None);
    let ms = found_with(t, &g);
    // "red hill" is not written as the name "Red Hill" asks, but the lower-case alias "red"
    // that starts there matches in any case.
    let names: Vec<(&str, &str)> = ms
        .iter()
        .map(|m| (&a.body[m.span.start()..m.span.end()], &*m.name))
        .collect();
    assert_eq!(names, [("red", "red"), ("Red Hill", "Red Hill")]);
}

mod cover {
    use super::super::Cover;
    use proptest::prelude::*;

    proptest! {
        /// The index answers as the scan of every span it replaced.
        #[test]
        fn covers_as_the_scan_of_every_span(
            spans in proptest::collection::vec((0usize..40, 0usize..10), 0..30),
            start in 0usize..50,
            len in 0usize..10,
        ) {
            let spans: Vec<(usize, usize)> = spans.into_iter().map(|(s, l)| (s, s + l)).collect();
            let end = start + len;
            let cover = Cover::new(spans.iter().copied());
            let want = spans.iter().any(|&(s, e)| s <= start && end <= e);
            prop_assert_eq!(cover.covers(start, end), want);
        }
    }
}
