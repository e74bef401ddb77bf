//! Who acts and who is acted on, as an analyst reads the sentence: subjects and objects,
//! passives, coordination, possessives, capitals for their state, plain descriptions, and no
//! guess where the sentence does not say.

use super::*;

/// Events of `body` whose entities may have a gazetteer parent: (surface, name, kind, parent).
fn detect_parented(body: &str, ents: &[(&str, &str, EntityKind, Option<&str>)]) -> Vec<Event> {
    let article = article_from_text("t", "T", body, None);
    let mut entities: Vec<ArticleEntity> = Vec::new();
    let mut mentions = Vec::new();
    for &(surface, name, kind, parent) in ents {
        let idx = entities.len();
        entities.push(ArticleEntity {
            name: name.into(),
            kind,
            linked: true,
            parent: parent.map(Into::into),
            count: 0,
        });
        for (at, _) in article.body.match_indices(surface) {
            entities[idx].count += 1;
            mentions.push(Mention {
                span: Span::new(at, at + surface.len()),
                entity: idx as u32,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start());
    detect_events(&article, &entities, &mentions, &[], lex())
}

fn roles_of(evs: &[Event], kind: EventKind) -> (Vec<String>, Vec<String>) {
    let e = evs
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} in {:?}", kinds(evs)));
    let own = |n: &[Name]| n.iter().map(|s| s.to_string()).collect();
    (own(&e.actors), own(&e.targets))
}

#[test]
fn a_described_subject_acts_on_the_named_object() {
    let evs = detect_parented(
        "Unidentified gunmen ambushed a convoy of Nigerien soldiers near Ouallam.",
        &[
            (
                "Nigerien soldiers",
                "Nigerien Armed Forces",
                EntityKind::Military,
                None,
            ),
            ("Ouallam", "Ouallam", EntityKind::Place, Some("Niger")),
        ],
    );
    let (actors, targets) = roles_of(&evs, EventKind::ArmedClash);
    assert_eq!(actors, ["unidentified gunmen"]);
    assert_eq!(targets, ["Nigerien Armed Forces"]);
}

#[test]
fn a_passive_turns_the_subject_into_the_target() {
    let evs = detect_parented(
        "A patrol was ambushed by Katiba Delta fighters.",
        &[("Katiba Delta", "Katiba Delta", EntityKind::ArmedGroup, None)],
    );
    let (actors, targets) = roles_of(&evs, EventKind::ArmedClash);
    assert_eq!(actors, ["Katiba Delta"]);
    assert_eq!(targets, ["patrol"]);
}

#[test]
fn coordinated_subjects_are_two_actors() {
    let evs = detect_parented(
        "Wagner mercenaries and Malian troops ambushed a rebel patrol.",
        &[
            (
                "Wagner mercenaries",
                "Wagner Group",
                EntityKind::ArmedGroup,
                None,
            ),
            (
                "Malian troops",
                "Malian Armed Forces",
                EntityKind::Military,
                Some("Mali"),
            ),
        ],
    );
    let (actors, _) = roles_of(&evs, EventKind::ArmedClash);
    assert_eq!(actors, ["Wagner Group", "Malian Armed Forces"]);
}

#[test]
fn a_victims_nationality_is_never_a_side() {
    let evs = detect_parented(
        "Drone strikes by the Malian army killed several civilians, including Nigerian and Chadian miners.",
        &[
            (
                "Malian army",
                "Malian Armed Forces",
                EntityKind::Military,
                Some("Mali"),
            ),
            ("Nigerian", "Nigeria", EntityKind::Country, None),
            ("Chadian", "Chad", EntityKind::Country, None),
        ],
    );
    for e in &evs {
        let sides: Vec<&str> = e
            .actors
            .iter()
            .chain(e.targets.iter())
            .map(|n| &**n)
            .collect();
        assert!(
            !sides.contains(&"Nigeria") && !sides.contains(&"Chad"),
            "{}: {sides:?}",
            e.kind
        );
    }
    let (actors, targets) = roles_of(&evs, EventKind::CivilianHarm);
    assert_eq!(actors, ["Malian Armed Forces"]);
    assert_eq!(targets, ["civilians"]);
}

#[test]
fn a_capital_acts_for_its_state_and_a_possessive_army_is_the_national_forces() {
    let evs = detect_parented(
        "Rabat accused the rebels of sabotage.",
        &[("Rabat", "Rabat", EntityKind::Place, Some("Morocco"))],
    );
    assert_eq!(roles_of(&evs, EventKind::Accusation).0, ["Morocco"]);
    let evs = detect_parented(
        "The Malian Armed Forces moved north. Mali's army shelled rebel positions.",
        &[
            (
                "Malian Armed Forces",
                "Malian Armed Forces",
                EntityKind::Military,
                Some("Mali"),
            ),
            ("Mali", "Mali", EntityKind::Country, None),
        ],
    );
    assert_eq!(
        roles_of(&evs, EventKind::Shelling).0,
        ["Malian Armed Forces"]
    );
}

#[test]
fn no_actor_is_guessed_and_a_weapon_system_is_no_target() {
    let evs = detect_parented(
        "Amid tensions with Algeria, the downing of a drone alarmed observers.",
        &[("Algeria", "Algeria", EntityKind::Country, None)],
    );
    let (actors, targets) = roles_of(&evs, EventKind::Shootdown);
    assert!(
        actors.is_empty() && targets.is_empty(),
        "{actors:?} {targets:?}"
    );
    let evs = detect_parented(
        "Algeria deployed Pantsir S-1 systems along the border.",
        &[
            ("Algeria", "Algeria", EntityKind::Country, None),
            ("Pantsir S-1", "Pantsir S-1", EntityKind::Equipment, None),
        ],
    );
    let (actors, targets) = roles_of(&evs, EventKind::Deployment);
    assert_eq!(actors, ["Algeria"]);
    assert!(targets.is_empty(), "{targets:?}");
}

#[test]
fn the_subject_of_a_governing_verb_does_the_infinitive_and_a_gap_holds_the_object() {
    let countries = [
        ("Ruritania", "Ruritania", EntityKind::Country, None),
        ("Borduria", "Borduria", EntityKind::Country, None),
        ("Bordurian", "Borduria", EntityKind::Country, None),
    ];
    // "X decided to lift": X lifts, though "lift" alone could be a noun.
    let evs = detect_parented(
        "Ruritania decided to lift the embargo on Borduria after the vote.",
        &countries,
    );
    let (actors, targets) = roles_of(&evs, EventKind::Concession);
    assert_eq!(
        (actors, targets),
        (vec!["Ruritania".to_string()], vec!["Borduria".to_string()])
    );
    // The object sits inside the cue's gap: "[ordered the Bordurian envoy to leave]".
    let evs = detect_parented(
        "Ruritania ordered the Bordurian envoy to leave within two days.",
        &countries,
    );
    let (actors, targets) = roles_of(&evs, EventKind::DiplomaticRupture);
    assert_eq!(
        (actors, targets),
        (vec!["Ruritania".to_string()], vec!["Borduria".to_string()])
    );
}

#[test]
fn accused_of_a_verb_keeps_the_accused_and_to_names_a_recipient_not_an_infinitive() {
    let ents = [
        ("Ruritania", "Ruritania", EntityKind::Country, None),
        ("Borduria", "Borduria", EntityKind::Country, None),
        ("Syldavia", "Syldavia", EntityKind::Country, None),
    ];
    let evs = detect_parented(
        "Ruritania accused Borduria of arming the rebels in the hills.",
        &ents,
    );
    let (_, targets) = roles_of(&evs, EventKind::Accusation);
    assert_eq!(targets, ["Borduria"]);
    let evs = detect_parented(
        "The Bordurian minister apologised to Syldavia for the insult.",
        &[
            ("Bordurian", "Borduria", EntityKind::Country, None),
            ("Syldavia", "Syldavia", EntityKind::Country, None),
        ],
    );
    let (actors, targets) = roles_of(&evs, EventKind::Concession);
    assert_eq!(
        (actors, targets),
        (vec!["Borduria".to_string()], vec!["Syldavia".to_string()])
    );
    // "to" before a verb opens an infinitive, not a recipient.
    let evs = detect_parented(
        "Ruritania accused Borduria of plotting to bomb a summit in Syldavia.",
        &ents,
    );
    let (_, targets) = roles_of(&evs, EventKind::Accusation);
    assert_eq!(targets, ["Borduria"]);
}

#[test]
fn an_unnamed_state_agent_is_described_and_a_verb_object_never_names_the_doer() {
    let evs = detect_parented(
        "The ministry lodged a formal complaint with Borduria.",
        &[("Borduria", "Borduria", EntityKind::Country, None)],
    );
    let (actors, targets) = roles_of(&evs, EventKind::Accusation);
    assert_eq!(
        (actors, targets),
        (vec!["ministry".to_string()], vec!["Borduria".to_string()])
    );
    // The militants are the ones killed, not the killers.
    let evs = detect_parented(
        "Soldiers killed nine militants in a raid on a hideout.",
        &[],
    );
    let clash = evs
        .iter()
        .find(|e| e.kind == EventKind::ArmedClash)
        .unwrap();
    assert!(
        clash.actors.iter().all(|a| !a.contains("militants")),
        "{:?}",
        clash.actors
    );
}

#[test]
fn a_subject_after_a_clause_word_acts_and_a_capital_stands_for_its_state_in_diplomacy() {
    let ents = [
        ("Ruritania", "Ruritania", EntityKind::Country, None),
        ("Strelsau", "Strelsau", EntityKind::Place, Some("Ruritania")),
        ("Klopstokia", "Klopstokia", EntityKind::Country, None),
        ("Bordurian", "Borduria", EntityKind::Country, None),
    ];
    // "after X withdrew": X is no place left behind by "after".
    let evs = detect_parented(
        "Trade slumped after Ruritania withdrew from the customs union.",
        &ents,
    );
    assert_eq!(roles_of(&evs, EventKind::Withdrawal).0, ["Ruritania"]);
    // The envoy is recalled from the capital: the state is the other side.
    let evs = detect_parented("Klopstokia recalled its ambassador from Strelsau.", &ents);
    let (actors, targets) = roles_of(&evs, EventKind::DiplomaticRupture);
    assert_eq!(
        (actors, targets),
        (
            vec!["Klopstokia".to_string()],
            vec!["Ruritania".to_string()]
        )
    );
    // A counterpart acts for the state named before it.
    let evs = detect_parented(
        "The Klopstokian envoy met his Bordurian counterpart on Sunday.",
        &ents,
    );
    assert_eq!(roles_of(&evs, EventKind::Consultation).1, ["Borduria"]);
    // A town attacked stays a place, not its state.
    let evs = detect_parented("Gunmen attacked Strelsau at dawn.", &ents);
    assert!(roles_of(&evs, EventKind::ArmedClash).1.is_empty());
}
