//! One meaning of an entity filter: the reader's `f` and `*` and `sitrep brief --entity` keep the
//! same events for the same name, on a hand-made analysis where a capital (Rabat) and national
//! forces (the Royal Moroccan Armed Forces) nest under their country, and both say what the
//! filter covers.

use sitrep::analysis::Analysis;
use sitrep::briefing::{self, BriefFilter, BriefFormat, BriefOptions, Briefing, fixtures};
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::keymap::Key;
use sitrep::tui::layout::Pane;
use sitrep::tui::popup::PopupKind;
use sitrep::tui::{ColorMode, filter::Filter};

const MOROCCO_COVERS: &str = "Morocco (with Figuig, Royal Moroccan Armed Forces, Rabat)";

fn app(an: &Analysis) -> App {
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    app.resize(120, 40);
    app
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        app.handle_key(Key::parse(k).unwrap_or_else(|e| panic!("{e}")));
    }
}

/// `f`, then the picker's row for entity `name`, then Enter.
fn pick_entity(app: &mut App, name: &str) {
    press(app, "f");
    let p = app.popup.as_mut().expect("filter picker");
    assert_eq!(p.kind, PopupKind::Filter);
    let row = p
        .items
        .iter()
        .position(|i| {
            i.lines[0]
                .to_string()
                .trim_start()
                .starts_with(&format!("{name} ("))
        })
        .unwrap_or_else(|| panic!("no picker row for {name}"));
    p.sel = row;
    press(app, "enter");
}

fn brief(an: &Analysis, name: &str) -> Briefing {
    let f = BriefFilter {
        entities: vec![name.to_string()],
        ..BriefFilter::default()
    };
    briefing::build(an, &f)
}

/// The timeline items a briefing kept, sorted.
fn items(b: &Briefing) -> Vec<usize> {
    let sections = [&b.timeline, &b.undated, &b.warnings, &b.proposals];
    let mut v: Vec<usize> = sections
        .iter()
        .flat_map(|s| s.iter().filter_map(|l| l.item))
        .collect();
    v.sort_unstable();
    v
}

fn sorted(rows: &[usize]) -> Vec<usize> {
    let mut v = rows.to_vec();
    v.sort_unstable();
    v
}

#[test]
fn the_reader_and_the_briefing_keep_the_same_events_for_an_entity() {
    let an = fixtures::maghreb();
    for e in &an.entities {
        let mut app = app(&an);
        pick_entity(&mut app, &e.name);
        let b = brief(&an, &e.name);
        assert_eq!(sorted(&app.timeline_rows), items(&b), "{}", e.name);
        // The reader's own briefing view (`b`) keeps them too.
        assert_eq!(items(&app.current_briefing()), items(&b), "{}", e.name);
    }
    // Morocco keeps what its capital and its army did and where it is only mentioned, not
    // Mali's closure of its airspace to Algeria.
    let b = brief(&an, "Morocco");
    let kinds: Vec<&str> = items(&b)
        .iter()
        .map(|&i| an.timeline[i].kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "diplomatic_rupture",
            "deployment",
            "accusation",
            "mediation"
        ]
    );
    // ... and the articles listed are those that mention one of them.
    let mut app = app(&an);
    pick_entity(&mut app, "Morocco");
    assert_eq!(app.list_rows.len(), 2);
}

#[test]
fn an_alias_without_accents_filters_like_the_entity() {
    let an = fixtures::maghreb();
    let by_alias = brief(&an, "algérie");
    let by_name = brief(&an, "Algeria");
    assert_eq!(items(&by_alias), items(&by_name));
    assert!(!items(&by_name).is_empty());
    assert!(by_alias.notice.is_none());
    let mut app = app(&an);
    app.filter = Some(Filter::entity(&an, "ALGERIE"));
    app.refresh_rows();
    assert_eq!(sorted(&app.timeline_rows), items(&by_name));
}

#[test]
fn the_screen_and_the_briefing_say_what_the_filter_covers() {
    let an = fixtures::maghreb();
    let mut app = app(&an);
    pick_entity(&mut app, "Morocco");
    let said = format!("entity {MOROCCO_COVERS}");
    assert_eq!(
        app.message.as_deref(),
        Some(format!("filter: {said}").as_str())
    );
    assert_eq!(app.filter.as_ref().map(Filter::label), Some(said.clone()));
    press(&mut app, "b");
    let title = app.brief.as_ref().expect("briefing view").title();
    assert!(title.contains(&format!("filter: {said}")), "{title}");

    let mut opts = BriefOptions {
        format: BriefFormat::Text,
        entities: vec!["maroc".into()],
        kinds: Vec::new(),
        since: None,
        until: None,
        width: 200,
    };
    let mut out = Vec::new();
    briefing::write_brief(&an, &opts, &mut out).expect("brief writes");
    let text = String::from_utf8(out).expect("UTF-8");
    let line =
        "Filter: entity Morocco (for \"maroc\"; with Figuig, Royal Moroccan Armed Forces, Rabat).";
    assert!(text.contains(line), "{text}");
    opts.format = BriefFormat::Json;
    let mut out = Vec::new();
    briefing::write_brief(&an, &opts, &mut out).expect("brief writes");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(json["entities"][0]["entities"][0], "Morocco");
    assert_eq!(
        json["entities"][0]["nested"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn star_lists_what_the_filter_covers_or_says_why_not() {
    let an = fixtures::maghreb();
    let mut app = app(&an);
    assert_eq!(app.focus, Pane::List);
    press(&mut app, "*");
    assert!(app.popup.is_none());
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.contains("open an article") && said.contains("(f)"),
        "{said}"
    );

    pick_entity(&mut app, "Morocco");
    press(&mut app, "*");
    let p = app.popup.as_ref().expect("mentions popup");
    assert_eq!(p.kind, PopupKind::Mentions);
    let covered = ["Morocco", "Rabat", "Royal Moroccan Armed Forces", "Figuig"];
    let want: u32 = an
        .analyses
        .iter()
        .flat_map(|a| a.entities.iter())
        .filter(|e| covered.contains(&e.name.as_str()))
        .map(|e| e.count)
        .sum();
    let got = p.items.iter().filter(|i| i.target.is_some()).count();
    assert_eq!(got, want as usize);
    assert!(p.title.starts_with(MOROCCO_COVERS), "{}", p.title);
}
