//! What the sentence around a trigger decides: status, negation, roles, date, severity.

use super::*;
use crate::analysis::model::strs;

#[test]
fn potential_cues_govern_the_trigger() {
    for body in [
        "The crisis could evolve into an open military confrontation.",
        "Jihadists may attack the convoy route.",
        "Rebels might ambush the patrol.",
        "There is a risk of clashes along the border.",
        "The standoff risks clashes along the border.",
        "The report warns of clashes in the north.",
        "The junta threatens to attack rebel positions.",
        "Such a move would trigger clashes.",
        "If talks fail, rebels will attack the town.",
        "If the army attacks, the truce ends.",
        "Troops stand ready to repel any attack on the base.",
    ] {
        let evs = detect(body);
        let e = evs.iter().find(|e| e.kind == EventKind::ArmedClash);
        assert_eq!(e.map(|e| e.status), Some(Status::Potential), "{body:?}");
    }
}

#[test]
fn proposed_cues_govern_the_trigger() {
    for body in [
        "The report suggests strengthening African mediation.",
        "The union calls for talks between the two capitals.",
        "Observers are calling for a ceasefire.",
        "Both sides should open talks.",
        "Ghana proposes a ceasefire.",
        "Proposing that the AU appoint a mediator, the report ends.",
        "The panel recommends dialogue with armed groups.",
        "The UN urges negotiations.",
        "Experts wish to see a return to dialogue.",
        "The idea would be to launch talks.",
    ] {
        let evs = detect(body);
        let peace = [EventKind::Mediation, EventKind::Ceasefire];
        let e = evs.iter().find(|e| peace.contains(&e.kind));
        assert_eq!(e.map(|e| e.status), Some(Status::Proposed), "{body:?}");
    }
}

#[test]
fn a_cue_in_another_clause_or_too_far_does_not_govern() {
    let evs = detect("While many feared it would stay calm, militants attacked the base.");
    assert_eq!(one_status(&evs, EventKind::ArmedClash), Status::Reported);
    let evs =
        detect("It warned of tensions following the incident involving the downing of a drone.");
    assert_eq!(one_status(&evs, EventKind::Shootdown), Status::Reported);
    let evs = detect(
        "The region could see more unrest in the weeks ahead as rebels regroup and gunmen attacked a base on Monday.",
    );
    assert_eq!(one_status(&evs, EventKind::ArmedClash), Status::Reported);
}

fn one_status(evs: &[Event], kind: EventKind) -> Status {
    evs.iter()
        .find(|e| e.kind == kind)
        .map(|e| e.status)
        .unwrap_or_else(|| panic!("no {kind} in {:?}", kinds(evs)))
}

#[test]
fn the_month_may_is_no_potential_cue() {
    let e = one("In May militants attacked the base.", EventKind::ArmedClash);
    assert_eq!(e.status, Status::Reported);
}

#[test]
fn floating_the_possibility_of_talks_is_a_proposal_of_clashes_a_risk() {
    let e = one(
        "The report mentions the possibility of reviving talks.",
        EventKind::Mediation,
    );
    assert_eq!(e.status, Status::Proposed);
    let e = one(
        "The report mentions the possibility of clashes.",
        EventKind::ArmedClash,
    );
    assert_eq!(e.status, Status::Potential);
}

#[test]
fn negated_events_are_dropped() {
    for body in [
        "Algeria did not deploy troops to the border.",
        "The army denied that its drones struck the village.",
        "No clashes were reported overnight.",
        "Mali never recalled its ambassador.",
        "The vote passed without clashes.",
        "Officials didn't arrest anyone.",
        "The bloc did not impose sanctions in February.",
        // A denial reaches over its whole complement clause, past the short window.
        "The government denied that Turkish drones had been used against civilians.",
        "The ministry rejected allegations that soldiers had executed villagers near Moura.",
    ] {
        assert!(
            detect(body).is_empty(),
            "{body:?} gave {:?}",
            kinds(&detect(body))
        );
    }
    let e = one(
        "The junta not only recalled its ambassador but also expelled diplomats.",
        EventKind::DiplomaticRupture,
    );
    assert_eq!(e.status, Status::Reported, "\"not only\" negates nothing");
}

#[test]
fn a_demonstrative_noun_refers_back_and_is_no_new_event() {
    assert!(detect("This asymmetrical deployment reveals a strong distrust.").is_empty());
    assert!(detect("These attacks alarmed the capital.").is_empty());
    let e = one(
        "Militants this week attacked the base.",
        EventKind::ArmedClash,
    );
    assert_eq!(e.status, Status::Reported);
}

#[test]
fn roles_from_by_against_and_demonyms() {
    let body = "Malian forces launched an offensive against JNIM.";
    let ents = [
        ent("Malian", "Mali", EntityKind::Country),
        ent("JNIM", "JNIM", EntityKind::ArmedGroup),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(strs(&evs[0].actors), ["Mali"]);
    assert_eq!(strs(&evs[0].targets), ["JNIM"]);

    let body = "A FAMa post was attacked by JNIM near Boni.";
    let ents = [
        ent("FAMa", "Malian Armed Forces", EntityKind::Military),
        ent("JNIM", "JNIM", EntityKind::ArmedGroup),
        ent("Boni", "Boni", EntityKind::Place),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(strs(&evs[0].actors), ["JNIM"]);
    assert_eq!(strs(&evs[0].targets), ["Malian Armed Forces"]);
}

#[test]
fn a_paragraph_date_governs_its_later_sentences_only() {
    let body =
        "On 3 May, gunmen attacked Kidal. Later they abducted two traders.\n\nClashes followed.";
    let evs = detect_full(body, &[], &[("3 May", "2024-05-03")], lex());
    let dates: Vec<Option<String>> = evs.iter().map(|e| e.date.map(|d| d.to_string())).collect();
    assert_eq!(
        kinds(&evs),
        [
            EventKind::ArmedClash,
            EventKind::Abduction,
            EventKind::ArmedClash
        ]
    );
    assert_eq!(dates[0].as_deref(), Some("2024-05-03"));
    assert_eq!(dates[1].as_deref(), Some("2024-05-03"));
    assert_eq!(dates[2], None, "never borrowed from another paragraph");
}

#[test]
fn a_date_in_an_unrelated_sentence_is_never_borrowed() {
    let body = "Talks began in 2019. Rebels attacked the town.";
    let evs = detect_full(body, &[], &[("2019", "2019")], lex());
    let clash = evs
        .iter()
        .find(|e| e.kind == EventKind::ArmedClash)
        .unwrap();
    assert_eq!(clash.date, None);
}

#[test]
fn a_date_that_belongs_to_something_else_is_not_the_event_date() {
    let body = "It proposes reviving the joint commission, established in 2005, as a platform.";
    let evs = detect_full(body, &[], &[("2005", "2005")], lex());
    let e = evs.iter().find(|e| e.kind == EventKind::Mediation).unwrap();
    assert_eq!(e.status, Status::Proposed);
    assert_eq!(e.date, None);

    let body = "France withdrew from Operation Barkhane in November 2022, and Mali opted for an alliance with Russia.";
    let evs = detect_full(body, &[], &[("November 2022", "2022-11")], lex());
    let w = evs
        .iter()
        .find(|e| e.kind == EventKind::Withdrawal)
        .unwrap();
    let a = evs.iter().find(|e| e.kind == EventKind::Alignment).unwrap();
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("2022-11"));
    assert_eq!(a.date, None, "the other clause's date dates the withdrawal");
}

#[test]
fn severity_follows_the_anchor_damped_by_status_and_deepened_by_intensity() {
    let reported = one("Rebels clashed with the army.", EventKind::ArmedClash).severity;
    let potential = one("Rebels could clash with the army.", EventKind::ArmedClash).severity;
    let proposed = one("The report recommends talks.", EventKind::Mediation).severity;
    let mediation = one("Talks opened in Algiers.", EventKind::Mediation).severity;
    assert!(reported <= -9.0 && potential > reported && potential < 0.0);
    assert!(mediation > 0.0 && proposed > 0.0 && proposed < mediation);
    assert!(one("France pulled out its troops.", EventKind::Withdrawal).severity > 0.0);
    let few = one("Gunmen killed two civilians.", EventKind::CivilianHarm).severity;
    let many = one("Gunmen killed 40 civilians.", EventKind::CivilianHarm).severity;
    let massacre = one(
        "Gunmen massacred hundreds of villagers.",
        EventKind::CivilianHarm,
    )
    .severity;
    assert!(many < few && massacre < many && massacre >= -10.0);
    let herders = "Armed men stormed the village, killing at least 160 herders.";
    assert_eq!(one(herders, EventKind::CivilianHarm).severity, -10.0);
    let dated = "On 12 March 2020 gunmen killed two civilians.";
    let evs = detect_full(dated, &[], &[("12 March 2020", "2020-03-12")], lex());
    assert_eq!(evs[0].severity, few, "a date is no count");
    let arrests = one("Police arrested protesters.", EventKind::Arrest).severity;
    assert!(arrests > reported, "an arrest is milder than a battle");
}

#[test]
fn of_x_after_a_nominal_trigger_is_the_actor_or_the_target_by_kind() {
    let body = "Analysts noted the exit of AES countries from ECOWAS.";
    let ents = [
        ent("AES", "Alliance of Sahel States", EntityKind::Organization),
        ent("ECOWAS", "ECOWAS", EntityKind::Organization),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(evs[0].kind, EventKind::DiplomaticRupture);
    assert_eq!(strs(&evs[0].actors), ["Alliance of Sahel States"]);
    assert_eq!(strs(&evs[0].targets), ["ECOWAS"]);

    let body = "Observers tracked the convoy of the Malian Armed Forces towards Kidal.";
    let ents = [
        ent(
            "Malian Armed Forces",
            "Malian Armed Forces",
            EntityKind::Military,
        ),
        ent("Kidal", "Kidal", EntityKind::Place),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(strs(&evs[0].actors), ["Malian Armed Forces"]);
    // A destination is a place, and a place is never a side.
    assert!(evs[0].targets.is_empty());

    let body = "Mali condemned the arrest of Ahmed Ag Bibi.";
    let ents = [
        ent("Mali", "Mali", EntityKind::Country),
        ent("Ahmed Ag Bibi", "Ahmed Ag Bibi", EntityKind::Person),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    let arrest = evs.iter().find(|e| e.kind == EventKind::Arrest).unwrap();
    assert_eq!(strs(&arrest.targets), ["Ahmed Ag Bibi"]);
}

#[test]
fn equipment_is_never_an_actor() {
    let body = "Pantsir S-1 systems guard against any violation of its airspace.";
    let ents = [ent("Pantsir S-1", "Pantsir S-1", EntityKind::Equipment)];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(evs[0].kind, EventKind::BorderViolation);
    assert!(evs[0].actors.is_empty());
}

#[test]
fn same_kind_triggers_with_their_own_dates_are_distinct_events() {
    let body = "Militants attacked Boni on 3 May, and they attacked Hombori on 5 May.";
    let dates = [("3 May", "2024-05-03"), ("5 May", "2024-05-05")];
    let evs = detect_full(body, &[], &dates, lex());
    let got: Vec<String> = evs
        .iter()
        .filter_map(|e| e.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(kinds(&evs), [EventKind::ArmedClash, EventKind::ArmedClash]);
    assert_eq!(got, ["2024-05-03", "2024-05-05"]);
}

#[test]
fn clashes_between_two_sides_name_both() {
    let body = "Clashes broke out between FAMa and CSP rebels around the town.";
    let ents = [
        ent("FAMa", "Malian Armed Forces", EntityKind::Military),
        ent("CSP", "CSP-DPA", EntityKind::ArmedGroup),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(strs(&evs[0].actors), ["Malian Armed Forces"]);
    assert_eq!(strs(&evs[0].targets), ["CSP-DPA"]);
}

#[test]
fn a_modal_after_a_nominal_trigger_sets_its_status() {
    let e = one(
        "Clashes could erupt along the border.",
        EventKind::ArmedClash,
    );
    assert_eq!(e.status, Status::Potential);
    let body = "A military confrontation between the two neighbours would be disastrous.";
    let e = one(body, EventKind::ArmedClash);
    assert_eq!(e.status, Status::Potential);
    let e = one("Talks should resume soon.", EventKind::Mediation);
    assert_eq!(e.status, Status::Proposed);
    let e = one(
        "Militants attacked the base that could hold 500 troops.",
        EventKind::ArmedClash,
    );
    assert_eq!(
        e.status,
        Status::Reported,
        "a verb takes no status from after it"
    );
    let e = one(
        "The attack, which could be repeated, killed four.",
        EventKind::ArmedClash,
    );
    assert_eq!(e.status, Status::Reported);
}

#[test]
fn whoever_tells_the_story_takes_no_role() {
    let body = "Malian soldiers executed at least 300 civilians in Moura in March 2022, \
                according to Human Rights Watch.";
    let ents = [
        ent(
            "Malian soldiers",
            "Malian Armed Forces",
            EntityKind::Military,
        ),
        ent("Moura", "Moura", EntityKind::Place),
        ent(
            "Human Rights Watch",
            "Human Rights Watch",
            EntityKind::Organization,
        ),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    let e = evs
        .iter()
        .find(|e| e.kind == EventKind::CivilianHarm)
        .expect("civilian harm found");
    assert!(
        !e.targets.iter().any(|t| &**t == "Human Rights Watch"),
        "{e:?}"
    );
    assert!(
        !e.actors.iter().any(|t| &**t == "Human Rights Watch"),
        "{e:?}"
    );
    assert_eq!(strs(&e.actors), ["Malian Armed Forces"]);
}

#[test]
fn a_by_or_between_phrase_in_another_clause_names_no_actor() {
    let body = "Officials worry about refugee flows, especially after the rapprochement \
                between Rabat and Bamako.";
    let ents = [
        ent("Rabat", "Rabat", EntityKind::Place),
        ent("Bamako", "Bamako", EntityKind::Place),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    let e = evs
        .iter()
        .find(|e| e.kind == EventKind::Displacement)
        .expect("displacement found");
    assert!(e.actors.is_empty(), "{e:?}");
}
