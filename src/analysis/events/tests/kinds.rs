//! The whole range of kinds, intent (harm without an attack frame is no violence) and targets
//! deciding the kind. Sentences are written for these tests.

use super::*;
use EventKind as K;

fn violent(body: &str) -> Vec<EventKind> {
    kinds(&detect(body))
        .into_iter()
        .filter(|k| k.is_violent())
        .collect()
}

#[test]
fn every_new_kind_fires_on_a_plain_sentence() {
    let cases = [
        (
            "The president hosted a summit of the coastal states on Tuesday.",
            K::Consultation,
        ),
        (
            "The president paid a state visit to the neighbouring kingdom.",
            K::Consultation,
        ),
        (
            "Both governments signed an agreement on border trade.",
            K::Agreement,
        ),
        (
            "The donor conference pledged emergency aid to the flooded provinces.",
            K::Aid,
        ),
        (
            "Instructors will train soldiers of the new border battalion.",
            K::Aid,
        ),
        (
            "The warring factions agreed a ceasefire at dawn.",
            K::Ceasefire,
        ),
        (
            "The ministry demanded the immediate release of the detained crew.",
            K::Demand,
        ),
        (
            "The junta rejected the regional bloc's transition timetable.",
            K::Rejection,
        ),
        (
            "The bloc imposed sanctions on the junta's leaders.",
            K::Sanction,
        ),
        (
            "The council lifted the arms embargo after the vote.",
            K::Concession,
        ),
        (
            "The rebels released twelve hostages on Friday.",
            K::Concession,
        ),
        (
            "Officers of the presidential guard staged a coup overnight.",
            K::Coup,
        ),
        (
            "A magnitude 6 earthquake struck the coastal region.",
            K::Disaster,
        ),
        (
            "Ministers met with their counterparts from the coastal states.",
            K::Consultation,
        ),
        (
            "The government froze the assets of the smuggling network.",
            K::Sanction,
        ),
    ];
    for (body, kind) in cases {
        let got = kinds(&detect(body));
        assert!(got.contains(&kind), "{kind} in {body:?}: got {got:?}");
    }
}

#[test]
fn every_kind_has_a_family_and_the_violent_ones_are_violence() {
    for k in EventKind::ALL {
        let fam = k.family();
        assert_eq!(
            k.is_violent(),
            fam == crate::analysis::Family::Violence,
            "{k}"
        );
    }
    assert!(K::CivilianHarm.is_violent());
    assert!(!K::Disaster.is_violent());
    assert!(!K::Coup.is_violent());
}

#[test]
fn disasters_and_accidents_never_fire_a_violent_kind() {
    for body in [
        "A landslide buried a hamlet in the hills, killing eleven people.",
        "A gas explosion at a bakery killed four people and injured nine.",
        "Heavy rains and flooding have killed at least 40 people this week.",
        "Two soldiers were killed when their helicopter crashed during a training flight.",
        "Firefighters spent the night fighting a blaze at a timber yard.",
        "An explosion at the fertiliser plant injured 30 workers.",
        "A cholera outbreak has killed thirty people in the camps.",
        "The ferry capsized in a storm and 60 passengers died.",
    ] {
        assert_eq!(violent(body), [], "{body:?}");
    }
}

#[test]
fn sport_and_metaphor_never_fire_a_violent_kind() {
    for body in [
        "The club signed an attacking midfielder from the second division.",
        "The central bank promised to fight inflation with higher rates.",
        "The two carmakers are locked in a price war over small cars.",
        "The champion will fight the challenger for the title in June.",
        "She suffered a heart attack during the flight.",
        "The company's servers were hit by a cyber attack.",
    ] {
        assert_eq!(violent(body), [], "{body:?}");
    }
}

#[test]
fn harm_in_an_attack_frame_is_violence() {
    let cases = [
        (
            "Gunmen killed nine people at a cattle market.",
            K::CivilianHarm,
        ),
        (
            "Three soldiers were killed near the border on Monday.",
            K::ArmedClash,
        ),
        (
            "Insurgents shot dead two policemen at a checkpoint.",
            K::ArmedClash,
        ),
        (
            "A car-bomb went off outside the ministry.",
            K::ExplosiveAttack,
        ),
        ("Rockets were fired at the airport overnight.", K::Shelling),
        (
            "The army retook control of the town after a week of fighting.",
            K::ArmedClash,
        ),
    ];
    for (body, kind) in cases {
        let got = violent(body);
        assert!(got.contains(&kind), "{kind} in {body:?}: got {got:?}");
    }
}

#[test]
fn an_explosion_that_kills_with_no_accident_named_is_an_attack() {
    let got = violent("An explosion killed six people near the bus station.");
    assert!(got.contains(&K::ExplosiveAttack), "{got:?}");
    assert_eq!(violent("An explosion was heard near the bus station."), []);
}

#[test]
fn a_toll_after_a_reported_attack_is_its_toll() {
    let body = "Gunmen attacked the outpost at dawn. Eleven people were killed.";
    let evs = detect(body);
    let toll = evs
        .iter()
        .filter(|e| e.sentence == 1 && e.kind.is_violent())
        .count();
    assert_eq!(toll, 1, "{:?}", kinds(&evs));
    let body = "The river burst its banks at dawn. Eleven people were killed.";
    assert_eq!(violent(body), []);
}

#[test]
fn targets_decide_between_civilian_harm_and_armed_clash() {
    assert_eq!(
        violent("Gunmen attacked a village in the north."),
        [K::CivilianHarm]
    );
    assert_eq!(
        violent("Gunmen attacked a mosque during prayers."),
        [K::CivilianHarm]
    );
    assert_eq!(
        violent("Gunmen attacked a camp for displaced families."),
        [K::CivilianHarm]
    );
    assert_eq!(
        violent("Gunmen attacked an army patrol in the north."),
        [K::ArmedClash]
    );
    assert_eq!(
        violent("Gunmen attacked a military post at dawn."),
        [K::ArmedClash]
    );
}

#[test]
fn one_attack_told_with_synonyms_is_one_event() {
    let evs = detect("Insurgents ambushed the convoy and attacked its escort in a fierce assault.");
    let clashes = evs.iter().filter(|e| e.kind == K::ArmedClash).count();
    assert_eq!(clashes, 1, "{:?}", kinds(&evs));
}

#[test]
fn lifted_sanctions_are_a_concession_not_a_sanction() {
    let got = kinds(&detect(
        "Washington lifted sanctions on the country's oil exports.",
    ));
    assert!(got.contains(&K::Concession), "{got:?}");
    assert!(!got.contains(&K::Sanction), "{got:?}");
}

#[test]
fn a_refusal_is_a_rejection_and_negates_what_is_refused() {
    let evs = detect("Its doctrine shaped its refusal to deploy troops abroad.");
    assert_eq!(kinds(&evs), [K::Rejection]);
}

#[test]
fn a_call_is_told_by_the_event_it_proposes() {
    let evs = detect("The union calls for talks between the two capitals.");
    assert_eq!(kinds(&evs), [K::Mediation]);
    let evs = detect("The ministry demanded the immediate release of the detained crew.");
    assert!(kinds(&evs).contains(&K::Demand), "{:?}", kinds(&evs));
}

#[test]
fn the_more_specific_kind_tells_an_agreement() {
    assert_eq!(
        kinds(&detect("Both states signed a defence pact.")),
        [K::Alignment]
    );
    assert_eq!(
        kinds(&detect("The parties signed a peace agreement.")),
        [K::Mediation]
    );
    assert_eq!(
        kinds(&detect("The two ministers signed a trade agreement.")),
        [K::Agreement]
    );
}

#[test]
fn a_disaster_has_no_severity() {
    let e = one(
        "A severe drought has hit the northern provinces.",
        K::Disaster,
    );
    assert_eq!(e.severity, 0.0);
}

#[test]
fn diplomatic_verbs_of_every_family_fire() {
    let cases = [
        (
            "The envoy met with the head of the regional bloc on Monday.",
            K::Consultation,
        ),
        (
            "The capital sent a high-level delegation to the talks' venue.",
            K::Consultation,
        ),
        (
            "The foreign minister asked the neighbours to hand back the ship.",
            K::Demand,
        ),
        (
            "The ministry lodged a protest over the remarks of the consul.",
            K::Accusation,
        ),
        (
            "The government expressed deep concern over the troop movements.",
            K::Accusation,
        ),
        (
            "The kingdom warned Borduria against any meddling.",
            K::Threat,
        ),
        (
            "The summit praised the mediators for their patience.",
            K::Agreement,
        ),
        (
            "The cabinet voiced support for the transition charter.",
            K::Agreement,
        ),
        (
            "The minister apologised for the comments made on television.",
            K::Concession,
        ),
        (
            "The republic pledged 800 soldiers to the regional force.",
            K::Aid,
        ),
        (
            "The council renewed the mandate of the peacekeeping mission.",
            K::Aid,
        ),
        (
            "The government suspended imports of cattle from the north.",
            K::Sanction,
        ),
        (
            "The kingdom barred its nationals from travelling to the islands.",
            K::Sanction,
        ),
        (
            "The authorities revoked the accreditation of three reporters.",
            K::Sanction,
        ),
        (
            "The junta gave the ambassador 48 hours to leave.",
            K::DiplomaticRupture,
        ),
    ];
    for (text, kind) in cases {
        let found = kinds(&detect(text));
        assert!(found.contains(&kind), "{text}: {found:?}, wanted {kind}");
    }
}

#[test]
fn meeting_with_criticism_is_no_meeting() {
    let found = kinds(&detect(
        "The plan met with criticism from the farmers' unions.",
    ));
    assert!(!found.contains(&K::Consultation), "{found:?}");
}

#[test]
fn one_attack_with_its_toll_is_one_event() {
    // The toll is the bomb's outcome, not a second event.
    let evs = detect("A car bomb outside the tax office killed eleven people on Friday.");
    let harm: Vec<_> = evs.iter().filter(|e| e.kind.is_violent()).collect();
    assert_eq!(harm.len(), 1, "{:?}", kinds(&evs));
    assert_eq!(harm[0].kind, K::ExplosiveAttack);
    assert!(
        harm[0].targets.iter().any(|t| &**t == "people"),
        "{:?}",
        harm[0].targets
    );
    let found =
        violent("Bandits ambushed an army patrol, killing three soldiers and wounding a herder.");
    assert_eq!(found, [K::ArmedClash]);
    // A toll alone still tells of violence when the sentence frames an attack.
    let found = violent("Two explosions in the old town killed nine people.");
    assert_eq!(found, [K::ExplosiveAttack]);
}

#[test]
fn a_number_with_a_thousands_comma_is_no_clause_break() {
    let found = violent("Government troops have killed 1,200 civilians since the spring.");
    assert_eq!(found, [K::CivilianHarm]);
}

#[test]
fn what_a_disaster_kills_or_destroys_is_no_violence() {
    for text in [
        "A fire in a guesthouse near the shrine killed eleven pilgrims overnight.",
        "The cyclone destroyed 2,300 homes along the coast and killed nine people.",
        "A storm over the capital killed one person and cut power to thousands.",
    ] {
        assert!(
            violent(text).is_empty(),
            "{text}: {:?}",
            kinds(&detect(text))
        );
    }
    // A weapon named as the cause still tells of an attack.
    assert_eq!(
        violent(
            "A landmine exploded under a minibus, killing all twelve people aboard, and a fire broke out."
        ),
        [K::ExplosiveAttack]
    );
}

#[test]
fn sport_wartime_relics_and_talk_of_crimes_are_no_violence() {
    for text in [
        "The home side won the cup final in a penalty shootout.",
        "Engineers defused an old bomb found on a building site by the river.",
        "A shelter for survivors of rape opened in the provincial capital.",
        "Investigators suspect arson after a warehouse burned overnight.",
    ] {
        assert!(
            violent(text).is_empty(),
            "{text}: {:?}",
            kinds(&detect(text))
        );
    }
}

#[test]
fn deaths_in_protests_retaken_bases_and_firebombs_are_violence() {
    let cases = [
        (
            "At least six students were killed during protests in the northern city.",
            K::CivilianHarm,
        ),
        (
            "Police shot dead two demonstrators outside the parliament.",
            K::CivilianHarm,
        ),
        (
            "Government forces retook the airbase after a week of fighting.",
            K::ArmedClash,
        ),
        (
            "Rioters firebombed a police station in the suburb.",
            K::ExplosiveAttack,
        ),
        (
            "Weeks of tribal clashes have left 40 people dead in the valley.",
            K::ArmedClash,
        ),
    ];
    for (text, kind) in cases {
        let found = violent(text);
        assert!(found.contains(&kind), "{text}: {found:?}, wanted {kind}");
    }
}
