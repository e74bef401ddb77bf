use super::build_timeline;
use super::testkit::{Doc, at, corpus, event};
use crate::analysis::model::strs;
use crate::analysis::model::{EventKind, EventRef, Status, TimelineItem};

use EventKind::{Accusation, Airstrike, ArmedClash, Deployment, Mediation, Shelling};
use Status::{Potential, Proposed, Reported};

fn timeline(docs: Vec<Doc>) -> Vec<TimelineItem> {
    let (articles, analyses) = corpus(docs);
    build_timeline(&articles, &analyses)
}

fn doc(id: &str) -> Doc {
    Doc::new(id, "One sentence. Another sentence.")
}

fn r(article: usize, event: usize) -> EventRef {
    EventRef { article, event }
}

fn dates(items: &[TimelineItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.date.map_or("-".to_string(), |d| d.to_string()))
        .collect()
}

#[test]
fn finer_dates_come_first_and_undated_events_last_in_reading_order() {
    let items = timeline(vec![
        doc("a")
            .event(event(ArmedClash, Reported, None, &["JNIM"], &[]))
            .event(event(Airstrike, Reported, Some("2024"), &["Niger"], &[]))
            .event(event(
                Deployment,
                Reported,
                Some("2024-07"),
                &["Algeria"],
                &[],
            )),
        doc("b")
            .event(event(
                Accusation,
                Reported,
                Some("2024-08-01"),
                &["Niger"],
                &[],
            ))
            .event(event(Mediation, Proposed, None, &["Algeria"], &[]))
            .event(event(
                Airstrike,
                Reported,
                Some("2024-07-03"),
                &["Mali"],
                &[],
            )),
    ]);
    assert_eq!(
        dates(&items),
        ["2024-07-03", "2024-07", "2024-08-01", "2024", "-", "-"]
    );
    let undated: Vec<EventRef> = items[4..].iter().map(|i| i.occurrences[0]).collect();
    assert_eq!(undated, [r(0, 0), r(1, 1)]);
}

#[test]
fn two_sources_with_compatible_dates_and_a_shared_actor_merge() {
    let mut coarse = event(ArmedClash, Reported, Some("2024-07"), &["FAMa"], &["JNIM"]);
    coarse.severity = -9.0;
    let fine = event(
        ArmedClash,
        Reported,
        Some("2024-07-03"),
        &["FAMa", "Wagner"],
        &[],
    );
    let items = timeline(vec![
        doc("a").source("Reuters").event(coarse),
        doc("b").source("AFP").event(fine),
    ]);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(dates(&items), ["2024-07-03"]);
    assert_eq!(*item.occurrences, [r(1, 0), r(0, 0)], "finest date first");
    assert_eq!(strs(&item.sources), ["AFP", "Reuters"]);
    assert_eq!(strs(&item.actors), ["FAMa", "Wagner"]);
    assert_eq!(strs(&item.targets), ["JNIM"]);
    assert_eq!(item.severity, -5.0, "the representative's severity");
    assert_eq!(item.status, Reported);
}

#[test]
fn the_representative_has_the_most_actors_among_equally_fine_dates() {
    let items = timeline(vec![
        doc("a").event(event(
            Airstrike,
            Reported,
            Some("2024-07-03"),
            &["Mali"],
            &[],
        )),
        doc("b").event(event(
            Airstrike,
            Reported,
            Some("2024-07-03"),
            &["Mali", "Turkey"],
            &[],
        )),
    ]);
    assert_eq!(items.len(), 1);
    assert_eq!(*items[0].occurrences, [r(1, 0), r(0, 0)]);
    assert_eq!(strs(&items[0].actors), ["Mali", "Turkey"]);
}

#[test]
fn incompatible_dates_different_kinds_disjoint_actors_and_statuses_stay_apart() {
    let base = || {
        event(
            Mediation,
            Reported,
            Some("2024-07-03"),
            &["Algeria"],
            &["Mali"],
        )
    };
    let cases = [
        (
            "incompatible dates",
            event(
                Mediation,
                Reported,
                Some("2024-08"),
                &["Algeria"],
                &["Mali"],
            ),
        ),
        (
            "different kind",
            event(
                Accusation,
                Reported,
                Some("2024-07-03"),
                &["Algeria"],
                &["Mali"],
            ),
        ),
        (
            "disjoint participants",
            event(
                Mediation,
                Reported,
                Some("2024-07-03"),
                &["Qatar"],
                &["Niger"],
            ),
        ),
        (
            "reported vs proposed",
            event(
                Mediation,
                Proposed,
                Some("2024-07-03"),
                &["Algeria"],
                &["Mali"],
            ),
        ),
        (
            "reported vs potential",
            event(
                Mediation,
                Potential,
                Some("2024-07-03"),
                &["Algeria"],
                &["Mali"],
            ),
        ),
        (
            "contradicting targets",
            event(
                Mediation,
                Reported,
                Some("2024-07-03"),
                &["Algeria"],
                &["France"],
            ),
        ),
        (
            "only one side names anybody",
            event(Mediation, Reported, Some("2024-07-03"), &[], &[]),
        ),
    ];
    for (why, other) in cases {
        let items = timeline(vec![
            doc("a").source("A").event(base()),
            doc("b").source("B").event(other),
        ]);
        assert_eq!(items.len(), 2, "{why}");
        assert!(items.iter().all(|i| i.sources.len() == 1), "{why}");
    }
}

#[test]
fn events_naming_nobody_merge_when_kind_and_date_agree() {
    let items = timeline(vec![
        doc("a").event(event(ArmedClash, Reported, Some("2024-07-03"), &[], &[])),
        doc("b").event(event(ArmedClash, Reported, Some("2024-07"), &[], &[])),
    ]);
    assert_eq!(items.len(), 1);
    assert_eq!(
        strs(&items[0].sources),
        ["a", "b"],
        "article ids stand for missing sources"
    );
}

#[test]
fn each_source_is_listed_once() {
    let e = || {
        event(
            Airstrike,
            Reported,
            Some("2024-07-03"),
            &["Mali"],
            &["JNIM"],
        )
    };
    let items = timeline(vec![
        doc("a").source("RFI").event(e()),
        doc("b").event(e()),
        doc("c").source("RFI").event(e()),
    ]);
    assert_eq!(items.len(), 1);
    assert_eq!(*items[0].occurrences, [r(0, 0), r(1, 0), r(2, 0)]);
    assert_eq!(strs(&items[0].sources), ["RFI", "b"]);
}

#[test]
fn one_article_merges_its_events_only_within_a_sentence() {
    let e = || {
        event(
            Airstrike,
            Reported,
            Some("2024-07-03"),
            &["Mali"],
            &["JNIM"],
        )
    };
    let items = timeline(vec![doc("a").event(e()).event(at(e(), 1, 0))]);
    assert_eq!(
        items.len(),
        2,
        "two sentences of one article are two events"
    );
    let items = timeline(vec![doc("a").event(e()).event(e())]);
    assert_eq!(items.len(), 1, "one sentence read twice is one event");
    assert_eq!(strs(&items[0].sources), ["a"]);
}

#[test]
fn an_undated_event_joins_a_dated_one_only_with_shared_actors_and_targets() {
    let dated = || {
        event(
            Shelling,
            Reported,
            Some("2024-07-03"),
            &["FAMa"],
            &["Kidal"],
        )
    };
    let items = timeline(vec![
        doc("a").event(dated()),
        doc("b").event(event(Shelling, Reported, None, &["FAMa"], &["Kidal"])),
    ]);
    assert_eq!(items.len(), 1);
    assert_eq!(
        dates(&items),
        ["2024-07-03"],
        "the undated report takes the date"
    );
    assert_eq!(*items[0].occurrences, [r(0, 0), r(1, 0)]);

    let items = timeline(vec![
        doc("a").event(dated()),
        doc("b").event(event(Shelling, Reported, None, &["FAMa"], &[])),
    ]);
    assert_eq!(dates(&items), ["2024-07-03", "-"]);
}

#[test]
fn a_coarse_date_does_not_chain_two_different_days() {
    let e = |date| event(Airstrike, Reported, Some(date), &["Mali"], &[]);
    let items = timeline(vec![
        doc("a").event(e("2024-07-03")),
        doc("b").event(e("2024-08-01")),
        doc("c").event(e("2024")),
    ]);
    assert_eq!(dates(&items), ["2024-07-03", "2024-08-01", "2024"]);
    assert!(items.iter().all(|i| i.occurrences.len() == 1));
}

#[test]
fn a_coarse_date_joins_the_one_day_it_fits() {
    let e = |date, actor| event(Airstrike, Reported, Some(date), &[actor], &[]);
    let items = timeline(vec![
        doc("a").event(e("2024-07-03", "Mali")),
        doc("b").event(e("2024-08-01", "Niger")),
        doc("c").event(e("2024", "Mali")),
    ]);
    assert_eq!(dates(&items), ["2024-07-03", "2024-08-01"]);
    assert_eq!(*items[0].occurrences, [r(0, 0), r(2, 0)]);
}

#[test]
fn same_input_gives_the_same_timeline() {
    let docs = || {
        (0..30)
            .map(|i| {
                let day = format!("2024-07-{:02}", 1 + i % 5);
                let actor = ["Mali", "Algeria", "Niger"][i % 3];
                doc(&format!("d{i}"))
                    .source(["AFP", "RFI", "Reuters", "AP"][i % 4])
                    .event(event(Airstrike, Reported, Some(&day), &[actor], &["JNIM"]))
                    .event(event(Accusation, Reported, None, &[actor], &[]))
            })
            .collect::<Vec<_>>()
    };
    let json = |items: &[TimelineItem]| serde_json::to_string(items).unwrap_or_default();
    let first = timeline(docs());
    assert!(first.len() > 1 && first.len() < 60, "some events merge");
    assert_eq!(json(&first), json(&timeline(docs())));
    let total: usize = first.iter().map(|i| i.occurrences.len()).sum();
    assert_eq!(total, 60, "every event appears exactly once");
}

#[test]
fn empty_or_mismatched_inputs_give_no_panic() {
    assert!(build_timeline(&[], &[]).is_empty());
    let (articles, analyses) = corpus(vec![doc("a").event(event(
        Airstrike,
        Reported,
        None,
        &[],
        &[],
    ))]);
    assert!(build_timeline(&[], &analyses).is_empty());
    assert!(build_timeline(&articles, &[]).is_empty());
}

#[test]
fn an_item_shares_its_representatives_lists_unless_the_others_add_names() {
    use std::sync::Arc;
    let (articles, analyses) = corpus(vec![
        doc("a")
            .source("RFI")
            .event(event(
                Airstrike,
                Reported,
                Some("2024-07-03"),
                &["Mali"],
                &["JNIM"],
            ))
            .event(event(Mediation, Proposed, None, &["Algeria"], &[])),
        doc("b")
            .source("RFI")
            .event(event(
                Airstrike,
                Reported,
                Some("2024-07-03"),
                &["Mali", "FAMa"],
                &["JNIM"],
            ))
            .event(event(Shelling, Reported, None, &["JNIM"], &[])),
        doc("c").source("AFP").event(event(
            Airstrike,
            Reported,
            Some("2024-07-03"),
            &["Mali"],
            &["JNIM"],
        )),
    ]);
    let items = build_timeline(&articles, &analyses);
    let lone = items.iter().find(|t| t.kind == Mediation).unwrap();
    let its = &analyses[0].events[1];
    assert!(Arc::ptr_eq(&lone.actors, &its.actors) && Arc::ptr_eq(&lone.targets, &its.targets));
    let merged = items.iter().find(|t| t.kind == Airstrike).unwrap();
    let rep = &analyses[merged.occurrences[0].article].events[0];
    assert_eq!(
        strs(&rep.actors),
        ["Mali", "FAMa"],
        "the most actors represent"
    );
    assert!(
        Arc::ptr_eq(&merged.actors, &rep.actors),
        "no other adds an actor"
    );
    assert!(Arc::ptr_eq(&merged.targets, &rep.targets));
    assert_eq!(
        strs(&merged.sources),
        ["RFI", "AFP"],
        "a second source: a list of its own"
    );
    // Items that RFI alone reports, from two of its articles, share one list of sources.
    let other = items.iter().find(|t| t.kind == Shelling).unwrap();
    assert_eq!(strs(&lone.sources), ["RFI"]);
    assert!(Arc::ptr_eq(&lone.sources, &other.sources));
}
