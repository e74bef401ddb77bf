//! End-to-end phrasing tests: articles built from text, with hand-made entity and date lists.

use super::*;
use crate::analysis::model::EntityKind;
use crate::corpus::article_from_text;
use std::sync::OnceLock;

fn lex() -> &'static EventLexicon {
    static LEX: OnceLock<EventLexicon> = OnceLock::new();
    LEX.get_or_init(|| EventLexicon::builtin().expect("built-in lexicon"))
}

/// An entity: every whole occurrence of `surface` names `name`.
struct Ent<'a> {
    surface: &'a str,
    name: &'a str,
    kind: EntityKind,
}

fn ent<'a>(surface: &'a str, name: &'a str, kind: EntityKind) -> Ent<'a> {
    Ent {
        surface,
        name,
        kind,
    }
}

fn detect_full(body: &str, ents: &[Ent], dates: &[(&str, &str)], lex: &EventLexicon) -> Vec<Event> {
    let article = article_from_text("t", "T", body, None);
    let body = &article.body;
    let mut entities: Vec<ArticleEntity> = Vec::new();
    let mut mentions = Vec::new();
    for e in ents {
        let idx = match entities.iter().position(|x| x.name == e.name) {
            Some(i) => i,
            None => {
                entities.push(ArticleEntity {
                    name: e.name.to_string(),
                    kind: e.kind,
                    linked: true,
                    parent: None,
                    mentions: Vec::new(),
                });
                entities.len() - 1
            }
        };
        for (at, _) in body.match_indices(e.surface) {
            let span = Span::new(at, at + e.surface.len());
            entities[idx].mentions.push(span);
            mentions.push(Mention {
                span,
                entity: idx,
                demonym: e.surface != e.name,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    let dates: Vec<DateMention> = dates
        .iter()
        .map(|(surface, value)| {
            let at = body.find(surface).expect("date surface in body");
            DateMention {
                span: Span::new(at, at + surface.len()),
                value: DateValue::parse_iso(value),
                until: None,
                relative: false,
            }
        })
        .collect();
    detect_events(&article, &entities, &mentions, &dates, lex)
}

fn detect(body: &str) -> Vec<Event> {
    detect_full(body, &[], &[], lex())
}

fn kinds(events: &[Event]) -> Vec<EventKind> {
    events.iter().map(|e| e.kind).collect()
}

fn one(body: &str, kind: EventKind) -> Event {
    let evs = detect(body);
    let found: Vec<&Event> = evs.iter().filter(|e| e.kind == kind).collect();
    assert_eq!(found.len(), 1, "{kind} in {body:?}: got {:?}", kinds(&evs));
    found[0].clone()
}

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
    assert_eq!(e.actors, ["JNIM"]);
    assert_eq!(e.targets, ["Malian Armed Forces"]);
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
        ("A ceasefire took hold in the north.", Mediation),
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
        strike.actors,
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
        let e = evs.iter().find(|e| e.kind == EventKind::Mediation);
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
        "The bloc lifted the sanctions in February.",
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
fn names_that_contain_a_trigger_word_are_not_events() {
    assert!(detect("Officials of the Alliance of Sahel States met in Niamey.").is_empty());
}

#[test]
fn exclusions_stop_set_phrases() {
    assert!(detect("Cooperation in the fight against terrorism continued.").is_empty());
    assert!(detect("A humanitarian convoy reached Kidal.").is_empty());
    let evs = detect("Moscow delivered attack helicopters to Bamako.");
    assert_eq!(
        kinds(&evs),
        [EventKind::Alignment],
        "attack helicopters are no attack"
    );
    assert!(!detect("A military convoy reached Kidal.").is_empty());
}

#[test]
fn roles_from_by_against_and_demonyms() {
    let body = "Malian forces launched an offensive against JNIM.";
    let ents = [
        ent("Malian", "Mali", EntityKind::Country),
        ent("JNIM", "JNIM", EntityKind::ArmedGroup),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(evs[0].actors, ["Mali"]);
    assert_eq!(evs[0].targets, ["JNIM"]);

    let body = "A FAMa post was attacked by JNIM near Boni.";
    let ents = [
        ent("FAMa", "Malian Armed Forces", EntityKind::Military),
        ent("JNIM", "JNIM", EntityKind::ArmedGroup),
        ent("Boni", "Boni", EntityKind::Place),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(evs[0].actors, ["JNIM"]);
    assert_eq!(evs[0].targets, ["Malian Armed Forces"]);
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
            assert!(e.span.start <= e.trigger.start && e.trigger.end <= e.span.end);
            assert!(article.body.is_char_boundary(e.trigger.start));
            assert!(article.body.is_char_boundary(e.trigger.end));
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
    assert_eq!(evs[0].actors, ["Malian Armed Forces"]);
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

#[test]
fn of_x_after_a_nominal_trigger_is_the_actor_or_the_target_by_kind() {
    let body = "Analysts noted the exit of AES countries from ECOWAS.";
    let ents = [
        ent("AES", "Alliance of Sahel States", EntityKind::Organization),
        ent("ECOWAS", "ECOWAS", EntityKind::Organization),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    assert_eq!(evs[0].kind, EventKind::DiplomaticRupture);
    assert_eq!(evs[0].actors, ["Alliance of Sahel States"]);
    assert_eq!(evs[0].targets, ["ECOWAS"]);

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
    assert_eq!(evs[0].actors, ["Malian Armed Forces"]);
    assert_eq!(evs[0].targets, ["Kidal"]);

    let body = "Mali condemned the arrest of Ahmed Ag Bibi.";
    let ents = [
        ent("Mali", "Mali", EntityKind::Country),
        ent("Ahmed Ag Bibi", "Ahmed Ag Bibi", EntityKind::Person),
    ];
    let evs = detect_full(body, &ents, &[], lex());
    let arrest = evs.iter().find(|e| e.kind == EventKind::Arrest).unwrap();
    assert_eq!(arrest.targets, ["Ahmed Ag Bibi"]);
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
