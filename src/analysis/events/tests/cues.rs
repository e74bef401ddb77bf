//! Trigger cues: every kind, multi-word and gapped cues, exclusions, odd input.

use super::*;
use crate::analysis::model::strs;

#[test]
fn incident_report_with_leading_date_actor_target_and_location() {
    let body = "On 12 March 2020, suspected JNIM militants attacked a FAMa post near Boni (Douentza, Mopti).";
    let ents = [
        ent("JNIM", "JNIM", EntityKind::ArmedGroup),
        ent("FAMa", "Malian Armed Forces", EntityKind::Military),
        ent("Boni", "Boni", EntityKind::Place),
        ent("Douentza", "Douentza", EntityKind::Place),
    ];
    let evs = detect_full(body, &ents, &[("12 March 2020", "2020-03-12")], lex());
    assert_eq!(kinds(&evs), [EventKind::ArmedClash]);
    let e = &evs[0];
    assert_eq!(e.status, Status::Reported);
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2020-03-12"));
    assert_eq!(strs(&e.actors), ["JNIM"]);
    assert_eq!(strs(&e.targets), ["Malian Armed Forces"]);
    assert_eq!(e.trigger.slice(body), "attacked");
    assert_eq!(e.span, Span::new(0, body.len()));
}

#[test]
fn abduction_near_menaka_takes_the_date_of_its_clause() {
    let body = "Unidentified gunmen abducted two traders near Ménaka on 3 May.";
    let ents = [ent("Ménaka", "Ménaka", EntityKind::Place)];
    let evs = detect_full(body, &ents, &[("3 May", "2024-05-03")], lex());
    assert_eq!(kinds(&evs), [EventKind::Abduction]);
    assert_eq!(
        evs[0].date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-03")
    );
    assert!(evs[0].targets.is_empty(), "a location is no target");
}

#[test]
fn every_listed_cue_triggers_its_kind() {
    use EventKind::*;
    let table: &[(&str, EventKind)] = &[
        (
            "The downing of a drone near the border angered Bamako.",
            Shootdown,
        ),
        ("Air defences shot down a reconnaissance drone.", Shootdown),
        ("Army aircraft downed an armed drone on Sunday.", Shootdown),
        ("The rebels claimed they had brought it down.", Shootdown),
        ("Airstrikes hit a wedding party.", Airstrike),
        ("An air strike destroyed the depot.", Airstrike),
        ("A drone strike targeted a rebel leader.", Airstrike),
        ("Warplanes bombed positions in the north.", Airstrike),
        (
            "The army said its aircraft struck the fleeing assailants.",
            Airstrike,
        ),
        ("Rebels shelled the town overnight.", Shelling),
        ("Mortar fire hit the camp.", Shelling),
        ("An IED killed two soldiers on the road.", ExplosiveAttack),
        ("A landmine exploded under a bus.", ExplosiveAttack),
        (
            "A suicide bomber blew himself up at the gate.",
            ExplosiveAttack,
        ),
        ("Soldiers opened fire on the assailants.", ArmedClash),
        ("Clashes erupted between the army and rebels.", ArmedClash),
        ("Militants ambushed a patrol.", ArmedClash),
        ("The army recaptured the town after a week.", ArmedClash),
        (
            "Security forces intensified operations against the group.",
            ArmedClash,
        ),
        ("Gunmen killed civilians in the market.", CivilianHarm),
        ("A massacre left the village empty.", CivilianHarm),
        (
            "Gunmen opened fire on worshippers in a mosque.",
            CivilianHarm,
        ),
        ("Jihadists kidnapped an aid worker.", Abduction),
        ("Two traders were abducted at dawn.", Abduction),
        ("Fighters looted shops and torched homes.", Looting),
        ("Thousands joined a protest in the capital.", Protest),
        ("Police arrested three journalists.", Arrest),
        ("The army deployed troops to the frontier.", Deployment),
        (
            "The mobilization of Algerian air defense worried observers.",
            Deployment,
        ),
        (
            "The mobilisation of the country's air defence was announced.",
            Deployment,
        ),
        ("A convoy of armoured vehicles left Gao.", Deployment),
        ("A drone violated Algerian airspace.", BorderViolation),
        ("Troops crossed the border into Niger.", BorderViolation),
        ("The junta threatened to expel the envoy's staff.", Threat),
        ("Algiers accused Bamako of aggression.", Accusation),
        ("The union condemned the killings.", Accusation),
        (
            "Mali recalled its ambassador from Algiers.",
            DiplomaticRupture,
        ),
        (
            "Algeria closed its airspace to Malian flights.",
            DiplomaticRupture,
        ),
        (
            "Bamako withdrew from the 2015 peace agreement.",
            DiplomaticRupture,
        ),
        ("Niger signed a defence pact with Russia.", Alignment),
        ("Mali opted for a closer alliance with Russia.", Alignment),
        ("Turkey has sold drones to Niger.", Alignment),
        ("France pulled out its last troops.", Withdrawal),
        ("The force completed its withdrawal in August.", Withdrawal),
        ("Qatar offered to act as mediator.", Mediation),
        ("Talks opened in Algiers.", Mediation),
        ("A ceasefire took hold in the north.", Ceasefire),
        (
            "A flood of disinformation swept social media.",
            Disinformation,
        ),
        (
            "Fake images of the strike circulated online.",
            Disinformation,
        ),
        ("Thousands of residents fled to Mauritania.", Displacement),
        ("The fighting displaced 20,000 people.", Displacement),
        ("Refugees crossed into Burkina Faso.", Displacement),
        (
            "Tens of thousands have sought refuge in Mauritania.",
            Displacement,
        ),
        (
            "The army reserves the right to respond to provocations.",
            Threat,
        ),
        ("The envoy met with his counterpart in Dakar.", Consultation),
        ("The two states ratified the fisheries treaty.", Agreement),
        ("Japan pledged $40 million in humanitarian aid.", Aid),
        ("The truce held for a third day.", Ceasefire),
        (
            "The council demanded an explanation from the embassy.",
            Demand,
        ),
        ("The parliament vetoed the draft accord.", Rejection),
        ("The union imposed an arms embargo on the regime.", Sanction),
        (
            "The authorities released forty prisoners in an amnesty.",
            Concession,
        ),
        ("Mutinous officers toppled the elected president.", Coup),
        ("Flash floods swept away several bridges.", Disaster),
    ];
    for (sentence, kind) in table {
        let evs = detect(sentence);
        assert!(
            kinds(&evs).contains(kind),
            "{kind} missing in {sentence:?}: {:?}",
            kinds(&evs)
        );
    }
    let covered: Vec<EventKind> = table.iter().map(|(_, k)| *k).collect();
    for k in EventKind::ALL {
        assert!(covered.contains(k), "{k} has no cue test");
    }
}

#[test]
fn withdrew_from_the_peace_agreement_is_a_rupture_not_a_mediation_or_withdrawal() {
    let evs = detect("Mali announced its withdrawal from the Algeria-mediated peace agreement.");
    assert_eq!(kinds(&evs), [EventKind::DiplomaticRupture]);
}

#[test]
fn gapped_cue_needs_a_bounded_gap_inside_one_clause() {
    let far = "Mali withdrew from talks on a long disputed and often delayed water agreement.";
    assert!(!kinds(&detect(far)).contains(&EventKind::DiplomaticRupture));
    let split = "The mobilization, which surprised nobody, of air defense units";
    assert!(!kinds(&detect(split)).contains(&EventKind::Deployment));
}

#[test]
fn airstrikes_that_killed_civilians_give_two_events_in_one_sentence() {
    let body = "It recalls the July 2024 incident where airstrikes attributed to the Malian army killed several civilians.";
    let ents = [ent(
        "Malian army",
        "Malian Armed Forces",
        EntityKind::Military,
    )];
    let evs = detect_full(body, &ents, &[("July 2024", "2024-07")], lex());
    let mut k = kinds(&evs);
    k.sort();
    assert_eq!(k, [EventKind::Airstrike, EventKind::CivilianHarm]);
    for e in &evs {
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-07"));
    }
    let strike = evs.iter().find(|e| e.kind == EventKind::Airstrike).unwrap();
    assert_eq!(
        strs(&strike.actors),
        ["Malian Armed Forces"],
        "attributed to X is the actor"
    );
}

#[test]
fn one_event_per_kind_per_sentence() {
    let evs = detect("Gunmen attacked a checkpoint and later attacked a second post.");
    assert_eq!(kinds(&evs), [EventKind::ArmedClash]);
}

#[test]
fn names_that_contain_a_trigger_word_are_not_events() {
    // The meeting is an event (a consultation); the name "Alliance" is not an alignment.
    let evs = detect("Officials of the Alliance of Sahel States met in Niamey.");
    assert_eq!(kinds(&evs), [EventKind::Consultation]);
}

#[test]
fn exclusions_stop_set_phrases() {
    assert!(detect("Cooperation in the fight against terrorism continued.").is_empty());
    assert!(detect("A humanitarian convoy reached Kidal.").is_empty());
    for body in [
        "Algeria deployed considerable diplomatic efforts.",
        "The party withdrew its candidacy.",
        "Analysts fear an explosion of violence.",
        "Cooperation on fighting terrorism stalled.",
    ] {
        assert!(
            detect(body).is_empty(),
            "{body:?} gave {:?}",
            kinds(&detect(body))
        );
    }
    let evs = detect("Niger bought offensive weapons.");
    assert_eq!(
        kinds(&evs),
        [EventKind::Alignment],
        "an arms purchase, no offensive"
    );
    let evs = detect("Moscow delivered attack helicopters to Bamako.");
    assert_eq!(
        kinds(&evs),
        [EventKind::Alignment],
        "attack helicopters are no attack"
    );
    assert!(!detect("A military convoy reached Kidal.").is_empty());
}

#[test]
fn a_user_lexicon_adds_cues_detection_uses() {
    let user = EventLexicon::from_toml_str(
        "[[kind]]\nkind = \"protest\"\nseverity = -6.5\nanchor = \"CAMEO 14\"\nnouns = [\"sit-down\"]\n",
    )
    .unwrap();
    let evs = detect_full(
        "Students staged a sit-down outside the ministry.",
        &[],
        &[],
        &user,
    );
    assert_eq!(kinds(&evs), [EventKind::Protest]);
    assert!(
        detect_full("Students protested.", &[], &[], &user).is_empty(),
        "kind replaced"
    );
}

#[test]
fn odd_input_never_panics_and_spans_stay_inside_the_sentence() {
    for body in [
        "",
        "…",
        "İSTANBUL ATTACKED — ﬁghters clashed; 🚀 rockets hit.",
        "attack",
        "Clashes ... ... agreement",
        "They withdrew from",
    ] {
        let article = article_from_text("x", "X", body, None);
        for e in detect(body) {
            assert!(e.span.start() <= e.trigger.start() && e.trigger.end() <= e.span.end());
            assert!(article.body.is_char_boundary(e.trigger.start()));
            assert!(article.body.is_char_boundary(e.trigger.end()));
        }
    }
}

#[test]
fn exit_from_a_named_organisation_is_a_rupture() {
    let body = "Mali, Burkina Faso and Niger announced their exit from ECOWAS.";
    let ents = [ent("ECOWAS", "ECOWAS", EntityKind::Organization)];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(kinds(&evs), [EventKind::DiplomaticRupture]);
    assert!(detect("They announced their exit from the crisis.").is_empty());
}

#[test]
fn an_attacked_convoy_is_no_deployment() {
    let evs = detect("An improvised explosive device struck a UN convoy near Aguelhok.");
    assert_eq!(kinds(&evs), [EventKind::ExplosiveAttack]);
    let evs = detect("Militants ambushed a military convoy.");
    assert_eq!(kinds(&evs), [EventKind::ArmedClash]);
}

#[test]
fn opened_fire_on_a_base_is_a_clash_and_to_protest_is_diplomatic() {
    let evs = detect("Gunmen opened fire on the base before dawn.");
    assert_eq!(kinds(&evs), [EventKind::ArmedClash]);
    let evs = detect("Algeria summoned the ambassador to protest the incident.");
    assert_eq!(kinds(&evs), [EventKind::Accusation]);
}

#[test]
fn retaking_a_named_town_is_a_clash() {
    let body = "On 14 November 2023, FAMa retook Kidal from CSP rebels.";
    let ents = [
        ent("FAMa", "Malian Armed Forces", EntityKind::Military),
        ent("Kidal", "Kidal", EntityKind::Place),
    ];
    let evs = detect_full(body, &ents, &[("14 November 2023", "2023-11-14")], lex());
    assert_eq!(kinds(&evs), [EventKind::ArmedClash]);
    assert_eq!(strs(&evs[0].actors), ["Malian Armed Forces"]);
    assert_eq!(
        evs[0].date.map(|d| d.to_string()).as_deref(),
        Some("2023-11-14")
    );
}

#[test]
fn a_gap_never_crosses_a_clause_breaker() {
    let body =
        "At least 40 people were killed and dozens wounded when gunmen opened fire on a market.";
    let clash = one(body, EventKind::ArmedClash);
    assert_eq!(clash.trigger.slice(body), "opened fire");
}
