//! Unit tests of the briefing's arithmetic: trend, conflict pairs, ranking, chart bucketing,
//! section assignment and export.

use super::*;
use crate::analysis::{EventRef, Status};
use crate::date::DateValue;

fn line(
    date: &str,
    kind: EventKind,
    status: Status,
    severity: f64,
    actors: &[&str],
    targets: &[&str],
) -> EventLine {
    EventLine {
        item: None,
        event: EventRef {
            article: 0,
            event: 0,
        },
        article: "a".to_string(),
        date: DateValue::parse_iso(date),
        kind,
        status,
        severity,
        actors: actors.iter().map(|s| s.to_string()).collect(),
        targets: targets.iter().map(|s| s.to_string()).collect(),
        summary: String::new(),
        sources: vec!["S".to_string()],
    }
}

fn reported(date: &str, severity: f64) -> EventLine {
    line(
        date,
        EventKind::ArmedClash,
        Status::Reported,
        severity,
        &["A"],
        &["B"],
    )
}

#[test]
fn trend_compares_the_later_half_with_the_earlier_half() {
    let rising = [
        reported("2024-01-01", -2.0),
        reported("2024-01-10", -3.0),
        reported("2024-12-01", -10.0),
        reported("2024-12-31", -9.5),
    ];
    let t = bottom::trend(&rising).expect("a trend");
    assert_eq!(t.direction, "rising");
    assert_eq!((t.earlier.events, t.earlier.severity), (2, -5.0));
    assert_eq!((t.later.events, t.later.severity), (2, -19.5));
    assert_eq!(t.earlier.from.to_string(), "2024-01-01");
    assert_eq!(t.later.to.to_string(), "2024-12-31");

    let falling = [reported("2024-01-01", -10.0), reported("2024-12-31", -2.0)];
    assert_eq!(
        bottom::trend(&falling).map(|t| t.direction),
        Some("falling")
    );
    let flat = [reported("2024-01-01", -10.0), reported("2024-12-31", -9.5)];
    assert_eq!(bottom::trend(&flat).map(|t| t.direction), Some("flat"));
}

#[test]
fn de_escalation_in_the_later_half_reads_as_falling() {
    let lines = [
        reported("2023-03-01", -7.0),
        line(
            "2023-09-01",
            EventKind::Mediation,
            Status::Reported,
            6.0,
            &["AU"],
            &["A"],
        ),
    ];
    assert_eq!(bottom::trend(&lines).map(|t| t.direction), Some("falling"));
}

#[test]
fn no_trend_from_one_day_or_from_warnings_alone() {
    assert!(bottom::trend(&[reported("2024-05-01", -10.0)]).is_none());
    assert!(
        bottom::trend(&[reported("2024-05-01", -10.0), reported("2024-05-01", -3.0)]).is_none()
    );
    let warnings = [
        line(
            "2024-01-01",
            EventKind::Threat,
            Status::Potential,
            -6.0,
            &[],
            &[],
        ),
        line(
            "2024-09-01",
            EventKind::Threat,
            Status::Potential,
            -6.0,
            &[],
            &[],
        ),
    ];
    assert!(bottom::trend(&warnings).is_none());
}

#[test]
fn conflict_pairs_are_unordered_and_count_only_reported_conflict() {
    let lines = [
        line(
            "2024-01",
            EventKind::Airstrike,
            Status::Reported,
            -10.0,
            &["Mali"],
            &["CSP"],
        ),
        line(
            "2024-02",
            EventKind::ArmedClash,
            Status::Reported,
            -10.0,
            &["CSP"],
            &["Mali"],
        ),
        line(
            "2024-03",
            EventKind::Threat,
            Status::Reported,
            -6.0,
            &["Algeria"],
            &["Mali"],
        ),
        line(
            "2024-04",
            EventKind::Mediation,
            Status::Reported,
            5.0,
            &["Algeria"],
            &["Mali"],
        ),
        line(
            "2024-05",
            EventKind::ArmedClash,
            Status::Potential,
            -10.0,
            &["Algeria"],
            &["Mali"],
        ),
    ];
    let pairs = bottom::conflict_pairs(&lines);
    let got: Vec<(&str, &str, usize)> = pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str(), p.events))
        .collect();
    assert_eq!(got, [("CSP", "Mali", 2), ("Algeria", "Mali", 1)]);
    assert_eq!(pairs[0].severity, -20.0);
}

#[test]
fn the_most_severe_recent_event_ignores_old_and_potential_events() {
    let lines = [
        reported("2020-01-01", -10.0),
        line(
            "2024-06-01",
            EventKind::Shelling,
            Status::Reported,
            -9.5,
            &["A"],
            &["B"],
        ),
        line(
            "2024-07-01",
            EventKind::Threat,
            Status::Reported,
            -6.0,
            &["A"],
            &["B"],
        ),
        line(
            "2024-07-02",
            EventKind::ArmedClash,
            Status::Potential,
            -10.0,
            &["A"],
            &["B"],
        ),
    ];
    let l = bottom::most_severe_recent(&lines).expect("an event");
    assert_eq!(l.kind, EventKind::Shelling);
}

#[test]
fn months_are_bucketed_with_gaps_and_year_only_dates_after_their_year() {
    let lines = [
        reported("2024-11-30", -10.0),
        reported("2024-11-02", -2.0),
        reported("2025-02-01", -7.2),
        reported("2025", -5.0),
        line(
            "2024-12-01",
            EventKind::Threat,
            Status::Potential,
            -6.0,
            &[],
            &[],
        ),
    ];
    let c = chart::build(&lines).expect("a chart");
    assert_eq!(c.bucket, "month");
    let rows: Vec<(&str, usize, f64)> = c
        .rows
        .iter()
        .map(|r| (r.period.as_str(), r.events, r.severity))
        .collect();
    assert_eq!(
        rows,
        [
            ("2024-11", 2, -12.0),
            ("2024-12", 0, 0.0),
            ("2025-01", 0, 0.0),
            ("2025-02", 1, -7.2),
            ("2025", 1, -5.0)
        ]
    );
}

#[test]
fn periods_over_three_years_are_bucketed_by_year() {
    let lines = [
        reported("2019-05-01", -10.0),
        reported("2021-02", -3.0),
        reported("2023-06-01", -4.0),
        reported("2023", -1.0),
    ];
    let c = chart::build(&lines).expect("a chart");
    assert_eq!(c.bucket, "year");
    let rows: Vec<(&str, usize)> = c
        .rows
        .iter()
        .map(|r| (r.period.as_str(), r.events))
        .collect();
    assert_eq!(
        rows,
        [
            ("2019", 1),
            ("2020", 0),
            ("2021", 1),
            ("2022", 0),
            ("2023", 2)
        ]
    );
    assert!(
        chart::build(&[line(
            "",
            EventKind::Threat,
            Status::Reported,
            -6.0,
            &[],
            &[]
        )])
        .is_none()
    );
}

#[test]
fn chart_bars_are_ascii_aligned_and_scaled() {
    let c = Chart {
        bucket: "month",
        rows: vec![
            ChartRow {
                period: "2024-01".into(),
                events: 10,
                severity: -40.0,
            },
            ChartRow {
                period: "2024-02".into(),
                events: 1,
                severity: -0.5,
            },
            ChartRow {
                period: "2024-03".into(),
                events: 0,
                severity: 0.0,
            },
            ChartRow {
                period: "2024".into(),
                events: 1,
                severity: 4.0,
            },
        ],
    };
    let drawn = chart::draw(&c, 20);
    assert!(drawn.iter().all(|l| l.is_ascii()));
    assert!(
        drawn[0].starts_with(&format!("2024-01  {}  10 events", "#".repeat(20))),
        "{drawn:?}"
    );
    // The smallest non-zero bar still shows; de-escalation uses '+'.
    assert!(drawn[1].starts_with("2024-02  #  "), "{drawn:?}");
    assert!(drawn[3].starts_with("2024     ++  "), "{drawn:?}");
    // Counts line up in one column.
    let col: Vec<usize> = drawn.iter().map(|l| l.find("event").unwrap_or(0)).collect();
    assert!(col.iter().all(|&c| c == col[0]), "{drawn:?}");
}

#[test]
fn key_actors_rank_by_severity_weighted_involvement_then_mentions() {
    let a = fixtures::sahel();
    let b = build(&a, &BriefFilter::default());
    let names: Vec<&str> = b.key_actors.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        &names[..4],
        ["Algeria", "Mali", "Malian Armed Forces", "CSP"]
    );
    // Tinzaouatène and Wagner Group tie on involvement (one strike each); mentions decide.
    let t = names.iter().position(|n| *n == "Tinzaouatène");
    let w = names.iter().position(|n| *n == "Wagner Group");
    assert!(t < w, "{names:?}");
    let csp = &b.key_actors[3];
    assert_eq!((csp.as_actor, csp.as_target, csp.involvement), (0, 3, 25.0));
}

#[test]
fn sections_split_by_status_and_date_and_keep_their_origin() {
    let a = fixtures::sahel();
    let b = build(&a, &BriefFilter::default());
    assert!(
        b.timeline
            .iter()
            .all(|l| l.status == Status::Reported && l.date.is_some())
    );
    assert!(
        b.undated
            .iter()
            .all(|l| l.status == Status::Reported && l.date.is_none())
    );
    assert!(b.warnings.iter().all(|l| l.status == Status::Potential));
    assert!(b.proposals.iter().all(|l| l.status == Status::Proposed));
    let keys: Vec<_> = b
        .timeline
        .iter()
        .map(|l| l.date.map(|d| d.timeline_key()))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    for l in &b.timeline {
        let item = &a.timeline[l.item.expect("timeline lines come from timeline items")];
        assert_eq!(item.occurrences[0], l.event);
        assert_eq!(a.event(l.event).kind, l.kind);
    }
    let corroborated: Vec<_> = b.timeline.iter().filter(|l| l.corroborated()).collect();
    assert_eq!(corroborated.len(), 2);
    assert_eq!(b.scope.events_total, 17);
}

#[test]
fn an_entity_filter_matches_accentless_names_and_trims_every_section() {
    let a = fixtures::sahel();
    let f = BriefFilter {
        entities: vec!["tinzaouatene".into()],
        ..Default::default()
    };
    let b = build(&a, &f);
    // The strike on the town names it as a target; the clash and the shootdown "near
    // Tinzaouatène" mention it in their sentence.
    let kinds: Vec<EventKind> = b.timeline.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::ArmedClash,
            EventKind::Airstrike,
            EventKind::Shootdown
        ]
    );
    assert_eq!(b.scope.events_matched, 3);
    assert!(b.warnings.is_empty() && b.proposals.is_empty() && b.undated.is_empty());
    assert!(b.key_actors.iter().all(|x| x.name != "JNIM"));
    assert_eq!(b.describe_filter(), "entity Tinzaouatène");
}

#[test]
fn export_writes_whole_files_and_never_replaces_unless_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let b = build(&fixtures::sahel(), &BriefFilter::default());
    let path = dir.path().join(default_export_name(
        DateValue::ymd(2025, 4, 9).expect("date"),
    ));
    assert!(path.ends_with("sitrep-brief-2025-04-09.md"));
    export_markdown(&b, &path, false).expect("first export");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        to_markdown(&b)
    );

    std::fs::write(&path, "analyst notes").expect("write");
    let err = export_markdown(&b, &path, false).expect_err("must refuse");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "analyst notes"
    );

    export_markdown(&b, &path, true).expect("overwrite");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        to_markdown(&b)
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn export_into_a_missing_folder_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope").join("brief.md");
    let b = build(&fixtures::sahel(), &BriefFilter::default());
    let err = export_markdown(&b, &missing, false).expect_err("no folder");
    assert!(format!("{err:#}").contains("nope"), "{err:#}");
    assert!(!missing.exists());
}

#[test]
fn an_entity_filter_also_finds_entities_by_the_words_that_mention_them() {
    let a = fixtures::sahel();
    for alias in ["malian army", "FORCES ARMEES MALIENNES"] {
        let f = BriefFilter {
            entities: vec![alias.into()],
            ..Default::default()
        };
        let b = build(&a, &f);
        assert_eq!(b.scope.events_matched, 4, "{alias}");
        assert!(b.notice.is_none());
        assert_eq!(
            b.filter.entities,
            [alias],
            "the briefing names the filter as asked"
        );
    }
    let f = BriefFilter {
        entities: vec!["Atlantis".into(), "malian army".into()],
        ..Default::default()
    };
    assert_eq!(f.entities_in(&a).unknown(), ["Atlantis"]);
}

#[test]
fn inconsistent_analyses_do_not_panic() {
    let mut a = fixtures::sahel();
    a.timeline[0].occurrences = crate::analysis::Occurrences::One(EventRef {
        article: 99,
        event: 0,
    });
    a.timeline[1].occurrences = crate::analysis::Occurrences::Many(Box::new([]));
    a.timeline[2].severity = f32::NAN;
    a.timeline[2].date = DateValue::parse_iso("0001");
    let e = &mut a.analyses[1].events[0];
    e.span = crate::corpus::Span::new(5000, 9000);
    e.trigger = crate::corpus::Span::new(3, 1);
    a.entities[0].articles.push(42);
    let b = build(&a, &BriefFilter::default());
    assert!(!to_markdown(&b).is_empty());
    assert!(!to_text(&b, 0).is_empty());
    assert!(to_json(&b).is_object());
    let nan = b
        .timeline
        .iter()
        .find(|l| l.item == Some(2))
        .expect("line of item 2");
    assert_eq!(nan.severity, 0.0);
}

#[test]
fn long_runs_of_empty_periods_are_drawn_as_one_line() {
    let row = |period: &str, events, severity| ChartRow {
        period: period.into(),
        events,
        severity,
    };
    let c = Chart {
        bucket: "month",
        rows: vec![
            row("2024-01", 1, -6.0),
            row("2024-02", 0, 0.0),
            row("2024-03", 0, 0.0),
            row("2024-04", 2, -3.0),
            row("2024-05", 0, 0.0),
            row("2024-06", 0, 0.0),
            row("2024-07", 0, 0.0),
            row("2024-08", 1, -1.0),
        ],
    };
    let drawn = chart::draw(&c, 10);
    let labels: Vec<&str> = drawn
        .iter()
        .map(|l| l.split("  ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        labels,
        [
            "2024-01",
            "2024-02",
            "2024-03",
            "2024-04",
            "2024-05 to 2024-07: no events",
            "2024-08"
        ]
    );
}
