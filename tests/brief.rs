//! Golden tests of `sitrep brief` on the hand-made Sahel fixture, in every format and under
//! filters, plus the binary on the bundled seeds.

use sitrep::analysis::EventKind;
use sitrep::briefing::{self, BriefFilter, BriefFormat, BriefOptions, fixtures};
use sitrep::date::DateValue;

fn opts(format: BriefFormat) -> BriefOptions {
    BriefOptions {
        format,
        entities: Vec::new(),
        kinds: Vec::new(),
        since: None,
        until: None,
        width: 80,
    }
}

fn brief(o: &BriefOptions) -> String {
    let mut out = Vec::new();
    briefing::write_brief(&fixtures::sahel(), o, &mut out).expect("brief writes");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn markdown_briefing() {
    insta::assert_snapshot!(brief(&opts(BriefFormat::Markdown)));
}

#[test]
fn text_briefing() {
    insta::assert_snapshot!(brief(&opts(BriefFormat::Text)));
}

#[test]
fn json_briefing() {
    insta::assert_snapshot!(brief(&opts(BriefFormat::Json)));
}

fn with_filter(format: BriefFormat, f: impl FnOnce(&mut BriefOptions)) -> String {
    let mut o = opts(format);
    f(&mut o);
    brief(&o)
}

#[test]
fn entity_and_date_filter_in_text() {
    // Names are compared without case or accents (not translated): any case of the canonical name.
    let out = with_filter(BriefFormat::Text, |o| {
        o.entities = vec!["ALGERIA".into()];
        o.since = DateValue::parse_iso("2025");
        o.width = 60;
    });
    insta::assert_snapshot!(out);
}

#[test]
fn kind_filter_in_markdown() {
    let out = with_filter(BriefFormat::Markdown, |o| {
        o.kinds = vec![EventKind::DiplomaticRupture, EventKind::Shootdown];
    });
    insta::assert_snapshot!(out);
}

#[test]
fn a_year_dated_event_is_inside_a_window_it_overlaps() {
    let out = with_filter(BriefFormat::Text, |o| {
        o.kinds = vec![EventKind::Deployment];
        o.since = DateValue::parse_iso("2024-09");
    });
    assert!(out.contains("2024 · deployment · Algeria"), "{out}");
    assert!(!out.contains("2024-07-28 · deployment"), "{out}");
}

#[test]
fn filters_that_match_nothing_say_so_in_every_format() {
    let unknown = |f| {
        with_filter(f, |o| {
            o.entities = vec!["Atlantis".into()];
            o.kinds = vec![EventKind::Airstrike];
        })
    };
    insta::assert_snapshot!("no_match_md", unknown(BriefFormat::Markdown));
    insta::assert_snapshot!("no_match_text", unknown(BriefFormat::Text));
    insta::assert_snapshot!("no_match_json", unknown(BriefFormat::Json));
    let out = with_filter(BriefFormat::Text, |o| {
        o.until = DateValue::parse_iso("2020-12-31");
    });
    assert!(
        out.contains("No events match the filter (until 2020-12-31)."),
        "{out}"
    );
}

#[test]
fn text_is_wrapped_to_the_width() {
    for width in [40, 72, 100] {
        let out = with_filter(BriefFormat::Text, |o| o.width = width);
        let chart_start = out.find("ESCALATION CHART").expect("chart");
        let chart_end = out.find("\nSOURCES").expect("sources");
        for (i, line) in out.lines().enumerate() {
            let offset: usize = out.lines().take(i).map(|l| l.len() + 1).sum();
            if (chart_start..chart_end).contains(&offset) && line.contains("event") {
                continue;
            }
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(
                w <= width,
                "line {i} is {w} wide at --width {width}: {line:?}"
            );
        }
    }
}

#[test]
fn briefings_are_deterministic_and_keep_section_order() {
    let md = brief(&opts(BriefFormat::Markdown));
    assert_eq!(md, brief(&opts(BriefFormat::Markdown)));
    let order = [
        "# Situation briefing",
        "## Bottom line",
        "## Key actors",
        "## Timeline",
        "## Undated reported events",
        "## Warnings",
        "## Proposals",
        "## Escalation chart",
        "## Sources",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| {
            md.find(&format!("{h}\n"))
                .unwrap_or_else(|| panic!("{h} missing"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
}

#[test]
fn the_json_briefing_is_the_briefing_data() {
    let b = briefing::build(&fixtures::sahel(), &BriefFilter::default());
    let v: serde_json::Value =
        serde_json::from_str(&brief(&opts(BriefFormat::Json))).expect("valid JSON");
    assert_eq!(v, briefing::to_json(&b));
    assert_eq!(v["chart"]["bucket"], "month");
    let shootdown = v["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .find(|l| l["kind"] == "shootdown")
        .expect("shootdown line");
    assert_eq!(shootdown["sources"].as_array().map(Vec::len), Some(2));
    assert!(shootdown["item"].is_u64() && shootdown["event"]["article"].is_u64());
}

fn run_brief(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("brief")
        .args(args)
        .output()
        .expect("run sitrep");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// The binary on the bundled seeds: every section the two sample articles call for.
#[test]
fn brief_runs_on_the_seeds() {
    let (code, stdout, stderr) = run_brief(&["--format", "md"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("# Situation briefing\n"), "{stdout}");
    for heading in [
        "Bottom line",
        "Key actors",
        "Timeline",
        "Warnings",
        "Proposals",
        "Escalation chart",
        "Sources",
    ] {
        assert!(
            stdout.contains(&format!("\n## {heading}\n")),
            "{heading} missing:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("Algeria") && stdout.contains("Mali"),
        "{stdout}"
    );
}

#[test]
fn the_binary_says_when_a_filter_matches_nothing_and_exits_0() {
    let (code, stdout, stderr) = run_brief(&["--entity", "Atlantis", "--format", "text"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("No events match the filter (entity \"Atlantis\")"),
        "{stdout}"
    );
    let (code, stdout, _) = run_brief(&["--kind", "picnic"]);
    assert_eq!(code, Some(2), "{stdout}");
}

#[test]
fn the_binary_wraps_text_and_prints_valid_json() {
    let (code, stdout, stderr) = run_brief(&["--format", "text", "--width", "50"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("SITUATION BRIEFING\n"), "{stdout}");
    let prose = stdout.split("ESCALATION CHART").next().unwrap_or_default();
    for line in prose.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 50,
            "{line:?}"
        );
    }
    let (code, stdout, stderr) = run_brief(&["--format", "json", "--entity", "mali"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["filter"]["entities"][0], "mali");
    assert!(v["scope"]["events_matched"].as_u64() > Some(0), "{stdout}");
}

fn seeds_briefing(filter: &BriefFilter) -> briefing::Briefing {
    let corpus = sitrep::corpus::load_seeds();
    let vocab = sitrep::analysis::Vocab::builtin().expect("built-in vocabularies");
    let analysis = sitrep::analysis::analyze(corpus.articles, &vocab);
    briefing::build(&analysis, filter)
}

/// Every kept event appears once, in the section its status and date call for, oldest first.
#[test]
fn seeds_briefing_places_every_event_once() {
    let b = seeds_briefing(&BriefFilter::default());
    let listed = b.timeline.len() + b.undated.len() + b.warnings.len() + b.proposals.len();
    assert_eq!(listed, b.scope.events_matched);
    assert!(b.scope.events_matched > 0);
    let keys: Vec<_> = b
        .timeline
        .iter()
        .map(|l| l.date.map(|d| d.timeline_key()))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    assert!(!b.bottom_line.is_empty() && !b.key_actors.is_empty() && b.chart.is_some());
    assert_eq!(b.sources.len(), 2);
}

/// Golden Markdown briefing of the two sample articles. It follows the analysis: when an
/// analysis stage changes on purpose, review the diff and accept the new snapshot.
#[test]
fn seeds_markdown_briefing() {
    insta::assert_snapshot!(briefing::to_markdown(&seeds_briefing(
        &BriefFilter::default()
    )));
}
